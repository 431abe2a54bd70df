#!/usr/bin/env python3
"""quality-panther.py: yourside detect on the labelled CloudTrail records of panther-analysis's rule
tests (tests/data/panther-cloudtrail, Apache-2.0, Panther Labs): each record alone through the
default run (no flag but the input), as a rule that sees only that record.

  must alert:  a test that expects its rule to fire, of a rule of Medium severity or worse
  look-alike:  a test that expects its rule not to fire (any severity)
Tests whose label comes from state mocked in the test (allow-lists, caches; listed in the
folder's README) are left out: no tool that reads the record alone can know it.

Prints recall (share of must-alert records with any alert of yourside's), false alarms (share of
look-alikes with an alert of medium or worse, and of low or worse), and with -v each miss and
each false alarm.
usage: bench/quality-panther.py path/to/yourside [-v] [--json OUT]"""
import json, os, re, subprocess, sys, tempfile

ys = sys.argv[1]
verbose = "-v" in sys.argv
here = os.path.dirname(os.path.abspath(__file__))
data = os.path.join(here, "..", "tests", "data", "panther-cloudtrail")
mocked = set()
for line in open(os.path.join(data, "README.md")):
    m = re.match(r"\s*\* (rules/\S+\.yml): '(.*)' mocks ", line)
    if m:
        mocked.add((m.group(1), m.group(2)))
tests = [json.loads(l) for l in open(os.path.join(data, "tests.jsonl"))]
rank = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
rows = []
with tempfile.TemporaryDirectory() as tmp:
    for i, t in enumerate(tests):
        if (t["file"], t["test"]) in mocked:
            continue
        path = os.path.join(tmp, "r%03d.json" % i)
        with open(path, "w") as f:
            json.dump({"Records": [t["log"]]}, f)
        out = subprocess.run([ys, "detect", "--format", "jsonl", path], capture_output=True, text=True)
        alerts = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
        worst = max((rank[a["severity"]] for a in alerts), default=-1)
        rows.append((t, alerts, worst))
must = [r for r in rows if r[0]["expected"] and r[0]["severity"] in ("Medium", "High", "Critical")]
look = [r for r in rows if not r[0]["expected"]]
caught = [r for r in must if r[2] >= 0]
fa_med = [r for r in look if r[2] >= 2]
fa_low = [r for r in look if r[2] >= 1]
print("panther-analysis rule tests: %d records read (%d mocked left out)" % (len(rows), len(tests) - len(rows)))
print("must alert: %d of %d caught (%.0f%%)" % (len(caught), len(must), 100.0 * len(caught) / max(1, len(must))))
print("look-alikes: %d of %d with an alert of medium or worse (%.0f%%), %d low or worse (%.0f%%)" % (
    len(fa_med), len(look), 100.0 * len(fa_med) / max(1, len(look)), len(fa_low), 100.0 * len(fa_low) / max(1, len(look))))
if verbose:
    for t, a, w in must:
        if w < 0:
            print("MISS  %-48s %s" % (t["rule"], t["test"]))
    for t, a, w in look:
        if w >= 2:
            print("FALSE %-48s %s -> %s" % (t["rule"], t["test"], ",".join(sorted({x["rule"] + ":" + x["severity"] for x in a if rank[x["severity"]] >= 2}))))
if "--json" in sys.argv:
    json.dump({"must": len(must), "caught": len(caught), "lookalikes": len(look), "false_medium": len(fa_med),
               "false_low": len(fa_low)}, open(sys.argv[sys.argv.index("--json") + 1], "w"))
