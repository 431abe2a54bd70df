# Lambda function policies and URLs over acme's functions: a policy open to anyone, one open only
# to the organisation (a condition outsiders cannot meet), one that is not JSON, a refused and a
# missing get-policy; URLs of auth type AWS_IAM shared with another account or not, NONE without
# a policy; subnets in one zone, two zones, and subnets describe-subnets does not list
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
d=snap/eu-west-1/lambda
python3 - "$d" <<'P'
import json, sys
d = sys.argv[1]
A, R = "111122223333", "eu-west-1"
lf = json.load(open(f"{d}/list-functions.json"))
def fn(name, subnets=None):
    f = {"FunctionName": name, "FunctionArn": f"arn:aws:lambda:{R}:{A}:function:{name}",
         "Runtime": "python3.13", "PackageType": "Zip"}
    if subnets is not None:
        f["VpcConfig"] = {"SubnetIds": subnets, "SecurityGroupIds": ["sg-0a1b2c3d4e5f60001"],
                          "VpcId": "vpc-0a1b2c3d4e5f60001"}
    return f
lf["Functions"] += [fn("open-invoke", []), fn("org-only", ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60013"]),
    fn("bad-policy"), fn("refused"), fn("missing", ["subnet-0a1b2c3d4e5f60099", "subnet-0a1b2c3d4e5f60011"]),
    fn("iam-url"), fn("iam-url-own"), fn("none-url-nopolicy")]
json.dump(lf, open(f"{d}/list-functions.json", "w"), indent=1)
def pol(name, stmts):
    doc = {"Version": "2012-10-17", "Statement": stmts}
    json.dump({"Policy": json.dumps(doc), "RevisionId": "r1"}, open(f"{d}/get-policy/{name}.json", "w"))
arn = lambda n: f"arn:aws:lambda:{R}:{A}:function:{n}"
pol("open-invoke", [{"Effect": "Allow", "Principal": "*", "Action": ["lambda:InvokeFunction", "lambda:GetFunction"], "Resource": arn("open-invoke")}])
pol("org-only", [{"Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": arn("org-only"),
    "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}])
json.dump({"Policy": "{\"Version\": \"2012-10-17\", \"Statement\": [", "RevisionId": "r1"}, open(f"{d}/get-policy/bad-policy.json", "w"))
json.dump({"Code": "AccessDeniedException", "Message": "User is not authorized to perform: lambda:GetPolicy"}, open(f"{d}/get-policy/refused.error.json", "w"))
pol("iam-url", [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/partner"}, "Action": "lambda:InvokeFunctionUrl",
    "Resource": arn("iam-url"), "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "AWS_IAM"}}}])
nf = {"Code": "ResourceNotFoundException", "Message": "The resource you requested does not exist."}
json.dump(nf, open(f"{d}/get-policy/iam-url-own.error.json", "w"))
json.dump(nf, open(f"{d}/get-policy/none-url-nopolicy.error.json", "w"))
def urls(name, auth):
    c = [{"FunctionUrl": f"https://{name}.lambda-url.{R}.on.aws/", "FunctionArn": arn(name), "AuthType": auth,
          "CreationTime": "2026-09-01T10:00:00.000000Z", "LastModifiedTime": "2026-09-01T10:00:00.000000Z"}] if auth else []
    json.dump({"FunctionUrlConfigs": c}, open(f"{d}/list-function-url-configs/{name}.json", "w"))
for n in ["open-invoke", "org-only", "bad-policy"]:
    urls(n, None)
urls("refused", "NONE")
urls("iam-url", "AWS_IAM"); urls("iam-url-own", "AWS_IAM"); urls("none-url-nopolicy", "NONE")
json.dump({"Subnets": [
    {"SubnetId": "subnet-0a1b2c3d4e5f60011", "AvailabilityZone": "eu-west-1a", "VpcId": "vpc-0a1b2c3d4e5f60001", "CidrBlock": "10.0.1.0/24"},
    {"SubnetId": "subnet-0a1b2c3d4e5f60012", "AvailabilityZone": "eu-west-1b", "VpcId": "vpc-0a1b2c3d4e5f60001", "CidrBlock": "10.0.2.0/24"},
    {"SubnetId": "subnet-0a1b2c3d4e5f60013", "AvailabilityZone": "eu-west-1a", "VpcId": "vpc-0a1b2c3d4e5f60001", "CidrBlock": "10.0.3.0/24"}]},
    open("snap/eu-west-1/ec2/describe-subnets.json", "w"))
P
