#!/usr/bin/python3
"""check-vendors-dom.py: the vendors page as Chromium rendered it (--dump-dom) against the
command's JSON: the outsiders in the same order with the same kind, id and severity, each with
one row per way in (same severities) and the same questions, word for word, and the count; and,
from copies rendered 1280 and 390 pixels wide with a measuring script, that the page never
scrolls sideways. Prints what differs; exit 1 when anything does.

usage: check-vendors-dom.py DOM.html VENDORS.json [WIDTH-DOM.html...]"""
import json, sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.outsiders, self.count, self.width = [], None, None
        self.q = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "").split()
        if tag == "body" and "data-scroll-width" in a:
            self.width = (int(a["data-scroll-width"]), int(a["data-client-width"]))
        if tag == "span" and a.get("id") == "count":
            self.count = int(a["data-outsiders"])
        if tag == "section" and "outsider" in cls:
            self.outsiders.append({"kind": a["data-kind"], "id": a["data-id"], "severity": a["data-severity"],
                                   "ways": [], "questions": []})
        if tag == "tr" and "way" in cls and self.outsiders:
            self.outsiders[-1]["ways"].append(a["data-severity"])
        if tag == "li" and self.outsiders:
            self.q = ""

    def handle_endtag(self, tag):
        if tag == "li" and self.q is not None:
            self.outsiders[-1]["questions"].append(self.q)
            self.q = None

    def handle_data(self, data):
        if self.q is not None:
            self.q += data


def load(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    return p


page = load(sys.argv[1])
v = json.load(open(sys.argv[2]))
bad = []
want = [o for o in v["outsiders"]]
if len(page.outsiders) != len(want):
    bad.append("%d outsiders on the page, %d in the JSON" % (len(page.outsiders), len(want)))
for i, (got, o) in enumerate(zip(page.outsiders, want)):
    for k in ("kind", "id", "severity"):
        if got[k] != o[k]:
            bad.append("outsider %d: %s %r on the page, %r in the JSON" % (i, k, got[k], o[k]))
    sev = [w["severity"] for w in o["ways"]]
    if got["ways"] != sev:
        bad.append("outsider %s: ways %s on the page, %s in the JSON" % (o["id"], got["ways"], sev))
    if got["questions"] != o["questions"]:
        bad.append("outsider %s: %d questions on the page, %d in the JSON (or their words differ)" %
                   (o["id"], len(got["questions"]), len(o["questions"])))
outsiders = sum(1 for o in want if o["kind"] != "AWS service")
if page.count != outsiders:
    bad.append("the page counts %s outsiders, the JSON %d" % (page.count, outsiders))
for path in sys.argv[3:]:
    w = load(path).width
    if not w:
        bad.append("%s: no width measured" % path)
    elif w[0] > w[1]:
        bad.append("%s: the page is %d pixels wide in a %d-pixel window: it scrolls sideways" % (path, w[0], w[1]))
for b in bad:
    print(b)
print("%d outsiders, %d ways, %d questions, as the JSON says%s" % (
    len(page.outsiders), sum(len(o["ways"]) for o in page.outsiders),
    sum(len(o["questions"]) for o in page.outsiders), "" if not bad else ": NOT"))
sys.exit(1 if bad else 0)
