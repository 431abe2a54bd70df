#!/usr/bin/env bash
# fuzz-smoke.sh: runs every fuzz target briefly over a copy of its seed corpus
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${FUZZ_SECONDS:-15}
pass=0
fail=0
for t in "$here"/build-fuzz/fuzz-*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	work=$(mktemp -d)
	cp -R "$here/fuzz/corpus/$name/." "$work/" 2>/dev/null
	if "$t" -artifact_prefix="$work.crash-" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 "$work" >"$work.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL fuzz: $name"
		tail -30 "$work.log"
	fi
	rm -rf "$work" "$work.log" "$work".crash-*
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
