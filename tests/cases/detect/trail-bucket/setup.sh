# the trail's own bucket, learned from CreateTrail (org-trail-logs) and from a bucket policy that
# lets CloudTrail write (audit-logs-2, set up before its trail: said nothing); then a lifecycle
# rule on it (changed, medium), a policy without CloudTrail's grant (cut off, high), a refused
# DeleteBucketPolicy (nothing), the second bucket's policy deleted (cut off). Look-alikes: the
# same calls on app-data, which holds no trail, say nothing
python3 - <<'PY'
import json
R = []
def rec(name, req, err=None, source="s3.amazonaws.com"):
    r = {"eventVersion": "1.09", "eventTime": "2026-11-03T10:%02d:00Z" % len(R), "eventSource": source,
         "eventName": name, "awsRegion": "eu-west-1", "sourceIPAddress": "203.0.113.10",
         "userAgent": "aws-cli/2.15.0", "eventID": "00000000-0000-0000-0000-%012d" % len(R),
         "recipientAccountId": "111122223333", "eventType": "AwsApiCall", "requestParameters": req,
         "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/ops",
                          "accountId": "111122223333", "accessKeyId": "AKIAEXAMPLE000000001", "userName": "ops"}}
    if err:
        r["errorCode"] = err
    R.append(r)
def policy(bucket, cloudtrail):
    st = [{"Sid": "Read", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
           "Action": "s3:GetObject", "Resource": "arn:aws:s3:::%s/*" % bucket}]
    if cloudtrail:
        st.append({"Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                   "Action": "s3:PutObject", "Resource": "arn:aws:s3:::%s/AWSLogs/111122223333/*" % bucket})
    return {"bucketName": bucket, "bucketPolicy": {"Version": "2012-10-17", "Statement": st}}
rec("CreateTrail", {"name": "org", "s3BucketName": "org-trail-logs", "isMultiRegionTrail": True}, source="cloudtrail.amazonaws.com")
rec("PutBucketPolicy", policy("audit-logs-2", True))
rec("PutBucketLifecycle", {"bucketName": "org-trail-logs", "LifecycleConfiguration": {"Rule": {"ID": "x", "Status": "Enabled", "Expiration": {"Days": 1}}}})
rec("PutBucketLifecycle", {"bucketName": "app-data", "LifecycleConfiguration": {"Rule": {"ID": "x", "Status": "Enabled", "Expiration": {"Days": 1}}}})
rec("PutBucketPolicy", policy("org-trail-logs", False))
rec("PutBucketPolicy", policy("app-data", False))
rec("DeleteBucketPolicy", {"bucketName": "org-trail-logs"}, err="AccessDenied")
rec("DeleteBucketPolicy", {"bucketName": "audit-logs-2"})
rec("DeleteBucketPolicy", {"bucketName": "app-data"})
json.dump({"Records": R}, open("trail.json", "w"), indent=1)
PY
