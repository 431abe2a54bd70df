#!/usr/bin/env bash
# check-sarif.sh: yourside's SARIF validates against the 2.1.0 schema; the schema and its
# validator come from the npm registry (@microsoft/jest-sarif), as a test oracle only
set -eu
ys=$(realpath "${1:?usage: check-sarif.sh path/to/yourside}")
here=$(cd "$(dirname "$0")" && pwd)
npmdir=$(realpath "$(dirname "$ys")")/npm
if [ ! -f "$npmdir/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json" ]; then
	command -v npm >/dev/null || { echo "FAIL sarif: npm is missing"; exit 1; }
	npm install --silent --no-audit --no-fund --prefix "$npmdir" @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# every SARIF file a case expects, a history scan, and a scan that finds nothing
find "$here/cases" -path '*/expected/stdout' -exec grep -l '"version": "2.1.0"' {} + >"$work/list"
"$here/../examples/make-leaky-repo.sh" "$work/repo" >/dev/null
"$ys" secrets --no-progress --format sarif "$work/repo" >"$work/history.sarif" 2>/dev/null || true
printf 'nothing here\n' >"$work/clean.txt"
"$ys" secrets --no-progress --format sarif "$work/clean.txt" >"$work/clean.sarif" 2>/dev/null
node "$here/sarif/validate.js" "$npmdir" $(cat "$work/list") "$work/history.sarif" "$work/clean.sarif"
# the same fields as the best-known peer's SARIF, so its readers read ours
python3 "$here/sarif/shape.py" "$here/../../shared/data/secrets/gitleaks-testdata/testdata/expected/report/sarif_simple.sarif" "$work/history.sarif"
