#!/usr/bin/python3
"""make-org.py: an organization for tests/servers/fake-aws.py --org: the Organizations answers
(as `aws organizations <operation> --output json` prints them) under OUT/organizations/, and a
snapshot folder per account under OUT/<id>/, each a copy of FROM with FROM's account id
(111122223333) changed to the account's, in file contents and names. The management account sits
under the root, the members in one OU under it.

usage: make-org.py --from examples/snapshot-insecure --out DIR --management ID:NAME
                   [--member ID:NAME[:STATUS]]... [--refuse ID]... [--not-in-org] [--deny-list]
--refuse ID leaves DIR/<ID>/refuse-assume-role, so AssumeRole into it is refused; a member whose
status is not ACTIVE gets no folder (collect must not try it); --not-in-org answers every
Organizations call with AWSOrganizationsNotInUseException, --deny-list ListAccounts alone with
AccessDeniedException."""
import argparse, json, os

FROM_ID = "111122223333"
ORG = "o-exampleorgid"
ROOT = "r-ex12"
OU = "ou-ex12-workload1"
GUARD = {"Version": "2012-10-17", "Statement": [
    {"Sid": "NoLeaving", "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"},
    {"Sid": "KeepTheTrail", "Effect": "Deny", "Action": ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail"],
     "Resource": "*"}]}
FULL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def copy_account(src, dst, account):
    for base, _, files in os.walk(src):
        rel = os.path.relpath(base, src)
        for name in files:
            target = os.path.join(dst, rel, name).replace(FROM_ID, account)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(os.path.join(base, name), "rb") as f:
                data = f.read()
            with open(target, "wb") as f:
                f.write(data.replace(FROM_ID.encode(), account.encode()))


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(data, f, indent=4)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--from", dest="src", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--management", required=True)
    ap.add_argument("--member", action="append", default=[])
    ap.add_argument("--refuse", action="append", default=[])
    ap.add_argument("--not-in-org", action="store_true")
    ap.add_argument("--deny-list", action="store_true")
    a = ap.parse_args()
    mgmt, mgmt_name = a.management.split(":", 1)
    accounts = [(mgmt, mgmt_name, "ACTIVE")]
    for m in a.member:
        parts = m.split(":")
        accounts.append((parts[0], parts[1], parts[2] if len(parts) > 2 else "ACTIVE"))
    for acct, _, status in accounts:
        if status == "ACTIVE":
            copy_account(a.src, os.path.join(a.out, acct), acct)
    for acct in a.refuse:
        open(os.path.join(a.out, acct, "refuse-assume-role"), "w").close()
    o = os.path.join(a.out, "organizations")
    if a.not_in_org:
        for op in ("describe-organization", "list-accounts", "list-roots", "list-policies"):
            write(os.path.join(o, op + ".error.json"), {"Code": "AWSOrganizationsNotInUseException",
                                                         "Message": "Your account is not a member of an organization."})
        return
    arn = "arn:aws:organizations::%s:" % mgmt
    write(os.path.join(o, "describe-organization.json"), {"Organization": {
        "Id": ORG, "Arn": arn + "organization/" + ORG, "FeatureSet": "ALL",
        "MasterAccountArn": arn + "account/%s/%s" % (ORG, mgmt), "MasterAccountId": mgmt,
        "MasterAccountEmail": "aws-root@example.com",
        "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}})
    if a.deny_list:
        write(os.path.join(o, "list-accounts.error.json"), {
            "Code": "AccessDeniedException", "Message": "You don't have permissions to access this resource."})
    else:
        write(os.path.join(o, "list-accounts.json"), {"Accounts": [
            {"Id": acct, "Arn": arn + "account/%s/%s" % (ORG, acct), "Email": "aws+%s@example.com" % name,
             "Name": name, "Status": status, "JoinedMethod": "INVITED" if acct == mgmt else "CREATED",
             "JoinedTimestamp": "2024-03-01T10:00:00+00:00"} for acct, name, status in accounts]})
    write(os.path.join(o, "list-roots.json"), {"Roots": [
        {"Id": ROOT, "Arn": arn + "root/%s/%s" % (ORG, ROOT), "Name": "Root",
         "PolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}]})
    policies = [("p-FullAWSAccess", "FullAWSAccess", True, FULL), ("p-guard0001", "guardrails", False, GUARD)]
    write(os.path.join(o, "list-policies.json"), {"Policies": [
        {"Id": pid, "Arn": "arn:aws:organizations::%s:policy/%s/service_control_policy/%s"
         % ("aws" if managed else mgmt, "" if managed else ORG, pid),
         "Name": name, "Description": name, "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": managed}
        for pid, name, managed, _ in policies]})
    target = {"TargetId": ROOT, "Arn": arn + "root/%s/%s" % (ORG, ROOT), "Name": "Root", "Type": "ROOT"}
    for pid, name, managed, doc in policies:
        summary = {"Id": pid, "Name": name, "Description": name, "Type": "SERVICE_CONTROL_POLICY",
                   "AwsManaged": managed}
        write(os.path.join(o, "describe-policy", pid + ".json"),
              {"Policy": {"PolicySummary": summary, "Content": json.dumps(doc)}})
        write(os.path.join(o, "list-targets-for-policy", pid + ".json"), {"Targets": [target]})
    # the management account under the root, the members in one OU under it
    for acct, _, _ in accounts:
        parent = {"Id": ROOT, "Type": "ROOT"} if acct == mgmt else {"Id": OU, "Type": "ORGANIZATIONAL_UNIT"}
        write(os.path.join(o, "list-parents", acct + ".json"), {"Parents": [parent]})
    write(os.path.join(o, "list-parents", OU + ".json"), {"Parents": [{"Id": ROOT, "Type": "ROOT"}]})


if __name__ == "__main__":
    main()
