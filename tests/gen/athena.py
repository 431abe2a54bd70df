#!/usr/bin/env python3
"""athena.py: CloudTrail records as Athena's UNLOAD ... WITH (format = 'JSON') writes them from
the standard CloudTrail table: member names in lower case (structs too), and the members the
table keeps as strings (requestParameters, responseElements, additionalEventData,
serviceEventDetails) as the JSON text they held. Reads {"Records":[...]} or JSON Lines files,
writes JSON Lines to stdout."""
import json
import sys

AS_TEXT = {"requestparameters", "responseelements", "additionaleventdata", "serviceeventdetails"}


def lower(v):
    if isinstance(v, dict):
        return {k.lower(): lower(x) for k, x in v.items()}
    if isinstance(v, list):
        return [lower(x) for x in v]
    return v


def athena(rec):
    out = {}
    for k, v in rec.items():
        k = k.lower()
        if k in AS_TEXT:
            out[k] = None if v is None else json.dumps(v, separators=(",", ":"))
        else:
            out[k] = lower(v)
    return out


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        doc = json.loads(text)
        recs = doc["Records"] if isinstance(doc, dict) else doc
    except json.JSONDecodeError:
        recs = [json.loads(line) for line in text.splitlines() if line.strip()]
    for rec in recs:
        print(json.dumps(athena(rec), separators=(",", ":")))
