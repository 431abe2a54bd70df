#!/usr/bin/env bash
# detect.sh: `yourside detect` on a realistic trail of about 2 GB (tests/gen/make-trail.py: a
# team's weeks of traffic, 1-1.5 KB records of many services, attacks woven in), beside cat, zcat,
# jq running one select, and jansson parsing every record; plain and gzipped; peak memory.
# SIZE_DAYS=N sets the trail's length (100 days is about 2 GB), RUNS=N the repetitions.
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work)
days=${SIZE_DAYS:-100}
runs=${RUNS:-3}
mkdir -p "$work"
dir="$work/trail-$days"
in="$dir/trail.jsonl"
gz="$dir/AWSLogs"
if [ ! -d "$gz" ]; then
	python3 tests/gen/make-trail.py --jsonl --days "$days" --per-day 20000 "$dir" >/dev/null
	# the same records as AWS delivers them: {"Records":[...]} in gzip files of 2,000 records
	python3 - "$in" "$gz" <<'PY'
import gzip, os, sys
src, out = sys.argv[1], sys.argv[2]
os.makedirs(out)
def flush(batch, k):
    with open(os.path.join(out, "111122223333_CloudTrail_eu-west-1_%06d.json.gz" % k), "wb") as f:
        f.write(gzip.compress(b'{"Records":[' + b",".join(batch) + b"]}", compresslevel=6, mtime=0))
batch, k = [], 0
for line in open(src, "rb"):
    batch.append(line.rstrip(b"\n"))
    if len(batch) == 2000:
        flush(batch, k); batch, k = [], k + 1
if batch:
    flush(batch, k)
PY
fi
cc -O2 -o "$work/jansson-lines" bench/jansson-lines.c $(pkg-config --cflags --libs jansson)
. bench/lib.sh
mb=$(du -m --apparent-size "$in" | cut -f1)
recs=$(wc -l <"$in")
mbs() { awk -v m="$mb" -v s="$1" 'BEGIN {printf "%.0f", m / s}'; }

cat_s=$(median "$runs" cat "$in")
zcat_s=$(median "$runs" sh -c "zcat '$gz'/*.gz")
zcat_cpu=$(cpu)
all_s=$(median "$runs" "$ys" detect --noisy --format jsonl "$in")
all_cpu=$(cpu)
def_s=$(median "$runs" "$ys" detect --format jsonl "$in")
def_cpu=$(cpu)
rules_s=$(median "$runs" "$ys" detect --no-behaviour --format jsonl "$in")
gz_s=$(median "$runs" "$ys" detect --noisy --format jsonl "$gz")
gz_cpu=$(cpu)
gzdef_s=$(median "$runs" "$ys" detect --format jsonl "$gz")
gzdef_cpu=$(cpu)
jq_s=$(median 1 jq -c 'select(.eventName == "StopLogging")' "$in")
jansson_s=$(median "$runs" "$work/jansson-lines" "$in")
mem=$(peak "$ys" detect --noisy --format jsonl "$in")
memgz=$(peak "$ys" detect --noisy --format jsonl "$gz")
alerts=$("$ys" detect --format jsonl "$in" 2>/dev/null | wc -l)
noisy_alerts=$("$ys" detect --noisy --format jsonl "$in" 2>/dev/null | wc -l)

echo "input: $in ($mb MB, $recs records, one core)"
echo "cat:                                  ${cat_s} s"
echo "zcat over the same as $(ls "$gz" | wc -l) .json.gz files ($(du -sm "$gz" | cut -f1) MB): ${zcat_s} s"
echo "detect, every rule (--noisy):         ${all_s} s ($(mbs "$all_s") MB/s; $noisy_alerts alerts)"
echo "  processor time:                     ${all_cpu} s ($(mbs "$all_cpu") MB/s a core)"
echo "detect, default:                      ${def_s} s ($(mbs "$def_s") MB/s; $alerts alerts)"
echo "  processor time:                     ${def_cpu} s ($(mbs "$def_cpu") MB/s a core)"
echo "detect, rules only (--no-behaviour):  ${rules_s} s ($(mbs "$rules_s") MB/s)"
echo "detect gzipped, every rule:           ${gz_s} s ($(ratio "$gz_s" "$zcat_s")x zcat)"
echo "  processor time (two threads: one inflates the next file): ${gz_cpu} s ($(ratio "$gz_cpu" "$zcat_cpu")x zcat's ${zcat_cpu} s)"
echo "detect gzipped, default:              ${gzdef_s} s ($(ratio "$gzdef_s" "$zcat_s")x zcat)"
echo "  processor time:                     ${gzdef_cpu} s ($(ratio "$gzdef_cpu" "$zcat_cpu")x zcat's)"
echo "jq one select:                        ${jq_s} s ($(ratio "$jq_s" "$all_s")x slower than every rule, $(ratio "$jq_s" "$def_s")x than default)"
echo "jansson parse only:                   ${jansson_s} s ($(ratio "$jansson_s" "$all_s")x slower than every rule, $(ratio "$jansson_s" "$def_s")x than default)"
echo "peak memory, every rule:               ${mem} MB (${memgz} MB gzipped)"
