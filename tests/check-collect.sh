#!/usr/bin/env bash
# check-collect.sh: `yourside collect` against tests/servers/fake-aws.py on loopback, which
# answers from the example company's snapshot in each service's wire protocol and checks every
# request's SigV4 signature with its own code. Auditing what collect wrote must find exactly what
# auditing the example finds, with lists cut into pages of one item and every 7th request
# throttled; the resource policies and identity providers no check reads yet (EFS, Glacier and
# Backup vault policies, OpenID Connect and SAML providers, the organization) written byte for
# byte as the example has them, and as the refusals AWS gives where there are none; each link
# of the credential chain must work (environment, credential_process, role_arn +
# source_profile, web identity, container, IMDSv2) or fail with a clear message; no credential
# may appear in anything collect writes or says.
set -u
ys=$(realpath "${1:?usage: check-collect.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
fail=0
key=AKIDEXAMPLE
secret=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
echo "{\"$key\": \"$secret\"}" >"$work/keys.json"

# the example with no policy on its file system and vault, and in no organization
none="$work/example-none"
cp -r "$here/examples/snapshot-insecure" "$none"
rm -r "$none/global/organizations" "$none/eu-west-1/efs/describe-file-system-policy" \
	"$none/eu-west-1/glacier/get-vault-access-policy"
mkdir -p "$none/eu-west-1/efs/describe-file-system-policy" "$none/eu-west-1/glacier/get-vault-access-policy"
refused() { # FILE CODE MESSAGE: a refusal, as collect writes it
	printf '{\n    "Code": "%s",\n    "Message": "%s"\n}\n' "$2" "$3" >"$none/$1.error.json"
}
refused eu-west-1/efs/describe-file-system-policy/fs-0a1b2c3d PolicyNotFound \
	"File System: fs-0a1b2c3d does not have a policy"
refused eu-west-1/glacier/get-vault-access-policy/acme-archive ResourceNotFoundException \
	"No vault access policy is set for: acme-archive"

serve() { # name [--snapshot DIR] extra-args...: a fake AWS, its port in $work/<name>.port
	local name=$1 snap=$here/examples/snapshot-insecure
	shift
	[ "${1:-}" = --snapshot ] && { snap=$2; shift 2; }
	"$py" "$here/tests/servers/fake-aws.py" --snapshot "$snap" \
		--keys "$work/keys.json" --port-file "$work/$name.port" "$@" &
	pids+=($!)
	for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
}
serve plain
serve hard --page 1 --throttle 7
serve none --snapshot "$none"
plain="http://127.0.0.1:$(cat "$work/plain.port")"
hard="http://127.0.0.1:$(cat "$work/hard.port")"

# collect NAME ENDPOINT [ENV...] -- [ARGS...]: runs collect with a clean environment
collect() {
	local name=$1 ep=$2
	shift 2
	local envs=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	env -i HOME="$work/home" PATH=/usr/bin:/bin AWS_EC2_METADATA_DISABLED=true "${envs[@]}" \
		"$ys" collect --out "$work/$name" --endpoint-url "$ep" --jobs 16 "$@" \
		>"$work/$name.out" 2>"$work/$name.err"
}
audit_of() { "$ys" audit --format jsonl --now 2026-11-20T09:00:00Z "$1" 2>/dev/null; }
expect() { # name exit text
	local rc
	rc=$(cat "$work/$1.rc")
	if [ "$rc" != "$2" ] || ! grep -qF -- "$3" "$work/$1.err"; then
		echo "FAIL collect/$1: exit $rc (wanted $2), stderr lacks '$3':"
		sed 's/^/    /' "$work/$1.err"
		fail=1
	fi
}
mkdir -p "$work/home/.aws"
audit_of "$here/examples/snapshot-insecure" >"$work/want"
# the calls no check reads yet, each file as the example has it (DIR EXAMPLE)
unread_same() {
	local f bad=0
	while IFS= read -r f; do
		cmp -s "$2/$f" "$1/$f" || { echo "    $f"; bad=1; }
	done < <(cd "$2" && find global/organizations global/iam/get-open-id-connect-provider \
		global/iam/list-open-id-connect-providers.json global/iam/list-saml-providers.json \
		*/efs/describe-file-system-policy */glacier */backup/get-backup-vault-access-policy -type f \
		2>/dev/null)
	return $bad
}

# 1. the whole snapshot, from the environment's keys; then paged and throttled
for name in env-plain env-hard; do
	ep=$plain
	[ $name = env-hard ] && ep=$hard
	collect $name "$ep" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret -- \
		--regions eu-west-1,us-east-1
	echo $? >"$work/$name.rc"
	expect $name 0 "credentials from the environment"
	audit_of "$work/$name" >"$work/$name.got"
	if ! diff -u "$work/want" "$work/$name.got" >"$work/$name.diff"; then
		echo "FAIL collect/$name: auditing what collect wrote differs from auditing the example:"
		head -30 "$work/$name.diff"
		fail=1
	fi
	cmp -s "$here/examples/snapshot-insecure/global/iam/credential-report.csv" \
		"$work/$name/global/iam/credential-report.csv" ||
		{ echo "FAIL collect/$name: the credential report was not written decoded"; fail=1; }
	unread_same "$work/$name" "$here/examples/snapshot-insecure" >"$work/$name.unread" ||
		{ echo "FAIL collect/$name: resource policies or providers differ from the example's:"
		  cat "$work/$name.unread"; fail=1; }
done
# no policy set, no organization: the refusals are kept as AWS words them
none_ep="http://127.0.0.1:$(cat "$work/none.port")"
collect env-none "$none_ep" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret -- \
	--regions eu-west-1,us-east-1
echo $? >"$work/env-none.rc"
expect env-none 0 "credentials from the environment"
unread_same "$work/env-none" "$none" >"$work/env-none.unread" ||
	{ echo "FAIL collect/env-none: refused policies were not kept as AWS refused them:"
	  cat "$work/env-none.unread"; fail=1; }
grep -qs '"Code": "AWSOrganizationsNotInUseException"' \
	"$work/env-none/global/organizations/describe-organization.error.json" ||
	{ echo "FAIL collect/env-none: outside any organization, describe-organization left no refusal"; fail=1; }
# every region enabled in the account, as EC2 lists them (the example's: eu-west-1, us-east-1)
collect env-regions "$plain" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret --
echo $? >"$work/env-regions.rc"
expect env-regions 0 "credentials from the environment"
audit_of "$work/env-regions" >"$work/env-regions.got"
diff -q "$work/want" "$work/env-regions.got" >/dev/null ||
	{ echo "FAIL collect/env-regions: without --regions, the enabled regions were not all read"; fail=1; }
grep -q '"eu-west-1"' "$work/env-regions/snapshot.json" ||
	{ echo "FAIL collect/env-regions: snapshot.json does not list the regions"; fail=1; }
grep -q "throttled and retried [1-9]" "$work/env-hard.err" ||
	{ echo "FAIL collect/env-hard: no throttled call was retried"; fail=1; }

# 2. profiles: keys in the credentials file, a credential_process, a role through a source
cat >"$work/home/.aws/credentials" <<CREDS
[base]
aws_access_key_id = $key
aws_secret_access_key = $secret
CREDS
cat >"$work/home/.aws/config" <<CONF
[profile proc]
credential_process = printf '{"Version": 1, "AccessKeyId": "$key", "SecretAccessKey": "$secret"}'
[profile broken]
credential_process = sh -c 'echo oops >&2; exit 3'
[profile admin]
role_arn = arn:aws:iam::111122223333:role/admin
source_profile = base
role_session_name = audit
[profile loop]
role_arn = arn:aws:iam::111122223333:role/x
source_profile = loop2
[profile loop2]
role_arn = arn:aws:iam::111122223333:role/y
source_profile = loop
CONF
run() { # name want-exit want-text [env...] -- [args...]
	local name=$1 want=$2 text=$3
	shift 3
	collect "$name" "$plain" "$@"
	echo $? >"$work/$name.rc"
	expect "$name" "$want" "$text"
	if [ "$want" = 0 ] && [ "${name#bad}" = "$name" ] && ! grep -q '"Account": "111122223333"' "$work/$name/account.json" 2>/dev/null; then
		echo "FAIL collect/$name: no account.json"
		fail=1
	fi
}
run base 0 "credentials from profile base (credentials file)" -- --profile base --regions eu-west-1
run proc 0 "credentials from profile proc (credential_process)" -- --profile proc --regions eu-west-1
run broken 2 "credential_process of profile broken failed (status 3)" -- --profile broken
run admin 0 "credentials from role arn:aws:iam::111122223333:role/admin (profile admin)" \
	-- --profile admin --regions eu-west-1
run loop 2 "source_profile chain longer than 5" -- --profile loop
run nosuch 2 "profile nosuch has no credentials" -- --profile nosuch
run envprofile 0 "credentials from profile base" AWS_PROFILE=base -- --regions eu-west-1

# 3. web identity, container, instance metadata; and nothing at all
echo fake-web-identity-token >"$work/token"
echo not-the-token >"$work/badtoken"
run wif 0 "by web identity (environment)" AWS_WEB_IDENTITY_TOKEN_FILE="$work/token" \
	AWS_ROLE_ARN=arn:aws:iam::111122223333:role/ci -- --regions eu-west-1
run badwif 2 "web identity: STS refused (InvalidIdentityToken)" \
	AWS_WEB_IDENTITY_TOKEN_FILE="$work/badtoken" AWS_ROLE_ARN=arn:aws:iam::111122223333:role/ci --
run container 0 "the container's credentials endpoint" \
	AWS_CONTAINER_CREDENTIALS_FULL_URI="$plain/container-credentials" \
	AWS_CONTAINER_AUTHORIZATION_TOKEN=fake-container-token -- --regions eu-west-1
run imds 0 "the instance's role web-app (IMDSv2)" AWS_EC2_METADATA_DISABLED=false \
	AWS_EC2_METADATA_SERVICE_ENDPOINT="$plain" -- --regions eu-west-1
run none 2 "no AWS credentials" --
run usage 2 "collect needs --out" -- --out=
# a wrong secret: every call refused, each named, none fatal
run badsecret 0 "0 calls answered" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=not-the-secret -- --regions eu-west-1
grep -q SignatureDoesNotMatch "$work/badsecret/account.error.json" 2>/dev/null ||
	{ echo "FAIL collect/badsecret: no refusal recorded for account"; fail=1; }

# 4. no credential anywhere in what collect wrote or said
if grep -rqsF -e "$secret" -e fake-role-secret -e fake-session -e fake-container-token \
	-e fake-web-identity-token "$work"/*.err "$work"/*.out "$work"/env-plain "$work"/admin \
	"$work"/wif "$work"/container "$work"/imds; then
	echo "FAIL collect: a credential was written out"
	fail=1
fi
[ $fail -eq 0 ] && echo "collect: snapshots audit as the example does (plain, paged and throttled); 18 credential, region and refusal cases"
exit $fail
