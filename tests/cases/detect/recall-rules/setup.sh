# one record that must alert and its look-alike that must not, for each rule added for recall
# (the rule's name is the record's eventID prefix: "must-<rule>-n" or "not-<rule>-n")
python3 - <<'PY'
import json
n = [0]
def rec(tag, source, name, req=None, who="ops", extra=None):
    n[0] += 1
    r = {"eventVersion": "1.09", "eventTime": "2026-11-02T%02d:%02d:00Z" % (8 + n[0] // 60, n[0] % 60),
         "eventSource": source, "eventName": name, "awsRegion": "eu-west-1",
         "sourceIPAddress": "203.0.113.10", "userAgent": "aws-cli/2.15.0",
         "eventID": "%s-%d" % (tag, n[0]), "recipientAccountId": "111122223333",
         "eventType": "AwsApiCall", "requestParameters": req,
         "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/" + who,
                          "accountId": "111122223333", "accessKeyId": "AKIAEXAMPLE%09d" % n[0], "userName": who}}
    r.update(extra or {})
    return r
R = []
def pair(rule, must, not_):
    R.append(rec("must-" + rule, *must))
    R.append(rec("not-" + rule, *not_))
pair("yourside_policy_version_escalation",
     ("iam.amazonaws.com", "CreatePolicyVersion", {"policyArn": "arn:aws:iam::111122223333:policy/app", "setAsDefault": True}),
     ("iam.amazonaws.com", "CreatePolicyVersion", {"policyArn": "arn:aws:iam::111122223333:policy/app", "setAsDefault": False}))
pair("yourside_instance_profile_swapped",
     ("ec2.amazonaws.com", "ReplaceIamInstanceProfileAssociation", {"associationId": "iip-assoc-1", "iamInstanceProfile": {"name": "admin"}}),
     ("ec2.amazonaws.com", "DescribeIamInstanceProfileAssociations", {}))
pair("yourside_role_passed_to_compute",
     ("lambda.amazonaws.com", "CreateFunction20150331", {"functionName": "f", "role": "arn:aws:iam::111122223333:role/admin"}),
     ("lambda.amazonaws.com", "CreateFunction20150331", {"functionName": "f"}))
pair("yourside_s3_lifecycle_expiration",
     ("s3.amazonaws.com", "PutBucketLifecycle", {"bucketName": "logs", "LifecycleConfiguration": {"Rule": {"ID": "x", "Status": "Enabled", "Expiration": {"Days": 1}}}}),
     ("s3.amazonaws.com", "PutBucketLifecycle", {"bucketName": "logs", "LifecycleConfiguration": {"Rule": {"ID": "x", "Status": "Enabled", "Transition": {"Days": 30, "StorageClass": "GLACIER"}}}}))
pair("yourside_kms_key_disabled",
     ("kms.amazonaws.com", "ScheduleKeyDeletion", {"keyId": "k", "pendingWindowInDays": 7}),
     ("kms.amazonaws.com", "EnableKey", {"keyId": "k"}))
pair("yourside_s3_replication_out",
     ("s3.amazonaws.com", "PutBucketReplication", {"bucketName": "data", "ReplicationConfiguration": {"Rule": {"Destination": {"Bucket": "arn:aws:s3:::x", "Account": "999988887777"}}}}),
     ("s3.amazonaws.com", "PutBucketReplication", {"bucketName": "data", "ReplicationConfiguration": {"Rule": {"Destination": {"Bucket": "arn:aws:s3:::x", "Account": "111122223333"}}}}))
pair("yourside_s3_public_access_block_put_off",
     ("s3.amazonaws.com", "PutBucketPublicAccessBlock", {"bucketName": "data", "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": False, "RestrictPublicBuckets": True}}),
     ("s3.amazonaws.com", "PutBucketPublicAccessBlock", {"bucketName": "data", "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True, "RestrictPublicBuckets": True}}))
pair("yourside_password_policy_weakened",
     ("iam.amazonaws.com", "UpdateAccountPasswordPolicy", {"minimumPasswordLength": 8}),
     ("iam.amazonaws.com", "UpdateAccountPasswordPolicy", {"minimumPasswordLength": 16}))
pair("yourside_mfa_device_changed",
     ("iam.amazonaws.com", "EnableMFADevice", {"userName": "alice", "serialNumber": "arn:aws:iam::111122223333:mfa/x"}),
     ("iam.amazonaws.com", "EnableMFADevice", {"userName": "ops", "serialNumber": "arn:aws:iam::111122223333:mfa/y"}))
pair("yourside_guardduty_silenced",
     ("guardduty.amazonaws.com", "CreateFilter", {"detectorId": "d", "name": "quiet", "action": "ARCHIVE"}),
     ("guardduty.amazonaws.com", "CreateFilter", {"detectorId": "d", "name": "look", "action": "NOOP"}))
pair("yourside_monitoring_deleted",
     ("logs.amazonaws.com", "DeleteLogGroup", {"logGroupName": "/aws/lambda/f"}),
     ("logs.amazonaws.com", "CreateLogGroup", {"logGroupName": "/aws/lambda/f"}))
pair("yourside_admin_policy_attached",
     ("iam.amazonaws.com", "PutRolePolicy", {"roleName": "ci", "policyName": "p", "policyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"}),
     ("iam.amazonaws.com", "PutRolePolicy", {"roleName": "ci", "policyName": "p", "policyDocument": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}"}))
pair("yourside_policy_cross_account",
     ("sqs.amazonaws.com", "SetQueueAttributes", {"queueUrl": "q", "attributes": {"Policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::999988887777:root\"},\"Action\":\"sqs:*\"}]}"}}),
     ("sqs.amazonaws.com", "SetQueueAttributes", {"queueUrl": "q", "attributes": {"Policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"sqs:*\"}]}"}}))
pair("yourside_resource_public",
     ("sns.amazonaws.com", "SetTopicAttributes", {"topicArn": "t", "attributeName": "Policy", "attributeValue": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sns:Publish\"}]}"}),
     ("sns.amazonaws.com", "SetTopicAttributes", {"topicArn": "t", "attributeName": "Policy", "attributeValue": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sns:Publish\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"111122223333\"}}}]}"}))
json.dump({"Records": R}, open("trail.json", "w"))
PY
