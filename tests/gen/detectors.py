#!/usr/bin/python3
"""detectors.py: writes tests/data/detectors.tsv, a line of text for each secret detector that must
fire (a synthetic credential in the provider's documented format: random body, valid checksum) and
lines that must stay quiet (the documentation's placeholders, a checksum that is wrong). Seeded, so
its output is the same each run; nothing it writes was ever a real credential.

usage: detectors.py > tests/data/detectors.tsv"""
import base64, hashlib, hmac, json, random, string, struct, sys, zlib

R = random.Random(20261206)
AL = string.ascii_letters + string.digits
ALU = AL + "_-"
LOW = string.ascii_lowercase + string.digits
UP = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
B64 = AL + "+/"
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

# what the validators take for a placeholder (lib/secrets/checks.c, checksums.c): a random body
# that happens to hold one is drawn again
BAD = ["example", "placeholder", "changeme", "dummy", "redacted", "your_", "your-", "yourkey",
       "xxxx", "sample", "abcdefgh", "12345678", "replace_me", "insert", "<", ">", "...", "${",
       "{{", "$(", "%s", "%("]


def typed(s):
    low = s.lower()
    if any(b in low for b in BAD) or "EXAMPLE" in s:
        return True
    run = up = down = 1
    for a, b in zip(s, s[1:]):
        run = run + 1 if a == b else 1
        up = up + 1 if ord(b) - ord(a) == 1 and b.isalnum() else 1
        down = down + 1 if ord(b) - ord(a) == -1 and b.isalnum() else 1
        if run >= 6 or up >= 6 or down >= 6:
            return True
    return False


def rnd(alphabet, n):
    while True:
        s = "".join(R.choice(alphabet) for _ in range(n))
        # enough kinds of character for check_context_token, none of the typed patterns
        kinds = sum(any(c in k for c in s) for k in (string.ascii_lowercase,
                                                      string.ascii_uppercase, string.digits))
        if not typed(s) and (kinds >= 2 or len(alphabet) <= 26 or n < 4):
            return s


def b64u(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def b64s(data):
    return base64.b64encode(data).decode()


def clean(fn):
    """draws from fn until the whole token reads as generated"""
    while True:
        t = fn()
        if not typed(t):
            return t


# ---- checksums, as the providers describe them ----

def base62(n, width):
    s = ""
    while n:
        s = B62[n % 62] + s
        n //= 62
    return s.rjust(width, "0")


def github(prefix):
    body = rnd(AL, 30)
    return prefix + body + base62(zlib.crc32(body.encode()), 6)


def bad_crc62(tok):
    last = tok[-1]
    return tok[:-1] + ("A" if last != "A" else "B")


def base36(n, width):
    s = ""
    while n:
        s = "0123456789abcdefghijklmnopqrstuvwxyz"[n % 36] + s
        n //= 36
    return s.rjust(width, "0")


def gitlab_routable(prefix):
    payload = "o:" + base36(R.randrange(10**6, 10**8), 1)
    raw = bytes(R.randrange(256) for _ in range(16)) + payload.encode() + bytes([len(payload)])
    enc = b64u(raw)
    head = "%s%s.01.%s" % (prefix, enc, base36(len(enc), 2))
    return head + base36(zlib.crc32(head.encode()), 7)


def grafana_sa():
    secret = rnd(AL, 32)
    crc = zlib.crc32(("glsa_" + secret).encode())
    return "glsa_%s_%s" % (secret, struct.pack("<I", crc).hex())


def macaroon(location):
    def field(t, v):
        return bytes([t, len(v)]) + v
    ident = "%08x-%04x-4%03x-a%03x-%012x" % (R.getrandbits(32), R.getrandbits(16), R.getrandbits(12),
                                              R.getrandbits(12), R.getrandbits(48))
    caveat = json.dumps([1, ["proj-" + rnd(string.ascii_lowercase, 6)]], separators=(",", ":"))
    raw = (b"\x02" + field(1, location.encode()) + field(2, ident.encode()) + b"\x00" +
           field(2, caveat.encode()) + b"\x00" + b"\x00" + field(6, bytes(R.randrange(256) for _ in range(32))))
    return "pypi-" + b64u(raw)


def bech32_polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        top = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (top >> i) & 1 else 0
    return chk


def age_key(hrp="age-secret-key-"):
    data = bytes(R.randrange(256) for _ in range(32))
    acc = bits = 0
    five = []
    for b in data:
        acc = acc << 8 | b
        bits += 8
        while bits >= 5:
            bits -= 5
            five.append(acc >> bits & 31)
    if bits:
        five.append(acc << (5 - bits) & 31)
    exp = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = bech32_polymod(exp + five + [0] * 6) ^ 1
    check = [pm >> 5 * (5 - i) & 31 for i in range(6)]
    return (hrp + "1" + "".join(BECH32[v] for v in five + check)).upper()


def crc24(data):
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def pgp_block(good=True):
    body = bytes([0xC5, 0x58, 0x04]) + bytes(R.randrange(256) for _ in range(240))
    text = b64s(body)
    crc = crc24(body) ^ (0 if good else 1)
    lines = [text[i:i + 64] for i in range(0, len(text), 64)]
    return ("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + "\n".join(lines) + "\n=" +
            b64s(crc.to_bytes(3, "big")) + "\n-----END PGP PRIVATE KEY BLOCK-----")


def putty(version, good=True):
    def s(b):
        return struct.pack(">I", len(b)) + b
    alg, enc, comment = b"ssh-ed25519", b"none", b"eddsa-key-20260101"
    pub = s(alg) + s(bytes(R.randrange(256) for _ in range(32)))
    priv = s(bytes(R.randrange(256) for _ in range(32)))
    data = s(alg) + s(enc) + s(comment) + s(pub) + s(priv)
    if version == 2:
        mac = hmac.new(hashlib.sha1(b"putty-private-key-file-mac-key").digest(), data, hashlib.sha1)
    else:
        mac = hmac.new(b"", data, hashlib.sha256)
    mac = mac.hexdigest()
    if not good:
        mac = mac[:-1] + ("0" if mac[-1] != "0" else "1")
    pt, vt = b64s(pub), b64s(priv)
    pl = [pt[i:i + 64] for i in range(0, len(pt), 64)]
    vl = [vt[i:i + 64] for i in range(0, len(vt), 64)]
    return "\n".join(["PuTTY-User-Key-File-%d: ssh-ed25519" % version, "Encryption: none",
                      "Comment: eddsa-key-20260101", "Public-Lines: %d" % len(pl)] + pl +
                     ["Private-Lines: %d" % len(vl)] + vl + ["Private-MAC: " + mac])


# ---- tokens that are encoded structures ----

def jwt_part(obj):
    return b64u(json.dumps(obj, separators=(",", ":")).encode())


def ghs_stateless():
    head = jwt_part({"alg": "RS256", "typ": "JWT"})
    body = jwt_part({"iss": "github", "aid": R.randrange(10**5, 10**6), "iid": R.randrange(10**7, 10**8),
                     "exp": 1893456000, "n": rnd(AL, 24)})
    return "ghs_%d_%s.%s.%s" % (R.randrange(10**5, 10**7), head, body, rnd(ALU, 86))


def sentry_org():
    claims = {"iat": 1800000000.5, "url": "https://sentry.io", "region_url": "https://us.sentry.io",
              "org": "acme-" + rnd(string.ascii_lowercase, 5)}
    return "sntrys_%s_%s" % (b64s(json.dumps(claims).encode()), rnd(B64, 43))


def grafana_cloud():
    obj = {"o": str(R.randrange(10**5, 10**7)), "n": "stack-%d-hm-write-ci" % R.randrange(10**5, 10**6),
           "k": rnd(AL, 24), "m": {"r": "prod-eu-west-2"}}
    return "glc_" + b64s(json.dumps(obj, separators=(",", ":")).encode())


def grafana_legacy():
    obj = {"k": rnd(AL, 32), "n": "ci", "id": 1}
    return b64s(json.dumps(obj, separators=(",", ":")).encode())


def onepassword_sa():
    obj = {"signInAddress": "my.1password.com", "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256",
           "iterations": 650000, "salt": rnd(ALU, 22)}, "email": rnd(string.ascii_lowercase, 12) + "@1passwordserviceaccounts.com",
           "srpX": rnd(HEX, 64), "muk": {"alg": "A256GCM", "ext": True, "k": rnd(ALU, 43), "key_ops": ["encrypt", "decrypt"],
           "kty": "oct", "kid": "mp"}, "secretKey": "A3-" + rnd(UP, 6) + "-" + rnd(UP, 11), "throttleSecret": {"seed": rnd(HEX, 64),
           "uuid": rnd(UP, 26)}, "deviceUuid": rnd(string.ascii_lowercase + string.digits, 26)}
    return "ops_" + b64u(json.dumps(obj, separators=(",", ":")).encode())


def onepassword_connect():
    head = jwt_part({"alg": "ES256", "kid": rnd(string.ascii_lowercase + string.digits, 26), "typ": "JWT"})
    body = jwt_part({"1password.com/auuid": rnd(UP, 26), "1password.com/token": rnd(ALU, 32),
                     "1password.com/fts": ["vaultaccess"], "1password.com/vts": [{"u": rnd(LOW, 26), "a": 48}],
                     "aud": ["com.1password.connect"], "sub": rnd(UP, 26), "iat": 1800000000,
                     "iss": "com.1password.b5", "jti": rnd(LOW, 26)})
    return "%s.%s.%s" % (head, body, rnd(ALU, 86))


def intercom():
    while True:
        text = "tok:%s_%s_%s_%s_%s:1:0" % (rnd(HEX, 8), rnd(HEX, 4), rnd(HEX, 4), rnd(HEX, 4), rnd(HEX, 12))
        t = b64s(text.encode())
        if "+" not in t and "/" not in t:
            return t


def jfrog_reference():
    while True:
        text = "reftkn:01:%d:%s" % (R.randrange(10**9, 2 * 10**9), rnd(AL, 27))
        t = b64s(text.encode())
        if not set(t) - set(AL):
            return t


def mapbox_secret():
    payload = jwt_part({"u": "acme-" + rnd(string.ascii_lowercase, 5), "a": rnd(LOW, 25)})
    return "sk.%s.%s" % (payload, rnd(ALU, 22))


def discord_bot():
    ident = str(R.randrange(10**17, 10**18) * 10 + R.randrange(10))
    return "%s.%s.%s" % (b64u(ident.encode()), rnd(ALU, 6), rnd(ALU, 38))


def azure_key(mark=None):
    while True:
        k = b64s(bytes(R.randrange(256) for _ in range(64)))
        if mark:
            k = k[:76] + mark + k[80:]
        if not typed(k) and k[76:80] not in ("+ASt", "ACDb") or mark:
            return k


def azure_key32():
    while True:
        k = b64s(bytes(R.randrange(256) for _ in range(32)))
        if not typed(k):
            return k


def uuid():
    return "%s-%s-%s-%s-%s" % (rnd(HEX, 8), rnd(HEX, 4), rnd(HEX, 4), rnd(HEX, 4), rnd(HEX, 12))


def password(n=20):
    while True:
        p = rnd(AL + "!-._~", n)
        if any(c in "!-._~" for c in p):
            return p


def user():
    return "svc_" + rnd(string.ascii_lowercase, 5)


# ---- the table: id, [(line template, token)], [quiet lines] ----
# "{}" in a template stands for the token, which is the secret the fire line must report.

T = []


def row(rid, fires, quiets):
    T.append((rid, fires, quiets))


row("github-token",
    [("GITHUB_TOKEN={}", github("ghp_")), ("token: {}", github("gho_")), ("auth = \"{}\"", github("ghu_")),
     ("refresh={}", github("ghr_")), ("Authorization: token {}", github("ghs_")),
     ("GITHUB_TOKEN={}", ghs_stateless())],
    ["GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "GITHUB_TOKEN=" + bad_crc62(github("ghp_")),
     "token: " + bad_crc62(github("gho_")), "GITHUB_TOKEN=ghp_R7tK2mP9xQ4vL8nB3cZ6wY1jH5gF0dS2aE4u",
     "GITHUB_TOKEN=ghs_123456_eyJ.your.token"])
row("github-fine-grained-pat", [("GH_PAT={}", "github_pat_" + rnd(AL, 22) + "_" + rnd(AL, 59))],
    ["GH_PAT=github_pat_XXXXXXXXXXXXXXXXXXXXXX_XXXX", "GH_PAT=github_pat_<your-token>"])
row("gitlab-token",
    [("GITLAB_TOKEN={}", "glpat-" + rnd(ALU, 20)), ("GITLAB_TOKEN={}", gitlab_routable("glpat-")),
     ("deploy_token: {}", "gldt-" + rnd(ALU, 20)), ("runner-token = \"{}\"", "glrt-t1_" + rnd(ALU, 20)),
     ("token: {}", gitlab_routable("glrt-t3_")), ("trigger={}", "glptt-" + rnd(HEX, 40)),
     ("feed_token: {}", "glft-" + rnd(ALU, 20)), ("scim={}", "glsoat-" + rnd(ALU, 20)),
     ("CI_JOB_TOKEN={}", "glcbt-64_" + rnd(ALU, 20)), ("secret: {}", "gloas-" + rnd(HEX, 64)),
     ("incoming: {}", "glimt-" + rnd(LOW, 25)), ("agent_token={}", "glagent-" + rnd(ALU, 50))],
    ["GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx", "GITLAB_TOKEN=glpat-<your_access_token>",
     "GITLAB_TOKEN=" + gitlab_routable("glpat-")[:-1] + "0"])
row("gitlab-runner-registration-token", [("REGISTRATION_TOKEN={}", "GR1348941" + rnd(ALU, 20))],
    ["REGISTRATION_TOKEN=GR1348941xxxxxxxxxxxxxxxxxxxx", "--registration-token GR1348941$REGISTRATION_TOKEN"])
row("bitbucket-app-password", [("BITBUCKET_APP_PASSWORD={}", "ATBB" + rnd(AL, 24) + rnd("0123456789ABCDEF", 8))],
    ["BITBUCKET_APP_PASSWORD=ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("bitbucket-access-token", [("BITBUCKET_TOKEN={}", "ATCTT3" + rnd(ALU, 180) + "=" + rnd("0123456789ABCDEF", 8))],
    ["BITBUCKET_TOKEN=ATCTT3xFfGN0..."])
row("npm-access-token", [("//registry.npmjs.org/:_authToken={}", github("npm_"))],
    ["//registry.npmjs.org/:_authToken=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
     "//registry.npmjs.org/:_authToken=" + bad_crc62(github("npm_"))])
row("pypi-api-token", [("password = {}", macaroon("pypi.org"))],
    ["password = pypi-AgEIcHlwaS5vcmc" + rnd(ALU, 120), "password = pypi-AgEIcHlwaS5vcmc..."])
row("pypi-test-api-token", [("password = {}", macaroon("test.pypi.org"))],
    ["password = pypi-AgENdGVzdC5weXBpLm9yZw" + rnd(ALU, 120)])
row("rubygems-api-key", [("GEM_HOST_API_KEY={}", "rubygems_" + rnd(HEX, 48))],
    ["GEM_HOST_API_KEY=rubygems_<your-api-key>", "GEM_HOST_API_KEY=rubygems_" + "0" * 48])
row("nuget-api-key", [("NUGET_API_KEY={}", "oy2" + rnd(LOW, 43))],
    ["NUGET_API_KEY=oy2xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("dockerhub-pat", [("DOCKERHUB_TOKEN={}", "dckr_pat_" + rnd(ALU, 27))], ["DOCKERHUB_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("dockerhub-oat", [("DOCKER_ORG_TOKEN={}", "dckr_oat_" + rnd(ALU, 32))], ["DOCKER_ORG_TOKEN=dckr_oat_..."])
row("jfrog-api-key", [("ARTIFACTORY_API_KEY={}", "AKCp" + rnd(AL, 69))], ["ARTIFACTORY_API_KEY=AKCpXXXXXXXX"])
row("jfrog-reference-token", [("JFROG_ACCESS_TOKEN={}", jfrog_reference())],
    ["JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOj" + rnd(AL, 50)])

# AWS and PEM (rules.def)
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
row("aws-access-key-id", [("aws_access_key_id = {}", "AKIA" + rnd(B32, 16))],
    ["aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "aws_access_key_id = AKIAXXXXXXXXXXXXXXXX"])
row("aws-secret-access-key", [("aws_secret_access_key = {}", rnd(B64, 40))],
    ["aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"])
row("aws-session-token", [("x {} y", "IQoJb3JpZ2lu" + rnd(B64, 300)), ("aws_session_token = {}", rnd(B64, 200))],
    ["aws_session_token = ${AWS_SESSION_TOKEN}"])
row("private-key", [("{}", "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(rnd(B64, 64) for _ in range(12)) +
                     "\n-----END RSA PRIVATE KEY-----")],
    ["-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"])

# AI
row("openai-api-key-legacy", [("OPENAI_API_KEY={}", "sk-" + rnd(AL, 20) + "T3BlbkFJ" + rnd(AL, 20))],
    ["OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("openai-project-key", [("OPENAI_API_KEY={}", "sk-proj-" + rnd(ALU, 74) + "T3BlbkFJ" + rnd(ALU, 74))],
    ["OPENAI_API_KEY=sk-proj-...your key here..."])
row("openai-service-account-key", [("OPENAI_API_KEY={}", "sk-svcacct-" + rnd(ALU, 74) + "T3BlbkFJ" + rnd(ALU, 74))],
    ["OPENAI_API_KEY=sk-svcacct-..."])
row("openai-admin-key", [("OPENAI_ADMIN_KEY={}", "sk-admin-" + rnd(ALU, 58) + "T3BlbkFJ" + rnd(ALU, 58))],
    ["OPENAI_ADMIN_KEY=sk-admin-xxxxxxxx"])
row("anthropic-api-key", [("ANTHROPIC_API_KEY={}", "sk-ant-api03-" + rnd(ALU, 93) + "AA")],
    ["ANTHROPIC_API_KEY=sk-ant-api03-...", "ANTHROPIC_API_KEY=sk-ant-api03-" + "x" * 93 + "AA"])
row("anthropic-admin-key", [("ANTHROPIC_ADMIN_KEY={}", "sk-ant-admin01-" + rnd(ALU, 93) + "AA")],
    ["ANTHROPIC_ADMIN_KEY=sk-ant-admin01-xxxxxxxx"])
row("huggingface-access-token", [("HF_TOKEN={}", "hf_" + rnd(string.ascii_letters, 34))],
    ["HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyzABCDEFGH"])
row("huggingface-org-api-token", [("HF_ORG_TOKEN={}", "api_org_" + rnd(string.ascii_letters, 34))], ["HF_ORG_TOKEN=api_org_XXXXXXXX"])
row("groq-api-key", [("GROQ_API_KEY={}", "gsk_" + rnd(AL, 52))], ["GROQ_API_KEY=gsk_your_api_key_here"])
row("xai-api-key", [("XAI_API_KEY={}", "xai-" + rnd(AL, 80))], ["XAI_API_KEY=xai-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("replicate-api-token", [("REPLICATE_API_TOKEN={}", "r8_" + rnd(AL, 37))], ["REPLICATE_API_TOKEN=r8_" + "*" * 34])
row("perplexity-api-key", [("PPLX_API_KEY={}", "pplx-" + rnd(AL, 48))], ["PPLX_API_KEY=pplx-...your-key..."])
row("mistral-api-key", [("MISTRAL_API_KEY={}", rnd(AL, 32))],
    ["MISTRAL_API_KEY=your-api-key-here", "MISTRAL_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("cohere-api-key", [("COHERE_API_KEY={}", rnd(AL, 40))], ["COHERE_API_KEY=<your-api-key>"])
row("deepseek-api-key", [("DEEPSEEK_API_KEY={}", "sk-" + rnd(HEX, 32))], ["DEEPSEEK_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("together-api-key", [("TOGETHER_API_KEY={}", "tgp_v1_" + rnd(ALU, 43))], ["TOGETHER_API_KEY=tgp_v1_<your-key>"])
row("fireworks-api-key", [("FIREWORKS_API_KEY={}", "fw_" + rnd(AL, 33))], ["FIREWORKS_API_KEY=fw_xxxx"])
row("openrouter-api-key", [("OPENROUTER_API_KEY={}", "sk-or-v1-" + rnd(HEX, 64))], ["OPENROUTER_API_KEY=sk-or-v1-..."])
row("langsmith-api-key", [("LANGSMITH_API_KEY={}", "lsv2_pt_" + rnd(HEX, 32) + "_" + rnd(HEX, 10))],
    ["LANGSMITH_API_KEY=lsv2_pt_..."])
row("pinecone-api-key", [("PINECONE_API_KEY={}", "pcsk_" + rnd(AL, 6) + "_" + rnd(AL, 63))],
    ["PINECONE_API_KEY=pcsk_XXXXX_XXXXXXXX"])

# SaaS
row("slack-token",
    [("SLACK_BOT_TOKEN={}", "xoxb-%d-%d-%s" % (R.randrange(10**11, 10**12), R.randrange(10**12, 10**13), rnd(AL, 24))),
     ("SLACK_USER_TOKEN={}", "xoxp-%d-%d-%d-%s" % (R.randrange(10**10, 10**11), R.randrange(10**10, 10**11),
                                                   R.randrange(10**12, 10**13), rnd(HEX, 32))),
     ("SLACK_TOKEN={}", "xoxa-2-%d-%d-%s" % (R.randrange(10**11, 10**12), R.randrange(10**11, 10**12), rnd(HEX, 64)))],
    ["SLACK_BOT_TOKEN=xoxb-your-bot-token", "SLACK_BOT_TOKEN=xoxb-1234-5678-abcdefgh",
     "SLACK_USER_TOKEN=xoxp-XXXXXXXXXXXX-XXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX"])
row("slack-rotating-access-token", [("SLACK_TOKEN={}", "xoxe.xoxp-1-" + rnd(AL, 140))], ["SLACK_TOKEN=xoxe.xoxp-..."])
row("slack-refresh-token", [("SLACK_REFRESH_TOKEN={}", "xoxe-1-" + rnd(AL, 140))], ["SLACK_REFRESH_TOKEN=xoxe-1-abcdefg"])
row("slack-app-token", [("SLACK_APP_TOKEN={}", "xapp-1-A%s-%d-%s" % (rnd(UP, 10), R.randrange(10**12, 10**13), rnd(HEX, 64)))],
    ["SLACK_APP_TOKEN=xapp-1-A0123456789-..."])
row("slack-webhook-url", [("SLACK_WEBHOOK={}", "https://hooks.slack.com/services/T%s/B%s/%s" % (rnd(UP, 10), rnd(UP, 10), rnd(AL, 24)))],
    ["SLACK_WEBHOOK=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"])
row("slack-workflow-webhook-url",
    [("url: {}", "https://hooks.slack.com/triggers/T%s/%d/%s" % (rnd(UP, 10), R.randrange(10**17, 10**18), rnd(HEX, 32))),
     ("url: {}", "https://hooks.slack.com/workflows/T%s/A%s/%d/%s" % (rnd(UP, 10), rnd(UP, 10), R.randrange(10**17, 10**18), rnd(AL, 24)))],
    ["url: https://hooks.slack.com/workflows/T0000/A0000/123/abc"])
row("discord-bot-token", [("DISCORD_TOKEN={}", discord_bot())],
    ["DISCORD_TOKEN=MTA.xxxxx.yyyy", "DISCORD_TOKEN=" + b64u(b"hello-world-hello-world!") + "." + rnd(ALU, 6) + "." + rnd(ALU, 38)])
row("discord-webhook-url", [("webhook: {}", "https://discord.com/api/webhooks/%d/%s" % (R.randrange(10**18, 10**19), rnd(ALU, 68)))],
    ["webhook: https://discord.com/api/webhooks/{webhook.id}/{webhook.token}"])
row("telegram-bot-token", [("TELEGRAM_BOT_TOKEN={}", "%d:AA%s" % (R.randrange(10**9, 7 * 10**9), rnd(ALU, 33)))],
    ["TELEGRAM_BOT_TOKEN=123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11",
     "TELEGRAM_BOT_TOKEN=1234567890:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("twilio-api-key", [("TWILIO_API_SECRET={}", rnd(AL, 32))], ["TWILIO_API_SECRET=your_api_secret"])
row("twilio-auth-token", [("TWILIO_AUTH_TOKEN={}", rnd(HEX, 32))], ["TWILIO_AUTH_TOKEN=your_auth_token"])
row("sendgrid-api-key", [("SENDGRID_API_KEY={}", "SG.%s.%s" % (rnd(ALU, 22), rnd(ALU, 43)))],
    ["SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.yyyyyyyyyy"])
row("mailgun-api-key-legacy", [("MAILGUN_API_KEY={}", "key-" + rnd(HEX, 32))],
    ["MAILGUN_API_KEY=key-3ax6xnjp29jd6fds4gc373sgvjxteol0", "MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("mailgun-api-key", [("MAILGUN_API_KEY={}", "%s-%s-%s" % (rnd(HEX, 32), rnd(HEX, 8), rnd(HEX, 8)))],
    ["MAILGUN_API_KEY=<your-mailgun-key>"])
row("mailchimp-api-key", [("MAILCHIMP_API_KEY={}", rnd(HEX, 32) + "-us12")], ["MAILCHIMP_API_KEY=YOUR_API_KEY-us6"])
row("mailchimp-transactional-api-key", [("MANDRILL_API_KEY={}", "md-" + rnd(ALU, 22))], ["MANDRILL_API_KEY=md-YOUR_API_KEY"])
row("postmark-token", [("POSTMARK_SERVER_TOKEN={}", uuid())], ["X-Postmark-Server-Token: POSTMARK_API_TEST",
                                                             "POSTMARK_SERVER_TOKEN=00000000-0000-0000-0000-000000000000"])
row("datadog-api-key", [("DD_API_KEY={}", rnd(HEX, 32))], ["DD_API_KEY=<DATADOG_API_KEY>", "DD_API_KEY=0123456789abcdef0123456789abcdef"])
row("datadog-app-key", [("DD_APP_KEY={}", rnd(HEX, 40))], ["DD_APP_KEY=<DATADOG_APP_KEY>"])
row("newrelic-user-api-key", [("NEW_RELIC_API_KEY={}", "NRAK-" + rnd(UP, 27))], ["NEW_RELIC_API_KEY=NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX"])
row("newrelic-license-key", [("NEW_RELIC_LICENSE_KEY={}", "eu01xx" + rnd(HEX, 30) + "NRAL")], ["NEW_RELIC_LICENSE_KEY=YOUR_LICENSE_KEY"])
row("newrelic-insert-key", [("NEW_RELIC_INSERT_KEY={}", "NRII-" + rnd(ALU, 32)), ("NEW_RELIC_QUERY_KEY={}", "NRIQ-" + rnd(ALU, 32))],
    ["NEW_RELIC_INSERT_KEY=NRII-YOUR_INSERT_KEY"])
row("newrelic-admin-rest-key", [("NEW_RELIC_ADMIN_KEY={}", "NRAA-" + rnd(HEX, 27))], ["NEW_RELIC_ADMIN_KEY=NRAA-xxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("sentry-org-token", [("SENTRY_AUTH_TOKEN={}", sentry_org())],
    ["SENTRY_AUTH_TOKEN=sntrys_YOUR_TOKEN_HERE", "SENTRY_AUTH_TOKEN=sntrys_" + b64s(b'{"hello": "world", "x": 1}') + "_" + rnd(B64, 43)])
row("sentry-user-token", [("SENTRY_AUTH_TOKEN={}", "sntryu_" + rnd(HEX, 64))], ["SENTRY_AUTH_TOKEN=sntryu_YOUR_TOKEN_HERE"])
row("sentry-legacy-token", [("SENTRY_AUTH_TOKEN={}", rnd(HEX, 64))], ["SENTRY_AUTH_TOKEN=<your-token>"])
row("grafana-service-account-token", [("GRAFANA_TOKEN={}", grafana_sa())],
    ["GRAFANA_TOKEN=glsa_" + rnd(AL, 32) + "_00000000", "GRAFANA_TOKEN=glsa_xxxxxxxx"])
row("grafana-cloud-token", [("GRAFANA_CLOUD_TOKEN={}", grafana_cloud())], ["GRAFANA_CLOUD_TOKEN=glc_YOUR_TOKEN"])
row("grafana-api-key-legacy", [("grafana_api_key: {}", grafana_legacy())],
    ["grafana_api_key: eyJrIjoi" + rnd(AL, 60)])
row("pagerduty-api-key", [("PAGERDUTY_API_KEY={}", "u+" + rnd(ALU, 18))], ["PAGERDUTY_API_KEY=<your_api_key>"])
row("pagerduty-routing-key", [("PAGERDUTY_ROUTING_KEY={}", rnd(LOW, 32))], ["PAGERDUTY_ROUTING_KEY=YOUR_ROUTING_KEY"])
row("atlassian-api-token", [("JIRA_API_TOKEN={}", "ATATT3xFfGF0" + rnd(ALU, 171) + "=" + rnd("0123456789ABCDEF", 8))],
    ["JIRA_API_TOKEN=ATATT3xFfGF0...B1F03"])
row("linear-api-key", [("LINEAR_API_KEY={}", "lin_api_" + rnd(AL, 40))], ["LINEAR_API_KEY=lin_api_xxxxxxxx"])
row("asana-pat", [("ASANA_PAT={}", "2/%d/%d:%s" % (R.randrange(10**15, 10**16), R.randrange(10**15, 10**16), rnd(HEX, 32)))],
    ["ASANA_PAT=1/1234:abcdef"])
row("airtable-pat", [("AIRTABLE_TOKEN={}", "pat%s.%s" % (rnd(AL, 14), rnd(HEX, 64)))],
    ["AIRTABLE_TOKEN=patXXXXXXXXXXXXXX.XXXX"])
row("notion-integration-token-ntn", [("NOTION_TOKEN={}", "ntn_%d%s" % (R.randrange(10**10, 10**11), rnd(AL, 35)))],
    ["NOTION_TOKEN=ntn_xxxxxxxx"])
row("notion-integration-token-legacy", [("NOTION_TOKEN={}", "secret_" + rnd(AL, 43))], ["NOTION_TOKEN=secret_xxxxxxxxxxxxxxx"])
row("figma-pat", [("FIGMA_TOKEN={}", "figd_" + rnd(ALU, 40))], ["FIGMA_TOKEN=figd_xxxxxxxx"])
row("postman-api-key", [("POSTMAN_API_KEY={}", "PMAK-%s-%s" % (rnd(HEX, 24), rnd(HEX, 34)))], ["POSTMAN_API_KEY=PMAK-xxxxxxxxxxxxxxxxxxxxxxxx"])
row("typeform-pat", [("TYPEFORM_TOKEN={}", "tfp_" + rnd(AL, 44) + "_" + rnd(AL, 14))], ["TYPEFORM_TOKEN=tfp_YOUR_TOKEN"])
row("contentful-pat", [("CONTENTFUL_MANAGEMENT_TOKEN={}", "CFPAT-" + rnd(ALU, 43))], ["CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-<your-token>"])
row("zendesk-api-token", [("ZENDESK_API_TOKEN={}", rnd(AL, 40))], ["ZENDESK_API_TOKEN=your_zendesk_api_token"])
row("intercom-access-token", [("INTERCOM_ACCESS_TOKEN={}", intercom())], ["INTERCOM_ACCESS_TOKEN=<INTERCOM_ACCESS_TOKEN>",
                                                                         "INTERCOM_ACCESS_TOKEN=dG9rOj" + rnd(AL, 50)])
row("hubspot-private-app-token", [("HUBSPOT_TOKEN={}", "pat-na1-" + uuid())],
    ["HUBSPOT_TOKEN=pat-na1-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"])
row("algolia-admin-key", [("ALGOLIA_ADMIN_API_KEY={}", rnd(HEX, 32))], ["ALGOLIA_ADMIN_API_KEY=YourAdminAPIKey"])
row("okta-api-token", [("OKTA_API_TOKEN={}", "00" + rnd(ALU, 40)), ("Authorization: SSWS {}", "00" + rnd(ALU, 40))],
    ["OKTA_API_TOKEN={apiToken}"])
row("auth0-client-secret", [("AUTH0_CLIENT_SECRET={}", rnd(ALU, 64))], ["AUTH0_CLIENT_SECRET=YOUR_CLIENT_SECRET"])
row("shopify-shpat", [("SHOPIFY_ACCESS_TOKEN={}", "shpat_" + rnd(HEX, 32))], ["SHOPIFY_ACCESS_TOKEN=shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("shopify-shpca", [("SHOPIFY_ACCESS_TOKEN={}", "shpca_" + rnd(HEX, 32))], ["SHOPIFY_ACCESS_TOKEN=shpca_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("shopify-shppa", [("SHOPIFY_PASSWORD={}", "shppa_" + rnd(HEX, 32))], ["SHOPIFY_PASSWORD=shppa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("shopify-shared-secret", [("SHOPIFY_API_SECRET={}", "shpss_" + rnd(HEX, 32))], ["SHOPIFY_API_SECRET=shpss_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("segment-public-api-token", [("SEGMENT_TOKEN={}", "sgp_" + rnd(AL, 64))], ["SEGMENT_TOKEN=sgp_xxxxxxxx"])
row("mapbox-secret-token", [("MAPBOX_SECRET_TOKEN={}", mapbox_secret())], ["MAPBOX_SECRET_TOKEN=sk.YOUR_SECRET_TOKEN",
                                                                         "MAPBOX_SECRET_TOKEN=sk.eyJ" + rnd(AL, 60) + "." + rnd(AL, 22)])
row("zoom-s2s-client-secret", [("ZOOM_CLIENT_SECRET={}", rnd(AL, 32))], ["ZOOM_CLIENT_SECRET=your_client_secret"])
row("twitch-oauth-token", [("TWITCH_OAUTH=oauth:{}", rnd(LOW, 30))], ["TWITCH_TOKEN=your_token_here"])
row("twitch-client-secret", [("TWITCH_CLIENT_SECRET={}", rnd(LOW, 30))], ["TWITCH_CLIENT_SECRET=<client_secret>"])

# payments
row("stripe-key", [("STRIPE_SECRET_KEY={}", "sk_live_51" + rnd(AL, 97)), ("STRIPE_KEY={}", "rk_live_51" + rnd(AL, 97)),
                   ("STRIPE_TEST_KEY={}", "sk_test_51" + rnd(AL, 97))],
    ["STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx", "STRIPE_TEST_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc",
     "STRIPE_PUBLISHABLE_KEY=pk_live_51" + rnd(AL, 97)])
row("stripe-webhook-secret", [("STRIPE_WEBHOOK_SECRET={}", "whsec_" + rnd(AL, 32))], ["STRIPE_WEBHOOK_SECRET=whsec_..."])
row("square-access-token", [("SQUARE_ACCESS_TOKEN={}", "EAAA" + rnd(ALU, 60))], ["SQUARE_ACCESS_TOKEN=EAAAxxxxxxxx"])
row("square-access-token-legacy", [("SQUARE_TOKEN={}", "sq0atp-" + rnd(ALU, 22)), ("SQUARE_SANDBOX_TOKEN={}", "sandbox-sq0atb-" + rnd(ALU, 22))],
    ["SQUARE_TOKEN=sq0atp-XXXXXXXX"])
row("square-application-secret", [("SQUARE_APP_SECRET={}", "sq0csp-" + rnd(ALU, 43)), ("SQUARE_SANDBOX_SECRET={}", "sandbox-sq0csb-" + rnd(ALU, 43))],
    ["SQUARE_APP_SECRET=sq0csp-XXXXXXXX"])
row("braintree-access-token", [("BRAINTREE_TOKEN={}", "access_token$production$%s$%s" % (rnd(LOW, 16), rnd(HEX, 32))),
                               ("BRAINTREE_TOKEN={}", "access_token$sandbox$%s$%s" % (rnd(LOW, 16), rnd(HEX, 32)))],
    ["BRAINTREE_TOKEN=access_token$production$<merchant_id>$<token>"])
row("braintree-private-key", [("BRAINTREE_PRIVATE_KEY={}", rnd(HEX, 32))], ["BRAINTREE_PRIVATE_KEY=use_your_private_key"])
row("paypal-client-secret", [("PAYPAL_CLIENT_SECRET={}", "E" + rnd(ALU, 79))], ["PAYPAL_CLIENT_SECRET=<your-client-secret>"])
row("paypal-access-token", [("Authorization: Bearer {}", "A21AA" + rnd(ALU, 92))], ["Authorization: Bearer A21AAxxxxx"])
row("adyen-api-key", [("ADYEN_API_KEY={}", "AQE" + rnd(B64, 99) + "==-" + rnd(B64, 43) + "=-" + rnd(AL + "!#%;", 16))],
    ["ADYEN_API_KEY=YOUR_X_API_KEY", "ADYEN_API_KEY=AQE..."])
row("plaid-secret", [("PLAID_SECRET={}", rnd(HEX, 30))], ["PLAID_SECRET=<your-sandbox-secret>"])
row("plaid-access-token", [("PLAID_ACCESS_TOKEN={}", "access-production-" + uuid()), ("PLAID_ACCESS_TOKEN={}", "access-sandbox-" + uuid())],
    ["PLAID_ACCESS_TOKEN=access-sandbox-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"])

# cloud
row("azure-entra-client-secret", [("AZURE_CLIENT_SECRET=\"{}\"", rnd(ALU + "~.", 3) + "8Q~" + rnd(ALU + "~.", 34))],
    ["AZURE_CLIENT_SECRET=<client-secret>", "secret = abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("azure-entra-service-principal", [("ARM_CLIENT_SECRET={}", rnd(ALU + "~.", 40))], ["ARM_CLIENT_SECRET=${{ secrets.ARM_CLIENT_SECRET }}"])
row("azure-storage-key",
    [("AZURE_STORAGE_KEY=\"{}\"", azure_key()), ("key: {}", azure_key("+ASt")),
     ("DefaultEndpointsProtocol=https;AccountName=acme%s;AccountKey={};EndpointSuffix=core.windows.net" % rnd(LOW, 6), azure_key())],
    ["AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
     "AZURE_STORAGE_KEY=your_storage_account_key"])
row("azure-cosmosdb-key", [("COSMOS_KEY={}", azure_key("ACDb"))],
    ["COSMOS_KEY=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="])
row("azure-servicebus-connection-string",
    [("Endpoint=sb://acme%s.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={}" % rnd(LOW, 6), azure_key32())],
    ["Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<key-name>;SharedAccessKey=<key>"])
row("azure-sas-token", [("url: https://acme%s.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2031-01-01T00:00:00Z&spr=https&sig={}" % rnd(LOW, 6), azure_key32())],
    ["https://myaccount.blob.core.windows.net/c/b.txt?sv=2022-11-02&se=2031-01-01&sr=b&sp=r&sig=<signature>"])
row("azure-devops-pat", [("AZURE_DEVOPS_EXT_PAT={}", rnd(AL, 52) + "JQQJ9" + rnd(AL, 19) + "AZDO" + rnd(AL, 4))],
    ["AZURE_DEVOPS_EXT_PAT=<your-pat>"])
row("azure-devops-pat-legacy", [("AZURE_DEVOPS_EXT_PAT={}", rnd("abcdefghijklmnopqrstuvwxyz234567", 52))],
    ["AZURE_DEVOPS_EXT_PAT=$(System.AccessToken)", "ado_pat = \"abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrst\""])
row("google-api-key", [("GOOGLE_API_KEY={}", "AIza" + rnd(ALU, 35))], ["GOOGLE_API_KEY=AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"])
row("google-oauth-client-secret", [("\"client_secret\": \"{}\",", "GOCSPX-" + rnd(ALU, 28))],
    ["\"client_secret\": \"GOCSPX-<your-client-secret>\","])
row("google-oauth-refresh-token", [("\"refresh_token\": \"{}\",", "1//0" + rnd(AL, 1) + rnd(ALU, 98))],
    ["\"refresh_token\": \"1//0<refresh-token>\","])
row("gcp-service-account-key",
    [("{\"type\": \"service_account\", \"private_key\": \"{}\", \"client_email\": \"ci@acme.iam.gserviceaccount.com\"}",
      "-----BEGIN PRIVATE KEY-----\\n" + "\\n".join(rnd(B64, 64) for _ in range(25)) + "\\n-----END PRIVATE KEY-----\\n")],
    ["{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nPRIVATE_KEY\\n-----END PRIVATE KEY-----\\n\"}"])
row("firebase-database-secret", [("url: https://acme-%s.firebaseio.com/users.json?auth={}" % rnd(LOW, 6), rnd(AL, 40))],
    ["url: https://<project>.firebaseio.com/users.json?auth=<DATABASE_SECRET>"])
row("alibaba-access-key-id", [("ALIBABA_CLOUD_ACCESS_KEY_ID={}", "LTAI" + rnd(AL, 20))], ["ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI****************"])
row("alibaba-access-key-secret", [("ALIBABA_CLOUD_ACCESS_KEY_SECRET={}", rnd(AL, 30))], ["ALIBABA_CLOUD_ACCESS_KEY_SECRET=<yourAccessKeySecret>"])
row("tencent-secret-id", [("TENCENTCLOUD_SECRET_ID={}", "AKID" + rnd(AL, 32))], ["TENCENTCLOUD_SECRET_ID=AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("tencent-secret-key", [("TENCENTCLOUD_SECRET_KEY={}", rnd(AL, 32))], ["TENCENTCLOUD_SECRET_KEY=<SecretKey>"])
row("ibm-cloud-api-key", [("IBMCLOUD_API_KEY={}", rnd(ALU, 44))], ["IBMCLOUD_API_KEY=<your-api-key>"])
row("oracle-oci-customer-secret-key", [("OCI_SECRET_ACCESS_KEY={}", azure_key32())], ["OCI_SECRET_ACCESS_KEY=<secret_key>"])
row("cloudinary-url", [("CLOUDINARY_URL=cloudinary://%d:{}@acme%s" % (R.randrange(10**14, 10**15), rnd(LOW, 6)), rnd(ALU, 27))],
    ["CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>",
     "CLOUDINARY_URL=cloudinary://123456789012345:abcdeghijklmnopqrstuvwxyz12@n07t21i7"])
row("yandex-cloud-api-key", [("YC_API_KEY={}", "AQVN" + rnd(ALU, 36))], ["YC_API_KEY=AQVNxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("yandex-oauth-token", [("YC_OAUTH_TOKEN={}", "y0_" + rnd(ALU, 55))], ["YC_OAUTH_TOKEN=y0_<token>"])
row("backblaze-b2-application-key", [("B2_APPLICATION_KEY={}", "K005" + rnd(AL, 27))], ["B2_APPLICATION_KEY=K00xxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("wasabi-secret-key", [("WASABI_SECRET_KEY={}", rnd(AL, 40))], ["WASABI_SECRET_KEY=<your-secret-key>"])
row("linode-pat", [("LINODE_TOKEN={}", rnd(HEX, 64))], ["LINODE_TOKEN=<your-token>"])
row("scaleway-access-key", [("SCW_ACCESS_KEY={}", "SCW" + rnd(UP, 17))], ["SCW_ACCESS_KEY=SCWXXXXXXXXXXXXXXXXX"])
row("scaleway-secret-key", [("SCW_SECRET_KEY={}", uuid())], ["SCW_SECRET_KEY=00000000-0000-0000-0000-000000000000"])
row("ovh-api-credentials", [("OVH_APPLICATION_SECRET={}", rnd(AL, 32))], ["OVH_CONSUMER_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])
row("hetzner-cloud-api-token", [("HCLOUD_TOKEN={}", rnd(AL, 64))], ["hcloud_token = \"${var.hcloud_token}\""])
row("vultr-api-key", [("VULTR_API_KEY={}", rnd(UP, 36))], ["VULTR_API_KEY=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"])
row("digitalocean-pat", [("DIGITALOCEAN_TOKEN={}", "dop_v1_" + rnd(HEX, 64))], ["DIGITALOCEAN_TOKEN=dop_v1_xxxxxxxx"])
row("digitalocean-oauth-token", [("DO_TOKEN={}", "doo_v1_" + rnd(HEX, 64))], ["DO_TOKEN=doo_v1_xxxxxxxx"])
row("digitalocean-refresh-token", [("DO_REFRESH={}", "dor_v1_" + rnd(HEX, 64))], ["DO_REFRESH=dor_v1_xxxxxxxx"])
row("cloudflare-user-api-token", [("CLOUDFLARE_API_TOKEN={}", "cfut_" + rnd(AL, 40) + rnd(HEX, 8))], ["CLOUDFLARE_API_TOKEN=cfut_[40 characters][checksum]"])
row("cloudflare-account-api-token", [("CLOUDFLARE_API_TOKEN={}", "cfat_" + rnd(AL, 40) + rnd(HEX, 8))], ["CLOUDFLARE_API_TOKEN=cfat_<token>"])
row("cloudflare-global-api-key", [("CLOUDFLARE_API_KEY={}", "cfk_" + rnd(AL, 40) + rnd(HEX, 8))], ["CLOUDFLARE_API_KEY=cfk_<key>"])
row("cloudflare-api-token-legacy", [("CLOUDFLARE_API_TOKEN={}", rnd(ALU, 40))], ["CLOUDFLARE_API_TOKEN=<API_TOKEN>"])
row("cloudflare-global-api-key-legacy", [("CF_API_KEY={}", rnd(HEX, 37))], ["CF_API_KEY=<GLOBAL_API_KEY>"])
row("cloudflare-origin-ca-key", [("CF_ORIGIN_CA_KEY={}", "v1.0-%s-%s" % (rnd(HEX, 24), rnd(HEX, 146)))], ["CF_ORIGIN_CA_KEY=v1.0-<ORIGIN_CA_KEY>"])
row("fastly-api-token", [("FASTLY_API_TOKEN={}", rnd(ALU, 32))], ["FASTLY_API_TOKEN=YOUR_FASTLY_TOKEN"])
row("heroku-api-key", [("HEROKU_API_KEY={}", "HRKU-AA" + rnd(ALU, 58))], ["HEROKU_API_KEY=HRKU-<token>"])
row("heroku-api-key-legacy", [("HEROKU_API_KEY={}", uuid())], ["HEROKU_API_KEY=$(heroku auth:token)"])
row("netlify-token", [("NETLIFY_AUTH_TOKEN={}", "nfp_" + rnd(AL, 36))], ["NETLIFY_AUTH_TOKEN=nfp_xxxxxxxx"])
row("vercel-token", [("VERCEL_TOKEN={}", "vcp_" + rnd(AL, 48))], ["VERCEL_TOKEN=vcp_xxx"])
row("vercel-token-legacy", [("VERCEL_TOKEN={}", rnd(AL, 24))], ["VERCEL_TOKEN=your-vercel-token"])
row("flyio-token", [("FLY_API_TOKEN={}", "fo1_" + rnd(ALU, 43)), ("FLY_API_TOKEN=\"FlyV1 {}\"", "fm2_" + rnd(B64, 180))],
    ["FLY_API_TOKEN=fo1_xxx", "FLY_API_TOKEN=<your-fly-token>"])
row("render-api-key", [("RENDER_API_KEY={}", "rnd_" + rnd(AL, 32))], ["RENDER_API_KEY=rnd_<your-key>"])
row("railway-token", [("RAILWAY_TOKEN={}", uuid())], ["RAILWAY_TOKEN=<project-token>"])
row("supabase-pat", [("SUPABASE_ACCESS_TOKEN={}", "sbp_" + rnd(HEX, 40))], ["SUPABASE_ACCESS_TOKEN=sbp_xxxxxxxx"])
row("supabase-secret-key", [("SUPABASE_SECRET_KEY={}", "sb_secret_" + rnd(ALU, 22) + "_" + rnd(AL, 8))],
    ["SUPABASE_SECRET_KEY=sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz", "SUPABASE_SECRET_KEY=sb_secret_..."])
row("planetscale-service-token", [("PLANETSCALE_SERVICE_TOKEN={}", "pscale_tkn_" + rnd(ALU, 43))], ["PLANETSCALE_SERVICE_TOKEN=pscale_tkn_xxx"])
row("planetscale-password", [("DATABASE_PASSWORD={}", "pscale_pw_" + rnd(ALU, 43))], ["DATABASE_PASSWORD=pscale_pw_xxx"])
row("planetscale-oauth-token", [("PLANETSCALE_TOKEN={}", "pscale_oauth_" + rnd(ALU, 43))], ["PLANETSCALE_TOKEN=pscale_oauth_xxx"])
row("databricks-pat", [("DATABRICKS_TOKEN={}", "dapi" + rnd(HEX, 32))], ["DATABRICKS_TOKEN=dapi<your-token>"])
row("terraform-cloud-api-token", [("TF_TOKEN_app_terraform_io={}", rnd(AL, 14) + ".atlasv1." + rnd(ALU, 67))],
    ["TF_TOKEN_app_terraform_io=xxxxxxxxxxxxxx.atlasv1.xxxxxxxx"])
row("vault-service-token", [("VAULT_TOKEN={}", "hvs." + rnd(AL, 24)), ("VAULT_TOKEN={}", "hvs.CAES" + rnd(ALU, 87))],
    ["VAULT_TOKEN=hvs.xxxxxxxxxxxx"])
row("vault-batch-token", [("VAULT_TOKEN={}", "hvb." + rnd(ALU, 160))], ["VAULT_TOKEN=hvb.AAAAQLQLP"])
row("vault-recovery-token", [("VAULT_TOKEN={}", "hvr." + rnd(AL, 24))], ["VAULT_TOKEN=hvr.ZZZZRTYUI"])
row("pulumi-access-token", [("PULUMI_ACCESS_TOKEN={}", "pul-" + rnd(HEX, 40))], ["PULUMI_ACCESS_TOKEN=pul-xxxxxxxxxxxxxxxx"])
row("doppler-personal-token", [("DOPPLER_TOKEN={}", "dp.pt." + rnd(AL, 43))], ["DOPPLER_TOKEN=dp.pt.xxxx"])
row("doppler-cli-token", [("DOPPLER_TOKEN={}", "dp.ct." + rnd(AL, 43))], ["DOPPLER_TOKEN=dp.ct.xxxx"])
row("doppler-service-token", [("DOPPLER_TOKEN={}", "dp.st.dev." + rnd(AL, 43))], ["DOPPLER_TOKEN=dp.st.xxxx"])
row("doppler-service-account-token", [("DOPPLER_TOKEN={}", "dp.sa." + rnd(AL, 43))], ["DOPPLER_TOKEN=dp.sa.xxxx"])
row("doppler-scim-token", [("DOPPLER_SCIM_TOKEN={}", "dp.scim." + rnd(AL, 43))], ["DOPPLER_SCIM_TOKEN=dp.scim.xxxx"])
row("doppler-audit-token", [("DOPPLER_AUDIT_TOKEN={}", "dp.audit." + rnd(AL, 43))], ["DOPPLER_AUDIT_TOKEN=dp.audit.xxxx"])
row("1password-service-account-token", [("OP_SERVICE_ACCOUNT_TOKEN={}", onepassword_sa())],
    ["OP_SERVICE_ACCOUNT_TOKEN=ops_xxxxxxxx", "OP_SERVICE_ACCOUNT_TOKEN=ops_" + b64u(b'{"hello":"world"}' * 8)])
row("1password-connect-token", [("OP_CONNECT_TOKEN={}", onepassword_connect())],
    ["OP_CONNECT_TOKEN=eyJhbGciOiJFUzI1NiIsImtpZCI6..."])

# connection strings: the secret is user:password@host
for rid, scheme in [("postgres-url-password", "postgresql"), ("mysql-url-password", "mysql+pymysql"),
                    ("mongodb-url-password", "mongodb+srv"), ("redis-url-password", "rediss"),
                    ("amqp-url-password", "amqps"), ("mssql-url-password", "sqlserver")]:
    cred = "%s:%s@db-%s.prod.acme-corp.net" % (user(), password(), rnd(LOW, 6))
    row(rid, [("DATABASE_URL=%s://{}/app" % scheme, cred)],
        ["DATABASE_URL=%s://user:password@localhost/mydb" % scheme,
         "DATABASE_URL=%s://app:${DB_PASSWORD}@db.prod.acme-corp.net/app" % scheme,
         "DATABASE_URL=%s://postgres:postgres@db:5432/app" % scheme,
         "DATABASE_URL=%s://app:<password>@db.internal/app" % scheme,
         "DATABASE_URL=%s://app:changeme@db.prod.acme-corp.net/app" % scheme,
         "DATABASE_URL=%s://app:%s@db/app" % (scheme, rnd(AL, 8))])
row("adonet-connection-string-password",
    [("\"Default\": \"Server=tcp:sql-%s.database.windows.net,1433;Initial Catalog=app;User ID=svc;Password={};Encrypt=True;\"" % rnd(LOW, 6), password())],
    ["Server=myServerAddress;Database=myDataBase;User Id=myUsername;Password=myPassword;",
     "Server=localhost;User Id=sa;Password=" + password() + ";",
     "Server=tcp:x.database.windows.net;User ID=svc;Password={your_password};"])
row("jdbc-url-password", [("url=jdbc:postgresql://pg.prod.acme-corp.net:5432/app?user=svc&password={}", password())],
    ["url=jdbc:postgresql://localhost/test?user=fred&password=secret&ssl=true",
     "url=jdbc:mysql://db.internal/app?user=root&password=${DB_PASSWORD}"])
row("http-basic-auth-url", [("repository: https://{}/repository/maven-releases/", "%s:%s@nexus.acme-corp.net" % ("deploy", password()))],
    ["repository: https://user:password@example.com/", "proxy: http://user:${PASSWORD}@proxy.corp:3128",
     "remote: https://x-access-token:" + github("ghs_") + "@github.com/acme/app.git"])

# keys
AGE_BAD = age_key()
row("age-secret-key", [("{}", age_key())], ["AGE-SECRET-KEY-1...", AGE_BAD[:-1] + ("Q" if AGE_BAD[-1] != "Q" else "P")])
row("private-key", [("{}", pgp_block())], [pgp_block(good=False),
                                            "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQENBF...\n-----END PGP PUBLIC KEY BLOCK-----"])
row("putty-private-key", [("{}", putty(3)), ("{}", putty(2))], [putty(3, good=False),
                                                                 "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: <your key>"])


def esc(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


print("# detectors.tsv: synthetic credentials for tests/unit/test-detectors.c, written by")
print("# tests/gen/detectors.py (seeded); none of them is, or ever was, a real credential.")
print("# id <TAB> fire|quiet <TAB> the secret a fire line reports (\"-\" for quiet) <TAB> the line;")
print("# \\n, \\t and \\\\ in the last two columns stand for a newline, a tab and a backslash.")
for rid, fires, quiets in T:
    for template, token in fires:
        print("%s\tfire\t%s\t%s" % (rid, esc(token), esc(template.replace("{}", token, 1))))
    for q in quiets:
        print("%s\tquiet\t-\t%s" % (rid, esc(q)))
