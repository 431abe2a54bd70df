#!/usr/bin/env bash
# update-aws-ranges.sh: fetches AWS's current ip-ranges.json for `yourside detect --aws-ranges`
# (the copy built into yourside is as old as the build; AWS changes the file several times a week)
# usage: scripts/update-aws-ranges.sh [FILE]   (default: $XDG_DATA_HOME/yourside/ip-ranges.json)
set -euo pipefail
out=${1:-${XDG_DATA_HOME:-$HOME/.local/share}/yourside/ip-ranges.json}
url=https://ip-ranges.amazonaws.com/ip-ranges.json
mkdir -p "$(dirname "$out")"
tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
curl -fsS --retry 3 -o "$tmp" "$url"
# keep the old file unless the new one is AWS's list
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["prefixes"] and d["createDate"]' "$tmp" ||
	{ echo "update-aws-ranges: $url did not answer with AWS's ip-ranges.json" >&2; exit 1; }
mv "$tmp" "$out"
trap - EXIT
echo "$out: AWS's ranges of $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["createDate"])' "$out")"
echo "use it: yourside detect --aws-ranges $out ..."
