#!/usr/bin/env python3
"""from-cloudmapper.py: duo-labs/cloudmapper's demo account (account-data/demo, BSD-3-Clause;
shared/data/posture/samples/cloudmapper-demo) laid out as a yourside snapshot, unchanged inside:
each file is what awscli printed, moved to yourside's path for it.

usage: tests/gen/from-cloudmapper.py SRC OUT
"""
import json
import os
import shutil
import sys
import urllib.parse

src, out = sys.argv[1], sys.argv[2]
region = "us-east-1"
r = os.path.join(src, region)


def escape(name):
    o = []
    for i, ch in enumerate(name.encode()):
        c = chr(ch)
        if c in "%/" or ch < 0x21 or ch > 0x7e or (i == 0 and c == "."):
            o.append("%%%02X" % ch)
        else:
            o.append(c)
    return "".join(o)


def copy(frm, to):
    os.makedirs(os.path.dirname(to), exist_ok=True)
    shutil.copyfile(frm, to)


copy(os.path.join(r, "sts-get-caller-identity.json"), os.path.join(out, "account.json"))
with open(os.path.join(out, "snapshot.json"), "w") as f:
    json.dump({"time": "2019-11-01T00:00:00Z", "regions": [region],
               "by": "duo-labs/cloudmapper's demo account (BSD-3-Clause), laid out by tests/gen/from-cloudmapper.py"}, f)
copy(os.path.join(r, "iam-get-account-authorization-details.json"),
     os.path.join(out, "global/iam/get-account-authorization-details.json"))
copy(os.path.join(r, "iam-list-saml-providers.json"), os.path.join(out, "global/iam/list-saml-providers.json"))
copy(os.path.join(r, "s3-list-buckets.json"), os.path.join(out, "global/s3/list-buckets.json"))
for name in os.listdir(os.path.join(r, "s3-get-bucket-policy")):
    copy(os.path.join(r, "s3-get-bucket-policy", name),
         os.path.join(out, "global/s3/get-bucket-policy", escape(urllib.parse.unquote(name)) + ".json"))
for svc, op in [("sns", "list-topics"), ("sqs", "list-queues"), ("lambda", "list-functions"),
                ("ecr", "describe-repositories"), ("secretsmanager", "list-secrets")]:
    copy(os.path.join(r, "%s-%s.json" % (svc, op)), os.path.join(out, region, svc, op + ".json"))
secrets = {s["Name"]: s["ARN"] for s in json.load(open(os.path.join(r, "secretsmanager-list-secrets.json")))["SecretList"]}
for svc, op in [("sns", "get-topic-attributes"), ("sqs", "get-queue-attributes"), ("lambda", "get-policy"),
                ("ecr", "get-repository-policy"), ("secretsmanager", "get-resource-policy")]:
    d = os.path.join(r, "%s-%s" % (svc, op))
    for name in os.listdir(d):
        key = urllib.parse.unquote(name)
        if svc == "secretsmanager":
            key = secrets.get(key, key)  # yourside keeps a secret's policy under its ARN
        copy(os.path.join(d, name), os.path.join(out, region, svc, op, escape(key) + ".json"))
