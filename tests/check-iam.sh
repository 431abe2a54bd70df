#!/usr/bin/env bash
# check-iam.sh: the IAM evaluator's data-driven cases (tests/iam/*.json: policies, requests, the
# decision and deciding statements AWS's documentation gives), then, unless ORACLE=0, the
# differential test against an independent evaluator, @cloud-copilot/iam-simulate (installed
# here with npm, a test oracle only): the hand-written cases (disagreements pinned in
# tests/oracle/pinned.tsv with the documentation yourside follows) and random policy sets.
set -eu
ys=$(realpath "${1:-build/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

out=$("$ys" iam simulate --quiet tests/iam/*.json 2>"$work/stderr") || {
	echo "FAIL iam cases:"
	echo "$out"
	cat "$work/stderr"
	exit 1
}
echo "iam cases: $out"
# the one problem the cases hold on purpose, and nothing else
if [ "$(grep -vc 'NotPrincipal with Allow is not supported' "$work/stderr")" != 0 ]; then
	echo "FAIL iam cases: unexpected messages"
	cat "$work/stderr"
	exit 1
fi

[ "${ORACLE:-1}" = 0 ] && exit 0
oracle=$here/build/oracle
version=0.1.173
if [ ! -f "$oracle/node_modules/@cloud-copilot/iam-simulate/package.json" ] ||
	! grep -q "\"version\": \"$version\"" "$oracle/node_modules/@cloud-copilot/iam-simulate/package.json"; then
	mkdir -p "$oracle"
	npm install --prefix "$oracle" --no-save --no-audit --no-fund --loglevel=error \
		"@cloud-copilot/iam-simulate@$version" >/dev/null
fi
export ORACLE_DIR=$oracle/node_modules

"$ys" iam simulate --format jsonl tests/iam/*.json >"$work/ys.jsonl" 2>/dev/null || true
node tests/oracle/iam-simulate.mjs tests/iam/*.json >"$work/oracle.jsonl"
echo -n "iam oracle, hand-written cases: "
python3 tests/oracle/compare.py "$work/ys.jsonl" "$work/oracle.jsonl" tests/oracle/pinned.tsv | tail -1
python3 tests/oracle/compare.py "$work/ys.jsonl" "$work/oracle.jsonl" tests/oracle/pinned.tsv >/dev/null || {
	python3 tests/oracle/compare.py "$work/ys.jsonl" "$work/oracle.jsonl" tests/oracle/pinned.tsv
	exit 1
}

# random sets: the keys iam-simulate drops for an action are dropped for both
fail=0
for seed in $(seq 1 "${SEEDS:-4}"); do
	python3 tests/oracle/random-sets.py "$seed" 250 >"$work/raw.json"
	node tests/oracle/iam-simulate.mjs "$work/raw.json" >"$work/raw.jsonl"
	python3 tests/oracle/strip-ignored.py "$work/raw.json" "$work/raw.jsonl" >"$work/random-$seed.json"
	"$ys" iam simulate --format jsonl "$work/random-$seed.json" >"$work/ys.jsonl" 2>/dev/null || true
	node tests/oracle/iam-simulate.mjs "$work/random-$seed.json" >"$work/oracle.jsonl"
	echo -n "iam oracle, random seed $seed: "
	if ! python3 tests/oracle/compare.py "$work/ys.jsonl" "$work/oracle.jsonl" - --no-pins >"$work/cmp.txt"; then
		fail=1
		cp "$work/random-$seed.json" "$here/build/iam-oracle-failure-$seed.json"
	fi
	tail -1 "$work/cmp.txt"
	grep -v "^[0-9]* requests" "$work/cmp.txt" | head -20 || true
done
exit $fail
