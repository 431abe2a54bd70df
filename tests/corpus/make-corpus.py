#!/usr/bin/env python3
"""make-corpus.py: builds a labelled git repository for measuring the secret scanner.

Credentials of every supported kind are planted in many file types over a history (some added
and later deleted), beside decoys that must not be reported. Everything is random but seeded,
so a seed gives the same repository. Writes OUT/repo (a git repository, built with
git fast-import) and OUT/labels.jsonl: one planted secret a line, with its rule, path,
secret_sha256 and the message of the commit that introduced it."""
import argparse, base64, hashlib, json, os, random, string, subprocess, urllib.parse, zlib

B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
B64 = string.ascii_letters + string.digits + "+/"
ALNUM = string.ascii_letters + string.digits


def github(prefix, body):
    """GitHub's tokens end in the base62 CRC-32 of their 30 random characters (the last six of
    the 36 drawn are replaced, so the random stream is as before)"""
    digits = string.digits + string.ascii_uppercase + string.ascii_lowercase
    crc, tail = zlib.crc32(body[:30].encode()), ""
    for _ in range(6):
        crc, d = divmod(crc, 62)
        tail = digits[d] + tail
    return prefix + body[:30] + tail


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def s(self, alphabet, n):
        # no run of 4 equal characters: a real random secret has none worth the name
        out = []
        while len(out) < n:
            c = self.r.choice(alphabet)
            if len(out) >= 3 and out[-1] == out[-2] == out[-3] == c:
                continue
            out.append(c)
        return "".join(out)

    def key_id(self):
        return self.r.choice(["AKIA", "ASIA", "AKIA", "AKIA"]) + self.s(B32, 16)

    def aws_secret(self):
        while True:
            v = self.s(B64, 40)
            if any(c.isdigit() for c in v) and any(c.isupper() for c in v) and any(c.islower() for c in v):
                return v

    def token(self, kind):
        r = self
        return {
            "github-token": lambda: github(r.r.choice(["ghp_", "gho_", "ghs_"]), r.s(ALNUM, 36)),
            "github-fine-grained-pat": lambda: "github_pat_" + r.s(ALNUM + "_", 82),
            "gitlab-token": lambda: "glpat-" + r.s(ALNUM + "_-", 20),
            "slack-token": lambda: "xoxb-" + r.s(string.digits, 12) + "-" + r.s(string.digits, 13) + "-" + r.s(ALNUM, 24),
            "slack-webhook-url": lambda: "https://hooks.slack.com/services/T" + r.s(string.ascii_uppercase + string.digits, 8) + "/B" + r.s(string.ascii_uppercase + string.digits, 10) + "/" + r.s(ALNUM, 24),
            "stripe-key": lambda: r.r.choice(["sk_live_", "rk_live_", "sk_test_"]) + r.s(ALNUM, 32),
            "google-api-key": lambda: "AIza" + r.s(ALNUM + "_-", 35),
            "azure-storage-key": lambda: base64.b64encode(bytes(r.r.getrandbits(8) for _ in range(64))).decode(),
            "aws-session-token": lambda: "IQoJb3JpZ2luX2VjE" + r.s(B64, 300),
            "generic-secret": lambda: r.s(ALNUM, 6) + r.r.choice("!#%&*+-_.") + r.s(ALNUM, 9),
        }[kind]()

    def pem(self, kind):
        body = base64.b64encode(bytes(self.r.getrandbits(8) for _ in range(600))).decode()
        lines = [body[i:i + 64] for i in range(0, len(body), 64)]
        head = {"rsa": "RSA PRIVATE KEY", "ec": "EC PRIVATE KEY", "openssh": "OPENSSH PRIVATE KEY", "pkcs8": "PRIVATE KEY"}[kind]
        return "-----BEGIN %s-----\n%s\n-----END %s-----" % (head, "\n".join(lines), head)


# Each template: (file name pattern, text with placeholders, [(placeholder, rule)])
AWS_PAIR = [
    ("deploy/{n}.sh", "#!/bin/sh\nexport AWS_ACCESS_KEY_ID={k}\nexport AWS_SECRET_ACCESS_KEY={s}\naws s3 sync . s3://site-{n}\n"),
    ("infra/{n}.tf", 'provider "aws" {{\n  region     = "eu-west-1"\n  access_key = "{k}"\n  secret_key = "{s}"\n}}\n'),
    ("config/{n}.ini", "[profile {n}]\naws_access_key_id = {k}\naws_secret_access_key = {s}\nregion = us-east-1\n"),
    ("config/{n}.json", '{{\n  "Credentials": {{\n    "AccessKeyId": "{k}",\n    "SecretAccessKey": "{s}",\n    "Expiration": "2024-01-01T00:00:00Z"\n  }}\n}}\n'),
    ("ci/{n}.yml", "deploy:\n  env:\n    AWS_ACCESS_KEY_ID: {k}\n    AWS_SECRET_ACCESS_KEY: {s}\n  script: make deploy\n"),
    ("src/{n}.py", 'import boto3\n\ns3 = boto3.client("s3",\n    aws_access_key_id="{k}",\n    aws_secret_access_key="{s}")\n'),
    ("notebooks/{n}.ipynb", '{{\n "cells": [{{"cell_type": "code", "source": [\n  "import boto3\\n",\n  "session = boto3.Session(aws_access_key_id=\\"{k}\\", aws_secret_access_key=\\"{s}\\")\\n"\n ]}}]\n}}\n'),
    ("{n}.env", "APP_ENV=production\nAWS_ACCESS_KEY_ID={k}\nAWS_SECRET_ACCESS_KEY={s}\n"),
    ("docker/{n}.Dockerfile", "FROM debian:12\nENV AWS_ACCESS_KEY_ID={k}\nENV AWS_SECRET_ACCESS_KEY={s}\n"),
    ("src/{n}.go", 'creds := credentials.NewStaticCredentials(\n\t"{k}",\n\t"{s}", "")\n'),
]
K8S = ("k8s/{n}-secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {n}\ntype: Opaque\ndata:\n  AWS_ACCESS_KEY_ID: {bk}\n  AWS_SECRET_ACCESS_KEY: {bs}\n")
URL = ("docs/{n}-callback.txt", "callback: https://example.com/cb?aws_secret_access_key={ps}&region=eu-west-1\n")
SINGLE = {
    "github-token": [("ci/{n}-gh.yml", "env:\n  GITHUB_TOKEN: {v}\n"), ("scripts/{n}.sh", "curl -H 'Authorization: token {v}' https://api.github.com/user\n")],
    "github-fine-grained-pat": [("{n}.npmrc", "//npm.pkg.github.com/:_authToken={v}\n")],
    "gitlab-token": [("ci/{n}.gitlab-ci.yml", "variables:\n  GITLAB_TOKEN: \"{v}\"\n")],
    "slack-token": [("bot/{n}.js", "const slack = new WebClient('{v}');\n")],
    "slack-webhook-url": [("alerts/{n}.yaml", "webhook: {v}\n")],
    "stripe-key": [("billing/{n}.rb", "Stripe.api_key = '{v}'\n")],
    "google-api-key": [("web/{n}.html", '<script src="https://maps.googleapis.com/maps/api/js?key={v}"></script>\n')],
    "azure-storage-key": [("azure/{n}.config", "<add key=\"Storage\" value=\"DefaultEndpointsProtocol=https;AccountName={n};AccountKey={v};EndpointSuffix=core.windows.net\" />\n")],
    "aws-session-token": [("config/{n}-session", "[default]\naws_session_token = {v}\n")],
    "generic-secret": [("app/{n}.properties", "db.user=app\ndb.password=\"{v}\"\n"), ("{n}-db.env", "DATABASE_PASSWORD={v}\n"), ("app/{n}.yaml", "api_key: \"{v}\"\n")],
    "private-key": [("keys/{n}_rsa", "{v}\n"), ("deploy/{n}.pem", "{v}\n")],
}
DECOYS = [
    ("docs/{n}.md", "Use AWS's example pair:\n\n    aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n    aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"),
    ("templates/{n}.env", "AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX\nAWS_SECRET_ACCESS_KEY=${{AWS_SECRET_ACCESS_KEY}}\nGITHUB_TOKEN={{{{ github_token }}}}\n"),
    ("src/{n}_settings.py", 'import os\nAWS_SECRET_ACCESS_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]\npassword = os.environ.get("DB_PASSWORD")\n'),
    ("checksums/{n}.txt", 'token_sha256 = "{hex64}"\ncommit_token: "{hex40}"\n'),
    ("web/{n}-lock.json", '{{\n  "node_modules/{n}": {{\n    "integrity": "sha512-{b64_88}"\n  }}\n}}\n'),
    ("certs/{n}.crt", "-----BEGIN CERTIFICATE-----\n{certbody}\n-----END CERTIFICATE-----\n"),
    ("docs/{n}-key.md", "Paste your key here:\n\n    -----BEGIN RSA PRIVATE KEY-----\n    ...\n    -----END RSA PRIVATE KEY-----\n"),
    ("data/{n}.json", '{{"etag": "{b64_40}", "request_id": "{hex40}", "placeholder": "your_api_key_here"}}\n'),
    ("src/{n}.c", "static const char *password_field = \"user_password_input\";\nconst char *secret_name = \"prod/database/credentials\";\n"),
    ("assets/{n}.css", ".icon {{ background: url(data:image/png;base64,{pngb64}); }}\n"),
]
FILLER = ["# TODO: tidy this up", "def handler(event, context):", "    return {'statusCode': 200}",
          "region = \"eu-west-1\"", "timeout: 30", "retries = 3", "log_level: info",
          "SELECT id, name FROM users WHERE active = 1;", "for i in range(10): print(i)", "}", "",
          "resource \"aws_s3_bucket\" \"logs\" {", "  bucket = \"company-logs\"", "LOG_FORMAT=json"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--commits", type=int, default=60)
    ap.add_argument("--plants", type=float, default=0.6, help="chance a commit plants a secret")
    ap.add_argument("--filler-files", type=int, default=20)
    a = ap.parse_args()
    g = Gen(a.seed)
    os.makedirs(a.out, exist_ok=True)
    repo = os.path.join(a.out, "repo")
    subprocess.run(["git", "init", "-q", "-b", "main", repo], check=True)
    files = {}  # path -> text in the current tree
    labels = []
    stream = []
    names = iter(range(10 ** 9))

    def name():
        return "f%05d" % next(names)

    def plant(msg):
        kind = g.r.random()
        n = name()
        if kind < 0.35:
            k, s = g.key_id(), g.aws_secret()
            variant = g.r.random()
            if variant < 0.1:
                path, tpl = K8S
                text = tpl.format(n=n, bk=base64.b64encode(k.encode()).decode(), bs=base64.b64encode(s.encode()).decode())
            elif variant < 0.17:
                path, tpl = URL
                s = s[:10] + "/" + s[11:20] + "+" + s[21:]
                text = tpl.format(n=n, ps=urllib.parse.quote(s, safe=""))
                labels.append(dict(rule="aws-secret-access-key", file=path.format(n=n), sha256=hashlib.sha256(s.encode()).hexdigest(), commit=msg))
                return path.format(n=n), text
            else:
                path, tpl = g.r.choice(AWS_PAIR)
                text = tpl.format(n=n, k=k, s=s)
            p = path.format(n=n)
            labels.append(dict(rule="aws-access-key-id", file=p, sha256=hashlib.sha256(k.encode()).hexdigest(), commit=msg))
            labels.append(dict(rule="aws-secret-access-key", file=p, sha256=hashlib.sha256(s.encode()).hexdigest(), commit=msg))
            return p, text
        rule = g.r.choice(sorted(SINGLE))
        path, tpl = g.r.choice(SINGLE[rule])
        v = g.pem(g.r.choice(["rsa", "ec", "openssh", "pkcs8"])) if rule == "private-key" else g.token(rule)
        p = path.format(n=n)
        labels.append(dict(rule=rule, file=p, sha256=hashlib.sha256(v.encode()).hexdigest(), commit=msg))
        return p, tpl.format(n=n, v=v)

    def decoy():
        path, tpl = g.r.choice(DECOYS)
        n = name()
        rb = lambda k: bytes(g.r.getrandbits(8) for _ in range(k))
        cert = base64.b64encode(rb(450)).decode()
        return path.format(n=n), tpl.format(n=n, hex64=rb(32).hex(), hex40=rb(20).hex(),
                                            b64_88=base64.b64encode(rb(64)).decode()[:86],
                                            certbody="\n".join(cert[i:i + 64] for i in range(0, len(cert), 64)),
                                            b64_40=g.aws_secret(), pngb64=base64.b64encode(b"\x89PNG\r\n\x1a\n" + rb(90)).decode())

    def filler():
        return "\n".join(g.r.choice(FILLER) for _ in range(g.r.randint(5, 40))) + "\n"

    for i in range(a.filler_files):
        files["src/module%03d.py" % i] = filler()
    t = 1700000000
    for c in range(a.commits):
        msg = "c%05d" % c
        changed = {}
        deleted = []
        if c == 0 or g.r.random() < 0.5:
            p = "src/module%03d.py" % g.r.randrange(a.filler_files)
            files[p] = files.get(p, "") + filler()
            changed[p] = files[p]
        if g.r.random() < a.plants:
            p, text = plant(msg)
            files[p] = text
            changed[p] = text
        if g.r.random() < 0.4:
            p, text = decoy()
            files[p] = text
            changed[p] = text
        if g.r.random() < 0.1:
            # a leaked file removed later: history still holds it
            cands = [p for p in files if not p.startswith("src/module") and p not in changed]
            if cands:
                p = g.r.choice(sorted(cands))
                del files[p]
                deleted.append(p)
        t += 60
        stream.append("commit refs/heads/main\nmark :%d\ncommitter Corpus <corpus@example.com> %d +0000\ndata %d\n%s\n" % (c + 1, t, len(msg), msg))
        if c > 0:
            stream.append("from :%d\n" % c)
        for p, text in changed.items():
            data = text.encode()
            stream.append("M 100644 inline %s\ndata %d\n" % (p, len(data)))
            stream.append(data.decode() + "\n")
        for p in deleted:
            stream.append("D %s\n" % p)
    subprocess.run(["git", "-C", repo, "fast-import", "--quiet"], input="".join(stream).encode(), check=True)
    subprocess.run(["git", "-C", repo, "checkout", "-q", "-f", "main"], check=True)
    with open(os.path.join(a.out, "labels.jsonl"), "w") as f:
        for l in labels:
            f.write(json.dumps(l) + "\n")


if __name__ == "__main__":
    main()
