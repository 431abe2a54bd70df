#!/usr/bin/env bash
# check-workers.sh: several `detect --worker` processes sharing one state on a real PostgreSQL
# server (tests/servers/postgres.sh) over one loopback bucket (fake-s3-bucket.py, SigV4 checked)
# holding three accounts' trails: they split the accounts between them (each judged by one
# worker at a time), and together raise exactly the alerts of one worker alone, which are those
# of each account read alone, each once; a worker that joins late gets its share from the
# first's backlog; with three workers, one killed with kill -9 loses its
# accounts when its leases expire and the others go on from its last commit, losing no alert and
# raising none twice; a worker stopped cleanly gives its accounts back at once; the same on a
# SQLite file shared by processes on one machine; three workers on one queue of the bucket's
# notices (--sqs, fake-sqs.py), one killed, hand each other the messages of accounts they do not
# hold and raise every alert once, and one naming an object outside any account is said and
# stays on the queue; a state from before workers is migrated.
# usage: tests/check-workers.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-workers.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib-loopback.sh" workers
. "$here/tests/servers/postgres.sh"
trap 'kill -9 "${pids[@]}" 2>/dev/null; pg_stop; [ "${KEEP:-}" ] || rm -rf "$work"' EXIT
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
until_judging() { # stderr: waits (15 s at most) until the worker says it judges accounts
	for _ in $(seq 300); do
		grep -q "judging" "$1" 2>/dev/null && return
		sleep 0.05
	done
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
round() { # state workers victim [late]: runs them over the bucket until every file is read (late:
	# the others start once the first judges every account, and take theirs from its backlog)
	local state=$1 n=$2 victim=$3 late=${4:-} i pid
	local -a wp=()
	for i in $(seq "$n"); do
		(worker "w$i" "$state" "$work/out.w$i" --interval 1s --lease 6s) &
		wp+=($!)
		pids+=($!)
		[ "$late" ] && [ "$i" = 1 ] && until_judging "$work/out.w1.err"
	done
	if [ "$victim" ]; then
		# killed as soon as it judges accounts, before it can read all their files: the
		# others must take them to finish
		until_judging "$work/out.w$victim.err"
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
	if [ "${KEEP:-}" ]; then mkdir -p "$work/kept.$n$victim" && mv "$work"/out.w* "$work/kept.$n$victim/"; else rm -f "$work"/out.w*; fi
}

if [ -z "${ONLY_SQS:-}" ]; then
two=$(pg_new two)
round "$two" 2 ""
check_round "$two" "two workers" 2 ""

# a worker that joins while another reads the backlog of every account gets its share from it
late=$(pg_new late)
round "$late" 2 "" late
if grep -q "worker w1: judging 3 accounts (3 taken" "$work/out.w1.err" &&
	grep -q "worker w1: judging 2 accounts (0 taken, 1 given back)" "$work/out.w1.err"; then ok; else
	no "a worker joining late: the first did not give it an account: $(cat "$work"/out.w*.err | head -6)"; fi
check_round "$late" "a worker joining late" 2 ""

three=$(pg_new three)
round "$three" 3 2
check_round "$three" "three workers, one killed" 3 2
if [ "$(pg_sql three "SELECT count(*) FROM partitions WHERE owner = 'w2' AND lease_until > extract(epoch from now())")" = 0 ]; then ok; else
	no "the killed worker still holds leases"; fi

# 3. a worker stopped cleanly gives its accounts back at once, and --status says so
pg_sql three "SELECT count(*) FROM partitions WHERE owner IS NOT NULL" >"$work/held"
if [ "$(cat "$work/held")" = 0 ]; then ok; else no "stopped workers still hold $(cat "$work/held") accounts: $(pg_sql three "SELECT * FROM partitions") $(cat "$work"/out.w*.err)"; fi
"$ys" detect --status --state "$three" >"$work/status" 2>&1
if [ "$(grep -c "^  account [0-9]\{12\}: no worker holds it" "$work/status")" = 3 ]; then ok; else
	no "--status on the workers' state: $(cat "$work/status")"; fi

# 4. the same on a SQLite file shared by processes on this machine
round "$work/shared.db" 2 ""
check_round "$work/shared.db" "two workers on a SQLite file" 2 ""
fi

# 5. workers reading the bucket's notices from one queue (--sqs), one of three killed: a message
# naming another worker's account goes back to the queue for it; every alert once
"$py" tests/servers/fake-sqs.py --inbox "$work/q.inbox" --keys "$work/keys.json" --port-file "$work/q.port" \
	--log "$work/q.log" --seconds 900 --max-visibility 2 &
pids+=($!)
mkdir -p "$work/q.inbox"
for _ in $(seq 100); do [ -s "$work/q.port" ] && break; sleep 0.1; done
(cd "$work/gen" && find AWSLogs -type f | awk -F_ '{ print $(NF - 1), $0 }' | sort | cut -d' ' -f2) |
	"$py" tests/gen/notices.py --bucket acme-trail --inbox "$work/q.inbox"
# and one naming an object outside any account's folder: no worker can tell whose it is
echo "exports/other.json.gz" | "$py" tests/gen/notices.py --bucket acme-trail --inbox "$work/q.inbox" --start 900000
qurl="http://127.0.0.1:$(cat "$work/q.port")/111122223333/trail"
# an alert of one event by its rule and event; of a correlation, its rule only: a queue hands
# files out of order (a message goes back for another worker, a killed reader's come back after
# later ones), and hours of this trail pass in seconds of the test, beyond any reorder window,
# so an incident may start at another of its events than in one pass
keyed() { cat "$@" 2>/dev/null | "$py" -c 'import json, sys
corr = set(l.split()[0] for l in open(sys.argv[1]))
for l in sys.stdin:
    a = json.loads(l)
    print(a["rule"], "-" if a["rule"] in corr else a["event_ids"][0])' "$work/corr" | sort -u; }
"$py" -c 'import json, sys
for l in open(sys.argv[1]):
    a = json.loads(l)
    if len(a["event_ids"]) > 1: print(a["rule"])' "$work/ref" | sort -u >"$work/corr"
keyed "$work/ref" >"$work/ref.keys"
sqsdb=$(pg_new sqs)
sqs_worker() { # name: this subshell becomes a worker on the queue
	exec env -i PATH="$PATH" HOME="$work" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret \
		AWS_ENDPOINT_URL_S3="$ep" AWS_ENDPOINT_URL_SQS="http://127.0.0.1:$(cat "$work/q.port")" \
		AWS_REGION=eu-west-1 "$ys" detect --format jsonl --aws-ranges tests/data/aws-ranges-test.json \
		--now 2026-12-01T00:00:00Z --sqs "$qurl" --interval 1s --lease 6s --worker "$1" \
		--state "$sqsdb" --output "$work/out.$1" 2>"$work/out.$1.err"
}
sp=()
for w in q1 q2 q3; do
	(sqs_worker $w) &
	sp+=($!)
	pids+=($!)
done
until_judging "$work/out.q2.err"
kill -9 "${sp[1]}"
until_read "$sqsdb" 120 || no "sqs workers: $(files_read "$sqsdb") of $nfiles files read in 120 s"
sleep 3
kill -TERM "${sp[0]}" "${sp[2]}" 2>/dev/null
wait "${sp[@]}" 2>/dev/null
keyed "$work"/out.q[123] >"$work/sqs.keys"
if cmp -s "$work/ref.keys" "$work/sqs.keys"; then ok; else
	no "sqs workers: alerts differ from one worker's: $(diff "$work/ref.keys" "$work/sqs.keys" | head -4)"; fi
read -r raised twice <<<"$(state_alerts "$sqsdb")"
if [ "$twice" = 0 ] && [ "$raised" -gt 0 ]; then ok; else
	no "sqs workers: the state holds $raised alerts ($twice twice) for $(wc -l <"$work/ref.ids")"; fi
if grep -q "ChangeMessageVisibility [0-9a-f-]* 2" "$work/q.log" &&
	[ "$(grep -c "judging [1-9]" "$work"/out.q[13].err | awk -F: '{n += $2} END {print n}')" -ge 2 ]; then ok; else
	no "sqs workers: no message went back to the queue for another worker, or one worker did all: $(cat "$work"/out.q*.err | head -6)"; fi

left=$("$py" -c 'import json, sys, urllib.request
q = json.loads(urllib.request.urlopen(sys.argv[1]).read())
print(q["visible"] + q["inflight"])' "http://127.0.0.1:$(cat "$work/q.port")/_queue")
if grep -q "names s3://acme-trail/exports/other.json.gz, which is not a CloudTrail log file's name: workers split the trail by the account in it; the message stays on the queue" "$work"/out.q[13].err &&
	[ "$left" = 1 ]; then ok; else
	no "sqs workers: a message naming no account was not said, or the queue holds $left: $(grep -h other "$work"/out.q*.err | head -2)"; fi

# 6. a state from before workers (schema 1) is migrated on open: what it held is the only
# partition's (''), and an alert it raised but had not written is written
"$py" - "$work/v1.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript("""
CREATE TABLE ys_schema(component TEXT PRIMARY KEY, version BIGINT NOT NULL);
INSERT INTO ys_schema VALUES('state', 1);
CREATE TABLE seen(key BLOB PRIMARY KEY, size INTEGER, mtime INTEGER, records INTEGER) WITHOUT ROWID;
CREATE TABLE matches(seq INTEGER PRIMARY KEY, t INTEGER, file TEXT, record BLOB);
CREATE INDEX matches_t ON matches(t);
CREATE TABLE alerts(seq INTEGER PRIMARY KEY, id TEXT UNIQUE, body BLOB, out_offset INTEGER, written INTEGER);
CREATE INDEX alerts_unwritten ON alerts(written) WHERE written = 0;
CREATE TABLE baselines(kind TEXT, subject TEXT, value TEXT, first INTEGER, last INTEGER, n INTEGER,
  PRIMARY KEY(kind, subject, value));
CREATE TABLE cursors(scope TEXT PRIMARY KEY, newest INTEGER);
INSERT INTO alerts(id, body, out_offset, written) VALUES('0123abcd', CAST('{"id":"0123abcd","rule":"left-from-v1"}' || char(10) AS BLOB), -1, 0);
INSERT INTO baselines VALUES('client', 'arn:aws:iam::111122223333:user/alice', 'cli', 1, 2, 3);
""")
db.commit()
EOF
mkdir -p "$work/empty"
"$ys" detect --format jsonl --state "$work/v1.db" --now 2026-12-01T00:00:00Z "$work/empty" >"$work/v1.out" 2>"$work/v1.err"
v1=$("$py" -c 'import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
print(db.execute("SELECT version FROM ys_schema WHERE component = ?", ("state",)).fetchone()[0],
      db.execute("SELECT count(*) FROM baselines WHERE part = ?", ("",)).fetchone()[0],
      db.execute("SELECT count(*) FROM alerts WHERE written = 1").fetchone()[0])' "$work/v1.db" 2>&1)
if grep -q '"rule":"left-from-v1"' "$work/v1.out" && [ "$v1" = "2 1 1" ]; then ok; else
	no "a schema 1 state: version, baselines, alerts written: '$v1'; output: $(head -2 "$work/v1.out") $(head -2 "$work/v1.err")"; fi

# 7. what --worker needs
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
