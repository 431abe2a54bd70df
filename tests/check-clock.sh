#!/usr/bin/env bash
# check-clock.sh: the case folders and unit tests pass with the machine's clock moved years ahead
# and years back (libfaketime): every age, window and "recent" that a test judges is pinned by
# --now, a snapshot.json or fixed times in its data, never by the day the suite runs
# usage: tests/check-clock.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-clock.sh path/to/yourside}")
here=$(cd "$(dirname "$0")" && pwd)
command -v faketime >/dev/null || { echo "FAIL clock: faketime is missing (apt-get install faketime)"; exit 1; }
pass=0 fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# the clock is moved by an offset, not set: every process (servers that tests start included)
# then agrees on the time, and it runs on; the monotonic clock is left alone
export FAKETIME_DONT_FAKE_MONOTONIC=1
for t in 2031-01-01 2024-01-01; do
	off=$(($(date -u -d "$t" +%s) - $(date -u +%s)))
	[ $off -lt 0 ] || off="+$off"
	got=$(faketime -f "$off" date -u +%F)
	if [ "$got" != "$t" ]; then
		echo "FAIL clock: faketime did not move the clock to $t (date says $got)"
		fail=$((fail + 1))
		continue
	fi
	echo "== the clock at $t"
	if faketime -f "$off" "$here/run-cases.sh" "$ys"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	if (cd "$(dirname "$ys")" && faketime -f "$off" ctest --output-on-failure >"$log" 2>&1); then
		pass=$((pass + 1))
	else
		echo "FAIL clock: unit tests at $t:"
		grep -E "Failed|FAILED|\[  FAILED" "$log" | head -20
		fail=$((fail + 1))
	fi
done
echo "clock: $pass passed, $fail failed"
[ $fail = 0 ]
