# CloudFront over acme's two distributions: one that does everything right (failover between two
# buckets read through origin access control, an HTTPS API origin, a function URL origin with
# origin access control), one that does most things wrong in other ways than acme's old landing
# page (a legacy origin access identity, a deleted website bucket, an http-only origin, SSLv3, a
# function URL without origin access control, dedicated IPs, TLSv1, one path over HTTP), one whose
# configuration the snapshot lacks and one whose configuration was refused
cp -R "$(dirname "$YS")/../examples/snapshot-insecure" snap
python3 - <<'P'
import json
d = "snap/global/cloudfront"
A = "111122223333"
ld = json.load(open(f"{d}/list-distributions.json"))
def s3(id, dom, oac="", oai=""):
    return {"Id": id, "DomainName": dom, "S3OriginConfig": {"OriginAccessIdentity": oai}, "OriginAccessControlId": oac}
def custom(id, dom, pol, protos, oac=""):
    return {"Id": id, "DomainName": dom, "OriginAccessControlId": oac,
            "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": pol,
                                   "OriginSslProtocols": {"Quantity": len(protos), "Items": protos}}}
def q(x): return {"Quantity": len(x), "Items": x}
def beh(target, vpp, path=None):
    b = {"TargetOriginId": target, "ViewerProtocolPolicy": vpp}
    if path: b["PathPattern"] = path
    return b
fn = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws"
good = {"Aliases": q(["shop.acme.example"]), "DefaultRootObject": "index.html",
  "Origins": q([s3("site-a", "acme-website.s3.eu-west-1.amazonaws.com", oac="E1OACA"),
                s3("site-b", "acme-jobs.s3.us-east-1.amazonaws.com", oac="E1OACA"),
                custom("api", "api.acme.example", "https-only", ["TLSv1.2"]),
                custom("fn", fn, "https-only", ["TLSv1.2"], oac="E1OACL")]),
  "OriginGroups": q([{"Id": "site", "FailoverCriteria": {"StatusCodes": q([500, 502, 503, 504])},
                      "Members": q([{"OriginId": "site-a"}, {"OriginId": "site-b"}])}]),
  "DefaultCacheBehavior": beh("site", "redirect-to-https"),
  "CacheBehaviors": q([beh("api", "https-only", "/api/*"), beh("fn", "https-only", "/hook")]),
  "Logging": {"Enabled": True, "IncludeCookies": False, "Bucket": "acme-cloudtrail-logs.s3.amazonaws.com", "Prefix": "cf/"},
  "WebACLId": f"arn:aws:wafv2:us-east-1:{A}:global/webacl/edge/0b1c2d3e-0000-4000-8000-000000000002",
  "ViewerCertificate": {"CloudFrontDefaultCertificate": False, "ACMCertificateArn": f"arn:aws:acm:us-east-1:{A}:certificate/1",
                        "SSLSupportMethod": "sni-only", "MinimumProtocolVersion": "TLSv1.2_2025"}}
bad = {"Aliases": q(["promo.acme.example"]), "DefaultRootObject": "",
  "Origins": q([s3("oai", "acme-backups.s3.amazonaws.com", oai="origin-access-identity/cloudfront/E2OAI"),
                custom("promo-site", "acme-promo-2023.s3-website-eu-west-1.amazonaws.com", "http-only", ["TLSv1.2"]),
                custom("shop", "shop-old.acme.example", "https-only", ["SSLv3", "TLSv1.2"]),
                custom("fn", fn, "https-only", ["TLSv1.2"])]),
  "OriginGroups": q([{"Id": "one", "Members": q([{"OriginId": "oai"}])}]),
  "DefaultCacheBehavior": beh("oai", "redirect-to-https"),
  "CacheBehaviors": q([beh("promo-site", "https-only", "/promo/*"), beh("shop", "allow-all", "/img/*")]),
  "Logging": {"Enabled": False}, "WebACLId": "",
  "ViewerCertificate": {"CloudFrontDefaultCertificate": False, "IAMCertificateId": "ASCA0000EXAMPLE",
                        "SSLSupportMethod": "vip", "MinimumProtocolVersion": "TLSv1"}}
for id, cfg in [("E1GOODALL0000A", good), ("E1BADMANY0000B", bad), ("E1MISSING0000C", None), ("E1REFUSED0000D", None)]:
    ld["DistributionList"]["Items"].append({"Id": id, "ARN": f"arn:aws:cloudfront::{A}:distribution/{id}",
        "DomainName": id.lower() + ".cloudfront.net", "Aliases": (cfg or {}).get("Aliases", {"Quantity": 0})})
    if cfg:
        json.dump({"ETag": "E" + id[-4:], "DistributionConfig": cfg}, open(f"{d}/get-distribution-config/{id}.json", "w"))
json.dump({"Code": "AccessDenied", "Message": "User is not authorized to perform: cloudfront:GetDistributionConfig"},
          open(f"{d}/get-distribution-config/E1REFUSED0000D.error.json", "w"))
json.dump(ld, open(f"{d}/list-distributions.json", "w"))
P
