#!/usr/bin/env bash
# check-awscli.sh: scripts/snapshot-with-awscli.sh, run with the real AWS CLI (Debian awscli)
# against tests/servers/fake-aws.py on loopback, which answers from the example company's
# snapshot in each service's wire protocol: auditing what the script wrote must find exactly
# what auditing the example finds, and the resource policies and identity providers no check
# reads yet must be written byte for byte as the example has them. Exceptions, named here: the CLI sends s3control calls to
# <account>.<endpoint host>, which no loopback name resolves, so those calls fail and their
# checks say error; Debian's CLI lacks EC2's two block-public-access calls; and
# it drops members newer than itself (Inspector's lambdaCode, DynamoDB's DeletionProtectionEnabled),
# so those two checks judge less there.
set -u
ys=$(realpath "${1:?usage: check-awscli.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
aws=/usr/bin/aws
py=/usr/bin/python3
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
fail=0
[ -x "$aws" ] || { echo "check-awscli: needs Debian's awscli ($aws)" >&2; exit 1; }

"$py" "$here/tests/servers/fake-aws.py" --snapshot "$here/examples/snapshot-insecure" \
	--port-file "$work/port" --seconds 2400 &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
export AWS_DEFAULT_REGION=us-east-1 AWS_PAGER= AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
PATH="$(dirname "$aws"):$PATH" "$here/scripts/snapshot-with-awscli.sh" --jobs 2 \
	--endpoint-url "http://127.0.0.1:$port" --regions eu-west-1,us-east-1 "$work/snap" \
	2>"$work/script.err"
rc=$?
[ $rc -eq 0 ] || { echo "FAIL awscli: the script exited $rc"; cat "$work/script.err"; fail=1; }

# the credential report arrives base64 and is written decoded
cmp -s "$here/examples/snapshot-insecure/global/iam/credential-report.csv" \
	"$work/snap/global/iam/credential-report.csv" ||
	{ echo "FAIL awscli: the credential report was not decoded as sent"; fail=1; }
# the calls no check reads yet (EFS, Glacier and Backup vault policies, OpenID Connect and SAML
# providers, the organization): each file what the CLI printed, as the example has it
while IFS= read -r f; do
	cmp -s "$here/examples/snapshot-insecure/$f" "$work/snap/$f" ||
		{ echo "FAIL awscli: $f differs from the example's"; fail=1; }
done < <(cd "$here/examples/snapshot-insecure" && find global/organizations \
	global/iam/get-open-id-connect-provider global/iam/list-open-id-connect-providers.json \
	global/iam/list-saml-providers.json */efs/describe-file-system-policy */glacier \
	*/backup/get-backup-vault-access-policy -type f)
# a refusal is kept as AWS worded it
grep -q '"Code": "NoSuchBucketPolicy"' "$work/snap/global/s3/get-bucket-policy/acme-backups.error.json" ||
	{ echo "FAIL awscli: a refused call left no .error.json with its code"; fail=1; }
grep -q 'global/s3/get-bucket-policy/acme-backups: NoSuchBucketPolicy' "$work/script.err" ||
	{ echo "FAIL awscli: refused calls are not listed on stderr"; fail=1; }
# no credential in anything the script wrote or said
if grep -rqs -e AKIDEXAMPLE -e wJalrXUtnFEMI "$work/snap" "$work/script.err"; then
	echo "FAIL awscli: a credential was written out"
	fail=1
fi

# the s3control calls (above: the account's block, access points, Multi-Region Access
# Points); EC2's snapshot and AMI block-public-access states: Debian's CLI (2.9) predates
# get-snapshot-block-public-access-state and get-image-... (November 2023); and Inspector's
# Lambda code scanning and DynamoDB's deletion protection, whose members (lambdaCode,
# DeletionProtectionEnabled, both from 2023) that CLI's models drop
skip='"check":"s3-account-public-access-block"\|"check":"s3-access-point-public-block"\|"check":"s3-mrap-public-block"\|"check":"ec2-snapshot-block-public-access"\|"check":"ec2-ami-block-public-access"\|"check":"inspector-lambda-code-scanning"\|"check":"dynamodb-deletion-protection"'
"$ys" audit --format jsonl --now 2026-11-20T09:00:00Z "$here/examples/snapshot-insecure" 2>/dev/null |
	grep -v "$skip" >"$work/want"
"$ys" audit --format jsonl --now 2026-11-20T09:00:00Z "$work/snap" 2>"$work/audit.err" |
	grep -v "$skip" >"$work/got"
if ! diff -u "$work/want" "$work/got" >"$work/diff"; then
	echo "FAIL awscli: auditing the script's snapshot differs from auditing the example:"
	head -40 "$work/diff"
	fail=1
fi
[ "$(wc -l <"$work/want")" -gt 100 ] || { echo "FAIL awscli: too few findings to compare"; fail=1; }
[ $fail -eq 0 ] && echo "awscli: the script's snapshot audits as the example does ($(wc -l <"$work/got") findings)"
exit $fail
