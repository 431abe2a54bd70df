#!/usr/bin/env python3
"""trail-shapes.py: one list of CloudTrail records written in the shapes real pipelines deliver.

usage: trail-shapes.py OUTDIR RECORDS.json...

Each RECORDS.json is a JSON array of records (Stratus Red Team's files are). OUTDIR gets:
  bare.json          {"Records":[...]}, as CloudTrail delivers one file
  concat.json        several such documents back to back, as `zcat *.json.gz` prints them
  firehose.jsonl.gz  a {"Records":[...]} document a line (Firehose), gzip
  eventbridge.jsonl  each record as EventBridge delivers it ("AWS API Call via CloudTrail"
                     or "AWS Console Sign In via CloudTrail", the record under "detail")
  cwl.gz             CloudWatch Logs subscription payloads, each its own gzip member, with a
                     control message first (what a subscription's consumer receives)
  not-records.jsonl  the records as JSON Lines with things that are not records among them
"""
import gzip
import json
import os
import sys

out = sys.argv[1]
records = [r for name in sys.argv[2:] for r in json.load(open(name))]
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


with open(path("bare.json"), "w") as f:
    json.dump({"Records": records}, f)

chunks = [records[i:i + 7] for i in range(0, len(records), 7)]
with open(path("concat.json"), "w") as f:
    for c in chunks:
        f.write(json.dumps({"Records": c}))

with gzip.open(path("firehose.jsonl.gz"), "wt") as f:
    for c in chunks:
        f.write(json.dumps({"Records": c}, separators=(",", ":")) + "\n")

with open(path("eventbridge.jsonl"), "w") as f:
    for i, r in enumerate(records):
        signin = r.get("eventType") == "AwsConsoleSignIn"
        f.write(json.dumps({
            "version": "0", "id": "00000000-0000-0000-0000-%012d" % i,
            "detail-type": "AWS Console Sign In via CloudTrail" if signin else "AWS API Call via CloudTrail",
            "source": "aws." + r.get("eventSource", "unknown").split(".")[0],
            "account": r.get("recipientAccountId", ""), "time": r.get("eventTime"),
            "region": r.get("awsRegion"), "resources": [], "detail": r}) + "\n")

with open(path("cwl.gz"), "wb") as f:
    control = {"messageType": "CONTROL_MESSAGE", "owner": "CloudwatchLogs", "logGroup": "",
               "logStream": "", "subscriptionFilters": [],
               "logEvents": [{"id": "", "timestamp": 1722430000000,
                              "message": "CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}
    f.write(gzip.compress(json.dumps(control).encode()))
    for n, c in enumerate(chunks):
        f.write(gzip.compress(json.dumps({
            "messageType": "DATA_MESSAGE", "owner": c[0].get("recipientAccountId", ""),
            "logGroup": "aws-cloudtrail-logs", "logStream": "%s_CloudTrail_%s" % (
                c[0].get("recipientAccountId", ""), c[0].get("awsRegion", "")),
            "subscriptionFilters": ["to-yourside"],
            "logEvents": [{"id": "%d%04d" % (n, i), "timestamp": 1722430000000,
                           "message": json.dumps(r)} for i, r in enumerate(c)]}).encode()))

with open(path("not-records.jsonl"), "w") as f:
    for i, r in enumerate(records):
        f.write(json.dumps(r) + "\n")
        if i == 1:
            f.write(json.dumps({"hello": "world"}) + "\n")
            f.write(json.dumps({"version": "0", "detail-type": "EC2 Instance State-change Notification",
                                "source": "aws.ec2", "detail": {"instance-id": "i-0", "state": "running"}}) + "\n")
            f.write(json.dumps({"messageType": "DATA_MESSAGE", "logEvents": [
                {"id": "1", "message": "START RequestId: 42 Version: $LATEST"}]}) + "\n")
