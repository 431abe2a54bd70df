# the shared digest vectors (accepted by awscli's validator) laid out as their bucket holds them:
# two chained digests, their metadata from s3-object-metadata.json, the log file digest1 lists
v="$YS_SHARED_DATA/posture/cloudtrail-digest-vectors"
python3 - "$v" <<'PY'
import json, os, shutil, sys
v = sys.argv[1]
for m in json.load(open(os.path.join(v, "s3-object-metadata.json"))):
    dst = os.path.join("example-trail-bucket", m["s3_key"])
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    shutil.copy(os.path.join(v, m["file"]), dst)
    json.dump({"Metadata": {"signature": m["x-amz-meta-signature"],
                            "signature-algorithm": m["x-amz-meta-signature-algorithm"]}},
              open(dst + ".head.json", "w"))
log = json.load(open(os.path.join(v, "digest1.json")))["logFiles"][0]["s3Object"]
dst = os.path.join("example-trail-bucket", log)
os.makedirs(os.path.dirname(dst), exist_ok=True)
shutil.copy(os.path.join(v, os.path.basename(log)), dst)
shutil.copy(os.path.join(v, "list-public-keys.decoded.json"), "keys.json")
PY
