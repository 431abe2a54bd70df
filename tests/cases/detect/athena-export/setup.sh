# a CloudTrail record as Athena's UNLOAD to JSON writes it (lower-case names, requestParameters
# as JSON text in a string), then the same with that text broken and with a plain string:
# each is still read, and the rules on its other members still fire
python3 - "$YS_SHARED_DATA"/cloudtrail/stratus-red-team-detonation-logs/aws.defense-evasion.cloudtrail-stop.json >export.jsonl <<'PY'
import json, sys
def lower(v):
    if isinstance(v, dict):
        return {k.lower(): lower(x) for k, x in v.items()}
    return [lower(x) for x in v] if isinstance(v, list) else v
doc = json.load(open(sys.argv[1]))
rec = (doc if isinstance(doc, list) else doc["Records"])[0]
out = {k.lower(): (json.dumps(v) if k in ("requestParameters", "responseElements") else lower(v))
       for k, v in rec.items()}
print(json.dumps(out))
first = out["eventid"]
for text, how in (("{\"name\": ", "broken"), ("not json", "plain")):
    out["requestparameters"] = text
    out["eventid"] = first + "-" + how
    print(json.dumps(out))
PY
