#!/usr/bin/env bash
# check-state.sh: detect's state holds across kill -9: a run killed at random moments and started
# again until it ends raises exactly the alerts of one uninterrupted run, none twice; --follow
# picks up files as they arrive, and after kill -9 goes on where it stopped. Run by
# tests/check-postgres.sh (PG_BASE set), each state is a new database on its PostgreSQL server.
# usage: tests/check-state.sh path/to/yourside
set -u
YS=$(realpath "$1")
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
. tests/servers/postgres.sh
pass=0 fail=0
# a new, empty state called $1: a file here, or a database on the test's PostgreSQL server
newstate() {
	if [ -n "${PG_BASE:-}" ]; then
		pg_new "$1"
	else
		echo "$work/$1.db"
	fi
}
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL state: $*"; }

python3 tests/gen/make-trail.py --days 16 "$work/gen" >/dev/null
trail=$work/gen/AWSLogs
# --now: with state, incidents end when the clock passes them; pinned after the trail ends, so
# the test does not depend on the day it runs
opts=(--format jsonl --aws-ranges tests/data/aws-ranges-test.json --now 2026-12-01T00:00:00Z)
"$YS" detect "${opts[@]}" "$trail" 2>/dev/null | sort >"$work/ref"
[ -s "$work/ref" ] && ok || no "the reference run raised nothing"
python3 tests/gen/check-alerts.py "$work/gen/expected.jsonl" "$work/ref" >"$work/synthetic" &&
	ok || { no "the synthetic trail's alerts"; cat "$work/synthetic"; }

# 0. weeks of the same team without the attacks: not one built-in or behaviour alert
python3 tests/gen/make-trail.py --days 16 --no-attacks "$work/benign" >/dev/null
"$YS" detect "${opts[@]}" "$work/benign/AWSLogs" 2>/dev/null >"$work/benign.out"
if python3 tests/gen/check-alerts.py "$work/benign/expected.jsonl" "$work/benign.out" >"$work/b"; then
	ok
else
	no "alerts on a benign trail:"
	head -5 "$work/b"
fi

# 1. kill -9 at random moments until a run ends by itself: each run gets its start-up time (a
# run with nothing left to read: rules compiled, state opened), then dies at a random moment
# within a fifth of what a whole run takes, so that fast and slow (sanitizer) builds alike are
# killed several times and still get somewhere; a batch of four files a transaction (the default
# is a second's worth) so that kills land between commits as well as within them
export YOURSIDE_DETECT_BATCH=4
warm=$(newstate warm)
t0=$(date +%s%N)
"$YS" detect "${opts[@]}" --state "$warm" --output /dev/null "$trail" 2>/dev/null
t1=$(date +%s%N)
"$YS" detect "${opts[@]}" --state "$warm" --output /dev/null "$trail" 2>/dev/null
t2=$(date +%s%N)
startup_ms=$(((t2 - t1) / 1000000))
work_ms=$(((t1 - t0 - (t2 - t1)) / 1000000))
[ $work_ms -gt 20 ] || work_ms=20
for round in ${ROUNDS:-1 2 3}; do
	rm -f "$work/out"
	state=$(newstate "s$round")
	kills=0
	while :; do
		"$YS" detect "${opts[@]}" --state "$state" --output "$work/out" "$trail" 2>/dev/null &
		pid=$!
		ms=$((startup_ms + RANDOM % (work_ms / 5 + 1)))
		sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
		if kill -9 "$pid" 2>/dev/null; then
			wait "$pid" 2>/dev/null
			kills=$((kills + 1))
			[ $kills -lt 300 ] || break
		else
			wait "$pid"
			break
		fi
	done
	if [ $kills -ge 300 ]; then
		no "round $round: never finished"
	elif sort "$work/out" | cmp -s - "$work/ref"; then
		ok
	else
		no "round $round: after $kills kills the alerts differ from one run's:"
		sort "$work/out" | diff - "$work/ref" | cut -c1-200 | head -5
	fi
	[ $kills -gt 0 ] || echo "note: round $round was never killed"
	echo "round $round: $kills kills"
done

unset YOURSIDE_DETECT_BATCH

# 2. a second run over the same files reads nothing and raises nothing
"$YS" detect "${opts[@]}" --state "$state" --output "$work/out2" "$trail" 2>"$work/err2"
if [ ! -s "$work/out2" ] && grep -q "0 files, 0 records" "$work/err2"; then ok; else
	no "a second run read again or alerted again: $(cat "$work/err2")"; fi

# 3. --follow: files dropped into a watched folder are read; kill -9, more files, restart
mkdir -p "$work/watched"
fstate=$(newstate f)
"$YS" detect "${opts[@]}" --state "$fstate" --output "$work/fout" --follow "$work/watched" 2>"$work/ferr" &
pid=$!
sleep 0.5
# in the order CloudTrail delivers them: by the time in their names, regions interleaved
files=$(cd "$trail" && find . -type f | awk -F_ '{ print $(NF - 1), $0 }' | sort | cut -d' ' -f2)
half=$(($(echo "$files" | wc -l) / 2))
copy() { (cd "$trail" && echo "$files" | sed -n "$1" | while read -r f; do
	mkdir -p "$work/watched/$(dirname "$f")" && cp "$f" "$work/watched/$f.part" &&
		mv "$work/watched/$f.part" "$work/watched/$f"; done); }
copy "1,${half}p"
for i in $(seq 1 100); do
	[ "$(grep -c . "$work/fout" 2>/dev/null)" -gt 0 ] && break
	sleep 0.1
done
sleep 1
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
copy "$((half + 1)),\$p"
"$YS" detect "${opts[@]}" --state "$fstate" --output "$work/fout" --follow "$work/watched" 2>>"$work/ferr" &
pid=$!
for i in $(seq 1 100); do
	[ "$(grep -c . "$work/fout")" -ge "$(grep -c . "$work/ref")" ] && break
	sleep 0.2
done
sleep 1.5 # an idle second: incidents whose time is over are reported
kill -TERM $pid
wait $pid
rc=$?
unfile() { sed 's/,"file":"[^"]*"//' "$1" | sort; }
if [ $rc = 0 ] && unfile "$work/fout" | cmp -s - <(unfile "$work/ref"); then ok; else
	no "follow (exit $rc): alerts differ from one run's:"
	unfile "$work/fout" | diff - <(unfile "$work/ref") | cut -c1-300 | head -8
	tail -3 "$work/ferr"
fi
echo "state: $pass passed, $fail failed"
[ $fail = 0 ]
