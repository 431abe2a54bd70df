# credentials flagged by another alert, then used from a new network: alice's key is used by a
# new kind of client (said, medium), then from a network she never used: one high incident of
# every call the key makes from there. Look-alikes: dave only moves network (medium, no
# incident); erin's new client and new network are two days apart (two mediums); AWS
# quarantines bob's key and bob's key calls from a new network (an incident, though his baseline
# is short); carol, not quarantined, does the same and nothing is said
python3 - <<'PY'
import json
recs = []
def rec(t, user, ip, name="ListBuckets", ua="aws-cli/2.15.0 Python/3.11", extra=None):
    r = {"eventVersion": "1.09", "eventTime": t, "eventSource": "s3.amazonaws.com",
         "eventName": name, "awsRegion": "eu-west-1", "sourceIPAddress": ip, "userAgent": ua,
         "eventID": "00000000-0000-0000-0000-%012d" % len(recs), "recipientAccountId": "111122223333",
         "readOnly": True, "eventType": "AwsApiCall",
         "userIdentity": {"type": "IAMUser", "principalId": "AIDAEXAMPLE" + user.upper(),
                          "arn": "arn:aws:iam::111122223333:user/" + user, "accountId": "111122223333",
                          "accessKeyId": "AKIAEXAMPLE" + ("%s0000000000" % user.upper())[:9],
                          "userName": user}}
    r.update(extra or {})
    recs.append(r)
# fifteen working days of alice, dave and erin from their office network with the AWS CLI
for d in range(1, 16):
    for h in (9, 10, 11):
        for u in ("alice", "dave", "erin"):
            rec("2026-11-%02dT%02d:15:00Z" % (d, h), u, "198.51.100.10")
rec("2026-11-16T09:00:00Z", "bob", "192.0.2.10")
rec("2026-11-16T09:00:01Z", "carol", "192.0.2.20")
rec("2026-11-16T10:00:00Z", "alice", "198.51.100.10", ua="python-requests/2.31")
rec("2026-11-16T10:05:00Z", "erin", "198.51.100.10", ua="Boto3/1.34 Botocore/1.34")
rec("2026-11-16T10:10:00Z", "alice", "203.0.113.5", name="GetCallerIdentity")
rec("2026-11-16T10:11:00Z", "alice", "203.0.113.5", name="ListUsers")
rec("2026-11-16T10:12:00Z", "alice", "198.51.100.10", name="CreateAccessKey")
rec("2026-11-16T10:20:00Z", "dave", "203.0.113.6")
recs.append({"eventVersion": "1.09", "eventTime": "2026-11-16T10:30:00Z", "eventSource": "iam.amazonaws.com",
             "eventName": "AttachUserPolicy", "awsRegion": "us-east-1", "sourceIPAddress": "AWS Internal",
             "userAgent": "AWS Internal", "eventID": "00000000-0000-0000-0000-quarantine00",
             "recipientAccountId": "111122223333", "readOnly": False, "eventType": "AwsApiCall",
             "requestParameters": {"userName": "bob",
                                   "policyArn": "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3"},
             "userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLE:quarantine",
                              "arn": "arn:aws:sts::111122223333:assumed-role/AwsSecurityAudit/quarantine",
                              "accountId": "111122223333", "accessKeyId": "ASIAEXAMPLEQUARANT"}})
rec("2026-11-16T10:40:00Z", "bob", "203.0.113.99", name="GetCallerIdentity")
rec("2026-11-16T10:41:00Z", "carol", "203.0.113.98", name="GetCallerIdentity")
rec("2026-11-16T10:42:00Z", "bob", "203.0.113.99", name="RunInstances")
rec("2026-11-18T10:05:00Z", "erin", "203.0.113.7")
json.dump({"Records": recs}, open("trail.json", "w"), indent=1)
PY
