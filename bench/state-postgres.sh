#!/usr/bin/env bash
# state-postgres.sh: detect's state on a PostgreSQL server beside the same state in a SQLite file,
# on the churn trail of bench/state.sh (tests/gen/make-trail.py --churn, SIZE_DAYS days): each
# run starts from an empty state (a new file, a new database), medians of RUNS; then a run over
# files all read already. The server is Debian's PostgreSQL, started here on loopback
# (tests/servers/postgres.sh), so the figure is the engine's cost without a network's.
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work)
days=${SIZE_DAYS:-20}
runs=${RUNS:-3}
mkdir -p "$work"
. bench/lib.sh
. tests/servers/postgres.sh
trap 'pg_stop' EXIT
pg_start >/dev/null
dir="$work/churn-$days"
[ -d "$dir/AWSLogs" ] || python3 tests/gen/make-trail.py --churn --days "$days" --per-day 20000 "$dir" >/dev/null
opts=(--format jsonl --now 2027-01-01T00:00:00Z)
echo "machine: $(nproc) cores; $(date -u +%F); PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on loopback"
echo "churn trail, $days days: $(find "$dir/AWSLogs" -type f | wc -l) files, $(du -sm "$dir/AWSLogs" | cut -f1) MB gzipped"
plain=$(median "$runs" "$ys" detect "${opts[@]}" "$dir/AWSLogs")
for i in $(seq "$runs"); do
	rm -f "$work/pgbench.db"*
	/usr/bin/time -f '%e' -a -o "$work/t-file" "$ys" detect "${opts[@]}" --state "$work/pgbench.db" "$dir/AWSLogs" >/dev/null 2>&1
done
file_s=$(sort -n "$work/t-file" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
rm -f "$work/t-file"
for i in $(seq "$runs"); do
	url=$(pg_new "bench_${i}_$$")
	/usr/bin/time -f '%e' -a -o "$work/t-pg" "$ys" detect "${opts[@]}" --state "$url" "$dir/AWSLogs" >/dev/null 2>&1
done
pg_s=$(sort -n "$work/t-pg" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
rm -f "$work/t-pg"
again_file=$(median 1 "$ys" detect "${opts[@]}" --state "$work/pgbench.db" "$dir/AWSLogs")
again_pg=$(median 1 "$ys" detect "${opts[@]}" --state "$url" "$dir/AWSLogs")
echo "detect without state:                 ${plain} s"
echo "detect --state FILE (a new file):     ${file_s} s   $(ratio "$file_s" "$plain")x without state"
echo "detect --state postgresql://… (new):  ${pg_s} s   $(ratio "$pg_s" "$file_s")x the file"
echo "again, every file read: file ${again_file} s, server ${again_pg} s"
rm -f "$work/pgbench.db"*
