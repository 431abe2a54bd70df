#!/usr/bin/python3
"""make-iam-bench.py: a policy test file of realistic requests for bench/iam.sh. The policies
are a real account's (cloudsplaining's example get-account-authorization-details, BSD-3-Clause,
in shared/data/posture/samples): for each of its 122 users and roles, a set holding the
principal's inline, attached (AWS managed, up to 84 KB each) and groups' policies, an SCP that
denies regions outside a list and protects CloudTrail, and for a third of them a bucket policy
that denies plain HTTP; then 40 requests each across S3, EC2, IAM, DynamoDB, KMS, Lambda, SQS,
CloudTrail, with the context keys real requests carry (source address, MFA, region, TLS, tags).
Usage: make-iam-bench.py AUTHZ_DETAILS.json > FILE"""
import json, random, sys

ACTIONS = [
    ("s3:GetObject", "arn:aws:s3:::{b}/reports/{n}.csv"), ("s3:PutObject", "arn:aws:s3:::{b}/uploads/{n}"),
    ("s3:DeleteObject", "arn:aws:s3:::{b}/tmp/{n}"), ("s3:ListBucket", "arn:aws:s3:::{b}"),
    ("s3:DeleteBucket", "arn:aws:s3:::{b}"), ("s3:PutBucketPolicy", "arn:aws:s3:::{b}"),
    ("ec2:DescribeInstances", "*"), ("ec2:RunInstances", "arn:aws:ec2:{r}:{a}:instance/*"),
    ("ec2:TerminateInstances", "arn:aws:ec2:{r}:{a}:instance/i-0{n}"),
    ("ec2:CreateSnapshot", "arn:aws:ec2:{r}:{a}:volume/vol-0{n}"),
    ("iam:CreateUser", "arn:aws:iam::{a}:user/u{n}"), ("iam:CreateAccessKey", "arn:aws:iam::{a}:user/u{n}"),
    ("iam:AttachRolePolicy", "arn:aws:iam::{a}:role/r{n}"), ("iam:PassRole", "arn:aws:iam::{a}:role/r{n}"),
    ("iam:GetRole", "arn:aws:iam::{a}:role/r{n}"), ("sts:AssumeRole", "arn:aws:iam::{a}:role/r{n}"),
    ("dynamodb:GetItem", "arn:aws:dynamodb:{r}:{a}:table/t{n}"), ("dynamodb:DeleteTable", "arn:aws:dynamodb:{r}:{a}:table/t{n}"),
    ("kms:Decrypt", "arn:aws:kms:{r}:{a}:key/k{n}"), ("lambda:InvokeFunction", "arn:aws:lambda:{r}:{a}:function:f{n}"),
    ("lambda:UpdateFunctionCode", "arn:aws:lambda:{r}:{a}:function:f{n}"), ("sqs:SendMessage", "arn:aws:sqs:{r}:{a}:q{n}"),
    ("cloudtrail:StopLogging", "arn:aws:cloudtrail:{r}:{a}:trail/main"), ("logs:PutLogEvents", "arn:aws:logs:{r}:{a}:log-group:app:log-stream:{n}"),
    ("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:{r}:{a}:secret:db-{n}"),
    ("ssm:GetParameter", "arn:aws:ssm:{r}:{a}:parameter/app/{n}"), ("cloudformation:CreateStack", "arn:aws:cloudformation:{r}:{a}:stack/s{n}/*"),
]
REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-1", "us-west-2"]

def default_version(p):
    for v in p["PolicyVersionList"]:
        if v["IsDefaultVersion"]:
            return v["Document"]

def main():
    d = json.load(open(sys.argv[1]))
    r = random.Random(7)
    pol = {p["Arn"]: default_version(p) for p in d["Policies"]}
    groups = {g["GroupName"]: g for g in d["GroupDetailList"]}
    scp = [{"level": "r-root", "policies": {"FullAWSAccess": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]},
        "Guardrails": {"Version": "2012-10-17", "Statement": [
            {"Sid": "Regions", "Effect": "Deny", "NotAction": ["iam:*", "sts:*", "organizations:*", "support:*", "cloudfront:*", "route53:*"], "Resource": "*",
             "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1", "us-west-2"]}}},
            {"Sid": "Trail", "Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"], "Resource": "*",
             "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole"}}}]}}}]
    sets = []
    principals = [("user", u) for u in d["UserDetailList"]] + [("role", x) for x in d["RoleDetailList"]]
    for kind, p in principals:
        ident = {}
        for ip in p.get("UserPolicyList" if kind == "user" else "RolePolicyList", []) or []:
            ident["inline " + ip["PolicyName"]] = ip["PolicyDocument"]
        for ap in p.get("AttachedManagedPolicies", []):
            if ap["PolicyArn"] in pol:
                ident[ap["PolicyName"]] = pol[ap["PolicyArn"]]
        for g in p.get("GroupList", []) if kind == "user" else []:
            for ap in groups.get(g, {}).get("AttachedManagedPolicies", []):
                if ap["PolicyArn"] in pol:
                    ident["group " + g + ": " + ap["PolicyName"]] = pol[ap["PolicyArn"]]
            for ip in groups.get(g, {}).get("GroupPolicyList", []):
                ident["group " + g + ": inline " + ip["PolicyName"]] = ip["PolicyDocument"]
        acct = p["Arn"].split(":")[4]
        arn = p["Arn"] if kind == "user" else "arn:aws:sts::%s:assumed-role/%s/bench" % (acct, p["RoleName"])
        s = {"principal": arn, "identity": ident, "scp": scp}
        if r.random() < 0.33:
            s["resource_policy"] = {"Version": "2012-10-17", "Statement": [
                {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::data", "arn:aws:s3:::data/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
                {"Sid": "Team", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root" % acct}, "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::data/*"}]}
        reqs = []
        for _ in range(40):
            action, pattern = r.choice(ACTIONS)
            reg = r.choice(REGIONS)
            res = pattern.format(b=r.choice(["data", "logs", "backup"]), n=r.randrange(100), r=reg, a=acct)
            ctx = {"aws:RequestedRegion": reg, "aws:SecureTransport": r.choice(["true", "true", "false"]),
                   "aws:SourceIp": "203.0.113.%d" % r.randrange(256), "aws:CurrentTime": "2026-11-22T10:00:00Z"}
            if r.random() < 0.5:
                ctx["aws:MultiFactorAuthPresent"] = "true"
                ctx["aws:MultiFactorAuthAge"] = str(r.randrange(7200))
            if r.random() < 0.3:
                ctx["aws:ResourceTag/env"] = r.choice(["prod", "dev"])
            reqs.append({"action": action, "resource": res, "context": ctx})
        s["requests"] = reqs
        sets.append(s)
    json.dump(sets, sys.stdout)
    sys.stdout.write("\n")

main()
