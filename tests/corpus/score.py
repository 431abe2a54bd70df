#!/usr/bin/env python3
"""score.py: precision and recall of a yourside JSON Lines report against labels.jsonl.
A finding is right when its rule, file and secret_sha256 match a label and it names the commit
that introduced the secret (with --any-rule, whatever rule found it: to score another tool's rules,
such as gitleaks' default configuration run by yourside). Prints one line:
precision recall tp fp fn."""
import json, subprocess, sys

any_rule = "--any-rule" in sys.argv
labels_path, report_path, repo = [a for a in sys.argv[1:] if a != "--any-rule"][:3]
subjects = dict(l.split(" ", 1)[::-1] for l in subprocess.run(
    ["git", "-C", repo, "log", "--format=%H %s", "--all"], capture_output=True, text=True, check=True).stdout.split("\n") if l)
labels = {}
for line in open(labels_path):
    l = json.loads(line)
    labels[("" if any_rule else l["rule"], l["file"], l["sha256"])] = subjects.get(l["commit"])
tp = fp = 0
seen = set()
wrong = []
for line in open(report_path):
    f = json.loads(line)
    key = ("" if any_rule else f["rule"], f["file"], f["secret_sha256"])
    if key in labels and key not in seen and (f["commit"] is None or labels[key] == f["commit"]):
        tp += 1
        seen.add(key)
    else:
        fp += 1
        wrong.append("false positive: %s %s:%s" % (f["rule"], f["file"], f["line"]))
missed = [k for k in labels if k not in seen]
for k in missed:
    wrong.append("missed: %s %s" % (k[0], k[1]))
precision = tp / (tp + fp) if tp + fp else 1.0
recall = tp / (tp + len(missed)) if labels else 1.0
for w in wrong[:20]:
    print(w, file=sys.stderr)
print("%.4f %.4f %d %d %d" % (precision, recall, tp, fp, len(missed)))
