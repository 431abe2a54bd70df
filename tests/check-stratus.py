#!/usr/bin/env python3
"""check-stratus.py: for every Stratus Red Team technique, the built-in rules and behaviour
detectors that must fire on its records do in the default run (no flag but the input), no
other does, and every alert covers only the attack's own calls (tests/data/stratus-expected.tsv), never the set-up noise around them.
usage: tests/check-stratus.py path/to/yourside SHARED_DATA"""
import collections, json, os, subprocess, sys

ys, shared = sys.argv[1], sys.argv[2]
logs = os.path.join(shared, "cloudtrail", "stratus-red-team-detonation-logs")
here = os.path.dirname(os.path.abspath(__file__))
ranges = os.path.join(here, "data", "aws-ranges-test.json")
want = {}
for line in open(os.path.join(here, "data", "stratus-expected.tsv")):
    if line.startswith("#") or not line.strip():
        continue
    tech, rules, calls = line.rstrip("\n").split("\t")
    want[tech] = (set(rules.split(",")) - {""}, set(calls.split(",")))
ok = bad = 0
files = sorted(f for f in os.listdir(logs) if f.endswith(".json"))
for f in files:
    tech = f[len("aws."):-len(".json")]
    if tech not in want:
        print("FAIL stratus: %s has no line in stratus-expected.tsv" % tech)
        bad += 1
        continue
    rules, calls = want[tech]
    doc = json.load(open(os.path.join(logs, f)))
    name_of = {r["eventID"]: r["eventName"] for r in (doc["Records"] if isinstance(doc, dict) else doc)}
    # the default run: AWS's address ranges as built in, no flag but the input
    out = subprocess.run([ys, "detect", "--no-sigmahq", "--format", "jsonl",
                          os.path.join(logs, f)], capture_output=True, text=True)
    alerts = [json.loads(l) for l in out.stdout.splitlines()]
    fired = {a["rule"] for a in alerts}
    if fired != rules:
        print("FAIL stratus %s: fired %s, want %s" % (tech, sorted(fired), sorted(rules)))
        bad += 1
        continue
    stray = [(a["rule"], name_of.get(e)) for a in alerts for e in a["event_ids"] if name_of.get(e) not in calls]
    if stray:
        print("FAIL stratus %s: alerts on calls that are not the attack: %s" % (tech, stray[:3]))
        bad += 1
        continue
    ok += 1
# every alert of every rule, SigmaHQ's too, carries its MITRE ATT&CK ids
out = subprocess.run([ys, "detect", "--noisy", "--format", "jsonl", "--aws-ranges", ranges, logs],
                     capture_output=True, text=True)
bare = sorted({json.loads(l)["rule"] for l in out.stdout.splitlines() if not json.loads(l)["attack"]})
if bare or not out.stdout:
    print("FAIL stratus: alerts without ATT&CK ids: %s" % bare)
    bad += 1
else:
    ok += 1
if len(files) != len(want):
    print("FAIL stratus: %d techniques in the data, %d in stratus-expected.tsv" % (len(files), len(want)))
    bad += 1
print("stratus: %d passed, %d failed" % (ok, bad))
sys.exit(1 if bad else 0)
