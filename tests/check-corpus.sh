#!/usr/bin/env bash
# check-corpus.sh: precision and recall of `yourside secrets` on a generated, labelled git
# repository must not fall below the floor written in tests/corpus/floor (see bench/RESULTS.md)
set -u
ys=$(realpath "${1:?usage: check-corpus.sh path/to/yourside}")
here=$(cd "$(dirname "$0")" && pwd)
read -r min_precision min_recall <"$here/corpus/floor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/corpus/make-corpus.py" --out "$work" --seed 2026 --commits 500
pass=0
fail=0
for matcher in vectorscan pcre; do
	"$ys" secrets --no-progress --matcher "$matcher" --format jsonl "$work/repo" >"$work/$matcher.jsonl" 2>/dev/null
	read -r p r tp fp fn < <(python3 "$here/corpus/score.py" "$work/labels.jsonl" "$work/$matcher.jsonl" "$work/repo" 2>"$work/$matcher.why")
	echo "corpus ($matcher): precision $p, recall $r ($tp found, $fp false, $fn missed)"
	if python3 -c "import sys; sys.exit(0 if $p >= $min_precision and $r >= $min_recall else 1)"; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL corpus ($matcher): below the floor $min_precision / $min_recall"
		head -20 "$work/$matcher.why"
	fi
done
echo "corpus: $pass passed, $fail failed"
[ "$fail" = 0 ]
