#!/usr/bin/env bash
# vendors.sh: `yourside vendors` on two accounts: the large generated one of bench/audit.sh
# (bench/make-snapshot.py: 2,000 roles, 5,000 buckets and the policies of 4,600 resources) beside
# auditing it; and one where every role is trusted from outside and so has its reach worked
# out (tests/gen/vendors-snapshot.py --scale N: 12 roles N times over, N shared buckets) beside
# `yourside iam escalations`, whose graph it builds on. RUNS=N sets the repetitions, SCALE=N the
# second account's size (200: 2,400 roles).
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work)
runs=${RUNS:-5}
scale=${SCALE:-200}
big="$work/snapshot-big"
wide="$work/vendors-$scale"
mkdir -p "$work"
[ -d "$big" ] || python3 bench/make-snapshot.py "$big"
[ -d "$wide" ] || python3 tests/gen/vendors-snapshot.py "$wide" --scale "$scale"
. bench/lib.sh
one="taskset -c 0"

v_big=$(median "$runs" $one "$ys" vendors "$big")
a_big=$(median "$runs" $one "$ys" audit --format jsonl "$big")
v_wide=$(median "$runs" $one "$ys" vendors "$wide")
e_wide=$(median "$runs" $one "$ys" iam escalations "$wide")
mem=$(peak "$ys" vendors "$wide")
roles=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['RoleDetailList']))" \
	"$wide/global/iam/get-account-authorization-details.json")

echo "machine: $(nproc) cores; $(date -u +%F); medians of $runs runs, one core"
echo "large account ($big): vendors ${v_big} s, the whole audit ${a_big} s ($(ratio "$v_big" "$a_big")x the audit's time)"
echo "every role trusted from outside ($roles roles): vendors ${v_wide} s, iam escalations ${e_wide} s ($(ratio "$v_wide" "$e_wide")x); peak memory ${mem} MB"
