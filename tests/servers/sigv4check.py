"""sigv4check.py: AWS Signature Version 4 as AWS documents it, written apart from yourside's
signer, for the fake AWS servers on loopback to check each request with."""
import hashlib, hmac, urllib.parse


def _sign(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def expected_signature(secret, method, path, query, headers, signed, body, scope, amz_date, s3=False):
    """The signature a request should carry. headers: lower-case names; path as sent."""
    canon_headers = "".join("%s:%s\n" % (h, " ".join(headers.get(h, "").split())) for h in signed)
    q = sorted(urllib.parse.parse_qsl(query, keep_blank_values=True))
    canon_query = "&".join("%s=%s" % (urllib.parse.quote(k, safe="-_.~"), urllib.parse.quote(v, safe="-_.~"))
                           for k, v in q)
    # S3 signs the path as sent; every other service encodes it once more
    cpath = path if s3 else urllib.parse.quote(path, safe="/-_.~")
    payload = headers["x-amz-content-sha256"] if s3 and headers.get("x-amz-content-sha256") \
        else hashlib.sha256(body).hexdigest()
    creq = "\n".join([method, cpath, canon_query, canon_headers, ";".join(signed), payload])
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(creq.encode()).hexdigest()])
    day, region, service, _ = scope.split("/")
    k = _sign(("AWS4" + secret).encode(), day)
    k = _sign(k, region)
    k = _sign(k, service)
    k = _sign(k, "aws4_request")
    return hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()


def parse_authorization(auth):
    """(key id, scope, signed header names, signature) of an Authorization header, or None."""
    try:
        fields = dict(p.strip().split("=", 1) for p in auth[len("AWS4-HMAC-SHA256 "):].split(","))
        key_id, scope = fields["Credential"].split("/", 1)
        return key_id, scope, fields["SignedHeaders"].split(";"), fields.get("Signature", "")
    except (KeyError, ValueError):
        return None
