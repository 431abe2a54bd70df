#!/usr/bin/env bash
# run-cases.sh: runs every data-driven case folder tests/cases/<command>/<case>/
#
# A case folder holds:
#   cmd              the arguments after `yourside` (one line, shell words)
#   input/           copied to a fresh directory, where the command runs
#   setup.sh         optional: run there first (builds git repositories, starts servers, ...);
#                    it may write case.env, variables for the command
#   teardown.sh      optional: run there last (stops servers)
#   expected/exit    the exit code
#   expected/stdout  optional: stdout, exactly
#   expected/stderr  optional: lines that must each appear in stderr
#   expected/stdout-has  optional: lines that must each appear in stdout
#   expected/stdout-lacks  optional: lines that must not appear in stdout
#   expected/stderr-lacks  optional: lines that must not appear in stderr
# BLESS=1 writes each case's actual stdout over its expected/stdout (read the diff after!).
# With PG_BASE set (tests/check-postgres.sh), only the cases that keep a state (--state NAME.db)
# run, each NAME.db a new database on that PostgreSQL server (for cmd and setup.sh alike), its
# URL read back as NAME.db; a case whose state is a SQLite file it ships or edits is left out.
set -u
ys=$(realpath "${1:?usage: run-cases.sh path/to/yourside [case-dir...]}")
shift
here=$(cd "$(dirname "$0")" && pwd)
# public data no one here wrote (../shared/data), for setup scripts to copy from
export YS_SHARED_DATA="$here/../../shared/data"
cases=()
for c in "$@"; do cases+=("$(realpath "$c")"); done
[ ${#cases[@]} -gt 0 ] || mapfile -t cases < <(find "$here/cases" -mindepth 2 -maxdepth 2 -type d | sort)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0
fail=0
ndb=0
real=$ys
if [ -n "${PG_BASE:-}" ]; then
	. "$here/servers/postgres.sh"
	# yourside with each --state NAME.db of $YS_PG_MAP ("NAME.db=URL ...") on the server; beside
	# the binary, as setup scripts find the examples from where yourside is
	ys="$(dirname "$real")/.yourside-pg.$$"
	trap 'rm -rf "$out" "$ys"' EXIT
	cat >"$ys" <<WRAP
#!/usr/bin/env bash
args=() prev=
for a in "\$@"; do
	if [ "\$prev" = --state ]; then
		for m in \$YS_PG_MAP; do [ "\$a" != "\${m%%=*}" ] || a=\${m#*=}; done
	fi
	args+=("\$a")
	prev=\$a
done
exec "$real" "\${args[@]}"
WRAP
	chmod +x "$ys"
fi
for c in "${cases[@]}"; do
	name=${c#"$here/cases/"}
	urls=()
	if [ -n "${PG_BASE:-}" ]; then
		dbs=$(grep -o -- '--state [A-Za-z0-9_.-]*\.db' "$c/cmd" | awk '{print $2}' | sort -u)
		skip=1
		for db in $dbs; do
			skip=0
			# a SQLite file the case ships, or one its setup writes or edits itself
			if [ -e "$c/input/$db" ] || grep -qs -e sqlite -e "> *$db" -e "echo.*$db" "$c/setup.sh"; then
				skip=1
				break
			fi
		done
		[ $skip = 0 ] || continue
		YS_PG_MAP=
		for db in $dbs; do
			ndb=$((ndb + 1))
			u=$(pg_new "case${ndb}_${db%.db}")
			urls+=("$u=$db")
			YS_PG_MAP="$YS_PG_MAP $db=$u"
		done
		export YS_PG_MAP
	fi
	work="$out/$(echo "$name" | tr / _)"
	mkdir -p "$work/run"
	[ -d "$c/input" ] && cp -R "$c/input/." "$work/run/"
	ok=1
	why=""
	if [ -f "$c/setup.sh" ] && ! (cd "$work/run" && YS="$ys" bash "$c/setup.sh" >"$work/setup.log" 2>&1); then
		ok=0
		why="setup.sh failed: $(tail -3 "$work/setup.log")"
	fi
	if [ $ok = 1 ]; then
		args=$(cat "$c/cmd")
		(cd "$work/run" && { [ ! -f case.env ] || { set -a && . ./case.env && set +a; }; } &&
			eval "\"$ys\" $args" >"$work/stdout" 2>"$work/stderr" </dev/null)
		code=$?
		for u in "${urls[@]}"; do sed -i "s#${u%=*}#${u#*=}#g" "$work/stdout" "$work/stderr"; done
		[ "${BLESS:-0}" = 1 ] && [ -f "$c/expected/stdout" ] && cp "$work/stdout" "$c/expected/stdout"
		want=$(cat "$c/expected/exit" 2>/dev/null || echo 0)
		if [ "$code" != "$want" ]; then
			ok=0
			why="exit $code, expected $want; stderr: $(head -5 "$work/stderr")"
		elif [ -f "$c/expected/stdout" ] && ! diff -u "$c/expected/stdout" "$work/stdout" >"$work/diff"; then
			ok=0
			why="stdout differs:
$(head -40 "$work/diff")"
		fi
		for kind in stderr stderr-lacks stdout-has stdout-lacks; do
			[ $ok = 1 ] && [ -f "$c/expected/$kind" ] || continue
			src="$work/stdout"
			[ "${kind#stderr}" = "$kind" ] || src="$work/stderr"
			while IFS= read -r line; do
				[ -n "$line" ] || continue
				if [ "${kind%-lacks}" != "$kind" ]; then
					grep -qF -- "$line" "$src" && { ok=0; why="${kind%-lacks} has '$line'"; break; }
				else
					grep -qF -- "$line" "$src" || { ok=0; why="$kind lacks '$line'"; break; }
				fi
			done <"$c/expected/$kind"
		done
	fi
	[ -f "$c/teardown.sh" ] && (cd "$work/run" && YS="$ys" bash "$c/teardown.sh" >/dev/null 2>&1)
	if [ $ok = 1 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $name: $why"
	fi
done
echo "cases: $pass passed, $fail failed"
[ $fail = 0 ]
