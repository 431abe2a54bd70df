#!/usr/bin/python3
"""fake-s3-bucket.py: one S3 bucket on loopback, served from a folder, for the AWS CLI's `s3 sync`
and `s3api head-object`: ListObjectsV2 (prefix, pages, encoding-type=url), GetObject and
HeadObject (each object's user metadata from <key>.head.json beside it, as x-amz-meta-*
headers), GetBucketLocation. Path-style requests only (the CLI uses them for an IP endpoint).
Requests are not authenticated; the sidecar files are not objects.

usage: fake-s3-bucket.py --root DIR --bucket NAME --port-file FILE [--page N] [--seconds S]"""
import argparse, email.utils, hashlib, json, os, threading, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

ap = argparse.ArgumentParser()
ap.add_argument("--root", required=True)
ap.add_argument("--bucket", required=True)
ap.add_argument("--port-file", required=True)
ap.add_argument("--page", type=int, default=1000)
ap.add_argument("--seconds", type=float, default=300)
a = ap.parse_args()
NS = "http://s3.amazonaws.com/doc/2006-03-01/"


def keys():
    out = []
    for d, _, files in os.walk(a.root):
        for f in files:
            k = os.path.relpath(os.path.join(d, f), a.root)
            if not k.endswith(".head.json"):
                out.append(k)
    return sorted(out)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=None, ctype="application/xml"):
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

    def route(self):
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        parts = url.path.lstrip("/").split("/", 1)
        if parts[0] != a.bucket:
            return self.error(404, "NoSuchBucket")
        key = urllib.parse.unquote(parts[1]) if len(parts) > 1 else ""
        if not key:
            if "location" in q:
                return self.send(200, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><LocationConstraint xmlns=\"%s\"/>" % NS).encode())
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
        token = q.get("continuation-token", [""])[0] or q.get("start-after", [""])[0]
        enc = q.get("encoding-type", [""])[0] == "url"
        n = min(int(q.get("max-keys", [a.page])[0]), a.page)
        found = [k for k in keys() if k.startswith(prefix) and k > token]
        page, more = found[:n], len(found) > n
        items = []
        for k in page:
            st = os.stat(os.path.join(a.root, k))
            items.append("<Contents><Key>%s</Key><LastModified>2024-03-01T00:00:00.000Z</LastModified>"
                         "<ETag>\"0\"</ETag><Size>%d</Size><StorageClass>STANDARD</StorageClass></Contents>"
                         % (escape(urllib.parse.quote(k) if enc else k), st.st_size))
        body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"%s\"><Name>%s</Name>"
                "<Prefix>%s</Prefix><KeyCount>%d</KeyCount><MaxKeys>%d</MaxKeys>%s<IsTruncated>%s</IsTruncated>%s%s"
                "</ListBucketResult>" % (NS, a.bucket, escape(prefix), len(page), n,
                                         "<EncodingType>url</EncodingType>" if enc else "",
                                         "true" if more else "false",
                                         "<NextContinuationToken>%s</NextContinuationToken>" % escape(page[-1]) if more else "",
                                         "".join(items)))
        self.send(200, body.encode())

    do_GET = do_HEAD = route


srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(a.port_file + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.replace(a.port_file + ".tmp", a.port_file)
threading.Timer(a.seconds, srv.shutdown).start()
srv.serve_forever()
