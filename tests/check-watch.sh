#!/usr/bin/env bash
# check-watch.sh: `detect --follow s3://` against tests/servers/fake-s3-bucket.py on loopback,
# which checks every request's SigV4 signature, pages its listings by 25 and throttles every 9th
# request: log files put into the bucket over time (a region that appears later, files that come
# late and out of order) are each read once, across kill -9 at random moments and restarts, and raise exactly the
# alerts of one run over a local copy; a broken object is named by its key and skipped; a refused
# listing names the permission; no credential appears in anything detect says or writes.
# usage: tests/check-watch.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-watch.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/tests/lib-loopback.sh" watch

serve() { # name root extra-args...: a fake bucket, its endpoint in $work/<name>.url
	local name=$1 root=$2
	shift 2
	"$py" "$here/tests/servers/fake-s3-bucket.py" --root "$root" --bucket acme-trail \
		--keys "$work/keys.json" --port-file "$work/$name.port" --log "$work/$name.log" \
		--seconds 600 "$@" &
	pids+=($!)
	for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
	echo "http://127.0.0.1:$(cat "$work/$name.port")" >"$work/$name.url"
}
# detect with a clean environment: the keys, the endpoint, the region; and a pinned clock
opts=(--format jsonl --aws-ranges tests/data/aws-ranges-test.json --now 2026-12-01T00:00:00Z)
watch() { # endpoint args...: in a subshell that becomes detect, so that $! is detect's pid
	local ep=$1
	shift
	(exec env -i PATH="$PATH" HOME="$work" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret \
		AWS_ENDPOINT_URL="$ep" AWS_REGION=eu-west-1 "$ys" detect "${opts[@]}" "$@")
}
fetched() { grep -c '^GET /acme-trail/AWSLogs.* 200$' "$work/$1.log"; }
unfile() { sed 's/,"file":"[^"]*"//' "$1" | sort; }

cd "$here"
"$py" tests/gen/make-trail.py --days 4 --per-day 300 "$work/gen" >/dev/null
trail=$work/gen/AWSLogs
"$ys" detect "${opts[@]}" "$trail" 2>/dev/null >"$work/ref"
[ -s "$work/ref" ] && ok || no "the reference run raised nothing"

# the bucket fills as CloudTrail would: by delivery time, regions interleaved, every 20th file two
# places late; ap-southeast-2 (only in the attack, on the last day) appears in the second half
mkdir -p "$work/bucket"
(cd "$work/gen" && find AWSLogs -type f | awk -F_ '{ print $(NF - 1), $0 }' | sort | cut -d' ' -f2) |
	awk '{ line[NR] = $0 } END { for (i = 1; i <= NR; i++) { if (i % 20 == 0 && i + 2 <= NR) {
		t = line[i]; line[i] = line[i + 1]; line[i + 1] = line[i + 2]; line[i + 2] = t; i += 2 } }
		for (i = 1; i <= NR; i++) print line[i] }' >"$work/order"
n=$(wc -l <"$work/order")
head -n $((n / 2)) "$work/order" >"$work/first"
grep -q ap-southeast-2 "$work/first" && no "the test's trail: ap-southeast-2 is in the first half"
grep -vxFf "$work/first" "$work/order" >"$work/rest"
put() { while read -r f; do mkdir -p "$work/bucket/$(dirname "$f")" &&
	cp "$work/gen/$f" "$work/bucket/$f.part" && mv "$work/bucket/$f.part" "$work/bucket/$f"; done; }
put <"$work/first"
serve main "$work/bucket" --page 25 --throttle 9
ep=$(cat "$work/main.url")

# 1. one poll reads what is there, files already read are not fetched again
watch "$ep" --follow s3://acme-trail --once --state "$work/w.db" --since 2026-09-30T00:00:00Z \
	--output "$work/out" 2>"$work/err1"
got=$(fetched main)
[ "$got" = "$(wc -l <"$work/first")" ] && ok ||
	no "first poll fetched $got objects, not $(wc -l <"$work/first"): $(grep -v '^watch' "$work/err1" | tail -2)"
watch "$ep" --follow s3://acme-trail --once --state "$work/w.db" --output "$work/out" 2>"$work/err2"
got2=$(fetched main)
[ "$got2" = "$got" ] && ok || no "a second poll fetched $((got2 - got)) objects again: $(tail -1 "$work/err2")"

# 2. a watch that runs while the rest arrives, killed with -9 at random moments (while it lists,
# fetches, reads or commits) and started again, then stopped
# batches of 20 files: a kill costs at most one batch and the fetch window (16 in flight, 32 past
# the file being read) fetched again, however fast the machine
exec_watch() { exec env -i PATH="$PATH" HOME="$work" YOURSIDE_DETECT_BATCH=20 AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret \
	AWS_ENDPOINT_URL="$ep" AWS_REGION=eu-west-1 "$ys" detect "${opts[@]}" "$@"; }
split -n l/3 "$work/rest" "$work/part."
kills=0
for part in "$work"/part.*; do
	(exec_watch --follow s3://acme-trail --interval 1s --state "$work/w.db" --output "$work/out" \
		2>>"$work/err3") &
	pid=$!
	put <"$part"
	sleep "$((RANDOM % 3)).$((RANDOM % 10))"
	kill -9 $pid 2>/dev/null && kills=$((kills + 1))
	wait $pid 2>/dev/null
done
echo "watch: $kills kills while polling"
(exec_watch --follow s3://acme-trail --interval 1s --state "$work/w.db" --output "$work/out" \
	2>>"$work/err3") &
pid=$!
for i in $(seq 1 100); do
	[ "$(grep -c . "$work/out")" -ge "$(grep -c . "$work/ref")" ] && break
	sleep 0.2
done
sleep 2
kill -TERM $pid
wait $pid
rc=$?
if [ $rc = 0 ] && unfile "$work/out" | cmp -s - <(unfile "$work/ref"); then ok; else
	no "watch (exit $rc): alerts differ from one run over a local copy:"
	unfile "$work/out" | diff - <(unfile "$work/ref") | cut -c1-300 | head -8
	tail -3 "$work/err3"
fi
objects=$(fetched main)
uniq=$(grep '^GET /acme-trail/AWSLogs.* 200$' "$work/main.log" | sort -u | wc -l)
# a file may be fetched twice only when a kill cut its batch (of 20) or the window (32) short
[ "$uniq" = "$n" ] && [ "$objects" -le $((n + kills * (20 + 32))) ] && ok ||
	no "objects fetched: $objects ($uniq different) of $n"
grep -q 'start-after=AWSLogs%2F111122223333%2FCloudTrail%2Feu-west-1%2F2026%2F10%2F0' "$work/main.log" &&
	ok || no "polls did not list from a cursor"
"$ys" detect --status --state "$work/w.db" --now 2026-10-05T00:00:00Z >"$work/status" 2>&1
grep -q "^  read AWSLogs/111122223333/CloudTrail/eu-west-1/ up to 2026-10-04T[0-9:]*Z ([0-9]* [a-z]* behind)$" "$work/status" &&
	grep -q "^state .*: $n files read" "$work/status" && ok || no "--status: $(head -3 "$work/status")"

# 3. a broken object is named by its key; the watch goes on
mkdir -p "$work/broken/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01"
cp "$trail/111122223333/CloudTrail/eu-west-1/2026/10/01/"*_20261001T09* "$work/broken/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/" 2>/dev/null
bad=AWSLogs/111122223333/CloudTrail/eu-west-1/2026/10/01/111122223333_CloudTrail_eu-west-1_20261001T0000Z_broken00.json.gz
printf '\037\213not gzip at all' >"$work/broken/$bad"
serve broken "$work/broken"
watch "$(cat "$work/broken.url")" --follow s3://acme-trail --once --no-state \
	--since 2026-09-30T00:00:00Z >"$work/bout" 2>"$work/berr"
rc=$?
grep -q "s3://acme-trail/$bad" "$work/berr" && [ $rc = 0 ] && ok ||
	no "a broken object (exit $rc): $(head -3 "$work/berr")"

# 4. a refused listing names the permission and the bucket
serve denied "$work/bucket" --deny-list
watch "$(cat "$work/denied.url")" --follow s3://acme-trail --once --no-state 2>"$work/derr" >/dev/null
rc=$?
grep -q 's3:ListBucket on arn:aws:s3:::acme-trail: refused (HTTP 403, AccessDenied)' "$work/derr" &&
	[ $rc = 2 ] && ok || no "a refused listing (exit $rc): $(head -2 "$work/derr")"
watch "$ep" --follow s3:/acme --once --no-state 2>"$work/uerr" >/dev/null
[ $? = 2 ] && grep -q "not s3://bucket" "$work/uerr" && ok || no "a bad URL: $(cat "$work/uerr")"

# 5. the secret key never appears
if grep -rqF "$secret" "$work"/out "$work"/err* "$work"/bout "$work"/berr "$work"/derr "$work"/w.db* 2>/dev/null; then
	no "the secret key appears in what detect said or wrote"
else ok; fi
echo "watch: $pass passed, $fail failed"
[ $fail = 0 ]
