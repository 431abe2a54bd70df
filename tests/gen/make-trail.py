#!/usr/bin/env python3
"""make-trail.py: a synthetic CloudTrail trail: weeks of a small team's benign traffic (people
with access keys and working hours, a CI role, EC2 instances using their roles, AWS services
calling on their behalf) with attacks woven in, written as AWS delivers it (the AWSLogs/ layout,
gzip, {"Records":[...]}, one file per account, region and five minutes) and, beside it, the
alerts it must raise (expected.jsonl: rule and the event ids each alert must cover).

usage: make-trail.py OUT [--days N] [--per-day N] [--seed S] [--no-attacks] [--plain] [--jsonl]

--jsonl writes OUT/trail.jsonl instead (one record a line, day by day, in bounded memory), as a
CloudTrail Lake or Athena export gives it: the benchmarks' input.

Every name and key is made up: people and CI use TEST-NET addresses, instances addresses of
54.247.0.0/16 (EC2 in eu-west-1 in AWS's published ranges; tests/data/aws-ranges-test.json
holds it too), attackers 192.0.2.0/24."""
import argparse, datetime, gzip, json, os, random, zlib

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--days", type=int, default=16)
ap.add_argument("--per-day", type=int, default=300, help="benign events per day, roughly")
ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--no-attacks", action="store_true")
ap.add_argument("--plain", action="store_true", help=".json files instead of .json.gz")
ap.add_argument("--jsonl", action="store_true", help="one JSON Lines file")
ap.add_argument("--churn", action="store_true",
                help="sessions come and go as on a real account: instances that live hours, a new key "
                     "for every Lambda invocation and CI run, people through SSO")
args = ap.parse_args()
rnd = random.Random(args.seed)

PROD, STAGE = "111122223333", "444455556666"
REGIONS = ["eu-west-1", "us-east-1"]
START = datetime.datetime(2026, 10, 1, tzinfo=datetime.timezone.utc)
PEOPLE = [  # name, key, home network, client, working hours (UTC)
    ("alice", "AKIAEXAMPLEALICE0001", "198.51.100.", "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12 prompt/off command/ec2.describe-instances", (8, 17)),
    ("bob", "AKIAEXAMPLEBOB000002", "203.0.113.", "Boto3/1.34.51 md/Botocore#1.34.51 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.2 Botocore/1.34.51", (9, 18)),
    ("carol", "AKIAEXAMPLECAROL0003", "198.51.100.", "APN/1.0 HashiCorp/1.0 Terraform/1.7.4 (+https://www.terraform.io) terraform-provider-aws/5.40.0 aws-sdk-go-v2/1.25.2 os/linux lang/go#1.21.8", (7, 15)),
]
READS = [("ec2.amazonaws.com", "DescribeInstances"), ("ec2.amazonaws.com", "DescribeSecurityGroups"),
         ("ec2.amazonaws.com", "DescribeVolumes"), ("s3.amazonaws.com", "ListBuckets"),
         ("s3.amazonaws.com", "GetBucketLocation"), ("iam.amazonaws.com", "ListUsers"),
         ("iam.amazonaws.com", "GetRole"), ("lambda.amazonaws.com", "ListFunctions20150331"),
         ("monitoring.amazonaws.com", "GetMetricData"), ("logs.amazonaws.com", "DescribeLogGroups"),
         ("sts.amazonaws.com", "GetCallerIdentity"), ("kms.amazonaws.com", "DescribeKey"),
         ("rds.amazonaws.com", "DescribeDBInstances"), ("cloudformation.amazonaws.com", "DescribeStacks")]
WRITES = [("ec2.amazonaws.com", "CreateTags"), ("s3.amazonaws.com", "PutObject"),
          ("lambda.amazonaws.com", "UpdateFunctionCode20150331v2"), ("ssm.amazonaws.com", "PutParameter"),
          ("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress"), ("logs.amazonaws.com", "PutRetentionPolicy")]

files = {}  # (account, region, bucket start) -> records
expected = []
seq = 0


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def uid():
    return "%08x-%04x-4%03x-%04x-%012x" % (rnd.getrandbits(32), rnd.getrandbits(16), rnd.getrandbits(12),
                                           0x8000 | rnd.getrandbits(14), rnd.getrandbits(48))


def identity(who, acct, t):
    kind = who[0]
    if kind == "user":
        name, key = who[1], who[2]
        return {"type": "IAMUser", "principalId": "AIDA" + key[4:], "arn": "arn:aws:iam::%s:user/%s" % (acct, name),
                "accountId": acct, "accessKeyId": key, "userName": name}
    if kind == "root":
        return {"type": "Root", "principalId": acct, "arn": "arn:aws:iam::%s:root" % acct, "accountId": acct}
    role, session, instance = who[1], who[2], who[3] if len(who) > 3 else False
    # a session's temporary key lasts its hour, as STS hands them out, unless the caller has its own
    key = who[4] if len(who) > 4 else "ASIAEXAMPLE%09d" % (zlib.crc32(("%s|%s|%s" % (role, session, t.strftime("%Y%m%d%H"))).encode()) % 10**9)
    ident = {"type": "AssumedRole", "principalId": "AROAEXAMPLE%s:%s" % (role.upper()[:8], session),
             "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (acct, role, session), "accountId": acct,
             "accessKeyId": key,
             "sessionContext": {"sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLE" + role.upper()[:8],
                                                  "arn": "arn:aws:iam::%s:role/%s" % (acct, role),
                                                  "accountId": acct, "userName": role},
                                "attributes": {"creationDate": "2026-10-01T00:00:00Z", "mfaAuthenticated": "false"}}}
    if instance:
        ident["sessionContext"]["ec2RoleDelivery"] = "2.0"
    return ident


def event(t, who, source, name, ip, ua, acct=PROD, region="eu-west-1", req=None, resp=None, **extra):
    global seq
    seq += 1
    read_only = name.startswith(("Describe", "List", "Get"))
    r = {"eventVersion": "1.09", "userIdentity": identity(who, acct, t), "eventTime": iso(t),
         "eventSource": source, "eventName": name, "awsRegion": region, "sourceIPAddress": ip,
         "userAgent": ua, "requestParameters": req, "responseElements": resp,
         "requestID": uid(), "eventID": "gen-%07d-%s" % (seq, uid()[:8]), "readOnly": read_only,
         "eventType": "AwsApiCall", "managementEvent": source != "s3.amazonaws.com" or name in ("ListBuckets", "GetBucketLocation"),
         "recipientAccountId": acct, "eventCategory": "Management",
         "tlsDetails": {"tlsVersion": "TLSv1.3", "cipherSuite": "TLS_AES_128_GCM_SHA256",
                        "clientProvidedHostHeader": source.replace("amazonaws.com", "%s.amazonaws.com" % region)}}
    if source == "signin.amazonaws.com":  # a console sign-in carries no access key
        r["userIdentity"].pop("accessKeyId", None)
    r.update(extra)
    bucket = t.replace(minute=t.minute - t.minute % 5, second=0)
    files.setdefault((acct, region, bucket), []).append(r)
    return r["eventID"]


def params(name):
    if name == "DescribeInstances":
        return {"instancesSet": {}, "filterSet": {"items": [{"name": "instance-state-name", "valueSet": {"items": [{"value": "running"}]}}]}}
    if name in ("PutObject", "GetBucketLocation"):
        return {"bucketName": "team-artifacts-%s" % PROD, "Host": "team-artifacts.s3.eu-west-1.amazonaws.com", "key": "builds/%06d.tar.gz" % rnd.randrange(10**6)}
    if name == "CreateTags":
        return {"resourcesSet": {"items": [{"resourceId": "i-%017x" % rnd.getrandbits(64)}]}, "tagSet": {"items": [{"key": "team", "value": "platform"}]}}
    if name == "AuthorizeSecurityGroupIngress":
        return {"groupId": "sg-0123456789abcdef0", "ipPermissions": {"items": [{"ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "ipRanges": {"items": [{"cidrIp": "10.0.0.0/16"}]}}]}}
    return {"maxResults": 100}


def benign_day(day):
    base = START + datetime.timedelta(days=day)
    weekday = base.weekday() < 5
    n = args.per_day
    for name, key, net, ua, (h0, h1) in PEOPLE:  # people, on working days, in their hours
        if not weekday:
            continue
        for _ in range(n // 6):
            t = base + datetime.timedelta(seconds=rnd.randrange(h0 * 3600, h1 * 3600))
            src, op = rnd.choice(READS) if rnd.random() < 0.85 else rnd.choice(WRITES)
            event(t, ("user", name, key), src, op, net + str(10 + PEOPLE.index((name, key, net, ua, (h0, h1)))),
                  ua, acct=rnd.choice([PROD, PROD, STAGE]), region=rnd.choice(REGIONS), req=params(op))
    for _ in range(n // 4):  # CI deploys around the clock
        t = base + datetime.timedelta(seconds=rnd.randrange(86400))
        src, op = rnd.choice(READS + WRITES)
        event(t, ("role", "ci-deploy", "GitHubActions"), src, op, "203.0.113.200",
              "aws-sdk-js/2.1550.0 linux/v20.11.1 exec-env/GitHubActions", region=rnd.choice(REGIONS), req=params(op))
    for i in range(2):  # instances use their role's credentials from their own address
        for _ in range(n // 8):
            t = base + datetime.timedelta(seconds=rnd.randrange(86400))
            src, op = rnd.choice([("s3.amazonaws.com", "PutObject"), ("logs.amazonaws.com", "DescribeLogGroups"),
                                  ("ssm.amazonaws.com", "GetParameter"), ("kms.amazonaws.com", "Decrypt")])
            event(t, ("role", "web-app", "i-0a1b2c3d4e5f6%04x" % i, True), src, op, "54.247.%d.%d" % (i, 20 + i),
                  "aws-sdk-java/2.25.11 Linux/6.1.0 OpenJDK_64-Bit_Server_VM/17.0.10", req=params(op))
    for _ in range(n // 8):  # services on someone's behalf
        t = base + datetime.timedelta(seconds=rnd.randrange(86400))
        event(t, ("role", "autoscaling", "AutoScaling"), "ec2.amazonaws.com", "DescribeInstanceStatus",
              "autoscaling.amazonaws.com", "autoscaling.amazonaws.com", req={"includeAllInstances": True})


def churn_day(day):
    """Sessions that come and go: every Lambda invocation and CI run with a key of its own,
    instances that live a few hours each, people signing in through IAM Identity Center."""
    base = START + datetime.timedelta(days=day)
    n = args.per_day
    for _ in range(n // 4):  # a function invoked all day, a new session key each time
        t = base + datetime.timedelta(seconds=rnd.randrange(86400))
        key = "ASIA%016X" % rnd.getrandbits(64)
        src, op = rnd.choice([("s3.amazonaws.com", "PutObject"), ("dynamodb.amazonaws.com", "PutItem"),
                              ("kms.amazonaws.com", "Decrypt")])
        event(t, ("role", "thumbnailer-role", "thumbnailer", False, key), src, op,
              "54.247.%d.%d" % (rnd.randrange(256), rnd.randrange(256)),
              "aws-sdk-nodejs/2.1550.0 linux/v20.11.1 exec-env/AWS_Lambda_nodejs20.x", req=params(op))
    for run in range(40):  # CI runs: each its own session and key
        key = "ASIA%016X" % rnd.getrandbits(64)
        t0 = base + datetime.timedelta(seconds=rnd.randrange(86000))
        for k in range(n // 160):
            src, op = rnd.choice(READS + WRITES)
            event(t0 + datetime.timedelta(seconds=k * 3), ("role", "ci-deploy", "GitHubActions-%d-%d" % (day, run), False, key),
                  src, op, "20.%d.%d.%d" % (rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)),
                  "aws-sdk-js/2.1550.0 linux/v20.11.1 exec-env/GitHubActions", req=params(op))
    for i in range(48):  # an autoscaling group: two new instances an hour, each living hours
        iid = "i-%017x" % rnd.getrandbits(68)
        ip = "54.247.%d.%d" % (rnd.randrange(256), rnd.randrange(256))
        t0 = base + datetime.timedelta(seconds=i * 1800)
        for _ in range(n // 200):
            t = t0 + datetime.timedelta(seconds=rnd.randrange(4 * 3600))
            src, op = rnd.choice([("s3.amazonaws.com", "PutObject"), ("ssm.amazonaws.com", "GetParameter"),
                                  ("kms.amazonaws.com", "Decrypt")])
            event(t, ("role", "worker", iid, True), src, op, ip,
                  "aws-sdk-java/2.25.11 Linux/6.1.0 OpenJDK_64-Bit_Server_VM/17.0.10", req=params(op))
    if base.weekday() < 5:
        for name, net in (("dana", "198.51.100."), ("eve", "192.0.2."), ("frank", "203.0.113.")):
            for _ in range(n // 40):
                t = base + datetime.timedelta(seconds=rnd.randrange(8 * 3600, 18 * 3600))
                src, op = rnd.choice(READS)
                event(t, ("role", "AWSReservedSSO_Admin_0123456789abcdef", name + "@example.com"), src, op,
                      net + "77", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0",
                      sessionCredentialFromConsole="true", req=params(op))


def attacks(day):
    t0 = START + datetime.timedelta(days=day)
    at = lambda h, m, s=0: t0 + datetime.timedelta(hours=h, minutes=m, seconds=s)
    bad, bad_ua = "192.0.2.66", "python-requests/2.31.0"
    alice = ("user", "alice", "AKIAEXAMPLEALICE0001")
    # a leaked key, used at night from a new network by a new client (flagged, then stolen: one
    # incident of its calls): crypto-mining
    first = event(at(2, 10), alice, "sts.amazonaws.com", "GetCallerIdentity", bad, bad_ua)
    runs = []
    for i in range(12):
        region = ["eu-west-1", "us-east-1", "ap-southeast-2"][i % 3]
        eid = event(at(2, 12, i * 10), alice, "ec2.amazonaws.com", "RunInstances", bad, bad_ua, region=region,
                    req={"instancesSet": {"items": [{"imageId": "ami-0abcdef1234567890", "minCount": 8, "maxCount": 8}]},
                         "instanceType": "p4d.24xlarge"})
        runs.append(eid)
        expected.append({"rule": "yourside_gpu_instances", "event_ids": [eid]})
    # files of one five minutes arrive in any order across regions: any of the key's first
    # events may be the one that looks new
    for rule in ("credentials-new-network-after-alert", "access-key-new-client", "unusual-hour"):
        expected.append({"rule": rule, "event_ids": [first] + runs, "any_of": True})
    expected.append({"rule": "yourside_instance_burst", "event_ids": runs})
    expected.append({"rule": "yourside_instance_regions", "event_ids": runs})
    # Code Spaces: a console password without MFA, a backdoor, logging off, then destruction
    admin = ("user", "admin", "AKIAEXAMPLEADMIN0009")
    login = event(at(11, 0), admin, "signin.amazonaws.com", "ConsoleLogin", "192.0.2.99", "Mozilla/5.0 (X11; Linux x86_64)",
                  region="us-east-1", resp={"ConsoleLogin": "Success"},
                  additionalEventData={"LoginTo": "https://console.aws.amazon.com/", "MobileVersion": "No", "MFAUsed": "No"},
                  eventType="AwsConsoleSignIn")
    expected.append({"rule": "yourside_console_login_without_mfa", "event_ids": [login]})
    ev = [event(at(11, 3), admin, "iam.amazonaws.com", "CreateUser", "192.0.2.99", "Mozilla/5.0", region="us-east-1",
                req={"userName": "support-backup"}),
          event(at(11, 4), admin, "iam.amazonaws.com", "AttachUserPolicy", "192.0.2.99", "Mozilla/5.0", region="us-east-1",
                req={"userName": "support-backup", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}),
          event(at(11, 5), admin, "iam.amazonaws.com", "CreateAccessKey", "192.0.2.99", "Mozilla/5.0", region="us-east-1",
                req={"userName": "support-backup"})]
    expected.append({"rule": "yourside_iam_backdoor", "event_ids": ev})
    expected.append({"rule": "yourside_admin_policy_attached", "event_ids": [ev[1]]})
    expected.append({"rule": "yourside_credentials_for_other_user", "event_ids": [ev[2]]})
    stop = event(at(11, 7), admin, "cloudtrail.amazonaws.com", "StopLogging", "192.0.2.99", "Mozilla/5.0",
                 req={"name": "arn:aws:cloudtrail:eu-west-1:%s:trail/main" % PROD})
    expected.append({"rule": "yourside_logging_disabled", "event_ids": [stop]})
    kills = []
    for i in range(40):
        kills.append(event(at(11, 10, i * 4), admin, "ec2.amazonaws.com", "TerminateInstances", "192.0.2.99", "Mozilla/5.0",
                           req={"instancesSet": {"items": [{"instanceId": "i-%017x" % (i + 1)}]}}))
    for i in range(10):
        kills.append(event(at(11, 13, i * 5), admin, "ec2.amazonaws.com", "DeleteSnapshot", "192.0.2.99", "Mozilla/5.0",
                           req={"snapshotId": "snap-%017x" % (i + 1)}))
    expected.append({"rule": "yourside_mass_destruction", "event_ids": kills})
    # Capital One: an instance's role credentials, taken through SSRF, used from outside
    web = ("role", "web-app", "i-0a1b2c3d4e5f60000", True)
    out = event(at(14, 0), web, "s3.amazonaws.com", "ListBuckets", "192.0.2.77", "aws-cli/1.16.0 Python/2.7")
    gets = [event(at(14, 1, i), web, "s3.amazonaws.com", "GetObject", "192.0.2.77", "aws-cli/1.16.0 Python/2.7",
                  req={"bucketName": "customer-data", "key": "export/%d.csv" % i}) for i in range(5)]
    secrets = [event(at(14, 3, i * 7), web, "secretsmanager.amazonaws.com", "GetSecretValue", "192.0.2.77",
                     "aws-cli/1.16.0 Python/2.7", req={"secretId": "prod/db/password-%d" % i}) for i in range(6)]
    expected.append({"rule": "yourside_secrets_harvest", "event_ids": secrets})
    # one incident: the stolen session's every call, from the first
    expected.append({"rule": "instance-credentials-outside-aws", "event_ids": [out] + gets + secrets})
    share = event(at(11, 8), admin, "ec2.amazonaws.com", "ModifySnapshotAttribute", "192.0.2.99", "Mozilla/5.0",
                  req={"snapshotId": "snap-0000000000000001", "attributeType": "CREATE_VOLUME_PERMISSION",
                       "createVolumePermission": {"add": {"items": [{"userId": "999988887777"}]}}})
    expected.append({"rule": "yourside_resource_shared", "event_ids": [share]})
    # a bucket opened to everyone, and one merely shared with the organisation (not an alert)
    pub = event(at(15, 0), ("user", "bob", "AKIAEXAMPLEBOB000002"), "s3.amazonaws.com", "PutBucketPolicy", "203.0.113.11",
                PEOPLE[1][3], req={"bucketName": "customer-data", "bucketPolicy": {"Version": "2012-10-17", "Statement": [
                    {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
                     "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                    {"Sid": "Public", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject",
                     "Resource": "arn:aws:s3:::customer-data/*"}]}})
    expected.append({"rule": "yourside_s3_public", "event_ids": [pub]})
    event(at(15, 5), ("user", "bob", "AKIAEXAMPLEBOB000002"), "s3.amazonaws.com", "PutBucketPolicy", "203.0.113.11",
          PEOPLE[1][3], req={"bucketName": "shared", "bucketPolicy": {"Statement": [
              {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::shared/*",
               "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-exampleorg"}}}]}})
    # console brute force against one address
    fails = []
    for i in range(12):
        fails.append(event(at(16, 0, i * 20), ("user", "alice", "AKIAEXAMPLEALICE0001"), "signin.amazonaws.com", "ConsoleLogin",
                           "192.0.2.88", "Mozilla/5.0", region="us-east-1", resp={"ConsoleLogin": "Failure"},
                           errorMessage="Failed authentication", additionalEventData={"MFAUsed": "No"},
                           eventType="AwsConsoleSignIn"))
    expected.append({"rule": "yourside_console_brute_force", "event_ids": fails})
    # the root user
    root = event(at(17, 0), ("root",), "iam.amazonaws.com", "ListUsers", "192.0.2.99", "Mozilla/5.0")
    expected.append({"rule": "yourside_root_account_use", "event_ids": [root]})


os.makedirs(args.out, exist_ok=True)
lines = open(os.path.join(args.out, "trail.jsonl"), "w") if args.jsonl else None
for d in range(args.days):
    benign_day(d)
    if args.churn:
        churn_day(d)
    if d == args.days - 1 and not args.no_attacks:
        attacks(args.days - 1)
    if lines:
        day = [r for recs in files.values() for r in recs]
        day.sort(key=lambda r: r["eventTime"])
        for r in day:
            lines.write(json.dumps(r, separators=(",", ":")) + "\n")
        files.clear()
if lines:
    lines.close()

for (acct, region, bucket), recs in sorted(files.items()):
    recs.sort(key=lambda r: r["eventTime"])
    d = os.path.join(args.out, "AWSLogs", acct, "CloudTrail", region, bucket.strftime("%Y/%m/%d"))
    os.makedirs(d, exist_ok=True)
    name = "%s_CloudTrail_%s_%s_%s.json" % (acct, region, bucket.strftime("%Y%m%dT%H%MZ"), "%08x" % (hash((acct, region)) & 0xffffffff if False else rnd.getrandbits(32)))
    body = json.dumps({"Records": recs}, separators=(",", ":")).encode()
    if args.plain:
        open(os.path.join(d, name), "wb").write(body)
    else:
        with open(os.path.join(d, name + ".gz"), "wb") as f:
            f.write(gzip.compress(body, mtime=0))
with open(os.path.join(args.out, "expected.jsonl"), "w") as f:
    for e in expected:
        f.write(json.dumps(e) + "\n")
