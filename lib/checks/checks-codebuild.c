/* checks-codebuild.c: CodeBuild projects keep credentials out of their source URLs and plain-text
 * environment variables, and keep (encrypted) build logs */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checks-containers.h"
#include "config-secrets.h"
#include "../base/strbuf.h"
#include "../banned.h"

typedef void (*cb_fn)(struct ys_audit *, const char *region, const struct ys_jval *p, void *ctx);

struct cb_walk {
	cb_fn fn;
	void *ctx;
};

static void cb_region(struct ys_audit *a, const char *region, const struct ys_jval *root, void *ctx)
{
	const struct ys_jval *names = ys_json_get(root, "projects"), *d, *p;
	struct cb_walk *w = ctx;
	char rel[96];
	size_t i;

	snprintf(rel, sizeof(rel), "%s/codebuild/batch-get-projects", region);
	for (i = 0; names && names->type == YS_J_ARRAY && i < names->len; i++) {
		const char *name = ys_json_str(&names->u.items[i]);

		if (!name || !*name)
			continue;
		ys_about(a, name);
		if ((d = ys_need_x(a, rel, name, region, NULL, NULL)) &&
		    (p = ys_item(ys_json_get(d, "projects"), 0)))
			w->fn(a, region, p, w->ctx);
		ys_about(a, NULL);
	}
}

/* Calls fn with each project of every region, its name as subject */
static void each_project(struct ys_audit *a, cb_fn fn, void *ctx)
{
	struct cb_walk w = {fn, ctx};

	ys_each_region(a, "codebuild/list-projects", cb_region, &w);
}

/* What the user information of an https URL holds: 0 nothing, 1 a user name alone, 2 a user name
 * and password, 3 a token (told by the secrets engine, or long and mixed like one). host gets
 * the URL without it, for the message. */
static int url_userinfo(struct ys_cfg_scan *sc, const char *url, char *host, size_t n)
{
	const char *p = strstr(url, "://"), *at, *end;
	struct strbuf sink = STRBUF_INIT;
	size_t len, i, digits = 0, alpha = 0;
	int kind;

	snprintf(host, n, "%s", url);
	if (!p)
		return 0;
	p += 3;
	end = p + strcspn(p, "/?#");
	for (at = end; at > p && at[-1] != '@'; at--)
		;
	if (at == p)
		return 0;
	snprintf(host, n, "%.*s%s", (int)(p - url), url, at);
	len = (size_t)(at - 1 - p);
	if (memchr(p, ':', len))
		return (const char *)memchr(p, ':', len) + 1 < at - 1 ? 2 : 1;
	for (i = 0; i < len; i++) {
		digits += p[i] >= '0' && p[i] <= '9';
		alpha += (p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z');
	}
	kind = ys_cfg_scan_text(sc, p, len, "url", &sink) > 0 || (len >= 20 && digits && alpha) ? 3
												: 1;
	strbuf_release(&sink);
	return kind;
}

static void source_judge(struct ys_audit *a, const char *region, const struct ys_jval *p,
			 const struct ys_jval *src, struct ys_cfg_scan *sc, int *bad)
{
	static const char *const words[] = {"", "", "a user name and password", "an access token"};
	const char *loc = ys_str(src, "location");
	char host[512];
	int k;

	if (strncmp(loc, "https://", 8) && strncmp(loc, "http://", 7))
		return;
	k = url_userinfo(sc, loc, host, sizeof(host));
	if (k < 2)
		return;
	ys_fail(a, ys_str(p, "arn"), region,
		"project %s's %s source%s%s URL holds %s (%s, "
		"shown without it): anyone who can read the project can use it",
		ys_str(p, "name"), *ys_str(src, "type") ? ys_str(src, "type") : "repository",
		*ys_str(src, "sourceIdentifier") ? " " : "", ys_str(src, "sourceIdentifier"),
		words[k], host);
	(*bad)++;
}

static void url_one(struct ys_audit *a, const char *region, const struct ys_jval *p, void *ctx)
{
	const struct ys_jval *more = ys_json_get(p, "secondarySources"), *s;
	size_t i;
	int bad = 0;

	source_judge(a, region, p, ys_json_get(p, "source"), ctx, &bad);
	for (i = 0; (s = ys_item(more, i)); i++)
		source_judge(a, region, p, s, ctx, &bad);
	if (!bad)
		ys_pass(a, ys_str(p, "arn"), region, "project %s's source URLs hold no credential",
			ys_str(p, "name"));
}

void ys_check_codebuild_source_url(struct ys_audit *a)
{
	struct ys_cfg_scan *sc = ys_cfg_scan_for(a);

	if (!sc)
		return;
	each_project(a, url_one, sc);
}

static void env_one(struct ys_audit *a, const char *region, const struct ys_jval *p, void *ctx)
{
	const struct ys_jval *vars =
				 ys_json_get(ys_json_get(p, "environment"), "environmentVariables"),
			     *v;
	const char *name = ys_str(p, "name"), *arn = ys_str(p, "arn");
	struct ys_jval plain = {YS_J_ARRAY, 0, {.items = NULL}};
	struct ys_jval *items = calloc(ys_count(vars) + 1, sizeof(*items));
	struct strbuf found = STRBUF_INIT;
	size_t i;
	int hits;

	if (!items)
		return;
	/* PARAMETER_STORE and SECRETS_MANAGER values are references, not the secrets */
	for (i = 0; (v = ys_item(vars, i)); i++)
		if (!*ys_str(v, "type") || !strcmp(ys_str(v, "type"), "PLAINTEXT"))
			items[plain.len++] = *v;
	plain.u.items = items;
	hits = plain.len ? ys_cfg_scan_vars(ctx, &plain, "name", "value", &found) : 0;
	if (!plain.len)
		ys_pass(a, arn, region, "project %s has no plain-text environment variables", name);
	else if (hits < 0)
		ys_emit(a, YS_F_ERROR, arn, region,
			"project %s: the secrets engine could not start", name);
	else if (hits)
		ys_fail(a, arn, region,
			"project %s keeps %s in plain-text environment variables, "
			"readable by whoever can see the project: %s",
			name, hits == 1 ? "a credential" : "credentials", found.buf);
	else
		ys_pass(a, arn, region,
			"project %s's %zu plain-text environment variable%s hold%s no "
			"credential",
			name, plain.len, plain.len == 1 ? "" : "s", plain.len == 1 ? "s" : "");
	strbuf_release(&found);
	free(items);
}

void ys_check_codebuild_env_secrets(struct ys_audit *a)
{
	struct ys_cfg_scan *sc = ys_cfg_scan_for(a);

	if (!sc)
		return;
	each_project(a, env_one, sc);
}

static void s3_logs_one(struct ys_audit *a, const char *region, const struct ys_jval *p, void *ctx)
{
	const struct ys_jval *s3 = ys_json_get(ys_json_get(p, "logsConfig"), "s3Logs");
	const char *name = ys_str(p, "name"), *arn = ys_str(p, "arn");

	(void)ctx;
	if (strcmp(ys_str(s3, "status"), "ENABLED"))
		ys_pass(a, arn, region, "project %s writes no logs to S3", name);
	else if (ys_bool(s3, "encryptionDisabled") == 1)
		ys_fail(a, arn, region, "project %s writes its build logs to S3 (%s) unencrypted",
			name, ys_str(s3, "location"));
	else
		ys_pass(a, arn, region, "project %s encrypts the build logs it writes to S3 (%s)",
			name, ys_str(s3, "location"));
}

void ys_check_codebuild_s3_logs_encrypted(struct ys_audit *a)
{
	each_project(a, s3_logs_one, NULL);
}

static void logging_one(struct ys_audit *a, const char *region, const struct ys_jval *p, void *ctx)
{
	const struct ys_jval *lc = ys_json_get(p, "logsConfig");
	const char *cw = ys_str(ys_json_get(lc, "cloudWatchLogs"), "status");
	const char *s3 = ys_str(ys_json_get(lc, "s3Logs"), "status");
	const char *name = ys_str(p, "name"), *arn = ys_str(p, "arn");

	(void)ctx;
	/* CloudWatch Logs is on unless turned off; S3 off unless turned on */
	if (strcmp(cw, "DISABLED"))
		ys_pass(a, arn, region, "project %s sends its build logs to CloudWatch Logs%s",
			name, !strcmp(s3, "ENABLED") ? " and S3" : "");
	else if (!strcmp(s3, "ENABLED"))
		ys_pass(a, arn, region, "project %s writes its build logs to S3", name);
	else
		ys_fail(a, arn, region,
			"project %s keeps no build logs: what a build ran, and with "
			"which credentials, leaves no trace",
			name);
}

void ys_check_codebuild_logging(struct ys_audit *a)
{
	each_project(a, logging_one, NULL);
}
