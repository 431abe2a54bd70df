#!/usr/bin/env python3
"""check-alerts.py: compares detect's alerts (JSON Lines) with what make-trail.py expects: every
expected alert raised (same rule, covering every expected event, or one of them with
"any_of"), every alert with its MITRE ATT&CK ids, and no built-in or behaviour
alert that is not expected. Prints one line per problem and a closing count.
usage: check-alerts.py EXPECTED ALERTS"""
import json, sys

expected = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
alerts = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
ok = bad = 0
for e in expected:
    want = set(e["event_ids"])
    if any(a["rule"] == e["rule"] and ((want & set(a["event_ids"])) if e.get("any_of") else want <= set(a["event_ids"]))
           for a in alerts):
        ok += 1
    else:
        bad += 1
        print("missed: %s on %d events (first %s)" % (e["rule"], len(e["event_ids"]), e["event_ids"][0]))
for a in alerts:
    if not a["attack"]:
        bad += 1
        print("no ATT&CK id: %s" % a["rule"])
    if a["source"] not in ("builtin", "behaviour"):
        continue
    if any(a["rule"] == e["rule"] and set(a["event_ids"]) & set(e["event_ids"]) for e in expected):
        ok += 1
    else:
        bad += 1
        print("unexpected: %s on %s at %s by %s" % (a["rule"], a["event_ids"][0], a["time"], a["principal"]))
print("synthetic: %d passed, %d failed" % (ok, bad))
sys.exit(1 if bad else 0)
