/* checks-lambda.c: Lambda functions run a runtime AWS still patches, and keep no credential in
 * their environment variables (read with yourside's own secrets engine) */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../base/isotime.h"
#include "../base/strbuf.h"
#include "config-secrets.h"
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

static void env_one(struct ys_audit *a, const char *region, const struct ys_jval *f, void *ctx)
{
	struct ys_cfg_scan *sc = ctx;
	const char *name = ys_str(f, "FunctionName"), *arn = ys_str(f, "FunctionArn");
	const struct ys_jval *vars = ys_json_get(ys_json_get(f, "Environment"), "Variables");
	struct strbuf found = STRBUF_INIT;
	int hits;

	ys_about(a, name);
	if (!vars || vars->type != YS_J_OBJECT || !vars->len) {
		ys_pass(a, arn, region, "function %s has no environment variables", name);
		goto out;
	}
	hits = ys_cfg_scan_vars(sc, vars, NULL, NULL, &found);
	if (hits < 0)
		ys_emit(a, YS_F_ERROR, arn, region, "function %s: the secrets engine could not start",
			name);
	else if (hits)
		ys_fail(a, arn, region, "function %s keeps %s in its environment: %s", name,
			hits == 1 ? "a credential" : "credentials", found.buf);
	else
		ys_pass(a, arn, region, "function %s's %zu environment variables hold no credential",
			name, vars->len);
out:
	strbuf_release(&found);
	ys_about(a, NULL);
}

void ys_check_lambda_env_secrets(struct ys_audit *a)
{
	struct ys_cfg_scan *sc = ys_cfg_scan_for(a);

	if (!sc)
		return;
	ys_each_item(a, "lambda/list-functions", "Functions", env_one, sc);
}
