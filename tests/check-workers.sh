#!/usr/bin/env bash
# check-workers.sh: several `detect --worker` processes sharing one state on a real PostgreSQL
# server (tests/servers/postgres.sh) over one loopback bucket (fake-s3-bucket.py, SigV4 checked)
# holding three accounts' trails: they split the accounts between them (each judged by one
# worker at a time), and together raise exactly the alerts of one worker alone, each once; with
# three workers, one killed with kill -9 loses its accounts when its leases expire and the others
# go on from its last commit, losing no alert and raising none twice; a worker stopped cleanly
# gives its accounts back at once. The same on a SQLite file shared by processes on one machine.
# usage: tests/check-workers.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-workers.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib-loopback.sh" workers
. "$here/tests/servers/postgres.sh"
trap 'kill -9 "${pids[@]}" 2>/dev/null; pg_stop; rm -rf "$work"' EXIT
cd "$here"

pg_start || { echo "FAIL workers: cannot start a PostgreSQL server"; exit 1; }

# three accounts: the generator's two, and a third from another seed with its id changed
"$py" tests/gen/make-trail.py --days 3 --per-day 300 "$work/gen" >/dev/null
"$py" tests/gen/make-trail.py --days 3 --per-day 300 --seed 11 "$work/gen2" >/dev/null
"$py" - "$work/gen/AWSLogs" "$work/gen2/AWSLogs" <<'EOF'
import gzip, os, sys
root, other = sys.argv[1], sys.argv[2]
for d, _, files in os.walk(os.path.join(other, "111122223333")):
    for f in files:
        p = os.path.join(d, f)
        q = p.replace(other, root).replace("111122223333", "777788889999")
        os.makedirs(os.path.dirname(q), exist_ok=True)
        with gzip.open(p, "rb") as i, gzip.open(q, "wb") as o:
            o.write(i.read().replace(b"111122223333", b"777788889999"))
EOF
nfiles=$(find "$work/gen/AWSLogs" -type f | wc -l)
"$py" tests/servers/fake-s3-bucket.py --root "$work/gen" --bucket acme-trail --keys "$work/keys.json" \
	--port-file "$work/s3.port" --log "$work/s3.log" --seconds 900 --delay-ms "${DELAY_MS:-50}" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/s3.port" ] && break; sleep 0.1; done
ep="http://127.0.0.1:$(cat "$work/s3.port")"

opts=(--format jsonl --aws-ranges tests/data/aws-ranges-test.json --now 2026-12-01T00:00:00Z
	--follow s3://acme-trail --since 2026-09-30T00:00:00Z)
worker() { # name state output args...: this subshell becomes the worker (so $! is its pid)
	local name=$1 state=$2 out=$3
	shift 3
	exec env -i PATH="$PATH" HOME="$work" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret \
		AWS_ENDPOINT_URL="$ep" AWS_REGION=eu-west-1 "$ys" detect "${opts[@]}" --worker "$name" \
		--state "$state" --output "$out" "$@" 2>"$out.err"
}
ids() { cat "$@" 2>/dev/null | grep -o '^{"id":"[0-9a-f]*"' | sort; }
files_read() { # state: files marked read
	case $1 in
	postgresql:*) pg_sql "${1##*/}" "SELECT count(*) FROM seen" ;;
	*) "$py" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM seen").fetchone()[0])' "$1" ;;
	esac
}
state_alerts() { # state: alerts raised, and how many ids twice
	case $1 in
	postgresql:*) pg_sql "${1##*/}" "SELECT count(*), count(*) - count(DISTINCT id) FROM alerts" | tr '|' ' ' ;;
	*) "$py" -c 'import sqlite3, sys; print(*sqlite3.connect(sys.argv[1]).execute("SELECT count(*), count(*) - count(DISTINCT id) FROM alerts").fetchone())' "$1" ;;
	esac
}
until_read() { # state seconds: waits until every file is read
	local i
	for i in $(seq $(($2 * 5))); do
		[ "$(files_read "$1" 2>/dev/null)" = "$nfiles" ] && return 0
		sleep 0.2
	done
	return 1
}

# 1. one worker alone: the reference, every account its own
ref=$(pg_new ref)
(worker solo "$ref" "$work/ref" --once)
ids "$work/ref" >"$work/ref.ids"
if [ -s "$work/ref.ids" ] && [ "$(files_read "$ref")" = "$nfiles" ] &&
	grep -q "worker solo: judging 3 accounts (3 taken, 0 given back)" "$work/ref.err"; then ok; else
	no "one worker alone: $(wc -l <"$work/ref.ids") alerts, $(files_read "$ref") of $nfiles files: $(head -3 "$work/ref.err")"; fi
# accounts judged apart raise what one run over each account's files alone raises
for a in 111122223333 444455556666 777788889999; do
	"$ys" detect --format jsonl --aws-ranges tests/data/aws-ranges-test.json --now 2026-12-01T00:00:00Z \
		"$work/gen/AWSLogs/$a" 2>/dev/null
done | grep -o '^{"id":"[0-9a-f]*"' | sort >"$work/apart.ids"
if cmp -s "$work/ref.ids" "$work/apart.ids"; then ok; else
	no "one worker's alerts are not those of each account read alone: $(diff "$work/ref.ids" "$work/apart.ids" | head -4)"; fi

# 2. two workers, then three with one killed: together, every alert once
round() { # state workers victim: runs them over the bucket until every file is read
	local state=$1 n=$2 victim=$3 i pid
	local -a wp=()
	for i in $(seq "$n"); do
		(worker "w$i" "$state" "$work/out.w$i" --interval 1s --lease 3s) &
		wp+=($!)
		pids+=($!)
	done
	if [ "$victim" ]; then
		# killed once it judges accounts and has read some of their files
		for _ in $(seq 150); do
			grep -q "judging" "$work/out.w$victim.err" 2>/dev/null && [ "$(ids "$work/out.w$victim" | wc -l)" -gt 0 ] && break
			sleep 0.1
		done
		kill -9 "${wp[$((victim - 1))]}"
	fi
	until_read "$state" 90 || no "$n workers: $(files_read "$state") of $nfiles files read in 90 s"
	sleep 2 # the last batch's alerts written
	for i in $(seq "$n"); do
		[ "$i" = "$victim" ] || kill -TERM "${wp[$((i - 1))]}" 2>/dev/null
	done
	wait "${wp[@]}" 2>/dev/null
}
check_round() { # state label workers victim
	local state=$1 label=$2 n=$3 victim=$4 i judged=0
	ids "$work"/out.w* | uniq >"$work/got.ids"
	if cmp -s "$work/ref.ids" "$work/got.ids"; then ok; else
		no "$label: the workers' alerts differ from one worker's: $(diff "$work/ref.ids" "$work/got.ids" | head -4)"; fi
	read -r raised twice <<<"$(state_alerts "$state")"
	if [ "$raised" = "$(wc -l <"$work/ref.ids")" ] && [ "$twice" = 0 ]; then ok; else
		no "$label: the state holds $raised alerts ($twice twice) for $(wc -l <"$work/ref.ids")"; fi
	# each alert reached one output, once (the killed worker's last batch may reach two)
	if [ -z "$victim" ]; then
		if [ -z "$(ids "$work"/out.w* | uniq -d)" ]; then ok; else
			no "$label: alerts written twice: $(ids "$work"/out.w* | uniq -d | head -3)"; fi
	fi
	for i in $(seq "$n"); do
		grep -q "worker w$i: judging [1-9]" "$work/out.w$i.err" && judged=$((judged + 1))
	done
	if [ "$judged" -ge 2 ]; then ok; else no "$label: only $judged workers judged accounts: $(cat "$work"/out.w*.err | head -5)"; fi
	# the killed worker's accounts were taken by the others: between them they took all three
	if [ "$victim" ]; then
		taken=$(cat $(ls "$work"/out.w*.err | grep -v "w$victim.err") | sed -n 's/.*(\([0-9]*\) taken.*/\1/p' | awk '{n += $1} END {print n + 0}')
		if [ "$taken" -ge 3 ]; then ok; else no "$label: the others took $taken accounts, not the killed one's: $(cat "$work"/out.w*.err | head -8)"; fi
	fi
	if ! grep -q "$secret" "$work"/out.w* 2>/dev/null; then ok; else no "$label: a secret in the output"; fi
	[ "${KEEP:-}" ] || rm -f "$work"/out.w*
}

two=$(pg_new two)
round "$two" 2 ""
check_round "$two" "two workers" 2 ""

three=$(pg_new three)
round "$three" 3 2
check_round "$three" "three workers, one killed" 3 2
if [ "$(pg_sql three "SELECT count(*) FROM partitions WHERE owner = 'w2' AND lease_until > extract(epoch from now())")" = 0 ]; then ok; else
	no "the killed worker still holds leases"; fi

# 3. a worker stopped cleanly gives its accounts back at once: the next takes them all
pg_sql three "SELECT count(*) FROM partitions WHERE owner IS NOT NULL" >"$work/held"
if [ "$(cat "$work/held")" = 0 ]; then ok; else no "stopped workers still hold $(cat "$work/held") accounts: $(pg_sql three "SELECT * FROM partitions") $(cat "$work"/out.w*.err)"; fi

# 4. the same on a SQLite file shared by processes on this machine
round "$work/shared.db" 2 ""
check_round "$work/shared.db" "two workers on a SQLite file" 2 ""

# 5. what --worker needs
"$ys" detect --worker w1 --follow s3://acme-trail >/dev/null 2>"$work/use1"
rc1=$?
"$ys" detect --worker w1 --state "$work/x.db" --follow s3://acme-trail --interval 1m --lease 30s \
	>/dev/null 2>"$work/use2"
rc2=$?
if [ $rc1 = 2 ] && grep -q "needs --state" "$work/use1" && [ $rc2 = 2 ] &&
	grep -q "must be longer than --interval" "$work/use2"; then ok; else
	no "usage errors: $rc1 $(cat "$work/use1") / $rc2 $(cat "$work/use2")"; fi

echo "workers: $pass passed, $fail failed"
[ $fail = 0 ]
