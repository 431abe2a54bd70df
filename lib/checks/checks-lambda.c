/* checks-lambda.c: Lambda functions run a runtime AWS still patches, and keep no credential in
 * their environment variables (read with yourside's own secrets engine) */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../base/hash.h"
#include "../base/isotime.h"
#include "../base/strbuf.h"
#include "../secrets/results.h"
#include "../secrets/scan.h"
#include "../banned.h"

/* Runtimes and the day AWS deprecated them (no more security patches), from the AWS Lambda
 * Developer Guide's "Lambda runtimes" page (deprecated and scheduled tables, as of December
 * 2026). Runtimes deprecated before 2021 carry 2020-12-31: they were all deprecated by then. */
static const struct {
	const char *id, *day;
} deprecated[] = {
	{"nodejs", "2020-12-31"},	  {"nodejs4.3", "2020-12-31"},
	{"nodejs4.3-edge", "2020-12-31"}, {"nodejs6.10", "2020-12-31"},
	{"nodejs8.10", "2020-12-31"},	  {"nodejs10.x", "2021-07-30"},
	{"nodejs12.x", "2023-03-31"},	  {"nodejs14.x", "2023-12-04"},
	{"nodejs16.x", "2024-06-12"},	  {"nodejs18.x", "2025-09-01"},
	{"nodejs20.x", "2026-04-30"},	  {"python2.7", "2021-07-15"},
	{"python3.6", "2022-07-18"},	  {"python3.7", "2023-12-04"},
	{"python3.8", "2024-10-14"},	  {"python3.9", "2025-12-15"},
	{"python3.10", "2026-06-30"},	  {"python3.11", "2026-06-30"},
	{"dotnetcore1.0", "2020-12-31"},  {"dotnetcore2.0", "2020-12-31"},
	{"dotnetcore2.1", "2022-01-05"},  {"dotnetcore3.1", "2023-04-03"},
	{"dotnet5.0", "2022-05-10"},	  {"dotnet6", "2024-12-20"},
	{"dotnet7", "2024-05-14"},	  {"dotnet8", "2026-11-10"},
	{"ruby2.5", "2021-07-30"},	  {"ruby2.7", "2023-12-07"},
	{"ruby3.2", "2026-03-31"},	  {"java8", "2024-01-08"},
	{"java8.al2", "2026-06-30"},	  {"java11", "2026-06-30"},
	{"go1.x", "2024-01-08"},	  {"provided", "2024-01-08"},
	{"provided.al2", "2026-06-30"},
};

static void runtime_one(struct ys_audit *a, const char *region, const struct ys_jval *f, void *ctx)
{
	const char *name = ys_str(f, "FunctionName"), *arn = ys_str(f, "FunctionArn");
	const char *rt = ys_str(f, "Runtime");
	size_t i;

	(void)ctx;
	ys_about(a, name);
	if (!*rt) { /* a container image brings its own runtime */
		ys_pass(a, arn, region, "function %s is a container image: its runtime is the image's",
			name);
		goto out;
	}
	for (i = 0; i < sizeof(deprecated) / sizeof(deprecated[0]); i++) {
		char when[32];

		if (strcmp(rt, deprecated[i].id))
			continue;
		snprintf(when, sizeof(when), "%sT00:00:00Z", deprecated[i].day);
		if (a->now >= ys_time_parse(when)) {
			ys_fail(a, arn, region,
				"function %s runs %s, which AWS stopped patching on %s: a flaw found in "
				"it since stays open",
				name, rt, deprecated[i].day);
			goto out;
		}
		break;
	}
	ys_pass(a, arn, region, "function %s runs %s, a runtime AWS still patches", name, rt);
out:
	ys_about(a, NULL);
}

void ys_check_lambda_runtime(struct ys_audit *a)
{
	ys_each_item(a, "lambda/list-functions", "Functions", runtime_one, NULL);
}

/* The secrets engine, built once the first function with variables is met. */
struct env_scan {
	struct ys_secret_ruleset *rs;
	struct ys_secret_scanner *sc;
	int broken;
	/* the function at hand: its variables as NAME=VALUE lines, and what was found */
	const struct ys_jval *vars;
	struct strbuf found;
	size_t hits;
};

static int on_hit(void *ctx, const struct ys_secret_hit *h)
{
	struct env_scan *e = ctx;
	const struct ys_jmember *var;
	uint8_t d[YS_SHA256_LEN];
	char shown[64], hex[17];

	if (!strcmp(h->rule->severity, "info") || !h->line || h->line > e->vars->len)
		return 0;
	var = &e->vars->u.members[h->line - 1];
	ys_secret_redact(h->secret, h->secret_len, shown, sizeof(shown));
	ys_sha256(h->secret, h->secret_len, d);
	ys_hex(d, 8, hex); /* its start: enough to match it against a secrets scan */
	strbuf_addf(&e->found, "%s%s in %.*s (%s, sha256 %s…)", e->hits ? "; " : "",
		    h->rule->title, (int)var->klen, var->key, shown, hex);
	e->hits++;
	return 0;
}

static void env_one(struct ys_audit *a, const char *region, const struct ys_jval *f, void *ctx)
{
	struct env_scan *e = ctx;
	const char *name = ys_str(f, "FunctionName"), *arn = ys_str(f, "FunctionArn");
	const struct ys_jval *vars = ys_json_get(ys_json_get(f, "Environment"), "Variables");
	struct strbuf text = STRBUF_INIT;
	size_t i;

	ys_about(a, name);
	if (!vars || vars->type != YS_J_OBJECT || !vars->len) {
		ys_pass(a, arn, region, "function %s has no environment variables", name);
		goto out;
	}
	if (!e->rs && !e->broken &&
	    (ys_secret_ruleset_new(&e->rs, &ys_mpm_vectorscan, NULL) ||
	     ys_secret_scanner_new(e->rs, &e->sc)))
		e->broken = 1;
	if (e->broken) {
		ys_emit(a, YS_F_ERROR, arn, region, "function %s: the secrets engine could not start",
			name);
		goto out;
	}
	/* one line a variable, as a .env file: NAME=VALUE, so that a name like DB_PASSWORD
	 * counts as it does in code; a line break inside a value would shift the lines */
	for (i = 0; i < vars->len; i++) {
		const struct ys_jmember *m = &vars->u.members[i];
		const struct ys_jval *v = &m->val;
		size_t k;

		strbuf_addf(&text, "%.*s=", (int)m->klen, m->key);
		for (k = 0; v->type == YS_J_STRING && k < v->len; k++)
			strbuf_addch(&text, v->u.str[k] == '\n' || v->u.str[k] == '\r' ? ' ' : v->u.str[k]);
		strbuf_addch(&text, '\n');
	}
	e->vars = vars;
	e->hits = 0;
	strbuf_reset(&e->found);
	ys_secret_scan_mem(e->sc, text.buf, text.len, on_hit, e);
	if (e->hits)
		ys_fail(a, arn, region, "function %s keeps %s in its environment: %s", name,
			e->hits == 1 ? "a credential" : "credentials", e->found.buf);
	else
		ys_pass(a, arn, region, "function %s's %zu environment variables hold no credential",
			name, vars->len);
	strbuf_release(&text);
out:
	ys_about(a, NULL);
}

void ys_check_lambda_env_secrets(struct ys_audit *a)
{
	struct env_scan e;

	memset(&e, 0, sizeof(e));
	strbuf_init(&e.found);
	ys_each_item(a, "lambda/list-functions", "Functions", env_one, &e);
	ys_secret_scanner_free(e.sc);
	ys_secret_ruleset_free(e.rs);
	strbuf_release(&e.found);
}
