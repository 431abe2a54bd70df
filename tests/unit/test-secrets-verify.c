/* test-secrets-verify.c: --verify against tests/servers/fake-providers.py on loopback, one
 * finding per provider and answer, built here rather than found (most providers' detectors
 * come separately): live with its owner, revoked, a hang, 429s, pairs, one request a secret,
 * and every credential sent only to its own provider */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "base/file.h"
#include "base/hash.h"
#include "base/strbuf.h"
#include "json/jread.h"
#include "secrets/results.h"
#include "secrets/verify.h"

/* One credential: what it is, where the fake server keeps it, what --verify must say. */
struct tok {
	const char *rule, *secret, *route, *behaviour, *who, *site, *pair;
	int want;
	const char *as; /* expected verified_as, NULL for none */
};

#define L YS_VERIFY_LIVE
#define R YS_VERIFY_REVOKED
#define U YS_VERIFY_UNKNOWN
#define TWILIO_SID "AC0123456789abcdef0123456789abcdef"
#define SENTRY_LIVE "sntryu_1111111111111111111111111111111111111111111111111111111111111111"
/* every secret below differs from the others and from every SID: the log's lines are told
 * apart by their hashes, and a path holds the SID */

static const struct tok toks[] = {
	{"github-token", "ghp_LiveLiveLiveLiveLiveLiveLiveLive0a1b", "github", "live",
	 "{\"login\":\"octo-dev\",\"scopes\":\"repo, read:org\"}", "", NULL, L, "octo-dev"},
	{"github-token", "ghp_DeadDeadDeadDeadDeadDeadDeadDead0a1b", "github", NULL, NULL, "", NULL, R, NULL},
	{"github-installation-token", "ghs_InstInstInstInstInstInstInstInst0a1b", "github", "live",
	 "{\"login\":\"acme-org\"}", "", NULL, L, "acme-org"},
	{"github-fine-grained-pat", "github_pat_11FineFineFineFine_FineFineFineFineFineFine", "github",
	 "live", "{\"login\":\"fine-dev\"}", "", NULL, L, "fine-dev"},
	{"gitlab-token", "glpat-LiveLiveLiveLive1234", "gitlab", "live",
	 "{\"name\":\"ci-token\",\"user_id\":42}", "", NULL, L, "ci-token (user 42)"},
	{"gitlab-pat", "glpat-DeadDeadDeadDead1234", "gitlab", NULL, NULL, "", NULL, R, NULL},
	{"slack-token", "xoxb-1111111111-2222222222-LiveLiveLiveLiveLiveLive", "slack", "live",
	 "{\"team\":\"Acme\",\"user\":\"deploybot\",\"team_id\":\"T0001\",\"user_id\":\"U0001\"}", "",
	 NULL, L, "deploybot (U0001) in Acme (T0001)"},
	{"slack-bot-token", "xoxb-1111111111-2222222222-DeadDeadDeadDeadDeadDead", "slack", NULL, NULL,
	 "", NULL, R, NULL},
	{"stripe-key", "sk_live_LiveLiveLiveLiveLiveLive0001", "stripe", "live",
	 "{\"id\":\"acct_1Live\",\"name\":\"Acme Shop\"}", "", NULL, L, "Acme Shop (acct_1Live)"},
	{"stripe-rk-live", "rk_live_RestRestRestRestRestRest0001", "stripe", "restricted", "{}", "",
	 NULL, L, NULL},
	{"stripe-sk-test", "sk_test_DeadDeadDeadDeadDeadDead0001", "stripe", NULL, NULL, "", NULL, R,
	 NULL},
	{"openai-project-key", "sk-proj-LiveLiveLiveLiveT3BlbkFJLiveLiveLiveLive", "openai", "live",
	 "{\"org\":\"org-acme\"}", "", NULL, L, "org-acme"},
	{"openai-api-key-legacy", "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", "openai", NULL,
	 NULL, "", NULL, R, NULL},
	{"openai-service-account-key", "sk-svcacct-NoQuotaNoQuotaT3BlbkFJNoQuotaNoQuota", "openai",
	 "no-quota", "{}", "", NULL, L, NULL},
	{"openai-admin-key", "sk-admin-AdminAdminAdminAdminT3BlbkFJAdminAdmin", "openai", "live", "{}",
	 "", NULL, L, NULL},
	{"anthropic-api-key", "sk-ant-api03-LiveLiveLiveLiveLiveLiveLiveLiveLiveLiveAA", "anthropic",
	 "live", "{}", "", NULL, L, NULL},
	{"anthropic-api-key", "sk-ant-api03-DeadDeadDeadDeadDeadDeadDeadDeadDeadDeadAA", "anthropic",
	 NULL, NULL, "", NULL, R, NULL},
	{"anthropic-admin-key", "sk-ant-admin01-AdminAdminAdminAdminAdminAdminAdminAA", "anthropic",
	 "live", "{\"id\":\"org-9\",\"name\":\"Acme AI\"}", "", NULL, L, "Acme AI (org-9)"},
	{"huggingface-access-token", "hf_LiveLiveLiveLiveLiveLiveLiveLiveLi", "huggingface", "live",
	 "{\"name\":\"acme-ml\"}", "", NULL, L, "acme-ml"},
	{"huggingface-access-token", "hf_DeadDeadDeadDeadDeadDeadDeadDeadDe", "huggingface", NULL,
	 NULL, "", NULL, R, NULL},
	{"npm-access-token", "npm_LiveLiveLiveLiveLiveLiveLiveLive0a1b", "npm", "live",
	 "{\"username\":\"acme-publisher\"}", "", NULL, L, "acme-publisher"},
	{"npm-access-token", "npm_DeadDeadDeadDeadDeadDeadDeadDead0a1b", "npm", NULL, NULL, "", NULL,
	 R, NULL},
	{"sendgrid-api-key", "SG.LiveLiveLiveLiveLiveLi.LiveLiveLiveLiveLiveLiveLiveLiveLiveLiveLiv",
	 "sendgrid", "live", "{}", "", NULL, L, NULL},
	{"sendgrid-api-key", "SG.DeadDeadDeadDeadDeadDe.DeadDeadDeadDeadDeadDeadDeadDeadDeadDeadDea",
	 "sendgrid", NULL, NULL, "", NULL, R, NULL},
	/* a key of the EU site: refused by the first site, accepted by the second */
	{"datadog-api-key", "a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0", "datadog", "live", "{}", "eu", NULL, L,
	 NULL},
	{"datadog-api-key", "b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1", "datadog", NULL, NULL, "", NULL, R,
	 NULL},
	{"digitalocean-pat", "dop_v1_1111111111111111111111111111111111111111111111111111111111111111",
	 "digitalocean", "live", "{\"email\":\"ops@acme.example\",\"team\":\"Acme\"}", "", NULL, L,
	 "ops@acme.example"},
	{"digitalocean-pat", "dop_v1_2222222222222222222222222222222222222222222222222222222222222222",
	 "digitalocean", NULL, NULL, "", NULL, R, NULL},
	{"mailgun-api-key-legacy", "key-11111111111111111111111111111111", "mailgun", "live",
	 "{\"domain\":\"mg.acme.example\"}", "us", NULL, L, "domain mg.acme.example"},
	{"mailgun-api-key-legacy", "key-22222222222222222222222222222222", "mailgun", NULL, NULL, "",
	 NULL, R, NULL},
	/* a newer key may be a sending key, refused by every read: unknown, never revoked */
	{"mailgun-api-key", "33333333333333333333333333333333-33333333-33333333", "mailgun", NULL, NULL,
	 "", NULL, U, NULL},
	{"sentry-user-token", SENTRY_LIVE,
	 "sentry", "live", "{\"username\":\"acme-sre\"}", "", NULL, L, "acme-sre"},
	{"sentry-user-token", "sntryu_2222222222222222222222222222222222222222222222222222222222222222",
	 "sentry", NULL, NULL, "", NULL, R, NULL},
	{"cloudflare-user-api-token", "cfut_LiveLiveLiveLiveLiveLiveLiveLiveLiveLive0a1b2c3d",
	 "cloudflare", "live", "{\"id\":\"tok123\"}", "", NULL, L, "token tok123"},
	{"cloudflare-user-api-token", "cfut_DisaDisaDisaDisaDisaDisaDisaDisaDisaDisa0a1b2c3d",
	 "cloudflare", "disabled", "{\"id\":\"tok456\"}", "", NULL, R, NULL},
	{"cloudflare-user-api-token", "cfut_DeadDeadDeadDeadDeadDeadDeadDeadDeadDead0a1b2c3d",
	 "cloudflare", NULL, NULL, "", NULL, R, NULL},
	/* an older token may be an account's, which the user call refuses: unknown */
	{"cloudflare-api-token-legacy", "LegacyLegacyLegacyLegacyLegacyLegacy0001", "cloudflare", NULL,
	 NULL, "", NULL, U, NULL},
	{"groq-api-key", "gsk_LiveLiveLiveLiveLiveLiveLiveLiveLiveLiveLiveLiveLive", "groq", "live",
	 "{}", "", NULL, L, NULL},
	{"groq-api-key", "gsk_DeadDeadDeadDeadDeadDeadDeadDeadDeadDeadDeadDeadDead", "groq", NULL, NULL,
	 "", NULL, R, NULL},
	{"mistral-api-key", "LiveLiveLiveLiveLiveLiveLiveLive", "mistral", "live", "{}", "", NULL, L,
	 NULL},
	{"mistral-api-key", "DeadDeadDeadDeadDeadDeadDeadDead", "mistral", NULL, NULL, "", NULL, R,
	 NULL},
	{"twilio-auth-token", "c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2", "twilio", "live",
	 "{\"name\":\"Acme Voice\"}", "", TWILIO_SID, L, "Acme Voice (" TWILIO_SID ")"},
	{"heroku-api-key", "HRKU-AALiveLiveLiveLiveLiveLiveLiveLiveLiveLiveLiveLiveLiveLiveLive",
	 "heroku", "live", "{\"email\":\"dev@acme.example\"}", "", NULL, L, "dev@acme.example"},
	{"heroku-api-key-legacy", "01234567-89ab-cdef-0123-456789abcdef", "heroku", NULL, NULL, "",
	 NULL, R, NULL},
	{"notion-integration-token-ntn", "ntn_12345678901LiveLiveLiveLiveLiveLiveLiveLiveLive",
	 "notion", "live", "{\"name\":\"wiki-bot\",\"workspace\":\"Acme\"}", "", NULL, L,
	 "wiki-bot in Acme"},
	{"notion-integration-token-ntn", "ntn_12345678901DeadDeadDeadDeadDeadDeadDeadDeadDead",
	 "notion", NULL, NULL, "", NULL, R, NULL},
};
#define NTOKS (sizeof(toks) / sizeof(toks[0]))

/* Findings for a run; their rules only need ids. */
static struct ys_secret_rule rules[64];
static size_t nrules;

static const struct ys_secret_rule *rule(const char *id)
{
	size_t i;

	for (i = 0; i < nrules; i++)
		if (!strcmp(rules[i].id, id))
			return &rules[i];
	assert_true(nrules < sizeof(rules) / sizeof(rules[0]));
	rules[nrules].id = id;
	rules[nrules].title = id;
	rules[nrules].severity = "high";
	rules[nrules].revoke = "";
	return &rules[nrules++];
}

static void add(struct ys_secret_results *r, const char *id, const char *secret, const char *file,
		size_t line)
{
	struct ys_secret_hit h;

	memset(&h, 0, sizeof(h));
	h.rule = rule(id);
	h.secret = secret;
	h.secret_len = strlen(secret);
	h.line = line;
	h.column = 1;
	assert_int_equal(ys_secret_results_add(r, &h, file, NULL, NULL, NULL, 0, 0), 0);
}

/* the fake providers' server, started once for the whole file */
static char dir[] = "/tmp/ys-verify-XXXXXX";
static char logpath[600];
static pid_t server;
static int port;

static void write_keys(const char *path, const struct tok *extra, size_t nextra)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	FILE *f;

	strbuf_addch(&sb, '{');
	for (i = 0; i < NTOKS + nextra; i++) {
		const struct tok *t = i < NTOKS ? &toks[i] : &extra[i - NTOKS];

		if (!t->behaviour)
			continue; /* unknown to the provider: rejected */
		strbuf_addf(&sb, "%s\"%s\": {\"provider\": \"%s\", \"behaviour\": \"%s\", \"who\": %s, "
				 "\"site\": \"%s\", \"pair\": \"%s\"}",
			    sb.len > 1 ? ",\n" : "", t->secret, t->route, t->behaviour,
			    t->who ? t->who : "{}", t->site, t->pair ? t->pair : "");
	}
	strbuf_addstr(&sb, "}\n");
	assert_non_null(f = fopen(path, "w"));
	fputs(sb.buf, f);
	fclose(f);
	strbuf_release(&sb);
}

/* tokens only the rate-limit and timeout tests use */
static const struct tok extra[] = {
	{"groq-api-key", "gsk_HangHangHangHangHangHangHangHangHangHangHangHangHang", "groq", "hang",
	 "{}", "", NULL, U, NULL},
	{"sendgrid-api-key", "SG.OnceOnceOnceOnceOnceOn.OnceOnceOnceOnceOnceOnceOnceOnceOnceOnceOnc",
	 "sendgrid", "429-once", "{}", "", NULL, L, NULL},
	{"mistral-api-key", "BusyBusyBusyBusyBusyBusyBusyBusy", "mistral", "429", "{}", "", NULL, U,
	 NULL},
	{"mistral-api-key", "NextNextNextNextNextNextNextNext", "mistral", "live", "{}", "", NULL, U,
	 NULL},
};
#define NEXTRA (sizeof(extra) / sizeof(extra[0]))

static void point_at_server(void)
{
	static const char *const names[] = {"github", "gitlab", "slack", "stripe", "openai",
					    "anthropic", "huggingface", "npm", "sendgrid",
					    "digitalocean", "sentry", "cloudflare", "groq",
					    "mistral", "twilio", "heroku", "notion"};
	char var[64], val[256];
	size_t i, j;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(var, sizeof(var), "YOURSIDE_VERIFY_URL_%s", names[i]);
		for (j = 20; var[j]; j++)
			var[j] = (char)(var[j] >= 'a' && var[j] <= 'z' ? var[j] - 32 : var[j]);
		snprintf(val, sizeof(val), "http://127.0.0.1:%d/%s", port, names[i]);
		setenv(var, val, 1);
	}
	snprintf(val, sizeof(val), "http://127.0.0.1:%d/datadog-us http://127.0.0.1:%d/datadog-eu",
		 port, port);
	setenv("YOURSIDE_VERIFY_URL_DATADOG", val, 1);
	snprintf(val, sizeof(val), "http://127.0.0.1:%d/mailgun-us,http://127.0.0.1:%d/mailgun-eu",
		 port, port);
	setenv("YOURSIDE_VERIFY_URL_MAILGUN", val, 1);
}

static int start_server(void **state)
{
	char keys[600], portfile[600], script[600];
	int i;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(keys, sizeof(keys), "%s/keys.json", dir);
	snprintf(portfile, sizeof(portfile), "%s/port", dir);
	snprintf(logpath, sizeof(logpath), "%s/requests.log", dir);
	snprintf(script, sizeof(script), "%s/tests/servers/fake-providers.py", YS_SOURCE_DIR);
	write_keys(keys, extra, NEXTRA);
	server = fork();
	if (server == 0) {
		execl("/usr/bin/python3", "python3", script, "--keys", keys, "--port-file", portfile,
		      "--log", logpath, "--seconds", "300", "--hang", "20", (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 200; i++) {
		FILE *f = fopen(portfile, "r");

		if (f) {
			int ok = fscanf(f, "%d", &port) == 1;

			fclose(f);
			if (ok)
				break;
		}
		usleep(50000);
	}
	if (port <= 0)
		return -1;
	point_at_server();
	return 0;
}

static int stop_server(void **state)
{
	char cmd[700];

	(void)state;
	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, NULL, 0);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* What the server's log says: requests for a credential, and to which routes. */
static size_t requests_for(const char *secret, const char *route_family, size_t *elsewhere)
{
	char want[YS_SHA256_HEX];
	char *text = NULL;
	size_t len = 0, n = 0;
	struct ys_error err = {0};
	char *line, *next;

	ys_sha256_hex(secret, strlen(secret), want);
	assert_int_equal(ys_read_file(logpath, 64u << 20, &text, &len, &err), 0);
	*elsewhere = 0;
	for (line = text; line && *line; line = next) {
		struct ys_jdoc *doc = NULL;
		const struct ys_jval *root, *shas, *route;
		size_t i;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		assert_int_equal(ys_json_parse(line, strlen(line), &doc, &err), 0);
		root = ys_jdoc_root(doc);
		shas = ys_json_get(root, "sha256");
		route = ys_json_get(root, "route");
		for (i = 0; shas && i < shas->len; i++) {
			if (strcmp(shas->u.items[i].u.str, want))
				continue;
			if (!strncmp(route->u.str, route_family, strlen(route_family)))
				n++;
			else
				(*elsewhere)++;
		}
		ys_jdoc_free(doc);
	}
	free(text);
	return n;
}

static void run_verify(struct ys_secret_results *r, long timeout_ms, struct ys_verify_summary *s)
{
	struct ys_verify_opts o = {.now = 1700000000, .timeout_ms = timeout_ms, .rate_scale = 4};
	struct ys_error err = {0};

	ys_secret_results_finish(r);
	assert_int_equal(ys_secrets_verify(r, &o, s, &err), 0);
}

static const struct ys_secret_finding *finding(const struct ys_secret_results *r, const char *secret)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (!strcmp(r->f[i].secret, secret))
			return &r->f[i];
	fail_msg("no finding for a secret");
	return NULL;
}

/* Every provider: each credential live with its owner, or revoked, or (where a refusal cannot
 * tell) unknown; each sent only to its own provider, once (once a site where there are sites). */
static void every_provider(void **state)
{
	struct ys_secret_results r;
	struct ys_verify_summary s;
	size_t i, line = 1;
	int p;

	(void)state;
	for (i = 0; i < NTOKS + NEXTRA; i++)
		for (line = i + 1; line < NTOKS + NEXTRA; line++)
			assert_string_not_equal(i < NTOKS ? toks[i].secret : extra[i - NTOKS].secret,
						line < NTOKS ? toks[line].secret : extra[line - NTOKS].secret);
	line = 1;
	ys_secret_results_init(&r);
	for (i = 0; i < NTOKS; i++) {
		char file[64];

		snprintf(file, sizeof(file), "%s.env", toks[i].route);
		if (toks[i].pair)
			add(&r, "twilio-account-sid", toks[i].pair, file, line++);
		add(&r, toks[i].rule, toks[i].secret, file, line++);
	}
	run_verify(&r, 5000, &s);
	for (i = 0; i < NTOKS; i++) {
		const struct ys_secret_finding *f = finding(&r, toks[i].secret);
		size_t elsewhere, n = requests_for(toks[i].secret, toks[i].route, &elsewhere);
		size_t sites = !strcmp(toks[i].route, "datadog") || !strcmp(toks[i].route, "mailgun") ? 2 : 1;

		if (f->verified != toks[i].want || (toks[i].as && (!f->verified_as ||
								   strcmp(f->verified_as, toks[i].as))))
			fail_msg("%s (%s): %s as %s (%s), not %s as %s", toks[i].rule, toks[i].route,
				 ys_secret_verdict_name(f->verified), f->verified_as ? f->verified_as : "-",
				 f->verified_detail ? f->verified_detail : "-",
				 ys_secret_verdict_name(toks[i].want), toks[i].as ? toks[i].as : "-");
		assert_int_equal(elsewhere, 0);
		assert_true(n >= 1 && n <= sites);
		/* neither who it is nor why may hold the secret */
		assert_null(f->verified_detail ? strstr(f->verified_detail, toks[i].secret) : NULL);
	}
	for (p = 0; p < YS_VERIFY_NPROVIDERS; p++)
		assert_int_equal(s.t[p].gave_up, 0);
	assert_int_equal(s.t[YS_VERIFY_GITHUB].live, 3);
	assert_int_equal(s.t[YS_VERIFY_GITHUB].revoked, 1);
	assert_string_equal(finding(&r, toks[0].secret)->verified_detail, "scopes: repo, read:org");
	ys_secret_results_release(&r);
}

/* A provider that never answers: unknown, within the timeout. */
static void hang_is_unknown(void **state)
{
	struct ys_secret_results r;
	struct ys_verify_summary s;
	struct timespec a, b;
	const struct ys_secret_finding *f;

	(void)state;
	ys_secret_results_init(&r);
	add(&r, extra[0].rule, extra[0].secret, "slow.env", 1);
	clock_gettime(CLOCK_MONOTONIC, &a);
	run_verify(&r, 1500, &s);
	clock_gettime(CLOCK_MONOTONIC, &b);
	f = finding(&r, extra[0].secret);
	assert_int_equal(f->verified, YS_VERIFY_UNKNOWN);
	assert_string_equal(f->verified_detail, "no answer in 1 s");
	assert_true(b.tv_sec - a.tv_sec < 4);
	ys_secret_results_release(&r);
}

/* 429 once: asked again after Retry-After, and live. 429 always: unknown, the provider left
 * alone after three, its next secret unknown without a request. */
static void rate_limited(void **state)
{
	struct ys_secret_results r;
	struct ys_verify_summary s;
	size_t elsewhere;

	(void)state;
	ys_secret_results_init(&r);
	add(&r, extra[1].rule, extra[1].secret, "a-once.env", 1);
	add(&r, extra[2].rule, extra[2].secret, "b-busy.env", 1);
	add(&r, extra[3].rule, extra[3].secret, "c-next.env", 1);
	run_verify(&r, 5000, &s);
	assert_int_equal(finding(&r, extra[1].secret)->verified, YS_VERIFY_LIVE);
	assert_int_equal(requests_for(extra[1].secret, "sendgrid", &elsewhere), 2);
	assert_int_equal(finding(&r, extra[2].secret)->verified, YS_VERIFY_UNKNOWN);
	assert_int_equal(requests_for(extra[2].secret, "mistral", &elsewhere), 3);
	assert_int_equal(finding(&r, extra[3].secret)->verified, YS_VERIFY_UNKNOWN);
	assert_int_equal(requests_for(extra[3].secret, "mistral", &elsewhere), 0);
	assert_int_equal(s.t[YS_VERIFY_MISTRAL].gave_up, 1);
	assert_int_equal(s.t[YS_VERIFY_SENDGRID].gave_up, 0);
	ys_secret_results_release(&r);
}

/* One secret in three files: one request. */
static void one_request_a_secret(void **state)
{
	/* unknown to the server, so rejected: enough to count the requests */
	static const char secret[] = "hf_OnceOnceOnceOnceOnceOnceOnceOnceOn";
	struct ys_secret_results r;
	struct ys_verify_summary s;
	size_t elsewhere, i;

	(void)state;
	ys_secret_results_init(&r);
	add(&r, "huggingface-access-token", secret, "a.env", 1);
	add(&r, "huggingface-access-token", secret, "b.env", 7);
	add(&r, "huggingface-access-token", secret, "c/d.yaml", 3);
	run_verify(&r, 5000, &s);
	for (i = 0; i < r.n; i++)
		assert_int_equal(r.f[i].verified, YS_VERIFY_REVOKED);
	assert_int_equal(requests_for(secret, "huggingface", &elsewhere), 1);
	assert_int_equal(s.t[YS_VERIFY_HUGGINGFACE].secrets, 1);
	assert_int_equal(s.t[YS_VERIFY_HUGGINGFACE].revoked, 3);
	ys_secret_results_release(&r);
}

/* Twilio's token needs its account SID nearby; without one it is unknown and never sent. */
static void pair_needed(void **state)
{
	static const char lone[] = "d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3";
	struct ys_secret_results r;
	struct ys_verify_summary s;
	size_t elsewhere;
	const struct ys_secret_finding *f;

	(void)state;
	ys_secret_results_init(&r);
	add(&r, "twilio-auth-token", lone, "lone.env", 1);
	add(&r, "twilio-account-sid", TWILIO_SID, "other.env", 1);
	run_verify(&r, 5000, &s);
	f = finding(&r, lone);
	assert_int_equal(f->verified, YS_VERIFY_UNKNOWN);
	assert_non_null(strstr(f->verified_detail, "twilio-account-sid"));
	assert_int_equal(requests_for(lone, "twilio", &elsewhere), 0);
	assert_int_equal(elsewhere, 0);
	ys_secret_results_release(&r);
}

/* Kinds without a read-only check, findings of no provider, and a part of a longer secret on
 * the same line are left unasked. */
static void not_asked(void **state)
{
	struct ys_secret_results r;
	struct ys_verify_summary s;
	size_t i;

	(void)state;
	ys_secret_results_init(&r);
	add(&r, "github-token", "ghr_RefreshRefreshRefreshRefresh0a1b2c", "r.env", 1);
	add(&r, "slack-webhook-url", "https://hooks.slack.com/services/T0001/B0001/abcdefabcdefabcdefabcdef",
	    "w.env", 1);
	add(&r, "gitlab-token", "gldt-DeployDeployDeploy1234", "d.env", 1);
	add(&r, "private-key", "-----BEGIN PRIVATE KEY-----", "k.pem", 1);
	/* a detector that takes a token's tail for a secret of its own: the tail is not asked */
	add(&r, "sentry-user-token", SENTRY_LIVE, "s.env", 1);
	add(&r, "sentry-legacy-token", &SENTRY_LIVE[7], "s.env", 1);
	run_verify(&r, 5000, &s);
	for (i = 0; i < r.n; i++)
		assert_int_equal(r.f[i].verified, strcmp(r.f[i].rule->id, "sentry-user-token")
							  ? YS_VERIFY_NOT_ASKED
							  : YS_VERIFY_LIVE);
	assert_int_equal(requests_for(&SENTRY_LIVE[7], "sentry", &i), 0);
	ys_secret_results_release(&r);
}

/* The server's log holds hashes, and the secrets never. */
static void log_holds_no_secret(void **state)
{
	char *text = NULL;
	size_t len = 0, i;
	struct ys_error err = {0};

	(void)state;
	assert_int_equal(ys_read_file(logpath, 64u << 20, &text, &len, &err), 0);
	assert_true(len > 0);
	for (i = 0; i < NTOKS; i++)
		assert_null(strstr(text, toks[i].secret));
	assert_non_null(strstr(text, "(+verify)"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_provider),   cmocka_unit_test(hang_is_unknown),
		cmocka_unit_test(rate_limited),	    cmocka_unit_test(one_request_a_secret),
		cmocka_unit_test(pair_needed),	    cmocka_unit_test(not_asked),
		cmocka_unit_test(log_holds_no_secret),
	};

	return cmocka_run_group_tests(tests, start_server, stop_server);
}
