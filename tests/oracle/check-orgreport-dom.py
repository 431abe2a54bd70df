#!/usr/bin/python3
"""check-orgreport-dom.py: an organization's report page as Chromium rendered it against the
report's JSON organization object: every organization finding that is not a pass as a row, each
account as a row in the JSON's order (those not audited saying so, with their reason), each
control failing in the most accounts with its count; and, from a copy rendered 1280 pixels wide
with a measuring script, that the page does not scroll sideways. (check-report-dom.py checks the
verdict, the top risks and every finding.) Exit 1 on a difference.

usage: check-orgreport-dom.py DOM.html REPORT.json [WIDTH-DOM.html]"""
import json, sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.org, self.accounts, self.controls = [], [], []
        self.row = None
        self.text = ""
        self.width = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "")
        if tag == "body" and "data-scroll-width" in a:
            self.width = (int(a["data-scroll-width"]), int(a["data-client-width"]))
        if tag == "tr" and cls in ("org-finding", "account", "control"):
            self.row = (cls, a)
            self.text = ""

    def handle_endtag(self, tag):
        if tag == "tr" and self.row:
            cls, a = self.row
            if cls == "org-finding":
                self.org.append((a["data-check"], a["data-status"], self.text))
            elif cls == "account":
                self.accounts.append((a["data-account"], a["data-audited"], self.text))
            else:
                self.controls.append((a["data-check"], int(a["data-accounts"])))
            self.row = None

    def handle_data(self, data):
        if self.row:
            self.text += data


p = Page()
p.feed(open(sys.argv[1], encoding="utf-8").read())
org = json.load(open(sys.argv[2]))["organization"]
bad = []
want = [(f["check"], f["status"], f["message"]) for f in org["findings"] if f["status"] != "pass"]
if len(p.org) != len(want):
    bad.append("%d organization rows, %d organization findings that are not a pass in the JSON" % (len(p.org), len(want)))
for got, w in zip(p.org, want):
    if got[:2] != w[:2] or w[2] not in got[2]:
        bad.append("organization row %s/%s, JSON %s/%s" % (got[0], got[1], w[0], w[1]))
if [a[0] for a in p.accounts] != [a["id"] for a in org["accounts"]]:
    bad.append("account rows %s, JSON %s" % ([a[0] for a in p.accounts], [a["id"] for a in org["accounts"]]))
for got, a in zip(p.accounts, org["accounts"]):
    if (got[1] == "yes") != a["audited"]:
        bad.append("account %s: audited %s on the page, %s in the JSON" % (a["id"], got[1], a["audited"]))
    if not a["audited"] and (a["reason"] not in got[2] or "not audited" not in got[2]):
        bad.append("account %s: the page does not say it was not audited, and why" % a["id"])
    if a["worst"] and a["worst"]["message"] not in got[2]:
        bad.append("account %s: its worst finding is not shown" % a["id"])
if p.controls != [(c["check"], c["accounts"]) for c in org["failing_in_most"]]:
    bad.append("controls failing in the most accounts differ from the JSON")
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
print("organization report page: %d organization rows, %d accounts and %d controls checked against the JSON%s, "
      "%d differences" % (len(p.org), len(p.accounts), len(p.controls), width, len(bad)))
sys.exit(1 if bad else 0)
