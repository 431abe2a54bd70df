# where routes lead: a database in a subnet that only its VPC's main table routes (to an internet
# gateway, over IPv6), one whose public route is a blackhole, one without a subnet group, and a
# region whose route tables are missing; transit gateways accepting attachments by themselves,
# asking first, being deleted, and a region where AWS refused the call
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'PY'
import json
p = "snap/eu-west-1/rds/describe-db-instances.json"
d = json.load(open(p))
def db(name, subnets):
    return {"DBInstanceIdentifier": name, "DBInstanceArn": "arn:aws:rds:eu-west-1:111122223333:db:" + name,
            "Engine": "postgres", "DBSubnetGroup": {"VpcId": "vpc-0e0e0e0e0e0e0e0e0",
            "Subnets": [{"SubnetIdentifier": s} for s in subnets]}} if subnets is not None else \
           {"DBInstanceIdentifier": name, "DBInstanceArn": "arn:aws:rds:eu-west-1:111122223333:db:" + name, "Engine": "postgres"}
d["DBInstances"] = [db("main-table-v6", ["subnet-00000000000000aaa"]), db("blackholed", ["subnet-00000000000000bbb"]),
                    db("classic", None)]
json.dump(d, open(p, "w"))
rt = {"RouteTables": [
    {"RouteTableId": "rtb-main", "VpcId": "vpc-0e0e0e0e0e0e0e0e0", "Associations": [{"Main": True}],
     "Routes": [{"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-0e0e0e0e0e0e0e0e0", "State": "active"}]},
    {"RouteTableId": "rtb-dead", "VpcId": "vpc-0e0e0e0e0e0e0e0e0", "Associations": [{"SubnetId": "subnet-00000000000000bbb"}],
     "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-0e0e0e0e0e0e0e0e0", "State": "blackhole"},
                {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1", "State": "active"}]}]}
json.dump(rt, open("snap/eu-west-1/ec2/describe-route-tables.json", "w"))
json.dump({"DBInstances": [{"DBInstanceIdentifier": "east-db", "Engine": "mysql",
           "DBSubnetGroup": {"VpcId": "vpc-1", "Subnets": [{"SubnetIdentifier": "subnet-1"}]}}]},
          open("snap/us-east-1/rds/describe-db-instances.json", "w"))
tg = json.load(open("snap/eu-west-1/ec2/describe-transit-gateways.json"))
tg["TransitGateways"].append({"TransitGatewayId": "tgw-gone", "State": "deleted",
                              "Options": {"AutoAcceptSharedAttachments": "enable"}})
json.dump(tg, open("snap/eu-west-1/ec2/describe-transit-gateways.json", "w"))
PY
rm snap/us-east-1/ec2/describe-route-tables.json snap/us-east-1/ec2/describe-transit-gateways.json
echo '{"Code": "UnauthorizedOperation", "Message": "You are not authorized to perform this operation."}' \
	> snap/us-east-1/ec2/describe-transit-gateways.error.json
