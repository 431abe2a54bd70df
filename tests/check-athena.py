#!/usr/bin/env python3
"""check-athena.py: every Stratus Red Team file, read as Athena exports it (tests/gen/athena.py:
lower-case member names, some objects as JSON text in strings), raises exactly the rule alerts
the file raises as CloudTrail wrote it; and so does a synthetic trail with its attacks (the S3
policy inspector and the behaviour detectors included): the same alerts on the same events."""
import json
import os
import subprocess
import sys
import tempfile

ys, shared = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
stratus = os.path.join(shared, "cloudtrail", "stratus-red-team-detonation-logs")


def rules(path):
    out = subprocess.run([ys, "detect", "--no-behaviour", "--format", "jsonl", path],
                         capture_output=True, text=True, check=False).stdout
    return sorted(json.loads(line)["rule"] for line in out.splitlines())


passed = failed = alerting = 0
with tempfile.TemporaryDirectory() as tmp:
    for name in sorted(os.listdir(stratus)):
        if not name.endswith(".json"):
            continue
        src = os.path.join(stratus, name)
        dst = os.path.join(tmp, name + "l")
        with open(dst, "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, os.path.join(here, "gen", "athena.py"), src],
                           stdout=f, check=True)
        want, got = rules(src), rules(dst)
        alerting += bool(want)
        if want != got:
            print(f"FAIL athena {name}: as written {want}, as Athena exports it {got}")
            failed += 1
        else:
            passed += 1
    # the synthetic weeks: every alert, rule and events, the same both ways
    gen = os.path.join(tmp, "gen")
    subprocess.run([sys.executable, os.path.join(here, "gen", "make-trail.py"), "--jsonl",
                    "--days", "16", gen], stdout=subprocess.DEVNULL, check=True)
    src = os.path.join(gen, "trail.jsonl")
    dst = os.path.join(tmp, "athena-trail.jsonl")
    with open(dst, "w", encoding="utf-8") as f:
        subprocess.run([sys.executable, os.path.join(here, "gen", "athena.py"), src],
                       stdout=f, check=True)

    def alerts(path):
        out = subprocess.run([ys, "detect", "--format", "jsonl", path],
                             capture_output=True, text=True, check=False).stdout
        return sorted((a["rule"], tuple(a["event_ids"])) for a in map(json.loads, out.splitlines()))

    want, got = alerts(src), alerts(dst)
    rules_seen = {r for r, _ in want}
    if want != got or "yourside_s3_public" not in rules_seen:
        only = sorted(set(want) ^ set(got))[:5]
        print(f"FAIL athena synthetic trail: {len(want)} alerts as written, {len(got)} as "
              f"Athena exports it; differing: {only}")
        failed += 1
    else:
        passed += 1
print(f"athena: {passed} passed, {failed} failed")
# the comparison means something only if the files raise alerts at all
sys.exit(1 if failed or alerting < 30 else 0)
