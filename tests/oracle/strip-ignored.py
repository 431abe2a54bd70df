#!/usr/bin/python3
"""strip-ignored.py: rewrites a policy test file without the context keys iam-simulate ignored
for each request (keys that do not apply to the action, which it drops before deciding), so
both evaluators decide the same request. Usage: strip-ignored.py FILE ORACLE.jsonl > CLEAN"""
import json, sys

doc = json.load(open(sys.argv[1]))
sets = doc if isinstance(doc, list) else [doc]
for line in open(sys.argv[2]):
    o = json.loads(line)
    if not o.get("ignored"):
        continue
    req = sets[o["set"] - 1]["requests"][o["request"] - 1]
    gone = {k.lower() for k in o["ignored"]}
    req["context"] = {k: v for k, v in req.get("context", {}).items() if k.lower() not in gone}
json.dump(doc, sys.stdout, indent=1)
sys.stdout.write("\n")
