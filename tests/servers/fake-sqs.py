#!/usr/bin/python3
"""fake-sqs.py: one SQS queue on loopback, for `yourside detect --sqs` and the AWS CLI: SendMessage,
ReceiveMessage (long polling, a visibility timeout, at most 10 at once), DeleteMessage and
GetQueueAttributes, in the query protocol (form posts, XML answers) and in the JSON protocol
(X-Amz-Target: AmazonSQS.*) that newer SDKs use. Messages also come from --inbox: each file put
there (not *.part) is sent once, its content the body, in name order. With --keys, every request's
SigV4 signature is checked (403 SignatureDoesNotMatch otherwise); --deny-receive refuses
ReceiveMessage (403 AccessDenied); --max-visibility S caps a receive's visibility timeout (so a
test sees a message handed out again after a kill). Each request is logged to --log, one line
"ACTION message-id...", and GET /_queue answers {"visible","inflight","deleted","received"}.

usage: fake-sqs.py --port-file FILE [--inbox DIR] [--keys FILE] [--deny-receive]
       [--max-visibility S] [--log FILE] [--seconds S]"""
import argparse, hashlib, json, os, sys, threading, time, urllib.parse, uuid
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

ap = argparse.ArgumentParser()
ap.add_argument("--port-file", required=True)
ap.add_argument("--inbox")
ap.add_argument("--keys")
ap.add_argument("--deny-receive", action="store_true")
ap.add_argument("--max-visibility", type=float, default=43200)
ap.add_argument("--log")
ap.add_argument("--seconds", type=float, default=300)
a = ap.parse_args()
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loopback import QuietServer, publish_port  # noqa: E402
from sigv4check import expected_signature, parse_authorization  # noqa: E402
KEYS = json.load(open(a.keys)) if a.keys else None
lock = threading.Condition()
messages = []  # dicts: id, body, md5, visible_at, handles, received
deleted = []
taken = set()  # inbox files sent
NS = "http://queue.amazonaws.com/doc/2012-11-05/"


def log(line):
    if a.log:
        with open(a.log, "a") as f:
            f.write(line + "\n")


def send(body):
    m = {"id": str(uuid.uuid4()), "body": body, "md5": hashlib.md5(body.encode()).hexdigest(),
         "visible_at": 0, "handles": set(), "received": 0}
    messages.append(m)
    lock.notify_all()
    return m


def read_inbox():
    if not a.inbox:
        return
    for name in sorted(os.listdir(a.inbox)):
        if name.endswith(".part") or name in taken:
            continue
        taken.add(name)
        with open(os.path.join(a.inbox, name), encoding="utf-8", errors="replace") as f:
            send(f.read())


def receive(n, wait, vis):
    deadline = time.time() + wait
    with lock:
        while True:
            read_inbox()
            now = time.time()
            ready = [m for m in messages if m["visible_at"] <= now][:n]
            if ready or now >= deadline:
                break
            lock.wait(min(0.05, deadline - now))
        for m in ready:
            h = uuid.uuid4().hex
            m["handles"].add(h)
            m["visible_at"] = now + min(vis, a.max_visibility)
            m["received"] += 1
            m["handle"] = h
        return [dict(m) for m in ready]


def delete(handle):
    with lock:
        for m in messages:
            if handle in m["handles"]:
                messages.remove(m)
                deleted.append(m["id"])
                return m["id"]
    return None


def change_visibility(handle, vis):
    with lock:
        for m in messages:
            if handle in m["handles"]:
                m["visible_at"] = time.time() + min(vis, a.max_visibility)
                lock.notify_all()
                return m["id"]
    return None


class Handler(BaseHTTPRequestHandler):
    disable_nagle_algorithm = True
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body, ctype="text/xml"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def fail(self, status, code, json_proto):
        if json_proto:
            return self.answer(status, json.dumps({"__type": "com.amazonaws.sqs#" + code, "message": code}),
                               "application/x-amz-json-1.0")
        self.answer(status, "<ErrorResponse xmlns=\"%s\"><Error><Type>Sender</Type><Code>%s</Code>"
                    "<Message>%s</Message></Error><RequestId>0</RequestId></ErrorResponse>" % (NS, code, code))

    def signed(self, raw):
        auth = parse_authorization(self.headers.get("Authorization", ""))
        if not auth or auth[0] not in KEYS:
            return False
        key_id, scope, names, sig = auth
        url = urllib.parse.urlsplit(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        want = expected_signature(KEYS[key_id], self.command, url.path, url.query, headers, names, raw,
                                  scope, headers.get("x-amz-date", ""))
        return want == sig

    def do_GET(self):
        if self.path == "/_queue":
            with lock:
                read_inbox()
                now = time.time()
                state = {"visible": sum(m["visible_at"] <= now for m in messages),
                         "inflight": sum(m["visible_at"] > now for m in messages),
                         "deleted": len(deleted), "received": sum(m["received"] for m in messages)}
            return self.answer(200, json.dumps(state), "application/json")
        self.answer(404, "")

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        target = self.headers.get("X-Amz-Target", "")
        json_proto = target.startswith("AmazonSQS.")
        if json_proto:
            action, p = target.split(".", 1)[1], json.loads(raw or b"{}")
        else:
            form = urllib.parse.parse_qs(raw.decode(), keep_blank_values=True)
            p = {k: v[0] for k, v in form.items()}
            action = p.get("Action", "")
        if KEYS is not None and not self.signed(raw):
            log("%s refused-signature" % action)
            return self.fail(403, "SignatureDoesNotMatch", json_proto)
        if action == "SendMessage":
            with lock:
                m = send(p["MessageBody"])
            log("SendMessage %s" % m["id"])
            if json_proto:
                return self.answer(200, json.dumps({"MD5OfMessageBody": m["md5"], "MessageId": m["id"]}),
                                   "application/x-amz-json-1.0")
            return self.answer(200, "<SendMessageResponse xmlns=\"%s\"><SendMessageResult><MD5OfMessageBody>%s"
                               "</MD5OfMessageBody><MessageId>%s</MessageId></SendMessageResult><ResponseMetadata>"
                               "<RequestId>0</RequestId></ResponseMetadata></SendMessageResponse>"
                               % (NS, m["md5"], m["id"]))
        if action == "ReceiveMessage":
            if a.deny_receive:
                log("ReceiveMessage refused")
                return self.fail(403, "AccessDenied", json_proto)
            got = receive(min(int(p.get("MaxNumberOfMessages", 1)), 10), min(float(p.get("WaitTimeSeconds", 0)), 20),
                          float(p.get("VisibilityTimeout", 30)))
            log("ReceiveMessage " + " ".join(m["id"] for m in got))
            if json_proto:
                return self.answer(200, json.dumps({"Messages": [
                    {"MessageId": m["id"], "ReceiptHandle": m["handle"], "MD5OfBody": m["md5"], "Body": m["body"]}
                    for m in got]}), "application/x-amz-json-1.0")
            items = "".join("<Message><MessageId>%s</MessageId><ReceiptHandle>%s</ReceiptHandle><MD5OfBody>%s"
                            "</MD5OfBody><Body>%s</Body></Message>"
                            % (m["id"], m["handle"], m["md5"], escape(m["body"], {'"': "&quot;", "\r": "&#xD;"}))
                            for m in got)
            return self.answer(200, "<ReceiveMessageResponse xmlns=\"%s\"><ReceiveMessageResult>%s"
                               "</ReceiveMessageResult><ResponseMetadata><RequestId>0</RequestId>"
                               "</ResponseMetadata></ReceiveMessageResponse>" % (NS, items))
        if action == "DeleteMessage":
            mid = delete(p.get("ReceiptHandle", ""))
            log("DeleteMessage %s" % (mid or "invalid"))
            if not mid:
                return self.fail(400, "ReceiptHandleIsInvalid", json_proto)
            if json_proto:
                return self.answer(200, "{}", "application/x-amz-json-1.0")
            return self.answer(200, "<DeleteMessageResponse xmlns=\"%s\"><ResponseMetadata><RequestId>0"
                               "</RequestId></ResponseMetadata></DeleteMessageResponse>" % NS)
        if action == "ChangeMessageVisibility":
            mid = change_visibility(p.get("ReceiptHandle", ""), float(p.get("VisibilityTimeout", 0)))
            log("ChangeMessageVisibility %s %s" % (mid or "invalid", p.get("VisibilityTimeout", "")))
            if not mid:
                return self.fail(400, "ReceiptHandleIsInvalid", json_proto)
            if json_proto:
                return self.answer(200, "{}", "application/x-amz-json-1.0")
            return self.answer(200, "<ChangeMessageVisibilityResponse xmlns=\"%s\"><ResponseMetadata><RequestId>0"
                               "</RequestId></ResponseMetadata></ChangeMessageVisibilityResponse>" % NS)
        if action == "GetQueueAttributes":
            with lock:
                read_inbox()
                now = time.time()
                attrs = {"ApproximateNumberOfMessages": str(sum(m["visible_at"] <= now for m in messages)),
                         "ApproximateNumberOfMessagesNotVisible": str(sum(m["visible_at"] > now for m in messages))}
            if json_proto:
                return self.answer(200, json.dumps({"Attributes": attrs}), "application/x-amz-json-1.0")
            items = "".join("<Attribute><Name>%s</Name><Value>%s</Value></Attribute>" % kv for kv in attrs.items())
            return self.answer(200, "<GetQueueAttributesResponse xmlns=\"%s\"><GetQueueAttributesResult>%s"
                               "</GetQueueAttributesResult></GetQueueAttributesResponse>" % (NS, items))
        return self.fail(400, "InvalidAction", json_proto)


srv = QuietServer(("127.0.0.1", 0), Handler)
publish_port(a.port_file, srv.server_address[1])
threading.Timer(a.seconds, srv.shutdown).start()
srv.serve_forever()
