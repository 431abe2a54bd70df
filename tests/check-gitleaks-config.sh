#!/usr/bin/env bash
# check-gitleaks-config.sh: `secrets --config` reads gitleaks' configurations as gitleaks does:
# every valid example of gitleaks' own test data (MIT, ../shared/data/secrets/gitleaks-config)
# loads, every invalid one is refused with its reason, its default configuration compiles whole,
# and rules, keywords, entropy, secretGroup, paths, allowlists (path, commit, regex on each
# target, stopwords, AND, targetRules), [extend] and disabledRules act as written
set -u
ys=$(realpath "${1:?usage: check-gitleaks-config.sh path/to/yourside}")
here=$(cd "$(dirname "$0")" && pwd)
shared=${YS_SHARED_DATA:-$here/../../shared/data}
gl=$(realpath "$shared/secrets/gitleaks-config")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL gitleaks-config: $*"; }

# gitleaks' examples name their bases from its config/ folder: ../testdata/config/...
mkdir -p "$work/config" && ln -s "$gl/testdata" "$work/testdata"
echo "nothing here" >"$work/empty.txt"
cd "$work/config"
for f in ../testdata/config/valid/*.toml ../testdata/config/*.toml; do
	name=$(basename "$f")
	"$ys" secrets --no-progress --config "$f" "$work/empty.txt" >/dev/null 2>"$work/err"
	rc=$?
	case $name in
	extend_base_1.toml | extend_base_2.toml)
		# bases of extend.toml: on their own they reach extend_3.toml, which gitleaks' data lacks
		grep -q "cannot read the configuration it extends: .*extend_3.toml" "$work/err" && ok ||
			no "$name: $(head -1 "$work/err")" ;;
	*) [ $rc = 0 ] && ok || no "$name was refused (exit $rc): $(grep -v scanned "$work/err" | head -2)" ;;
	esac
done
while IFS='|' read -r name why; do
	"$ys" secrets --no-progress --config "../testdata/config/invalid/$name" "$work/empty.txt" >/dev/null 2>"$work/err"
	rc=$?
	[ $rc = 2 ] && grep -q -- "$why" "$work/err" && grep -q "invalid/$name\|does_not_exist\|github-pat" "$work/err" && ok ||
		no "$name (exit $rc) said: $(head -2 "$work/err")"
done <<'EOF'
allowlist_global_empty.toml|line 2: global allowlist: an allowlist needs at least one of commits, paths, regexes or stopwords
allowlist_global_old_and_new.toml|\[allowlist\] is the old form of \[\[allowlists\]\]: use one of them
allowlist_global_regextarget.toml|unknown regexTarget 'mtach' (secret, match or line)
allowlist_global_target_rule_id.toml|targetRules names rule 'github-pat', which the configuration does not have
allowlist_rule_empty.toml|line 4: rule 'example': an allowlist needs at least one of
allowlist_rule_old_and_new.toml|rule 'example': \[rules.allowlist\] is the old form
allowlist_rule_regextarget.toml|rule 'example': unknown regexTarget 'mtach'
extend_invalid_base.toml|cannot read the configuration it extends: .*does_not_exist.toml
extend_invalid_ruleid.toml|line 4: a rule has no id
rule_bad_entropy_group.toml|rule 'discord-api-key': secretGroup is 5 but its regex has 3 groups
rule_missing_id.toml|line 3: a rule has no id
rule_no_regex_or_path.toml|line 3: rule 'discord-api-key' has neither regex nor path
EOF

# the default configuration: all 222 rules load (221 regexes, one of paths alone), none dropped
for m in vectorscan pcre; do
	"$ys" secrets --no-progress --matcher $m --config "$gl/gitleaks.toml" --format sarif "$work/empty.txt" >"$work/sarif" 2>"$work/err"
	n=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['runs'][0]['tool']['driver']['rules']))" "$work/sarif")
	[ "$n" = 222 ] && ! grep -q "yourside: '" "$work/err" && ok || no "the default configuration with $m: $n rules; $(head -2 "$work/err")"
done

# what each key does, on a small repository with two commits
cd "$work" && mkdir repo && cd repo
. "$here/lib-git.sh"
git init -q .
mkdir -p src docs
cat >src/app.py <<'EOF'
ACME = "acme_k3j4h5g6f7d8s9a0"
ACME_LOW = "acme_aaaaaaaaaaaaaaaa"
ORDER = "ord-111-k9x8c7v6b5n4"
EOF
printf 'internal token acme_q1w2e3r4t5y6u7i8 for the docs\n' >docs/guide.md
git add -A && commit "first"
first=$(git rev-parse HEAD)
cat >src/keys.env <<'EOF'
AWS_KEY=AKIAZ3MSJV4WWNKWW5FG
OLD_KEY=AKIAZ3MSJV4WWNKFAKE4
pin: wxyz-9f8e7d6c5b4a # TESTONLY
EOF
printf 'secret.p12 holder\n' >cert.p12
git add -A && commit "second"
cat >"$work/cfg.toml" <<EOF
title = "acme"
[extend]
useDefault = true
disabledRules = ["generic-api-key"]

[[rules]]
id = "acme-token"
description = "Acme internal token"
regex = '''acme_([a-z0-9]{16})'''
keywords = ["ACME_"]
entropy = 2.0
[[rules.allowlists]]
paths = ['''^docs/''']

[[rules]]
id = "order-code"
regex = '''(ord)-([0-9]{3})-([a-z0-9]{10})'''
secretGroup = 3
keywords = ["ord-"]

[[rules]]
id = "pin"
regex = '''pin: ([a-z0-9-]{14})'''
keywords = ["pin:"]
[[rules.allowlists]]
regexTarget = "line"
regexes = ['''TESTONLY''']
condition = "AND"
commits = ["$first"]

[[rules]]
id = "p12-file"
path = '''\\.p12$'''

[[rules]]
id = "aws-access-key-id"
[[rules.allowlists]]
stopwords = ["fake"]

[[allowlists]]
targetRules = ["order-code"]
regexTarget = "match"
regexes = ['''^ord-000''']
EOF
"$ys" secrets --no-progress --config "$work/cfg.toml" --format jsonl . >"$work/out" 2>"$work/err"
python3 -c '
import json, sys
for l in open(sys.argv[1]):
    f = json.loads(l)
    print(f["rule"], f["file"] + ":" + str(f["line"]), f["end_column"] - f["column"] + 1, f["commit"] is not None)
' "$work/out" | sort >"$work/got"
cat >"$work/want" <<'EOF'
acme-token src/app.py:1 16 True
aws-access-key-id src/keys.env:1 20 True
order-code src/app.py:3 10 True
p12-file cert.p12:1 8 True
pin src/keys.env:3 14 True
EOF
cmp -s "$work/got" "$work/want" && ok || { no "the keys did not act as written:"; diff "$work/got" "$work/want"; cat "$work/err"; }
# a line allowlisted by regex and commit together (AND) lets the pin go only in that commit
echo "pin: abcd-1a2b3c4d5e6f # TESTONLY" >>src/app.py && git add -A && commit "third"
"$ys" secrets --no-progress --config "$work/cfg.toml" --format jsonl . 2>/dev/null | grep -c '"rule":"pin"' >"$work/n"
[ "$(cat "$work/n")" = 2 ] && ok || no "AND allowlist: $(cat "$work/n") pin findings, want 2"
cd "$work"

# a regex that runs away on its input gives up (match limit) instead of hanging the scan
printf '[[rules]]\nid = "slow"\nregex = %s(a+)+b%s\n' "'''" "'''" >"$work/slow.toml"
python3 -c 'print("a" * 5000)' >"$work/aaa.txt"
timeout 20 "$ys" secrets --no-progress --config "$work/slow.toml" "$work/aaa.txt" >/dev/null 2>&1
[ $? -le 1 ] && ok || no "a runaway regex did not give up"

echo "gitleaks-config: $pass passed, $fail failed"
[ "$fail" = 0 ]
