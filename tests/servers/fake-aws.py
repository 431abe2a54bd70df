#!/usr/bin/python3
"""fake-aws.py: AWS's read APIs on loopback for tests, answering from a snapshot folder (the
layout yourside audit reads, as the AWS CLI prints each call) in each service's own wire
protocol: query and EC2 XML (IAM, STS, EC2, RDS, ELB, CloudWatch), REST-XML (S3), JSON 1.1
(CloudTrail, KMS, Config, Logs) and REST-JSON (GuardDuty, Security Hub, Access Analyzer,
Backup, EFS, Glacier). Shapes, names and protocols come from botocore's service models (Debian
python3-botocore), never from yourside, so a client that reads these answers right reads AWS's.

The service is found from the request's SigV4 credential scope, the operation from the query
Action, the X-Amz-Target header or the REST route. A snapshot's .error.json is answered as AWS
answers a refusal. --page N cuts every paginated list into pages of N items. --keys FILE
({"AKID": "secret", ...}) makes it check every request's SigV4 signature with its own code;
STS's AssumeRole and AssumeRoleWithWebIdentity then hand out a key it adds to them. It also
serves a container credentials endpoint (/container-credentials, needing --container-token) and
IMDSv2 (/latest/...). --throttle N refuses every Nth request with a throttling error;
--latency MS waits before each answer (a region far away).

--org DIR answers for an organization: DIR/organizations/ holds the Organizations answers
(describe-organization.json, list-accounts.json, list-roots.json, list-policies.json,
describe-policy/<id>.json, list-targets-for-policy/<id>.json, or their .error.json), and
DIR/<account id>/ each account's snapshot. The --keys credentials are the management account's
(DIR/<MasterAccountId>/, unless --snapshot names another folder). sts:AssumeRole of
arn:aws:iam::<id>:role/<--org-role> (with --org-external-id's ExternalId, when given) hands out
a key whose every call is answered from DIR/<id>/; a role of another name or account, a wrong
external id, or a DIR/<id>/refuse-assume-role file gets AccessDenied naming the caller's ARN,
as AWS words it. Only the --keys credentials may ask Organizations (a role's get AccessDenied),
but for DescribeOrganization, which AWS answers any account of the organization. Without --org,
DescribeOrganization answers from the snapshot's global/organizations/, and every other
Organizations call, or that one when the snapshot lacks it, with AWSOrganizationsNotInUseException."""
import argparse, base64, datetime, hashlib, hmac, json, os, re, sys, threading, time, urllib.parse, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from botocore import xform_name

from sigv4check import expected_signature, parse_authorization

SERVICES = ["iam", "sts", "ec2", "s3", "s3control", "rds", "elb", "elbv2", "cloudwatch", "logs",
            "cloudtrail", "kms", "config", "guardduty", "securityhub", "accessanalyzer", "backup",
            "efs", "lambda", "sqs", "sns", "ecr", "secretsmanager", "dynamodb", "ecs", "eks",
            "elasticache", "opensearch", "cloudfront", "apigateway", "apigatewayv2", "codebuild",
            "inspector2", "account", "organizations", "glacier"]
GLOBAL = {"iam", "s3", "s3control", "sts", "cloudfront", "account"}
FOLDER = {"config": "configservice"}  # the CLI's name, where it is not botocore's
# the input member that names a per-resource call's file (a list's first item where it is one)
RESOURCE = {("iam", "ListAccessKeys"): "UserName", ("elbv2", "DescribeTargetHealth"): "TargetGroupArn",
            ("cloudtrail", "GetTrailStatus"): "Name", ("cloudtrail", "GetEventSelectors"): "TrailName",
            ("guardduty", "GetDetector"): "DetectorId", ("kms", "DescribeKey"): "KeyId",
            ("kms", "GetKeyRotationStatus"): "KeyId", ("backup", "GetBackupPlan"): "BackupPlanId",
            ("kms", "GetKeyPolicy"): "KeyId", ("lambda", "GetPolicy"): "FunctionName",
            ("lambda", "ListFunctionUrlConfigs"): "FunctionName",
            ("ec2", "DescribeSnapshotAttribute"): "SnapshotId", ("ec2", "DescribeInstanceAttribute"): "InstanceId",
            ("ec2", "DescribeLaunchTemplateVersions"): "LaunchTemplateId",
            ("rds", "DescribeDBSnapshotAttributes"): "DBSnapshotIdentifier",
            ("rds", "DescribeDBClusterSnapshotAttributes"): "DBClusterSnapshotIdentifier",
            ("sqs", "GetQueueAttributes"): "QueueUrl", ("sns", "GetTopicAttributes"): "TopicArn",
            ("ecr", "GetRepositoryPolicy"): "repositoryName", ("ecr", "GetLifecyclePolicy"): "repositoryName",
            ("secretsmanager", "GetResourcePolicy"): "SecretId", ("dynamodb", "DescribeTable"): "TableName",
            ("dynamodb", "DescribeContinuousBackups"): "TableName", ("ecs", "DescribeClusters"): "clusters",
            ("ecs", "ListServices"): "cluster", ("ecs", "DescribeServices"): "services",
            ("ecs", "DescribeTaskDefinition"): "taskDefinition", ("eks", "DescribeCluster"): "name",
            ("opensearch", "DescribeDomain"): "DomainName", ("cloudfront", "GetDistributionConfig"): "Id",
            ("apigateway", "GetStages"): "restApiId", ("apigatewayv2", "GetRoutes"): "ApiId",
            ("apigatewayv2", "GetStages"): "ApiId", ("elbv2", "DescribeListeners"): "LoadBalancerArn",
            ("elbv2", "DescribeLoadBalancerAttributes"): "LoadBalancerArn",
            ("elb", "DescribeLoadBalancerAttributes"): "LoadBalancerName",
            ("codebuild", "BatchGetProjects"): "names", ("account", "GetAlternateContact"): "AlternateContactType",
            ("s3control", "GetAccessPoint"): "Name", ("efs", "DescribeFileSystemPolicy"): "FileSystemId",
            ("glacier", "GetVaultAccessPolicy"): "vaultName",
            ("backup", "GetBackupVaultAccessPolicy"): "BackupVaultName",
            ("iam", "GetOpenIDConnectProvider"): "OpenIDConnectProviderArn"}
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from aws_models import session, service_model  # noqa: E402

models = {s: service_model(s) for s in SERVICES}
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
        if shape.serialization.get("flattened"):  # each item under its member's name, if it has one
            item = shape.member.serialization.get("name", tag)
            return "".join(xml_value(shape.member, x, item, ec2) for x in v)
        return "<%s>%s</%s>" % (tag, "".join(xml_value(shape.member, x, inner, ec2) for x in v), tag)
    if t == "map":
        k = shape.key.serialization.get("name", "key")
        val = shape.value.serialization.get("name", "value")
        # a flattened map repeats its own tag for each entry (SQS's <Attribute><Name/><Value/>)
        each = tag if shape.serialization.get("flattened") else "entry"
        entries = "".join("<%s>%s%s</%s>" % (each, xml_value(shape.key, a, k, ec2), xml_value(shape.value, b, val, ec2), each)
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
        payload = out.serialization.get("payload") if out else None
        if payload:  # a structure as the payload: the body is its value (Glacier's access policy)
            return json.dumps(to_json(out.members[payload], data.get(payload, {}), True)), "application/json"
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
        if op.deprecated:  # S3's GetBucketLifecycle shares its successor's route
            continue
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
        if mem.serialization.get("location") == "querystring" and loc in query:
            params[name] = query[loc][0]
    return op, params


class World:
    def __init__(self, snap, page, keys, throttle, latency, container_token, org=None, org_role=None,
                 org_external_id=None):
        self.snap, self.page, self.keys = snap, page, keys
        self.throttle, self.latency, self.container_token = throttle, latency, container_token
        self.org, self.org_role, self.org_external_id = org, org_role, org_external_id
        self.lock = threading.Lock()
        self.requests = 0
        self.role_keys = 0
        self.snap_of = {}  # an assumed role's key: the account folder its calls are answered from

    def new_role_key(self, snap=None):
        with self.lock:
            self.role_keys += 1
            kid, secret = "ASIAFAKEROLE%08d" % self.role_keys, "fake-role-secret-%d" % self.role_keys
            if self.keys is not None:
                self.keys[kid] = secret
            if snap:
                self.snap_of[kid] = snap
        return kid, secret

    def snapshot_of(self, kid):
        with self.lock:
            return self.snap_of.get(kid, self.snap)

    def read(self, rel, snap=None):
        p = os.path.join(snap or self.snap, rel)
        for ext, kind in ((".json", "ok"), (".error.json", "refused")):
            if os.path.exists(p + ext):
                with open(p + ext) as f:
                    return kind, json.load(f)
        return None, None

    def assume_in_org(self, params, snap):
        """AssumeRole into a member account of --org: its folder, or AWS's refusal."""
        arn = params.get("RoleArn", "")
        caller = (self.read("account", snap)[1] or {}).get("Arn", "arn:aws:iam::000000000000:user/unknown")
        m = re.match(r"^arn:[\w-]+:iam::(\d{12}):role/(.+)$", arn)
        folder = os.path.join(self.org, m.group(1)) if m else None
        if not m or not os.path.isdir(folder) or m.group(2) != self.org_role or \
                os.path.exists(os.path.join(folder, "refuse-assume-role")) or \
                (self.org_external_id and params.get("ExternalId") != self.org_external_id):
            return None, ("refused", {"Code": "AccessDenied", "Message": "User: %s is not authorized to perform: "
                                      "sts:AssumeRole on resource: %s" % (caller, arn)})
        return folder, None

    def organizations(self, name, params, snap):
        """Organizations' answers from DIR/organizations/, for the --keys credentials alone (any
        account of it may describe the organization); without --org, the account's own."""
        if not self.org:
            kind, data = self.read("global/organizations/describe-organization", snap) \
                if name == "DescribeOrganization" else (None, None)
            return (kind, data) if kind else ("refused", {"Code": "AWSOrganizationsNotInUseException",
                                                          "Message": "Your account is not a member of an organization."})
        if snap != self.snap and name != "DescribeOrganization":
            return "refused", {"Code": "AccessDeniedException",
                               "Message": "You don't have permissions to access this resource."}
        if name == "ListPolicies" and params.get("Filter") != "SERVICE_CONTROL_POLICY":
            return "refused", {"Code": "InvalidInputException", "Message": "this test's organization has only SCPs"}
        rel = "organizations/" + xform_name(name, "-")
        if name in ("DescribePolicy", "ListTargetsForPolicy"):
            rel += "/" + esc_name(params.get("PolicyId", ""))
        if name == "ListParents":
            rel += "/" + esc_name(params.get("ChildId", ""))
        kind, data = self.read(rel, self.org)
        if kind is None:
            return "refused", {"Code": "PolicyNotFoundException", "Message": "the test's organization lacks %s" % rel}
        if kind == "ok" and self.page:
            data = self.paged("organizations", name, data, params)
        return kind, data

    def call(self, svc, region, op, params, snap=None):
        """(kind, data): the CLI's JSON for op, or a refusal's {"Code", "Message"}; snap: the
        account folder the request's key answers from."""
        name = op.name
        snap = snap or self.snap
        if svc == "sts" and name == "GetCallerIdentity":
            return self.read("account", snap)
        if svc == "organizations":
            return self.organizations(name, params, snap)
        if svc == "sts" and name in ("AssumeRole", "AssumeRoleWithWebIdentity"):
            if name == "AssumeRoleWithWebIdentity" and params.get("WebIdentityToken") != "fake-web-identity-token":
                return "refused", {"Code": "InvalidIdentityToken", "Message": "the token is not valid"}
            folder = None
            if self.org and name == "AssumeRole":
                folder, refused = self.assume_in_org(params, snap)
                if refused:
                    return refused
            kid, secret = self.new_role_key(folder)
            return "ok", {"Credentials": {"AccessKeyId": kid, "SecretAccessKey": secret, "SessionToken": "fake-session-" + kid,
                                          "Expiration": "2030-01-01T00:00:00Z"},
                          "AssumedRoleUser": {"AssumedRoleId": "AROAFAKE:" + params.get("RoleSessionName", ""),
                                              "Arn": params.get("RoleArn", "")}}
        if svc == "iam" and name == "GenerateCredentialReport":
            return "ok", {"State": "COMPLETE"}
        if svc == "iam" and name == "GetCredentialReport":
            p = os.path.join(snap, "global/iam/credential-report.csv")
            if os.path.exists(p):
                with open(p, "rb") as f:
                    return "ok", {"Content": base64.b64encode(f.read()).decode(), "ReportFormat": "text/csv",
                                  "GeneratedTime": "2026-11-20T08:59:00+00:00"}
        folder = FOLDER.get(svc, svc)
        # S3 Control's access points are regional; its account settings and MRAPs are not
        where = "global" if svc in GLOBAL and name not in ("ListAccessPoints", "GetAccessPoint") else region
        rel = "%s/%s/%s" % (where, folder, xform_name(name, "-"))
        res = RESOURCE.get((svc, name)) or ("Bucket" if svc == "s3" else None)
        val = params.get(res) if res else None
        if isinstance(val, list):  # a JSON list of one
            val = val[0] if val else None
        if res and val:
            rel += "/" + esc_name(val)
        kind, data = self.read(rel, snap)
        if kind == "ok" and self.page:
            data = self.paged(svc, name, data, params)
        if kind is None and svc == "s3" and name == "GetBucketLocation":
            return "ok", {"LocationConstraint": None}
        if kind is None:
            return "refused", {"Code": "NotInSnapshot", "Message": "the test's snapshot lacks %s" % rel}
        return kind, data


def paginator(svc, name):
    try:
        return session.get_paginator_model(svc).get_paginator(name)
    except Exception:
        return None


def _paged(self, svc, name, data, params):
    """One page of data: each result list cut at the offset the input token carries."""
    p = paginator(svc, name)
    if not p or not isinstance(p.get("input_token"), str) or not isinstance(p.get("output_token"), str):
        return data
    keys = p["result_key"] if isinstance(p["result_key"], list) else [p["result_key"]]
    start = int(params.get(p["input_token"]) or 0)
    out = dict(data)
    more = False
    for k in keys:
        items = data.get(k) or []
        out[k] = items[start:start + self.page]
        more = more or len(items) > start + self.page
    if more:
        out[p["output_token"]] = str(start + self.page)
    else:
        out.pop(p["output_token"], None)
    if p.get("more_results"):
        out[p["more_results"]] = more
    return out


World.paged = _paged


def service_of(headers, form, path=""):
    auth = headers.get("Authorization", "")
    g = re.search(r"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request", auth)
    if not g and form.get("Action", [""])[0] == "AssumeRoleWithWebIdentity":
        return "sts", "us-east-1"
    if not g:
        return None, None
    region, signing = g.group(1), g.group(2)
    names = by_signing.get(signing, [])
    if len(names) > 1:
        version = form.get("Version", [""])[0]
        if "s3control" in names:  # S3 Control signs as s3; its routes are versioned
            names = ["s3control" if path.startswith("/v20180820/") else "s3"]
        if "apigatewayv2" in names:  # both API Gateways sign as apigateway; v2's routes say so
            names = ["apigatewayv2" if path.startswith("/v2/") else "apigateway"]
        names = [n for n in names if models[n].api_version == version] or names
    return (names[0] if names else None), region


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and body leave in two writes: without this, Nagle and delayed ACKs hold the
    # second back 40 ms, which would be measured as AWS's latency
    disable_nagle_algorithm = True

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

    def local_endpoints(self, world, url):
        """The container credentials endpoint and IMDSv2, or False when the path is neither."""
        if url.path == "/container-credentials":
            if self.headers.get("Authorization") != world.container_token:
                self.reply(401, "no", "text/plain")
                return True
            kid, secret = world.new_role_key()
            self.reply(200, json.dumps({"AccessKeyId": kid, "SecretAccessKey": secret, "Token": "fake-session-" + kid,
                                        "Expiration": "2030-01-01T00:00:00Z", "RoleArn": "arn:aws:iam::111122223333:role/task"}),
                       "application/json")
            return True
        if url.path == "/latest/api/token":
            if self.command != "PUT" or not self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
                self.reply(400, "bad", "text/plain")
            else:
                self.reply(200, "fake-imds-session", "text/plain")
            return True
        if url.path.startswith("/latest/meta-data/iam/security-credentials/"):
            if self.headers.get("X-aws-ec2-metadata-token") != "fake-imds-session":
                self.reply(401, "IMDSv2 needs a token", "text/plain")
                return True
            role = url.path.rsplit("/", 1)[-1]
            if not role:
                self.reply(200, "web-app", "text/plain")
            else:
                kid, secret = world.new_role_key()
                self.reply(200, json.dumps({"Code": "Success", "AccessKeyId": kid, "SecretAccessKey": secret,
                                            "Token": "fake-session-" + kid, "Expiration": "2030-01-01T00:00:00Z"}),
                           "application/json")
            return True
        return False

    def signature_ok(self, world, raw, svc):
        if world.keys is None:
            return True
        parsed = parse_authorization(self.headers.get("Authorization", ""))
        if not parsed:
            return False
        key_id, scope, signed, signature = parsed
        if key_id not in world.keys or "host" not in signed:
            return False
        headers = {k.lower(): v for k, v in self.headers.items()}
        path, _, query = self.path.partition("?")
        want = expected_signature(world.keys[key_id], self.command, path, query, headers, signed, raw, scope,
                                  headers.get("x-amz-date", ""), models[svc].signing_name == "s3")
        return hmac.compare_digest(want, signature)

    def handle_any(self):
        world = self.server.world
        with world.lock:
            world.requests += 1
            count = world.requests
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        url = urllib.parse.urlsplit(self.path)
        if self.local_endpoints(world, url):
            return
        if world.latency:
            time.sleep(world.latency / 1000.0)
        query = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        form = urllib.parse.parse_qs(raw.decode("utf-8", "replace")) if \
            self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded") else {}
        svc, region = service_of(self.headers, form, url.path)
        if not svc:
            return self.reply(400, "no SigV4 credential scope naming a known service", "text/plain")
        m = models[svc]
        unsigned = svc == "sts" and form.get("Action", [""])[0] == "AssumeRoleWithWebIdentity"
        if not unsigned and not self.signature_ok(world, raw, svc):
            st, body, ctype, hdrs = refusal(svc, "SignatureDoesNotMatch",
                                            "The request signature we calculated does not match the signature you provided.")
            return self.reply(403, body, ctype, hdrs)
        if world.throttle and count % world.throttle == 0:
            code = "SlowDown" if svc == "s3" else "ThrottlingException" if m.protocol in ("json", "rest-json") else \
                "RequestLimitExceeded" if svc == "ec2" else "Throttling"
            st, body, ctype, hdrs = refusal(svc, code, "Rate exceeded")
            return self.reply(503 if svc == "s3" else 400, body, ctype, hdrs)
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
            if op is not None and raw and m.protocol == "rest-json":  # the body's members
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {}
                params = dict(body, **params) if isinstance(body, dict) else params
        if op is None:
            st, body, ctype, hdrs = refusal(svc, "InvalidAction", "no such operation")
            return self.reply(st, body, ctype, hdrs)
        parsed = parse_authorization(self.headers.get("Authorization", ""))
        kind, data = world.call(svc, region, op, params, world.snapshot_of(parsed[0] if parsed else None))
        if kind == "refused":
            st, body, ctype, hdrs = refusal(svc, data.get("Code", "Unknown"), data.get("Message", ""))
            return self.reply(st, body, ctype, hdrs)
        body, ctype = answer(svc, op, data)
        self.reply(200, body, ctype)

    do_GET = do_POST = do_PUT = do_HEAD = handle_any


class Server(ThreadingHTTPServer):
    # listen()'s backlog, set before the socket listens: many clients connect at once
    request_queue_size = 1024
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--snapshot")
    ap.add_argument("--org")
    ap.add_argument("--org-role", default="OrganizationAccountAccessRole")
    ap.add_argument("--org-external-id")
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--page", type=int, default=0)
    ap.add_argument("--keys")
    ap.add_argument("--throttle", type=int, default=0)
    ap.add_argument("--latency", type=float, default=0)
    ap.add_argument("--container-token", default="fake-container-token")
    ap.add_argument("--seconds", type=float, default=600)
    a = ap.parse_args()
    keys = json.load(open(a.keys)) if a.keys else None
    if not a.snapshot and a.org:  # the management account's folder
        with open(os.path.join(a.org, "organizations", "describe-organization.json")) as f:
            a.snapshot = os.path.join(a.org, json.load(f)["Organization"]["MasterAccountId"])
    if not a.snapshot:
        ap.error("--snapshot is needed (or --org with a describe-organization.json)")
    srv = Server(("127.0.0.1", 0), Handler)
    srv.world = World(a.snapshot, a.page, keys, a.throttle, a.latency, a.container_token, a.org, a.org_role,
                      a.org_external_id)
    threading.Timer(a.seconds, srv.shutdown).start()  # never outlives its test
    with open(a.port_file + ".part", "w") as f:
        f.write(str(srv.server_address[1]))
    os.replace(a.port_file + ".part", a.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
