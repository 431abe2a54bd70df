#!/usr/bin/python3
"""check-report-dom.py: the report page as Chromium rendered it against the report's JSON: the
verdict, the counts, the top risks in order, and every finding row (severity, source, what,
where, what to do) in the JSON's order; the vendor chain's rows (each outsider but AWS's services,
with its severity, then each SaaS vendor whose keys were found) as the JSON's "vendors" has them; nothing fetched or linked from outside the page (a
command's text may name an address). Exit 1 on a difference.

usage: check-report-dom.py DOM.html REPORT.json"""
import json, re, sys
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.top, self.verdict = [], [], ""
        self.outsiders, self.saas = [], 0
        self.in_row = self.in_cell = self.in_top = self.in_verdict = False
        self.cell = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and a.get("class") == "finding":
            self.in_row = True
            self.rows.append({"severity": a.get("data-severity"), "source": a.get("data-source"), "cells": []})
        elif tag == "tr" and a.get("class") == "outsider":
            self.outsiders.append(a.get("data-severity"))
        elif tag == "tr" and a.get("class") == "saas-vendor":
            self.saas += 1
        elif tag == "td" and self.in_row:
            self.in_cell, self.cell = True, ""
        elif tag == "li" and self.in_top_list:
            self.in_top, self.cell = True, ""
        elif tag == "ol" and a.get("id") == "top":
            self.in_top_list = True
        elif tag == "p" and a.get("id") == "verdict":
            self.in_verdict = True

    in_top_list = False

    def handle_endtag(self, tag):
        if tag == "td" and self.in_cell:
            self.rows[-1]["cells"].append(self.cell)
            self.in_cell = False
        elif tag == "tr":
            self.in_row = False
        elif tag == "li" and self.in_top:
            self.top.append(self.cell.strip())
            self.in_top = False
        elif tag == "ol":
            self.in_top_list = False
        elif tag == "p":
            self.in_verdict = False

    def handle_data(self, data):
        if self.in_cell or self.in_top:
            self.cell += data
        if self.in_verdict:
            self.verdict += data


dom = open(sys.argv[1], encoding="utf-8").read()
r = json.load(open(sys.argv[2]))
p = Page()
p.feed(dom)
bad = []
if r["verdict"] not in p.verdict:
    bad.append("the verdict shown is not the JSON's")
if len(p.rows) != len(r["findings"]):
    bad.append("%d finding rows, %d findings in the JSON" % (len(p.rows), len(r["findings"])))
for i, (row, f) in enumerate(zip(p.rows, r["findings"])):
    want = [f["severity"], f["source"], f["title"], f["where"], f["remediation"]]
    if row["severity"] != f["severity"] or row["source"] != f["source"] or row["cells"] != want:
        bad.append("row %d: %s, JSON %s" % (i + 1, row["cells"][:3], want[:3]))
v = r.get("vendors") or {}
want = [o["severity"] for o in (v.get("outsiders") or []) if o["kind"] != "AWS service"]
if p.outsiders != want:
    bad.append("outsiders shown %s, JSON %s" % (p.outsiders, want))
if p.saas != len(v.get("saas") or []):
    bad.append("%d SaaS vendors shown, %d in the JSON" % (p.saas, len(v.get("saas") or [])))
if [t.split(" ", 1)[1] if " " in t else t for t in p.top] != r["top_risks"]:
    bad.append("top risks shown %s, JSON %s" % (p.top, r["top_risks"]))
# nothing is fetched or linked from outside: no address in an attribute or a stylesheet's url()
# (a command's text may name one, as `aws sqs ... --queue-url https://sqs...` does)
fetched = re.findall(r"(?:\b(?:href|src|action|srcset|data|poster)\s*=\s*[\"']?|url\(\s*[\"']?)(https?://[^\s\"'<>)]+)", dom)
for url in set(fetched) - {"http://www.w3.org/2000/svg"}:
    bad.append("the page fetches or links %s" % url)
for b in bad[:20]:
    print(b)
print("report page: %d findings, %d top risks, %d outsiders and %d SaaS vendors checked against the JSON, %d differences" % (
    len(p.rows), len(p.top), len(p.outsiders), p.saas, len(bad)))
sys.exit(1 if bad else 0)
