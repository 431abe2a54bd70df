# stolen keys probing (eight different calls refused in minutes) against an application retrying
# one refused call; a bucket wiped object by object against a cleanup of fifty; SES checked three
# ways before spam against one quota look; a takeover's backdoor user (no MFA, an access key) against
# an administrator onboarding a colleague (MFA, a group, a password to change at first sign-in);
# a bucket wiped in DeleteObjects batches (a trail older than June 2025 names no keys) against a
# console user deleting five times; SES taken out of its sandbox against a form saved without it,
# and an SES quota raised against an EC2 one
python3 - <<'PY'
import json
n = [0]
def rec(t, who, source, name, req=None, err=None, mfa="false", key="AKIAEXAMPLE000000001"):
    n[0] += 1
    r = {"eventVersion": "1.09", "eventTime": t, "eventSource": source, "eventName": name,
         "awsRegion": "eu-west-1", "sourceIPAddress": "203.0.113.10", "userAgent": "aws-cli/2.15.0",
         "eventID": "00000000-0000-0000-0000-%012d" % n[0], "recipientAccountId": "111122223333",
         "eventType": "AwsApiCall", "requestParameters": req,
         "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/" + who,
                          "accountId": "111122223333", "accessKeyId": key, "userName": who,
                          "sessionContext": {"attributes": {"mfaAuthenticated": mfa, "creationDate": "2026-11-02T08:00:00Z"}}}}
    if err:
        r["errorCode"] = err
    return r
r = []
probe = ["ListUsers", "ListRoles", "GetAccountAuthorizationDetails", "ListBuckets", "DescribeInstances",
         "ListSecrets", "GetCallerIdentity2", "ListFunctions20150331", "DescribeDBInstances"]
for i, name in enumerate(probe):
    r.append(rec("2026-11-02T10:%02d:%02dZ" % (i // 2, i * 7 % 60), "leaked", "iam.amazonaws.com", name, err="AccessDenied"))
for i in range(20):
    r.append(rec("2026-11-02T11:00:%02dZ" % i, "app", "s3.amazonaws.com", "GetObject", {"bucketName": "x", "key": "k"}, err="AccessDenied"))
for i in range(120):
    r.append(rec("2026-11-02T12:%02d:%02dZ" % (i // 20, i * 3 % 60), "wiper", "s3.amazonaws.com", "DeleteObject", {"bucketName": "customer-data", "key": "f%d" % i}))
for i in range(50):
    r.append(rec("2026-11-02T13:%02d:%02dZ" % (i // 20, i * 3 % 60), "cleaner", "s3.amazonaws.com", "DeleteObject", {"bucketName": "tmp", "key": "f%d" % i}))
for i, name in enumerate(["GetSendQuota", "GetAccountSendingEnabled", "ListIdentities"]):
    r.append(rec("2026-11-02T14:0%d:00Z" % i, "spammer", "ses.amazonaws.com", name))
r.append(rec("2026-11-02T14:30:00Z", "mailteam", "ses.amazonaws.com", "GetSendQuota"))
r.append(rec("2026-11-02T15:00:00Z", "intruder", "iam.amazonaws.com", "CreateUser", {"userName": "support-backup"}))
r.append(rec("2026-11-02T15:02:00Z", "intruder", "iam.amazonaws.com", "CreateAccessKey", {"userName": "support-backup"}))
r.append(rec("2026-11-02T16:00:00Z", "admin", "iam.amazonaws.com", "CreateUser", {"userName": "new-colleague"}, mfa="true", key="ASIAEXAMPLE000000002"))
r.append(rec("2026-11-02T16:01:00Z", "admin", "iam.amazonaws.com", "AddUserToGroup", {"userName": "new-colleague", "groupName": "developers"}, mfa="true", key="ASIAEXAMPLE000000002"))
r.append(rec("2026-11-02T16:02:00Z", "admin", "iam.amazonaws.com", "CreateLoginProfile", {"userName": "new-colleague", "passwordResetRequired": True}, mfa="true", key="ASIAEXAMPLE000000002"))
for i in range(25):
    r.append(rec("2026-11-02T17:%02d:%02dZ" % (i // 5, i * 11 % 60), "batchwiper", "s3.amazonaws.com", "DeleteObjects", {"bucketName": "customer-data", "delete": ""}))
for i in range(5):
    r.append(rec("2026-11-02T17:3%d:00Z" % i, "tidy", "s3.amazonaws.com", "DeleteObjects", {"bucketName": "tmp", "delete": ""}))
r.append(rec("2026-11-02T18:00:00Z", "spammer", "ses.amazonaws.com", "PutAccountDetails", {"mailType": "MARKETING", "websiteURL": "https://example.com", "productionAccessEnabled": True}))
r.append(rec("2026-11-02T18:01:00Z", "mailteam", "ses.amazonaws.com", "PutAccountDetails", {"mailType": "TRANSACTIONAL", "websiteURL": "https://example.com"}))
r.append(rec("2026-11-02T18:02:00Z", "spammer", "servicequotas.amazonaws.com", "RequestServiceQuotaIncrease", {"serviceCode": "ses", "quotaCode": "L-804C8AE8", "desiredValue": 1000000.0}))
r.append(rec("2026-11-02T18:03:00Z", "ops", "servicequotas.amazonaws.com", "RequestServiceQuotaIncrease", {"serviceCode": "ec2", "quotaCode": "L-1216C47A", "desiredValue": 64.0}))
json.dump({"Records": r}, open("trail.json", "w"))
PY
