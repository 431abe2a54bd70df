/* baseline.c: reading earlier reports (yourside's or gitleaks') and dropping what they hold */
#include <stdlib.h>
#include <string.h>
#include "../base/file.h"
#include "../base/grow.h"
#include "../base/hash.h"
#include "../json/jread.h"
#include "baseline.h"
#include "../banned.h"

#define MAX_BASELINE (512u << 20)

static char *dup_str(const struct ys_jval *v)
{
	const char *s = ys_json_str(v);

	return s && *s ? strdup(s) : NULL;
}

static int add_entry(struct ys_baseline *b, const struct ys_jval *o)
{
	struct ys_baseline_entry e;
	const struct ys_jval *v;
	const char *secret;

	if (o->type != YS_J_OBJECT)
		return YS_EPARSE;
	memset(&e, 0, sizeof(e));
	if ((v = ys_json_get(o, "fingerprint"))) {
		e.fingerprint = dup_str(v);
		e.sha256 = dup_str(ys_json_get(o, "secret_sha256"));
		e.file = dup_str(ys_json_get(o, "file"));
	} else if ((v = ys_json_get(o, "RuleID"))) {
		/* gitleaks: by the secret when it is in clear, else by place */
		e.file = dup_str(ys_json_get(o, "File"));
		e.commit = dup_str(ys_json_get(o, "Commit"));
		v = ys_json_get(o, "StartLine");
		e.line = v && v->type == YS_J_NUMBER && v->u.num > 0 ? (size_t)v->u.num : 0;
		secret = ys_json_str(ys_json_get(o, "Secret"));
		if (secret && *secret && !strchr(secret, '*') && strcmp(secret, "REDACTED")) {
			char hex[YS_SHA256_HEX];

			ys_sha256_hex(secret, strlen(secret), hex);
			e.sha256 = strdup(hex);
		}
	} else {
		return YS_EPARSE;
	}
	if (ys_grow(&b->e, &b->cap, b->n, sizeof(*b->e), 32)) {
		free(e.fingerprint);
		free(e.sha256);
		free(e.file);
		free(e.commit);
		return YS_ENOMEM;
	}
	b->e[b->n++] = e;
	return 0;
}

static int load_value(struct ys_baseline *b, const struct ys_jval *v, const char *path,
		      size_t line, struct ys_error *err)
{
	size_t i;

	if (v->type == YS_J_OBJECT) {
		if (add_entry(b, v))
			return ys_error_set(err, YS_EPARSE,
					    "baseline '%s' line %zu: not a yourside or gitleaks finding",
					    path, line);
		return 0;
	}
	if (v->type != YS_J_ARRAY)
		return ys_error_set(err, YS_EPARSE, "baseline '%s': expected an array of findings",
				    path);
	for (i = 0; i < v->len; i++)
		if (add_entry(b, &v->u.items[i]))
			return ys_error_set(err, YS_EPARSE,
					    "baseline '%s': item %zu is not a yourside or gitleaks finding",
					    path, i + 1);
	return 0;
}

int ys_baseline_load(struct ys_baseline *b, const char *path, struct ys_error *err)
{
	char *buf = NULL, *p, *end;
	size_t len, line = 0;
	struct ys_jdoc *doc = NULL;
	struct ys_error jerr = {0};
	int rc = ys_read_file(path, MAX_BASELINE, &buf, &len, err);

	if (rc)
		return rc;
	p = buf;
	end = buf + len;
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	if (p < end && *p == '[') {
		rc = ys_json_parse(buf, len, &doc, &jerr);
		if (rc)
			rc = ys_error_set(err, rc, "baseline '%s': %s", path, jerr.msg);
		else
			rc = load_value(b, ys_jdoc_root(doc), path, 1, err);
		ys_jdoc_free(doc);
		free(buf);
		return rc;
	}
	/* JSON Lines */
	for (p = buf; p < end && !rc; line++) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t k = 0;

		while (k < n && (p[k] == ' ' || p[k] == '\r' || p[k] == '\t'))
			k++;
		if (k < n) {
			rc = ys_json_parse(p, n, &doc, &jerr);
			if (rc)
				rc = ys_error_set(err, rc, "baseline '%s' line %zu: %s", path, line + 1,
						  jerr.msg);
			else
				rc = load_value(b, ys_jdoc_root(doc), path, line + 1, err);
			ys_jdoc_free(doc);
			doc = NULL;
		}
		p += n + 1;
	}
	free(buf);
	return rc;
}

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static int held(const void *ctx, const struct ys_secret_finding *f)
{
	const struct ys_baseline *b = ctx;
	size_t i;

	for (i = 0; i < b->n; i++) {
		const struct ys_baseline_entry *e = &b->e[i];

		if (same(e->fingerprint, f->fingerprint))
			return 1;
		if (e->sha256 && !strcmp(e->sha256, f->sha256) && (!e->file || same(e->file, f->file)))
			return 1;
		if (!e->fingerprint && !e->sha256 && e->line == f->line && same(e->file, f->file) &&
		    (!e->commit || same(e->commit, f->commit)))
			return 1;
	}
	return 0;
}

size_t ys_baseline_apply(const struct ys_baseline *b, struct ys_secret_results *r)
{
	return ys_secret_results_filter(r, held, b);
}

void ys_baseline_release(struct ys_baseline *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->e[i].fingerprint);
		free(b->e[i].sha256);
		free(b->e[i].file);
		free(b->e[i].commit);
	}
	free(b->e);
	memset(b, 0, sizeof(*b));
}
