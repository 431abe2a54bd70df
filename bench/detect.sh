#!/usr/bin/env bash
# detect.sh: a first measure of `yourside detect` beside jq and cat, on 200 MB of JSON Lines
# made by resampling the Stratus Red Team records (attack-heavy, so a hard case for a
# prefilter; the realistic-trail benchmark of the detect issue is still to be written)
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work)
mkdir -p "$work"
in="$work/stratus-200mb.jsonl"
[ -f "$in" ] || python3 - "$in" <<'PY'
import glob, json, random, sys
recs = []
for f in sorted(glob.glob("../shared/data/cloudtrail/stratus-red-team-detonation-logs/*.json")):
    recs += json.load(open(f))
random.seed(1)
with open(sys.argv[1], "w") as out:
    while out.tell() < 200_000_000:
        out.write(json.dumps(random.choice(recs)) + "\n")
PY
. bench/lib.sh
cat_s=$(median 5 cat "$in")
ys_s=$(median 5 "$ys" detect --format jsonl "$in")
yb_s=$(median 5 "$ys" detect --no-sigmahq --format jsonl "$in")
jq_s=$(median 3 jq -c 'select(.eventName == "StopLogging")' "$in")
mb=$(du -m --apparent-size "$in" | cut -f1)
echo "input: $in ($mb MB)"
echo "cat:                          ${cat_s} s"
echo "yourside detect, every rule:   ${ys_s} s ($(awk -v m="$mb" -v s="$ys_s" 'BEGIN {printf "%.0f", m / s}') MB/s; jq is $(ratio "$jq_s" "$ys_s")x slower)"
echo "yourside detect, built-in:     ${yb_s} s ($(awk -v m="$mb" -v s="$yb_s" 'BEGIN {printf "%.0f", m / s}') MB/s)"
echo "jq one select:                ${jq_s} s"
