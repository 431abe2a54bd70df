#!/usr/bin/python3
"""check-map-dom.py: the map page as Chromium rendered it (--dump-dom) against the map's JSON:
both figures hold one cell per service and layer, each with the owner and status the JSON gives
(figure 1: now, figure 2: after), and a visible label that says the status in words (colour is
never the only carrier); the summary's counts are the JSON's; the vendors' side of the line has
a row per outsider (AWS's services aside) with the JSON's severity; the page names no address
outside itself. Prints what differs; exit 1 when anything does.

usage: check-map-dom.py DOM.html MAP.json"""
import json, re, sys
from html.parser import HTMLParser

WORDS = {"none": "—", "aws": "AWS", "in place": "✓ in place", "partly": "◐ partly",
         "missing": "✗ missing", "not seen": "? not seen"}


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells, self.counts, self.stack, self.cur, self.count = {}, {}, [], None, None
        self.figures = set()
        self.outsiders = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append(tag)
        if tag == "svg" and "data-figure" in a:
            self.figures.add(a["data-figure"])
        if tag == "g" and "cell" in a.get("class", "").split():
            self.cur = (a["data-figure"], a["data-service"], a["data-layer"])
            self.cells[self.cur] = {"owner": a["data-owner"], "status": a["data-status"], "text": ""}
            self.depth = len(self.stack)
        if tag == "tr" and a.get("class") == "outsider":
            self.outsiders.append(a.get("data-severity"))
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
p = Cells()
p.feed(dom)
bad = []
if p.figures != {"1", "2"}:
    bad.append("figures drawn: %s, not 1 and 2" % sorted(p.figures))
want = 0
for s in m["services"]:
    for c in s["cells"]:
        for fig, key in (("1", "now"), ("2", "after")):
            want += 1
            got = p.cells.get((fig, s["id"], c["layer"]))
            if not got:
                bad.append("figure %s has no cell for %s/%s" % (fig, s["id"], c["layer"]))
                continue
            if got["owner"] != c["owner"] or got["status"] != c[key]:
                bad.append("figure %s %s/%s: drawn %s/%s, JSON %s/%s" % (fig, s["id"], c["layer"], got["owner"],
                                                                        got["status"], c["owner"], c[key]))
            if not got["text"].startswith(WORDS[c[key]]):
                bad.append("figure %s %s/%s: its label '%s' does not say '%s'" % (fig, s["id"], c["layer"],
                                                                              got["text"], WORDS[c[key]]))
if len(p.cells) != want:
    bad.append("%d cells drawn, %d in the JSON" % (len(p.cells), want))
yours = m["yours"]
for k in ("in place", "partly", "missing", "not seen"):
    if p.counts.get(k) != str(yours[k]):
        bad.append("summary '%s': page %s, JSON %s" % (k, p.counts.get(k), yours[k]))
if p.counts.get("yours") != str(sum(yours.values())):
    bad.append("summary 'yours': page %s, JSON %s" % (p.counts.get("yours"), sum(yours.values())))
v = (m.get("vendors") or {}).get("outsiders") or []
if p.outsiders != [o["severity"] for o in v if o["kind"] != "AWS service"]:
    bad.append("outsiders shown %s, JSON %s" % (p.outsiders, [o["severity"] for o in v if o["kind"] != "AWS service"]))
for url in re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", dom):
    bad.append("the page loads %s" % url)
for url in set(re.findall(r"https?://[^\s\"'<>]+", dom)) - {"http://www.w3.org/2000/svg"}:
    bad.append("the page names %s" % url)
for b in bad[:20]:
    print(b)
print("map page: %d cells in 2 figures and %d outsiders checked against the JSON, %d differences" % (
    len(p.cells), len(p.outsiders), len(bad)))
sys.exit(1 if bad else 0)
