#!/usr/bin/python3
"""validate-logs.py: the AWS CLI's own `aws cloudtrail validate-logs` (Debian awscli), run on a
local copy of a trail bucket: its S3 client is replaced by one that answers ListObjects,
GetObject (with the metadata in <key>.head.json) and GetBucketLocation from the folder, and its
ListPublicKeys by the keys file, so that every check it makes is its own code. Prints one JSON
object per file it judged: {"kind": "digest"|"log", "key": ..., "result": "valid" | "not found" |
"hash value doesn't match" | "signature verification failed" | "has been moved" |
"invalid format" | "public key not found" | "unable to load"}.

usage: validate-logs.py DIR --bucket B --trail-arn ARN --start T --end T --keys keys.json"""
import argparse, base64, contextlib, io, json, os, re, sys

from awscli.clidriver import create_clidriver  # first: it brings its own botocore
from awscli.customizations.cloudtrail import validation
from botocore.exceptions import ClientError

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--bucket", required=True)
ap.add_argument("--trail-arn", required=True)
ap.add_argument("--start", required=True)
ap.add_argument("--end", required=True)
ap.add_argument("--keys", required=True)
a = ap.parse_args()


class Pages:
    def __init__(self, keys):
        self.keys = keys

    def search(self, expr):
        return iter(self.keys)


class Paginator:
    def __init__(self, root):
        self.root = root

    def paginate(self, Bucket, Marker=""):
        keys = []
        for d, _, files in os.walk(self.root):
            for f in files:
                k = os.path.relpath(os.path.join(d, f), self.root)
                if not k.endswith(".head.json") and k > Marker:
                    keys.append(k)
        return Pages(sorted(keys))


class FakeS3:
    def __init__(self, root):
        self.root = root

    def get_bucket_location(self, Bucket):
        return {"LocationConstraint": None}

    def get_paginator(self, name):
        return Paginator(self.root)

    def get_object(self, Bucket, Key):
        path = os.path.join(self.root, Key)
        if Bucket != a.bucket or not os.path.isfile(path):
            raise ClientError({"Error": {"Code": "NoSuchKey", "Message": "not found"}}, "GetObject")
        meta = {}
        if os.path.isfile(path + ".head.json"):
            meta = json.load(open(path + ".head.json")).get("Metadata", {})
        return {"Body": io.BytesIO(open(path, "rb").read()), "Metadata": meta}


def public_keys(self, start, end):
    out = {}
    for k in json.load(open(a.keys))["PublicKeyList"]:
        v = base64.b64decode(k["Value"])  # the CLI prints the blob's bytes in base64
        if v[:1] == b"\x30":
            v = base64.b64encode(v)  # the API's form: botocore hands the CLI base64 text
        out[k["Fingerprint"]] = {"Fingerprint": k["Fingerprint"], "Value": v}
    return out


validation.S3ClientProvider.get_client = lambda self, bucket: FakeS3(a.dir)
validation.PublicKeyProvider.get_public_keys = public_keys
region = a.trail_arn.split(":")[3]
os.environ.update({"AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "not-a-secret",
                   "AWS_DEFAULT_REGION": region, "AWS_CONFIG_FILE": "/dev/null",
                   "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_PAGER": ""})
out, err = io.StringIO(), io.StringIO()
with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
    rc = create_clidriver().main(["cloudtrail", "validate-logs", "--trail-arn", a.trail_arn,
                                  "--start-time", a.start, "--end-time", a.end, "--s3-bucket", a.bucket,
                                  "--verbose", "--region", region])
line = re.compile(r"^(Digest|Log) file\ts3://[^/]+/(\S+)\t(valid|INVALID: (.*))$")
for text in (out.getvalue() + err.getvalue()).splitlines():
    m = line.match(text)
    if not m:
        continue
    why = m.group(4) or "valid"
    for short in ("public key not found", "has been moved", "signature verification failed",
                  "Unable to load", "not found", "hash value doesn't match", "invalid format"):
        if why.startswith(short):
            why = short.lower()
            break
    print(json.dumps({"kind": m.group(1).lower(), "key": m.group(2), "result": why}))
sys.exit(0 if rc in (0, 1) else rc)
