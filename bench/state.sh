#!/usr/bin/env bash
# state.sh: what `detect --state` costs on a trail where sessions come and go as on a real account
# (tests/gen/make-trail.py --churn: a new key for every Lambda invocation and CI run, instances
# that live hours, people through SSO; gzipped in CloudTrail's layout, a file per five minutes,
# account and region): the time beside the same run without state, the state file's size and peak
# memory, for SIZE_DAYS and twice as many days (flat as the trail grows). RUNS=N repetitions.
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work)
days=${SIZE_DAYS:-20}
runs=${RUNS:-3}
mkdir -p "$work"
. bench/lib.sh
for d in "$days" $((days * 2)); do
	dir="$work/churn-$d"
	[ -d "$dir/AWSLogs" ] || python3 tests/gen/make-trail.py --churn --days "$d" --per-day 20000 "$dir" >/dev/null
	files=$(find "$dir/AWSLogs" -type f | wc -l)
	mb=$(du -sm "$dir/AWSLogs" | cut -f1)
	plain=$(median "$runs" "$ys" detect --format jsonl "$dir/AWSLogs")
	rm -f "$work/state.db"*
	/usr/bin/time -f '%e %M' -o "$work/first" "$ys" detect --format jsonl --state "$work/state.db" \
		--now 2027-01-01T00:00:00Z "$dir/AWSLogs" >/dev/null 2>&1
	size=$(du -m --apparent-size "$work/state.db" | cut -f1)
	# the state's cost on a fresh file each time: the median of runs that each start empty
	for i in $(seq "$runs"); do
		rm -f "$work/state.db"*
		/usr/bin/time -f '%e %U %S' -o "$work/t" "$ys" detect --format jsonl --state "$work/state.db" \
			--now 2027-01-01T00:00:00Z "$dir/AWSLogs" >/dev/null 2>&1
		tail -n 1 "$work/t"
	done >"$work/runs"
	stated=$(awk '{print $1}' "$work/runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	again=$(median 1 "$ys" detect --format jsonl --state "$work/state.db" --now 2027-01-01T00:00:00Z "$dir/AWSLogs")
	echo "churn trail, $d days: $files files, $mb MB gzipped"
	echo "  detect without state:              $plain s"
	echo "  detect --state (a new state file): $stated s ($(ratio "$stated" "$plain")x without state)"
	echo "  state file:                        $size MB; peak memory $(awk '{printf "%.0f", $2 / 1024}' "$work/first") MB"
	echo "  again, every file already read:    $again s"
done
