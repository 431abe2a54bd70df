#!/usr/bin/env python3
"""make-attack-trail.py: writes a small CloudTrail trail, as AWS delivers it to S3 (gzip,
{"Records": [...]}, the AWSLogs/ key layout), in which an attacker replays Code Spaces: a console
login without MFA, a backdoor user with admin rights and a key, logging turned off, then the
machines and their backups destroyed. Benign traffic around it. All names and addresses fake."""
import gzip, json, os, sys

acct, region = "111122223333", "eu-west-1"
out = sys.argv[1] if len(sys.argv) > 1 else "trail"
records, n = [], 0


def ev(t, name, source, who="admin", ip="203.0.113.66", **extra):
    global n
    n += 1
    r = {"eventVersion": "1.08", "eventTime": "2026-11-01T09:%02d:%02dZ" % (t // 60, t % 60),
         "eventSource": source, "eventName": name, "awsRegion": region, "sourceIPAddress": ip,
         "userAgent": "Mozilla/5.0", "eventID": "demo-%03d" % n, "eventType": "AwsApiCall",
         "recipientAccountId": acct,
         "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::%s:user/%s" % (acct, who),
                          "accountId": acct, "userName": who, "accessKeyId": "ASIAEXAMPLEDEMO00001"}}
    r.update(extra)
    records.append(r)


for i in range(30):  # the team at work
    ev(i * 2, "DescribeInstances", "ec2.amazonaws.com", who="dev", ip="198.51.100.10")
ev(60, "ConsoleLogin", "signin.amazonaws.com", eventType="AwsConsoleSignIn",
   responseElements={"ConsoleLogin": "Success"}, additionalEventData={"MFAUsed": "No"})
ev(70, "CreateUser", "iam.amazonaws.com", requestParameters={"userName": "support-backup"})
ev(75, "AttachUserPolicy", "iam.amazonaws.com", requestParameters={
    "userName": "support-backup", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"})
ev(80, "CreateAccessKey", "iam.amazonaws.com", requestParameters={"userName": "support-backup"},
   responseElements={"accessKey": {"userName": "support-backup", "status": "Active"}})
ev(90, "StopLogging", "cloudtrail.amazonaws.com", requestParameters={"name": "main-trail"})
for i in range(12):
    ev(100 + i * 5, "TerminateInstances", "ec2.amazonaws.com",
       requestParameters={"instancesSet": {"items": [{"instanceId": "i-%017x" % (i + 1)}]}})
for i in range(8):
    ev(170 + i * 5, "DeleteSnapshot", "ec2.amazonaws.com",
       requestParameters={"snapshotId": "snap-%017x" % (i + 1)})
records.sort(key=lambda r: r["eventTime"])
d = os.path.join(out, "AWSLogs", acct, "CloudTrail", region, "2026", "11", "01")
os.makedirs(d, exist_ok=True)
path = os.path.join(d, "%s_CloudTrail_%s_20261101T0905Z_demo.json.gz" % (acct, region))
with open(path, "wb") as f:
    f.write(gzip.compress(json.dumps({"Records": records}).encode(), mtime=0))
