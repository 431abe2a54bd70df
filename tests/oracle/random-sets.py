#!/usr/bin/python3
"""random-sets.py: writes random policy sets and requests in yourside's policy test format, for
the differential test against iam-simulate: identity policies, boundaries, session policies,
resource policies and SCPs built from real actions, ARN patterns, every condition operator and
the context keys they read. Areas where the two evaluators are known to follow different rules
(pinned.tsv) are left out. Usage: random-sets.py SEED COUNT > FILE"""
import json, random, sys

A, B = "111122223333", "444455556666"
BUCKETS = ["data", "logs", "backup"]
# action -> how to make a resource of the type it takes
ACTIONS = {
    "s3:GetObject": "object", "s3:PutObject": "object", "s3:DeleteObject": "object",
    "s3:ListBucket": "bucket", "s3:DeleteBucket": "bucket", "s3:PutBucketPolicy": "bucket",
    "ec2:StartInstances": "instance", "ec2:TerminateInstances": "instance", "ec2:DescribeInstances": "*",
    "dynamodb:GetItem": "table", "dynamodb:DeleteTable": "table", "dynamodb:Scan": "table",
    "sqs:SendMessage": "queue", "sqs:PurgeQueue": "queue",
    "iam:CreateAccessKey": "user", "iam:AttachUserPolicy": "user", "iam:ListUsers": "*",
    "kms:Decrypt": "key", "secretsmanager:GetSecretValue": "secret",
}
ACTION_PATTERNS = list(ACTIONS) + ["s3:*", "s3:Get*", "s3:*Object", "ec2:*", "ec2:*Instances",
    "dynamodb:*", "*", "iam:*AccessKey*", "sqs:?urgeQueue", "s3:Delete*", "secretsmanager:*",
    "kms:*", "S3:getobject", "EC2:Describe*"]
REGIONS = ["us-east-1", "eu-west-1"]

def resource(kind, acct, r):
    reg = r.choice(REGIONS)
    if kind == "object":
        return "arn:aws:s3:::%s/%s" % (r.choice(BUCKETS), r.choice(["a.txt", "home/alice/x", "home/bob/y", "k"]))
    if kind == "bucket":
        return "arn:aws:s3:::" + r.choice(BUCKETS)
    if kind == "instance":
        return "arn:aws:ec2:%s:%s:instance/i-%s" % (reg, acct, r.choice(["0a", "0b"]))
    if kind == "table":
        return "arn:aws:dynamodb:%s:%s:table/%s" % (reg, acct, r.choice(["orders", "users"]))
    if kind == "queue":
        return "arn:aws:sqs:%s:%s:%s" % (reg, acct, r.choice(["jobs", "audit"]))
    if kind == "user":
        return "arn:aws:iam::%s:user/%s" % (acct, r.choice(["alice", "bob"]))
    if kind == "key":
        return "arn:aws:kms:%s:%s:key/%s" % (reg, acct, r.choice(["k1", "k2"]))
    if kind == "secret":
        return "arn:aws:secretsmanager:%s:%s:secret:%s" % (reg, acct, r.choice(["db-AbCdEf", "api-123456"]))
    return "*"

RESOURCE_PATTERNS = ["*", "arn:aws:s3:::data/*", "arn:aws:s3:::data", "arn:aws:s3:::*", "arn:aws:s3:::home/*",
    "arn:aws:s3:::data/home/${aws:username}/*", "arn:aws:s3:::logs*", "arn:aws:ec2:*:*:instance/*",
    "arn:aws:ec2:us-*:%s:instance/i-0?" % A, "arn:aws:dynamodb:*:*:table/orders",
    "arn:aws:dynamodb:eu-west-1:*:table/*", "arn:aws:sqs:*:%s:*" % A, "arn:aws:iam::*:user/${aws:username}",
    "arn:aws:iam::%s:user/*" % A, "arn:aws:kms:*:*:key/k1", "arn:aws:secretsmanager:*:*:secret:db-*",
    "arn:aws:s3:::backup/*"]

KEYS = {
    "aws:PrincipalTag/team": ["blue", "green", "Blue"],
    "aws:ResourceTag/env": ["prod", "dev"],
    "aws:SecureTransport": ["true", "false"],
    "aws:MultiFactorAuthPresent": ["true", "false"],
    "aws:MultiFactorAuthAge": ["30", "900", "7200"],
    "aws:SourceIp": ["203.0.113.9", "198.51.100.20", "192.0.2.1"],
    "aws:CurrentTime": ["2026-01-15T00:00:00Z", "2026-09-01T12:00:00Z"],
    "aws:TagKeys": [["env"], ["env", "team"], ["secret"], []],
    "aws:RequestedRegion": ["us-east-1", "eu-west-1"],
    "aws:PrincipalOrgID": ["o-good", "o-evil"],
}

def condition(r):
    c = {}
    for _ in range(r.choice([1, 1, 2])):
        kind = r.choice(["str", "like", "bool", "num", "ip", "date", "null", "set", "arn", "ifexists", "notstr", "var"])
        if kind == "str":
            c.setdefault("StringEquals", {})["aws:PrincipalTag/team"] = r.choice(["blue", ["blue", "green"]])
        elif kind == "notstr":
            c.setdefault(r.choice(["StringNotEquals", "StringNotEqualsIgnoreCase"]), {})["aws:RequestedRegion"] = r.choice(["us-east-1", ["US-EAST-1"]])
        elif kind == "like":
            c.setdefault(r.choice(["StringLike", "StringNotLike"]), {})["aws:ResourceTag/env"] = r.choice(["pr*", "d?v", "*"])
        elif kind == "bool":
            c.setdefault(r.choice(["Bool", "BoolIfExists"]), {})[r.choice(["aws:SecureTransport", "aws:MultiFactorAuthPresent"])] = r.choice(["true", "false"])
        elif kind == "num":
            c.setdefault(r.choice(["NumericLessThan", "NumericGreaterThanEquals", "NumericNotEquals"]), {})["aws:MultiFactorAuthAge"] = r.choice(["900", "3600"])
        elif kind == "ip":
            c.setdefault(r.choice(["IpAddress", "NotIpAddress"]), {})["aws:SourceIp"] = r.choice(["203.0.113.0/24", ["198.51.100.0/24", "192.0.2.0/28"]])
        elif kind == "date":
            c.setdefault(r.choice(["DateLessThan", "DateGreaterThan"]), {})["aws:CurrentTime"] = "2026-06-01T00:00:00Z"
        elif kind == "null":
            c.setdefault("Null", {})[r.choice(["aws:MultiFactorAuthAge", "aws:PrincipalTag/team"])] = r.choice(["true", "false"])
        elif kind == "set":
            c.setdefault(r.choice(["ForAllValues:StringEquals", "ForAnyValue:StringEquals", "ForAnyValue:StringLike", "ForAllValues:StringNotEquals"]), {})["aws:TagKeys"] = r.choice([["env", "team"], "env", ["sec*"]])
        elif kind == "arn":
            c.setdefault(r.choice(["ArnLike", "ArnNotLike", "ArnEquals"]), {})["aws:PrincipalArn"] = r.choice(["arn:aws:iam::%s:user/*" % A, "arn:aws:iam::*:role/admin", "arn:aws:iam::%s:user/alice" % A])
        elif kind == "ifexists":
            c.setdefault("StringEqualsIfExists", {})["aws:PrincipalOrgID"] = "o-good"
        else:
            c.setdefault("StringEquals", {})["aws:ResourceTag/env"] = r.choice(["${aws:PrincipalTag/team}", "${aws:PrincipalTag/team, 'prod'}"])
    return c

def statement(r, principal=False):
    s = {"Effect": "Allow" if r.random() < 0.75 else "Deny"}
    acts = r.sample(ACTION_PATTERNS, r.choice([1, 1, 2, 3]))
    s["NotAction" if r.random() < 0.1 else "Action"] = acts[0] if len(acts) == 1 else acts
    res = r.sample(RESOURCE_PATTERNS, r.choice([1, 1, 2]))
    s["NotResource" if r.random() < 0.08 else "Resource"] = res[0] if len(res) == 1 else res
    if principal:
        s["Principal"] = r.choice(["*", {"AWS": "*"}, {"AWS": A}, {"AWS": "arn:aws:iam::%s:root" % B},
            {"AWS": "arn:aws:iam::%s:user/alice" % A}, {"AWS": ["arn:aws:iam::%s:role/app" % A, B]},
            {"AWS": "arn:aws:iam::%s:role/app" % B}])
    if r.random() < 0.45:
        s["Condition"] = condition(r)
    return s

def policy(r, n, principal=False):
    return {"Version": "2012-10-17", "Statement": [statement(r, principal) for _ in range(n)]}

PRINCIPALS = ["arn:aws:iam::%s:user/alice" % A, "arn:aws:iam::%s:user/bob" % A,
              "arn:aws:sts::%s:assumed-role/app/s1" % A, "arn:aws:iam::%s:user/alice" % B,
              "arn:aws:sts::%s:assumed-role/app/s2" % B]

def one_set(r, i):
    principal = r.choice(PRINCIPALS)
    session = principal.split(":")[2] == "sts"
    s = {"description": "random set %d" % i, "principal": principal,
         "identity": {"P%d" % k: policy(r, r.choice([1, 2, 3])) for k in range(r.choice([0, 1, 1, 2, 3]))}}
    if r.random() < 0.3:
        s["boundary"] = policy(r, r.choice([1, 2]))
    if session and r.random() < 0.3:
        s["session"] = policy(r, r.choice([1, 2]))
    if r.random() < 0.5:
        s["resource_policy"] = policy(r, r.choice([1, 2, 3]), principal=True)
    if r.random() < 0.25:
        levels = [{"level": "r-root", "policies": {"Full": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}}]
        levels.append({"level": "ou-1", "policies": {"S": policy(r, r.choice([1, 2]))}})
        s["scp"] = levels
    reqs = []
    for _ in range(10):
        action = r.choice(list(ACTIONS))
        acct = A if r.random() < 0.8 else B
        req = {"action": action, "resource": resource(ACTIONS[action], acct, r), "resource_account": acct}
        ctx = {}
        for k in r.sample(list(KEYS), r.choice([0, 1, 2, 3, 4])):
            ctx[k] = r.choice(KEYS[k])
        if ctx:
            req["context"] = ctx
        reqs.append(req)
    s["requests"] = reqs
    return s

def main():
    r = random.Random(int(sys.argv[1]))
    json.dump([one_set(r, i) for i in range(int(sys.argv[2]))], sys.stdout, indent=1)
    sys.stdout.write("\n")

main()
