#!/usr/bin/env bash
# check-pages.sh: the pages yourside writes (`map --format html`, `report --format html`) rendered
# by a real headless Chromium (Debian's chromium): each must render without a console error or a
# blocked request and say what its JSON says (tests/oracle/check-map-dom.py: both figures, cell
# by cell; tests/oracle/check-report-dom.py: the verdict, the top risks, every finding row), and
# a screenshot of each is kept as an artifact (build/artifacts/*.png). The harness is first shown a page with a console
# error and one that loads an image from the network, and must catch both. An organization's pages
# (tests/oracle/check-orgmap-dom.py, check-orgreport-dom.py) must also fit a 1280-pixel window
# without scrolling sideways, measured on a copy that writes its own width (shown a page too wide
# first, which it must catch); the vendors page (tests/oracle/check-vendors-dom.py) a 1280- and a
# 390-pixel one.
set -u
ys=$(realpath "${1:?usage: check-pages.sh path/to/yourside}")
here=$(cd "$(dirname "$0")/.." && pwd)
art="$here/build/artifacts"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$art"
chrome=$(command -v chromium || true)
[ -n "$chrome" ] || { echo "check-pages: needs Debian's chromium"; exit 1; }
fail=0

# render PAGE PNG: the DOM after rendering on stdout, console messages in $work/console
render() {
	timeout 120 "$chrome" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
		--user-data-dir="$work/profile" --enable-logging=stderr --v=0 --window-size=1400,2000 \
		--virtual-time-budget=3000 --dump-dom "file://$1" 2>"$work/chrome.log"
	grep -E 'CONSOLE|Refused to|net::ERR' "$work/chrome.log" >"$work/console" || true
	[ -z "${2:-}" ] || timeout 120 "$chrome" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
		--no-first-run --user-data-dir="$work/profile" --window-size=1400,2000 --screenshot="$2" \
		"file://$1" >/dev/null 2>&1
}

# the harness itself: a console error, and a request to the network (which the page's policy
# blocks and Chromium reports on the console), must both show
printf '<!DOCTYPE html><html><body><script>console.error("planted error")</script></body></html>' >"$work/bad1.html"
render "$work/bad1.html" >/dev/null
grep -q "planted error" "$work/console" || { echo "FAIL map: the harness misses a console error"; fail=1; }
printf '<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src %s"></head><body><img src="http://192.0.2.1/x.png"></body></html>' "'none'" >"$work/bad2.html"
render "$work/bad2.html" >/dev/null
grep -q "192.0.2.1" "$work/console" || { echo "FAIL map: the harness misses a blocked request"; fail=1; }

one() { # name snapshot
	local name=$1 snap=$2 rc
	"$ys" map --format json "$snap" >"$work/$name.json" 2>"$work/$name.err"
	rc=$?
	[ $rc -le 1 ] || { echo "FAIL map/$name: json exited $rc: $(head -2 "$work/$name.err")"; fail=1; return; }
	"$ys" map --format html --output "$work/$name.html" "$snap" 2>/dev/null
	render "$work/$name.html" "$art/map-$name.png" >"$work/$name.dom"
	if [ -s "$work/console" ]; then
		echo "FAIL map/$name: the page logged:"; head -5 "$work/console"; fail=1
	fi
	if ! /usr/bin/python3 "$here/tests/oracle/check-map-dom.py" "$work/$name.dom" "$work/$name.json" >"$work/$name.cmp"; then
		echo "FAIL map/$name:"; head -10 "$work/$name.cmp"; fail=1
	fi
	[ "$(stat -c %s "$art/map-$name.png" 2>/dev/null || echo 0)" -gt 20000 ] ||
		{ echo "FAIL map/$name: no screenshot (or a blank one)"; fail=1; }
	[ $fail = 1 ] || echo "map/$name: $(tail -1 "$work/$name.cmp"); screenshot build/artifacts/map-$name.png"
}

one example "$here/examples/snapshot-insecure"
# a snapshot with nothing in it, and one with only its IAM half
mkdir -p "$work/empty" "$work/partial/global"
cp -R "$here/examples/snapshot-insecure/global/iam" "$work/partial/global/"
cp "$here/examples/snapshot-insecure/account.json" "$work/partial/"
one empty "$work/empty"
one partial "$work/partial"

# the report over everything: the example snapshot, a leaked key used in a trail, the Code
# Spaces trail's alerts; and over alerts alone
report() { # name, then report's arguments
	local name=$1
	shift
	"$ys" report --format json "$@" >"$work/$name.json" 2>"$work/$name.err"
	"$ys" report --format html --output "$work/$name.html" "$@" 2>/dev/null
	render "$work/$name.html" "$art/report-$name.png" >"$work/$name.dom"
	if [ -s "$work/console" ]; then
		echo "FAIL report/$name: the page logged:"; head -5 "$work/console"; fail=1
	elif ! /usr/bin/python3 "$here/tests/oracle/check-report-dom.py" "$work/$name.dom" "$work/$name.json" >"$work/$name.cmp"; then
		echo "FAIL report/$name:"; head -10 "$work/$name.cmp"; fail=1
	else
		echo "report/$name: $(tail -1 "$work/$name.cmp"); screenshot build/artifacts/report-$name.png"
	fi
}
/usr/bin/python3 "$here/tests/gen/incident-data.py" "$work/inc"
(cd "$work/inc" && "$ys" secrets --no-progress --format jsonl app >findings.jsonl 2>/dev/null)
/usr/bin/python3 "$here/examples/make-attack-trail.py" "$work/attack" >/dev/null
"$ys" detect --format jsonl "$work/attack" >"$work/alerts.jsonl" 2>/dev/null
report everything --snapshot "$work/inc/snap" --secrets "$work/inc/findings.jsonl" --trail "$work/inc/trail" \
	--alerts "$work/alerts.jsonl" --now 2026-11-21T00:00:00Z
report alerts --alerts "$work/alerts.jsonl" --now 2026-11-21T00:00:00Z
cp "$here/tests/cases/report/saas-vendors/input/findings.jsonl" "$work/saas.jsonl"
report saas --snapshot "$here/examples/snapshot-insecure" --secrets "$work/saas.jsonl" --now 2026-11-21T00:00:00Z

# an organization's pages must fit a 1280-pixel screen: a copy of the page, its policy taken out
# and a script put in that writes the page's width on its body, rendered 1280 pixels wide
measure() { # page, dom out[, width]
	sed -e 's#<meta http-equiv="Content-Security-Policy"[^>]*>##' \
		-e 's#</body>#<script>document.body.setAttribute("data-scroll-width", document.documentElement.scrollWidth); document.body.setAttribute("data-client-width", document.documentElement.clientWidth)</script></body>#' \
		"$1" >"$1.width.html"
	timeout 120 "$chrome" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
		--user-data-dir="$work/profile" --window-size=${3:-1280},2000 --virtual-time-budget=3000 \
		--dump-dom "file://$1.width.html" >"$2" 2>/dev/null
}
# the measure itself: a page wider than the window must say so
printf '<!DOCTYPE html><html><body><div style="width:2000px">wide</div></body></html>' >"$work/wide.html"
measure "$work/wide.html" "$work/wide.width"
grep -q 'data-scroll-width="2[0-9][0-9][0-9]"' "$work/wide.width" ||
	{ echo "FAIL pages: the harness misses a page wider than its window"; fail=1; }
/usr/bin/python3 "$here/tests/gen/org-data.py" "$work/org" --scp partial >/dev/null
orgmap() { # name, then map's arguments
	local name=$1
	shift
	"$ys" map --format json "$@" >"$work/$name.json" 2>"$work/$name.err"
	"$ys" map --format html --output "$work/$name.html" "$@" 2>/dev/null
	render "$work/$name.html" "$art/map-$name.png" >"$work/$name.dom"
	measure "$work/$name.html" "$work/$name.width"
	if [ -s "$work/console" ]; then
		echo "FAIL map/$name: the page logged:"; head -5 "$work/console"; fail=1
	elif ! /usr/bin/python3 "$here/tests/oracle/check-orgmap-dom.py" "$work/$name.dom" "$work/$name.json" \
		"$work/$name.width" >"$work/$name.cmp"; then
		echo "FAIL map/$name:"; head -10 "$work/$name.cmp"; fail=1
	else
		echo "map/$name: $(tail -1 "$work/$name.cmp"); screenshot build/artifacts/map-$name.png"
	fi
}
orgmap organization "$work/org"
orgmap accounts "$work/org/222233334444" "$work/org/444455556666"
orgreport() { # name, then report's arguments
	local name=$1
	shift
	report "$name" "$@"
	measure "$work/$name.html" "$work/$name.width"
	if ! /usr/bin/python3 "$here/tests/oracle/check-orgreport-dom.py" "$work/$name.dom" "$work/$name.json" \
		"$work/$name.width" >"$work/$name.org"; then
		echo "FAIL report/$name:"; head -10 "$work/$name.org"; fail=1
	else
		echo "report/$name: $(tail -1 "$work/$name.org")"
	fi
}
orgreport organization --snapshot "$work/org" --now 2026-11-21T00:00:00Z

# the vendors page: every outsider and its questions as the JSON has them, fitting a laptop's
# 1280 pixels and a phone's 390
vendors() { # name, snapshot
	local name=$1 snap=$2
	"$ys" vendors --format json "$snap" >"$work/$name.json" 2>"$work/$name.err"
	"$ys" vendors --format html --output "$work/$name.html" "$snap" 2>/dev/null
	render "$work/$name.html" "$art/vendors-$name.png" >"$work/$name.dom"
	measure "$work/$name.html" "$work/$name.w1280" 1280
	measure "$work/$name.html" "$work/$name.w390" 390
	if [ -s "$work/console" ]; then
		echo "FAIL vendors/$name: the page logged:"; head -5 "$work/console"; fail=1
	elif ! /usr/bin/python3 "$here/tests/oracle/check-vendors-dom.py" "$work/$name.dom" "$work/$name.json" \
		"$work/$name.w1280" "$work/$name.w390" >"$work/$name.cmp"; then
		echo "FAIL vendors/$name:"; head -10 "$work/$name.cmp"; fail=1
	else
		echo "vendors/$name: $(tail -1 "$work/$name.cmp"); screenshot build/artifacts/vendors-$name.png"
	fi
}
vendors example "$here/examples/snapshot-insecure"
/usr/bin/python3 "$here/tests/gen/vendors-snapshot.py" "$work/vend" >/dev/null
vendors kinds "$work/vend"
exit $fail
