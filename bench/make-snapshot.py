#!/usr/bin/env python3
"""make-snapshot.py: a large generated account snapshot for the audit benchmark, in the layout
yourside audit reads (as the AWS CLI prints each call), over 4 regions. By default 63,324 files,
120 MB:
- IAM, S3, EC2 and the account's settings (35,498 files, 81 MB): 5,000 users, 2,000 roles,
  10,000 customer policies, 20,000 instances and their volumes, 5,000 buckets (7 calls each),
  2,000 security groups, 80 DB instances, 200 KMS keys;
- FSBP's services (27,826 files, 39 MB), drawn from their own random stream (seed + 1) so the
  files above stay byte-identical for a seed: 500 Lambda functions (URLs, policies, old
  runtimes, planted credentials in their variables), 2,000 EBS snapshots and their sharing,
  200 AMIs, block-public-access states, user data of every instance (0.5-2 KB cloud-init, half
  gzip'd, 2% with keys), 100 launch templates (283 versions), 200 subnets, 60 Aurora clusters,
  500 DB and 160 cluster snapshots and their sharing, the 200 keys' policies, 500 SQS queues,
  500 SNS topics, 300 ECR repositories, 500 secrets, 300 DynamoDB tables, 20 ECS clusters
  (400 services, 300 task definitions), 10 EKS clusters, 49 ElastiCache nodes, 20 OpenSearch
  domains, 50 CloudFront distributions, 100 API Gateway APIs, 100 CodeBuild projects,
  Inspector's status and the security contact; about 1 in 5 of their checks' results fails
  (of the user data, 1 in 50).
- 200 application and network load balancers with their listeners and attributes
  (--load-balancers N; 0 leaves elbv2/describe-load-balancers.json empty, as it was).
Deterministic for a seed."""
import argparse, json, os, random

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--users", type=int, default=5000)
ap.add_argument("--roles", type=int, default=2000)
ap.add_argument("--policies", type=int, default=10000)
ap.add_argument("--instances", type=int, default=20000)
ap.add_argument("--buckets", type=int, default=5000)
ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--load-balancers", type=int, default=200,
                help="also ~N application/network load balancers with listeners and attributes (rewrites elbv2/describe-load-balancers.json)")
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

# ---------------------------------------------------------------------------------------------
# FSBP's services (issue 18), drawn from their own random.Random(seed + 1) so that every file
# above stays byte-identical for a seed: files are only added here, never rewritten (with one
# opt-in exception, --load-balancers, which replaces the empty elbv2/describe-load-balancers).
import base64, datetime, gzip, string, zlib

R = random.Random(a.seed + 1)
NOW = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.timezone.utc)
ALNUM = string.ascii_letters + string.digits
UPPER = string.ascii_uppercase + string.digits
B32 = string.ascii_uppercase + "234567"
OTHER = ["444455556666", "777788889999", "123456789012"]  # partners' and vendors' accounts
TEAMS = ["payments", "orders", "catalog", "search", "identity", "billing", "shipping", "analytics",
         "platform", "marketing", "support", "risk"]
PURPOSES = ["api", "worker", "ingest", "export", "sync", "notifier", "resizer", "scheduler", "etl",
            "webhook", "audit", "cleanup", "reporter", "indexer", "gateway", "events", "mailer",
            "reconciler", "importer", "cache-warmer"]
ENVS = ["prod", "staging", "dev"]
AZ_ID = {"eu-west-1": "euw1", "eu-central-1": "euc1", "us-east-1": "use1", "us-west-2": "usw2"}
counts = {}


def count(what, n=1):
    counts[what] = counts.get(what, 0) + n


def esc(name):
    """A resource's name as a file name, as ys_snapshot_escape writes it."""
    out = []
    for i, b in enumerate(name.encode()):
        if b in (0x25, 0x2F) or b < 0x21 or b > 0x7E or (i == 0 and b == 0x2E):
            out.append("%%%02X" % b)
        else:
            out.append(chr(b))
    return "".join(out)


def when(lo, hi, fmt=None):
    """A time between lo and hi days before the snapshot."""
    t = NOW - datetime.timedelta(seconds=R.randrange(lo * 86400, hi * 86400 + 1))
    return t.strftime(fmt) if fmt else t.isoformat()


def rid(n=17):
    return "%0*x" % (n, R.getrandbits(4 * n))


def uuid():
    h = rid(32)
    return "%s-%s-4%s-%s-%s" % (h[:8], h[8:12], h[13:16], "89ab"[int(h[16], 16) & 3] + h[17:20], h[20:])


def github_token(body):
    """a personal access token: 30 of the random characters, then their base62 CRC-32"""
    digits = string.digits + string.ascii_uppercase + string.ascii_lowercase
    crc, tail = zlib.crc32(body[:30].encode()), ""
    for _ in range(6):
        crc, d = divmod(crc, 62)
        tail = digits[d] + tail
    return "ghp_" + body[:30] + tail


def word(chars, n):
    return "".join(R.choice(chars) for _ in range(n))


def names(n, sep="-", extra=()):
    """n distinct names team-purpose-env, in a stable order."""
    seen, out = set(), []
    while len(out) < n:
        parts = [R.choice(TEAMS), R.choice(PURPOSES), R.choice(ENVS)] + list(extra)
        nm = sep.join(parts)
        if nm in seen:
            nm = "%s%s%d" % (nm, sep, len(out))
        seen.add(nm)
        out.append(nm)
    return out


def fake_secret():
    """A live-looking but fake credential: (variable name, value, kind)."""
    k = R.random()
    if k < 0.45:
        return "STRIPE_SECRET_KEY", "sk_live_" + word(ALNUM, 24)
    if k < 0.75:
        return "AWS_SECRET_ACCESS_KEY", word(ALNUM + "/+", 40)
    if k < 0.9:
        return "SLACK_BOT_TOKEN", "xoxb-%d-%d-%s" % (R.randrange(10**11, 10**12), R.randrange(10**12, 10**13), word(ALNUM, 24))
    return "GITLAB_TOKEN", "glpat-" + word(ALNUM + "-_", 20)


def aws_key():
    return "AKIA" + word(B32, 16)


def pol(statements, pid=None):
    d = {"Version": "2012-10-17"}
    if pid:
        d["Id"] = pid
    d["Statement"] = statements
    return json.dumps(d, separators=(",", ":"))


def env_vars(region, team, purpose, leak_rate):
    v = {"LOG_LEVEL": R.choice(["info", "info", "warn", "debug"]), "STAGE": R.choice(ENVS)}
    if R.random() < 0.6:
        v["TABLE_NAME"] = "%s-%s" % (team, R.choice(["orders", "events", "state", "jobs"]))
    if R.random() < 0.5:
        v["QUEUE_URL"] = "https://sqs.%s.amazonaws.com/%s/%s-%s" % (region, A, team, purpose)
    if R.random() < 0.3:
        v["DB_PASSWORD_SECRET"] = "arn:aws:secretsmanager:%s:%s:secret:%s/prod/db-%s" % (region, A, team, word(ALNUM, 6))
    if R.random() < 0.2:
        v["FEATURE_FLAGS"] = ",".join(R.sample(["beta-checkout", "new-search", "dark-mode", "fast-path", "v2-api"], 2))
    if R.random() < 0.1:
        v["API_KEY"] = R.choice(["changeme", "<set-me>", "${ssm:/%s/api-key}" % team])
    if R.random() < leak_rate:
        name, val = fake_secret()
        v[name] = val
        if name == "AWS_SECRET_ACCESS_KEY":
            v["AWS_ACCESS_KEY_ID"] = aws_key()
        count("credentials planted")
    return v


BASH = ["set -euo pipefail", "exec > >(tee /var/log/user-data.log) 2>&1",
        "dnf update -y", "dnf install -y amazon-cloudwatch-agent jq awscli",
        "yum install -y nginx docker git", "systemctl enable --now docker",
        "usermod -aG docker ec2-user", "mkdir -p /srv/app /var/log/app",
        "aws s3 cp s3://{bucket}/releases/{app}.tar.gz /tmp/{app}.tar.gz --region {region}",
        "tar -C /srv/app -xzf /tmp/{app}.tar.gz", "chown -R app:app /srv/app",
        "aws ssm get-parameter --region {region} --name /{app}/env --with-decryption --query Parameter.Value --output text > /etc/{app}.env",
        "cat > /etc/systemd/system/{app}.service <<'UNIT'\n[Unit]\nDescription={app}\nAfter=network-online.target\n[Service]\nEnvironmentFile=/etc/{app}.env\nExecStart=/srv/app/bin/{app} --port 8080\nRestart=always\nUser=app\n[Install]\nWantedBy=multi-user.target\nUNIT",
        "systemctl daemon-reload", "systemctl enable --now {app}",
        "/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c ssm:AmazonCloudWatch-{app}",
        "echo 'vm.max_map_count=262144' >> /etc/sysctl.d/99-{app}.conf && sysctl --system",
        "timedatectl set-timezone UTC", "hostnamectl set-hostname {app}-$(curl -s http://169.254.169.254/latest/meta-data/instance-id)",
        "curl -fsSL https://get.{app}.internal/bootstrap.sh | bash -s -- --env prod",
        "echo '*/5 * * * * root /srv/app/bin/healthcheck >> /var/log/app/health.log 2>&1' > /etc/cron.d/{app}-health",
        "docker pull {account}.dkr.ecr.{region}.amazonaws.com/{app}:latest",
        "docker run -d --restart always -p 8080:8080 --env-file /etc/{app}.env {account}.dkr.ecr.{region}.amazonaws.com/{app}:latest",
        "mount -t nfs4 -o nfsvers=4.1 fs-0a1b2c3d.efs.{region}.amazonaws.com:/ /mnt/shared",
        "echo 'fs-0a1b2c3d.efs.{region}.amazonaws.com:/ /mnt/shared nfs4 defaults,_netdev 0 0' >> /etc/fstab"]
LEAKS = ["export AWS_ACCESS_KEY_ID={key}\nexport AWS_SECRET_ACCESS_KEY={secret}",
         "echo 'STRIPE_SECRET_KEY={stripe}' >> /etc/{app}.env",
         "cat > /root/.aws/credentials <<'CREDS'\n[default]\naws_access_key_id = {key}\naws_secret_access_key = {secret}\nCREDS"]


def script(region, app, leak_rate):
    """A cloud-init script of 0.5-2 KB: a shell script or a #cloud-config."""
    target = R.randint(500, 2000)
    fill = {"bucket": "bucket-%05d" % R.randrange(a.buckets), "app": app, "region": region, "account": A}
    leak = R.random() < leak_rate
    if leak:
        count("credentials planted")
        fill.update(key=aws_key(), secret=word(ALNUM + "/+", 40), stripe="sk_live_" + word(ALNUM, 24))
    if R.random() < 0.75:
        lines = ["#!/bin/bash", "# %s bootstrap, managed by terraform (module %s)" % (app, R.choice(["ec2-app", "asg-service", "bastion"]))]
        pool = BASH[:]
        R.shuffle(pool)
        if leak:
            pool.insert(R.randrange(4), R.choice(LEAKS))
        for ln in pool:
            if sum(len(x) + 1 for x in lines) >= target:
                break
            lines.append(ln.format(**fill))
        text = "\n".join(lines) + "\n"
    else:
        lines = ["#cloud-config", "package_update: true", "packages:", "  - nginx", "  - jq", "  - amazon-cloudwatch-agent",
                 "write_files:", "  - path: /etc/%s/config.yaml" % app, "    permissions: '0640'", "    content: |",
                 "      region: %s" % region, "      log_level: info", "      listen: 0.0.0.0:8080"]
        if leak:
            lines += ["      aws_access_key_id: %s" % fill["key"], "      aws_secret_access_key: %s" % fill["secret"]]
        lines.append("runcmd:")
        pool = BASH[2:]
        R.shuffle(pool)
        for ln in pool:
            if sum(len(x) + 1 for x in lines) >= target:
                break
            if "\n" not in ln:
                lines.append("  - " + json.dumps(ln.format(**fill)))
        text = "\n".join(lines) + "\n"
    return text


def b64(text, gz):
    raw = text.encode()
    if gz:
        raw = gzip.compress(raw, 9, mtime=0)
    return base64.b64encode(raw).decode()


def statement_for(svc_principal, action, resource, cond=None, sid=None):
    st = {"Sid": sid or "Allow" + svc_principal.split(".")[0].capitalize(), "Effect": "Allow",
          "Principal": {"Service": svc_principal}, "Action": action, "Resource": resource}
    if cond:
        st["Condition"] = cond
    return st


# past AWS's deprecation date by the snapshot's time, and still patched
LAMBDA_OLD = ["python3.7", "python3.8", "python3.11", "nodejs14.x", "nodejs16.x", "nodejs18.x", "nodejs20.x", "java8", "go1.x", "ruby2.7", "dotnet6", "dotnet8"]
LAMBDA_NEW = ["python3.12", "python3.13", "nodejs22.x", "java17", "java21", "provided.al2023", "ruby3.3"]
all_instances = {}
for ri, r in enumerate(REGIONS):
    all_instances[r] = ["i-%017x" % (ri * per + k) for k in range(per)]
subnets_of = {}
images_of = {}
snapshots_of = {}

for ri, r in enumerate(REGIONS):
    vpc = "vpc-%08x" % ri
    # EC2 subnets: the instances' own subnet and 49 more, a third of them public
    subs = []
    for j in range(50):
        sid = "subnet-%08x" % ri if j == 0 else "subnet-" + rid()
        az = r + "abc"[j % 3]
        public = j == 0 or R.random() < 0.3
        subs.append({"AvailabilityZone": az, "AvailabilityZoneId": "%s-az%d" % (AZ_ID[r], j % 3 + 1),
                     "AvailableIpAddressCount": R.randint(0, 251), "CidrBlock": "10.%d.%d.0/24" % (ri, j + 100 if j else 0),
                     "DefaultForAz": False, "MapPublicIpOnLaunch": public, "State": "available", "SubnetId": sid,
                     "VpcId": vpc, "OwnerId": A, "AssignIpv6AddressOnCreation": False, "Ipv6CidrBlockAssociationSet": [],
                     "Tags": [{"Key": "Name", "Value": "%s-%s-%s" % ("public" if public else "private", R.choice(TEAMS), az)}],
                     "SubnetArn": "arn:aws:ec2:%s:%s:subnet/%s" % (r, A, sid)})
    subnets_of[r] = [s["SubnetId"] for s in subs]
    w(r + "/ec2/describe-subnets.json", {"Subnets": subs})
    count("subnets", len(subs))

    # EBS snapshots, 500 a region, each with its createVolumePermission
    snaps = []
    for j in range(500):
        sid = "snap-" + rid()
        enc = R.random() < 0.85
        s = {"Description": R.choice(["nightly backup", "weekly backup", "before upgrade", "Created by CreateImage(i-%017x) for ami-%s" % (ri * per + R.randrange(per), rid()), "DLM policy snapshot", ""]),
             "Encrypted": enc, "OwnerId": A, "Progress": "100%", "SnapshotId": sid, "StartTime": when(1, 900),
             "State": "completed", "VolumeId": "vol-%017x" % (ri * per + R.randrange(per)), "VolumeSize": R.choice([8, 8, 20, 30, 50, 100, 500]),
             "Tags": [{"Key": "Name", "Value": "%s-%s-%s" % (R.choice(TEAMS), R.choice(PURPOSES), R.choice(["nightly", "weekly", "manual"]))}],
             "StorageTier": "standard"}
        if enc:
            s["KmsKeyId"] = "arn:aws:kms:%s:%s:key/%08x-0000-0000-0000-%012x" % (r, A, ri, R.randrange(50))
        snaps.append(s)
        x = R.random()
        perms = [{"Group": "all"}] if x < 0.01 else [{"UserId": R.choice(OTHER)}] if x < 0.04 else []
        count("snapshots public" if x < 0.01 else "snapshots shared" if x < 0.04 else "snapshots private")
        w(r + "/ec2/describe-snapshot-attribute/%s.json" % esc(sid), {"CreateVolumePermissions": perms, "SnapshotId": sid})
    snapshots_of[r] = [s["SnapshotId"] for s in snaps]
    w(r + "/ec2/describe-snapshots.json", {"Snapshots": snaps})
    count("EBS snapshots", len(snaps))

    # AMIs, 50 a region, a few public
    imgs = []
    for j in range(50):
        iid = "ami-" + rid()
        nm = "%s-%s-%s" % (R.choice(TEAMS), R.choice(["base", "web", "worker", "build-agent", "bastion"]), when(1, 700, "%Y-%m-%d"))
        img = {"Architecture": R.choice(["x86_64", "x86_64", "arm64"]), "CreationDate": when(1, 700, "%Y-%m-%dT%H:%M:%S.000Z"),
               "ImageId": iid, "ImageLocation": "%s/%s" % (A, nm), "ImageType": "machine", "Public": R.random() < 0.04,
               "OwnerId": A, "PlatformDetails": "Linux/UNIX", "UsageOperation": "RunInstances", "State": "available",
               "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"DeleteOnTermination": True, "SnapshotId": R.choice(snapshots_of[r]),
                                                                           "VolumeSize": R.choice([8, 30, 50]), "VolumeType": "gp3", "Encrypted": R.random() < 0.8}}],
               "EnaSupport": True, "Hypervisor": "xen", "Name": nm, "RootDeviceName": "/dev/xvda", "RootDeviceType": "ebs",
               "SriovNetSupport": "simple", "VirtualizationType": "hvm", "BootMode": "uefi-preferred"}
        if R.random() < 0.4:
            img["ImdsSupport"] = "v2.0"
        count("AMIs public" if img["Public"] else "AMIs private")
        imgs.append(img)
    images_of[r] = [i["ImageId"] for i in imgs]
    w(r + "/ec2/describe-images.json", {"Images": imgs})
    w(r + "/ec2/get-snapshot-block-public-access-state.json", {"State": ["block-all-sharing", "unblocked", "block-new-sharing", "unblocked"][ri]})
    w(r + "/ec2/get-image-block-public-access-state.json", {"ImageBlockPublicAccessState": ["block-new-sharing", "unblocked", "unblocked", "block-new-sharing"][ri]})

    # user data of every instance, half of it gzip'd
    for iid in all_instances[r]:
        app = "%s-%s" % (R.choice(TEAMS), R.choice(PURPOSES))
        gz = R.random() < 0.5
        w(r + "/ec2/describe-instance-attribute/%s.json" % esc(iid),
          {"InstanceId": iid, "UserData": {"Value": b64(script(r, app, 0.02), gz)}})
        count("user data gzip'd" if gz else "user data plain")

    # launch templates, 25 a region, 1-5 versions each
    lts = []
    for j in range(25):
        ltid = "lt-" + rid()
        nm = "%s-%s" % (R.choice(TEAMS), R.choice(PURPOSES)) + ("-%d" % j)
        nv = R.randint(1, 5)
        created = [when(1, 800) for _ in range(nv)]
        created.sort()
        default = R.randint(1, nv)
        lts.append({"LaunchTemplateId": ltid, "LaunchTemplateName": nm, "CreateTime": created[0],
                    "CreatedBy": "arn:aws:iam::%s:user/user%05d" % (A, R.randrange(a.users)),
                    "DefaultVersionNumber": default, "LatestVersionNumber": nv})
        vers = []
        for v in range(nv, 0, -1):
            data = {"ImageId": R.choice(images_of[r]), "InstanceType": R.choice(["t3.medium", "m5.large", "c6i.xlarge", "r6g.large"]),
                    "IamInstanceProfile": {"Name": "role%05d" % R.randrange(a.roles)},
                    "BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": R.random() < 0.7, "DeleteOnTermination": True,
                                                                                "VolumeSize": R.choice([30, 50, 100]), "VolumeType": "gp3"}}],
                    "NetworkInterfaces": [{"AssociatePublicIpAddress": R.random() < 0.25, "DeleteOnTermination": True, "DeviceIndex": 0,
                                           "Groups": ["sg-%08x" % R.randrange(500)], "SubnetId": R.choice(subnets_of[r])}]}
            if R.random() < 0.7:
                data["MetadataOptions"] = {"HttpTokens": "required" if R.random() < 0.7 else "optional", "HttpPutResponseHopLimit": R.choice([1, 2]), "HttpEndpoint": "enabled"}
            data["UserData"] = b64(script(r, nm, 0.04), R.random() < 0.3)
            vers.append({"LaunchTemplateId": ltid, "LaunchTemplateName": nm, "VersionNumber": v, "VersionDescription": R.choice(["", "bump AMI", "new user data", "first"]),
                         "CreateTime": created[v - 1], "CreatedBy": lts[-1]["CreatedBy"], "DefaultVersion": v == default, "LaunchTemplateData": data})
        w(r + "/ec2/describe-launch-template-versions/%s.json" % esc(ltid), {"LaunchTemplateVersions": vers})
        count("launch template versions", nv)
    w(r + "/ec2/describe-launch-templates.json", {"LaunchTemplates": lts})
    count("launch templates", len(lts))

    # Lambda, 125 functions a region
    fns = []
    for nm in names(125):
        team, purpose = nm.split("-")[0], nm.split("-", 1)[1].rsplit("-", 1)[0]
        arn = "arn:aws:lambda:%s:%s:function:%s" % (r, A, nm)
        f = {"FunctionName": nm, "FunctionArn": arn}
        image = R.random() < 0.05
        if not image:
            old = R.random() < 0.25
            f["Runtime"] = R.choice(LAMBDA_OLD if old else LAMBDA_NEW)
            count("lambda old runtime" if old else "lambda current runtime")
        f.update({"Role": "arn:aws:iam::%s:role/role%05d" % (A, R.randrange(a.roles)), "Handler": "index.handler",
                  "CodeSize": R.randint(2000, 50_000_000), "Description": "%s %s (%s)" % (team, purpose, nm.rsplit("-", 1)[1]),
                  "Timeout": R.choice([3, 15, 30, 60, 300, 900]), "MemorySize": R.choice([128, 256, 512, 1024, 3008]),
                  "LastModified": when(1, 900, "%Y-%m-%dT%H:%M:%S.000+0000"), "CodeSha256": base64.b64encode(R.getrandbits(256).to_bytes(32, "big")).decode(),
                  "Version": "$LATEST"})
        if image:
            del f["Handler"]
        if R.random() < 0.35:
            f["VpcConfig"] = {"SubnetIds": R.sample(subnets_of[r], 2), "SecurityGroupIds": ["sg-%08x" % R.randrange(500)], "VpcId": vpc, "Ipv6AllowedForDualStack": False}
        if R.random() < 0.85:
            f["Environment"] = {"Variables": env_vars(r, team, purpose, 0.04)}
        f.update({"TracingConfig": {"Mode": "Active" if R.random() < 0.3 else "PassThrough"}, "RevisionId": uuid(),
                  "PackageType": "Image" if image else "Zip", "Architectures": [R.choice(["x86_64", "arm64"])], "EphemeralStorage": {"Size": 512}})
        fns.append(f)
        # its URL, if any, and its resource policy
        url = R.random() < 0.05
        auth = R.choice(["NONE", "AWS_IAM"]) if url else None
        cfgs = [{"FunctionUrl": "https://%s.lambda-url.%s.on.aws/" % (word(string.ascii_lowercase + string.digits, 32), r), "FunctionArn": arn,
                 "CreationTime": when(30, 400, "%Y-%m-%dT%H:%M:%S.000000Z"), "LastModifiedTime": when(1, 29, "%Y-%m-%dT%H:%M:%S.000000Z"), "AuthType": auth}] if url else []
        w(r + "/lambda/list-function-url-configs/%s.json" % esc(nm), {"FunctionUrlConfigs": cfgs})
        sts = []
        if auth == "NONE":
            sts += [{"Sid": "FunctionURLAllowPublicAccess", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl", "Resource": arn,
                     "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}]
        if R.random() < 0.27:
            x = R.random()
            if x < 0.4:
                sts.append(statement_for("apigateway.amazonaws.com", "lambda:InvokeFunction", arn, {"ArnLike": {"AWS:SourceArn": "arn:aws:execute-api:%s:%s:%s/*/*/*" % (r, A, word(string.ascii_lowercase + string.digits, 10))}}))
            elif x < 0.6:
                sts.append(statement_for("s3.amazonaws.com", "lambda:InvokeFunction", arn, {"StringEquals": {"AWS:SourceAccount": A}, "ArnLike": {"AWS:SourceArn": "arn:aws:s3:::bucket-%05d" % R.randrange(a.buckets)}}))
            elif x < 0.75:
                sts.append(statement_for("events.amazonaws.com", "lambda:InvokeFunction", arn, {"ArnLike": {"AWS:SourceArn": "arn:aws:events:%s:%s:rule/%s-schedule" % (r, A, nm)}}))
            elif x < 0.85:
                sts.append({"Sid": "partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % R.choice(OTHER)}, "Action": "lambda:InvokeFunction", "Resource": arn})
            elif x < 0.93:
                sts.append({"Sid": "sns-any", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": arn,
                            "Condition": {"StringEquals": {"AWS:SourceAccount": A}}})
            else:
                sts.append({"Sid": "public-invoke", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunction", "Resource": arn})
        if sts:
            w(r + "/lambda/get-policy/%s.json" % esc(nm), {"Policy": pol(sts, "default"), "RevisionId": f["RevisionId"]})
            count("lambda policies")
        else:
            w(r + "/lambda/get-policy/%s.error.json" % esc(nm), {"Code": "ResourceNotFoundException", "Message": "The resource you requested does not exist."})
        count("lambda URLs" if url else "lambda no URL")
    w(r + "/lambda/list-functions.json", {"Functions": fns})
    count("lambda functions", len(fns))

PG_VER = ["11.22", "12.19", "13.15", "14.12", "15.7", "16.3"]
for ri, r in enumerate(REGIONS):
    vpc = "vpc-%08x" % ri
    kms_key = lambda: "arn:aws:kms:%s:%s:key/%08x-0000-0000-0000-%012x" % (r, A, ri, R.randrange(50))
    # RDS: Aurora clusters, DB snapshots of the instances above, cluster snapshots
    clusters = []
    for j in range(15):
        eng = R.choice(["aurora-postgresql", "aurora-postgresql", "aurora-mysql"])
        cid = "%s-%s-%d" % (R.choice(TEAMS), "aurora", j)
        pg = eng == "aurora-postgresql"
        port = (5432 if pg else 3306) if R.random() < 0.8 else R.choice([15432, 13306])
        c = {"AllocatedStorage": 1, "AvailabilityZones": [r + "a", r + "b", r + "c"], "BackupRetentionPeriod": R.choice([1, 1, 7, 14, 35]),
             "DatabaseName": cid.split("-")[0], "DBClusterIdentifier": cid, "DBClusterParameterGroup": "default." + ("aurora-postgresql15" if pg else "aurora-mysql8.0"),
             "DBSubnetGroup": "db-private", "Status": "available",
             "Endpoint": "%s.cluster-%s.%s.rds.amazonaws.com" % (cid, word(string.ascii_lowercase + string.digits, 12), r),
             "MultiAZ": R.random() < 0.6, "Engine": eng, "EngineVersion": R.choice(PG_VER[2:]) if pg else R.choice(["5.7.mysql_aurora.2.11.2", "8.0.mysql_aurora.3.05.2"]),
             "Port": port, "MasterUsername": R.choice(["postgres", "admin", "root", "%s_admin" % cid.split("-")[0]]) if pg else R.choice(["admin", "root", "dbmaster"]),
             "DBClusterMembers": [{"DBInstanceIdentifier": "%s-%d" % (cid, m), "IsClusterWriter": m == 1, "DBClusterParameterGroupStatus": "in-sync", "PromotionTier": 1} for m in range(1, R.randint(2, 3) + 1)],
             "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-%08x" % R.randrange(500), "Status": "active"}],
             "StorageEncrypted": R.random() < 0.85, "DbClusterResourceId": "cluster-" + word(UPPER, 26),
             "DBClusterArn": "arn:aws:rds:%s:%s:cluster:%s" % (r, A, cid), "IAMDatabaseAuthenticationEnabled": R.random() < 0.3,
             "ClusterCreateTime": when(100, 1500), "EnabledCloudwatchLogsExports": (["postgresql"] if pg else R.choice([["audit", "error", "general", "slowquery"], ["error"]])) if R.random() < 0.6 else [],
             "EngineMode": "provisioned", "DeletionProtection": R.random() < 0.5, "HttpEndpointEnabled": False, "CopyTagsToSnapshot": R.random() < 0.6,
             "CrossAccountClone": False, "AutoMinorVersionUpgrade": R.random() < 0.8, "MonitoringInterval": R.choice([0, 0, 60]), "NetworkType": "IPV4"}
        if c["StorageEncrypted"]:
            c["KmsKeyId"] = kms_key()
        if not pg and R.random() < 0.5:
            c["BacktrackWindow"] = 86400
        clusters.append(c)
    w(r + "/rds/describe-db-clusters.json", {"DBClusters": clusters})
    count("RDS clusters", len(clusters))
    dbsnaps = []
    for j in range(125):
        inst = "db%d-%d" % (ri, R.randrange(20))
        auto = R.random() < 0.6
        t = NOW - datetime.timedelta(days=R.randrange(1, 400), minutes=R.randrange(1440))
        sid = ("rds:%s-%s" % (inst, t.strftime("%Y-%m-%d-%H-%M"))) if auto else "%s-%s-%d" % (inst, R.choice(["before-upgrade", "manual", "for-partner", "migration", "final"]), j)
        enc = int(inst.rsplit("-", 1)[1]) % 2 == 0
        s = {"DBSnapshotIdentifier": sid, "DBInstanceIdentifier": inst, "SnapshotCreateTime": t.isoformat(), "Engine": "postgres",
             "AllocatedStorage": R.choice([20, 100, 500]), "Status": "available", "Port": 5432, "AvailabilityZone": r + "a", "VpcId": vpc,
             "InstanceCreateTime": when(800, 1500), "MasterUsername": "postgres", "EngineVersion": R.choice(PG_VER), "LicenseModel": "postgresql-license",
             "SnapshotType": "automated" if auto else "manual", "StorageType": "gp3", "Encrypted": enc,
             "DBSnapshotArn": "arn:aws:rds:%s:%s:snapshot:%s" % (r, A, sid), "IAMDatabaseAuthenticationEnabled": False,
             "DbiResourceId": "db-" + word(UPPER, 26), "OriginalSnapshotCreateTime": t.isoformat(), "SnapshotTarget": "region"}
        if enc:
            s["KmsKeyId"] = kms_key()
        dbsnaps.append(s)
        x = R.random()
        vals = [] if auto or x > 0.08 else ["all"] if x < 0.02 else [R.choice(OTHER)]
        count("DB snapshots public" if vals == ["all"] else "DB snapshots shared" if vals else "DB snapshots private")
        w(r + "/rds/describe-db-snapshot-attributes/%s.json" % esc(sid),
          {"DBSnapshotAttributesResult": {"DBSnapshotIdentifier": sid, "DBSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": vals}]}})
    w(r + "/rds/describe-db-snapshots.json", {"DBSnapshots": dbsnaps})
    count("DB snapshots", len(dbsnaps))
    csnaps = []
    for j in range(40):
        c = R.choice(clusters)
        sid = "%s-%s-%d" % (c["DBClusterIdentifier"], R.choice(["before-upgrade", "weekly", "manual"]), j)
        s = {"AvailabilityZones": c["AvailabilityZones"], "DBClusterSnapshotIdentifier": sid, "DBClusterIdentifier": c["DBClusterIdentifier"],
             "SnapshotCreateTime": when(1, 400), "Engine": c["Engine"], "EngineMode": "provisioned", "AllocatedStorage": 0, "Status": "available",
             "Port": 0, "VpcId": vpc, "ClusterCreateTime": c["ClusterCreateTime"], "MasterUsername": c["MasterUsername"], "EngineVersion": c["EngineVersion"],
             "LicenseModel": "postgresql-license" if c["Engine"] == "aurora-postgresql" else "general-public-license", "SnapshotType": "manual",
             "PercentProgress": 100, "StorageEncrypted": c["StorageEncrypted"],
             "DBClusterSnapshotArn": "arn:aws:rds:%s:%s:cluster-snapshot:%s" % (r, A, sid), "IAMDatabaseAuthenticationEnabled": c["IAMDatabaseAuthenticationEnabled"]}
        if c["StorageEncrypted"]:
            s["KmsKeyId"] = c["KmsKeyId"]
        csnaps.append(s)
        x = R.random()
        vals = ["all"] if x < 0.03 else [R.choice(OTHER)] if x < 0.1 else []
        w(r + "/rds/describe-db-cluster-snapshot-attributes/%s.json" % esc(sid),
          {"DBClusterSnapshotAttributesResult": {"DBClusterSnapshotIdentifier": sid, "DBClusterSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": vals}]}})
    w(r + "/rds/describe-db-cluster-snapshots.json", {"DBClusterSnapshots": csnaps})
    count("RDS cluster snapshots", len(csnaps))

    # KMS: the policies of the 50 keys above
    for k in range(50):
        kid = "%08x-0000-0000-0000-%012x" % (ri, k)
        sts = [{"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % A}, "Action": "kms:*", "Resource": "*"}]
        if R.random() < 0.5:
            sts.append({"Sid": "Allow use of the key", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:role/role%05d" % (A, R.randrange(a.roles))},
                        "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"})
        x = R.random()
        if x < 0.1:
            sts.append({"Sid": "Allow use of the key by the partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % R.choice(OTHER)},
                        "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"})
        elif x < 0.15:
            sts.append({"Sid": "Allow via service", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
                        "Condition": {"StringEquals": {"kms:CallerAccount": A, "kms:ViaService": "s3.%s.amazonaws.com" % r}}})
        elif x < 0.17:
            sts.append({"Sid": "Anyone may decrypt", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"})
        w(r + "/kms/get-key-policy/%s.json" % esc(kid), {"Policy": pol(sts, "key-consolepolicy-3"), "PolicyName": "default"})
        count("KMS key policies")

    # SQS, 125 queues a region
    urls = []
    for nm in names(125):
        fifo = R.random() < 0.1
        dlq = R.random() < 0.2
        q = nm + ("-dlq" if dlq else "") + (".fifo" if fifo else "")
        url = "https://sqs.%s.amazonaws.com/%s/%s" % (r, A, q)
        urls.append(url)
        qarn = "arn:aws:sqs:%s:%s:%s" % (r, A, q)
        at = {"QueueArn": qarn, "ApproximateNumberOfMessages": str(R.choice([0, 0, 0, 3, 120, 4021])), "ApproximateNumberOfMessagesNotVisible": "0",
              "ApproximateNumberOfMessagesDelayed": "0", "CreatedTimestamp": str(int((NOW - datetime.timedelta(days=R.randrange(30, 1500))).timestamp())),
              "LastModifiedTimestamp": str(int((NOW - datetime.timedelta(days=R.randrange(1, 30))).timestamp())), "VisibilityTimeout": str(R.choice([30, 60, 300, 900])),
              "MaximumMessageSize": "262144", "MessageRetentionPeriod": str(R.choice([345600, 1209600])), "DelaySeconds": "0", "ReceiveMessageWaitTimeSeconds": str(R.choice([0, 20]))}
        x = R.random()
        if x < 0.4:
            at["Policy"] = pol([{"Sid": "topic", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": qarn,
                                 "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:%s:%s:%s-events" % (r, A, nm.split("-")[0])}}}], qarn + "/SQSDefaultPolicy")
        elif x < 0.47:
            at["Policy"] = pol([{"Sid": "partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % R.choice(OTHER)}, "Action": ["sqs:SendMessage"], "Resource": qarn}])
        elif x < 0.5:
            at["Policy"] = pol([{"Sid": "webhooks", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": qarn}])
        if not dlq and R.random() < 0.5:
            at["RedrivePolicy"] = json.dumps({"deadLetterTargetArn": qarn.replace(".fifo", "") + "-dlq" + (".fifo" if fifo else ""), "maxReceiveCount": 5}, separators=(",", ":"))
        y = R.random()
        if y < 0.25:
            at["KmsMasterKeyId"] = R.choice(["alias/aws/sqs", kms_key()])
            at["KmsDataKeyReusePeriodSeconds"] = "300"
        else:
            at["SqsManagedSseEnabled"] = "true" if y > 0.33 else "false"
            count("SQS unencrypted" if y <= 0.33 else "SQS SSE")
        if fifo:
            at.update(FifoQueue="true", ContentBasedDeduplication="false", DeduplicationScope="queue", FifoThroughputLimit="perQueue")
        w(r + "/sqs/get-queue-attributes/%s.json" % esc(url), {"Attributes": at})
    w(r + "/sqs/list-queues.json", {"QueueUrls": urls})
    count("SQS queues", len(urls))

    # SNS, 125 topics a region
    topics = []
    for nm in names(125):
        tarn = "arn:aws:sns:%s:%s:%s" % (r, A, nm)
        topics.append({"TopicArn": tarn})
        sts = [{"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
                "Action": ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
                "Resource": tarn, "Condition": {"StringEquals": {"AWS:SourceOwner": A}}}]
        x = R.random()
        if x < 0.03:
            sts.append({"Sid": "anyone-may-subscribe", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["SNS:Subscribe", "SNS:Receive"], "Resource": tarn})
        elif x < 0.25:
            sts.append({"Sid": "events", "Effect": "Allow", "Principal": {"Service": R.choice(["events.amazonaws.com", "cloudwatch.amazonaws.com", "s3.amazonaws.com"])}, "Action": "sns:Publish", "Resource": tarn})
        elif x < 0.32:
            sts.append({"Sid": "partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % R.choice(OTHER)}, "Action": "sns:Subscribe", "Resource": tarn})
        at = {"Policy": json.dumps({"Version": "2008-10-17", "Id": "__default_policy_ID", "Statement": sts}, separators=(",", ":")), "Owner": A,
              "SubscriptionsPending": "0", "TopicArn": tarn, "EffectiveDeliveryPolicy": json.dumps({"http": {"defaultHealthyRetryPolicy": {"minDelayTarget": 20, "maxDelayTarget": 20, "numRetries": 3, "numMaxDelayRetries": 0, "numNoDelayRetries": 0, "numMinDelayRetries": 0, "backoffFunction": "linear"}, "disableSubscriptionOverrides": False, "defaultRequestPolicy": {"headerContentType": "text/plain; charset=UTF-8"}}}, separators=(",", ":")),
              "SubscriptionsConfirmed": str(R.randint(0, 12)), "DisplayName": "", "SubscriptionsDeleted": "0"}
        if R.random() < 0.5:
            at["KmsMasterKeyId"] = R.choice(["alias/aws/sns", kms_key()])
        w(r + "/sns/get-topic-attributes/%s.json" % esc(tarn), {"Attributes": at})
    w(r + "/sns/list-topics.json", {"Topics": topics})
    count("SNS topics", len(topics))

EKS_VERSIONS = ["1.24", "1.26", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33"]
eks_per = [3, 3, 2, 2]
for ri, r in enumerate(REGIONS):
    vpc = "vpc-%08x" % ri
    kms_key = lambda: "arn:aws:kms:%s:%s:key/%08x-0000-0000-0000-%012x" % (r, A, ri, R.randrange(50))
    # ECR, 75 repositories a region, some in namespaces ("team/app")
    repos = []
    for j, nm in enumerate(names(75)):
        if R.random() < 0.5:
            t, rest = nm.split("-", 1)
            nm = t + "/" + rest
        repos.append({"repositoryArn": "arn:aws:ecr:%s:%s:repository/%s" % (r, A, nm), "registryId": A, "repositoryName": nm,
                      "repositoryUri": "%s.dkr.ecr.%s.amazonaws.com/%s" % (A, r, nm), "createdAt": when(30, 1500),
                      "imageTagMutability": "IMMUTABLE" if R.random() < 0.4 else "MUTABLE", "imageScanningConfiguration": {"scanOnPush": R.random() < 0.55},
                      "encryptionConfiguration": {"encryptionType": "KMS", "kmsKey": kms_key()} if R.random() < 0.2 else {"encryptionType": "AES256"}})
        x = R.random()
        if x < 0.3:
            principal = "*" if x < 0.03 else {"AWS": ["arn:aws:iam::%s:root" % o for o in R.sample(OTHER, R.randint(1, 2))]} if x < 0.2 else {"Service": "codebuild.amazonaws.com"}
            text = json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "Pull", "Effect": "Allow", "Principal": principal,
                                                                       "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]}]}, indent=2)
            w(r + "/ecr/get-repository-policy/%s.json" % esc(nm), {"registryId": A, "repositoryName": nm, "policyText": text})
            count("ECR repository policies")
        else:
            w(r + "/ecr/get-repository-policy/%s.error.json" % esc(nm), {"Code": "RepositoryPolicyNotFoundException",
                                                                         "Message": "Repository policy does not exist for the repository with name '%s' in the registry with id '%s'" % (nm, A)})
        if R.random() < 0.6:
            text = json.dumps({"rules": [{"rulePriority": 1, "description": "keep the last %d images" % 30, "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": 30}, "action": {"type": "expire"}}]})
            w(r + "/ecr/get-lifecycle-policy/%s.json" % esc(nm), {"registryId": A, "repositoryName": nm, "lifecyclePolicyText": text, "lastEvaluatedAt": when(0, 2)})
            count("ECR lifecycle policies")
        else:
            w(r + "/ecr/get-lifecycle-policy/%s.error.json" % esc(nm), {"Code": "LifecyclePolicyNotFoundException",
                                                                        "Message": "Lifecycle policy does not exist for the repository with name '%s' in the registry with id '%s'" % (nm, A)})
    w(r + "/ecr/describe-repositories.json", {"repositories": repos})
    w(r + "/ecr/get-registry-scanning-configuration.json", {"registryId": A, "scanningConfiguration":
      {"scanType": "ENHANCED", "rules": [{"scanFrequency": "CONTINUOUS_SCAN", "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}]}]} if ri % 2 == 0 else {"scanType": "BASIC", "rules": []}})
    count("ECR repositories", len(repos))

    # Secrets Manager, 125 secrets a region ("team/env/purpose")
    secs = []
    for nm in names(125, "/"):
        arn = "arn:aws:secretsmanager:%s:%s:secret:%s-%s" % (r, A, nm, word(ALNUM, 6))
        s = {"ARN": arn, "Name": nm, "Description": "%s credentials" % nm.split("/")[1], "LastChangedDate": when(1, 700)}
        if R.random() < 0.5:
            s.update(RotationEnabled=True, RotationLambdaARN="arn:aws:lambda:%s:%s:function:SecretsManagerRDSPostgreSQLRotationSingleUser" % (r, A),
                     RotationRules={"AutomaticallyAfterDays": R.choice([30, 60, 90])}, LastRotatedDate=when(1, 90))
        s.update(LastAccessedDate=when(0, 7, "%Y-%m-%dT00:00:00+00:00") if R.random() < 0.85 else when(91, 400, "%Y-%m-%dT00:00:00+00:00"), Tags=[], SecretVersionsToStages={uuid(): ["AWSCURRENT"]}, CreatedDate=when(700, 1500))
        secs.append(s)
        rp = {"ARN": arn, "Name": nm}
        x = R.random()
        if x < 0.2:
            principal = "*" if x < 0.01 else {"AWS": "arn:aws:iam::%s:root" % R.choice(OTHER)} if x < 0.06 else {"AWS": "arn:aws:iam::%s:role/role%05d" % (A, R.randrange(a.roles))}
            rp["ResourcePolicy"] = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]})
            count("secret resource policies")
        w(r + "/secretsmanager/get-resource-policy/%s.json" % esc(arn), rp)
    w(r + "/secretsmanager/list-secrets.json", {"SecretList": secs})
    count("secrets", len(secs))

    # DynamoDB, 75 tables a region
    tables = names(75)
    for nm in tables:
        ondemand = R.random() < 0.5
        t = {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}], "TableName": nm,
             "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}], "TableStatus": "ACTIVE",
             "CreationDateTime": when(30, 1500), "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0 if ondemand else R.choice([5, 25, 100]),
                                                                          "WriteCapacityUnits": 0 if ondemand else R.choice([5, 25, 100])},
             "TableSizeBytes": R.randint(0, 10**11), "ItemCount": R.randint(0, 10**8), "TableArn": "arn:aws:dynamodb:%s:%s:table/%s" % (r, A, nm), "TableId": uuid()}
        if ondemand:
            t["BillingModeSummary"] = {"BillingMode": "PAY_PER_REQUEST", "LastUpdateToPayPerRequestDateTime": t["CreationDateTime"]}
        if R.random() < 0.3:
            t["SSEDescription"] = {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": kms_key()}
        t["DeletionProtectionEnabled"] = R.random() < 0.4
        w(r + "/dynamodb/describe-table/%s.json" % esc(nm), {"Table": t})
        pitr = R.random() < 0.6
        w(r + "/dynamodb/describe-continuous-backups/%s.json" % esc(nm), {"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED",
          "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "ENABLED", "EarliestRestorableDateTime": when(35, 35), "LatestRestorableDateTime": when(0, 0)} if pitr else {"PointInTimeRecoveryStatus": "DISABLED"}}})
    w(r + "/dynamodb/list-tables.json", {"TableNames": sorted(tables)})
    count("DynamoDB tables", len(tables))

    # ECS: 5 clusters a region with 20 services each; 75 task definition revisions
    tdarns, families = [], []
    for fam in names(25):
        families.append(fam)
        top = R.randint(3, 40)
        for rev in range(top - 2, top + 1):
            tdarn = "arn:aws:ecs:%s:%s:task-definition/%s:%d" % (r, A, fam, rev)
            tdarns.append(tdarn)
            team, purpose = fam.split("-")[0], fam.split("-", 1)[1].rsplit("-", 1)[0]
            conts = []
            for cn in ["app"] + (["sidecar"] if R.random() < 0.3 else []):
                c = {"name": cn if cn == "sidecar" else purpose, "image": "%s.dkr.ecr.%s.amazonaws.com/%s:%s" % (A, r, fam, when(1, 300, "%Y.%m.%d")) if cn == "app" else "public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0",
                     "cpu": 0, "portMappings": [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}] if cn == "app" else [], "essential": cn == "app",
                     "environment": [{"name": k, "value": v} for k, v in env_vars(r, team, purpose, 0.04).items()] if cn == "app" else [],
                     "mountPoints": [], "volumesFrom": [], "systemControls": []}
                if R.random() < 0.3:
                    c["secrets"] = [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:%s:%s:secret:%s/prod/db-%s" % (r, A, team, word(ALNUM, 6))}]
                if R.random() < 0.05:
                    c["privileged"] = True
                if R.random() < 0.4:
                    c["readonlyRootFilesystem"] = True
                if R.random() < 0.5:
                    c["user"] = "1000:1000"
                if R.random() < 0.85:
                    c["logConfiguration"] = {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/" + fam, "awslogs-region": r, "awslogs-stream-prefix": "ecs"}}
                conts.append(c)
            mode = R.choice(["awsvpc", "awsvpc", "awsvpc", "bridge", "host"])
            td = {"taskDefinitionArn": tdarn, "containerDefinitions": conts, "family": fam, "taskRoleArn": "arn:aws:iam::%s:role/role%05d" % (A, R.randrange(a.roles)),
                  "executionRoleArn": "arn:aws:iam::%s:role/ecsTaskExecutionRole" % A, "networkMode": mode, "revision": rev, "volumes": [], "status": "ACTIVE",
                  "placementConstraints": [], "compatibilities": ["EC2", "FARGATE"] if mode == "awsvpc" else ["EC2"], "requiresCompatibilities": ["FARGATE"] if mode == "awsvpc" else ["EC2"],
                  "cpu": "512", "memory": "1024", "registeredAt": when(1, 400), "registeredBy": "arn:aws:iam::%s:role/deploy" % A}
            if mode == "host" and R.random() < 0.5:
                td["pidMode"] = "host"
            w(r + "/ecs/describe-task-definition/%s.json" % esc(tdarn), {"taskDefinition": td, "tags": []})
    w(r + "/ecs/list-task-definitions.json", {"taskDefinitionArns": tdarns})
    count("ECS task definitions", len(tdarns))
    carns = []
    for j in range(5):
        cn = "%s-%s" % (TEAMS[(ri * 5 + j) % len(TEAMS)], R.choice(["prod", "staging", "shared"]))
        carn = "arn:aws:ecs:%s:%s:cluster/%s" % (r, A, cn)
        carns.append(carn)
        sarns = []
        for k in range(20):
            sn = "%s-%d" % (R.choice(families), k)
            sarn = "arn:aws:ecs:%s:%s:service/%s/%s" % (r, A, cn, sn)
            sarns.append(sarn)
            fam = sn.rsplit("-", 1)[0]
            fargate = R.random() < 0.7
            svc = {"serviceArn": sarn, "serviceName": sn, "clusterArn": carn, "loadBalancers": [], "serviceRegistries": [], "status": "ACTIVE",
                   "desiredCount": R.randint(1, 6), "runningCount": R.randint(1, 6), "pendingCount": 0, "launchType": "FARGATE" if fargate else "EC2"}
            if fargate:
                svc.update(platformVersion=R.choice(["LATEST", "LATEST", "1.4.0", "1.3.0"]), platformFamily="Linux")
            svc.update({"taskDefinition": R.choice([t for t in tdarns if t.split("/")[1].rsplit(":", 1)[0] == fam]),
                        "deploymentConfiguration": {"deploymentCircuitBreaker": {"enable": R.random() < 0.5, "rollback": True}, "maximumPercent": 200, "minimumHealthyPercent": 100},
                        "deployments": [], "roleArn": "arn:aws:iam::%s:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS" % A, "events": [],
                        "createdAt": when(30, 900), "placementConstraints": [], "placementStrategy": [],
                        "networkConfiguration": {"awsvpcConfiguration": {"subnets": R.sample(subnets_of[r], 2), "securityGroups": ["sg-%08x" % R.randrange(500)],
                                                                         "assignPublicIp": "ENABLED" if R.random() < 0.1 else "DISABLED"}},
                        "schedulingStrategy": "REPLICA", "deploymentController": {"type": "ECS"}, "createdBy": "arn:aws:iam::%s:role/deploy" % A,
                        "enableECSManagedTags": False, "propagateTags": "NONE", "enableExecuteCommand": R.random() < 0.2})
            w(r + "/ecs/describe-services/%s.json" % esc(sarn), {"services": [svc], "failures": []})
        w(r + "/ecs/list-services/%s.json" % esc(carn), {"serviceArns": sarns})
        w(r + "/ecs/describe-clusters/%s.json" % esc(carn), {"clusters": [{"clusterArn": carn, "clusterName": cn, "status": "ACTIVE", "registeredContainerInstancesCount": R.randint(0, 30),
          "runningTasksCount": R.randint(20, 120), "pendingTasksCount": 0, "activeServicesCount": 20, "statistics": [], "tags": [],
          "settings": [{"name": "containerInsights", "value": R.choice(["enabled", "disabled", "enhanced"])}], "capacityProviders": ["FARGATE", "FARGATE_SPOT"],
          "defaultCapacityProviderStrategy": []}], "failures": []})
        count("ECS services", 20)
    w(r + "/ecs/list-clusters.json", {"clusterArns": carns})
    count("ECS clusters", len(carns))

    # EKS, 10 clusters in all
    eks = []
    for j in range(eks_per[ri]):
        nm = "%s-k8s-%s" % (R.choice(TEAMS), R.choice(ENVS)) + str(j)
        eks.append(nm)
        h = word("0123456789ABCDEF", 32)
        pub = R.random() < 0.6
        c = {"name": nm, "arn": "arn:aws:eks:%s:%s:cluster/%s" % (r, A, nm), "createdAt": when(100, 1200), "version": R.choice(EKS_VERSIONS),
             "endpoint": "https://%s.gr7.%s.eks.amazonaws.com" % (h, r), "roleArn": "arn:aws:iam::%s:role/role%05d" % (A, R.randrange(a.roles)),
             "resourcesVpcConfig": {"subnetIds": R.sample(subnets_of[r], 3), "securityGroupIds": [], "clusterSecurityGroupId": "sg-" + rid(), "vpcId": vpc,
                                    "endpointPublicAccess": pub, "endpointPrivateAccess": True, "publicAccessCidrs": [R.choice(["0.0.0.0/0", "203.0.113.0/24"])] if pub else []},
             "kubernetesNetworkConfig": {"serviceIpv4Cidr": "172.20.0.0/16", "ipFamily": "ipv4"},
             "logging": {"clusterLogging": [{"types": ["api", "audit", "authenticator", "controllerManager", "scheduler"], "enabled": R.random() < 0.5}]},
             "identity": {"oidc": {"issuer": "https://oidc.eks.%s.amazonaws.com/id/%s" % (r, h)}}, "status": "ACTIVE",
             "certificateAuthority": {"data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg=="}, "platformVersion": "eks.%d" % R.randint(5, 25), "tags": {}}
        if R.random() < 0.5:
            c["encryptionConfig"] = [{"resources": ["secrets"], "provider": {"keyArn": kms_key()}}]
        w(r + "/eks/describe-cluster/%s.json" % esc(nm), {"cluster": c})
    w(r + "/eks/list-clusters.json", {"clusters": eks})
    count("EKS clusters", len(eks))

for ri, r in enumerate(REGIONS):
    vpc = "vpc-%08x" % ri
    kms_key = lambda: "arn:aws:kms:%s:%s:key/%08x-0000-0000-0000-%012x" % (r, A, ri, R.randrange(50))
    # ElastiCache: 4 Redis replication groups of 2-3 nodes and 2 standalone nodes a region
    ccs, rgs = [], []
    host = word(string.ascii_lowercase + string.digits, 6)
    for j in range(6):
        redis = j < 4 or R.random() < 0.5
        grp = j < 4
        secure = R.random() < 0.6
        ver = R.choice(["7.1.0", "7.1.0", "6.2.6", "5.0.6"]) if redis else "1.6.22"
        base = "%s-%s-%d" % (R.choice(TEAMS), R.choice(["sessions", "cache", "ratelimit", "queue"]), j)
        members = ["%s-%03d" % (base, m) for m in range(1, R.randint(2, 3) + 1)] if grp else [base]
        for m, cid in enumerate(members):
            c = {"CacheClusterId": cid, "ClientDownloadLandingPage": "https://console.aws.amazon.com/elasticache/home#client-download:",
                 "CacheNodeType": R.choice(["cache.t4g.small", "cache.r6g.large", "cache.m6g.large"]), "Engine": "redis" if redis else "memcached", "EngineVersion": ver,
                 "CacheClusterStatus": "available", "NumCacheNodes": 1, "PreferredAvailabilityZone": r + "abc"[m % 3], "CacheClusterCreateTime": when(100, 1200),
                 "PreferredMaintenanceWindow": "sun:03:00-sun:04:00", "PendingModifiedValues": {}, "CacheSecurityGroups": [],
                 "CacheParameterGroup": {"CacheParameterGroupName": "default.redis7" if redis else "default.memcached1.6", "ParameterApplyStatus": "in-sync", "CacheNodeIdsToReboot": []},
                 "CacheSubnetGroupName": R.choice(["default", "private"]), "AutoMinorVersionUpgrade": R.random() < 0.7,
                 "SecurityGroups": [{"SecurityGroupId": "sg-%08x" % R.randrange(500), "Status": "active"}]}
            if grp:
                c["ReplicationGroupId"] = base
            c.update({"SnapshotRetentionLimit": R.choice([0, 1, 7]) if redis else 0, "SnapshotWindow": "02:00-03:00", "AuthTokenEnabled": secure and redis,
                      "TransitEncryptionEnabled": secure, "AtRestEncryptionEnabled": secure and redis, "ARN": "arn:aws:elasticache:%s:%s:cluster:%s" % (r, A, cid),
                      "ReplicationGroupLogDeliveryEnabled": False, "LogDeliveryConfigurations": [], "NetworkType": "ipv4", "IpDiscovery": "ipv4"})
            if secure:
                c["TransitEncryptionMode"] = "required"
            ccs.append(c)
        if grp:
            multi = len(members) > 1 and R.random() < 0.7
            g = {"ReplicationGroupId": base, "Description": base.split("-")[1], "GlobalReplicationGroupInfo": {}, "Status": "available", "PendingModifiedValues": {},
                 "MemberClusters": members, "NodeGroups": [{"NodeGroupId": "0001", "Status": "available",
                                                            "PrimaryEndpoint": {"Address": "master.%s.%s.%s.cache.amazonaws.com" % (base, host, AZ_ID[r]), "Port": 6379},
                                                            "ReaderEndpoint": {"Address": "replica.%s.%s.%s.cache.amazonaws.com" % (base, host, AZ_ID[r]), "Port": 6379},
                                                            "NodeGroupMembers": [{"CacheClusterId": cid, "CacheNodeId": "0001", "ReadEndpoint": {"Address": "%s.%s.%s.%s.cache.amazonaws.com" % (cid, base, host, AZ_ID[r]), "Port": 6379},
                                                                                  "PreferredAvailabilityZone": r + "abc"[m % 3], "CurrentRole": "primary" if m == 0 else "replica"} for m, cid in enumerate(members)]}],
                 "SnapshottingClusterId": members[0], "AutomaticFailover": "enabled" if multi else "disabled", "MultiAZ": "enabled" if multi else "disabled",
                 "SnapshotRetentionLimit": ccs[-1]["SnapshotRetentionLimit"], "SnapshotWindow": "02:00-03:00", "ClusterEnabled": False, "CacheNodeType": ccs[-1]["CacheNodeType"],
                 "AuthTokenEnabled": secure, "TransitEncryptionEnabled": secure, "AtRestEncryptionEnabled": secure, "MemberClustersOutpostArns": [],
                 "ARN": "arn:aws:elasticache:%s:%s:replicationgroup:%s" % (r, A, base), "LogDeliveryConfigurations": [], "ReplicationGroupCreateTime": ccs[-1]["CacheClusterCreateTime"],
                 "DataTiering": "disabled", "AutoMinorVersionUpgrade": ccs[-1]["AutoMinorVersionUpgrade"], "NetworkType": "ipv4", "IpDiscovery": "ipv4", "ClusterMode": "disabled", "Engine": "redis"}
            if secure:
                g.update(TransitEncryptionMode="required", KmsKeyId=kms_key())
            rgs.append(g)
    w(r + "/elasticache/describe-cache-clusters.json", {"CacheClusters": ccs})
    w(r + "/elasticache/describe-replication-groups.json", {"ReplicationGroups": rgs})
    count("ElastiCache nodes", len(ccs))
    count("ElastiCache replication groups", len(rgs))

    # OpenSearch, 5 domains a region
    doms = []
    for j in range(5):
        nm = "%s-%s-%d" % (R.choice(TEAMS), R.choice(["logs", "search", "metrics"]), j)
        doms.append({"DomainName": nm, "EngineType": "OpenSearch"})
        secure = R.random() < 0.6
        invpc = R.random() < 0.6
        arn = "arn:aws:es:%s:%s:domain/%s" % (r, A, nm)
        principal = {"AWS": "*"} if not secure and R.random() < 0.5 else {"AWS": "arn:aws:iam::%s:role/role%05d" % (A, R.randrange(a.roles))}
        n = R.choice([1, 2, 3])
        d = {"DomainId": "%s/%s" % (A, nm), "DomainName": nm, "ARN": arn, "Created": True, "Deleted": False, "Processing": False, "UpgradeProcessing": False,
             "EngineVersion": R.choice(["OpenSearch_1.3", "OpenSearch_2.11", "OpenSearch_2.15", "Elasticsearch_7.10"]),
             "ClusterConfig": dict({"InstanceType": "r6g.large.search", "InstanceCount": n, "DedicatedMasterEnabled": n == 3, "ZoneAwarenessEnabled": n > 1, "WarmEnabled": False,
                               "ColdStorageOptions": {"Enabled": False}, "MultiAZWithStandbyEnabled": False}, **({"DedicatedMasterType": "m6g.large.search", "DedicatedMasterCount": 3} if n == 3 else {})),
             "EBSOptions": {"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": R.choice([20, 100, 500]), "Iops": 3000, "Throughput": 125},
             "AccessPolicies": pol([{"Effect": "Allow", "Principal": principal, "Action": "es:*" if principal == {"AWS": "*"} else "es:ESHttp*", "Resource": arn + "/*"}]),
             "IPAddressType": "ipv4", "SnapshotOptions": {}, "CognitoOptions": {"Enabled": False},
             "EncryptionAtRestOptions": {"Enabled": True, "KmsKeyId": kms_key()} if secure else {"Enabled": False},
             "NodeToNodeEncryptionOptions": {"Enabled": secure}, "AdvancedOptions": {"rest.action.multi.allow_explicit_index": "true"},
             "LogPublishingOptions": {"AUDIT_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:%s:%s:log-group:/aws/opensearch/%s/audit" % (r, A, nm), "Enabled": True},
                                      "ES_APPLICATION_LOGS": {"CloudWatchLogsLogGroupArn": "arn:aws:logs:%s:%s:log-group:/aws/opensearch/%s/application" % (r, A, nm), "Enabled": True}} if R.random() < 0.5 else {},
             "DomainEndpointOptions": {"EnforceHTTPS": secure, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10" if secure else "Policy-Min-TLS-1-0-2019-07", "CustomEndpointEnabled": False},
             "AdvancedSecurityOptions": {"Enabled": secure, "InternalUserDatabaseEnabled": False, "AnonymousAuthEnabled": False},
             "SoftwareUpdateOptions": {"AutoSoftwareUpdateEnabled": R.random() < 0.5}, "DomainProcessingStatus": "Active", "ModifyingProperties": []}
        if invpc:
            d["Endpoints"] = {"vpc": "vpc-%s-%s.%s.es.amazonaws.com" % (nm, word(string.ascii_lowercase + string.digits, 20), r)}
            d["VPCOptions"] = {"VPCId": vpc, "SubnetIds": R.sample(subnets_of[r], 3), "AvailabilityZones": [r + "a", r + "b", r + "c"], "SecurityGroupIds": ["sg-%08x" % R.randrange(500)]}
        else:
            d["Endpoint"] = "search-%s-%s.%s.es.amazonaws.com" % (nm, word(string.ascii_lowercase + string.digits, 26), r)
        w(r + "/opensearch/describe-domain/%s.json" % esc(nm), {"DomainStatus": d})
    w(r + "/opensearch/list-domain-names.json", {"DomainNames": doms})
    count("OpenSearch domains", len(doms))

    # API Gateway: 15 REST APIs and 10 HTTP APIs a region
    rest = []
    for j in range(15):
        aid = word(string.ascii_lowercase + string.digits, 10)
        nm = "%s-%s-api" % (R.choice(TEAMS), R.choice(ENVS))
        rest.append({"id": aid, "name": nm, "description": "%s REST API" % nm, "createdDate": when(100, 1500), "apiKeySource": "HEADER",
                     "endpointConfiguration": {"types": [R.choice(["REGIONAL", "REGIONAL", "EDGE", "PRIVATE"])]}, "disableExecuteApiEndpoint": False})
        stages = []
        for sn in R.sample(["prod", "staging", "dev", "v1"], R.randint(1, 3)):
            logged = R.random() < 0.5
            st = {"deploymentId": word(string.ascii_lowercase + string.digits, 6), "stageName": sn, "cacheClusterEnabled": R.random() < 0.2,
                  "cacheClusterStatus": "NOT_AVAILABLE", "methodSettings": {"*/*": {"metricsEnabled": logged, "loggingLevel": R.choice(["INFO", "ERROR"]) if logged else "OFF",
                  "dataTraceEnabled": False, "throttlingBurstLimit": 5000, "throttlingRateLimit": 10000.0, "cachingEnabled": False, "cacheTtlInSeconds": 300,
                  "cacheDataEncrypted": R.random() < 0.5, "requireAuthorizationForCacheControl": True, "unauthorizedCacheControlHeaderStrategy": "SUCCEED_WITH_RESPONSE_HEADER"}},
                  "tracingEnabled": R.random() < 0.3, "createdDate": when(100, 1500), "lastUpdatedDate": when(1, 99)}
            if logged:
                st["accessLogSettings"] = {"format": "$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status",
                                           "destinationArn": "arn:aws:logs:%s:%s:log-group:/aws/apigateway/%s-%s" % (r, A, nm, sn)}
            if R.random() < 0.3:
                st["webAclArn"] = "arn:aws:wafv2:%s:%s:regional/webacl/api-acl/%s" % (r, A, uuid())
            if R.random() < 0.2:
                st["clientCertificateId"] = word(string.ascii_lowercase + string.digits, 6)
            stages.append(st)
        w(r + "/apigateway/get-stages/%s.json" % esc(aid), {"item": stages})
    w(r + "/apigateway/get-rest-apis.json", {"items": rest})
    count("REST APIs", len(rest))
    http = []
    for j in range(10):
        aid = word(string.ascii_lowercase + string.digits, 10)
        nm = "%s-%s-http" % (R.choice(TEAMS), R.choice(ENVS))
        http.append({"ApiEndpoint": "https://%s.execute-api.%s.amazonaws.com" % (aid, r), "ApiId": aid, "ApiKeySelectionExpression": "$request.header.x-api-key",
                     "CreatedDate": when(30, 900), "DisableExecuteApiEndpoint": False, "Name": nm, "ProtocolType": "HTTP",
                     "RouteSelectionExpression": "$request.method $request.path", "Tags": {}})
        routes = []
        for path in R.sample(["GET /orders", "POST /orders", "GET /orders/{id}", "GET /health", "POST /webhooks", "GET /items", "PUT /items/{id}", "DELETE /items/{id}"], R.randint(2, 6)):
            auth = R.choice(["JWT", "JWT", "AWS_IAM", "NONE"])
            rt = {"ApiKeyRequired": False, "AuthorizationType": auth, "RouteId": word(string.ascii_lowercase + string.digits, 7), "RouteKey": path,
                  "Target": "integrations/" + word(string.ascii_lowercase + string.digits, 7)}
            if auth == "JWT":
                rt.update(AuthorizationScopes=["api/" + path.split()[0].lower()], AuthorizerId=word(string.ascii_lowercase + string.digits, 6))
            routes.append(rt)
        w(r + "/apigatewayv2/get-routes/%s.json" % esc(aid), {"Items": routes})
        st = {"AutoDeploy": True, "CreatedDate": when(30, 900), "DefaultRouteSettings": {"DetailedMetricsEnabled": R.random() < 0.3}, "DeploymentId": word(string.ascii_lowercase + string.digits, 6),
              "LastUpdatedDate": when(1, 29), "RouteSettings": {}, "StageName": "$default", "StageVariables": {}, "Tags": {}}
        if R.random() < 0.5:
            st["AccessLogSettings"] = {"DestinationArn": "arn:aws:logs:%s:%s:log-group:/aws/apigateway/%s" % (r, A, nm), "Format": "$context.requestId $context.status"}
        w(r + "/apigatewayv2/get-stages/%s.json" % esc(aid), {"Items": [st]})
    w(r + "/apigatewayv2/get-apis.json", {"Items": http})
    count("HTTP APIs", len(http))

    # CodeBuild, 25 projects a region
    projs = names(25)
    for nm in projs:
        team = nm.split("-")[0]
        src = R.choice(["GITHUB", "GITHUB", "CODECOMMIT", "BITBUCKET", "S3"])
        loc = {"GITHUB": "https://github.com/acme/%s.git" % nm, "BITBUCKET": "https://bitbucket.org/acme/%s.git" % nm,
               "CODECOMMIT": "https://git-codecommit.%s.amazonaws.com/v1/repos/%s" % (r, nm), "S3": "bucket-%05d/src/%s.zip" % (R.randrange(a.buckets), nm)}[src]
        if src in ("GITHUB", "BITBUCKET") and R.random() < 0.04:
            loc = loc.replace("https://", "https://ci-bot:%s@" % github_token(word(ALNUM, 36)))
            count("credentials planted")
        envs = [{"name": "NODE_VERSION", "value": R.choice(["18", "20", "22"]), "type": "PLAINTEXT"}, {"name": "STAGE", "value": R.choice(ENVS), "type": "PLAINTEXT"}]
        if R.random() < 0.4:
            envs.append({"name": "DEPLOY_KEY", "value": "/%s/ci/deploy-key" % team, "type": "PARAMETER_STORE"})
        if R.random() < 0.2:
            envs.append({"name": "DOCKERHUB_TOKEN", "value": "%s/ci/dockerhub:token" % team, "type": "SECRETS_MANAGER"})
        if R.random() < 0.05:
            envs += [{"name": "AWS_ACCESS_KEY_ID", "value": aws_key(), "type": "PLAINTEXT"}, {"name": "AWS_SECRET_ACCESS_KEY", "value": word(ALNUM + "/+", 40), "type": "PLAINTEXT"}]
            count("credentials planted")
        elif R.random() < 0.04:
            envs.append({"name": "NPM_TOKEN", "value": "npm_" + word(ALNUM, 36), "type": "PLAINTEXT"})
            count("credentials planted")
        p = {"name": nm, "arn": "arn:aws:codebuild:%s:%s:project/%s" % (r, A, nm),
             "source": {"type": src, "location": loc, "gitCloneDepth": 1, "reportBuildStatus": src == "GITHUB", "insecureSsl": False},
             "secondarySources": [], "secondarySourceVersions": [], "artifacts": {"type": "NO_ARTIFACTS"}, "secondaryArtifacts": [], "cache": {"type": "NO_CACHE"},
             "environment": {"type": "LINUX_CONTAINER", "image": R.choice(["aws/codebuild/standard:7.0", "aws/codebuild/amazonlinux2-x86_64-standard:5.0"]),
                             "computeType": "BUILD_GENERAL1_SMALL", "environmentVariables": envs, "privilegedMode": R.random() < 0.3, "imagePullCredentialsType": "CODEBUILD"},
             "serviceRole": "arn:aws:iam::%s:role/service-role/codebuild-%s" % (A, nm), "timeoutInMinutes": 60, "queuedTimeoutInMinutes": 480,
             "encryptionKey": "arn:aws:kms:%s:%s:alias/aws/s3" % (r, A), "tags": [], "created": when(100, 1500), "lastModified": when(1, 99), "badge": {"badgeEnabled": False},
             "logsConfig": {"cloudWatchLogs": {"status": "ENABLED" if R.random() < 0.8 else "DISABLED"},
                            "s3Logs": {"status": "ENABLED", "location": "bucket-%05d/codebuild/%s" % (R.randrange(a.buckets), nm), "encryptionDisabled": R.random() < 0.3} if R.random() < 0.4 else {"status": "DISABLED", "encryptionDisabled": False}},
             "projectVisibility": "PRIVATE"}
        w(r + "/codebuild/batch-get-projects/%s.json" % esc(nm), {"projects": [p], "projectsNotFound": []})
    w(r + "/codebuild/list-projects.json", {"projects": projs})
    count("CodeBuild projects", len(projs))

    # Inspector: on everywhere but us-west-2, Lambda scanning off in eu-central-1
    st = lambda s: {"status": s}
    on = ri != 3
    w(r + "/inspector2/batch-get-account-status.json", {"accounts": [{"accountId": A, "resourceState": {"ec2": st("ENABLED" if on else "DISABLED"), "ecr": st("ENABLED" if on else "DISABLED"),
                                                                                                    "lambda": st("ENABLED" if on and ri != 1 else "DISABLED")},
                                                                    "state": st("ENABLED" if on else "DISABLED")}], "failedAccounts": []})

# CloudFront, 50 distributions (global)
items = []
for j in range(50):
    did = "E" + word(UPPER, 13)
    nm = "%s-%s" % (R.choice(TEAMS), R.choice(["web", "assets", "landing", "docs", "api"])) + str(j)
    s3 = R.random() < 0.7
    oac = "E" + word(UPPER, 13) if s3 and R.random() < 0.7 else ""
    old_tls = not s3 and R.random() < 0.4
    origin = {"Id": nm, "DomainName": ("bucket-%05d.s3.%s.amazonaws.com" % (R.randrange(a.buckets), R.choice(REGIONS))) if s3 else "%s.origin.acme.example" % nm,
              "OriginPath": "", "CustomHeaders": {"Quantity": 0}, "ConnectionAttempts": 3, "ConnectionTimeout": 10, "OriginShield": {"Enabled": False}, "OriginAccessControlId": oac}
    if s3:
        origin["S3OriginConfig"] = {"OriginAccessIdentity": ""}
    else:
        origin["CustomOriginConfig"] = {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": R.choice(["https-only", "https-only", "match-viewer", "http-only"]),
                                        "OriginSslProtocols": {"Quantity": 3, "Items": ["TLSv1", "TLSv1.1", "TLSv1.2"]} if old_tls else {"Quantity": 1, "Items": ["TLSv1.2"]},
                                        "OriginReadTimeout": 30, "OriginKeepaliveTimeout": 5}
    vpp = R.choice(["redirect-to-https", "redirect-to-https", "https-only", "allow-all"])
    dcb = {"TargetOriginId": nm, "TrustedSigners": {"Enabled": False, "Quantity": 0}, "TrustedKeyGroups": {"Enabled": False, "Quantity": 0}, "ViewerProtocolPolicy": vpp,
           "AllowedMethods": {"Quantity": 2, "Items": ["HEAD", "GET"], "CachedMethods": {"Quantity": 2, "Items": ["HEAD", "GET"]}}, "SmoothStreaming": False, "Compress": True,
           "LambdaFunctionAssociations": {"Quantity": 0}, "FunctionAssociations": {"Quantity": 0}, "FieldLevelEncryptionId": "", "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"}
    alias = R.random() < 0.7
    cert = {"CloudFrontDefaultCertificate": False, "ACMCertificateArn": "arn:aws:acm:us-east-1:%s:certificate/%s" % (A, uuid()), "SSLSupportMethod": R.choice(["sni-only", "sni-only", "vip"]),
            "MinimumProtocolVersion": R.choice(["TLSv1.2_2021", "TLSv1.2_2021", "TLSv1"]), "CertificateSource": "acm"} if alias else \
           {"CloudFrontDefaultCertificate": True, "SSLSupportMethod": "vip", "MinimumProtocolVersion": "TLSv1", "CertificateSource": "cloudfront"}
    if alias:
        cert["Certificate"] = cert["ACMCertificateArn"]
    aliases = {"Quantity": 1, "Items": ["%s.acme.example" % nm]} if alias else {"Quantity": 0}
    waf = "arn:aws:wafv2:us-east-1:%s:global/webacl/edge/%s" % (A, uuid()) if R.random() < 0.4 else ""
    common = {"Aliases": aliases, "Origins": {"Quantity": 1, "Items": [origin]}, "OriginGroups": {"Quantity": 0}, "DefaultCacheBehavior": dcb,
              "CacheBehaviors": {"Quantity": 0}, "CustomErrorResponses": {"Quantity": 0}, "Comment": nm}
    logging = {"Enabled": True, "IncludeCookies": False, "Bucket": "bucket-%05d.s3.amazonaws.com" % R.randrange(a.buckets), "Prefix": nm + "/"} if R.random() < 0.5 else \
              {"Enabled": False, "IncludeCookies": False, "Bucket": "", "Prefix": ""}
    tail = {"PriceClass": R.choice(["PriceClass_100", "PriceClass_All"]), "Enabled": True, "ViewerCertificate": cert,
            "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}}, "WebACLId": waf, "HttpVersion": "http2", "IsIPV6Enabled": True}
    items.append(dict({"Id": did, "ARN": "arn:aws:cloudfront::%s:distribution/%s" % (A, did), "Status": "Deployed", "LastModifiedTime": when(1, 1200),
                       "DomainName": "d%s.cloudfront.net" % word(string.ascii_lowercase + string.digits, 13)}, **common, **tail, Staging=False))
    cfg = dict({"CallerReference": "%s-%s" % (nm, when(100, 1500, "%Y-%m-%d"))}, Aliases=aliases, DefaultRootObject="index.html" if R.random() < 0.7 else "")
    cfg.update({k: v for k, v in common.items() if k != "Aliases"})
    cfg["Logging"] = logging
    cfg.update(tail)
    cfg.update(ContinuousDeploymentPolicyId="", Staging=False)
    w("global/cloudfront/get-distribution-config/%s.json" % esc(did), {"ETag": "E" + word(UPPER, 13), "DistributionConfig": cfg})
w("global/cloudfront/list-distributions.json", {"DistributionList": {"Marker": "", "MaxItems": 100, "IsTruncated": False, "Quantity": len(items), "Items": items}})
count("CloudFront distributions", len(items))
w("global/account/get-alternate-contact/SECURITY.json", {"AlternateContact": {"AlternateContactType": "SECURITY", "EmailAddress": "security@acme.example",
                                                                             "Name": "Security Operations", "PhoneNumber": "+1-206-555-0100", "Title": "CISO"}})

# Application and network load balancers: opt-in, for elbv2/describe-load-balancers.json above
# holds none and is kept as it is unless asked
if a.load_balancers:
    for ri, r in enumerate(REGIONS):
        lbs = []
        for j in range(a.load_balancers // len(REGIONS)):
            typ = "application" if R.random() < 0.8 else "network"
            nm = "%s-%s-%d" % (R.choice(TEAMS), R.choice(ENVS), j)
            arn = "arn:aws:elasticloadbalancing:%s:%s:loadbalancer/%s/%s/%s" % (r, A, "app" if typ == "application" else "net", nm, rid(16))
            scheme = "internet-facing" if R.random() < 0.5 else "internal"
            lbs.append({"LoadBalancerArn": arn, "DNSName": "%s-%d.%s.elb.amazonaws.com" % (nm, R.randrange(10**9), r), "CanonicalHostedZoneId": "Z32O12XQLNTSW2",
                        "CreatedTime": when(30, 1500), "LoadBalancerName": nm, "Scheme": scheme, "VpcId": "vpc-%08x" % ri, "State": {"Code": "active"}, "Type": typ,
                        "AvailabilityZones": [{"ZoneName": r + "abc"[z], "SubnetId": subnets_of[r][z]} for z in range(2)],
                        "SecurityGroups": ["sg-%08x" % R.randrange(500)] if typ == "application" else [], "IpAddressType": "ipv4"})
            ls = []
            for port in ([80, 443] if R.random() < 0.7 else [443] if R.random() < 0.5 else [80]):
                tls = port == 443
                proto = ("HTTPS" if tls else "HTTP") if typ == "application" else ("TLS" if tls else "TCP")
                l = {"ListenerArn": arn.replace(":loadbalancer/", ":listener/") + "/" + rid(16), "LoadBalancerArn": arn, "Port": port, "Protocol": proto}
                if tls:
                    l["Certificates"] = [{"CertificateArn": "arn:aws:acm:%s:%s:certificate/%s" % (r, A, uuid())}]
                    l["SslPolicy"] = R.choice(["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-0-2015-04"])
                redirect = not tls and typ == "application" and R.random() < 0.7
                l["DefaultActions"] = [{"Type": "redirect", "Order": 1, "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "Host": "#{host}", "Path": "/#{path}", "Query": "#{query}", "StatusCode": "HTTP_301"}}] if redirect else \
                    [{"Type": "forward", "TargetGroupArn": "arn:aws:elasticloadbalancing:%s:%s:targetgroup/%s/%s" % (r, A, nm, rid(16)), "Order": 1}]
                ls.append(l)
            w(r + "/elbv2/describe-listeners/%s.json" % esc(arn), {"Listeners": ls})
            at = [("deletion_protection.enabled", R.random() < 0.4), ("access_logs.s3.enabled", R.random() < 0.5), ("load_balancing.cross_zone.enabled", True)]
            if typ == "application":
                at += [("routing.http.drop_invalid_header_fields.enabled", R.random() < 0.3), ("routing.http.desync_mitigation_mode", R.choice(["defensive", "strictest", "monitor"])),
                       ("idle_timeout.timeout_seconds", 60)]
            w(r + "/elbv2/describe-load-balancer-attributes/%s.json" % esc(arn),
              {"Attributes": [{"Key": k, "Value": (str(v).lower() if isinstance(v, bool) else str(v))} for k, v in at]})
        w(r + "/elbv2/describe-load-balancers.json", {"LoadBalancers": lbs})
        count("load balancers", len(lbs))

for k in sorted(counts):
    print("%-32s %d" % (k, counts[k]))
