# Instances, subnets, network ACLs, security groups and launch templates in us-east-1: stopped
# 30 days ago (allowed) and 31 (not), a stop without a date, an old type with no
# virtualization given, the instance-level source/destination flag alone; a subnet file that is
# not JSON; groups open to every protocol from ::/0, to ports 80-443 as one range, to UDP and
# to ESP, and one open only to ping; templates: a default behind the latest, the latest fixed
# but not made default, IMDS turned off, HttpTokens optional, a version missing, a refused
# versions file
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
u=snap/us-east-1/ec2
cat > $u/describe-instances.json <<'J'
{"Reservations": [{"Groups": [], "OwnerId": "111122223333", "ReservationId": "r-0b1b2c3d4e5f60030", "Instances": [
 {"InstanceId": "i-0b1b2c3d4e5f60031", "InstanceType": "t3.micro", "VirtualizationType": "hvm", "State": {"Code": 80, "Name": "stopped"},
  "StateTransitionReason": "User initiated (2026-10-21 08:00:00 GMT)", "SourceDestCheck": false, "Tags": [{"Key": "Name", "Value": "thirty-days"}]},
 {"InstanceId": "i-0b1b2c3d4e5f60032", "InstanceType": "t3.micro", "VirtualizationType": "hvm", "State": {"Code": 80, "Name": "stopped"},
  "StateTransitionReason": "User initiated (2026-10-20 08:00:00 GMT)", "SourceDestCheck": true,
  "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0b1b2c3d4e5f60321", "SourceDestCheck": true}]},
 {"InstanceId": "i-0b1b2c3d4e5f60033", "InstanceType": "c3.large", "State": {"Code": 80, "Name": "stopped"}, "StateTransitionReason": "",
  "NetworkInterfaces": [{"NetworkInterfaceId": "eni-0b1b2c3d4e5f60331", "SourceDestCheck": true}, {"NetworkInterfaceId": "eni-0b1b2c3d4e5f60332", "SourceDestCheck": false}, {"NetworkInterfaceId": "eni-0b1b2c3d4e5f60333"}]},
 {"InstanceId": "i-0b1b2c3d4e5f60034", "InstanceType": "t1.micro", "VirtualizationType": "paravirtual", "State": {"Code": 0, "Name": "pending"}, "PublicIpAddress": "198.51.100.7"}
]}]}
J
echo '{"Subnets": [' > $u/describe-subnets.json
cat > $u/describe-network-acls.json <<'J'
{"NetworkAcls": [
 {"Associations": [{"NetworkAclAssociationId": "aclassoc-0b1", "NetworkAclId": "acl-0b1b2c3d4e5f60041", "SubnetId": "subnet-0b1"}, {"NetworkAclAssociationId": "aclassoc-0b2", "NetworkAclId": "acl-0b1b2c3d4e5f60041", "SubnetId": "subnet-0b2"}],
  "Entries": [], "IsDefault": false, "NetworkAclId": "acl-0b1b2c3d4e5f60041", "VpcId": "vpc-0b1b2c3d4e5f60002"},
 {"Associations": [], "Entries": [], "IsDefault": false, "NetworkAclId": "acl-0b1b2c3d4e5f60042"}
]}
J
cat > $u/describe-security-groups.json <<'J'
{"SecurityGroups": [
 {"GroupId": "sg-0b1b2c3d4e5f60051", "GroupName": "all-v6", "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]},
 {"GroupId": "sg-0b1b2c3d4e5f60052", "GroupName": "web-range", "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
 {"GroupId": "sg-0b1b2c3d4e5f60053", "GroupName": "dns-and-vpn", "IpPermissions": [
   {"IpProtocol": "udp", "FromPort": 53, "ToPort": 53, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
   {"IpProtocol": "50", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
   {"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}]},
 {"GroupId": "sg-0b1b2c3d4e5f60054", "GroupName": "ping", "IpPermissions": [
   {"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]},
   {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]}
]}
J
cat > $u/describe-launch-templates.json <<'J'
{"LaunchTemplates": [
 {"LaunchTemplateId": "lt-0b1b2c3d4e5f60061", "LaunchTemplateName": "fixed-not-default", "DefaultVersionNumber": 1, "LatestVersionNumber": 2},
 {"LaunchTemplateId": "lt-0b1b2c3d4e5f60062", "LaunchTemplateName": "latest-worse", "DefaultVersionNumber": 1, "LatestVersionNumber": 2},
 {"LaunchTemplateId": "lt-0b1b2c3d4e5f60063", "LaunchTemplateName": "gap", "DefaultVersionNumber": 4, "LatestVersionNumber": 5},
 {"LaunchTemplateId": "lt-0b1b2c3d4e5f60064", "LaunchTemplateName": "refused", "DefaultVersionNumber": 1, "LatestVersionNumber": 1}
]}
J
mkdir -p $u/describe-launch-template-versions
cat > $u/describe-launch-template-versions/lt-0b1b2c3d4e5f60061.json <<'J'
{"LaunchTemplateVersions": [
 {"VersionNumber": 2, "DefaultVersion": false, "LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"},
  "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": false}], "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": true}}]}},
 {"VersionNumber": 1, "DefaultVersion": true, "LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "enabled"},
  "NetworkInterfaces": [{"DeviceIndex": 0}, {"DeviceIndex": 1, "AssociatePublicIpAddress": true}],
  "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": true}}, {"DeviceName": "/dev/sdf", "Ebs": {"Encrypted": false}}, {"DeviceName": "/dev/sdg", "VirtualName": "ephemeral0"}]}}
]}
J
cat > $u/describe-launch-template-versions/lt-0b1b2c3d4e5f60062.json <<'J'
{"LaunchTemplateVersions": [
 {"VersionNumber": 2, "DefaultVersion": false, "LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "optional"}, "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": true}]}},
 {"VersionNumber": 1, "DefaultVersion": true, "LaunchTemplateData": {"MetadataOptions": {"HttpEndpoint": "disabled"}, "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8}}]}}
]}
J
cat > $u/describe-launch-template-versions/lt-0b1b2c3d4e5f60063.json <<'J'
{"LaunchTemplateVersions": [{"VersionNumber": 5, "DefaultVersion": false, "LaunchTemplateData": {}}]}
J
cat > $u/describe-launch-template-versions/lt-0b1b2c3d4e5f60064.error.json <<'J'
{"Code": "UnauthorizedOperation", "Message": "You are not authorized to perform this operation."}
J
