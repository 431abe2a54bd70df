# instance credentials called from a private address, through a VPC endpoint, by an AWS service
# name, from an address of AWS's (3.5.140.0/22 in the ranges built in) and from 203.0.113.9, which
# is none of those: only the last is outside AWS; the trail is 101 days newer than the ranges
python3 - <<'PY'
import json
def rec(i, ip, inst, extra=None):
    r = {"eventVersion": "1.09", "eventTime": "2026-12-01T10:%02d:00Z" % i, "eventSource": "s3.amazonaws.com",
         "eventName": "ListBuckets", "awsRegion": "eu-west-1", "sourceIPAddress": ip,
         "userAgent": "aws-cli/2.15.0", "eventID": "00000000-0000-0000-0000-%012d" % i,
         "recipientAccountId": "111122223333", "readOnly": True, "eventType": "AwsApiCall",
         "userIdentity": {"type": "AssumedRole", "principalId": "AROAEXAMPLE:" + inst,
                          "arn": "arn:aws:sts::111122223333:assumed-role/web/" + inst,
                          "accountId": "111122223333", "accessKeyId": "ASIAEXAMPLE%09d" % i,
                          "sessionContext": {"sessionIssuer": {"type": "Role", "arn": "arn:aws:iam::111122223333:role/web"},
                                             "attributes": {"mfaAuthenticated": "false", "creationDate": "2026-12-01T09:00:00Z"},
                                             "ec2RoleDelivery": "2.0"}}}
    r.update(extra or {})
    return r
records = [rec(1, "10.0.1.15", "i-0a1b2c3d4e5f60001"),
           rec(2, "198.51.100.7", "i-0a1b2c3d4e5f60002", {"vpcEndpointId": "vpce-0a1b2c3d"}),
           rec(3, "ec2.amazonaws.com", "i-0a1b2c3d4e5f60003"),
           rec(4, "3.5.140.1", "i-0a1b2c3d4e5f60004"),
           rec(5, "203.0.113.9", "i-0a1b2c3d4e5f60005")]
json.dump({"Records": records}, open("trail.json", "w"))
PY
