#!/usr/bin/env bash
# check-verify-trail.sh: yourside verify-trail against the AWS CLI's own validate-logs (Debian
# awscli, its S3 and ListPublicKeys answered from the same folder) on trail buckets signed here
# with openssl: a clean chain, each kind of tampering, a gap, and random mixes of them. Every
# file the CLI judges must be judged the same.
set -u
ys=$(realpath "${1:?usage: check-verify-trail.sh path/to/yourside [random-count]}")
count=${2:-40}
here=$(cd "$(dirname "$0")" && pwd)
export YS_SHARED_DATA="${YS_SHARED_DATA:-$here/../../shared/data}"
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
n=0

one() { # name, then trail-bucket.py's arguments
	local name=$1 hours=4
	shift
	rm -rf "$work/b"
	"$py" "$here/gen/trail-bucket.py" "$work/b" "$@" >"$work/gen.log" 2>&1 ||
		{ echo "FAIL verify-trail/$name: the generator failed: $(tail -2 "$work/gen.log")"; fail=1; return; }
	for ((i = 1; i <= $#; i++)); do [ "${!i}" = --hours ] && { j=$((i + 1)); hours=${!j}; }; done
	"$ys" verify-trail --format json --keys "$work/b/keys.json" "$work/b" >"$work/ys.json" 2>"$work/ys.err"
	local rc=$?
	if [ $rc -gt 1 ]; then echo "FAIL verify-trail/$name: yourside exited $rc: $(head -2 "$work/ys.err")"; fail=1; return; fi
	"$py" "$here/oracle/validate-logs.py" "$work/b" --bucket acme-trail \
		--trail-arn arn:aws:cloudtrail:eu-west-1:111122223333:trail/acme-main \
		--start 2024-03-01T00:00:00Z --end "$(date -u -d "2024-03-01T00:00:00Z + $((hours + 1)) hours" +%Y-%m-%dT%H:%M:%SZ)" \
		--keys "$work/b/keys.json" >"$work/cli.jsonl" 2>"$work/cli.err" ||
		{ echo "FAIL verify-trail/$name: the AWS CLI failed: $(tail -3 "$work/cli.err")"; fail=1; return; }
	if ! "$py" "$here/oracle/compare-trail.py" "$work/ys.json" "$work/cli.jsonl" >"$work/cmp"; then
		echo "FAIL verify-trail/$name ($*):"; grep DIFF "$work/cmp" | head -5; fail=1; return
	fi
	n=$((n + 1))
}

one clean
one clean-api-keys --keys-api
one log-modified --mutate log-modified:1:0
one log-deleted --mutate log-deleted:2:1
one log-added --mutate log-added:1
one digest-deleted --mutate digest-deleted:1
one digest-deleted-newest --mutate digest-deleted:3
one digest-modified --mutate digest-modified:2
one digest-moved --mutate digest-moved:1
one reorder --mutate reorder:1:2
one no-signature --mutate no-signature:0
one not-gzip --mutate not-gzip:3
one other-key --mutate other-key:1
one gap --hours 6 --gap 2:2

# random mixes: each digest touched at most once
for seed in $(seq 1 "$count"); do
	args=$("$py" - "$seed" <<'PY'
import random, sys
r = random.Random(int(sys.argv[1]))
hours, logs = r.randint(2, 7), r.randint(1, 3)
out = ["--hours", str(hours), "--logs", str(logs)]
free = list(range(hours))
r.shuffle(free)
if hours >= 4 and r.random() < 0.3:
    out += ["--gap", "%d:%d" % (r.randint(1, hours - 3), r.randint(1, 2))]
for _ in range(r.randint(0, 3)):
    kind = r.choice(["log-modified", "log-deleted", "log-added", "digest-deleted", "digest-modified",
                     "digest-moved", "no-signature", "not-gzip", "reorder"])
    if kind.startswith("log"):
        h = r.randrange(hours)
        out += ["--mutate", "%s:%d" % (kind, h) + ("" if kind == "log-added" else ":%d" % r.randrange(logs))]
    elif kind == "reorder":
        if len(free) >= 2:
            out += ["--mutate", "reorder:%d:%d" % (free.pop(), free.pop())]
    elif free:
        out += ["--mutate", "%s:%d" % (kind, free.pop())]
print(" ".join(out))
PY
)
	# shellcheck disable=SC2086
	one "random-$seed" $args
done
echo "verify-trail against awscli validate-logs: $n of $((14 + count)) buckets agree"

# scripts/trail-with-awscli.sh copies a bucket (under a key prefix, listed three keys a page)
# from a loopback S3 with the real CLI; verify-trail must say the same of the copy as of the
# bucket's own folder
rm -rf "$work/b" "$work/copy"
"$py" "$here/gen/trail-bucket.py" "$work/b" --prefix team/trails --mutate log-modified:1:0 --mutate digest-deleted:2
"$py" "$here/servers/fake-s3-bucket.py" --root "$work/b" --bucket acme-trail --port-file "$work/port" \
	--page 3 --seconds 120 &
pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
(export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY \
	AWS_DEFAULT_REGION=eu-west-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER= \
	PATH="/usr/bin:$PATH"
"$here/../scripts/trail-with-awscli.sh" --endpoint-url "http://127.0.0.1:$(cat "$work/port")" \
	s3://acme-trail/team/trails/ "$work/copy") 2>"$work/copy.err" ||
	{ echo "FAIL verify-trail/copy: the script failed: $(tail -3 "$work/copy.err")"; fail=1; }
kill $pid 2>/dev/null
"$ys" verify-trail --keys "$work/b/keys.json" "$work/b" 2>&1 | tail -n +2 >"$work/direct.txt"
"$ys" verify-trail --keys "$work/b/keys.json" "$work/copy" 2>&1 | tail -n +2 >"$work/copied.txt"
if ! diff -u "$work/direct.txt" "$work/copied.txt" >"$work/copy.diff"; then
	echo "FAIL verify-trail/copy: the copy is judged otherwise:"; head -20 "$work/copy.diff"; fail=1
elif ! grep -q "1 modified" "$work/copied.txt" || ! grep -q "1 deleted" "$work/copied.txt"; then
	echo "FAIL verify-trail/copy: the copy's changes were not found"; cat "$work/copied.txt"; fail=1
else
	echo "verify-trail: a copy made by scripts/trail-with-awscli.sh is judged as the bucket"
fi
exit $fail
