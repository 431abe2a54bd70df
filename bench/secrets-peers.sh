#!/usr/bin/env bash
# secrets-peers.sh: the secrets scan beside its peers, in the same run on the same machine:
# ripgrep (the practical floor of a directory search) with four credential regexes, gitleaks'
# default rules (MIT, ../shared/data/secrets/gitleaks-config) run by yourside against yourside's
# own detectors on the labelled corpus and on /usr's text, and a history the size of rocksdb's
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work)
runs=${RUNS:-5}
shared=${YS_SHARED_DATA:-$(realpath -m ../shared/data)}
gl="$shared/secrets/gitleaks-config/gitleaks.toml"
mkdir -p "$work"
. bench/lib.sh
[ -d "$work/tree" ] || python3 bench/make-tree.py "$work/tree" 520
[ -d "$work/corpus/repo" ] || python3 tests/corpus/make-corpus.py --out "$work/corpus" --seed 2026 --commits 500
tree="$work/tree"
echo "machine: $(nproc) cores; $(date -u +%F)"

echo "== directory scan beside ripgrep: $tree ($(du -sm --apparent-size "$tree" | cut -f1) MB)"
rg_s=$(median "$runs" rg --no-ignore --hidden -c -e 'AKIA[A-Z2-7]{16}' -e 'gh[pousr]_[A-Za-z0-9]{36}' \
	-e '-----BEGIN[ A-Z]*PRIVATE KEY-----' -e 'xox[baprs]-[0-9A-Za-z-]{10,}' "$tree")
ys_s=$(median "$runs" "$ys" secrets --no-progress --format jsonl "$tree")
echo "rg, four credential regexes: ${rg_s} s"
echo "yourside secrets, every detector ($("$ys" secrets --no-progress --format sarif /dev/null 2>/dev/null |
	python3 -c 'import json,sys; print(len(json.load(sys.stdin)["runs"][0]["tool"]["driver"]["rules"]))') rules): ${ys_s} s   $(ratio "$ys_s" "$rg_s")x ripgrep"
gd_s=$(median 3 "$ys" secrets --no-progress --format jsonl --config "$gl" "$tree")
echo "yourside with gitleaks' default rules: ${gd_s} s   $(ratio "$gd_s" "$ys_s")x its own detectors"
"$ys" secrets --no-progress --format jsonl "$tree" >"$work/own.jsonl" 2>/dev/null || true
"$ys" secrets --no-progress --format jsonl --config "$gl" "$tree" >"$work/gl.jsonl" 2>/dev/null || true
echo "findings on /usr's text: own detectors $(wc -l <"$work/own.jsonl"), gitleaks' rules $(wc -l <"$work/gl.jsonl")"
echo

echo "== the labelled corpus (tests/corpus, seed 2026): own detectors against gitleaks' rules"
"$ys" secrets --no-progress --format jsonl "$work/corpus/repo" >"$work/c-own.jsonl" 2>/dev/null || true
"$ys" secrets --no-progress --format jsonl --config "$gl" "$work/corpus/repo" >"$work/c-gl.jsonl" 2>/dev/null || true
for k in own gl; do
	read -r p r tp fp fn < <(python3 tests/corpus/score.py --any-rule "$work/corpus/labels.jsonl" "$work/c-$k.jsonl" "$work/corpus/repo" 2>/dev/null)
	echo "$k: precision $p, recall $r ($tp found, $fp false, $fn missed)"
done
echo

big="$work/big-history"
[ -d "$big" ] || python3 bench/make-big-history.py "$big"
echo "== a history the size of rocksdb's: $(git -C "$big" rev-list --all --count) commits, $(du -sm "$big/.git" | cut -f1) MB packed"
cf_s=$(median 1 git -C "$big" cat-file --batch-all-objects --batch)
bh_s=$(median 3 "$ys" secrets --no-progress --format jsonl "$big")
echo "git cat-file --batch-all-objects --batch (floor): ${cf_s} s"
echo "yourside secrets: ${bh_s} s   $(ratio "$bh_s" "$cf_s")x the floor"
echo "peak memory (yourside): $(peak "$ys" secrets --no-progress --format jsonl "$big") MB"
