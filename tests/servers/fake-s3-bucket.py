#!/usr/bin/python3
"""fake-s3-bucket.py: one S3 bucket on loopback, served from a folder, for the AWS CLI's `s3 sync`
and `s3api head-object` and for `yourside detect --follow s3://`: ListObjectsV2 (prefix,
delimiter, start-after, pages, encoding-type=url), GetObject and HeadObject (each object's user
metadata from <key>.head.json beside it, as x-amz-meta-* headers), GetBucketLocation. Path-style
requests only. The folder is read at each request, so objects appear as files are put there; the
sidecar files and names ending in .part are not objects. With --keys, every request's SigV4
signature is checked (403 SignatureDoesNotMatch otherwise); --deny-list refuses ListObjectsV2
(403 AccessDenied); --throttle N answers every Nth request 503 SlowDown, but never the retry of
a request it has just throttled (so a client's retries always end, and a test's count of fetches
does not depend on how its requests happened to interleave); --delay-ms waits before
each answer. Each request is logged to --log, one line "METHOD path?query STATUS". For
benchmarks: --static lists the folder once (nothing is put while it serves), and --procs N
answers from N processes on one socket (each dies with the first).

usage: fake-s3-bucket.py --root DIR --bucket NAME --port-file FILE [--page N] [--seconds S]
       [--keys FILE] [--deny-list] [--throttle N] [--delay-ms MS] [--log FILE] [--static]
       [--procs N]"""
import argparse, bisect, ctypes, email.utils, hashlib, json, os, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

ap = argparse.ArgumentParser()
ap.add_argument("--root", required=True)
ap.add_argument("--bucket", required=True)
ap.add_argument("--port-file", required=True)
ap.add_argument("--page", type=int, default=1000)
ap.add_argument("--seconds", type=float, default=300)
ap.add_argument("--keys")
ap.add_argument("--deny-list", action="store_true")
ap.add_argument("--throttle", type=int, default=0)
ap.add_argument("--delay-ms", type=int, default=0)
ap.add_argument("--log")
ap.add_argument("--static", action="store_true")
ap.add_argument("--procs", type=int, default=1)
a = ap.parse_args()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loopback import QuietServer, publish_port  # noqa: E402
from sigv4check import expected_signature, parse_authorization  # noqa: E402
KEYS = json.load(open(a.keys)) if a.keys else None
counter = [0]
throttled = set()  # paths whose last answer was 503: their next request goes through
lock = threading.Lock()
NS = "http://s3.amazonaws.com/doc/2006-03-01/"


_all_keys = []


def keys(prefix, start):
    """The objects' keys under prefix from start on, sorted: only the folder the prefix names is
    walked (with --static, the whole folder once)."""
    if not (a.static and _all_keys):
        out = []
        top = "" if a.static else prefix[:prefix.rfind("/") + 1]
        for d, _, files in os.walk(os.path.join(a.root, top)):
            for f in files:
                k = os.path.relpath(os.path.join(d, f), a.root)
                if not k.endswith((".head.json", ".part")):
                    out.append(k)
        out.sort()
        if not a.static:
            return out[bisect.bisect_left(out, max(prefix, start)):]
        _all_keys.extend(out)
    return _all_keys[bisect.bisect_left(_all_keys, max(prefix, start)):]


class Handler(BaseHTTPRequestHandler):
    # answers in one go, as S3 does: without this a header and a body written apart meet the
    # client's delayed ACK and each request waits 40 ms
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=None, ctype="application/xml"):
        if a.log:
            with lock, open(a.log, "a") as f:
                f.write("%s %s %d\n" % (self.command, self.path, status))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def error(self, status, code):
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code><Message>%s</Message></Error>"
                % (code, code)).encode()
        self.send(status, body)

    def signed(self, url):
        auth = parse_authorization(self.headers.get("Authorization", ""))
        if not auth or auth[0] not in KEYS:
            return False
        key_id, scope, signed, sig = auth
        headers = {k.lower(): v for k, v in self.headers.items()}
        want = expected_signature(KEYS[key_id], self.command, url.path, url.query, headers, signed, b"",
                                  scope, headers.get("x-amz-date", ""), s3=True)
        return want == sig

    def route(self):
        url = urllib.parse.urlsplit(self.path)
        with lock:
            counter[0] += 1
            n = counter[0]
        if a.delay_ms:
            time.sleep(a.delay_ms / 1000)
        if KEYS is not None and not self.signed(url):
            return self.error(403, "SignatureDoesNotMatch")
        if a.throttle:
            with lock:
                again = self.path in throttled
                throttled.discard(self.path)
                if n % a.throttle == 0 and not again:
                    throttled.add(self.path)
                else:
                    again = True
            if not again:
                return self.error(503, "SlowDown")
        q = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        parts = url.path.lstrip("/").split("/", 1)
        if parts[0] != a.bucket:
            return self.error(404, "NoSuchBucket")
        key = urllib.parse.unquote(parts[1]) if len(parts) > 1 else ""
        if not key:
            if "location" in q:
                return self.send(200, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><LocationConstraint xmlns=\"%s\"/>" % NS).encode())
            if a.deny_list:
                return self.error(403, "AccessDenied")
            return self.list(q)
        path = os.path.join(a.root, key)
        if key.endswith(".head.json") or not os.path.isfile(path):
            return self.error(404, "NoSuchKey")
        data = open(path, "rb").read()
        st = os.stat(path)
        h = {"ETag": '"%s"' % hashlib.md5(data).hexdigest(), "Accept-Ranges": "bytes",
             "Last-Modified": email.utils.formatdate(st.st_mtime, usegmt=True)}
        if os.path.isfile(path + ".head.json"):
            for k, v in json.load(open(path + ".head.json")).get("Metadata", {}).items():
                h["x-amz-meta-" + k] = v
        self.send(200, data, h, "application/octet-stream")

    def list(self, q):
        prefix = q.get("prefix", [""])[0]
        token = q.get("continuation-token", [""])[0]
        after = q.get("start-after", [""])[0]
        delim = q.get("delimiter", [""])[0]
        enc = q.get("encoding-type", [""])[0] == "url"
        n = min(int(q.get("max-keys", [a.page])[0]), a.page)
        entries = []  # (name, is_prefix), sorted, each common prefix once
        for k in keys(prefix, max(token, after)):
            if not k.startswith(prefix):
                break
            if k <= max(token, after):
                continue
            if delim:
                cut = k.find(delim, len(prefix))
                if cut >= 0:
                    cp = k[:cut + len(delim)]
                    if not entries or entries[-1] != (cp, True):
                        entries.append((cp, True))
                    continue
            entries.append((k, False))
        page, more = entries[:n], len(entries) > n
        items = []
        for name, is_prefix in page:
            shown = escape(urllib.parse.quote(name) if enc else name)
            if is_prefix:
                items.append("<CommonPrefixes><Prefix>%s</Prefix></CommonPrefixes>" % shown)
                continue
            st = os.stat(os.path.join(a.root, name))
            items.append("<Contents><Key>%s</Key><LastModified>%s</LastModified>"
                         "<ETag>\"0\"</ETag><Size>%d</Size><StorageClass>STANDARD</StorageClass></Contents>"
                         % (shown, time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(st.st_mtime)), st.st_size))
        # the next page starts after the last entry (a common prefix: after everything under it)
        nxt = (page[-1][0] + "\uffff" if page[-1][1] else page[-1][0]) if more else ""
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"%s\"><Name>%s</Name>"
                "<Prefix>%s</Prefix><KeyCount>%d</KeyCount><MaxKeys>%d</MaxKeys>%s<IsTruncated>%s</IsTruncated>%s%s"
                "</ListBucketResult>" % (NS, a.bucket, escape(prefix), len(page), n,
                                         "<EncodingType>url</EncodingType>" if enc else "",
                                         "true" if more else "false",
                                         "<NextContinuationToken>%s</NextContinuationToken>" % escape(nxt) if more else "",
                                         "".join(items)))
        self.send(200, body.encode())

    do_GET = do_HEAD = route


srv = QuietServer(("127.0.0.1", 0), Handler)
for _ in range(a.procs - 1):
    if os.fork() == 0:
        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL: dies with the first
        break
else:
    publish_port(a.port_file, srv.server_address[1])
threading.Timer(a.seconds, srv.shutdown).start()
srv.serve_forever()
