#!/usr/bin/env python3
"""quality-stratus.py: yourside detect's default run (no flag but the input) on each of Stratus Red
Team's 35 detonation logs (shared/data/cloudtrail, Apache-2.0): alerted or not, by which rules,
and the share of the attack's own events (tests/data/stratus-expected.tsv) that its alerts list.
Prints a Markdown table and a closing line.
usage: bench/quality-stratus.py path/to/yourside SHARED_DATA"""
import json, os, subprocess, sys

ys, shared = sys.argv[1], sys.argv[2]
logs = os.path.join(shared, "cloudtrail", "stratus-red-team-detonation-logs")
here = os.path.dirname(os.path.abspath(__file__))
calls = {}
for line in open(os.path.join(here, "..", "tests", "data", "stratus-expected.tsv")):
    if line.startswith("#") or not line.strip():
        continue
    tech, rules, names = line.rstrip("\n").split("\t")
    calls[tech] = set(names.split(","))
print("| technique | alerted by (default run) | attack events listed |")
print("| --- | --- | --- |")
caught = covered = total = 0
for f in sorted(x for x in os.listdir(logs) if x.endswith(".json")):
    tech = f[len("aws."):-len(".json")]
    doc = json.load(open(os.path.join(logs, f)))
    recs = doc["Records"] if isinstance(doc, dict) else doc
    attack = {r["eventID"] for r in recs if r["eventName"] in calls.get(tech, ())}
    out = subprocess.run([ys, "detect", "--format", "jsonl", os.path.join(logs, f)], capture_output=True, text=True)
    alerts = [json.loads(l) for l in out.stdout.splitlines()]
    listed = {e for a in alerts for e in a["event_ids"]} & attack
    rules = sorted({"%s (%s)" % (a["rule"], a["severity"]) for a in alerts})
    caught += bool(alerts)
    covered += len(listed)
    total += len(attack)
    print("| %s | %s | %d of %d |" % (tech, ", ".join(rules) or "**none**", len(listed), len(attack)))
print("\nstratus quality: %d of 35 techniques alerted; %d of %d attack events listed in their alerts (%.0f%%)"
      % (caught, covered, total, 100.0 * covered / max(1, total)))
