#!/usr/bin/env bash
# check-sqs.sh: `detect --sqs` against tests/servers/fake-sqs.py and fake-s3-bucket.py on loopback
# (both check every request's SigV4 signature): the files that S3's notices, CloudTrail's notices
# through SNS and EventBridge's name are each read and raise exactly the alerts of one run over a
# local copy, across kill -9 at random moments while messages are read (the queue hands out again
# what a killed reader held); a message is deleted only after its files' alerts are committed; a
# message that is no notice, one naming a deleted object and a broken object are each said and
# the watch goes on; a message handed out twice raises nothing twice; the real AWS CLI's message
# is read like S3's; a refused receive names the permission; no credential appears anywhere.
# usage: tests/check-sqs.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-sqs.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib-loopback.sh" sqs

started() { # name: waits for its port file
	for _ in $(seq 100); do [ -s "$work/$1.port" ] && break; sleep 0.1; done
}
serve_s3() { # name root extra-args...
	local name=$1 root=$2
	shift 2
	"$py" "$here/tests/servers/fake-s3-bucket.py" --root "$root" --bucket acme-trail \
		--keys "$work/keys.json" --port-file "$work/$name.port" --log "$work/$name.log" \
		--seconds 900 "$@" &
	pids+=($!)
	started "$name"
}
serve_sqs() { # name extra-args...: its messages from $work/<name>.inbox
	local name=$1
	shift
	mkdir -p "$work/$name.inbox"
	"$py" "$here/tests/servers/fake-sqs.py" --inbox "$work/$name.inbox" --keys "$work/keys.json" \
		--port-file "$work/$name.port" --log "$work/$name.log" --seconds 900 "$@" &
	pids+=($!)
	started "$name"
}
queue() { # name: what the queue holds (python, not curl: a fresh Debian has no curl)
	"$py" -c 'import sys, urllib.request
print(urllib.request.urlopen(sys.argv[1]).read().decode())' "http://127.0.0.1:$(cat "$work/$1.port")/_queue"
}
url() { echo "http://127.0.0.1:$(cat "$work/$1.port")/111122223333/trail"; }
opts=(--format jsonl --aws-ranges tests/data/aws-ranges-test.json --now 2026-12-01T00:00:00Z)
become_detect() { # s3-name args...: this (sub)shell becomes detect, as a service runs it
	local s3=$1
	shift
	exec env -i PATH="$PATH" HOME="$work" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret \
		AWS_ENDPOINT_URL_S3="http://127.0.0.1:$(cat "$work/$s3.port")" AWS_REGION=eu-west-1 \
		"$ys" detect "${opts[@]}" "$@"
}
detect() { (become_detect "$@"); }
notices() { "$py" "$here/tests/gen/notices.py" --bucket acme-trail "$@"; }
# an alert by its rule, its start and its first event: a queue hands files out of order, and a
# file a killed reader held comes back after later ones, so a correlation may close before its
# last event is read (in hours of the test's trail that pass in seconds); what must hold is that
# every alert is raised, once
alerts() { "$py" -c 'import json, sys
for l in open(sys.argv[1]):
    a = json.loads(l)
    print(a["rule"], a["time"], a["event_ids"][0])' "$1" | sort; }
ids_once() { [ "$(grep -o '^{"id":"[0-9a-f]*"' "$1" | sort | uniq -d | wc -l)" = 0 ]; }
drained() { # name: no message waits or is held
	queue "$1" | grep -q '"visible": 0, "inflight": 0'
}

cd "$here"
"$py" tests/gen/make-trail.py --days 3 --per-day 200 "$work/gen" >/dev/null
"$ys" detect "${opts[@]}" "$work/gen/AWSLogs" 2>/dev/null >"$work/ref"
[ -s "$work/ref" ] && ok || no "the reference run raised nothing"
# the bucket holds the trail; one file under a name S3's notices must encode (a space, a plus)
cp -r "$work/gen" "$work/bucket" && rm -f "$work/bucket/expected.jsonl"
(cd "$work/bucket" && find AWSLogs -type f | awk -F_ '{ print $(NF - 1), $0 }' | sort | cut -d' ' -f2) >"$work/keys"
odd=$(sed -n 5p "$work/keys")
mv "$work/bucket/$odd" "$work/bucket/${odd%.json.gz} copy+1.json.gz"
sed -i "5s|.*|${odd%.json.gz} copy+1.json.gz|" "$work/keys"
n=$(wc -l <"$work/keys")
serve_s3 s3 "$work/bucket" --delay-ms 20
serve_sqs q --max-visibility 2

# 1. what waits is read (--once): a third of the files, and messages that are no notice
head -n $((n / 3)) "$work/keys" | notices --inbox "$work/q.inbox"
echo 'hello, not json' >"$work/q.inbox/a-not-json"
zcat "$(find "$work/gen/AWSLogs" -name '*.json.gz' | head -1)" >"$work/q.inbox/b-a-trail-file"
echo '{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"acme-trail"}' >"$work/q.inbox/c-test"
echo 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/gone.json.gz' | notices --inbox "$work/q.inbox" --start 900000
bad=AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T0000Z_broken00.json.gz
printf '\037\213not gzip at all' >"$work/bucket/$bad"
echo "$bad" | notices --inbox "$work/q.inbox" --start 900001
detect s3 --sqs "$(url q)" --once --state "$work/s.db" --output "$work/out" 2>"$work/err1"
rc=$?
drained q && [ $rc = 0 ] && ok || no "--once (exit $rc) left messages: $(queue q); $(tail -2 "$work/err1")"
grep -q "message .* is not JSON (byte 0" "$work/err1" &&
	grep -q "message .* is record 1 is not an S3 event\|message .* is not a notice\|is record 1 is not an S3 event (eventSource [a-z]*\.amazonaws\.com)" "$work/err1" &&
	grep -q "names s3://acme-trail/AWSLogs/.*/gone.json.gz, which is gone" "$work/err1" &&
	grep -q "s3://acme-trail/$bad" "$work/err1" && ok || no "what --once said: $(cat "$work/err1" | cut -c1-200)"
grep -q "test" "$work/err1" && no "S3's test event was said to be a problem" || ok
grep -q "GET /acme-trail/AWSLogs/.*copy%2B1.json.gz 200\|GET /acme-trail/AWSLogs/.*copy+1.json.gz 200\|GET /acme-trail/AWSLogs/.*copy%201.json.gz 200" "$work/s3.log" ||
	grep -q "copy" <(head -n $((n / 3)) "$work/keys") || ok
[ "$(grep -c "GET /acme-trail/AWSLogs/.*copy%2B1" "$work/s3.log")" = 1 ] && ok ||
	no "a key S3 encodes in its notice was not fetched by its real name: $(grep copy "$work/s3.log")"

# 2. a watch while the rest arrives, killed at random moments; the queue hands out again what a
# killed reader held; at the end every alert is there once
tail -n +$((n / 3 + 1)) "$work/keys" >"$work/rest"
split -n l/3 "$work/rest" "$work/part."
start=1000
kills=0
for part in "$work"/part.*; do
	# what a killed reader held comes back after the visibility timeout (here 2 s; 5 minutes
	# against AWS, inside detect's 15-minute reorder window): the trail's newer files arrive
	# after that, as they would in event time, not seconds of a compressed test after it
	for _ in $(seq 30); do queue q | grep -q '"inflight": 0' && break; sleep 0.2; done
	notices --inbox "$work/q.inbox" --start $start <"$part"
	start=$((start + 1000))
	(become_detect s3 --sqs "$(url q)" --interval 1s --state "$work/s.db" --output "$work/out" 2>>"$work/err2") &
	pid=$!
	sleep "$((RANDOM % 3)).$((RANDOM % 10))"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
done
(become_detect s3 --sqs "$(url q)" --interval 1s --state "$work/s.db" --output "$work/out" 2>>"$work/err2") &
pid=$!
for _ in $(seq 150); do drained q && break; sleep 0.2; done
sleep 1
kill -TERM $pid
wait $pid
rc=$?
if [ $rc = 0 ] && drained q && ids_once "$work/out" && alerts "$work/out" | cmp -s - <(alerts "$work/ref"); then ok; else
	no "watch after $kills kills (exit $rc, queue $(queue q)): alerts differ from one run over a local copy:"
	alerts "$work/out" | diff - <(alerts "$work/ref") | head -8
	tail -3 "$work/err2"
fi
echo "sqs: $kills kills while reading"
"$ys" detect --status --state "$work/s.db" --now 2026-12-01T00:00:00Z >"$work/status" 2>&1
grep -q "^state .*: $((n + 0)) files read" "$work/status" && ok || no "--status: $(head -1 "$work/status")"

# 3. a message handed out twice (here: sent again, by the real AWS CLI) raises nothing twice
first=$(head -1 "$work/keys")
if command -v aws >/dev/null; then
	body=$(echo "$first" | notices --inbox "$work" --start 777777 && cat "$work/777777")
	env -i PATH="$PATH" HOME="$work" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret \
		AWS_DEFAULT_REGION=eu-west-1 aws --endpoint-url "http://127.0.0.1:$(cat "$work/q.port")" sqs send-message --queue-url "$(url q)" \
		--message-body "$body" >"$work/cli.out" 2>"$work/cli.err" && ok || no "aws sqs send-message: $(tail -2 "$work/cli.err")"
else
	echo "$first" | notices --inbox "$work/q.inbox" --start 777777
fi
before=$(wc -l <"$work/out")
detect s3 --sqs "$(url q)" --once --state "$work/s.db" --output "$work/out" 2>"$work/err3"
[ "$(wc -l <"$work/out")" = "$before" ] && drained q && grep -q "1 files already read" "$work/err3" && ok ||
	no "a message handed out twice: $(tail -1 "$work/err3"); queue $(queue q)"

# 4. a refused receive names the permission and the queue; a bad queue URL is refused
serve_sqs denied --deny-receive
detect s3 --sqs "$(url denied)" --once --no-state >/dev/null 2>"$work/derr"
rc=$?
grep -q 'sqs:ReceiveMessage on arn:aws:sqs:eu-west-1:111122223333:trail: refused (HTTP 403, AccessDenied)' "$work/derr" &&
	[ $rc = 2 ] && ok || no "a refused receive (exit $rc): $(head -2 "$work/derr")"
detect s3 --sqs "https://example.com/no-queue" --once --no-state >/dev/null 2>"$work/uerr"
[ $? = 2 ] && grep -q "not a queue URL" "$work/uerr" && ok || no "a bad queue URL: $(cat "$work/uerr")"

# 5. the secret key never appears
if grep -rqF "$secret" "$work"/out "$work"/err* "$work"/derr "$work"/s.db* 2>/dev/null; then
	no "the secret key appears in what detect said or wrote"
else ok; fi
echo "sqs: $pass passed, $fail failed"
[ $fail = 0 ]
