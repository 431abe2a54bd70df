#!/usr/bin/env bash
# check-notify.sh: `detect --notify` against tests/servers/fake-receiver.py on loopback: a Slack
# webhook, a plain webhook, SNS (SigV4 checked) and SMTP that insists on STARTTLS all hear of every
# alert, medium and worse at once and low and info in one digest; a destination down for a while
# hears of every alert once it is back (the state keeps what waits); kill -9 during delivery loses
# nothing and tells again only a message whose answer it never heard; no webhook secret or password appears in anything detect says
# or keeps; a destination that is not a URL is refused.
# usage: tests/check-notify.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-notify.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib-loopback.sh" notify
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 3650 \
	-subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null

receiver() { # name extra-args...: a receiver, its HTTP port in $work/<name>.port
	local name=$1
	shift
	"$py" "$here/tests/servers/fake-receiver.py" --port-file "$work/$name.port" --log "$work/$name.log" \
		--keys "$work/keys.json" "$@" &
	pids+=($!)
	for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
	touch "$work/$name.log"
}
opts=(--format jsonl --aws-ranges tests/data/aws-ranges-test.json --now 2026-12-01T00:00:00Z)
detect() { # endpoint args...
	local ep=$1
	shift
	env -i PATH="$PATH" HOME="$work" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret \
		AWS_ENDPOINT_URL="$ep" AWS_REGION=eu-west-1 SSL_CERT_FILE="$work/cert.pem" \
		"$ys" detect "${opts[@]}" "$@"
}
count() { "$py" -c "import json,sys
n = [json.loads(l) for l in open(sys.argv[1])]
print(sum(1 for e in n if eval(sys.argv[2])))" "$@"; }

cd "$here"
"$py" tests/gen/make-trail.py --days 16 "$work/gen" >/dev/null
trail=$work/gen/AWSLogs
"$ys" detect "${opts[@]}" "$trail" 2>/dev/null >"$work/ref"
alerts=$(grep -c . "$work/ref")
low=$(count "$work/ref" 'e["severity"] in ("low", "info")')
urgent=$((alerts - low))
[ "$alerts" -gt 0 ] && [ "$low" -gt 0 ] && ok || no "the reference run: $alerts alerts, $low low"

# 1. every kind of destination, no state: each alert told once to each
receiver all --smtp-port-file "$work/all.smtp" --cert "$work/cert.pem" --key "$work/key.pem"
P=$(cat "$work/all.port")
S=$(cat "$work/all.smtp")
slack="slack:http://127.0.0.1:$P/services/T0000/B0000/XsecretXwebhookX"
detect "http://127.0.0.1:$P" --no-state "$trail" --notify "$slack" \
	--notify "webhook:http://127.0.0.1:$P/hook" --notify "sns:arn:aws:sns:eu-west-1:111122223333:alerts" \
	--notify "smtp://mailer:XpasswordX@127.0.0.1:$S/?from=yourside@example.com&to=ops@example.com" \
	>"$work/out1" 2>"$work/err1"
got_slack=$(count "$work/all.log" 'e["kind"] == "http" and e["path"].startswith("/services/")')
got_hook=$(count "$work/all.log" 'e["kind"] == "http" and e["path"] == "/hook"')
got_sns=$(count "$work/all.log" 'e["kind"] == "sns"')
got_smtp=$(count "$work/all.log" 'e["kind"] == "smtp" and e["tls"]')
[ "$got_slack" = $((urgent + 1)) ] && ok || no "slack: $got_slack messages, not $urgent alerts and one digest"
[ "$got_hook" = "$alerts" ] && ok || no "webhook: $got_hook requests for $alerts alerts"
[ "$got_sns" = $((urgent + 1)) ] && ok || no "sns: $got_sns messages, not $((urgent + 1))"
[ "$got_smtp" = $((urgent + 1)) ] && ok || no "smtp over STARTTLS: $got_smtp messages, not $((urgent + 1))"
[ "$(count "$work/all.log" 'e["kind"] == "http" and "First step" in e["body"] and "Who:" in e["body"]')" = "$got_slack" ] &&
	ok || no "a Slack message lacks who or the first step"
[ "$(count "$work/all.log" 'e["kind"] == "smtp" and ("LOW:" in e["subject"] or "INFO:" in e["subject"] or "low concern" in e["subject"])')" = 1 ] &&
	ok || { no "not one digest email for the low alerts:"; "$py" -c "import json
for l in open('$work/all.log'):
    e = json.loads(l)
    if e['kind'] == 'smtp': print(repr(e['subject']))" | head -3; }
hook_ids=$("$py" -c "import json
print(len({json.loads(l)['alert_id'] for l in open('$work/all.log') if json.loads(l).get('path') == '/hook'}))")
[ "$hook_ids" = "$alerts" ] && ok || no "webhook: $hook_ids different alerts of $alerts"

# 2. a destination down for its first 4 requests (each run tries it twice: after its batch and at
# the end): with state, what it refused waits and comes later, each alert once
receiver flaky --fail-first 4
F=$(cat "$work/flaky.port")
detect "http://127.0.0.1:$F" --state "$work/s.db" --output "$work/out2" "$trail" \
	--notify "webhook:http://127.0.0.1:$F/hook" 2>"$work/err2"
grep -q "webhook 127.0.0.1:$F did not take the alert: HTTP 500" "$work/err2" && ok ||
	no "a failing destination was not said: $(grep -v '^yourside: [0-9]' "$work/err2" | head -2)"
"$ys" detect --status --state "$work/s.db" >"$work/status" 2>&1
grep -q "alerts wait to be told to destination .*HTTP 500$" "$work/status" && ok ||
	no "--status does not say what waits: $(cat "$work/status")"
for i in 1 2 3 4 5 6 7 8; do
	[ "$(grep -c . "$work/flaky.log")" -ge "$alerts" ] && break
	detect "http://127.0.0.1:$F" --state "$work/s.db" --output "$work/out2" "$trail" \
		--notify "webhook:http://127.0.0.1:$F/hook" 2>>"$work/err2"
done
told=$(grep -c . "$work/flaky.log")
uniq=$("$py" -c "import json
print(len({json.loads(l)['alert_id'] for l in open('$work/flaky.log')}))")
[ "$told" = "$alerts" ] && [ "$uniq" = "$alerts" ] && ok ||
	no "after the destination came back: $told told ($uniq different) of $alerts"

# 3. kill -9 while telling a slow destination; started again until it is done: each alert told,
# again only when its request was cut short.
# A run is killed at a random moment within what a whole run takes (measured first, against a
# receiver of its own), so that fast and sanitizer builds alike die while telling
receiver slow --delay-ms 150
receiver probe --delay-ms 150
W=$(cat "$work/slow.port")
t0=$(date +%s%N)
env -i PATH="$PATH" HOME="$work" "$ys" detect "${opts[@]}" --state "$work/probe.db" --output /dev/null \
	"$trail" --notify "webhook:http://127.0.0.1:$(cat "$work/probe.port")/hook" 2>/dev/null
whole_ms=$((($(date +%s%N) - t0) / 1000000))
kills=0
while :; do
	(exec env -i PATH="$PATH" HOME="$work" "$ys" detect "${opts[@]}" --state "$work/k.db" \
		--output "$work/out3" "$trail" --notify "webhook:http://127.0.0.1:$W/hook" 2>>"$work/err3") &
	pid=$!
	ms=$((whole_ms / 4 + RANDOM % (whole_ms * 2 / 3 + 1)))
	sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
	if kill -9 $pid 2>/dev/null; then
		wait $pid 2>/dev/null
		kills=$((kills + 1))
		[ $kills -lt 60 ] || break
	else
		wait $pid
		break
	fi
done
told=$(grep -c . "$work/slow.log")
uniq=$("$py" -c "import json
print(len({json.loads(l)['alert_id'] for l in open('$work/slow.log')}))")
# every alert told; one told again only when a kill cut its request short (the receiver took it,
# detect never heard back), at most one a kill, under the same Idempotency-Key
[ "$uniq" = "$alerts" ] && [ "$told" -le $((alerts + kills)) ] && [ $kills -gt 0 ] && ok ||
	no "after $kills kills: $told told ($uniq different) of $alerts"

# 4. secrets stay secret
if grep -rqaE "XsecretXwebhookX|XpasswordX|$secret" "$work"/out* "$work"/err* "$work"/*.db* 2>/dev/null; then
	no "a webhook secret, a password or a key appears in what detect said or kept"
else ok; fi

# 5. not a destination
"$ys" detect --notify "https://exa mple.com/x" "$trail" >/dev/null 2>"$work/err5"
[ $? = 2 ] && grep -q "is not a URL" "$work/err5" && ok || no "a bad destination: $(cat "$work/err5")"
echo "notify: $pass passed, $fail failed"
[ $fail = 0 ]
