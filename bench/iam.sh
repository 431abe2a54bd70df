#!/usr/bin/env bash
# iam.sh: decisions a second of the IAM evaluator on one core, on realistic policies (a real
# account's users and roles with their managed and inline policies, an SCP, bucket policies:
# bench/make-iam-bench.py), fast and explained; beside it the anchor, the same requests decided
# by @cloud-copilot/iam-simulate (installed with npm, as tests/check-iam.sh does), and how
# often the two agree. ROUNDS=N sets the repetitions.
set -eu
cd "$(dirname "$0")/.."
work=$(realpath -m bench/work)
mkdir -p "$work"
rounds=${ROUNDS:-21}
in="$work/iam-bench.json"
python3 bench/make-iam-bench.py ../shared/data/posture/samples/cloudsplaining/example-authz-details-large.json >"$in"
cc -O2 -std=c17 -D_DEFAULT_SOURCE -Ilib -o "$work/iam-rate" bench/iam-rate.c build/libyourside_lib.a \
	$(pkg-config --libs libhs libpcre2-8 libgit2 libcrypto libcurl zlib libdeflate yaml-0.1 sqlite3) -lpthread -lm
oracle=build/oracle
version=0.1.173
if ! grep -qs "\"version\": \"$version\"" "$oracle/node_modules/@cloud-copilot/iam-simulate/package.json"; then
	mkdir -p "$oracle"
	npm install --prefix "$oracle" --no-save --no-audit --no-fund --loglevel=error "@cloud-copilot/iam-simulate@$version" >/dev/null
fi
export ORACLE_DIR=$(realpath "$oracle/node_modules")

read -r n allowed fast explained < <(taskset -c 0 "$work/iam-rate" "$in" "$rounds")
read -r _ sim_allowed sim_rate < <(taskset -c 0 node bench/iam-simulate-rate.mjs "$in" 3)
build/yourside iam simulate --format jsonl "$in" >"$work/iam-ys.jsonl" 2>/dev/null || true
node tests/oracle/iam-simulate.mjs "$in" >"$work/iam-oracle.jsonl"
agree=$(python3 tests/oracle/compare.py "$work/iam-ys.jsonl" "$work/iam-oracle.jsonl" - --no-pins | tail -1)

echo "input: $in ($(python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(len(s), 'principals,', sum(len(x['identity']) for x in s), 'identity policies')" "$in"), $n requests, $allowed allowed; one core)"
echo "yourside, fast (stop at the first deny):  $fast decisions/s (median of $rounds rounds)"
echo "yourside, explained (every statement):    $explained decisions/s"
echo "iam-simulate $version (node):            $sim_rate decisions/s ($sim_allowed allowed)"
echo "yourside fast / iam-simulate:             $(awk -v a="$fast" -v b="$sim_rate" 'BEGIN {printf "%.0f", a / b}')x"
echo "agreement: $agree"

# who-can, code-spaces and escalations over a 10,000-principal account (bench/make-snapshot.py: 8,000 users in 200 groups,
# 2,000 roles, 10,000 customer policies), beside jq merely parsing its IAM file
snap="$work/snapshot-iam10k"
[ -d "$snap" ] || python3 bench/make-snapshot.py --users 8000 --roles 2000 --instances 0 --buckets 10 "$snap" >/dev/null
. bench/lib.sh
authz="$snap/global/iam/get-account-authorization-details.json"
who_s=$(median "${RUNS:-5}" taskset -c 0 build/yourside iam who-can "$snap" s3:DeleteBucket arn:aws:s3:::prod-data)
jq_s=$(median 3 jq -c . "$authz")
who_mem=$(peak build/yourside iam who-can "$snap" s3:DeleteBucket arn:aws:s3:::prod-data)
who_n=$(build/yourside iam who-can "$snap" s3:DeleteBucket arn:aws:s3:::prod-data 2>/dev/null | tail -1)
cs_s=$(median "${RUNS:-5}" taskset -c 0 build/yourside iam code-spaces "$snap")
esc_s=$(median "${RUNS:-5}" taskset -c 0 build/yourside iam escalations "$snap")
cs_n=$(build/yourside iam code-spaces "$snap" 2>/dev/null | tail -1)
echo "who-can s3:DeleteBucket, 10,000 principals ($(du -m "$authz" | cut -f1) MB of IAM), one core: ${who_s} s; ${who_n}; peak ${who_mem} MB"
echo "code-spaces, the same account, one core:  ${cs_s} s; ${cs_n}"
echo "escalations, the same account, one core:  ${esc_s} s"
echo "jq -c . over the same IAM file:           ${jq_s} s ($(ratio "$jq_s" "$who_s")x the whole who-can, $(ratio "$jq_s" "$cs_s")x code-spaces)"
