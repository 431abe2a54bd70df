#!/usr/bin/env bash
# check-postgres.sh: the state on a real PostgreSQL server (Debian's postgresql), started here in a
# temporary directory on a loopback port: every case folder that keeps a state runs again with
# each state a database on the server and must print the same; detect's kill -9 rounds and
# --follow (check-state.sh) hold there too; a detect run gives byte for byte the alerts it gives
# with a SQLite file; the schema is recorded and a newer one refused; a server that is not there
# is said in one line, without the password; the SQL layer's own unit test runs on the server
# usage: tests/check-postgres.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-postgres.sh path/to/yourside}")
cd "$(dirname "$0")/.."
. tests/servers/postgres.sh
work=$(mktemp -d)
trap 'pg_stop; rm -rf "$work"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL postgres: $*"; }

pg_start || { echo "FAIL postgres: cannot start a server"; exit 1; }
export PG_BIN PG_PORT PG_BASE
echo "== PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"

# 0. the SQL layer's unit test, its PostgreSQL half on the server (the binary beside yourside)
unit="$(dirname "$ys")/test-sql"
if [ ! -x "$unit" ]; then
	no "no $unit to run"
elif YS_TEST_POSTGRES_URL=$(pg_new unit) "$unit" >"$work/unit" 2>&1 && ! grep -q SKIPPED "$work/unit"; then
	ok
else
	no "test-sql on the server:"
	grep -E "FAIL|SKIP|error" "$work/unit" | head -5
fi

# 1. the case folders that keep a state, on the server
if tests/run-cases.sh "$ys" >"$work/cases" 2>&1; then ok; else no "case folders:"; grep FAIL "$work/cases" | head; fi
tail -1 "$work/cases"

# 2. the same alerts with a file and with the server, and a second run reads nothing
python3 tests/gen/make-trail.py --days 4 "$work/gen" >/dev/null
opts=(--format jsonl --aws-ranges tests/data/aws-ranges-test.json --now 2026-12-01T00:00:00Z)
"$ys" detect "${opts[@]}" --state "$work/file.db" "$work/gen/AWSLogs" >"$work/file.out" 2>/dev/null
url=$(pg_new same)
"$ys" detect "${opts[@]}" --state "$url" "$work/gen/AWSLogs" >"$work/pg.out" 2>/dev/null
if [ -s "$work/file.out" ] && cmp -s "$work/file.out" "$work/pg.out"; then ok; else
	no "alerts differ between a SQLite file and PostgreSQL: $(diff "$work/file.out" "$work/pg.out" | head -3)"; fi
"$ys" detect "${opts[@]}" --state "$url" "$work/gen/AWSLogs" >"$work/pg2.out" 2>"$work/pg2.err"
if [ ! -s "$work/pg2.out" ] && grep -q "0 files, 0 records" "$work/pg2.err"; then ok; else
	no "a second run on the server read again: $(tail -1 "$work/pg2.err")"; fi
if [ "$(pg_sql same "SELECT version FROM ys_schema WHERE component = 'state'")" = 2 ]; then ok; else
	no "the schema version is not recorded"; fi
"$ys" detect --status --state "$url" >"$work/status" 2>&1
if grep -q "^state $url: .* files read" "$work/status"; then ok; else no "status: $(head -2 "$work/status")"; fi

# 3. a state written by a newer yourside is refused, not read
pg_sql same "UPDATE ys_schema SET version = 99 WHERE component = 'state'" >/dev/null
"$ys" detect "${opts[@]}" --state "$url" "$work/gen/AWSLogs" >/dev/null 2>"$work/newer"
if grep -q "written by a newer yourside (state schema 99" "$work/newer"; then ok; else no "a newer schema: $(cat "$work/newer")"; fi

# 4. no server there: one line naming it, never the password
"$ys" detect "${opts[@]}" --state "postgresql://yourside:hunter2secret@127.0.0.1:1/none?connect_timeout=3" \
	"$work/gen/AWSLogs" >/dev/null 2>"$work/down"
rc=$?
if [ $rc = 2 ] && grep -q "state 'postgresql://yourside@127.0.0.1:1/none?connect_timeout=3': cannot connect" "$work/down" &&
	! grep -q hunter2secret "$work/down"; then ok; else no "a server that is not there (exit $rc): $(head -2 "$work/down")"; fi

# 5. detect's kill -9 rounds and --follow, each state a database on the server
if ROUNDS="${ROUNDS:-1 2}" tests/check-state.sh "$ys" >"$work/state" 2>&1; then ok; else no "check-state on the server:"; grep FAIL "$work/state" | head -5; fi
tail -1 "$work/state"

echo "postgres: $pass passed, $fail failed"
[ $fail = 0 ]
