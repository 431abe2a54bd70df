#!/usr/bin/env bash
# watch.sh: `detect --follow s3://` against tests/servers/fake-s3-bucket.py on loopback with every
# answer delayed 20 ms (as a real bucket's are): objects read a second in one poll, beside the AWS
# CLI's `aws s3 sync` of the same bucket (ten requests at once, its default); and the time from an
# object's arrival in the bucket to its alert reaching a webhook (--interval 1s). FILES=N objects;
# THROTTLE=N answers every Nth request 503 SlowDown (S3 throttling; both tools retry); YS=PATH
# another build to measure.
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath "${YS:-build/yourside}")
work=$(realpath -m bench/work/watch)
files=${FILES:-1000}
py=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
"$py" tests/gen/make-trail.py --days 60 --per-day 600 "$work/gen" >/dev/null
mkdir -p "$work/bucket"
(cd "$work/gen" && find AWSLogs -type f | sort | head -n "$files") | while read -r f; do
	mkdir -p "$work/bucket/$(dirname "$f")" && cp "$work/gen/$f" "$work/bucket/$f"; done
n=$(find "$work/bucket" -type f | wc -l)
"$py" tests/servers/fake-s3-bucket.py --root "$work/bucket" --bucket bench-trail --port-file "$work/port" \
	--delay-ms 20 --seconds 3600 --throttle "${THROTTLE:-0}" &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
ep="http://127.0.0.1:$(cat "$work/port")"
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
export AWS_ENDPOINT_URL=$ep AWS_REGION=eu-west-1 AWS_EC2_METADATA_DISABLED=true
t0=$(date +%s%N)
"$ys" detect --follow s3://bench-trail --once --no-state --since 2026-01-01T00:00:00Z \
	--now 2027-01-01T00:00:00Z >/dev/null 2>"$work/err"
t1=$(date +%s%N)
aws s3 sync s3://bench-trail "$work/synced" --only-show-errors >/dev/null 2>&1
t2=$(date +%s%N)
ys_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
aws_s=$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
echo "objects: $n, each answer delayed 20 ms, every ${THROTTLE:-0}th throttled (0: none) ($(tail -1 "$work/err"))"
echo "detect --follow s3:// --once:  $ys_s s ($(awk -v n="$n" -v s="$ys_s" 'BEGIN {printf "%.0f", n / s}') objects/s)"
echo "aws s3 sync (anchor):          $aws_s s ($(awk -v n="$n" -v s="$aws_s" 'BEGIN {printf "%.0f", n / s}') objects/s)"
echo "ratio: $(awk -v a="$ys_s" -v b="$aws_s" 'BEGIN {printf "%.2f", a / b}')x the AWS CLI's time (it only copies; detect also reads every record)"

# arrival to alert: a watch that polls every second, a webhook that logs when it hears
"$py" tests/servers/fake-receiver.py --port-file "$work/rport" --log "$work/told" --seconds 600 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/rport" ] && break; sleep 0.1; done
mkdir -p "$work/live"
"$py" tests/servers/fake-s3-bucket.py --root "$work/live" --bucket live-trail --port-file "$work/lport" \
	--delay-ms 20 --seconds 600 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/lport" ] && break; sleep 0.1; done
AWS_ENDPOINT_URL="http://127.0.0.1:$(cat "$work/lport")" "$ys" detect --follow s3://live-trail \
	--interval 1s --no-state --since 2026-01-01T00:00:00Z \
	--notify "webhook:http://127.0.0.1:$(cat "$work/rport")/hook" >/dev/null 2>&1 &
pids+=($!)
sleep 2
key=AWSLogs/111122223333/CloudTrail/eu-west-1/2026/06/01/111122223333_CloudTrail_eu-west-1_20260601T1200Z_live0001.json.gz
mkdir -p "$work/live/$(dirname "$key")"
"$py" - "$work/live/$key.part" <<'PY'
import gzip, json, sys
r = {"eventVersion": "1.09", "eventTime": "2026-06-01T11:58:00Z", "eventSource": "cloudtrail.amazonaws.com",
     "eventName": "StopLogging", "awsRegion": "eu-west-1", "sourceIPAddress": "203.0.113.9",
     "userAgent": "aws-cli/2", "eventID": "live-0001", "recipientAccountId": "111122223333",
     "requestParameters": {"name": "org"},
     "userIdentity": {"type": "IAMUser", "arn": "arn:aws:iam::111122223333:user/x",
                      "accountId": "111122223333", "accessKeyId": "AKIAEXAMPLE00000001"}}
open(sys.argv[1], "wb").write(gzip.compress(json.dumps({"Records": [r]}).encode()))
PY
t0=$(date +%s%N)
mv "$work/live/$key.part" "$work/live/$key"
while [ ! -s "$work/told" ]; do sleep 0.05; done
t1=$(date +%s%N)
echo "arrival to a webhook's alert (polling every second): $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", (b - a) / 1e9}') s"
