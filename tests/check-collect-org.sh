#!/usr/bin/env bash
# check-collect-org.sh: `yourside collect --organization` against tests/servers/fake-aws.py --org
# on loopback (Organizations and STS for several member accounts, every signature checked; the
# organization made by tests/gen/make-org.py from the example company): the management account
# collected with its own credentials and each member through its role, into its own folder, each
# auditing exactly as a collect of that member alone, and the whole folder as one organization;
# a refusing member named on stderr, recorded in organization.json and exit 1 while the rest
# complete; a suspended member skipped; the organization's answers written (ListAccounts over several pages), and each account told the organization it is in; --role-name and --external-id
# reaching STS; --accounts-at-once 1 writing what 4 write; a delegated administrator; the
# caller's partition in the role's ARN; not in an organization and ListAccounts refused, exit 2
# with a hint; bad options; and no credential anywhere.
# usage: tests/check-collect-org.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-collect-org.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib-loopback.sh" collect-org

mgmt=111122223333 staging=222233334444 dev=333344445555 data=555566667777
old=666677778888 sandbox=777788889999
org() { "$py" "$here/tests/gen/make-org.py" --from "$here/examples/snapshot-insecure" "$@"; }
# the organization: a suspended member, a member that refuses AssumeRole, and a management
# account that refuses it too (collect must use its own credentials there)
org --out "$work/src-org" --management $mgmt:acme-management --member $staging:staging \
	--member $dev:dev --member $data:data --member $old:old:SUSPENDED --member $sandbox:sandbox \
	--refuse $sandbox --refuse $mgmt
# one whose role is another, with an external id; everything can be collected there
org --out "$work/src-org2" --management $mgmt:acme-management --member $staging:staging --member $dev:dev
org --out "$work/src-notorg" --management $mgmt:acme --not-in-org
org --out "$work/src-deny" --management $mgmt:acme --member $staging:staging --deny-list
# the management account's credentials, in the aws-cn partition
cp -r "$work/src-org/$mgmt" "$work/cn-mgmt"
sed -i 's/arn:aws:iam/arn:aws-cn:iam/' "$work/cn-mgmt/account.json"

serve() { # name args...: a fake AWS, its address in $<name>
	local name=$1
	shift
	"$py" "$here/tests/servers/fake-aws.py" --keys "$work/keys.json" --port-file "$work/$name.port" \
		--seconds 900 "$@" 2>"$work/$name.log" &
	pids+=($!)
	disown $! # killed at the end without a word
	for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
	printf -v "$name" "http://127.0.0.1:%s" "$(cat "$work/$name.port")"
}
serve main --org "$work/src-org" --page 2
serve auditor --org "$work/src-org2" --org-role Auditor --org-external-id ext-1234
serve delegated --org "$work/src-org2" --snapshot "$work/src-org2/$staging"
serve cn --org "$work/src-org" --snapshot "$work/cn-mgmt"
serve notorg --org "$work/src-notorg" --snapshot "$work/src-notorg/$mgmt"
serve deny --org "$work/src-deny"

mkdir -p "$work/home/.aws"
cat >"$work/home/.aws/credentials" <<CREDS
[base]
aws_access_key_id = $key
aws_secret_access_key = $secret
CREDS
for m in $staging $dev $data; do
	printf '[profile m%s]\nrole_arn = arn:aws:iam::%s:role/OrganizationAccountAccessRole\nsource_profile = base\n' \
		"$m" "$m" >>"$work/home/.aws/config"
done
# ys NAME [ENV...] -- ARGS...: yourside in a clean environment with the test's keys; exit code in
# $work/NAME.rc, output in $work/NAME.out and .err
ys() {
	local name=$1
	shift
	local envs=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	env -i HOME="$work/home" PATH=/usr/bin:/bin AWS_EC2_METADATA_DISABLED=true \
		AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} \
		"${envs[@]}" "$ys" "$@" >"$work/$name.out" 2>"$work/$name.err"
	echo $? >"$work/$name.rc"
}
org_collect() { # name endpoint args...
	local name=$1 ep=$2
	shift 2
	ys "$name" -- collect --organization --out "$work/$name" --endpoint-url "$ep" --jobs 16 \
		--regions eu-west-1,us-east-1 "$@"
}
exits() { # name code: the run's exit code, or a failure showing its stderr
	if [ "$(cat "$work/$1.rc")" = "$2" ]; then ok; else
		no "$1: exit $(cat "$work/$1.rc"), wanted $2:"
		sed 's/^/    /' "$work/$1.err" | head -20
	fi
}
says() { # name text: stderr holds text
	grep -qF -- "$2" "$work/$1.err" && ok || no "$1: stderr lacks '$2'"
}
# results FILE: "id result" per account of an organization.json, in its order
results() { "$py" -c 'import json, sys
for a in json.load(open(sys.argv[1]))["accounts"]:
    print(a["id"], a["result"])' "$1" 2>/dev/null; }
audit_of() { "$ys" audit --format jsonl --now 2026-11-20T09:00:00Z "$1" 2>/dev/null; }

# 1. the organization: four accounts collected, one refused, one suspended; exit 1
org_collect all "$main"
exits all 1
for a in $mgmt $staging $dev $data; do
	if [ -s "$work/all/$a/snapshot.json" ] && grep -q "\"Account\": \"$a\"" "$work/all/$a/account.json"; then
		ok
	else no "all: account $a was not collected into its folder"; fi
done
# each account asks which organization it is in (a member may), and is told the organization's
for a in $mgmt $staging $dev $data; do
	cmp -s "$work/all/organizations/describe-organization.json" \
		"$work/all/$a/global/organizations/describe-organization.json" && ok ||
		no "all: account $a's describe-organization is not the organization's"
done
[ ! -e "$work/all/$old" ] && [ ! -e "$work/all/$sandbox" ] && ok ||
	no "all: a folder was made for the suspended or the refusing account"
# (the refusal's place among the five ends depends on the threads' pace: [n/5] is not checked)
grep -F "collect: account $sandbox (sandbox) [" "$work/all.err" | grep -qF "]: cannot assume OrganizationAccountAccessRole: access denied (User: arn:aws:iam::$mgmt:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::$sandbox:role/OrganizationAccountAccessRole)" &&
	ok || no "all: the refusing account is not named on stderr with AWS's reason"
says all "collect: account $old (old): the account is suspended"
says all "account $mgmt (acme-management) ["
says all "with the caller's own credentials"
says all "4 accounts collected, 1 refused, 1 suspended, 0 failed"
printf '%s\n' "$mgmt collected" "$staging collected" "$dev collected" "$data collected" \
	"$old suspended" "$sandbox refused" >"$work/want-results"
results "$work/all/organization.json" | diff - "$work/want-results" >/dev/null && ok ||
	no "all: organization.json's results are not $(tr '\n' ' ' <"$work/want-results")"
"$py" - "$work/all/organization.json" <<'PY' && ok || no "all: organization.json lacks the organization, its management account, a reason or a field"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["organization"] == "o-exampleorgid" and d["management_account"] == "111122223333", d
assert d["by"].startswith("yourside collect ") and d["time"].endswith("Z")
for a in d["accounts"]:
    assert set(a) >= {"id", "name", "status", "result"}
    assert ("reason" in a) == (a["result"] != "collected"), a
assert "access denied" in d["accounts"][5]["reason"] and d["accounts"][4]["status"] == "SUSPENDED"
PY
# the organization's answers, each what the AWS CLI prints: every page of ListAccounts joined
"$py" - "$work/all/organizations" <<'PY' && ok || no "all: organizations/ is missing a file, or one is not the CLI's JSON"
import json, os, sys
o = sys.argv[1]
for f in ("describe-organization", "list-accounts", "list-roots", "list-policies",
          "describe-policy/p-FullAWSAccess", "describe-policy/p-guard0001",
          "list-targets-for-policy/p-FullAWSAccess", "list-targets-for-policy/p-guard0001"):
    json.load(open(os.path.join(o, f + ".json")))
accounts = json.load(open(os.path.join(o, "list-accounts.json")))
assert [a["Id"] for a in accounts["Accounts"]] == ["111122223333", "222233334444", "333344445555",
                                                 "555566667777", "666677778888", "777788889999"], accounts
assert "NextToken" not in accounts
assert json.load(open(os.path.join(o, "describe-policy/p-guard0001.json")))["Policy"]["Content"].startswith("{")
assert json.load(open(os.path.join(o, "list-targets-for-policy/p-guard0001.json")))["Targets"][0]["Type"] == "ROOT"
assert not [f for f in os.listdir(o) if f.endswith(".error.json") or f.endswith(".part")]
PY
[ ! -e "$work/all/organization.json.part" ] && ok || no "all: organization.json.part was left behind"
# the way up from each account to the root (its OU, then the root)
for c in $mgmt $staging $dev $data ou-ex12-workload1; do
	[ -s "$work/all/organizations/list-parents/$c.json" ] && ok || no "all: no list-parents of $c"
done

# 2. each account's folder audits as a collect of that account alone (a member through the same
# role, by a profile's role_arn; the management account with its keys)
ys alone-$mgmt -- collect --out "$work/alone-$mgmt" --endpoint-url "$main" --regions eu-west-1,us-east-1
for m in $staging $dev $data; do
	ys alone-$m -- collect --profile m$m --out "$work/alone-$m" --endpoint-url "$main" \
		--regions eu-west-1,us-east-1
done
# (but for iam-trust-unknown-account: in the organization's folder its accounts have names, so
# a trust of one is no unknown account there; alone, it is: the folder can only take failures away)
named='"check":"iam-trust-unknown-account"'
for a in $mgmt $staging $dev $data; do
	audit_of "$work/alone-$a" >"$work/alone-$a.audit"
	audit_of "$work/all/$a" >"$work/all-$a.audit"
	if [ -s "$work/alone-$a.audit" ] && grep -q "$a" "$work/alone-$a.audit" &&
		diff -q <(grep -v "$named" "$work/alone-$a.audit") <(grep -v "$named" "$work/all-$a.audit") >/dev/null &&
		! grep "$named" "$work/all-$a.audit" | grep -v '"status":"pass"' | grep -qvxFf "$work/alone-$a.audit"; then ok; else
		no "account $a: auditing the organization's folder differs from auditing a collect of it alone"
		diff "$work/alone-$a.audit" "$work/all-$a.audit" | head -5
	fi
done

# 2b. the whole folder audits as one organization: each collected account's findings as its own
# audit gives them (with its account), the refused member named as not audited, the
# organization's own checks judged
"$ys" audit --format jsonl --now 2026-11-20T09:00:00Z "$work/all" >"$work/org.audit" 2>"$work/org.audit.err"
rc=$?
[ $rc = 1 ] && ok || no "audit of the organization's folder: exit $rc: $(tail -2 "$work/org.audit.err")"
"$py" - "$work/org.audit" $sandbox $mgmt $staging $dev $data >"$work/org.py" <<'PY' && ok || no "audit of the organization's folder: $(cat "$work/org.py")"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
sandbox, accounts = sys.argv[2], sys.argv[3:]
problems = []
if not any(r["check"] == "org-account-not-audited" and sandbox in (r.get("resource") or "") + r["message"] for r in rows):
    problems.append("the refused account is not named as not audited")
for a in accounts:
    if not any(r.get("account") == a and not r["check"].startswith("org-") for r in rows):
        problems.append("no finding of account %s" % a)
for c in ("org-scp-destroy-without-mfa", "org-trail-not-organization-wide", "org-guardduty-not-organization-wide", "org-backups-not-cross-account"):
    if not any(r["check"] == c for r in rows):
        problems.append("the organization's check %s was not judged" % c)
print("; ".join(problems))
sys.exit(1 if problems else 0)
PY
for a in $mgmt $staging $dev $data; do
	grep "\"account\":\"$a\"" "$work/org.audit" | grep -v '"check":"org-' |
		sed 's/,"account":"[0-9]*"//' >"$work/org-$a.audit"
	diff -q <(grep -v '"check":"org-' "$work/all-$a.audit") "$work/org-$a.audit" >/dev/null && ok ||
		no "account $a: its findings in the organization's audit differ from its own audit"
done

# 3. one account at a time writes the same files as four at once (less the times they hold);
# the status line on the way does not get in the way
org_collect one "$main" --accounts-at-once 1 --progress
exits one 1
says one "accounts done"
if diff -r -x snapshot.json -x organization.json "$work/all" "$work/one" >/dev/null &&
	diff <(grep -v '"time"' "$work/all/organization.json") <(grep -v '"time"' "$work/one/organization.json") >/dev/null; then
	ok
else no "one: --accounts-at-once 1 wrote other files than 4 at once"; fi

# 4. --role-name and --external-id reach STS: the role there is Auditor, with an external id
org_collect auditor "$auditor" --role-name Auditor --external-id ext-1234
exits auditor 0
results "$work/auditor/organization.json" | grep -c " collected$" | grep -qx 3 && ok ||
	no "auditor: not every account was collected through role Auditor"
org_collect no-extid "$auditor" --role-name Auditor
exits no-extid 1
says no-extid "account $staging (staging) ["
says no-extid "cannot assume Auditor: access denied"
org_collect default-role "$auditor"
exits default-role 1
says default-role "cannot assume OrganizationAccountAccessRole: access denied"
say_results=$(results "$work/default-role/organization.json" | tr '\n' ' ')
[ "$say_results" = "$mgmt collected $staging refused $dev refused " ] && ok ||
	no "default-role: results are '$say_results'"

# 5. from a delegated administrator (a member): its own account with its own credentials, the
# management account through the role
org_collect delegated "$delegated"
exits delegated 0
says delegated "account $staging (staging) ["
grep -F "account $staging (staging)" "$work/delegated.err" | grep -qF "with the caller's own credentials" && ok ||
	no "delegated: the administrator's own account was not collected with its own credentials"
[ -s "$work/delegated/$mgmt/snapshot.json" ] && ok || no "delegated: the management account was not collected"

# 6. the caller's partition names the roles
org_collect cn "$cn"
exits cn 1
says cn "sts:AssumeRole on resource: arn:aws-cn:iam::$sandbox:role/OrganizationAccountAccessRole"

# 7. not in an organization, and ListAccounts refused: exit 2 with what to do
org_collect notorg "$notorg"
exits notorg 2
says notorg "account $mgmt is not in an organization: collect it without --organization"
[ -s "$work/notorg/organizations/list-accounts.error.json" ] && ok ||
	no "notorg: the refusal was not written as list-accounts.error.json"
# the endpoint from the environment, AWS_ENDPOINT_URL_ORGANIZATIONS before AWS_ENDPOINT_URL
ys notorg-env AWS_ENDPOINT_URL="$main" AWS_ENDPOINT_URL_ORGANIZATIONS="$notorg" -- \
	collect --organization --out "$work/notorg-env"
exits notorg-env 2
says notorg-env "is not in an organization"
org_collect deny "$deny"
exits deny 2
says deny "AWS Organizations refused to list the accounts (AccessDeniedException): run this from the management account or a delegated administrator"
[ ! -e "$work/deny/$mgmt" ] && ok || no "deny: an account was collected though none could be listed"

# 8. bad options: usage errors, nothing asked
bad() { # name text args...
	local name=$1 text=$2
	shift 2
	ys "$name" -- collect --out "$work/$name" --endpoint-url "$main" "$@"
	exits "$name" 2
	says "$name" "$text"
}
bad bad-role-empty "--role-name takes a role's name" --organization --role-name ''
bad bad-role-space "--role-name takes a role's name" --organization --role-name 'Org Access'
bad bad-role-slash "--role-name takes a role's name" --organization --role-name 'audit/'
bad bad-role-missing "requires an argument" --organization --role-name
bad bad-role-alone "go with --organization" --role-name Auditor
bad bad-extid "--external-id takes" --organization --external-id x
bad bad-at-once "--accounts-at-once takes a number from 1 to 64" --organization --accounts-at-once 0
[ ! -e "$work/bad-role-empty" ] && ok || no "bad-role-empty: a folder was written before the options were checked"

# 9. no credential anywhere: not the keys' secret, not a role's secret or session token
if grep -rqsF -e "$secret" -e fake-role-secret -e fake-session -e ASIAFAKEROLE \
	"$work"/*.err "$work"/*.out "$work"/all "$work"/one "$work"/auditor "$work"/delegated; then
	no "a credential was written out or said"
else ok; fi
echo "collect-org: $pass passed, $fail failed"
[ $fail = 0 ]
