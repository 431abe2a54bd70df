#!/usr/bin/env bash
# trail-with-awscli.sh: a local copy of a CloudTrail bucket for `yourside verify-trail`, with the
# AWS CLI: the log and digest files (aws s3 sync), and beside each digest what `aws s3api
# head-object` prints for it, since its signature is in its metadata, which sync does not keep
set -u

usage() {
	cat <<'EOF'
usage: scripts/trail-with-awscli.sh [--profile <p>] [--endpoint-url <url>] s3://<bucket>[/<prefix>] <dir>

Copies the CloudTrail log and digest files under s3://<bucket>[/<prefix>]/AWSLogs/ into <dir>,
keeping their keys as paths, and writes <key>.head.json beside each digest (its signature).
Run it again to fetch what is new. Needs s3:ListBucket and s3:GetObject on the bucket.
Then: yourside verify-trail --keys keys.json <dir>
EOF
}

aws_args=()
src=""
dir=""
while [ $# -gt 0 ]; do
	case "$1" in
	--profile | --endpoint-url)
		[ $# -ge 2 ] || { usage >&2; exit 2; }
		aws_args+=("$1" "$2")
		shift 2
		;;
	-h | --help) usage; exit 0 ;;
	-*) echo "trail-with-awscli: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	*)
		if [ -z "$src" ]; then src=$1; elif [ -z "$dir" ]; then dir=$1; else
			echo "trail-with-awscli: one bucket and one folder" >&2; exit 2
		fi
		shift
		;;
	esac
done
case "$src" in s3://?*) ;; *) usage >&2; exit 2 ;; esac
[ -n "$dir" ] || { usage >&2; exit 2; }
command -v aws >/dev/null || { echo "trail-with-awscli: the AWS CLI is not installed" >&2; exit 2; }

rest=${src#s3://}
bucket=${rest%%/*}
prefix=""
[ "$rest" = "$bucket" ] || prefix=${rest#*/}
prefix=${prefix%/}
base="$dir${prefix:+/$prefix}"
mkdir -p "$base" || exit 2

aws "${aws_args[@]}" s3 sync "s3://$bucket${prefix:+/$prefix}/AWSLogs" "$base/AWSLogs" --only-show-errors \
	--exclude '*' --include '*/CloudTrail/*' --include '*/CloudTrail-Digest/*' ||
	{ echo "trail-with-awscli: aws s3 sync failed" >&2; exit 1; }

fail=0
while IFS= read -r -d '' f; do
	[ -s "$f.head.json" ] && continue
	key=${f#"$dir"/}
	if aws "${aws_args[@]}" s3api head-object --bucket "$bucket" --key "$key" --output json >"$f.head.json.tmp"; then
		mv "$f.head.json.tmp" "$f.head.json"
	else
		rm -f "$f.head.json.tmp"
		echo "trail-with-awscli: no metadata for $key" >&2
		fail=1
	fi
done < <(find "$base/AWSLogs" -path '*/CloudTrail-Digest/*' -name '*.json.gz' -print0 2>/dev/null)
exit $fail
