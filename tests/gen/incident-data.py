#!/usr/bin/env python3
"""incident-data.py: what `yourside incident` joins, made up for its tests: an application folder
that leaks an access key of the example company's deploy-bot (its id encodes the account, as AWS
ids do) with its secret, and a second key id alone; the example snapshot with the
list-access-keys answers that name those keys; and a trail in which an attacker uses the leaked
key from outside, gets a session token, and with the temporary key makes a backdoor user, while
alice works as usual and a record of another account slipped in.

usage: incident-data.py OUT   (writes OUT/app, OUT/snap, OUT/trail)"""
import base64, gzip, json, os, shutil, sys

out = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
acct = "111122223333"


def key_id(prefix, account, salt):
    z = (account << 7) | (salt & 0x7f)
    raw = z.to_bytes(6, "big") + (salt * 2654435761 & 0xffffffff).to_bytes(4, "big")
    return prefix + base64.b32encode(raw).decode()


leaked = key_id("AKIA", int(acct), 11)
other = key_id("AKIA", int(acct), 12)      # alice's, in use, never leaked
stray = key_id("AKIA", 444455556666, 13)   # another account's id, leaked alone
session = key_id("ASIA", int(acct), 14)
secret = "Zq3vN8xK2mR7tB1wY5cF9hJ4pL6sD0gA2eU8iO3y"  # made up

os.makedirs(os.path.join(out, "app"), exist_ok=True)
with open(os.path.join(out, "app", "settings.py"), "w") as f:
    f.write("# deploy settings\nAWS_ACCESS_KEY_ID = \"%s\"\nAWS_SECRET_ACCESS_KEY = \"%s\"\n" % (leaked, secret))
with open(os.path.join(out, "app", "notes.txt"), "w") as f:
    f.write("old key from the partner: aws_access_key_id=%s\n" % stray)

snap = os.path.join(out, "snap")
shutil.copytree(os.path.join(here, "../../examples/snapshot-insecure"), snap)
keys = os.path.join(snap, "global/iam/list-access-keys")
os.makedirs(keys, exist_ok=True)
for user, ids in (("deploy-bot", [(leaked, "Active", "2018-11-02T14:00:10Z"), (key_id("AKIA", int(acct), 15), "Active", "2024-03-12T10:00:00Z")]),
                  ("alice", [(other, "Active", "2026-09-15T08:00:00Z")])):
    json.dump({"AccessKeyMetadata": [{"UserName": user, "AccessKeyId": i, "Status": s, "CreateDate": c} for i, s, c in ids]},
              open(os.path.join(keys, user + ".json"), "w"), indent=4)

records, n = [], 0


def ev(t, name, source, kid, who, ip, account=acct, **extra):
    global n
    n += 1
    r = {"eventVersion": "1.08", "eventTime": "2026-11-20T%02d:%02d:00Z" % (t // 60, t % 60), "eventSource": source,
         "eventName": name, "awsRegion": "eu-west-1", "sourceIPAddress": ip, "userAgent": "aws-cli/2.9",
         "eventID": "inc-%03d" % n, "eventType": "AwsApiCall", "recipientAccountId": account,
         "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::%s:user/%s" % (account, who), "accountId": account,
                          "userName": who, "accessKeyId": kid}}
    r.update(extra)
    records.append(r)


for i in range(6):
    ev(480 + i * 10, "DescribeInstances", "ec2.amazonaws.com", other, "alice", "198.51.100.10")
ev(600, "GetCallerIdentity", "sts.amazonaws.com", leaked, "deploy-bot", "203.0.113.50")
ev(601, "ListBuckets", "s3.amazonaws.com", leaked, "deploy-bot", "203.0.113.50")
ev(602, "ListUsers", "iam.amazonaws.com", leaked, "deploy-bot", "203.0.113.50", errorCode="AccessDenied")
ev(603, "GetSessionToken", "sts.amazonaws.com", leaked, "deploy-bot", "203.0.113.50",
   responseElements={"credentials": {"accessKeyId": session, "expiration": "Nov 21, 2026 10:03:00 AM"}})
ev(605, "CreateUser", "iam.amazonaws.com", session, "deploy-bot", "203.0.113.51", requestParameters={"userName": "backup-svc"})
ev(606, "CreateAccessKey", "iam.amazonaws.com", session, "deploy-bot", "203.0.113.51", requestParameters={"userName": "backup-svc"})
ev(607, "AttachUserPolicy", "iam.amazonaws.com", session, "deploy-bot", "203.0.113.51",
   requestParameters={"userName": "backup-svc", "policyArn": "arn:aws:iam::aws:policy/AdministratorAccess"})
ev(640, "GetObject", "s3.amazonaws.com", leaked, "deploy-bot", "203.0.113.50")
ev(700, "DescribeInstances", "ec2.amazonaws.com", leaked, "deploy-bot", "203.0.113.50", account="999999999999")
trail = os.path.join(out, "trail/AWSLogs/%s/CloudTrail/eu-west-1/2026/11/20" % acct)
os.makedirs(trail, exist_ok=True)
with gzip.open(os.path.join(trail, "%s_CloudTrail_eu-west-1_20261120T1000Z_a.json.gz" % acct), "wt") as f:
    json.dump({"Records": records}, f)
