#!/usr/bin/env bash
# workers.sh: `detect --follow s3:// --worker` with one and with two worker processes sharing one
# PostgreSQL state (a real server, tests/servers/postgres.sh), over the S3-layout trail of
# bench/detect-threads.sh served by tests/servers/fake-s3-bucket.py with every answer delayed
# DELAY_MS (default 20 ms, as a real bucket's are): the time until every file is committed read,
# medians of RUNS interleaved runs, and one worker on a SQLite file beside it (the server's cost).
# The bucket answers from SERVER_PROCS processes (default 2) and lists its folder once: one Python
# process served about 400 objects a second, whatever the number of workers.
# SIZE_DAYS=N the trail's length (20: 15,216 files, two accounts); YS=PATH another build.
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath "${YS:-build/yourside}")
days=${SIZE_DAYS:-20}
runs=${RUNS:-3}
py=/usr/bin/python3
work=$(realpath -m bench/work)
dir="$work/s3trail-$days"
mkdir -p "$work"
[ -d "$dir/AWSLogs" ] || "$py" tests/gen/make-trail.py --days "$days" --per-day 20000 "$dir" >/dev/null
files=$(find "$dir/AWSLogs" -type f | wc -l)
. tests/servers/postgres.sh
pids=()
tmp=$(mktemp -d)
trap 'kill -9 "${pids[@]}" 2>/dev/null; pg_stop; rm -rf "$tmp"' EXIT
pg_start >/dev/null
"$py" tests/servers/fake-s3-bucket.py --root "$dir" --bucket bench-trail --port-file "$tmp/port" \
	--delay-ms "${DELAY_MS:-20}" --seconds 7200 --static --procs "${SERVER_PROCS:-2}" &
pids+=($!)
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
export AWS_ENDPOINT_URL="http://127.0.0.1:$(cat "$tmp/port")" AWS_REGION=eu-west-1 AWS_EC2_METADATA_DISABLED=true

read_count() { # state
	case $1 in
	postgresql:*) pg_sql "${1##*/}" "SELECT count(*) FROM seen" 2>/dev/null ;;
	*) "$py" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM seen").fetchone()[0])' "$1" 2>/dev/null ;;
	esac
}
one_run() { # workers state: seconds until every file is read
	local n=$1 state=$2 i t0 t1
	local -a wp=()
	t0=$(date +%s%N)
	for i in $(seq "$n"); do
		"$ys" detect --follow s3://bench-trail --since 2026-01-01T00:00:00Z --now 2027-01-01T00:00:00Z \
			--format jsonl --state "$state" --worker "w$i" --interval 1s --lease 10s \
			>/dev/null 2>"$tmp/err.w$i" &
		wp+=($!)
	done
	until [ "$(read_count "$state")" = "$files" ]; do sleep 0.1; done
	t1=$(date +%s%N)
	kill "${wp[@]}" 2>/dev/null
	wait "${wp[@]}" 2>/dev/null || true
	awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", (b - a) / 1e9}'
}
for r in $(seq "$runs"); do
	echo "1 $(one_run 1 "$(pg_new one_$r)")"
	echo "2 $(one_run 2 "$(pg_new two_$r)")"
	echo "s $(one_run 1 "$tmp/state-$r.db")"
done >"$tmp/runs"
med() { awk -v k="$1" '$1 == k {print $2}' "$tmp/runs" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one=$(med 1) two=$(med 2) lite=$(med s)
echo "input: $dir/AWSLogs ($files files, two accounts), answers delayed ${DELAY_MS:-20} ms, $(nproc) cores, $runs runs each, medians"
echo "1 worker, PostgreSQL:   $one s ($(awk -v n="$files" -v s="$one" 'BEGIN {printf "%.0f", n / s}') files/s)"
echo "2 workers, PostgreSQL:  $two s ($(awk -v n="$files" -v s="$two" 'BEGIN {printf "%.0f", n / s}') files/s): $(awk -v a="$one" -v b="$two" 'BEGIN {printf "%.2f", a / b}')x one worker's throughput"
echo "1 worker, SQLite file:  $lite s (PostgreSQL's time: $(awk -v a="$one" -v b="$lite" 'BEGIN {printf "%.2f", a / b}')x SQLite's)"
