#!/usr/bin/env bash
# detect-threads.sh: `yourside detect --threads 1` against `--threads 2` (and more, THREADS="1 2
# 4") on the realistic trail of bench/detect.sh in the S3 layout (AWSLogs/<account>/CloudTrail/
# <region>/<day>/, gzip, one file per account, region and five minutes, as CloudTrail delivers
# it): wall and processor time, medians of RUNS interleaved runs, and that every thread count
# raises the same alerts, byte for byte. SIZE_DAYS=N sets the trail's length (100 days is about
# 2 GB of records in 76,000 files).
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath "${YS:-build/yourside}")
work=$(realpath -m bench/work)
days=${SIZE_DAYS:-100}
runs=${RUNS:-5}
threads=${THREADS:-1 2}
mkdir -p "$work"
dir="$work/s3trail-$days"
[ -d "$dir/AWSLogs" ] || python3 tests/gen/make-trail.py --days "$days" --per-day 20000 "$dir" >/dev/null
in="$dir/AWSLogs"
files=$(find "$in" -type f | wc -l)
mb=$(find "$in" -type f -name '*.gz' -exec zcat {} + | wc -c | awk '{printf "%.0f", $1 / 1e6}')
find "$in" -type f -exec cat {} + >/dev/null # in the page cache, as for every run after
for t in $threads; do
	"$ys" detect --threads "$t" --format jsonl "$in" >"$work/threads-$t.out" 2>/dev/null
	cmp -s "$work/threads-$(echo $threads | cut -d' ' -f1).out" "$work/threads-$t.out" ||
		{ echo "--threads $t raised other alerts" >&2; exit 1; }
done
for i in $(seq "$runs"); do
	for t in $threads; do
		/usr/bin/time -f '%e %U %S' -o "$work/t" "$ys" detect --threads "$t" --format jsonl "$in" \
			>/dev/null 2>&1
		echo "$t $(tail -n 1 "$work/t")"
	done
done >"$work/threads-runs"
echo "input: $in ($files files, $mb MB of records), $(nproc) cores, $runs runs each, interleaved"
one=
for t in $threads; do
	wall=$(awk -v t="$t" '$1 == t {print $2}' "$work/threads-runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	proc=$(awk -v t="$t" '$1 == t {print $3 + $4}' "$work/threads-runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	[ -n "$one" ] || one=$wall
	printf -- '--threads %s: %s s wall (%s MB/s), %s s processor; %sx the throughput of --threads %s\n' \
		"$t" "$wall" "$(awk -v m="$mb" -v s="$wall" 'BEGIN {printf "%.0f", m / s}')" "$proc" \
		"$(awk -v a="$one" -v b="$wall" 'BEGIN {printf "%.2f", a / b}')" "$(echo $threads | cut -d' ' -f1)"
done
echo "alerts: $(wc -l <"$work/threads-$(echo $threads | cut -d' ' -f1).out"), the same for every thread count"
