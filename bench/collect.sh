#!/usr/bin/env bash
# collect.sh: `yourside collect` against tests/servers/fake-aws.py on loopback (every request's
# signature checked), each answer delayed by LATENCY ms (default 20: a region's round trip):
#  1. the example company (90 files) beside scripts/snapshot-with-awscli.sh, the AWS CLI
#     doing the same calls;
#  2. requests per second with one call in flight and with 64, on a generated account of 300
#     buckets (about 2,900 calls);
#  3. the total time for a generated account of about 10,000 resources (6,000 instances,
#     1,000 buckets, 1,500 users, 500 roles, 1,000 policies; lists in pages of 100).
# RUNS=N sets the repetitions of the fast runs. Needs Debian's awscli and python3-botocore.
set -eu
cd "$(dirname "$0")/.."
ys=$(realpath build/yourside)
work=$(realpath -m bench/work)
runs=${RUNS:-3}
latency=${LATENCY:-20}
mkdir -p "$work"
. bench/lib.sh
[ -d "$work/snapshot-300" ] || python3 bench/make-snapshot.py --users 100 --roles 50 --policies 200 \
	--instances 1000 --buckets 300 "$work/snapshot-300"
[ -d "$work/snapshot-10k" ] || python3 bench/make-snapshot.py --users 1500 --roles 500 --policies 1000 \
	--instances 6000 --buckets 1000 "$work/snapshot-10k"
key=AKIDEXAMPLE
secret=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
echo "{\"$key\": \"$secret\"}" >"$work/keys.json"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
serve() { # name snapshot extra...: a fake AWS, its address in $work/<name>.url
	local name=$1 snap=$2
	shift 2
	rm -f "$work/$name.port"
	/usr/bin/python3 tests/servers/fake-aws.py --snapshot "$snap" --keys "$work/keys.json" \
		--latency "$latency" --port-file "$work/$name.port" --seconds 3600 "$@" \
		>"$work/$name.log" 2>&1 &
	pids+=($!)
	for _ in $(seq 100); do [ -s "$work/$name.port" ] && break; sleep 0.1; done
	echo "http://127.0.0.1:$(cat "$work/$name.port")" >"$work/$name.url"
}
export AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_EC2_METADATA_DISABLED=true
serve ex examples/snapshot-insecure
serve mid "$work/snapshot-300" --page 100
serve big "$work/snapshot-10k" --page 100
ex=$(cat "$work/ex.url")
mid=$(cat "$work/mid.url")
big=$(cat "$work/big.url")
regions=eu-west-1,eu-central-1,us-east-1,us-west-2

ys_ex=$(median "$runs" "$ys" collect --out "$work/c-ex" --regions eu-west-1,us-east-1 --endpoint-url "$ex")
cli_ex=$(median 1 env PATH="/usr/bin:$PATH" AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null \
	scripts/snapshot-with-awscli.sh --endpoint-url "$ex" --regions eu-west-1,us-east-1 "$work/cli-ex")
/usr/bin/time -f %e -o "$work/t1" "$ys" collect --out "$work/c-mid1" --regions $regions \
	--endpoint-url "$mid" --jobs 1 2>"$work/mid1.err"
mid1=$(cat "$work/t1")
req1=$(grep -o '[0-9]* requests' "$work/mid1.err" | cut -d' ' -f1)
mid64=$(median "$runs" "$ys" collect --out "$work/c-mid64" --regions $regions --endpoint-url "$mid" --jobs 64)
"$ys" collect --out "$work/c-mid64" --regions $regions --endpoint-url "$mid" --jobs 64 2>"$work/mid64.err"
req64=$(grep -o '[0-9]* requests' "$work/mid64.err" | cut -d' ' -f1)
big_s=$(median 1 "$ys" collect --out "$work/c-big" --regions $regions --endpoint-url "$big" --jobs 64)
"$ys" collect --out "$work/c-big2" --regions $regions --endpoint-url "$big" --jobs 64 2>"$work/big.err"
mem=$(peak "$ys" collect --out "$work/c-big3" --regions $regions --endpoint-url "$big" --jobs 64)
rps() { awk -v r="$1" -v s="$2" 'BEGIN {printf "%.0f", r / s}'; }

echo "latency per answer: ${latency} ms (the server's own work adds to it)"
echo "example account, collect --jobs 32:          ${ys_ex} s"
echo "example account, snapshot-with-awscli.sh:    ${cli_ex} s ($(ratio "$cli_ex" "$ys_ex")x slower)"
echo "300 buckets, one call in flight:             ${mid1} s, $req1 requests ($(rps "$req1" "$mid1") requests/s)"
echo "300 buckets, 64 in flight:                   ${mid64} s, $req64 requests ($(rps "$req64" "$mid64") requests/s, $(ratio "$mid1" "$mid64")x faster)"
echo "10,000 resources, 64 in flight:              ${big_s} s ($(tail -n 1 "$work/big.err"))"
echo "peak memory (10,000 resources):              ${mem} MB"
