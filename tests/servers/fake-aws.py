#!/usr/bin/python3
"""fake-aws.py: AWS's read APIs on loopback for tests, answering from a snapshot folder (the
layout yourside audit reads, as the AWS CLI prints each call) in each service's own wire
protocol: query and EC2 XML (IAM, STS, EC2, RDS, ELB, CloudWatch), REST-XML (S3), JSON 1.1
(CloudTrail, KMS, Config, Logs) and REST-JSON (GuardDuty, Security Hub, Access Analyzer,
Backup, EFS). Shapes, names and protocols come from botocore's service models (Debian
python3-botocore), never from yourside, so a client that reads these answers right reads AWS's.

The service is found from the request's SigV4 credential scope, the operation from the query
Action, the X-Amz-Target header or the REST route. A snapshot's .error.json is answered as AWS
answers a refusal. --page N cuts every paginated list into pages of N items."""
import argparse, base64, datetime, json, os, re, sys, threading, urllib.parse, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import botocore.session
from botocore import xform_name

SERVICES = ["iam", "sts", "ec2", "s3", "s3control", "rds", "elb", "elbv2", "cloudwatch", "logs",
            "cloudtrail", "kms", "config", "guardduty", "securityhub", "accessanalyzer", "backup",
            "efs"]
GLOBAL = {"iam", "s3", "s3control", "sts"}
FOLDER = {"config": "configservice"}  # the CLI's name, where it is not botocore's
# the input member that names a per-resource call's file
RESOURCE = {("iam", "ListAccessKeys"): "UserName", ("elbv2", "DescribeTargetHealth"): "TargetGroupArn",
            ("cloudtrail", "GetTrailStatus"): "Name", ("cloudtrail", "GetEventSelectors"): "TrailName",
            ("guardduty", "GetDetector"): "DetectorId", ("kms", "DescribeKey"): "KeyId",
            ("kms", "GetKeyRotationStatus"): "KeyId", ("backup", "GetBackupPlan"): "BackupPlanId"}

session = botocore.session.get_session()
models = {s: session.get_service_model(s) for s in SERVICES}
by_signing = {}
for name, m in models.items():
    by_signing.setdefault(m.signing_name, []).append(name)


def esc_name(s):
    out = []
    for i, b in enumerate(s.encode()):
        c = chr(b)
        if c in "%/" or (c == "." and i == 0) or b < 32 or b > 126:
            out.append("%%%02X" % b)
        else:
            out.append(c)
    return "".join(out)


def when(v):
    if isinstance(v, (int, float)):
        return datetime.datetime.fromtimestamp(v, datetime.timezone.utc)
    d = datetime.datetime.fromisoformat(str(v).replace("Z", "+00:00"))
    return d if d.tzinfo else d.replace(tzinfo=datetime.timezone.utc)


# ---- JSON protocols: member names (json) or wire names (rest-json), timestamps as epoch
def to_json(shape, v, rest):
    t = shape.type_name
    if t == "structure":
        out = {}
        for name, m in shape.members.items():
            if name in v and not m.serialization.get("location"):
                out[m.serialization.get("name", name) if rest else name] = to_json(m, v[name], rest)
        return out
    if t == "list":
        return [to_json(shape.member, x, rest) for x in v]
    if t == "map":
        return {k: to_json(shape.value, x, rest) for k, x in v.items()}
    if t == "timestamp":
        return when(v).timestamp()
    if t == "string" and isinstance(v, (dict, list)):
        return json.dumps(v)
    return v


# ---- XML protocols
def xml_scalar(shape, v):
    t = shape.type_name
    if t == "string" and isinstance(v, (dict, list)):
        # IAM's policy documents travel URL-encoded; the CLI decodes them back to objects
        return escape(urllib.parse.quote(json.dumps(v, separators=(",", ":")), safe=""))
    if t == "boolean":
        return "true" if v else "false"
    if t == "timestamp":
        return when(v).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return escape(str(v))


def xml_members(shape, v, ec2):
    parts = []
    for name, m in shape.members.items():
        if name in v and not m.serialization.get("location") and not m.serialization.get("xmlAttribute"):
            parts.append(xml_value(m, v[name], m.serialization.get("name", name), ec2))
    return "".join(parts)


def xml_attributes(shape, v):
    """Members sent as attributes (S3's xsi:type), with their namespace."""
    out = ""
    ns = shape.serialization.get("xmlNamespace")
    if isinstance(ns, dict) and ns.get("prefix"):
        out += ' xmlns:%s="%s"' % (ns["prefix"], ns["uri"])
    for name, m in shape.members.items():
        if name in v and m.serialization.get("xmlAttribute"):
            out += ' %s="%s"' % (m.serialization.get("name", name), escape(str(v[name]), {'"': "&quot;"}))
    return out


def xml_value(shape, v, tag, ec2):
    t = shape.type_name
    if v is None:
        return ""
    if t == "structure":
        return "<%s%s>%s</%s>" % (tag, xml_attributes(shape, v), xml_members(shape, v, ec2), tag)
    if t == "list":
        inner = shape.member.serialization.get("name", "item" if ec2 else "member")
        if shape.serialization.get("flattened"):
            return "".join(xml_value(shape.member, x, tag, ec2) for x in v)
        return "<%s>%s</%s>" % (tag, "".join(xml_value(shape.member, x, inner, ec2) for x in v), tag)
    if t == "map":
        k = shape.key.serialization.get("name", "key")
        val = shape.value.serialization.get("name", "value")
        entries = "".join("<entry>%s%s</entry>" % (xml_value(shape.key, a, k, ec2), xml_value(shape.value, b, val, ec2))
                          for a, b in v.items())
        return entries if shape.serialization.get("flattened") else "<%s>%s</%s>" % (tag, entries, tag)
    return "<%s>%s</%s>" % (tag, xml_scalar(shape, v), tag)


def answer(svc, op, data):
    """The body and content type of op's answer carrying data (the CLI's JSON)."""
    m = models[svc]
    out = op.output_shape
    rid = str(uuid.UUID(int=0))
    if out is None:
        data = {}
    if m.protocol == "json":
        return json.dumps(to_json(out, data, False) if out else {}), "application/x-amz-json-1.1"
    if m.protocol == "rest-json":
        return json.dumps(to_json(out, data, True) if out else {}), "application/json"
    if m.protocol == "rest-xml":
        payload = out.serialization.get("payload") if out else None
        if payload:
            ps = out.members[payload]
            if ps.type_name in ("blob", "string"):
                return str(data.get(payload, "")), "application/octet-stream"
            tag = ps.serialization.get("name", ps.name)
            return '<?xml version="1.0" encoding="UTF-8"?>' + xml_value(ps, data.get(payload, {}), tag, False), "application/xml"
        tag = out.name if out else "Empty"
        return '<?xml version="1.0" encoding="UTF-8"?>' + xml_value(out, data, tag, False) if out else "", "application/xml"
    ns = m.metadata.get("xmlNamespace", "")
    name = op.name
    if m.protocol == "ec2":
        body = "<requestId>%s</requestId>%s" % (rid, xml_members(out, data, True) if out else "")
        return '<%sResponse xmlns="%s">%s</%sResponse>' % (name, ns, body, name), "text/xml"
    wrapper = out.serialization.get("resultWrapper") if out else None
    inner = xml_members(out, data, False) if out else ""
    if wrapper:
        inner = "<%s>%s</%s>" % (wrapper, inner, wrapper)
    return ('<%sResponse xmlns="%s">%s<ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%sResponse>'
            % (name, ns, inner, rid, name)), "text/xml"


def refusal(svc, code, message):
    """Status, body, content type and headers of a refusal, as the service words it."""
    m = models[svc]
    status = 403 if code in ("AccessDenied", "AccessDeniedException", "UnauthorizedOperation") else \
        404 if code.startswith("NoSuch") or code.endswith("NotFound") or code.endswith("NotFoundException") \
        or code.endswith("NotFoundError") else 400
    if m.protocol in ("json", "rest-json"):
        return status, json.dumps({"__type": code, "message": message}), "application/json", {"x-amzn-ErrorType": code}
    if m.protocol == "ec2":
        return status, ("<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors>"
                        "<RequestID>0</RequestID></Response>" % (escape(code), escape(message))), "text/xml", {}
    if m.protocol == "rest-xml":
        return status, "<Error><Code>%s</Code><Message>%s</Message></Error>" % (escape(code), escape(message)), "application/xml", {}
    return status, ("<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>"
                    "<RequestId>0</RequestId></ErrorResponse>" % (escape(code), escape(message))), "text/xml", {}


def rest_routes(svc):
    routes = []
    m = models[svc]
    for name in m.operation_names:
        op = m.operation_model(name)
        uri = op.http["requestUri"]
        path, _, query = uri.partition("?")
        keys = [q.split("=")[0] for q in query.split("&") if q]
        rx = "^" + re.sub(r"\\{(\w+)(\\\+)?\\}", lambda g: "(?P<%s>%s)" % (g.group(1), ".+" if g.group(2) else "[^/]+"),
                          re.escape(path.rstrip("/") or "/")) + "/?$"
        routes.append((op.http["method"], re.compile(rx), keys, len(path), op))
    return routes


ROUTES = {s: rest_routes(s) for s in SERVICES if models[s].protocol.startswith("rest")}


def find_rest(svc, method, path, query):
    best = None
    for meth, rx, keys, plen, op in ROUTES[svc]:
        g = rx.match(path)
        if meth != method or not g or any(k not in query for k in keys):
            continue
        score = (len(keys), plen)
        if not best or score > best[0]:
            best = (score, op, g.groupdict())
    if not best:
        return None, {}
    op, labels = best[1], best[2]
    params = {}
    for name, mem in op.input_shape.members.items() if op.input_shape else []:
        loc = mem.serialization.get("name", name)
        if mem.serialization.get("location") == "uri" and loc in labels:
            params[name] = urllib.parse.unquote(labels[loc])
    return op, params


class World:
    def __init__(self, snap, page):
        self.snap, self.page = snap, page
        self.lock = threading.Lock()
        self.requests = 0

    def read(self, rel):
        p = os.path.join(self.snap, rel)
        for ext, kind in ((".json", "ok"), (".error.json", "refused")):
            if os.path.exists(p + ext):
                with open(p + ext) as f:
                    return kind, json.load(f)
        return None, None

    def call(self, svc, region, op, params):
        """(kind, data): the CLI's JSON for op, or a refusal's {"Code", "Message"}."""
        name = op.name
        if svc == "sts" and name == "GetCallerIdentity":
            return self.read("account")
        if svc == "iam" and name == "GenerateCredentialReport":
            return "ok", {"State": "COMPLETE"}
        if svc == "iam" and name == "GetCredentialReport":
            p = os.path.join(self.snap, "global/iam/credential-report.csv")
            if os.path.exists(p):
                with open(p, "rb") as f:
                    return "ok", {"Content": base64.b64encode(f.read()).decode(), "ReportFormat": "text/csv",
                                  "GeneratedTime": "2026-11-20T08:59:00+00:00"}
        folder = FOLDER.get(svc, svc)
        where = "global" if svc in GLOBAL else region
        rel = "%s/%s/%s" % (where, folder, xform_name(name, "-"))
        res = RESOURCE.get((svc, name)) or ("Bucket" if svc == "s3" else None)
        if res and params.get(res):
            rel += "/" + esc_name(params[res])
        kind, data = self.read(rel)
        if kind is None and svc == "s3" and name == "GetBucketLocation":
            return "ok", {"LocationConstraint": None}
        if kind is None:
            return "refused", {"Code": "NotInSnapshot", "Message": "the test's snapshot lacks %s" % rel}
        return kind, data


def service_of(headers, form):
    auth = headers.get("Authorization", "")
    g = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request", auth)
    if not g:
        return None, None
    region, signing = g.group(1), g.group(2)
    names = by_signing.get(signing, [])
    if len(names) > 1:
        version = form.get("Version", [""])[0]
        names = [n for n in names if models[n].api_version == version] or \
                [n for n in names if n == "s3"] or names
    return (names[0] if names else None), region


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def reply(self, status, body, ctype, headers=None):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        world = self.server.world
        with world.lock:
            world.requests += 1
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        form = urllib.parse.parse_qs(raw.decode("utf-8", "replace")) if \
            self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded") else {}
        svc, region = service_of(self.headers, form)
        if not svc:
            return self.reply(400, "no SigV4 credential scope naming a known service", "text/plain")
        m = models[svc]
        op, params = None, {}
        if m.protocol in ("query", "ec2"):
            action = form.get("Action", query.get("Action", [""]))[0]
            if action in m.operation_names:
                op = m.operation_model(action)
                params = {k: v[0] for k, v in form.items()}
        elif m.protocol == "json":
            target = self.headers.get("X-Amz-Target", "")
            action = target.rsplit(".", 1)[-1]
            if action in m.operation_names:
                op = m.operation_model(action)
                params = json.loads(raw or b"{}")
        else:
            path = urllib.parse.unquote(url.path)
            op, params = find_rest(svc, self.command, path, query)
        if op is None:
            st, body, ctype, hdrs = refusal(svc, "InvalidAction", "no such operation")
            return self.reply(st, body, ctype, hdrs)
        kind, data = world.call(svc, region, op, params)
        if kind == "refused":
            st, body, ctype, hdrs = refusal(svc, data.get("Code", "Unknown"), data.get("Message", ""))
            return self.reply(st, body, ctype, hdrs)
        body, ctype = answer(svc, op, data)
        self.reply(200, body, ctype)

    do_GET = do_POST = do_PUT = do_HEAD = handle_any


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--snapshot", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--page", type=int, default=0)
    a = ap.parse_args()
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.world = World(a.snapshot, a.page)
    with open(a.port_file + ".part", "w") as f:
        f.write(str(srv.server_address[1]))
    os.replace(a.port_file + ".part", a.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
