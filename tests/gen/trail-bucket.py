#!/usr/bin/env python3
"""trail-bucket.py: a copy of a CloudTrail bucket with log file validation on, as `aws s3 sync`
and `aws s3api head-object` leave it: hourly digests chained by their signatures, each listing
the log files delivered in its hour, signed with openssl (SHA256withRSA over CloudTrail's string
to sign), each digest's metadata in <key>.head.json, and CloudTrail's public key as
`aws cloudtrail list-public-keys` prints it (keys.json). Then, on request, what an attacker or an
accident does to it.

usage: trail-bucket.py OUT [--hours N] [--logs N] [--key PEM] [--gap H:LEN] [--mutate M]...

Mutations (H: the hour's digest, 0 first; J: its J-th log file):
  log-modified:H:J   a log file's records changed (its digest unchanged)
  log-deleted:H:J    a log file removed
  log-added:H        a log file no digest lists, in hour H
  digest-deleted:H   a digest removed (its metadata too)
  digest-modified:H  a digest's list changed: its first log file removed from it and the bucket
  digest-moved:H     a digest moved to another key (an hour later in its name)
  reorder:H:K        digests H and K swapped (each under the other's key)
  no-signature:H     a digest's metadata removed
  not-gzip:H         a digest stored unzipped
  other-key:H        a digest signed with another key (same fingerprint)
--gap H:LEN: hours H..H+LEN-1 deliver logs but no digests (validation off); the digest after
starts a new chain. The signing key defaults to the shared test key; files carry fixed times,
so the same arguments write the same bytes."""
import argparse, base64, datetime, gzip, hashlib, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("YS_SHARED_DATA", os.path.join(HERE, "../../../shared/data"))
VEC = os.path.join(SHARED, "posture/cloudtrail-digest-vectors")

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--hours", type=int, default=4)
ap.add_argument("--logs", type=int, default=2)
ap.add_argument("--records", type=int, default=1, help="records in each log file")
ap.add_argument("--key", default=os.path.join(VEC, "test-private-key.pem"))
ap.add_argument("--bucket", default="acme-trail")
ap.add_argument("--account", default="111122223333")
ap.add_argument("--region", default="eu-west-1")
ap.add_argument("--trail", default="acme-main")
ap.add_argument("--start", default="2024-03-01T00:00:00Z")
ap.add_argument("--prefix", default="", help="the trail's S3 key prefix")
ap.add_argument("--org", default="", help="an organization trail's id: AWSLogs/<org>/<account>/...")
ap.add_argument("--gap", default="")
ap.add_argument("--mutate", action="append", default=[])
ap.add_argument("--keys-api", action="store_true", help="keys.json as the API sends it (base64 once)")
a = ap.parse_args()

t0 = datetime.datetime.fromisoformat(a.start.replace("Z", "+00:00"))
iso = lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ")


def der_of(pem):
    return subprocess.run(["openssl", "rsa", "-in", pem, "-pubout", "-RSAPublicKey_out", "-outform", "DER"],
                          check=True, capture_output=True).stdout


def sign(pem, data):
    return subprocess.run(["openssl", "dgst", "-sha256", "-sign", pem], input=data, check=True,
                          capture_output=True).stdout.hex()


def put(key, data):
    path = os.path.join(a.out, key)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def gz(data):
    return gzip.compress(data, mtime=0)


PRE = (a.prefix.strip("/") + "/" if a.prefix.strip("/") else "") + "AWSLogs/" + (a.org + "/" if a.org else "")
der = der_of(a.key)
fingerprint = hashlib.md5(der).hexdigest()
gap_from, gap_len = (map(int, a.gap.split(":")) if a.gap else (-1, 0))


def log_key(t, n):
    day = t.strftime("%Y/%m/%d")
    return PRE + "%s/CloudTrail/%s/%s/%s_CloudTrail_%s_%s_%s.json.gz" % (
        a.account, a.region, day, a.account, a.region, t.strftime("%Y%m%dT%H%MZ"), "x%015d" % n)


def digest_key(t):
    return PRE + "%s/CloudTrail-Digest/%s/%s/%s_CloudTrail-Digest_%s_%s_%s_%s.json.gz" % (
        a.account, a.region, t.strftime("%Y/%m/%d"), a.account, a.region, a.trail, a.region,
        t.strftime("%Y%m%dT%H%M%SZ"))


def log_body(t, n, changed=False):
    rec = {"eventVersion": "1.08", "eventTime": iso(t), "eventSource": "ec2.amazonaws.com",
           "eventName": "TerminateInstances" if changed else "DescribeInstances",
           "awsRegion": a.region, "sourceIPAddress": "198.51.100.%d" % (n % 250 + 1),
           "userIdentity": {"type": "IAMUser", "accountId": a.account, "userName": "dev"},
           "eventID": "00000000-0000-4000-8000-%012d" % n, "recipientAccountId": a.account}
    recs = [rec] + [dict(rec, eventID="00000000-0000-4001-8000-%012d" % (n * 1000 + i)) for i in range(1, a.records)]
    return json.dumps({"Records": recs}, separators=(",", ":")).encode()


digests, logs, prev, n = [], {}, None, 0
for h in range(a.hours):
    start, end = t0 + datetime.timedelta(hours=h), t0 + datetime.timedelta(hours=h + 1)
    listed = []
    for j in range(a.logs):
        t = start + datetime.timedelta(minutes=5 + j * (50 // max(a.logs, 1)))
        k = log_key(t, n)
        body = log_body(t, n)
        put(k, gz(body))
        logs[(h, j)] = (k, t, n)
        listed.append({"s3Bucket": a.bucket, "s3Object": k, "hashValue": hashlib.sha256(body).hexdigest(),
                       "hashAlgorithm": "SHA-256", "newestEventTime": iso(t), "oldestEventTime": iso(t)})
        n += 1
    if gap_from <= h < gap_from + gap_len:
        prev = None
        digests.append(None)
        continue
    key = digest_key(end)
    d = {"awsAccountId": a.account, "digestStartTime": iso(start), "digestEndTime": iso(end),
         "digestS3Bucket": a.bucket, "digestS3Object": key, "digestPublicKeyFingerprint": fingerprint,
         "digestSignatureAlgorithm": "SHA256withRSA", "newestEventTime": iso(end), "oldestEventTime": iso(start),
         "previousDigestS3Bucket": prev and a.bucket, "previousDigestS3Object": prev and prev["key"],
         "previousDigestHashValue": prev and prev["hash"], "previousDigestHashAlgorithm": prev and "SHA-256",
         "previousDigestSignature": prev and prev["sig"], "logFiles": listed}
    text = json.dumps(d, separators=(",", ":")).encode()
    sts = "%s\n%s/%s\n%s\n%s" % (iso(end), a.bucket, key, hashlib.sha256(text).hexdigest(),
                                 prev["sig"] if prev else "null")
    sig = sign(a.key, sts.encode())
    cur = {"key": key, "hash": hashlib.sha256(text).hexdigest(), "sig": sig, "text": text, "doc": d,
           "sts": sts, "end": end}
    put(key, gz(text))
    put(key + ".head.json", json.dumps({"AcceptRanges": "bytes", "LastModified": iso(end), "ContentLength": len(gz(text)),
                                        "ContentType": "application/json", "ServerSideEncryption": "AES256",
                                        "Metadata": {"signature": sig, "signature-algorithm": "SHA256withRSA"}},
                                       indent=4).encode() + b"\n")
    digests.append(cur)
    prev = cur

v = base64.b64encode(der)
keys = {"PublicKeyList": [{"Value": (v if a.keys_api else base64.b64encode(v)).decode(),
                           "ValidityStartTime": iso(t0 - datetime.timedelta(days=30)),
                           "ValidityEndTime": iso(t0 + datetime.timedelta(days=365)), "Fingerprint": fingerprint}]}
with open(os.path.join(a.out, "keys.json"), "w") as f:
    json.dump(keys, f, indent=4)
    f.write("\n")


def rm(key):
    for k in (key, key + ".head.json"):
        p = os.path.join(a.out, k)
        if os.path.exists(p):
            os.remove(p)


def mv(src, dst):
    for suffix in ("", ".head.json"):
        s, d = os.path.join(a.out, src + suffix), os.path.join(a.out, dst + suffix)
        if os.path.exists(s):
            os.makedirs(os.path.dirname(d), exist_ok=True)
            os.replace(s, d)


for m in a.mutate:
    name, *args = m.split(":")
    ints = [int(x) for x in args]
    if name.startswith(("digest", "reorder", "no-sig", "not-gzip", "other")) and any(digests[i] is None for i in ints):
        continue  # an hour of the gap has no digest to touch
    if name == "log-modified":
        k, t, i = logs[tuple(ints)]
        put(k, gz(log_body(t, i, changed=True)))
    elif name == "log-deleted":
        rm(logs[tuple(ints)][0])
    elif name == "log-added":
        t = t0 + datetime.timedelta(hours=ints[0], minutes=33)
        put(log_key(t, 900000 + ints[0]), gz(log_body(t, 900000 + ints[0], changed=True)))
    elif name == "digest-deleted":
        rm(digests[ints[0]]["key"])
    elif name == "digest-modified":
        d = digests[ints[0]]
        doc = dict(d["doc"])
        gone = doc["logFiles"][0]["s3Object"]
        doc["logFiles"] = doc["logFiles"][1:]
        put(d["key"], gz(json.dumps(doc, separators=(",", ":")).encode()))
        rm(gone)
    elif name == "digest-moved":
        d = digests[ints[0]]
        mv(d["key"], digest_key(d["end"] + datetime.timedelta(minutes=30)))
    elif name == "reorder":
        x, y = digests[ints[0]]["key"], digests[ints[1]]["key"]
        mv(x, x + ".tmp")
        mv(y, x)
        mv(x + ".tmp", y)
    elif name == "no-signature":
        rm(digests[ints[0]]["key"] + ".head.json")
    elif name == "not-gzip":
        put(digests[ints[0]]["key"], digests[ints[0]]["text"])
    elif name == "other-key":
        d = digests[ints[0]]
        with tempfile.TemporaryDirectory() as tmp:
            pem = os.path.join(tmp, "other.pem")
            subprocess.run(["openssl", "genrsa", "-out", pem, "2048"], check=True, capture_output=True)
            sig = sign(pem, d["sts"].encode())
        head = os.path.join(a.out, d["key"] + ".head.json")
        meta = json.load(open(head))
        meta["Metadata"]["signature"] = sig
        with open(head, "w") as f:
            json.dump(meta, f, indent=4)
    else:
        sys.exit("trail-bucket: unknown mutation '%s'" % m)
