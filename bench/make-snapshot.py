#!/usr/bin/env python3
"""make-snapshot.py: a large generated account snapshot for the audit benchmark: by default
5,000 users, 2,000 roles, 10,000 customer policies, 20,000 instances and 5,000 buckets, in the
layout yourside audit reads (as the AWS CLI prints each call). Deterministic for a seed."""
import argparse, json, os, random

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--users", type=int, default=5000)
ap.add_argument("--roles", type=int, default=2000)
ap.add_argument("--policies", type=int, default=10000)
ap.add_argument("--instances", type=int, default=20000)
ap.add_argument("--buckets", type=int, default=5000)
ap.add_argument("--seed", type=int, default=7)
a = ap.parse_args()
rnd = random.Random(a.seed)
A = "210987654321"
REGIONS = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2"]


def w(rel, obj):
    p = os.path.join(a.out, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w") as f:
        json.dump(obj, f, indent=4)


def err(rel, code):
    w(rel + ".error.json", {"Code": code, "Message": code})


def day(n):
    return "2026-%02d-%02dT%02d:%02d:00+00:00" % (1 + n % 10, 1 + n % 28, n % 24, n % 60)


SERVICES = ["s3", "ec2", "dynamodb", "sqs", "sns", "lambda", "logs", "kms", "rds", "cloudwatch",
            "ssm", "secretsmanager", "ecr", "ecs", "elasticloadbalancing", "route53"]
VERBS = ["Get*", "List*", "Describe*", "Put*", "Delete*", "Create*", "Update*", "*"]


def statement(i):
    svc = rnd.choice(SERVICES)
    acts = sorted({"%s:%s" % (svc, rnd.choice(VERBS)) for _ in range(rnd.randint(1, 6))})
    res = "*" if rnd.random() < 0.4 else ["arn:aws:%s:eu-west-1:%s:thing-%d/*" % (svc, A, i)]
    st = {"Sid": "S%d" % i, "Effect": "Deny" if rnd.random() < 0.05 else "Allow",
          "Action": acts, "Resource": res}
    if rnd.random() < 0.1:
        st["Condition"] = {"Bool": {"aws:MultiFactorAuthPresent": "true"}}
    return st


def doc(n):
    return {"Version": "2012-10-17", "Statement": [statement(k) for k in range(n)]}


pol_arns = ["arn:aws:iam::%s:policy/team/p%05d" % (A, i) for i in range(a.policies)]
aws_pols = {"AdministratorAccess": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
            "ReadOnlyAccess": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["*:Get*", "*:List*", "*:Describe*"], "Resource": "*"}]}}


def attached(k):
    picks = rnd.sample(range(a.policies), k)
    return [{"PolicyName": "p%05d" % i, "PolicyArn": pol_arns[i]} for i in picks]


groups = []
for g in range(200):
    groups.append({"Path": "/", "GroupName": "g%03d" % g, "GroupId": "AGPA%016d" % g,
                   "Arn": "arn:aws:iam::%s:group/g%03d" % (A, g), "CreateDate": day(g),
                   "GroupPolicyList": [], "AttachedManagedPolicies": attached(rnd.randint(1, 4)) +
                   ([{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}] if g < 2 else [])})
users = []
for u in range(a.users):
    inl = [{"PolicyName": "own", "PolicyDocument": doc(2)}] if rnd.random() < 0.2 else []
    users.append({"Path": "/", "UserName": "user%05d" % u, "UserId": "AIDA%016d" % u,
                  "Arn": "arn:aws:iam::%s:user/user%05d" % (A, u), "CreateDate": day(u),
                  "UserPolicyList": inl, "GroupList": ["g%03d" % rnd.randrange(200) for _ in range(rnd.randint(1, 3))],
                  "AttachedManagedPolicies": attached(rnd.randint(0, 2)), "Tags": []})
roles = []
for r in range(a.roles):
    svc = rnd.choice(["ec2.amazonaws.com", "lambda.amazonaws.com", "ecs-tasks.amazonaws.com", None])
    principal = {"Service": svc} if svc else {"AWS": "arn:aws:iam::%s:root" % A}
    roles.append({"Path": "/", "RoleName": "role%05d" % r, "RoleId": "AROA%016d" % r,
                  "Arn": "arn:aws:iam::%s:role/role%05d" % (A, r), "CreateDate": day(r),
                  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}]},
                  "InstanceProfileList": [{"Path": "/", "InstanceProfileName": "role%05d" % r, "InstanceProfileId": "AIPA%016d" % r,
                                           "Arn": "arn:aws:iam::%s:instance-profile/role%05d" % (A, r), "CreateDate": day(r), "Roles": []}] if svc == "ec2.amazonaws.com" else [],
                  "RolePolicyList": [{"PolicyName": "inline", "PolicyDocument": doc(3)}],
                  "AttachedManagedPolicies": attached(rnd.randint(1, 3)), "Tags": [], "RoleLastUsed": {}})
policies = [{"PolicyName": "p%05d" % i, "PolicyId": "ANPA%016d" % i, "Arn": pol_arns[i], "Path": "/team/",
             "DefaultVersionId": "v2", "AttachmentCount": 1, "PermissionsBoundaryUsageCount": 0, "IsAttachable": True,
             "CreateDate": day(i), "UpdateDate": day(i + 1),
             "PolicyVersionList": [{"Document": doc(rnd.randint(1, 5)), "VersionId": "v2", "IsDefaultVersion": True, "CreateDate": day(i + 1)},
                                   {"Document": doc(1), "VersionId": "v1", "IsDefaultVersion": False, "CreateDate": day(i)}]}
            for i in range(a.policies)]
for name, d in aws_pols.items():
    policies.append({"PolicyName": name, "Arn": "arn:aws:iam::aws:policy/" + name, "DefaultVersionId": "v1", "AttachmentCount": 2,
                     "PolicyVersionList": [{"Document": d, "VersionId": "v1", "IsDefaultVersion": True}]})
w("account.json", {"UserId": "AIDA0000000000000001", "Account": A, "Arn": "arn:aws:iam::%s:user/auditor" % A})
w("snapshot.json", {"time": "2026-11-20T09:00:00Z", "by": "bench/make-snapshot.py"})
w("global/iam/get-account-authorization-details.json",
  {"UserDetailList": users, "GroupDetailList": groups, "RoleDetailList": roles, "Policies": policies})
w("global/iam/get-account-password-policy.json", {"PasswordPolicy": {"MinimumPasswordLength": 12, "PasswordReusePrevention": 5}})
w("global/iam/list-virtual-mfa-devices.json", {"VirtualMFADevices": []})
w("global/iam/list-server-certificates.json", {"ServerCertificateMetadataList": []})
hdr = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,"
       "mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,"
       "access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
       "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated")
rows = [hdr, "<root_account>,arn:aws:iam::%s:root,2019-01-01T00:00:00+00:00,not_supported,2026-01-05T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A" % A]
for u in users:
    pw = rnd.random() < 0.6
    k1 = rnd.random() < 0.7
    rows.append(",".join([u["UserName"], u["Arn"], day(1), "true" if pw else "false", day(2) if pw else "N/A", day(1) if pw else "N/A", "N/A",
                          "true" if rnd.random() < 0.7 else "false", "true" if k1 else "false", day(3) if k1 else "N/A", day(4) if k1 else "N/A",
                          "eu-west-1" if k1 else "N/A", "s3" if k1 else "N/A", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"]))
with open(os.path.join(a.out, "global/iam/credential-report.csv"), "w") as f:
    f.write("\n".join(rows) + "\n")

# S3
names = ["bucket-%05d" % b for b in range(a.buckets)]
w("global/s3/list-buckets.json", {"Buckets": [{"Name": n, "CreationDate": day(i)} for i, n in enumerate(names)], "Owner": {"ID": "abc"}})
err("global/s3control/get-public-access-block", "NoSuchPublicAccessBlockConfiguration")
for i, n in enumerate(names):
    if i % 3 == 0:
        err("global/s3/get-bucket-policy/" + n, "NoSuchBucketPolicy")
    else:
        w("global/s3/get-bucket-policy/%s.json" % n, {"Policy": json.dumps({"Version": "2012-10-17", "Statement": [
            {"Sid": "DenyHttp", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::" + n, "arn:aws:s3:::%s/*" % n], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
            {"Sid": "Read", "Effect": "Allow", "Principal": "*" if i % 50 == 1 else {"AWS": "arn:aws:iam::%s:role/role%05d" % (A, i % a.roles)}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::%s/*" % n}]})})
    w("global/s3/get-bucket-acl/%s.json" % n, {"Owner": {"ID": "abc"}, "Grants": [{"Grantee": {"ID": "abc", "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]})
    if i % 4 == 0:
        err("global/s3/get-public-access-block/" + n, "NoSuchPublicAccessBlockConfiguration")
    else:
        w("global/s3/get-public-access-block/%s.json" % n, {"PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}})
    w("global/s3/get-bucket-versioning/%s.json" % n, {"Status": "Enabled", "MFADelete": "Disabled"})
    err("global/s3/get-object-lock-configuration/" + n, "ObjectLockConfigurationNotFoundError")
    w("global/s3/get-bucket-logging/%s.json" % n, {})
    err("global/s3/get-bucket-replication/" + n, "ReplicationConfigurationNotFoundError")

# regions
per = a.instances // len(REGIONS)
trail = {"Name": "main", "S3BucketName": names[0], "IsMultiRegionTrail": True, "HomeRegion": "us-east-1",
         "TrailARN": "arn:aws:cloudtrail:us-east-1:%s:trail/main" % A, "LogFileValidationEnabled": True, "HasCustomEventSelectors": False}
for ri, r in enumerate(REGIONS):
    res = []
    vols = []
    for k in range(per):
        n = ri * per + k
        inst = {"InstanceId": "i-%017x" % n, "ImageId": "ami-0123456789abcdef0", "InstanceType": "t3.micro", "State": {"Code": 16, "Name": "running"},
                "PrivateIpAddress": "10.%d.%d.%d" % (ri, (k >> 8) & 255, k & 255), "SubnetId": "subnet-%08x" % ri, "VpcId": "vpc-%08x" % ri,
                "MetadataOptions": {"State": "applied", "HttpTokens": "optional" if n % 5 == 0 else "required", "HttpPutResponseHopLimit": 1, "HttpEndpoint": "enabled"},
                "SecurityGroups": [{"GroupId": "sg-%08x" % (n % 500), "GroupName": "sg%d" % (n % 500)}], "LaunchTime": day(n)}
        if n % 7 == 0:
            inst["PublicIpAddress"] = "198.51.%d.%d" % ((n >> 8) & 255, n & 255)
        if n % 3 == 0:
            inst["IamInstanceProfile"] = {"Arn": "arn:aws:iam::%s:instance-profile/role%05d" % (A, (n * 4) % a.roles), "Id": "AIPA"}
        res.append({"ReservationId": "r-%017x" % n, "OwnerId": A, "Groups": [], "Instances": [inst]})
        vols.append({"VolumeId": "vol-%017x" % n, "Encrypted": n % 9 != 0, "Size": 8, "State": "in-use", "VolumeType": "gp3"})
    w(r + "/ec2/describe-instances.json", {"Reservations": res})
    w(r + "/ec2/describe-volumes.json", {"Volumes": vols})
    w(r + "/ec2/get-ebs-encryption-by-default.json", {"EbsEncryptionByDefault": ri % 2 == 0})
    sgs = [{"GroupId": "sg-%08x" % g, "GroupName": "default" if g == 0 else "sg%d" % g, "VpcId": "vpc-%08x" % ri, "Description": "",
            "IpPermissions": [{"IpProtocol": "tcp", "FromPort": p, "ToPort": p, "IpRanges": [{"CidrIp": "0.0.0.0/0" if g % 20 == 0 else "10.0.0.0/8"}], "Ipv6Ranges": []} for p in (22, 443)],
            "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": []}]} for g in range(500)]
    w(r + "/ec2/describe-security-groups.json", {"SecurityGroups": sgs})
    w(r + "/ec2/describe-network-acls.json", {"NetworkAcls": [{"NetworkAclId": "acl-%08x" % ri, "VpcId": "vpc-%08x" % ri, "IsDefault": True, "Entries": [
        {"RuleNumber": 100, "Protocol": "-1", "RuleAction": "allow", "Egress": False, "CidrBlock": "0.0.0.0/0"},
        {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": False, "CidrBlock": "0.0.0.0/0"}]}]})
    w(r + "/ec2/describe-vpcs.json", {"Vpcs": [{"VpcId": "vpc-%08x" % ri, "CidrBlock": "10.%d.0.0/16" % ri, "IsDefault": False}]})
    w(r + "/ec2/describe-flow-logs.json", {"FlowLogs": []})
    w(r + "/elb/describe-load-balancers.json", {"LoadBalancerDescriptions": [{"LoadBalancerName": "classic-%d" % ri, "Scheme": "internet-facing",
                                                                              "Instances": [{"InstanceId": "i-%017x" % (ri * per + k)} for k in range(0, per, 97)]}]})
    w(r + "/elbv2/describe-load-balancers.json", {"LoadBalancers": []})
    w(r + "/elbv2/describe-target-groups.json", {"TargetGroups": []})
    w(r + "/rds/describe-db-instances.json", {"DBInstances": [{"DBInstanceIdentifier": "db%d-%d" % (ri, d), "Engine": "postgres", "StorageEncrypted": d % 2 == 0,
                                                               "PubliclyAccessible": d == 3, "AutoMinorVersionUpgrade": True} for d in range(20)]})
    w(r + "/efs/describe-file-systems.json", {"FileSystems": [{"FileSystemId": "fs-%08x" % (ri * 10 + f), "Encrypted": f % 3 != 0} for f in range(10)]})
    w(r + "/cloudtrail/describe-trails.json", {"trailList": [trail]})
    w(r + "/logs/describe-metric-filters.json", {"metricFilters": []})
    w(r + "/cloudwatch/describe-alarms.json", {"MetricAlarms": []})
    w(r + "/configservice/describe-configuration-recorders.json", {"ConfigurationRecorders": []})
    w(r + "/guardduty/list-detectors.json", {"DetectorIds": []})
    err(r + "/securityhub/describe-hub", "InvalidAccessException")
    w(r + "/accessanalyzer/list-analyzers.json", {"analyzers": []})
    keys = ["%08x-0000-0000-0000-%012x" % (ri, k) for k in range(50)]
    w(r + "/kms/list-keys.json", {"Keys": [{"KeyId": k, "KeyArn": "arn:aws:kms:%s:%s:key/%s" % (r, A, k)} for k in keys]})
    for k in keys:
        w(r + "/kms/describe-key/%s.json" % k, {"KeyMetadata": {"KeyId": k, "KeyManager": "CUSTOMER", "KeyState": "Enabled", "KeySpec": "SYMMETRIC_DEFAULT", "Origin": "AWS_KMS"}})
        w(r + "/kms/get-key-rotation-status/%s.json" % k, {"KeyRotationEnabled": k.endswith("0")})
    w(r + "/backup/list-backup-vaults.json", {"BackupVaultList": [{"BackupVaultName": "Default", "BackupVaultArn": "arn:aws:backup:%s:%s:backup-vault:Default" % (r, A), "Locked": False}]})
    w(r + "/backup/list-backup-plans.json", {"BackupPlansList": []})
w("us-east-1/cloudtrail/get-trail-status/main.json", {"IsLogging": True})
