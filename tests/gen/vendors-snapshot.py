#!/usr/bin/env python3
"""vendors-snapshot.py: a snapshot with one of each kind of outsider, each guard present and absent,
for tests/cases/vendors.

usage: tests/gen/vendors-snapshot.py OUT [--none] [--scale N] [--in-org]

Account 111122223333 in an organization whose folder is OUT/.. (222233334444 "prod" is a member).
Outsiders: Datadog (464622532012, from the vendors' list) without an ExternalId; Vanta
(956993596390) with one; GitHub Actions with no subject (an administrator role), with one pinned
repository and branch, with every repository of an owner; HCP Terraform with any workspace of an
organization; a SAML provider; an unknown account with MFA; the organization's prod account;
anyone limited to the organization; the organization's management account
(named by the snapshot's own describe-organization) trusted as administrator; a bucket shared with CloudTrail (aws:SourceArn) and with AWS
Config (no source condition); a queue shared with an unknown account. With --none: only the
account's own principals and AWS services, and no resource policy. With --scale N (bench/vendors.sh):
the outsiders' roles N times over, and N buckets each shared with a vendor, an unknown account
or CloudTrail. With --in-org: OUT's folder is made the organization's (organization.json naming
111122223333 acme-main and 222233334444 acme-prod), as collect --organization lays it out.
"""
import json
import os
import sys

ACCT = "111122223333"
GH = "arn:aws:iam::%s:oidc-provider/token.actions.githubusercontent.com" % ACCT
TFC = "arn:aws:iam::%s:oidc-provider/app.terraform.io" % ACCT
ADMIN = [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}]
ADMIN_POLICY = {"PolicyName": "AdministratorAccess", "Arn": "arn:aws:iam::aws:policy/AdministratorAccess",
                "DefaultVersionId": "v1", "AttachmentCount": 2, "IsAttachable": True,
                "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": True, "Document": {
                    "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]}
READ_LOGS = [{"PolicyName": "read-logs", "PolicyDocument": {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]}}]


def trust(*stmts):
    return {"Version": "2012-10-17", "Statement": list(stmts)}


def allow(principal, action="sts:AssumeRole", cond=None):
    s = {"Effect": "Allow", "Principal": principal, "Action": action}
    if cond:
        s["Condition"] = cond
    return s


def role(name, doc, attached=(), inline=(), last_used=None, created="2025-01-10T09:00:00Z"):
    return {"Path": "/", "RoleName": name, "RoleId": "AROA" + name.upper().replace("-", "")[:16],
            "Arn": "arn:aws:iam::%s:role/%s" % (ACCT, name), "CreateDate": created,
            "AssumeRolePolicyDocument": doc, "InstanceProfileList": [], "RolePolicyList": list(inline),
            "AttachedManagedPolicies": list(attached), "Tags": [],
            "RoleLastUsed": {"LastUsedDate": last_used, "Region": "eu-west-1"} if last_used else {}}


def roles_all():
    return [
        role("datadog-integration", trust(allow({"AWS": "arn:aws:iam::464622532012:root"})), inline=READ_LOGS,
             last_used="2026-11-30T08:00:00Z"),
        role("vanta-auditor", trust(allow({"AWS": "arn:aws:iam::956993596390:root"},
                                          cond={"StringEquals": {"sts:ExternalId": "vanta-7f3a9c2e"}})),
             inline=READ_LOGS, last_used="2026-11-29T08:00:00Z"),
        role("deploy", trust(allow({"Federated": GH}, "sts:AssumeRoleWithWebIdentity",
                                   {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}})),
             attached=ADMIN, last_used="2026-11-28T08:00:00Z"),
        role("deploy-web", trust(allow({"Federated": GH}, "sts:AssumeRoleWithWebIdentity",
                                       {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                                                         "token.actions.githubusercontent.com:sub":
                                                             "repo:acme/web:ref:refs/heads/main"}})),
             inline=READ_LOGS, last_used="2026-11-28T08:00:00Z"),
        role("deploy-acme", trust(allow({"Federated": GH}, "sts:AssumeRoleWithWebIdentity",
                                        {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/*"}})),
             attached=ADMIN, last_used="2026-11-28T08:00:00Z"),
        role("terraform", trust(allow({"Federated": TFC}, "sts:AssumeRoleWithWebIdentity",
                                      {"StringLike": {"app.terraform.io:sub":
                                                      "organization:acme:project:*:workspace:*:run_phase:*"}})),
             inline=READ_LOGS, last_used="2026-11-28T08:00:00Z"),
        role("okta-admins", trust(allow({"Federated": "arn:aws:iam::%s:saml-provider/okta" % ACCT},
                                        "sts:AssumeRoleWithSAML",
                                        {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}})),
             inline=READ_LOGS, last_used="2026-11-30T08:00:00Z"),
        role("contractor", trust(allow({"AWS": "arn:aws:iam::777788889999:user/jo"},
                                       cond={"Bool": {"aws:MultiFactorAuthPresent": "true"}})),
             inline=READ_LOGS, created="2025-03-01T09:00:00Z"),
        role("prod-read", trust(allow({"AWS": "arn:aws:iam::222233334444:root"})), inline=READ_LOGS,
             last_used="2026-11-30T08:00:00Z"),
        role("org-wide", trust(allow({"AWS": "*"}, cond={"StringEquals": {"aws:PrincipalOrgID": "o-acme12345"}})),
             inline=READ_LOGS, last_used="2026-11-30T08:00:00Z"),
        role("lambda-worker", trust(allow({"Service": "lambda.amazonaws.com"})), inline=READ_LOGS),
        role("OrganizationAccountAccessRole", trust(allow({"AWS": "arn:aws:iam::333344445555:root"})), attached=ADMIN,
             last_used="2026-10-01T08:00:00Z"),
    ]


def roles_none():
    return [
        role("lambda-worker", trust(allow({"Service": "lambda.amazonaws.com"})), inline=READ_LOGS),
        role("admin", trust(allow({"AWS": "arn:aws:iam::%s:root" % ACCT},
                                  cond={"Bool": {"aws:MultiFactorAuthPresent": "true"}})), attached=ADMIN),
    ]


def write(path, doc):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")


def scaled(roles, n):
    out = []
    for i in range(n):
        for r in roles:
            r = json.loads(json.dumps(r))
            r["RoleName"] += "-%d" % i
            r["Arn"] += "-%d" % i
            r["RoleId"] = "AROA%016d" % (len(out) + 1)
            out.append(r)
    return out


def main():
    out, none = sys.argv[1], "--none" in sys.argv[2:]
    scale = int(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 0
    write(os.path.join(out, "account.json"), {"Account": ACCT, "UserId": "AIDAEXAMPLE",
                                               "Arn": "arn:aws:iam::%s:user/collector" % ACCT})
    write(os.path.join(out, "snapshot.json"), {"time": "2026-12-01T00:00:00Z", "regions": ["eu-west-1"]})
    write(os.path.join(out, "global/iam/get-account-authorization-details.json"),
          {"UserDetailList": [], "GroupDetailList": [],
           "RoleDetailList": roles_none() if none else scaled(roles_all(), scale) if scale else roles_all(),
           "Policies": [ADMIN_POLICY]})
    if "--in-org" in sys.argv[2:]:
        write(os.path.join(os.path.dirname(os.path.abspath(out)), "organization.json"), {
            "organization": "o-acme12345", "management_account": "111122223333", "time": "2026-12-01T00:00:00Z",
            "by": "tests/gen/vendors-snapshot.py", "accounts": [
                {"id": "111122223333", "name": "acme-main", "status": "ACTIVE", "result": "collected"},
                {"id": "222233334444", "name": "acme-prod", "status": "ACTIVE", "result": "collected"}]})
    if none:
        os.makedirs(os.path.join(out, "eu-west-1"), exist_ok=True)
        return
    # a member of o-acme12345, whose management account 333344445555 may assume a role here
    write(os.path.join(out, "global/organizations/describe-organization.json"), {"Organization": {
        "Id": "o-acme12345", "Arn": "arn:aws:organizations::333344445555:organization/o-acme12345",
        "FeatureSet": "ALL", "MasterAccountId": "333344445555",
        "MasterAccountArn": "arn:aws:organizations::333344445555:account/o-acme12345/333344445555"}})
    names = ["acme-trail"] + ["acme-data-%d" % i for i in range(scale)]
    write(os.path.join(out, "global/s3/list-buckets.json"),
          {"Buckets": [{"Name": n, "CreationDate": "2024-01-01T00:00:00Z"} for n in names]})
    for i in range(scale):
        who = [{"AWS": "arn:aws:iam::464622532012:root"}, {"AWS": "arn:aws:iam::8888%08d:root" % i},
               {"Service": "cloudtrail.amazonaws.com"}][i % 3]
        doc = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": who, "Action": ["s3:GetObject", "s3:PutObject"],
             "Resource": "arn:aws:s3:::acme-data-%d/*" % i}]}
        write(os.path.join(out, "global/s3/get-bucket-policy/acme-data-%d.json" % i), {"Policy": json.dumps(doc)})
    bucket = {"Version": "2012-10-17", "Statement": [
        {"Sid": "CloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-trail/AWSLogs/%s/*" % ACCT,
         "Condition": {"StringEquals": {"aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:%s:trail/main" % ACCT}}},
        {"Sid": "ConfigWrite", "Effect": "Allow", "Principal": {"Service": "config.amazonaws.com"},
         "Action": "s3:PutObject", "Resource": "arn:aws:s3:::acme-trail/AWSConfig/*"}]}
    write(os.path.join(out, "global/s3/get-bucket-policy/acme-trail.json"), {"Policy": json.dumps(bucket)})
    url = "https://sqs.eu-west-1.amazonaws.com/%s/acme-orders" % ACCT
    write(os.path.join(out, "eu-west-1/sqs/list-queues.json"), {"QueueUrls": [url]})
    queue = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::888899990000:role/partner-sender"},
         "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:eu-west-1:%s:acme-orders" % ACCT}]}
    write(os.path.join(out, "eu-west-1/sqs/get-queue-attributes/" + url.replace("/", "%2F") + ".json"),
          {"Attributes": {"QueueArn": "arn:aws:sqs:eu-west-1:%s:acme-orders" % ACCT, "Policy": json.dumps(queue)}})


main()
