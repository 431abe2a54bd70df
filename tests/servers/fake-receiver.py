#!/usr/bin/python3
"""fake-receiver.py: where `detect --notify` tells alerts, on loopback: a Slack incoming webhook
and a plain webhook (any POST path), an SNS endpoint (Action=Publish, every request's SigV4
signature checked against --keys) and, with --smtp-port-file, an SMTP server (Debian's
python3-aiosmtpd) that insists on STARTTLS with --cert/--key and a login (mailer, XpasswordX). Each message taken is one JSON line
in --log: {"kind": "http"|"sns"|"smtp", "path", "alert_id", "body" | "subject"+"message"}. The
first --fail-first HTTP requests are answered 500 (a destination down for a while); --delay-ms
waits before each HTTP answer, and a message is logged only once its answer has been sent.

usage: fake-receiver.py --port-file FILE --log FILE [--keys FILE] [--fail-first N]
       [--delay-ms MS] [--smtp-port-file FILE --cert PEM --key PEM] [--seconds S]"""
import argparse, json, os, ssl, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler

ap = argparse.ArgumentParser()
ap.add_argument("--port-file", required=True)
ap.add_argument("--log", required=True)
ap.add_argument("--keys")
ap.add_argument("--fail-first", type=int, default=0)
ap.add_argument("--delay-ms", type=int, default=0)
ap.add_argument("--smtp-port-file")
ap.add_argument("--cert")
ap.add_argument("--key")
ap.add_argument("--seconds", type=float, default=600)
a = ap.parse_args()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loopback import QuietServer, publish_port  # noqa: E402
from sigv4check import expected_signature, parse_authorization  # noqa: E402
KEYS = json.load(open(a.keys)) if a.keys else {}
lock = threading.Lock()
count = [0]


def log(entry):
    with lock, open(a.log, "a") as f:
        f.write(json.dumps(entry) + "\n")


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body=b"", ctype="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            count[0] += 1
            n = count[0]
        if a.delay_ms:
            time.sleep(a.delay_ms / 1000)
        if n <= a.fail_first:
            return self.answer(500, b'{"error":"down for a while"}')
        form = urllib.parse.parse_qs(body.decode("utf-8", "replace")) if \
            self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded") else {}
        if form.get("Action") == ["Publish"]:
            auth = parse_authorization(self.headers.get("Authorization", ""))
            headers = {k.lower(): v for k, v in self.headers.items()}
            url = urllib.parse.urlsplit(self.path)
            if not auth or auth[0] not in KEYS or expected_signature(
                    KEYS[auth[0]], "POST", url.path, url.query, headers, auth[2], body, auth[1],
                    headers.get("x-amz-date", "")) != auth[3]:
                return self.answer(403, b"<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>",
                                   "text/xml")
            self.answer(200, b"<PublishResponse><PublishResult><MessageId>1</MessageId></PublishResult></PublishResponse>",
                        "text/xml")
            log({"kind": "sns", "topic": form.get("TopicArn", [""])[0], "subject": form.get("Subject", [""])[0],
                 "message": form.get("Message", [""])[0]})
            return
        self.answer(200, b"ok", "text/plain")
        log({"kind": "http", "path": self.path, "alert_id": self.headers.get("X-Yourside-Alert-Id"),
             "body": body.decode("utf-8", "replace")})


def smtp():
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP

    class Keep:
        async def handle_DATA(self, server, session, envelope):
            msg = envelope.content.decode("utf-8", "replace")
            head, _, text = msg.partition("\r\n\r\n")
            subject = [h[9:] for h in head.split("\r\n") if h.lower().startswith("subject: ")]
            log({"kind": "smtp", "from": envelope.mail_from, "to": envelope.rcpt_tos,
                 "tls": session.ssl is not None, "subject": subject[0] if subject else "", "message": text})
            return "250 OK"

    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(a.cert, a.key)
    import socket
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    from aiosmtpd.smtp import AuthResult, LoginPassword

    def login(server, session, envelope, mechanism, data):
        # the test's login: mailer / XpasswordX
        ok = isinstance(data, LoginPassword) and data.login == b"mailer" and data.password == b"XpasswordX"
        return AuthResult(success=ok)

    c = Controller(Keep(), hostname="127.0.0.1", port=port, tls_context=ctx, require_starttls=True,
                   authenticator=login, auth_require_tls=True)
    c.start()
    publish_port(a.smtp_port_file, port)
    return c


if a.smtp_port_file:
    smtp()
srv = QuietServer(("127.0.0.1", 0), Handler)
publish_port(a.port_file, srv.server_address[1])
threading.Timer(a.seconds, lambda: os._exit(0)).start()
srv.serve_forever()
