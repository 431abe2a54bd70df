#!/usr/bin/python3
"""org-data.py: a small organization folder, as `collect --organization` lays it out, made from
examples/snapshot-insecure: a management account, two insecure accounts (the example's IAM
credential report, trail, GuardDuty and AWS Backup files with its account id changed), a
clean-ish backup account, and an account the collector was refused; with the Organizations
calls (describe-organization, list-accounts, list-roots, list-policies, describe-policy,
list-targets-for-policy, and list-parents with --scp ou) as the AWS CLI prints them.

usage: org-data.py OUT [--scp all|partial|none|off|ou|ou-noparents] [--trail org|own]
                       [--guardduty all|some] [--backups cross|same] [--bad-meta]
                       [--missing-folder] [--no-refused]

  --scp all           a root SCP denies all destruction without MFA (BoolIfExists): passes
  --scp partial       a root SCP denies a few actions, some with Bool (access keys escape)
  --scp none          only FullAWSAccess
  --scp off           SCPs not enabled at the root
  --scp ou            the all-SCP on an OU above the two insecure accounts, list-parents given
  --scp ou-noparents  the same, without list-parents: the OU's reach is unknown
  --trail org         the management account's organization trail, multi-region and logging
  --trail own         each account its own trail (the insecure ones' as in the example)
  --guardduty all     a detector on in every account and region; some: off in places
  --backups cross     the insecure accounts' plans copy to the backup account's vault
  --bad-meta          organization.json is not JSON (the accounts come from list-accounts)
  --missing-folder    acme-dev collected, its folder gone
  --no-refused        leave the refused account out"""
import argparse
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "examples", "snapshot-insecure")
EXAMPLE_ID = "111122223333"
ORG = "o-a1b2c3d4e5"
ROOT = "r-ab12"
OU = "ou-ab12-prod1234"
MGMT, PROD, DEV, BACKUP, LEGACY = "111122223333", "222233334444", "333344445555", "444455556666", "555566667777"
NAMES = {MGMT: "acme-management", PROD: "acme-prod", DEV: "acme-dev", BACKUP: "acme-backup",
         LEGACY: "acme-legacy"}
REGIONS = ["eu-west-1", "us-east-1"]
TIME = "2026-11-20T09:00:00Z"
DESTROY = ["s3:DeleteBucket", "s3:DeleteObjectVersion", "ec2:TerminateInstances", "ec2:DeleteSnapshot",
           "rds:DeleteDBInstance", "rds:DeleteDBCluster", "rds:DeleteDBSnapshot",
           "rds:DeleteDBClusterSnapshot", "dynamodb:DeleteTable", "backup:DeleteBackupVault",
           "backup:DeleteRecoveryPoint", "kms:ScheduleKeyDeletion", "cloudtrail:StopLogging",
           "cloudtrail:DeleteTrail", "organizations:LeaveOrganization"]
FULL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
CRED_HEAD = ("user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
             "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
             "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
             "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
             "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,"
             "cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n")


def put(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        if isinstance(value, str):
            f.write(value)
        else:
            json.dump(value, f, indent=4)
            f.write("\n")


def copy_insecure(dst, acct):
    """the example's files that the watch, backup and credential checks read, its id changed"""
    keep = ["account.json", "snapshot.json", "global/iam/credential-report.csv",
            "global/iam/get-account-password-policy.json", "global/iam/list-virtual-mfa-devices.json"]
    for region in REGIONS:
        for svc in ("cloudtrail", "guardduty", "backup"):
            base = os.path.join(EXAMPLE, region, svc)
            for d, _, files in os.walk(base):
                keep += [os.path.relpath(os.path.join(d, f), EXAMPLE) for f in files]
    for rel in sorted(keep):
        with open(os.path.join(EXAMPLE, rel)) as f:
            text = f.read().replace(EXAMPLE_ID, acct).replace("acme-trail", NAMES[acct] + "-trail")
        rel = rel.replace("acme-trail", NAMES[acct] + "-trail")
        put(os.path.join(dst, rel), text)


def clean_account(dst, acct, guardduty=True):
    """an account with its root locked away and little else"""
    put(os.path.join(dst, "account.json"),
        {"UserId": "AROAEXAMPLEAUDIT0001:yourside", "Account": acct,
         "Arn": "arn:aws:sts::%s:assumed-role/OrganizationAccountAccessRole/yourside" % acct})
    put(os.path.join(dst, "snapshot.json"), {"time": TIME, "regions": REGIONS})
    put(os.path.join(dst, "global/iam/credential-report.csv"), CRED_HEAD +
        "<root_account>,arn:aws:iam::%s:root,2021-01-04T10:00:00+00:00,not_supported,N/A,not_supported,"
        "not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\n" % acct)
    put(os.path.join(dst, "global/iam/get-account-password-policy.json"),
        {"PasswordPolicy": {"MinimumPasswordLength": 16, "RequireSymbols": True, "RequireNumbers": True,
                            "RequireUppercaseCharacters": True, "RequireLowercaseCharacters": True,
                            "AllowUsersToChangePassword": True, "ExpirePasswords": False,
                            "PasswordReusePrevention": 24}})
    put(os.path.join(dst, "global/iam/list-virtual-mfa-devices.json"), {"VirtualMFADevices": []})
    for region in REGIONS:
        det = "a%s%s" % (acct, region.replace("-", ""))
        put(os.path.join(dst, region, "guardduty/list-detectors.json"), {"DetectorIds": [det] if guardduty else []})
        if guardduty:
            put(os.path.join(dst, region, "guardduty/get-detector", det + ".json"),
                {"CreatedAt": "2024-01-01T10:00:00.000Z", "FindingPublishingFrequency": "FIFTEEN_MINUTES",
                 "Status": "ENABLED", "UpdatedAt": "2024-01-01T10:00:00.000Z", "Tags": {}})
        put(os.path.join(dst, region, "backup/list-backup-plans.json"), {"BackupPlansList": []})
        put(os.path.join(dst, region, "backup/list-backup-vaults.json"), {"BackupVaultList": []})
        put(os.path.join(dst, region, "cloudtrail/describe-trails.json"), {"trailList": []})


def org_trail_entry():
    return {"Name": "organization-trail", "S3BucketName": "acme-organization-trail",
            "IncludeGlobalServiceEvents": True, "IsMultiRegionTrail": True, "HomeRegion": "us-east-1",
            "TrailARN": "arn:aws:cloudtrail:us-east-1:%s:trail/organization-trail" % MGMT,
            "LogFileValidationEnabled": True, "HasCustomEventSelectors": False,
            "HasInsightSelectors": False, "IsOrganizationTrail": True}


def add_org_trail(out, accounts):
    for acct in accounts:
        for region in REGIONS:
            p = os.path.join(out, acct, region, "cloudtrail/describe-trails.json")
            trails = json.load(open(p)) if os.path.exists(p) else {"trailList": []}
            trails["trailList"].append(org_trail_entry())
            put(p, trails)
    put(os.path.join(out, MGMT, "us-east-1/cloudtrail/get-trail-status/organization-trail.json"),
        {"IsLogging": True, "LatestDeliveryTime": "2026-11-20T08:58:00.000000+00:00",
         "StartLoggingTime": "2024-01-01T10:00:00+00:00"})


def add_own_trail(out, acct):
    name = NAMES[acct] + "-trail"
    for region in REGIONS:
        put(os.path.join(out, acct, region, "cloudtrail/describe-trails.json"), {"trailList": [{
            "Name": name, "S3BucketName": name + "-logs", "IncludeGlobalServiceEvents": True,
            "IsMultiRegionTrail": True, "HomeRegion": "us-east-1",
            "TrailARN": "arn:aws:cloudtrail:us-east-1:%s:trail/%s" % (acct, name),
            "LogFileValidationEnabled": True, "HasCustomEventSelectors": False, "HasInsightSelectors": False,
            "IsOrganizationTrail": False}]})
    put(os.path.join(out, acct, "us-east-1/cloudtrail/get-trail-status", name + ".json"), {"IsLogging": True})


def guardduty_everywhere(out, acct):
    for region in REGIONS:
        det = "b%s%s" % (acct, region.replace("-", ""))
        put(os.path.join(out, acct, region, "guardduty/list-detectors.json"), {"DetectorIds": [det]})
        put(os.path.join(out, acct, region, "guardduty/get-detector", det + ".json"), {"Status": "ENABLED"})


def copy_to_backup_account(out, acct):
    p = os.path.join(out, acct, "eu-west-1/backup/get-backup-plan/8b2c47d3-6f1e-4a5b-9c0d-1e2f3a4b5c6d.json")
    plan = json.load(open(p))
    plan["BackupPlan"]["Rules"][0]["CopyActions"] = [{
        "Lifecycle": {"DeleteAfterDays": 90},
        "DestinationBackupVaultArn": "arn:aws:backup:eu-west-1:%s:backup-vault:central" % BACKUP}]
    put(p, plan)


def scps(out, mode, members):
    calls = os.path.join(out, "organizations")
    policies = [("p-FullAWSAccess", "FullAWSAccess", True, FULL, [ROOT] + ([OU] if mode.startswith("ou") else []) + members)]
    if mode in ("all", "ou", "ou-noparents"):
        doc = {"Version": "2012-10-17", "Statement": [{
            "Sid": "DenyDestructionWithoutMFA", "Effect": "Deny", "Action": DESTROY, "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}
        policies.append(("p-4d7a1c2e", "deny-destruction-without-mfa", False, doc, [OU] if mode.startswith("ou") else [ROOT]))
    elif mode == "partial":
        doc = {"Version": "2012-10-17", "Statement": [
            {"Sid": "DenyDeleteWithoutMFA", "Effect": "Deny",
             "Action": ["s3:DeleteBucket", "s3:DeleteObjectVersion", "ec2:TerminateInstances"],
             "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
            {"Sid": "KeepKeys", "Effect": "Deny", "Action": "kms:ScheduleKeyDeletion", "Resource": "*",
             "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}},
            {"Sid": "StayInTheOrganization", "Effect": "Deny", "Action": "organizations:LeaveOrganization",
             "Resource": "*"}]}
        policies.append(("p-9e8f7a6b", "deny-some-deletes", False, doc, [ROOT]))
    put(os.path.join(calls, "list-roots.json"), {"Roots": [{
        "Id": ROOT, "Arn": "arn:aws:organizations::%s:root/%s/%s" % (MGMT, ORG, ROOT), "Name": "Root",
        "PolicyTypes": [] if mode == "off" else [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}]})
    put(os.path.join(calls, "list-policies.json"), {"Policies": [{
        "Id": pid, "Arn": "arn:aws:organizations::%s:policy/%s/service_control_policy/%s" % (MGMT, ORG, pid),
        "Name": name, "Description": name, "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": managed}
        for pid, name, managed, _, _ in policies]})
    for pid, name, managed, doc, targets in policies:
        # AWS's own FullAWSAccess is left for yourside to know, in the partial organization
        if not (mode == "partial" and managed):
            put(os.path.join(calls, "describe-policy", pid + ".json"), {"Policy": {
                "PolicySummary": {"Id": pid, "Name": name, "Type": "SERVICE_CONTROL_POLICY", "AwsManaged": managed},
                "Content": json.dumps(doc)}})
        put(os.path.join(calls, "list-targets-for-policy", pid + ".json"), {"Targets": [
            {"TargetId": t, "Arn": "arn:aws:organizations::%s:x/%s" % (MGMT, t), "Name": NAMES.get(t, t),
             "Type": "ROOT" if t.startswith("r-") else "ORGANIZATIONAL_UNIT" if t.startswith("ou-") else "ACCOUNT"}
            for t in targets]})
    if mode == "ou":
        for acct in members:
            parent = OU if acct in (PROD, DEV) else ROOT
            put(os.path.join(calls, "list-parents", acct + ".json"), {"Parents": [
                {"Id": parent, "Type": "ORGANIZATIONAL_UNIT" if parent == OU else "ROOT"}]})
        put(os.path.join(calls, "list-parents", OU + ".json"), {"Parents": [{"Id": ROOT, "Type": "ROOT"}]})


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--scp", default="none", choices=["all", "partial", "none", "off", "ou", "ou-noparents"])
    ap.add_argument("--trail", default="own", choices=["org", "own"])
    ap.add_argument("--guardduty", default="some", choices=["all", "some"])
    ap.add_argument("--backups", default="same", choices=["cross", "same"])
    ap.add_argument("--bad-meta", action="store_true")
    ap.add_argument("--missing-folder", action="store_true")
    ap.add_argument("--no-refused", action="store_true")
    a = ap.parse_args()
    out = a.out
    shutil.rmtree(out, ignore_errors=True)
    copy_insecure(os.path.join(out, PROD), PROD)
    copy_insecure(os.path.join(out, DEV), DEV)
    clean_account(os.path.join(out, MGMT), MGMT)
    clean_account(os.path.join(out, BACKUP), BACKUP, guardduty=a.guardduty == "all")
    if a.trail == "org":
        add_org_trail(out, [MGMT, PROD, DEV, BACKUP])
    else:
        add_own_trail(out, MGMT)
    if a.guardduty == "all":
        for acct in (PROD, DEV):
            guardduty_everywhere(out, acct)
    if a.backups == "cross":
        for acct in (PROD, DEV):
            copy_to_backup_account(out, acct)
    accounts = [MGMT, PROD, DEV, BACKUP] + ([] if a.no_refused else [LEGACY])
    scps(out, a.scp, accounts)
    calls = os.path.join(out, "organizations")
    put(os.path.join(calls, "describe-organization.json"), {"Organization": {
        "Id": ORG, "Arn": "arn:aws:organizations::%s:organization/%s" % (MGMT, ORG), "FeatureSet": "ALL",
        "MasterAccountArn": "arn:aws:organizations::%s:account/%s/%s" % (MGMT, ORG, MGMT),
        "MasterAccountId": MGMT, "MasterAccountEmail": "aws@acme.example",
        "AvailablePolicyTypes": [{"Type": "SERVICE_CONTROL_POLICY", "Status": "ENABLED"}]}})
    put(os.path.join(calls, "list-accounts.json"), {"Accounts": [{
        "Id": x, "Arn": "arn:aws:organizations::%s:account/%s/%s" % (MGMT, ORG, x),
        "Email": "%s@acme.example" % NAMES[x], "Name": NAMES[x], "Status": "ACTIVE", "JoinedMethod": "CREATED",
        "JoinedTimestamp": "2024-01-01T10:00:00+00:00"} for x in accounts]})
    meta = {"organization": ORG, "management_account": MGMT, "time": "2026-11-20T09:30:00Z",
            "by": "tests/gen/org-data.py", "accounts": []}
    for x in accounts:
        acc = {"id": x, "name": NAMES[x], "status": "ACTIVE", "result": "collected"}
        if x == LEGACY:
            acc["result"] = "refused"
            acc["reason"] = ("AccessDenied: not authorized to perform sts:AssumeRole on "
                             "arn:aws:iam::%s:role/OrganizationAccountAccessRole" % LEGACY)
        meta["accounts"].append(acc)
    if a.bad_meta:
        put(os.path.join(out, "organization.json"), json.dumps(meta)[:200])
    else:
        put(os.path.join(out, "organization.json"), meta)
    if a.missing_folder:
        shutil.rmtree(os.path.join(out, DEV))


if __name__ == "__main__":
    main()
