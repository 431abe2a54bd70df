#!/usr/bin/python3
"""compare.py: joins yourside's decisions (iam simulate --format jsonl) with the oracle's
(iam-simulate.mjs) request by request; every disagreement must be pinned in pinned.tsv with
the documentation yourside follows, and every pin must still disagree.
Usage: compare.py YOURSIDE.jsonl ORACLE.jsonl PINNED.tsv [--no-pins]"""
import json, os, sys

def load(path):
    out = {}
    for line in open(path):
        r = json.loads(line)
        out[(os.path.basename(r["file"]), r["set"], r["request"])] = r
    return out

def main():
    ys, oracle = load(sys.argv[1]), load(sys.argv[2])
    pins = {}
    if "--no-pins" not in sys.argv:
        for line in open(sys.argv[3]):
            if line.startswith("#") or not line.strip():
                continue
            f, s, r, said, why = line.rstrip("\n").split("\t")
            pins[(f, int(s), int(r))] = (said, why)
    bad = agree = pinned = refused = 0
    for key, y in sorted(ys.items()):
        o = oracle.get(key)
        if o is None:
            print("%s set %d request %d: the oracle gave no answer" % key)
            bad += 1
            continue
        if o["decision"] == "refused":
            refused += 1
            print("%s set %d request %d: the oracle refused the input: %s" % (key + (o.get("message", ""),)))
            continue
        if o["decision"] == y["decision"]:
            if key in pins:
                print("%s set %d request %d: pinned, but both now say %s" % (key + (y["decision"],)))
                bad += 1
            else:
                agree += 1
            continue
        if key in pins and pins[key][0] == o["decision"]:
            pinned += 1
            continue
        print("%s set %d request %d (%s %s %s): yourside says %s, iam-simulate %s" % (
            key + (y["principal"], y["action"], y["resource"], y["decision"], o["decision"])))
        bad += 1
    print("%d requests: %d agree, %d pinned disagreements, %d refused by the oracle, %d unexplained"
          % (len(ys), agree, pinned, refused, bad))
    sys.exit(1 if bad else 0)

main()
