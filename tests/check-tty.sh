#!/usr/bin/env bash
# check-tty.sh: the progress line as a person sees it. Each long command runs in a real terminal
# (a detached tmux session, 160x40, its stdout to a file and its stderr the terminal); the screen
# is read ten times a second while it runs (tmux capture-pane) and must show the command's line
# (what it does, how far, how fast, how long is left), then, once it ends, the clean summary with
# no trace of the line. The same command with stderr to a file must write no progress at all (no
# carriage return, no escape), and the same stdout. Inputs are small and made here; each unit of
# work is slowed by YS_TEST_PROGRESS_DELAY_MS (src/progress.h: for tests only, and only where a
# line is drawn) so that the line stays long enough to be seen. The harness is first shown three
# commands that must fail it: one that never draws, one that leaves its line, one that returns
# over it without wiping it.
# usage: tests/check-tty.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-tty.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
command -v tmux >/dev/null || { echo "FAIL tty: needs tmux (apt-get install tmux)"; exit 1; }
work=$(mktemp -d)
sock="ys-tty-$$"
T() { tmux -L "$sock" -f /dev/null "$@"; }
pids=()
trap 'T kill-server 2>/dev/null; kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT
fail=0 pass=0
NOW=2026-01-01T00:00:00Z

# shown NAME DELAY LINE SUMMARY COMMAND...: runs COMMAND (YS_TEST_PROGRESS_DELAY_MS=DELAY) on a
# terminal; 0 when a screen line matched the extended regex LINE while it ran, and once it ended
# the screen has a line matching SUMMARY (anchored: nothing left over beside it) and none
# matching LINE; else 1, with why in $why. The line last seen is in $seen, the screen in $screen.
shown() {
	local name=$1 delay=$2 line=$3 summary=$4 i ended=0
	shift 4
	seen="" why=""
	{
		echo "cd '$work' || exit 1"
		printf 'YS_TEST_PROGRESS_DELAY_MS=%s ' "$delay"
		printf '%q ' "$@"
		echo ">'$work/$name.tty.out'"
		echo 'echo "[exit $?]"'
		echo 'exec sleep 600'
	} >"$work/$name.sh"
	T new-session -d -s "$name" -x 160 -y 40 "sh '$work/$name.sh'" || { why="tmux cannot start"; return 1; }
	for i in $(seq 600); do
		screen=$(T capture-pane -p -t "$name")
		if grep -Eq "$line" <<<"$screen"; then seen=$(grep -E "$line" <<<"$screen" | tail -1); fi
		if grep -q '^\[exit [0-9]*\]$' <<<"$screen"; then ended=1; break; fi
		sleep 0.1
	done
	screen=$(T capture-pane -p -t "$name")
	T kill-session -t "$name"
	if [ $ended = 0 ]; then why="did not end within a minute"; return 1; fi
	if [ -z "$seen" ]; then why="no progress line was ever drawn"; return 1; fi
	if grep -Eq "$line" <<<"$screen"; then why="the progress line is left on the screen after the end"; return 1; fi
	if ! grep -Eq "$summary" <<<"$screen"; then why="the summary is not on a line of its own"; return 1; fi
	return 0
}

# piped NAME COMMAND...: the same command, stderr and stdout to files: no progress byte in either,
# and the same stdout as on the terminal
piped() {
	local name=$1
	shift
	(cd "$work" && YS_TEST_PROGRESS_DELAY_MS=1000 "$@" >"$work/$name.pipe.out" 2>"$work/$name.pipe.err")
	if LC_ALL=C grep -q $'[\r\033]' "$work/$name.pipe.err" "$work/$name.pipe.out"; then
		why="progress bytes (a carriage return or an escape) in a file"; return 1
	fi
	if ! cmp -s "$work/$name.tty.out" "$work/$name.pipe.out"; then
		why="stdout differs between the terminal and the pipe"; return 1
	fi
	return 0
}

check() { # NAME DELAY LINE SUMMARY COMMAND...
	local name=$1
	if shown "$@"; then
		shift 4
		if piped "$name" "$@"; then
			echo "ok tty/$name: $seen"
			pass=$((pass + 1))
			return
		fi
	fi
	echo "FAIL tty/$name: $why"
	[ -z "${screen:-}" ] || sed 's/^/    | /' <<<"$screen" | grep -v '^    | $' | tail -8
	fail=$((fail + 1))
}

must_fail() { # NAME WHAT LINE SUMMARY COMMAND...: the harness must catch it
	local name=$1 what=$2
	shift 2
	if shown "$name" 0 "$@"; then
		echo "FAIL tty/harness-$name: a command that $what passed"
		fail=$((fail + 1))
	else
		echo "ok tty/harness-$name: caught ($why)"
		pass=$((pass + 1))
	fi
}

line='^checking: [0-9]+ of [0-9]+ checks'
must_fail never-drawn "never draws a line" "$line" '^yourside: done$' \
	sh -c 'sleep 1; echo "yourside: done" >&2'
must_fail never-wiped "leaves its line" "$line" '^yourside: done$' \
	sh -c 'printf "checking: 1 of 2 checks (50%%)" >&2; sleep 1; printf "\nyourside: done\n" >&2'
must_fail not-cleared "returns over its line without wiping it" "$line" '^yourside: done$' \
	sh -c 'printf "checking: 1 of 2 checks (50%%), 3.0 checks/s, 1 s left" >&2; sleep 1; printf "\ryourside: done\n" >&2'

more_commits() { # forty more commits of notes on top of the leaky history (one git process)
	local i
	for i in $(seq 40); do
		echo "commit refs/heads/main"
		echo "committer Demo Dev <dev@example.com> $((1711962000 + i)) +0000"
		printf 'data <<EOM\nnote %s\nEOM\n' "$i"
		[ "$i" != 1 ] || echo "from refs/heads/main^0"
		printf 'M 644 inline NOTES.md\ndata <<EOM\n%s\nEOM\n\n' "$(seq "$i" | sed 's/^/note /')"
	done | git -C "$1" fast-import --quiet
}

# the inputs: a day of a small team's trail, a repository whose history leaked keys, an
# organization of five accounts, a day of a trail's bucket with its signed digests
python3 "$here/tests/gen/make-trail.py" "$work/trail" --days 1 --per-day 200 >/dev/null 2>&1 &&
	"$here/examples/make-leaky-repo.sh" "$work/repo" >/dev/null 2>&1 && more_commits "$work/repo" &&
	(cd "$work" && python3 "$here/tests/gen/org-data.py" org --scp partial >/dev/null 2>&1) &&
	python3 "$here/tests/gen/trail-bucket.py" "$work/bucket" --hours 24 --logs 2 >/dev/null 2>&1 ||
	{ echo "FAIL tty: the inputs could not be made"; exit 1; }

left='[0-9.]+ [a-zA-Z /]+/s, [0-9]+ (s|min [0-9]+ s) left$'
check secrets-history 50 "^scanning history: [0-9]+ of 43 commits \([0-9]+%\), [0-9]+ blobs, [0-9.]+ [kM]?B(ytes)?, $left" \
	'^yourside: scanned 0 files, [0-9]+ blobs in 43 commits, [0-9.]+ MB; 3 findings$' \
	"$ys" secrets "$work/repo"
check secrets-files 15 '^scanning files: [0-9,]+ files, [0-9.]+ [kM]B, [0-9.]+ [kM]B/s$' \
	'^yourside: scanned [0-9]+ files, 0 blobs in 0 commits, [0-9.]+ MB; 0 findings, [0-9]+ binary skipped$' \
	"$ys" secrets "$work/trail/AWSLogs"
check detect 11 "^reading the trail: [0-9,]+ of [0-9,]+ files \([0-9]+%\), [0-9]+ kB, $left" \
	'^yourside: [0-9]+ rules, [0-9]+ correlations; [0-9]+ files, [0-9]+ records, [0-9.]+ MB; [0-9]+ alerts; 0 problems$' \
	"$ys" detect --no-state "$work/trail/AWSLogs"
check audit 10 "^checking: [0-9]+ of [0-9]+ checks \([0-9]+%\), $left" \
	"^yourside: [0-9]+ checks; [0-9]+ fail, [0-9]+ error, [0-9]+ skip, [0-9]+ pass; ages measured from $NOW, as given by --now$" \
	"$ys" audit --now "$NOW" "$here/examples/snapshot-insecure"
check audit-organization 450 "^auditing the organization: [0-9] of 5 accounts \([0-9]+%\), $left" \
	'^yourside: 5 accounts: 4 audited, 1 not audited; [0-9]+ checks; [0-9]+ fail, [0-9]+ error, [0-9]+ skip, [0-9]+ pass$' \
	"$ys" audit --now "$NOW" org
check map 10 "^checking: [0-9]+ of [0-9]+ checks \([0-9]+%\), $left" '^\[exit [01]\]$' \
	"$ys" map --now "$NOW" "$here/examples/snapshot-insecure"
"$ys" secrets --format jsonl "$work/repo" >"$work/findings.jsonl" 2>/dev/null
check incident 11 "^reading the trail: [0-9,]+ of [0-9,]+ files \([0-9]+%\), $left" '^\[exit [01]\]$' \
	"$ys" incident --secrets findings.jsonl --trail "$work/trail/AWSLogs" --now "$NOW"
check verify-trail 100 "^verifying digests: [0-9]+ of 24 digests \([0-9]+%\), [0-9]+ log files, $left" '^\[exit 0\]$' \
	"$ys" verify-trail --keys "$work/bucket/keys.json" "$work/bucket"

# collect from a fake AWS (tests/servers/fake-aws.py) that answers each request 8 ms late and
# a page at a time: the engine's counts through the same line
echo '{"AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}' >"$work/keys.json"
/usr/bin/python3 "$here/tests/servers/fake-aws.py" --snapshot "$here/examples/snapshot-insecure" \
	--keys "$work/keys.json" --port-file "$work/aws.port" --page 1 --latency 8 >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/aws.port" ] && break; sleep 0.1; done
check collect 0 "^collecting: [0-9,]+ of [0-9,]+ calls \([0-9]+%\), [0-9]+ refused, [0-9]+ kB, $left" \
	'^yourside: wrote snap: [0-9]+ calls answered \([0-9]+ pages\), [0-9]+ refused, .*, [0-9.]+ MB$' \
	env -i HOME="$work" PATH=/usr/bin:/bin AWS_EC2_METADATA_DISABLED=true AWS_ACCESS_KEY_ID=AKIDEXAMPLE \
	AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY \
	"$ys" collect --out snap --endpoint-url "http://127.0.0.1:$(cat "$work/aws.port")" --jobs 1

echo "tty: $pass passed, $fail failed"
[ $fail = 0 ]
