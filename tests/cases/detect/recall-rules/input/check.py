# which rule alerted on which record: each must-<rule> record alerted by its rule, each
# not-<rule> look-alike not
import json
fired = set()
for line in open("alerts.jsonl"):
    a = json.loads(line)
    for e in a["event_ids"]:
        kind, rule = e.split("-")[0], e.split("-")[1]
        if rule == a["rule"]:
            fired.add((kind, rule))
rules = sorted({r["eventID"].split("-")[1] for r in json.load(open("trail.json"))["Records"]})
for r in rules:
    print(r, "must:", "alerted" if ("must", r) in fired else "MISSED",
          "look-alike:", "ALERTED" if ("not", r) in fired else "quiet")
