#!/usr/bin/env bash
# collect-org.sh: `yourside collect --organization` over 20 loopback accounts (the management
# account and 19 members, each a copy of the example company with its account id changed, made by
# tests/gen/make-org.py) on tests/servers/fake-aws.py --org, every signature checked and every
# answer delayed LATENCY ms (default 20): the median of RUNS runs (default 3, the three kinds
# interleaved) with
# --accounts-at-once 1 and with the default 4, against the anchor, the same 20 accounts collected
# by one `yourside collect` after another (the members through a profile's role_arn, as
# --organization assumes their role). Needs Debian's python3-botocore.
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work/org)
runs=${RUNS:-3}
latency=${LATENCY:-20}
mkdir -p "$work"
. bench/lib.sh
mgmt=111122223333
members=()
for i in $(seq 1 19); do members+=("$(printf '1000000000%02d' "$i")"); done
if [ ! -d "$work/org/$mgmt" ]; then
	rm -rf "$work/org"
	args=()
	for m in "${members[@]}"; do args+=(--member "$m:member-$m"); done
	/usr/bin/python3 tests/gen/make-org.py --from examples/snapshot-insecure --out "$work/org" \
		--management $mgmt:management "${args[@]}"
fi
key=AKIDEXAMPLE
secret=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
echo "{\"$key\": \"$secret\"}" >"$work/keys.json"
mkdir -p "$work/home/.aws"
printf '[base]\naws_access_key_id = %s\naws_secret_access_key = %s\n' $key $secret >"$work/home/.aws/credentials"
: >"$work/home/.aws/config"
for m in "${members[@]}"; do
	printf '[profile m%s]\nrole_arn = arn:aws:iam::%s:role/OrganizationAccountAccessRole\nsource_profile = base\n' \
		"$m" "$m" >>"$work/home/.aws/config"
done
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
rm -f "$work/port"
/usr/bin/python3 tests/servers/fake-aws.py --org "$work/org" --keys "$work/keys.json" \
	--latency "$latency" --port-file "$work/port" --seconds 3600 >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
ep="http://127.0.0.1:$(cat "$work/port")"
regions=eu-west-1,us-east-1
export HOME="$work/home" AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_EC2_METADATA_DISABLED=true

# the anchor: the 20 accounts, one collect after another
cat >"$work/one-by-one.sh" <<EOF
#!/usr/bin/env bash
set -e
rm -rf "$work/single"
"$ys" collect --out "$work/single/$mgmt" --regions $regions --endpoint-url "$ep"
for m in ${members[*]}; do
	"$ys" collect --profile "m\$m" --out "$work/single/\$m" --regions $regions --endpoint-url "$ep"
done
EOF
chmod +x "$work/one-by-one.sh"
# collect --organization into OUT, AT_ONCE accounts at a time
cat >"$work/org.sh" <<EOF
#!/usr/bin/env bash
rm -rf "$work/\$1"
exec "$ys" collect --organization --out "$work/\$1" --regions $regions --endpoint-url "$ep" \\
	--accounts-at-once "\$2"
EOF
chmod +x "$work/org.sh"
wall() { # file cmd...: appends the command's wall time to file
	local f=$1
	shift
	/usr/bin/time -f %e -o "$work/t" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$work/t" >>"$f"
}
mid() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
server_cpu() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/${pids[0]}/stat"; }
# the three interleaved, run after run, so that what else the machine does falls on each alike
rm -f "$work/at1.times" "$work/at4.times" "$work/anchor.times"
for _ in $(seq "$runs"); do
	wall "$work/at1.times" "$work/org.sh" at1 1
	wall "$work/at4.times" "$work/org.sh" at4 4
	wall "$work/anchor.times" "$work/one-by-one.sh"
done
at1=$(mid "$work/at1.times")
at4=$(mid "$work/at4.times")
anchor=$(mid "$work/anchor.times")
cpu0=$(server_cpu)
rm -rf "$work/at4"
/usr/bin/time -f '%e %U %S' -o "$work/t" "$ys" collect --organization --out "$work/at4" \
	--regions $regions --endpoint-url "$ep" 2>"$work/at4.err" || true
cpu1=$(server_cpu)
grep -q "20 accounts collected, 0 refused" "$work/at4.err" || { echo "collect --organization did not collect the 20 accounts:"; cat "$work/at4.err"; exit 1; }
[ "$(ls -d "$work"/single/[0-9]* | wc -l)" = 20 ] || { echo "the anchor did not collect the 20 accounts"; exit 1; }
requests=$(grep -o '[0-9]* requests' "$work/at4.err" | awk '{n += $1} END {print n}')
ys_cpu=$(tail -n 1 "$work/t" | awk '{printf "%.2f", $2 + $3}')

echo "latency per answer: ${latency} ms; 20 accounts, 2 regions each, $requests requests in all"
echo "collect --organization --accounts-at-once 1:   ${at1} s"
echo "collect --organization (4 at once):            ${at4} s"
echo "20 x yourside collect, one after another:       ${anchor} s"
echo "ratio, anchor / 4 at once:                      $(ratio "$anchor" "$at4")x"
echo "ratio, anchor / 1 at once:                      $(ratio "$anchor" "$at1")x"
echo "processor time of one 4-at-once run: collect $ys_cpu s, the loopback server $(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.2f", b - a}') s ($(nproc) cores)"
