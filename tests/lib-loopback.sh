# lib-loopback.sh: what the tests against loopback AWS servers share: the Python the servers run
# on, a work folder removed at the end with every server started (their pids in pids), counting
# with ok and no (no says "FAIL <name>: why"), and the test key pair the servers check SigV4 with
# ($work/keys.json); KEEP=1 keeps the work folder and names it. usage, after set -u:
# . "$here/tests/lib-loopback.sh" <name>
lb_name=$1
py=/usr/bin/python3
work=$(mktemp -d)
pids=()
trap '[ ${#pids[@]} = 0 ] || { kill -9 "${pids[@]}"; wait "${pids[@]}"; } 2>/dev/null
[ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL $lb_name: $*"; }
key=AKIDEXAMPLE
secret=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
echo "{\"$key\": \"$secret\"}" >"$work/keys.json"
