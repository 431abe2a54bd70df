#!/usr/bin/env python3
"""verify-project.py: the data of tests/check-verify.sh. One block a provider: credentials in
that provider's format (random bodies; GitHub's and npm's with their CRC32 checksum) written
into a small project folder, what the fake provider knows of each, and what `secrets --verify`
must say of each.

  verify-project.py make DIR        writes DIR/proj/, DIR/providers.json (fake-providers.py's
                                    keys), DIR/sts.json (fake-sts.py's) and DIR/blocks.json
  verify-project.py check DIR RULES OUT LOG STSLOG SECONDS
                                    RULES: the rule ids this build has, one a line; OUT: the
                                    jsonl report; LOG, STSLOG: the servers' logs. A block whose
                                    rule ids the build lacks is skipped (its detector is not
                                    merged yet); every other one must hold. Prints FAIL and SKIP
                                    lines and "verify: N passed, N failed, N skipped"."""
import hashlib, json, os, random, string, sys, zlib

ALNUM = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
HEX = "0123456789abcdef"
rnd = random.Random()


def r(alphabet, n):
    return "".join(rnd.choice(alphabet) for _ in range(n))


def b62(n, width=6):
    s = ""
    while n:
        n, d = divmod(n, 62)
        s = B62[d] + s
    return s.rjust(width, "0")


def checksummed(prefix):
    """GitHub's and npm's format: prefix, 30 base62 characters, base62 CRC32 of them in 6."""
    body = r(ALNUM, 30)
    return prefix + body + b62(zlib.crc32(body.encode()))


def sha(s):
    return hashlib.sha256(s.encode()).hexdigest()


def item(file, line, secret, want, who=None, behaviour="live", site="", as_=None, pair=None, before=None,
         requests=None, detail=None):
    """One credential: the line written (secret in it), what the server knows, what to expect."""
    return {"file": file, "line": line.replace("@", secret), "secret": secret, "want": want, "who": who,
            "behaviour": behaviour if who is not None or behaviour != "live" else None, "site": site,
            "as": as_, "pair": pair, "before": before, "requests": requests, "detail": detail}


def blocks():
    gh_live, gh_dead, gh_inst = checksummed("ghp_"), checksummed("ghp_"), checksummed("ghs_")
    gh_fine = "github_pat_" + r(ALNUM, 22) + "_" + r(ALNUM, 59)
    sid = "AC" + r(HEX, 32)
    yield {"name": "github", "route": "github", "sites": 1,
           "rules": ["github-token", "github-fine-grained-pat", "github-pat-classic", "github-installation-token",
                     "github-pat-fine-grained"],
           "items": [
               # the same live token in two files: asked once
               item("github-live.env", "GITHUB_TOKEN=@", gh_live, "live", {"login": "octo-dev", "scopes": "repo"},
                    as_="octo-dev", requests=1, detail="scopes: repo"),
               item("ci/github-copy.yml", "token: @", gh_live, "live", {"login": "octo-dev", "scopes": "repo"},
                    as_="octo-dev", requests=1),
               item("github-dead.env", "GH_TOKEN=@", gh_dead, "revoked"),
               item("github-app.env", "INSTALLATION_TOKEN=@", gh_inst, "live", {"login": "acme-org"}, as_="acme-org"),
               item("github-fine.env", "GITHUB_PAT=@", gh_fine, "live", {"login": "fine-dev"}, as_="fine-dev")]}
    yield {"name": "gitlab", "route": "gitlab", "sites": 1, "rules": ["gitlab-token", "gitlab-pat"],
           "items": [
               item("gitlab-live.env", "GITLAB_TOKEN=@", "glpat-" + r(ALNUM, 20), "live",
                    {"name": "ci-token", "user_id": 42}, as_="ci-token (user 42)"),
               item("gitlab-dead.env", "GITLAB_TOKEN=@", "glpat-" + r(ALNUM, 20), "revoked"),
               # a provider that never answers: unknown when the 10 s are up
               item("gitlab-slow.env", "GITLAB_TOKEN=@", "glpat-" + r(ALNUM, 20), "unknown", {}, behaviour="hang",
                    detail="no answer in 10 s")]}
    slack = lambda: "xoxb-" + r(string.digits, 12) + "-" + r(string.digits, 13) + "-" + r(ALNUM, 24)
    yield {"name": "slack", "route": "slack", "sites": 1,
           "rules": ["slack-token", "slack-bot-token", "slack-user-token"],
           "items": [
               item("slack-live.env", "SLACK_BOT_TOKEN=@", slack(), "live",
                    {"team": "Acme", "user": "deploybot", "team_id": "T0001", "user_id": "U0001"},
                    as_="deploybot (U0001) in Acme (T0001)"),
               item("slack-dead.env", "SLACK_BOT_TOKEN=@", slack(), "revoked"),
               # 429 once, Retry-After: 1: asked again, then live
               item("slack-busy.env", "SLACK_BOT_TOKEN=@", slack(), "live",
                    {"team": "Acme", "user": "alerts", "team_id": "T0001", "user_id": "U0002"}, behaviour="429-once",
                    as_="alerts (U0002) in Acme (T0001)", requests=2)]}
    busy, after = "sk_live_" + r(ALNUM, 40), "sk_live_" + r(ALNUM, 40)
    yield {"name": "stripe", "route": "stripe", "sites": 1,
           "rules": ["stripe-key", "stripe-sk-live", "stripe-rk-live", "stripe-sk-test", "stripe-rk-test"],
           "items": [
               item("stripe-live.env", "STRIPE_SECRET_KEY=@", "sk_live_" + r(ALNUM, 40), "live",
                    {"id": "acct_1Acme", "name": "Acme Shop"}, as_="Acme Shop (acct_1Acme)"),
               item("stripe-dead.env", "STRIPE_SECRET_KEY=@", "sk_test_" + r(ALNUM, 40), "revoked"),
               item("stripe-restricted.env", "STRIPE_KEY=@", "rk_live_" + r(ALNUM, 40), "live", {},
                    behaviour="restricted", detail="restricted: permission_error"),
               # always 429: unknown after three, and Stripe left alone: the next key is not asked
               item("zz-stripe-busy.env", "STRIPE_SECRET_KEY=@", busy, "unknown", {}, behaviour="429", requests=3),
               item("zz-stripe-zafter.env", "STRIPE_SECRET_KEY=@", after, "unknown", {"id": "acct_2", "name": "x"},
                    requests=0)]}
    proj = lambda: "sk-proj-" + r(ALNUM + "_-", 74) + "T3BlbkFJ" + r(ALNUM + "_-", 73) + "A"
    yield {"name": "openai", "route": "openai", "sites": 1,
           "rules": ["openai-project-key", "openai-api-key-legacy", "openai-service-account-key", "openai-admin-key"],
           "items": [
               item("openai-live.env", "OPENAI_API_KEY=@", proj(), "live", {"org": "org-acme"}, as_="org-acme"),
               item("openai-dead.env", "OPENAI_API_KEY=@", proj(), "revoked")]}
    ant = lambda kind: "sk-ant-" + kind + "-" + r(ALNUM + "_-", 93) + "AA"
    yield {"name": "anthropic", "route": "anthropic", "sites": 1, "rules": ["anthropic-api-key", "anthropic-admin-key"],
           "items": [
               item("anthropic-live.env", "ANTHROPIC_API_KEY=@", ant("api03"), "live", {}),
               item("anthropic-dead.env", "ANTHROPIC_API_KEY=@", ant("api03"), "revoked"),
               item("anthropic-admin.env", "ANTHROPIC_ADMIN_KEY=@", ant("admin01"), "live",
                    {"id": "org-9", "name": "Acme AI"}, as_="Acme AI (org-9)")]}
    yield {"name": "huggingface", "route": "huggingface", "sites": 1,
           "rules": ["huggingface-access-token", "huggingface-org-api-token"],
           "items": [
               item("hf-live.env", "HF_TOKEN=@", "hf_" + r(string.ascii_letters, 34), "live", {"name": "acme-ml"},
                    as_="acme-ml"),
               item("hf-dead.env", "HF_TOKEN=@", "hf_" + r(string.ascii_letters, 34), "revoked")]}
    yield {"name": "npm", "route": "npm", "sites": 1, "rules": ["npm-access-token"],
           "items": [
               item("npm-live.npmrc", "//registry.npmjs.org/:_authToken=@", checksummed("npm_"), "live",
                    {"username": "acme-publisher"}, as_="acme-publisher"),
               item("npm-dead.npmrc", "//registry.npmjs.org/:_authToken=@", checksummed("npm_"), "revoked")]}
    sg = lambda: "SG." + r(ALNUM + "_-", 22) + "." + r(ALNUM + "_-", 43)
    yield {"name": "sendgrid", "route": "sendgrid", "sites": 1, "rules": ["sendgrid-api-key"],
           "items": [item("sendgrid-live.env", "SENDGRID_API_KEY=@", sg(), "live", {}),
                     item("sendgrid-dead.env", "SENDGRID_API_KEY=@", sg(), "revoked")]}
    yield {"name": "datadog", "route": "datadog", "sites": 2, "rules": ["datadog-api-key"],
           "items": [
               # a key of the EU site: refused by the first site asked, accepted by the second
               item("datadog-live.env", "DD_API_KEY=@", r(HEX, 32), "live", {}, site="eu", requests=2),
               item("datadog-dead.env", "DD_API_KEY=@", r(HEX, 32), "revoked", requests=2)]}
    do = lambda: "dop_v1_" + r(HEX, 64)
    yield {"name": "digitalocean", "route": "digitalocean", "sites": 1,
           "rules": ["digitalocean-pat", "digitalocean-oauth-token"],
           "items": [item("do-live.env", "DIGITALOCEAN_TOKEN=@", do(), "live", {"email": "ops@acme.example", "team": "Acme"},
                          as_="ops@acme.example"),
                     item("do-dead.env", "DIGITALOCEAN_TOKEN=@", do(), "revoked")]}
    yield {"name": "mailgun", "route": "mailgun", "sites": 2, "rules": ["mailgun-api-key-legacy", "mailgun-api-key"],
           "items": [
               item("mailgun-live.env", "MAILGUN_API_KEY=@", "key-" + r(HEX, 32), "live", {"domain": "mg.acme.example"},
                    site="us", as_="domain mg.acme.example", requests=1),
               item("mailgun-dead.env", "MAILGUN_API_KEY=@", "key-" + r(HEX, 32), "revoked", requests=2)]}
    yield {"name": "sentry", "route": "sentry", "sites": 1, "rules": ["sentry-user-token"],
           # named so that sentry-legacy-token (sentry ... token, then 64 hex) does not also take
           # the token's tail for a secret of its own
           "items": [item("sentry-live.env", "SENTRY_KEY=@", "sntryu_" + r(HEX, 64), "live",
                          {"username": "acme-sre"}, as_="acme-sre"),
                     item("sentry-dead.env", "SENTRY_KEY=@", "sntryu_" + r(HEX, 64), "revoked")]}
    cf = lambda: "cfut_" + r(ALNUM, 40) + r(HEX, 8)
    yield {"name": "cloudflare", "route": "cloudflare", "sites": 1, "rules": ["cloudflare-user-api-token"],
           "items": [item("cf-live.env", "CLOUDFLARE_API_TOKEN=@", cf(), "live", {"id": "tok123"}, as_="token tok123"),
                     item("cf-disabled.env", "CLOUDFLARE_API_TOKEN=@", cf(), "revoked", {"id": "tok456"},
                          behaviour="disabled", detail="disabled"),
                     item("cf-dead.env", "CLOUDFLARE_API_TOKEN=@", cf(), "revoked")]}
    yield {"name": "groq", "route": "groq", "sites": 1, "rules": ["groq-api-key"],
           "items": [item("groq-live.env", "GROQ_API_KEY=@", "gsk_" + r(ALNUM, 52), "live", {}),
                     item("groq-dead.env", "GROQ_API_KEY=@", "gsk_" + r(ALNUM, 52), "revoked")]}
    yield {"name": "mistral", "route": "mistral", "sites": 1, "rules": ["mistral-api-key"],
           "items": [item("mistral-live.env", "MISTRAL_API_KEY=@", r(ALNUM, 32), "live", {}),
                     item("mistral-dead.env", "MISTRAL_API_KEY=@", r(ALNUM, 32), "revoked")]}
    yield {"name": "twilio", "route": "twilio", "sites": 1, "rules": ["twilio-auth-token"],
           "needs": ["twilio-account-sid"],
           "items": [item("twilio-live.env", "TWILIO_AUTH_TOKEN=@", r(HEX, 32), "live", {"name": "Acme Voice"},
                          as_="Acme Voice (%s)" % sid, pair=sid, before="TWILIO_ACCOUNT_SID=" + sid),
                     item("twilio-dead.env", "TWILIO_AUTH_TOKEN=@", r(HEX, 32), "revoked",
                          before="TWILIO_ACCOUNT_SID=" + sid)]}
    yield {"name": "heroku", "route": "heroku", "sites": 1, "rules": ["heroku-api-key"],
           "items": [item("heroku-live.env", "HEROKU_API_KEY=@", "HRKU-AA" + r(ALNUM + "_-", 58), "live",
                          {"email": "dev@acme.example"}, as_="dev@acme.example"),
                     item("heroku-dead.env", "HEROKU_API_KEY=@", "HRKU-AA" + r(ALNUM + "_-", 58), "revoked")]}
    ntn = lambda: "ntn_" + r(string.digits, 11) + r(ALNUM, 35)
    yield {"name": "notion", "route": "notion", "sites": 1, "rules": ["notion-integration-token-ntn"],
           "items": [item("notion-live.env", "NOTION_TOKEN=@", ntn(), "live", {"name": "wiki-bot", "workspace": "Acme"},
                          as_="wiki-bot in Acme"),
                     item("notion-dead.env", "NOTION_TOKEN=@", ntn(), "revoked")]}


def aws_block():
    kid, dead = "AKIA" + r("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16), "AKIA" + r("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    secret, dsecret = r(ALNUM + "/+", 40), r(ALNUM + "/+", 40)
    arn = "arn:aws:iam::111122223333:user/deploy"
    return {"name": "aws", "route": "sts", "sites": 1, "rules": ["aws-access-key-id", "aws-secret-access-key"],
            "sts": {kid: {"secret": secret, "arn": arn, "account": "111122223333"}},
            "items": [item("aws-live.cfg", "aws_secret_access_key = @", secret, "live", as_=arn,
                           before="aws_access_key_id = " + kid, requests=None),
                      item("aws-dead.cfg", "aws_secret_access_key = @", dsecret, "revoked",
                           before="aws_access_key_id = " + dead)]}


def make(out):
    all_blocks = list(blocks()) + [aws_block()]
    keys, texts = {}, {}
    for b in all_blocks:
        for it in b["items"]:
            if b["name"] != "aws" and it["behaviour"]:
                keys[it["secret"]] = {"provider": b["route"], "behaviour": it["behaviour"], "who": it["who"] or {},
                                      "site": it["site"], "pair": it["pair"] or ""}
            lines = texts.setdefault(it["file"], [])
            if it["before"]:
                lines.append(it["before"])
            lines.append(it["line"])
    for f, lines in texts.items():
        path = os.path.join(out, "proj", f)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write("\n".join(lines) + "\n")
    json.dump(keys, open(os.path.join(out, "providers.json"), "w"), indent=1)
    json.dump(all_blocks[-1]["sts"], open(os.path.join(out, "sts.json"), "w"))
    json.dump(all_blocks, open(os.path.join(out, "blocks.json"), "w"))


def check(out, rules_file, report, log, sts_log, seconds):
    have = set(open(rules_file).read().split())
    findings = [json.loads(l) for l in open(report) if l.strip()]
    requests = [json.loads(l) for l in open(log) if l.strip()]
    report_text, secrets = open(report).read(), []
    passed = failed = skipped = 0

    def no(block, why):
        nonlocal failed
        failed += 1
        print(f"FAIL verify {block}: {why}")

    for b in json.load(open(os.path.join(out, "blocks.json"))):
        present = [i for i in b["rules"] if i in have]
        lacking = [i for i in b.get("needs", []) if i not in have]
        if lacking:
            skipped += 1
            print(f"SKIP verify {b['name']}: its pairing needs a detector for {', '.join(lacking)}, "
                  "which this build leaves out (an account SID is an identifier, not a secret)")
            continue
        if not present:
            skipped += 1
            print(f"SKIP verify {b['name']}: this build has no detector for {', '.join(b['rules'])} (yet)")
            continue
        ok = True
        for it in b["items"]:
            secrets.append(it["secret"])
            h = sha(it["secret"])
            # (a generic-secret finding of the same value, which no provider checks, is not one)
            mine = [f for f in findings if f["secret_sha256"] == h and f["file"] == it["file"] and
                    f["rule"] in b["rules"]]
            if b["name"] == "aws":
                # the pair: the key id's finding says the same as the secret's
                mine += [f for f in findings if f["file"] == it["file"] and f["rule"] == "aws-access-key-id"]
            if not mine:
                ok = False
                no(b["name"], f"{it['file']}: no finding ({', '.join(present)} should find it)")
                continue
            for f in mine:
                got = (f.get("verified"), f.get("verified_as"))
                if got != (it["want"], it["as"]) and not (it["as"] is None and got[0] == it["want"]):
                    ok = False
                    no(b["name"], f"{it['file']}: {f['rule']} verified {got[0]} as {got[1]} "
                                  f"({f.get('verified_detail')}), not {it['want']} as {it['as']}")
                if it["detail"] and f.get("verified_detail") != it["detail"]:
                    ok = False
                    no(b["name"], f"{it['file']}: detail {f.get('verified_detail')!r}, not {it['detail']!r}")
            if b["name"] == "aws":
                continue
            mine_req = [q for q in requests if h in q["sha256"]]
            wrong = [q["route"] for q in mine_req if q["route"].partition("-")[0] != b["route"]]
            if wrong:
                ok = False
                no(b["name"], f"{it['file']}: its credential went to {', '.join(sorted(set(wrong)))}")
            want_n = it["requests"] if it["requests"] is not None else 1
            if len(mine_req) != want_n:
                ok = False
                no(b["name"], f"{it['file']}: {len(mine_req)} requests for it, not {want_n}")
            if any("(+verify)" not in q["ua"] for q in mine_req):
                ok = False
                no(b["name"], "a request without yourside's verify User-Agent")
        if b["name"] == "aws":
            asked = [l for l in open(sts_log) if l.strip()]
            if len(asked) != 2:
                ok = False
                no("aws", f"{len(asked)} STS requests, not 2")
        passed += ok
    # no secret in what yourside printed (the report is redacted) nor in the server's log
    log_text = open(log).read()
    for s in secrets:
        if s in report_text or s in log_text:
            no("redaction", "a secret appears in the report or the server's log")
            break
    if float(seconds) > 30:
        no("timing", f"the run took {seconds} s: the hang (10 s) and the 429s (3 s) should take about 15")
    print(f"verify: {passed} passed, {failed} failed, {skipped} skipped")
    return failed == 0


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        sys.exit(0 if check(*sys.argv[2:8]) else 1)
