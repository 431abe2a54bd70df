#!/usr/bin/env python3
"""shape.py: every field path of gitleaks' SARIF example is in yourside's SARIF too, so a
reader built for gitleaks' SARIF reads yourside's. Paths are dotted, arrays as []."""
import json, sys

# gitleaks puts the commit message in partialFingerprints; yourside does not copy commit
# messages into reports (they are free text that can hold anything, credentials included)
OMITTED = {"runs[].results[].partialFingerprints.commitMessage"}


def paths(v, prefix=""):
    out = set()
    if isinstance(v, dict):
        for k, x in v.items():
            p = prefix + "." + k if prefix else k
            out.add(p)
            out |= paths(x, p)
    elif isinstance(v, list):
        for x in v:
            out |= paths(x, prefix + "[]")
    return out


theirs = paths(json.load(open(sys.argv[1])))
ours = set()
for f in sys.argv[2:]:
    ours |= paths(json.load(open(f)))
missing = sorted(p for p in theirs - ours if p not in OMITTED and not p.startswith("$schema"))
for p in missing:
    print("FAIL sarif shape: yourside lacks %s" % p)
print("sarif shape: %d passed, %d failed" % (len(theirs) - len(missing), len(missing)))
sys.exit(1 if missing else 0)
