#!/usr/bin/python3
"""check-orgmap-dom.py: an organization's map page as Chromium rendered it (--dump-dom) against
the map's JSON: one cell per audited account and layer with the status the JSON gives and a
label that says it in words, a not-audited row for each account that was not, the summary's
counts; and, from a copy of the page rendered 1280 pixels wide with a measuring script, that the
page does not scroll sideways. Prints what differs; exit 1 when anything does.

usage: check-orgmap-dom.py DOM.html MAP.json [WIDTH-DOM.html]"""
import json, re, sys
from html.parser import HTMLParser

WORDS = {"none": "—", "aws": "AWS", "in place": "✓ in place", "partly": "◐ partly",
         "missing": "✗ missing", "not seen": "? not seen"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self.unaudited, self.counts, self.stack = {}, set(), {}, []
        self.cur = self.count = None
        self.width = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append(tag)
        cls = a.get("class", "").split()
        if tag == "body" and "data-scroll-width" in a:
            self.width = (int(a["data-scroll-width"]), int(a["data-client-width"]))
        if tag == "g" and "cell" in cls:
            self.cur = (a["data-account"], a["data-layer"])
            self.cells[self.cur] = {"status": a["data-status"], "text": ""}
            self.depth = len(self.stack)
        if tag == "g" and "not-audited" in cls:
            self.unaudited.add(a["data-account"])
        if tag == "td" and "data-count" in a:
            self.count = a["data-count"]
            self.counts[self.count] = ""

    def handle_endtag(self, tag):
        if self.cur and tag == "g" and len(self.stack) == self.depth:
            self.cur = None
        if tag == "td":
            self.count = None
        while self.stack and self.stack.pop() != tag:
            pass

    def handle_data(self, data):
        if self.cur and self.stack and self.stack[-1] == "text":
            self.cells[self.cur]["text"] += data
        if self.count:
            self.counts[self.count] += data.strip()


dom = open(sys.argv[1], encoding="utf-8").read()
m = json.load(open(sys.argv[2]))
p = Page()
p.feed(dom)
bad, want = [], 0
for acc in m["accounts"]:
    if not acc["audited"]:
        if acc["id"] not in p.unaudited:
            bad.append("account %s is not audited, but the page draws no such row" % acc["id"])
        if any(k[0] == acc["id"] for k in p.cells):
            bad.append("account %s is not audited, but the page draws cells for it" % acc["id"])
        continue
    for c in acc["cells"]:
        want += 1
        got = p.cells.get((acc["id"], c["layer"]))
        if not got:
            bad.append("no cell for %s/%s" % (acc["id"], c["layer"]))
        elif got["status"] != c["now"]:
            bad.append("%s/%s: drawn %s, JSON %s" % (acc["id"], c["layer"], got["status"], c["now"]))
        elif not got["text"].startswith(WORDS[c["now"]]):
            bad.append("%s/%s: its label '%s' does not say '%s'" % (acc["id"], c["layer"], got["text"], WORDS[c["now"]]))
if len(p.cells) != want:
    bad.append("%d cells drawn, %d in the JSON" % (len(p.cells), want))
for k in ("in place", "partly", "missing", "not seen"):
    if p.counts.get(k) != str(m["yours"][k]):
        bad.append("summary '%s': page %s, JSON %s" % (k, p.counts.get(k), m["yours"][k]))
if p.counts.get("not audited") != str(m["not_audited"]):
    bad.append("summary 'not audited': page %s, JSON %s" % (p.counts.get("not audited"), m["not_audited"]))
for url in re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", dom):
    bad.append("the page links %s" % url)
width = ""
if len(sys.argv) > 3:
    w = Page()
    w.feed(open(sys.argv[3], encoding="utf-8").read())
    if not w.width:
        bad.append("the measuring copy did not say its width")
    elif w.width[0] > w.width[1]:
        bad.append("the page is %d pixels wide in a %d-pixel window: it scrolls sideways" % w.width)
    else:
        width = ", %d pixels wide in a %d-pixel window" % w.width
for b in bad[:20]:
    print(b)
print("organization map page: %d cells of %d accounts checked against the JSON%s, %d differences" % (
    want, len(m["accounts"]), width, len(bad)))
sys.exit(1 if bad else 0)
