# KMS key policies asked through the evaluator (public, shared with a named account, open only
# under an organization or caller-account condition, refused, missing, malformed), keys pending
# deletion (days away, hours away, past due), and IAM policies that decrypt with every key
# (managed and inline, by "*", by a key-ARN wildcard, by NotAction, under a condition, undone by
# a Deny) beside ones that name their keys
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'PY'
import json, os
A, R = "111122223333", "snap/eu-west-1/kms"
def arn(k): return "arn:aws:kms:eu-west-1:%s:key/%s" % (A, k)
def w(p, o):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    json.dump(o, open(p, "w"), indent=4)
root = {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % A}, "Action": "kms:*", "Resource": "*"}
keys = {
    "11111111-aaaa-4aaa-8aaa-000000000001": ("open to anyone", "Enabled", None,
        [root, {"Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}]),
    "11111111-aaaa-4aaa-8aaa-000000000002": ("org only", "Enabled", None,
        [root, {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*",
                "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}]),
    "11111111-aaaa-4aaa-8aaa-000000000003": ("caller account only", "Enabled", None,
        [root, {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:CreateGrant"], "Resource": "*",
                "Condition": {"StringEquals": {"kms:CallerAccount": A, "kms:ViaService": "ec2.eu-west-1.amazonaws.com"}}}]),
    "11111111-aaaa-4aaa-8aaa-000000000004": ("admin role of a partner", "Enabled", None,
        [root, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::777788889999:role/admin"},
                "Action": ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"], "Resource": "*"}]),
    "11111111-aaaa-4aaa-8aaa-000000000005": ("refused", "Enabled", None, "refused"),
    "11111111-aaaa-4aaa-8aaa-000000000006": ("not collected", "Enabled", None, None),
    "11111111-aaaa-4aaa-8aaa-000000000007": ("broken policy", "Enabled", None, "{\"Statement\": [oops"),
    "11111111-aaaa-4aaa-8aaa-000000000008": ("gone tomorrow", "PendingDeletion", "2026-11-21T03:00:00+00:00", [root]),
    "11111111-aaaa-4aaa-8aaa-000000000009": ("past due", "PendingDeletion", "2026-11-19T23:00:00+00:00", [root]),
    "11111111-aaaa-4aaa-8aaa-000000000010": ("disabled", "Disabled", None, [root]),
}
lk = json.load(open(R + "/list-keys.json"))
for k, (desc, state, when, pol) in keys.items():
    lk["Keys"].append({"KeyId": k, "KeyArn": arn(k)})
    m = {"AWSAccountId": A, "KeyId": k, "Arn": arn(k), "CreationDate": "2024-01-01T00:00:00+00:00",
         "Enabled": state == "Enabled", "Description": desc, "KeyUsage": "ENCRYPT_DECRYPT", "KeyState": state}
    if when: m["DeletionDate"] = when
    m.update({"Origin": "AWS_KMS", "KeyManager": "CUSTOMER", "KeySpec": "SYMMETRIC_DEFAULT"})
    w("%s/describe-key/%s.json" % (R, k), {"KeyMetadata": m})
    w("%s/get-key-rotation-status/%s.json" % (R, k), {"KeyRotationEnabled": True, "KeyId": arn(k)})
    p = "%s/get-key-policy/%s" % (R, k)
    if pol == "refused":
        w(p + ".error.json", {"Code": "AccessDeniedException", "Message": "User: arn:aws:iam::111122223333:user/audit is not authorized to perform: kms:GetKeyPolicy on this resource because the resource does not exist in this Region, no resource-based policies allow access, or a resource-based policy explicitly denies access"})
    elif isinstance(pol, str):
        w(p + ".json", {"Policy": pol, "PolicyName": "default"})
    elif pol:
        w(p + ".json", {"Policy": json.dumps({"Version": "2012-10-17", "Statement": pol}), "PolicyName": "default"})
w(R + "/list-keys.json", lk)

# IAM: managed and inline policies that decrypt with every key, and ones that do not
f = "snap/global/iam/get-account-authorization-details.json"
d = json.load(open(f))
def mp(name, stmts, attached=0):
    return {"PolicyName": name, "PolicyId": "ANPA" + name.upper().replace("-", ""), "Arn": "arn:aws:iam::%s:policy/%s" % (A, name),
            "Path": "/", "DefaultVersionId": "v1", "AttachmentCount": attached, "PermissionsBoundaryUsageCount": 0,
            "IsAttachable": True, "CreateDate": "2025-01-01T00:00:00Z", "UpdateDate": "2025-01-01T00:00:00Z",
            "PolicyVersionList": [{"Document": {"Version": "2012-10-17", "Statement": stmts}, "VersionId": "v1",
                                   "IsDefaultVersion": True, "CreateDate": "2025-01-01T00:00:00Z"}]}
d["Policies"] += [
    mp("kms-reader", [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "arn:aws:kms:*:%s:key/*" % A}], 1),
    mp("kms-one-key", [{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:ReEncrypt*"], "Resource": arn("1234abcd-12ab-34cd-56ef-1234567890ab")}], 1),
    mp("kms-but-no-decrypt", [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"},
                             {"Effect": "Deny", "Action": ["kms:Decrypt", "kms:ReEncryptFrom"], "Resource": "*"}]),
    mp("kms-via-s3", [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
                       "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}}]),
]
for r in d["RoleDetailList"]:
    if r["RoleName"] == "worker":
        r["AttachedManagedPolicies"].append({"PolicyName": "kms-reader", "PolicyArn": "arn:aws:iam::%s:policy/kms-reader" % A})
        r["RolePolicyList"].append({"PolicyName": "decrypt", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "kms:ReEncrypt*", "Resource": "*"}]}})
    if r["RoleName"] == "web-app":
        r["AttachedManagedPolicies"].append({"PolicyName": "kms-one-key", "PolicyArn": "arn:aws:iam::%s:policy/kms-one-key" % A})
for g in d["GroupDetailList"]:
    if g["GroupName"] == "admins":
        g["GroupPolicyList"].append({"PolicyName": "all-but-iam", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}})
json.dump(d, open(f, "w"), indent=1)
PY
