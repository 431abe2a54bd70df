# each listed record of panther-analysis's rule tests alone through the default run: what
# yourside says of it, against what the case list wants
import json, os, subprocess, sys
ys = os.environ["YS"]
data = sys.argv[1]
tests = {}
for line in open(data):
    t = json.loads(line)
    tests.setdefault((t["file"].rsplit("/", 1)[-1], t["test"]), t)
rank = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
ok = bad = 0
for line in open("cases.tsv"):
    if line.startswith("#") or not line.strip():
        continue
    f, name, want = line.rstrip("\n").split("\t")
    with open("rec.json", "w") as out:
        json.dump({"Records": [tests[(f, name)]["log"]]}, out)
    res = subprocess.run([ys, "detect", "--format", "jsonl", "rec.json"], capture_output=True, text=True)
    alerts = [json.loads(l) for l in res.stdout.splitlines()]
    worst = max((rank[a["severity"]] for a in alerts), default=-1)
    good = worst >= 0 if want == "alert" else worst < 2
    ok, bad = ok + good, bad + (not good)
    said = ", ".join(sorted("%s %s" % (a["severity"], a["rule"]) for a in alerts)) or "nothing"
    print("%-4s %-5s %s: %s" % ("ok" if good else "MISS", want, name, said))
print("labelled: %d passed, %d failed" % (ok, bad))
