#!/usr/bin/env bash
# run.sh: the secrets benchmarks; every figure beside its anchor measured in the same run on
# the same machine, medians of repeated runs (these machines are noisy)
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work)
runs=${RUNS:-5}
mkdir -p "$work"
[ -d "$work/tree" ] || python3 bench/make-tree.py "$work/tree" 520
[ -d "$work/history/repo" ] ||
	python3 tests/corpus/make-corpus.py --out "$work/history" --seed 99 --commits 6000 --filler-files 300
export HOME="$work/home"
mkdir -p "$HOME"
git config --global --get-all secrets.patterns >/dev/null 2>&1 || git secrets --register-aws --global >/dev/null

. bench/lib.sh

tree="$work/tree"
repo="$work/history/repo"
size=$(du -sm --apparent-size "$tree" | cut -f1)
commits=$(git -C "$repo" rev-list --all --count)
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%F)"
echo

echo "== directory scan: $tree ($size MB of text from /usr, AWS keys planted)"
cat_s=$(median "$runs" sh -c "find '$tree' -type f -exec cat {} + >/dev/null")
ys_s=$(median "$runs" "$ys" secrets --no-progress --format jsonl "$tree")
gs_s=$(median 3 sh -c "cd '$work' && git secrets --scan -r '$tree'")
echo "cat to /dev/null (floor):    ${cat_s} s"
echo "yourside secrets:            ${ys_s} s   $(ratio "$ys_s" "$cat_s")x the floor"
echo "git secrets --scan -r:       ${gs_s} s   yourside is $(ratio "$gs_s" "$ys_s")x faster"
echo "peak memory (yourside):      $(peak "$ys" secrets --no-progress --format jsonl "$tree") MB"
echo

echo "== history scan: $repo ($commits commits, generated with planted secrets)"
cf_s=$(median "$runs" git -C "$repo" cat-file --batch-all-objects --batch)
yh_s=$(median "$runs" "$ys" secrets --no-progress --format jsonl "$repo")
lp_s=$(median 3 sh -c "git -C '$repo' log -p --all | '$ys' secrets --no-progress --format jsonl -")
echo "git cat-file --batch-all-objects --batch (floor): ${cf_s} s"
echo "yourside secrets (blob walk): ${yh_s} s   $(ratio "$yh_s" "$cf_s")x the floor"
echo "git log -p | yourside (text diffs, the peers' way): ${lp_s} s   $(ratio "$lp_s" "$yh_s")x the blob walk"
if [ "${SKIP_SLOW:-0}" = 1 ]; then
	echo "git secrets --scan-history: skipped (SKIP_SLOW=1)"
else
	gh_s=$(median 1 sh -c "cd '$repo' && git secrets --scan-history")
	echo "git secrets --scan-history: ${gh_s} s   yourside is $(ratio "$gh_s" "$yh_s")x faster"
fi
echo "peak memory (yourside):      $(peak "$ys" secrets --no-progress --format jsonl "$repo") MB"
echo

echo "== one big file: 2 GB with a 100 MB line, keys at the start, middle and end"
big="$work/big.txt"
if [ ! -f "$big" ]; then
	python3 - "$big" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("aws_access_key_id = AKIA2OGYBAH6QK5V3ZXR\n")
    line = "the quick brown fox jumps over the lazy dog 0123456789\n" * 18000
    for i in range(2000):
        f.write(line)
        if i == 1000:
            f.write("x" * 100_000_000 + " AKIAVZH4SBSY7LDE3MNQ\n")
    f.write("token = \"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\"\n")
PY
fi
bs=$(du -m --apparent-size "$big" | cut -f1)
bc_s=$(median 3 cat "$big")
bys_s=$(median 3 "$ys" secrets --no-progress --format jsonl "$big")
echo "cat (floor): ${bc_s} s; yourside: ${bys_s} s ($bs MB; $(ratio "$bys_s" "$bc_s")x the floor)"
echo "findings: $("$ys" secrets --no-progress --format jsonl "$big" 2>/dev/null | wc -l) of 3"
echo "peak memory (yourside):      $(peak "$ys" secrets --no-progress --format jsonl "$big") MB"
