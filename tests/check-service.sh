#!/usr/bin/env bash
# check-service.sh: `detect` as examples/yourside-detect.service runs it: every setting from
# --config (the command line adding to it), a bad setting named by file and line, a settings file
# with secrets that others can read warned about; SIGHUP reloads the rules (a new rule raises
# alerts on files read after it, a broken one is said and the rules in use stay); a status line
# on a terminal; SIGTERM stops cleanly; the example settings parse and the example unit verifies
# (where systemd-analyze is installed).
# usage: tests/check-service.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-service.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL service: $*"; }
cd "$here"
record() { # file event-id: one sts:GetCallerIdentity record, written whole
	printf '{"Records":[{"eventVersion":"1.08","eventTime":"2026-10-01T10:00:0%sZ","eventSource":"sts.amazonaws.com","eventName":"GetCallerIdentity","awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15.0","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/ci","accountId":"111122223333","accessKeyId":"AKIAEXAMPLEKEY000001"},"eventID":"%s","recipientAccountId":"111122223333"}]}' \
		"${2: -1}" "$2" >"$1.part" && mv "$1.part" "$1"
}
waitfor() { # file pattern: up to 10 s
	for _ in $(seq 100); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
	return 1
}

mkdir -p "$work/trail" "$work/rules"
cat >"$work/detect.conf" <<C
# as a service keeps it
follow $work/trail
state = $work/s.db   # a comment after a value
format jsonl
output $work/out
rules $work/rules
aws-ranges tests/data/aws-ranges-test.json
now 2026-12-01T00:00:00Z
C
chmod 600 "$work/detect.conf"

# 1. the settings start the watch; a new rule and SIGHUP: files read after it meet it
"$ys" detect --config "$work/detect.conf" --no-sigmahq 2>"$work/err" &
pid=$!
record "$work/trail/a.json" before-1
sleep 1.5
cat >"$work/rules/whoami.yml" <<'R'
title: Who Am I Asked By A Test
id: 6b1c7e0a-1111-4000-8000-000000000001
level: high
logsource: {product: aws, service: cloudtrail}
detection:
    s:
        eventName: GetCallerIdentity
    condition: s
R
kill -HUP $pid
waitfor "$work/err" "reloaded: " && ok || no "SIGHUP: nothing said reloaded: $(tail -2 "$work/err")"
record "$work/trail/b.json" after-2
waitfor "$work/out" '"title":"Who Am I Asked By A Test".*"after-2"' && ok ||
	no "a rule added before SIGHUP raised nothing on a file read after it: $(cut -c1-200 "$work/out")"
grep -q '"before-1"' "$work/out" && no "the new rule ran on a file read before it" || ok
# a broken rule: said, and the rules in use stay
printf 'title: broken\ndetection:\n    s:\n        eventName|nope: x\n    condition: s\n' >"$work/rules/broken.yml"
kill -HUP $pid
waitfor "$work/err" "rule broken" && ok || no "a broken rule on reload was not said: $(tail -2 "$work/err")"
record "$work/trail/c.json" after-3
waitfor "$work/out" '"after-3"' && ok || no "after a reload with a broken rule, the good one stopped"
kill -TERM $pid
wait $pid
rc=$?
pid=
[ $rc = 0 ] && grep -q "3 files" "$work/err" && ok || no "SIGTERM (exit $rc): $(tail -1 "$work/err")"

# 2. bad settings are named by file and line; a readable file with secrets is warned about
printf 'format jsonl\nfollw /tmp\n' >"$work/bad.conf"
"$ys" detect --config "$work/bad.conf" x 2>"$work/berr" >/dev/null
[ $? = 2 ] && grep -q "bad.conf:2: 'follw' is not a setting" "$work/berr" && ok || no "a bad setting: $(cat "$work/berr")"
printf 'no-state\nnotify webhook:http://127.0.0.1:9/XsecretX\ndigest 0\n' >"$work/open.conf"
chmod 644 "$work/open.conf"
"$ys" detect --config "$work/open.conf" --aws-ranges tests/data/aws-ranges-test.json "$work/trail" 2>"$work/oerr" >/dev/null
grep -q "others can read it: chmod 600 it" "$work/oerr" && ok || no "a readable settings file with secrets: $(head -2 "$work/oerr")"
grep -q XsecretX "$work/oerr" "$work/err" && no "a webhook secret was said" || ok

# 3. on a terminal, a status line says where the watch is
if command -v script >/dev/null; then
	record "$work/trail/d.json" after-4
	script -qfec "'$ys' detect --config '$work/detect.conf' --no-sigmahq --interval 1s" "$work/tty" >/dev/null 2>&1 &
	pid=$!
	waitfor "$work/tty" "watching $work/trail: 1 files read, 1 alerts" && ok || no "no status line: $(tr '\r' '\n' <"$work/tty" | tail -3)"
	kill -TERM $pid 2>/dev/null; pkill -TERM -f "detect --config $work/detect.conf" 2>/dev/null
	wait $pid 2>/dev/null
	pid=
else no "script (bsdutils) is not installed: the status line is not checked"; fi

# 4. the examples: the settings parse, the unit verifies
"$ys" detect --config examples/yourside-detect.conf --list-rules >/dev/null 2>"$work/eerr" && ok ||
	no "examples/yourside-detect.conf: $(cat "$work/eerr")"
if command -v systemd-analyze >/dev/null && systemd-analyze --version >/dev/null 2>&1; then
	sed "s|/usr/local/bin/yourside|$ys|" examples/yourside-detect.service >"$work/yourside-detect.service"
	systemd-analyze verify "$work/yourside-detect.service" >"$work/verr" 2>&1 &&
		! grep -qi "unknown\|invalid\|fail" "$work/verr" && ok || no "systemd-analyze verify: $(head -3 "$work/verr")"
else
	echo "service: systemd-analyze is not installed here: the unit's syntax is not verified"
fi
echo "service: $pass passed, $fail failed"
[ $fail = 0 ]
