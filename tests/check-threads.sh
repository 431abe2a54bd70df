#!/usr/bin/env bash
# check-threads.sh: `detect --threads N` says exactly what one thread says, byte for byte (alerts,
# problems in the order met, the summary), over a trail in the S3 layout with broken files among
# it (a truncated gzip, a bad record mid-file, a JSON file that holds no records, a file that
# vanishes) and a JSON Lines file of many chunks; with state too, and a second run reads nothing.
# usage: tests/check-threads.sh path/to/yourside
set -u
YS=$(realpath "${1:?usage: check-threads.sh path/to/yourside}")
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL threads: $*"; }

python3 tests/gen/make-trail.py --days 6 --per-day 400 "$work/gen" >/dev/null
python3 tests/gen/make-trail.py --jsonl --days 2 --per-day 6000 --seed 3 "$work/big" >/dev/null
in=$work/gen/AWSLogs
day=$in/111122223333/CloudTrail/eu-west-1/2026/10/02
first=$(ls "$day"/*.json.gz | head -1)
# a gzip cut short, a record that is not one mid-file, a JSON document with no records
head -c 300 "$(ls "$day"/*.json.gz | sed -n 2p)" >"$day/111122223333_CloudTrail_eu-west-1_20261002T0001Z_cut00000.json.gz"
zcat "$first" | python3 -c '
import json, sys
d = json.load(sys.stdin); d["Records"].insert(1, {"not": "a record"}); print(json.dumps(d))' |
	gzip >"$day/111122223333_CloudTrail_eu-west-1_20261002T0002Z_bad00000.json.gz"
echo '{"hello": "world"}' >"$day/notes.json"
cp "$work/big/trail.jsonl" "$in/export.jsonl"
[ "$(wc -c <"$in/export.jsonl")" -gt $((12 << 20)) ] && ok || no "the JSON Lines file is not many chunks"

opts=(--format jsonl --aws-ranges tests/data/aws-ranges-test.json --now 2026-12-01T00:00:00Z)
"$YS" detect "${opts[@]}" --threads 1 "$in" >"$work/out1" 2>"$work/err1"
[ -s "$work/out1" ] && ok || no "one thread raised nothing"
grep -q "cut00000.*gzip" "$work/err1" && grep -q "bad00000.*not a CloudTrail record" "$work/err1" &&
	ok || no "one thread did not name the broken files: $(head -3 "$work/err1")"
for t in 2 3 8; do
	"$YS" detect "${opts[@]}" --threads "$t" "$in" >"$work/out$t" 2>"$work/err$t"
	cmp -s "$work/out1" "$work/out$t" && ok || no "$t threads: other alerts than one thread's"
	cmp -s "$work/err1" "$work/err$t" && ok ||
		no "$t threads: other problems or summary: $(diff "$work/err1" "$work/err$t" | head -4)"
done

# with state: the same alerts and the same state; the second run finds everything read
"$YS" detect "${opts[@]}" --threads 1 --state "$work/s1.db" "$in" >"$work/st1" 2>/dev/null
"$YS" detect "${opts[@]}" --threads 2 --state "$work/s2.db" "$in" >"$work/st2" 2>/dev/null
cmp -s "$work/st1" "$work/st2" && ok || no "with state, two threads raised other alerts"
cmp -s "$work/out1" "$work/st1" && ok || no "with state, other alerts than without"
"$YS" detect "${opts[@]}" --threads 2 --state "$work/s2.db" "$in" >"$work/again" 2>"$work/again.err"
[ ! -s "$work/again" ] && grep -q "files already read" "$work/again.err" && ok ||
	no "a second run read again: $(tail -1 "$work/again.err")"

# a file that vanishes between the walk and its reading is named, the rest is read
"$YS" detect "${opts[@]}" --threads 2 "$in" "$work/none.json.gz" >"$work/gone" 2>"$work/gone.err"
grep -q "none.json.gz" "$work/gone.err" && cmp -s "$work/out1" "$work/gone" && ok ||
	no "a missing file: $(grep none "$work/gone.err")"
# bad numbers
for bad in 0 -1 x 257; do
	"$YS" detect --threads "$bad" "$in" >/dev/null 2>"$work/bad.err"
	[ $? -eq 2 ] && grep -q -- "--threads takes a number" "$work/bad.err" && ok ||
		no "--threads $bad was taken"
done

echo "threads: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
