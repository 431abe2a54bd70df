#!/usr/bin/env bash
# audit.sh: `yourside audit` on a generated snapshot of a large account (bench/make-snapshot.py:
# 5,000 users, 2,000 roles, 10,000 policies, 20,000 instances and their user data, 5,000
# buckets, and FSBP's services: 500 Lambda functions, 2,000 EBS snapshots, 500 DB snapshots,
# 500 queues, 500 topics, 500 secrets, 300 tables, 300 repositories, 400 ECS services and
# more; 63,000 files, 120 MB), on one core, beside reading the same files (cat) and parsing each
# with jq; peak memory. RUNS=N sets the repetitions. A snapshot left in bench/work by an older
# generator is used as it is: remove bench/work/snapshot-big to measure this one.
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work)
runs=${RUNS:-5}
snap="$work/snapshot-big"
mkdir -p "$work"
[ -d "$snap" ] || python3 bench/make-snapshot.py "$snap"
. bench/lib.sh
files=$(find "$snap" -type f | wc -l)
mb=$(du -sm --apparent-size "$snap" | cut -f1)
one="taskset -c 0"

cat_s=$(median "$runs" sh -c "find '$snap' -type f -exec cat {} + >/dev/null")
audit_s=$(median "$runs" $one "$ys" audit --format jsonl "$snap")
audit_cpu=$(cpu)
text_s=$(median "$runs" $one "$ys" audit "$snap")
jq_s=$(median 1 sh -c "find '$snap' -name '*.json' -exec jq -c . {} + >/dev/null")
mem=$(peak "$ys" audit --format jsonl "$snap")
findings=$("$ys" audit --format jsonl "$snap" 2>/dev/null | wc -l)

echo "input: $snap ($files files, $mb MB)"
echo "cat every file:                       ${cat_s} s"
echo "audit, every finding as jsonl (one core): ${audit_s} s (processor ${audit_cpu} s; $findings findings)"
echo "audit, text (failures):               ${text_s} s"
echo "jq -c . over every file:              ${jq_s} s ($(ratio "$jq_s" "$audit_s")x slower than the whole audit)"
echo "peak memory:                          ${mem} MB"
