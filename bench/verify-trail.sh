#!/usr/bin/env bash
# verify-trail.sh: `yourside verify-trail` on a week of a trail (168 hourly digests, 2,016 log
# files of 300 records each, signed by tests/gen/trail-bucket.py), beside the floor of the work
# (unzipping every log file and hashing it: zcat | sha256sum) and the AWS CLI's own validator
# (validate-logs through tests/oracle/validate-logs.py, its S3 reads served from the same
# folder, so no network is timed); on one core; peak memory. RUNS=N sets the repetitions.
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work)
runs=${RUNS:-5}
b="$work/trail-week"
mkdir -p "$work"
[ -d "$b" ] || python3 tests/gen/trail-bucket.py "$b" --hours 168 --logs 12 --records 300
. bench/lib.sh
logs=$(find "$b" -path '*/CloudTrail/*' -name '*.json.gz' | wc -l)
mb=$(find "$b" -path '*/CloudTrail/*' -name '*.json.gz' -exec zcat {} + | wc -c | awk '{printf "%.0f", $1 / 1048576}')
one="taskset -c 0"

ys_s=$(median "$runs" $one "$ys" verify-trail --keys "$b/keys.json" "$b")
ys_cpu=$(cpu)
floor_s=$(median "$runs" $one sh -c "find '$b' -path '*/CloudTrail/*' -name '*.json.gz' -exec zcat {} + | sha256sum")
cli_s=$(median 3 $one /usr/bin/python3 tests/oracle/validate-logs.py "$b" --bucket acme-trail \
	--trail-arn arn:aws:cloudtrail:eu-west-1:111122223333:trail/acme-main \
	--start 2024-03-01T00:00:00Z --end 2024-03-08T01:00:00Z --keys "$b/keys.json")
mem=$(peak "$ys" verify-trail --keys "$b/keys.json" "$b")
verdict=$("$ys" verify-trail --keys "$b/keys.json" "$b" | tail -1)

echo "input: $b (168 digests, $logs log files, $mb MB unzipped)"
echo "yourside verify-trail (one core):        ${ys_s} s (processor ${ys_cpu} s; $verdict)"
echo "floor: zcat every log | sha256sum:       ${floor_s} s ($(ratio "$ys_s" "$floor_s")x the floor)"
echo "aws cloudtrail validate-logs (same files): ${cli_s} s ($(ratio "$cli_s" "$ys_s")x slower than yourside)"
echo "peak memory:                             ${mem} MB"
