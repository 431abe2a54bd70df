#!/usr/bin/python3
"""compare-trail.py: yourside verify-trail's JSON against the AWS CLI's validate-logs verdicts
(tests/oracle/validate-logs.py) on the same copy: every file the CLI judged must be judged the
same by yourside. yourside also judges what the CLI never reaches (digests off the chain, log
files no digest lists, log files of a failed digest); those are counted, not compared.

usage: compare-trail.py YOURSIDE.json AWSCLI.jsonl  (exit 1 and the differences on stdout)"""
import json, sys

# yourside's status -> what the CLI says for it
SAME = {("digest", "valid"): "valid", ("digest", "unchained"): "valid",
        ("digest", "deleted"): "not found", ("digest", "modified"): "signature verification failed",
        ("digest", "unsigned"): "signature verification failed", ("digest", "moved"): "has been moved",
        ("digest", "invalid"): "invalid format", ("digest", "no-key"): "public key not found",
        ("log", "valid"): "valid", ("log", "deleted"): "not found",
        ("log", "modified"): "hash value doesn't match", ("log", "invalid"): "invalid format"}

ys = {(f["kind"], f["key"]): f["status"] for f in json.load(open(sys.argv[1]))["files"]}
cli = {}
for line in open(sys.argv[2]):
    j = json.loads(line)
    cli[(j["kind"], j["key"])] = j["result"]
bad = 0
for k, res in sorted(cli.items()):
    st = ys.get(k)
    if st is None or SAME.get((k[0], st)) != res:
        print("DIFF %s %s: awscli '%s', yourside '%s'" % (k[0], k[1], res, st))
        bad = 1
print("compared %d files judged by both; %d judged by yourside alone" % (len(cli), len(set(ys) - set(cli))))
sys.exit(bad)
