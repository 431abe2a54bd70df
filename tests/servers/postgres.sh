# postgres.sh: a real PostgreSQL server for the tests, started in a temporary directory on a
# loopback port (as the postgres user when the tests run as root) and stopped at the end.
# Source it, then: pg_start (sets PG_BASE, postgresql://yourside@127.0.0.1:PORT), pg_new NAME
# (a new database; prints its URL), pg_stop (also from an EXIT trap).
pg_start() {
	PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
		echo "postgresql is missing (apt-get install postgresql)"
		return 1
	fi
	PG_DIR=$(mktemp -d /tmp/ys-pg.XXXXXX)
	PG_AS=()
	if [ "$(id -u)" = 0 ]; then
		chown postgres "$PG_DIR"
		PG_AS=(runuser -u postgres --)
	fi
	PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	if ! "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U yourside --auth=trust -E UTF8 \
		--no-sync >"$PG_DIR/initdb.log" 2>&1; then
		cat "$PG_DIR/initdb.log"
		return 1
	fi
	if ! "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
		-o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null; then
		cat "$PG_DIR/server.log"
		return 1
	fi
	PG_BASE="postgresql://yourside@127.0.0.1:$PG_PORT"
}

pg_new() {
	"$PG_BIN/psql" -q -X -h 127.0.0.1 -p "$PG_PORT" -U yourside -d postgres \
		-c "CREATE DATABASE $1" >/dev/null && echo "$PG_BASE/$1"
}

pg_sql() { # pg_sql DB "SQL": one value or rows, unaligned
	"$PG_BIN/psql" -q -X -A -t -h 127.0.0.1 -p "$PG_PORT" -U yourside -d "$1" -c "$2"
}

pg_stop() {
	[ -n "${PG_DIR:-}" ] || return 0
	"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$PG_DIR"
	PG_DIR=
}
