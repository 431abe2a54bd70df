#!/usr/bin/env bash
# check-clock.sh: the case folders and unit tests pass with the machine's clock moved years ahead
# and years back (libfaketime): every age, window and "recent" that a test judges is pinned by
# --now, a snapshot.json or fixed times in its data, never by the day the suite runs
# usage: tests/check-clock.sh path/to/yourside
set -u
ys=$(realpath "${1:?usage: check-clock.sh path/to/yourside}")
here=$(cd "$(dirname "$0")" && pwd)
# libfaketime is preloaded directly: the faketime wrapper keeps a semaphore in /dev/shm named
# after its pid, and one left by an earlier run on the same machine makes it refuse to start
lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
[ -n "$lib" ] || { echo "FAIL clock: libfaketime is missing (apt-get install faketime)"; exit 1; }
at() { LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}" FAKETIME="$off" "$@"; }
pass=0 fail=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# the clock is moved by an offset, not set: every process (servers that tests start included)
# then agrees on the time, and it runs on; the monotonic clock is left alone
export FAKETIME_DONT_FAKE_MONOTONIC=1
for t in 2031-01-01 2024-01-01; do
	off=$(($(date -u -d "$t" +%s) - $(date -u +%s)))
	[ $off -lt 0 ] || off="+$off"
	got=$(at date -u +%F)
	if [ "$got" != "$t" ]; then
		echo "FAIL clock: faketime did not move the clock to $t (date says $got)"
		fail=$((fail + 1))
		continue
	fi
	echo "== the clock at $t"
	if at "$here/run-cases.sh" "$ys"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
	if (cd "$(dirname "$ys")" && at ctest --output-on-failure >"$log" 2>&1); then
		pass=$((pass + 1))
	else
		echo "FAIL clock: unit tests at $t:"
		grep -E "Failed|FAILED|\[  FAILED" "$log" | head -20
		fail=$((fail + 1))
	fi
done
echo "clock: $pass passed, $fail failed"
[ $fail = 0 ]
