#!/usr/bin/env bash
# check-docs.sh: every command in the table has docs/cmd/<name>.md whose usage block is its --help,
# and README's first steps are the ones `yourside` alone tells
set -u
ys=${1:?usage: check-docs.sh path/to/yourside}
here=$(cd "$(dirname "$0")/.." && pwd)
pass=0
fail=0
for name in $("$ys" --help | awk '/^commands:/{on=1; next} on && /^  [a-z]/{print $1}'); do
	page="$here/docs/cmd/$name.md"
	if [ ! -f "$page" ]; then
		echo "FAIL docs: '$name' has no page $page"
		fail=$((fail + 1))
		continue
	fi
	documented=$(awk '/^## Usage/{u=1; next} u && /^```text/{b=1; next} b && /^```/{exit} b{print}' "$page")
	if [ "$documented" != "$("$ys" help "$name")" ]; then
		echo "FAIL docs: the usage in $page differs from 'yourside help $name'"
		diff <(echo "$documented") <("$ys" help "$name") | head -10
		fail=$((fail + 1))
		continue
	fi
	if ! grep -q "^summary: $("$ys" --help | awk -v n="$name" '$1 == n {sub(/^  [a-z-]+ +/, ""); print}')\$" "$page"; then
		echo "FAIL docs: the summary in $page differs from 'yourside --help'"
		fail=$((fail + 1))
		continue
	fi
	pass=$((pass + 1))
done
# README's first screen and `yourside` alone tell a new user the same first steps, in one order
steps=$(awk '/^## First steps/{f=1; next} f && /^```sh/{b=1; next} b && /^```/{exit} b && /^yourside /{sub(/ +#.*/, ""); print}' "$here/README.md")
told=$("$ys" 2>&1 | sed -n '/^Start here/,/^$/p' | grep -o 'yourside [a-z].*' | sed 's/  \+.*//')
if [ -z "$steps" ] || [ "$steps" != "$told" ]; then
	echo "FAIL docs: README's first steps differ from what 'yourside' alone says:"
	diff <(echo "$steps") <(echo "$told") | head -10
	fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
echo "docs: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
