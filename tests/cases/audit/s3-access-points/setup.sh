# S3 access points and Multi-Region Access Points: all four settings on, some off, none at all;
# an access point whose own file is missing, a region where listing them was refused, and a
# Multi-Region Access Point left open beside one that blocks
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'PY'
import json
p = "snap/eu-west-1/s3control/list-access-points.json"
d = json.load(open(p))
d["AccessPointList"] += [{"Name": "no-block", "Bucket": "acme-jobs"}, {"Name": "unlisted", "Bucket": "acme-jobs"}]
json.dump(d, open(p, "w"))
json.dump({"Name": "no-block", "Bucket": "acme-jobs", "AccessPointArn": "arn:aws:s3:eu-west-1:111122223333:accesspoint/no-block"},
          open("snap/eu-west-1/s3control/get-access-point/no-block.json", "w"))
p = "snap/global/s3control/list-multi-region-access-points.json"
d = json.load(open(p))
d["AccessPoints"].append({"Name": "open-mrap", "Alias": "open123.mrap",
                          "PublicAccessBlock": {"BlockPublicAcls": False, "IgnorePublicAcls": True,
                                                "BlockPublicPolicy": False, "RestrictPublicBuckets": True}})
json.dump(d, open(p, "w"))
PY
rm snap/us-east-1/s3control/list-access-points.json
echo '{"Code": "AccessDenied", "Message": "Access Denied"}' > snap/us-east-1/s3control/list-access-points.error.json
