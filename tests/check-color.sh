#!/usr/bin/env bash
# check-color.sh: colour as a person sees it: on a terminal (tmux) each command tints its
# severities; with NO_COLOR, --color=never, TERM=dumb or through a pipe, none
# usage: tests/check-color.sh path/to/yourside
#
# Each command runs in a window of its own in a detached tmux server on a private socket;
# `tmux capture-pane -e` gives back the screen with its colours as escapes. Besides: through a
# file, the default and --color=never write the same bytes, and --color=always writes those
# bytes with tints added, nothing else.
set -u
ys=$(realpath "${1:?usage: check-color.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
command -v tmux >/dev/null || { echo "FAIL color: tmux is missing (apt-get install tmux)"; exit 1; }
work=$(mktemp -d)
sock=ys-color-$$
t() { tmux -L "$sock" -f /dev/null "$@"; }
# the server's socket goes too: kill-server leaves the file behind
trap 't kill-server 2>/dev/null; rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$sock"; rm -rf "$work"' EXIT
pass=0
fail=0
esc=$'\033'

# the inputs: make demo's, and a snapshot; every age measured from a fixed time
snap=$here/examples/snapshot-insecure
now=2026-11-21T00:00:00Z
"$here/examples/make-leaky-repo.sh" "$work/repo" >/dev/null
$py "$here/examples/make-attack-trail.py" "$work/trail" >/dev/null
"$ys" secrets --format jsonl "$work/repo" >"$work/leaks.jsonl" 2>/dev/null
(cd "$work" && $py "$here/tests/gen/trail-bucket.py" b --mutate digest-modified:2 >/dev/null)

# name|the arguments (run in $work)|a word it tints|that word's colour (SGR code)
commands=(
	"audit|audit --now $now $snap|high|31"
	"report|report --now $now --snapshot $snap|critical|31"
	"secrets|secrets repo|critical|31"
	"detect|detect trail|medium|33"
	"incident|incident --secrets leaks.jsonl --snapshot $snap --now $now|high|31"
	"vendors|vendors --now $now $snap|critical|31"
	"map|map --now $now $snap|MISSING|31"
	"verify-trail|verify-trail --keys b/keys.json b|modified|31"
	"iam-can|iam can $snap alice s3:DeleteBucket arn:aws:s3:::acme-website|allow|32"
)

t new-session -d -x 200 -y 50 -s color 'sleep 100000'
t set-option -g remain-on-exit on
t set-option -g history-limit 100000

# on_tty NAME COMMAND: runs the shell command in a window of its own (a terminal whose TERM is
# tmux's, NO_COLOR unset unless the command sets it), waits for it to end, and writes what the
# screen shows, escapes and scrollback included, to $work/NAME.screen
on_tty() {
	local name=$1 i
	printf 'cd %q || exit 99\nunset NO_COLOR\nys=%q\n%s\n' "$work" "$ys" "$2" >"$work/$name.sh"
	t new-window -d -t color -n "$name" "bash $work/$name.sh"
	for i in $(seq 1 600); do
		[ "$(t display -p -t "color:$name" '#{pane_dead}')" = 1 ] && break
		sleep 0.1
	done
	t capture-pane -p -e -J -S - -t "color:$name" >"$work/$name.screen"
	t kill-window -t "color:$name"
}

# tinted NAME WORD CODE: WORD is on the screen in colour CODE (tmux writes bold red as ESC[1m ESC[31m)
tinted() {
	if grep -qP "\e\[$3m(\e\[[0-9;]*m)*$2" "$work/$1.screen"; then
		pass=$((pass + 1))
	else
		echo "FAIL color: $1: '$2' is not in colour $3 on the terminal:"
		head -5 "$work/$1.screen" | cat -v
		fail=$((fail + 1))
	fi
}

# plain NAME WORD: WORD is on the screen, and no escape at all
plain() {
	if grep -q "$2" "$work/$1.screen" && ! grep -q "$esc" "$work/$1.screen"; then
		pass=$((pass + 1))
	else
		echo "FAIL color: $1: expected '$2' without colour on the terminal:"
		grep -m3 "$esc\|$2" "$work/$1.screen" | cat -v
		[ -s "$work/$1.screen" ] || echo "(an empty screen)"
		fail=$((fail + 1))
	fi
}

for c in "${commands[@]}"; do
	IFS='|' read -r name args word code <<<"$c"
	on_tty "$name" "\"\$ys\" $args"
	tinted "$name" "$word" "$code"
	on_tty "$name-no-color-env" "NO_COLOR=1 \"\$ys\" $args"
	plain "$name-no-color-env" "$word"
	on_tty "$name-never" "\"\$ys\" $args --color=never"
	plain "$name-never" "$word"
	on_tty "$name-dumb" "TERM=dumb \"\$ys\" $args"
	plain "$name-dumb" "$word"
	on_tty "$name-pipe" "\"\$ys\" $args | cat"
	plain "$name-pipe" "$word"
	on_tty "$name-pipe-always" "\"\$ys\" --color=always $args | cat"
	tinted "$name-pipe-always" "$word" "$code"

	# through a file: the default is --color=never byte for byte; --color=always only adds tints
	(cd "$work" && eval "\"\$ys\" $args" >"$work/$name.default" 2>/dev/null)
	(cd "$work" && eval "\"\$ys\" --color=never $args" >"$work/$name.never" 2>/dev/null)
	(cd "$work" && eval "\"\$ys\" $args --color=always" >"$work/$name.always" 2>/dev/null)
	if ! grep -q "$word" "$work/$name.default" || grep -q "$esc" "$work/$name.default" ||
		! cmp -s "$work/$name.default" "$work/$name.never"; then
		echo "FAIL color: $name: to a file, the default and --color=never differ or hold escapes"
		fail=$((fail + 1))
	elif ! grep -q "$esc" "$work/$name.always" ||
		! sed 's/\x1b\[[0-9;]*m//g' "$work/$name.always" | cmp -s - "$work/$name.default"; then
		echo "FAIL color: $name: --color=always to a file is not the default with tints added"
		diff <(sed 's/\x1b\[[0-9;]*m//g' "$work/$name.always") "$work/$name.default" | head -5
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done

# NO_COLOR set but empty counts as unset; --no-color and --color=never go before the command too;
# --color=always wins over NO_COLOR, and the last of several options wins
on_tty empty-no-color "NO_COLOR= \"\$ys\" vendors --now $now $snap"
tinted empty-no-color critical 31
on_tty before-never "\"\$ys\" --color=never vendors --now $now $snap"
plain before-never critical
on_tty no-color "\"\$ys\" --no-color vendors --now $now $snap"
plain no-color critical
on_tty always-over-env "NO_COLOR=1 \"\$ys\" vendors --color=always --now $now $snap"
tinted always-over-env critical 31
on_tty last-wins "\"\$ys\" --color=never vendors --color --now $now $snap | cat"
tinted last-wins critical 31

# a credential is never inside a tint: the masked secret's lines carry no escape
if grep "secret:" "$work/secrets.screen" | grep -q "$esc"; then
	echo "FAIL color: secrets: a tint on a 'secret:' line"
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi

# a word --color does not know is a usage error, said plainly
err=$("$ys" --color=sometimes vendors "$snap" 2>&1 >/dev/null)
rc=$?
if [ $rc = 2 ] && [ "$err" = "yourside: --color takes auto, always or never, not 'sometimes'" ]; then
	pass=$((pass + 1))
else
	echo "FAIL color: --color=sometimes: exit $rc, '$err'"
	fail=$((fail + 1))
fi

echo "color: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
