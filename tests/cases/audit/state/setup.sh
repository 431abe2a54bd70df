# the same two days as audit/diff; the first day's run is kept, and the command compares the
# second day with it
. "$(dirname "$0")/../diff/setup.sh"
"$YS" audit --fail-on none --state history.db old >/dev/null 2>&1
