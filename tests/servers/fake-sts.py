#!/usr/bin/env python3
"""fake-sts.py: an STS endpoint on loopback for tests: checks each request's SigV4 signature
with its own, independent implementation, and answers GetCallerIdentity as AWS does."""
import argparse, hmac, json, os, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sigv4check import expected_signature, parse_authorization

OK = """<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>{arn}</Arn>
    <UserId>AIDA{uid}</UserId>
    <Account>{account}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>
"""
ERR = """<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>{code}</Code>
    <Message>{msg}</Message>
  </Error>
  <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
</ErrorResponse>
"""


class Handler(BaseHTTPRequestHandler):
    keys = {}
    log = None

    def answer(self, status, text, code=""):
        self.send_response(status)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        self.wfile.write(text.encode())
        with open(self.log, "a") as f:
            f.write(f"{status} {code}\n")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        parsed = parse_authorization(self.headers.get("Authorization", ""))
        if not parsed:
            return self.answer(400, ERR.format(code="IncompleteSignature", msg="bad Authorization"), "IncompleteSignature")
        key_id, scope, signed, signature = parsed
        if urllib.parse.parse_qs(body.decode()).get("Action") != ["GetCallerIdentity"]:
            return self.answer(400, ERR.format(code="InvalidAction", msg="unknown action"), "InvalidAction")
        if key_id not in self.keys:
            return self.answer(403, ERR.format(code="InvalidClientTokenId", msg="The security token included in the request is invalid."), "InvalidClientTokenId")
        who = self.keys[key_id]
        headers = {k.lower(): v for k, v in self.headers.items()}
        path, _, query = self.path.partition("?")
        want = expected_signature(who["secret"], "POST", path, query, headers, signed, body, scope,
                                  headers.get("x-amz-date", ""))
        if not hmac.compare_digest(want, signature) or "host" not in signed:
            return self.answer(403, ERR.format(code="SignatureDoesNotMatch", msg="The request signature we calculated does not match the signature you provided."), "SignatureDoesNotMatch")
        self.answer(200, OK.format(arn=who["arn"], account=who["account"], uid=key_id[4:]), "ok")

    def log_message(self, *a):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keys", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--seconds", type=float, default=60)
    a = ap.parse_args()
    Handler.keys = json.load(open(a.keys))
    Handler.log = a.log
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(a.port_file + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(a.port_file + ".tmp", a.port_file)
    threading.Timer(a.seconds, srv.shutdown).start()  # never outlives its test
    srv.serve_forever()


if __name__ == "__main__":
    main()
