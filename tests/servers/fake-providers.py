#!/usr/bin/env python3
"""fake-providers.py: the identity calls of every provider `secrets --verify` asks, on loopback,
answered as each provider documents them (status codes and JSON shapes). Each provider lives
under its own first path segment: http://127.0.0.1:PORT/github/user, /slack/api/auth.test,
/datadog-eu/api/v1/validate (a segment's '-' part names a site or region).

--keys FILE: {"<credential>": {"provider": "github", "behaviour": "live", "who": {...}}}; a
credential not there, or there for another provider or site, is rejected as the provider
rejects an unknown one. behaviour: live (default), hang (answers after --hang seconds), 429
(always, Retry-After: 1), 429-once (then live), 500, restricted (403 permission_error),
no-quota (OpenAI's 429 insufficient_quota), disabled (Cloudflare), closed (Twilio).

--log FILE gets one JSON line a request: route, method, path, status, user agent, and the
SHA-256 of every credential-carrying header value (Authorization decoded, x-api-key,
PRIVATE-TOKEN, DD-API-KEY): never a credential itself."""
import argparse, base64, hashlib, json, os, sys, threading
from http.server import BaseHTTPRequestHandler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from loopback import QuietServer, publish_port

KEY_HEADERS = ("x-api-key", "private-token", "dd-api-key")


def sha(s):
    return hashlib.sha256(s.encode()).hexdigest()


def models(ids):
    return {"object": "list", "data": [{"id": i, "object": "model", "owned_by": "system"} for i in ids]}


class Provider:
    """One provider: its routes (method, path) → live answer, and how it rejects."""
    auth = "bearer"  # bearer | basic-user | basic-pass | basic-pair | a header name
    needs = {}       # header → value prefix the real API insists on
    reject = (401, {"message": "unauthorized"})

    def routes(self):
        return {}


class GitHub(Provider):
    reject = (401, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"})

    def routes(self):
        def user(cred, who, h):
            if cred.startswith("ghs_"):  # installation tokens may not read /user
                return 403, {"message": "Resource not accessible by integration"}, {}
            hdr = {"X-OAuth-Scopes": who["scopes"]} if "scopes" in who else {}
            return 200, {"login": who["login"], "id": 1, "type": "User", "email": None}, hdr

        def repos(cred, who, h):
            return 200, {"total_count": 1, "repositories": [{"id": 1, "name": "app", "owner": {"login": who["login"]}}]}, {}
        return {("GET", "/user"): user, ("GET", "/installation/repositories"): repos}


class GitLab(Provider):
    auth = "private-token"
    reject = (401, {"message": "401 Unauthorized"})

    def routes(self):
        def me(cred, who, h):
            return 200, {"id": 9, "name": who["name"], "revoked": False, "created_at": "2026-01-01T00:00:00Z",
                         "scopes": who.get("scopes", ["api"]), "user_id": who["user_id"], "active": True,
                         "expires_at": None}, {}
        return {("GET", "/api/v4/personal_access_tokens/self"): me}


class Slack(Provider):
    reject = (200, {"ok": False, "error": "invalid_auth"})

    def routes(self):
        def test(cred, who, h):
            return 200, {"ok": True, "url": "https://acme.slack.com/", "team": who["team"], "user": who["user"],
                         "team_id": who["team_id"], "user_id": who["user_id"]}, {"X-OAuth-Scopes": "chat:write"}
        return {("POST", "/api/auth.test"): test}


class Stripe(Provider):
    reject = (401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: sk_****"}})

    def routes(self):
        def account(cred, who, h):
            if who.get("behaviour") == "restricted":
                return 403, {"error": {"type": "permission_error", "message": "The provided key does not have the required permissions"}}, {}
            return 200, {"id": who["id"], "object": "account", "settings": {"dashboard": {"display_name": who["name"]}}}, {}
        return {("GET", "/v1/account"): account}


class OpenAI(Provider):
    reject = (401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}})

    def routes(self):
        def listing(cred, who, h):
            if who.get("behaviour") == "no-quota":
                return 429, {"error": {"message": "You exceeded your current quota", "type": "insufficient_quota", "code": "insufficient_quota"}}, {}
            return 200, models(["gpt-4o"]), {"openai-organization": who.get("org", "")}

        def admin(cred, who, h):
            return 200, {"object": "list", "data": [], "has_more": False}, {}
        return {("GET", "/v1/models"): listing, ("GET", "/v1/organization/admin_api_keys"): admin}


class Anthropic(Provider):
    auth = "x-api-key"
    needs = {"anthropic-version": "2023-06-01"}
    reject = (401, {"type": "error", "error": {"type": "authentication_error", "message": "invalid x-api-key"}})

    def routes(self):
        def listing(cred, who, h):
            if who.get("behaviour") == "restricted":
                return 403, {"type": "error", "error": {"type": "permission_error", "message": "not allowed"}}, {}
            return 200, {"data": [{"id": "claude-x", "type": "model", "display_name": "Claude"}], "has_more": False}, {}

        def org(cred, who, h):
            if not cred.startswith("sk-ant-admin"):
                return 401, self.reject[1], {}
            return 200, {"id": who["id"], "name": who["name"], "type": "organization"}, {}
        return {("GET", "/v1/models"): listing, ("GET", "/v1/organizations/me"): org}


class HuggingFace(Provider):
    reject = (401, {"error": "Invalid credentials in Authorization header"})

    def routes(self):
        def whoami(cred, who, h):
            return 200, {"type": "user", "id": "1", "name": who["name"], "fullname": who["name"], "orgs": [],
                         "auth": {"type": "access_token", "accessToken": {"displayName": "ci", "role": "read"}}}, {}
        return {("GET", "/api/whoami-v2"): whoami}


class Npm(Provider):
    reject = (401, {"error": "You must be logged in to use this command"})

    def routes(self):
        return {("GET", "/-/whoami"): lambda cred, who, h: (200, {"username": who["username"]}, {})}


class SendGrid(Provider):
    reject = (401, {"errors": [{"field": None, "message": "authorization required"}]})

    def routes(self):
        return {("GET", "/v3/scopes"): lambda cred, who, h: (200, {"scopes": ["mail.send"]}, {})}


class Datadog(Provider):
    auth = "dd-api-key"
    reject = (403, {"errors": ["Forbidden"]})

    def routes(self):
        return {("GET", "/api/v1/validate"): lambda cred, who, h: (200, {"valid": True}, {})}


class DigitalOcean(Provider):
    reject = (401, {"id": "Unauthorized", "message": "Unable to authenticate you"})

    def routes(self):
        def account(cred, who, h):
            return 200, {"account": {"email": who["email"], "uuid": "u1", "status": "active", "email_verified": True,
                                     "team": {"uuid": "t1", "name": who["team"]}}}, {}
        return {("GET", "/v2/account"): account}


class Mailgun(Provider):
    auth = "basic-pass"
    reject = (401, "Forbidden")

    def routes(self):
        def domains(cred, who, h):
            return 200, {"total_count": 1, "items": [{"name": who["domain"], "state": "active"}]}, {}
        return {("GET", "/v4/domains"): domains}


class Sentry(Provider):
    reject = (401, {"detail": "Invalid token"})

    def routes(self):
        def me(cred, who, h):
            return 200, {"version": "0", "auth": {"scopes": ["org:read", "project:read"]},
                         "user": {"id": "1", "name": who["username"], "username": who["username"], "email": "x@example.com"}}, {}
        return {("GET", "/api/0/"): me}


class Cloudflare(Provider):
    reject = (401, {"success": False, "errors": [{"code": 1000, "message": "Invalid API Token"}], "messages": [], "result": None})

    def routes(self):
        def verify(cred, who, h):
            status = "disabled" if who.get("behaviour") == "disabled" else "active"
            return 200, {"success": True, "errors": [], "messages": [{"code": 10000, "message": "This API Token is valid and active"}],
                         "result": {"id": who["id"], "status": status}}, {}
        return {("GET", "/client/v4/user/tokens/verify"): verify}


class Groq(Provider):
    reject = (401, {"error": {"message": "Invalid API Key", "type": "invalid_request_error", "code": "invalid_api_key"}})

    def routes(self):
        return {("GET", "/openai/v1/models"): lambda cred, who, h: (200, models(["llama-3.1-8b-instant"]), {})}


class Mistral(Provider):
    reject = (401, {"message": "Unauthorized", "request_id": "r1"})

    def routes(self):
        return {("GET", "/v1/models"): lambda cred, who, h: (200, models(["mistral-small-latest"]), {})}


class Twilio(Provider):
    auth = "basic-pair"
    reject = (401, {"code": 20003, "message": "Authenticate", "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401})

    def routes(self):
        return {}

    def account(self, sid, cred, who, user):
        if user != sid:
            return 404, {"code": 20404, "message": "The requested resource was not found", "status": 404}, {}
        status = "closed" if who.get("behaviour") == "closed" else "active"
        return 200, {"sid": sid, "friendly_name": who["name"], "status": status, "type": "Full", "owner_account_sid": sid}, {}


class Heroku(Provider):
    needs = {"accept": "application/vnd.heroku+json; version=3"}
    reject = (401, {"id": "unauthorized", "message": "Invalid credentials provided."})

    def routes(self):
        return {("GET", "/account"): lambda cred, who, h: (200, {"email": who["email"], "id": "01234567", "name": "Ops", "verified": True}, {})}


class Notion(Provider):
    needs = {"notion-version": "2022-06-28"}
    reject = (401, {"object": "error", "status": 401, "code": "unauthorized", "message": "API token is invalid."})

    def routes(self):
        def me(cred, who, h):
            return 200, {"object": "user", "id": "b1", "name": who["name"], "type": "bot",
                         "bot": {"owner": {"type": "workspace", "workspace": True}, "workspace_name": who["workspace"]}}, {}
        return {("GET", "/v1/users/me"): me}


PROVIDERS = {"github": GitHub(), "gitlab": GitLab(), "slack": Slack(), "stripe": Stripe(), "openai": OpenAI(),
             "anthropic": Anthropic(), "huggingface": HuggingFace(), "npm": Npm(), "sendgrid": SendGrid(),
             "datadog": Datadog(), "digitalocean": DigitalOcean(), "mailgun": Mailgun(), "sentry": Sentry(),
             "cloudflare": Cloudflare(), "groq": Groq(), "mistral": Mistral(), "twilio": Twilio(),
             "heroku": Heroku(), "notion": Notion()}


class Handler(BaseHTTPRequestHandler):
    keys = {}
    log = None
    hang = 30.0
    seen = {}
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"

    def credentials(self):
        """(every credential-carrying value, basic user or None, basic password or None)"""
        found, user, password = [], None, None
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            found.append(auth[7:])
        elif auth.startswith("Basic "):
            try:
                user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
            except Exception:
                user, password = "", ""
            found += [v for v in (user, password) if v]
        elif auth:
            found.append(auth)
        for h in KEY_HEADERS:
            if self.headers.get(h):
                found.append(self.headers[h])
        return found, user, password

    def write_log(self, route, status, found):
        entry = {"route": route, "method": self.command, "path": self.path.split("?")[0], "status": status,
                 "ua": self.headers.get("User-Agent", ""), "sha256": [sha(v) for v in found]}
        with self.lock, open(self.log, "a") as f:
            f.write(json.dumps(entry) + "\n")

    def answer(self, status, body, headers=None):
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain" if isinstance(body, str) else "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            if v:
                self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        if self.headers.get("Content-Length"):
            self.rfile.read(int(self.headers["Content-Length"]))
        segs = self.path.split("?")[0].split("/")
        route = segs[1] if len(segs) > 1 else ""
        name, _, site = route.partition("-")
        rest = "/" + "/".join(segs[2:])
        found, user, password = self.credentials()
        p = PROVIDERS.get(name)
        if not p:
            self.write_log(route, 404, found)
            return self.answer(404, {"message": "no such provider"})
        status, body, headers = self.route(p, name, site, rest, found, user, password)
        self.write_log(route, status or "hang", found)
        if status is None:  # logged first: the client gives up long before the answer
            self.hold()
            return self.answer(*p.reject)
        self.answer(status, body, headers)

    def hold(self):
        """Waits --hang seconds or until the client hangs up, on the socket itself: a poll
        with a relative timeout, which a clock moved by libfaketime leaves alone (a sleep until
        an absolute time does not)."""
        self.connection.settimeout(self.hang)
        try:
            self.connection.recv(1)
        except OSError:
            pass

    def route(self, p, name, site, rest, found, user, password):
        if name == "twilio":
            parts = rest.split("/")  # /2010-04-01/Accounts/AC....json
            if self.command != "GET" or len(parts) != 4 or parts[1] != "2010-04-01" or parts[2] != "Accounts" or not parts[3].endswith(".json"):
                return 404, {"code": 20404, "message": "not found"}, {}
            handler = lambda cred, who, h: p.account(parts[3][:-5], cred, who, user)
        else:
            handler = p.routes().get((self.command, rest))
            if not handler:
                return 404, {"message": "Not Found"}, {}
        for h, want in p.needs.items():
            if not self.headers.get(h, "").startswith(want):
                return 400, {"message": f"missing header {h}"}, {}
        cred = {"bearer": found[0] if found and self.headers.get("Authorization", "").startswith("Bearer ") else None,
                "basic-pass": password if user == "api" else None,
                "basic-pair": password,
                "basic-user": user}.get(p.auth, self.headers.get(p.auth))
        who = self.keys.get(cred) if cred else None
        if not who or who.get("provider") != name or who.get("site", "") != site or \
                (name == "twilio" and who.get("pair") != user):
            return p.reject[0], p.reject[1], {}
        behaviour = who.get("behaviour", "live")
        if behaviour == "hang":
            return None, None, None
        if behaviour == "500":
            return 500, {"message": "internal error"}, {}
        if behaviour in ("429", "429-once"):
            with self.lock:
                n = self.seen.get(cred, 0)
                self.seen[cred] = n + 1
            if behaviour == "429" or n == 0:
                return 429, {"message": "Too Many Requests"}, {"Retry-After": "1"}
        return handler(cred, dict(who.get("who", {}), behaviour=behaviour), self.headers)

    do_GET = do_POST = do_HEAD = handle_any

    def log_message(self, *a):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keys", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--hang", type=float, default=30, help="seconds a hanging answer takes")
    a = ap.parse_args()
    Handler.keys = json.load(open(a.keys))
    Handler.log = a.log
    Handler.hang = a.hang
    open(a.log, "a").close()
    srv = QuietServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    publish_port(a.port_file, srv.server_address[1])
    threading.Timer(a.seconds, srv.shutdown).start()  # never outlives its test
    srv.serve_forever()


if __name__ == "__main__":
    main()
