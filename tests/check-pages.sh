#!/usr/bin/env bash
# check-pages.sh: the pages yourside writes (`map --format html`, `report --format html`, an
# organization's map and report, `vendors --format html`) rendered by a real headless Chromium
# (Debian's chromium): each must render without a console error or a blocked request and say what
# its JSON says (tests/oracle/check-map-dom.py: both figures, cell by cell; check-report-dom.py: the
# verdict, the top risks, every finding row; check-orgmap-dom.py, check-orgreport-dom.py,
# check-vendors-dom.py), and a screenshot of each is kept as an artifact (build/artifacts/*.png).
# Every page, the map and the report over several snapshots (one with every service the map draws
# and names as long as AWS allows, tests/gen/wide-snapshot.py), must fit a laptop's 1280 pixels
# and a phone's 390 without scrolling sideways and without a box that cuts off what it holds. The
# harness is first shown a page with a console error, one that loads an image from the network,
# one too wide for a laptop, one too wide only for a phone and one that cuts text off, and must
# catch each.
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

# every page must fit a laptop's 1280 pixels and a phone's 390 without scrolling sideways, and cut
# nothing off: a table or a figure too wide scrolls inside its own box, never the page. A copy of
# the page, its policy taken out and measure.js put in, is laid out in a frame that wide (Chromium
# makes no window narrower than 500 pixels); it posts the page's width, its window's, how many
# boxes hide part of what they hold, and the first box that sticks out of the window, and the page
# holding the frame writes them on its body, where tests/oracle/check-org*-dom.py and
# check-vendors-dom.py read them too
cat >"$work/measure.js" <<'JS'
(function () {
	var d = document.documentElement, cw = d.clientWidth, cut = [], wide = "";
	function name(e) { return e.tagName.toLowerCase() + (e.id ? "#" + e.id : ""); }
	function framed(e) {
		for (var a = e.parentElement; a && a !== document.body; a = a.parentElement)
			if (getComputedStyle(a).overflowX !== "visible") return true;
		return false;
	}
	document.querySelectorAll("body *").forEach(function (e) {
		var o = getComputedStyle(e).overflowX;
		if (!(e instanceof SVGElement) && (o === "hidden" || o === "clip") && e.scrollWidth > e.clientWidth + 1)
			cut.push(name(e));
		if (!wide && e.getBoundingClientRect().right > cw + 0.5 && !framed(e))
			wide = name(e);
	});
	parent.postMessage({scroll: d.scrollWidth, client: cw, cut: cut.join(" "), wide: wide}, "*");
})();
JS
measure() { # page, dom out[, width]
	sed -e 's#<meta http-equiv="Content-Security-Policy"[^>]*>##' \
		-e 's#</body>#<script src="measure.js"></script></body>#' "$1" >"$1.width.html"
	printf '<!DOCTYPE html><html><body style="margin:0"><script>addEventListener("message", function (m) {
		for (var k of ["scroll", "client"]) document.body.setAttribute("data-" + k + "-width", m.data[k]);
		document.body.setAttribute("data-cut", m.data.cut); document.body.setAttribute("data-wide", m.data.wide);
		})</script><iframe src="%s" width="%s" height="1900" style="border:0"></iframe></body></html>' \
		"$(basename "$1").width.html" "${3:-1280}" >"$1.frame.html"
	timeout 120 "$chrome" --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
		--user-data-dir="$work/profile" --window-size=1400,2000 --virtual-time-budget=3000 \
		--dump-dom "file://$1.frame.html" >"$2" 2>/dev/null
}
attr() { grep -o " $1=\"[^\"]*\"" "$2" | head -1 | cut -d'"' -f2; }
# fits what page: measured 1280 and 390 pixels wide (page.w1280, page.w390); $fitted says how wide
fits() {
	local what=$1 page=$2 w sw cw cut wide ok=0
	fitted=
	for w in 1280 390; do
		measure "$page" "$page.w$w" $w
		sw=$(attr data-scroll-width "$page.w$w") cw=$(attr data-client-width "$page.w$w")
		cut=$(attr data-cut "$page.w$w") wide=$(attr data-wide "$page.w$w")
		if [ -z "$sw" ] || [ "$cw" != $w ]; then
			echo "FAIL $what: not measured in a $w-pixel window (${cw:-no} width said)"; ok=1
		elif [ "$sw" -gt "$cw" ]; then
			echo "FAIL $what: $sw pixels wide in a $cw-pixel window, it scrolls sideways ($wide sticks out)"; ok=1
		elif [ -n "$cut" ]; then
			echo "FAIL $what: in a $w-pixel window these cut off part of what they hold: $cut"; ok=1
		fi
		fitted="$fitted${fitted:+, }$sw of $cw pixels"
	done
	[ $ok = 0 ] || fail=1
	return $ok
}
# the measure itself: pages wider than a laptop and than a phone, and a box that hides its
# overflow, must each say so
printf '<!DOCTYPE html><html><body><div style="width:2000px">wide</div></body></html>' >"$work/wide.html"
printf '<!DOCTYPE html><html><body><table><tr><td>%s</td></tr></table></body></html>' \
	"secret:wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEYwJalrXUtnFEMIK7MDENGbPxRfiCY" >"$work/phone.html"
printf '<!DOCTYPE html><html><body><p style="overflow:hidden;white-space:nowrap">%0500d</p></body></html>' 0 >"$work/cut.html"
measure "$work/wide.html" "$work/wide.width"
grep -q 'data-scroll-width="2[0-9][0-9][0-9]"' "$work/wide.width" ||
	{ echo "FAIL pages: the harness misses a page wider than its window"; fail=1; }
(! fits self/phone "$work/phone.html" >"$work/phone.out" && grep -q "390-pixel window, it scrolls sideways (table sticks out)" "$work/phone.out" &&
	! grep -q 1280 "$work/phone.out") || { echo "FAIL pages: the harness misses a page wider than a phone: $(cat "$work/phone.out")"; fail=1; }
(fits self/cut "$work/cut.html" >"$work/cut.out"; grep -q "cut off part of what they hold: p" "$work/cut.out") ||
	{ echo "FAIL pages: the harness misses a box that cuts off what it holds: $(cat "$work/cut.out")"; fail=1; }

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
	fits "map/$name" "$work/$name.html"
	[ $fail = 1 ] || echo "map/$name: $(tail -1 "$work/$name.cmp"); $fitted; screenshot build/artifacts/map-$name.png"
}

one example "$here/examples/snapshot-insecure"
# a snapshot with nothing in it, and one with only its IAM half
mkdir -p "$work/empty" "$work/partial/global"
cp -R "$here/examples/snapshot-insecure/global/iam" "$work/partial/global/"
cp "$here/examples/snapshot-insecure/account.json" "$work/partial/"
one empty "$work/empty"
one partial "$work/partial"
# every service the map draws, its names as long as AWS lets them be
/usr/bin/python3 "$here/tests/gen/wide-snapshot.py" "$work/wide" >/dev/null
one wide "$work/wide"

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
	elif fits "report/$name" "$work/$name.html"; then
		echo "report/$name: $(tail -1 "$work/$name.cmp"); $fitted; screenshot build/artifacts/report-$name.png"
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
report wide --snapshot "$work/wide" --now 2026-11-21T00:00:00Z
# others' data: duo-labs/cloudmapper's demo account (BSD-3-Clause), as awscli printed it
cm="$here/../shared/data/posture/samples/cloudmapper-demo"
if [ -d "$cm" ]; then
	/usr/bin/python3 "$here/tests/gen/from-cloudmapper.py" "$cm" "$work/cloudmapper" >/dev/null
	one cloudmapper "$work/cloudmapper"
	report cloudmapper --snapshot "$work/cloudmapper" --now 2026-11-21T00:00:00Z
else
	echo "check-pages: no $cm, the cloudmapper demo's pages are not measured"
fi

/usr/bin/python3 "$here/tests/gen/org-data.py" "$work/org" --scp partial >/dev/null
orgmap() { # name, then map's arguments
	local name=$1
	shift
	"$ys" map --format json "$@" >"$work/$name.json" 2>"$work/$name.err"
	"$ys" map --format html --output "$work/$name.html" "$@" 2>/dev/null
	render "$work/$name.html" "$art/map-$name.png" >"$work/$name.dom"
	if [ -s "$work/console" ]; then
		echo "FAIL map/$name: the page logged:"; head -5 "$work/console"; fail=1
	elif ! fits "map/$name" "$work/$name.html"; then
		:
	elif ! /usr/bin/python3 "$here/tests/oracle/check-orgmap-dom.py" "$work/$name.dom" "$work/$name.json" \
		"$work/$name.html.w1280" >"$work/$name.cmp"; then
		echo "FAIL map/$name:"; head -10 "$work/$name.cmp"; fail=1
	else
		echo "map/$name: $(tail -1 "$work/$name.cmp"); $fitted; screenshot build/artifacts/map-$name.png"
	fi
}
orgmap organization "$work/org"
orgmap accounts "$work/org/222233334444" "$work/org/444455556666"
orgreport() { # name, then report's arguments
	local name=$1
	shift
	report "$name" "$@"
	if ! /usr/bin/python3 "$here/tests/oracle/check-orgreport-dom.py" "$work/$name.dom" "$work/$name.json" \
		"$work/$name.html.w1280" >"$work/$name.org"; then
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
	if [ -s "$work/console" ]; then
		echo "FAIL vendors/$name: the page logged:"; head -5 "$work/console"; fail=1
	elif ! fits "vendors/$name" "$work/$name.html"; then
		:
	elif ! /usr/bin/python3 "$here/tests/oracle/check-vendors-dom.py" "$work/$name.dom" "$work/$name.json" \
		"$work/$name.html.w1280" "$work/$name.html.w390" >"$work/$name.cmp"; then
		echo "FAIL vendors/$name:"; head -10 "$work/$name.cmp"; fail=1
	else
		echo "vendors/$name: $(tail -1 "$work/$name.cmp"); $fitted; screenshot build/artifacts/vendors-$name.png"
	fi
}
vendors example "$here/examples/snapshot-insecure"
/usr/bin/python3 "$here/tests/gen/vendors-snapshot.py" "$work/vend" >/dev/null
vendors kinds "$work/vend"
vendors wide "$work/wide"
exit $fail
