#!/usr/bin/env bash
# check-demo.sh: `make demo` as a new user runs it: it must succeed, and its stderr may hold only
# each command's one-line summary (files scanned, rules and alerts, checks and failures) and
# detect's first thing to do: a
# warning about the shipped example (a policy not in the snapshot, a file that is not JSON) is
# a defect of the example. The filter is first shown a warning, which it must catch.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# the lines a clean demo may print on stderr
unexpected() { grep -vE '^yourside: (first: |scanned [0-9]+ files|[0-9]+ rules, [0-9]+ correlations;|[0-9]+ checks; )' "$1"; }

printf 'yourside: 219 checks; 1 fail\nyourside: examples/x: the policy p is not in the snapshot\n' >"$work/planted"
[ "$(unexpected "$work/planted" | wc -l)" = 1 ] || { echo "FAIL demo: the filter misses a planted warning"; fail=1; }

if ! make -s -C "$here" demo >"$work/out" 2>"$work/err"; then
	echo "FAIL demo: make demo failed:"; tail -5 "$work/err"; fail=1
elif unexpected "$work/err" >"$work/bad"; then
	echo "FAIL demo: make demo printed more than its summaries on stderr:"; head -5 "$work/bad"; fail=1
fi
grep -q "^== yourside vendors" "$work/out" || { echo "FAIL demo: it did not run to its last step"; fail=1; }
[ $fail = 0 ] && echo "demo: runs clean, $(wc -l <"$work/err") summary lines on stderr and no warning"
exit $fail
