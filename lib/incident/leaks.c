/* leaks.c: reading secret findings into leaked AWS access keys, grouped by key id */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "leaks.h"
#include "../base/isotime.h"
#include "../json/jread.h"
#include "../banned.h"

static const char *str(const struct ys_jval *o, const char *k)
{
	return ys_json_str(ys_json_get(o, k));
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void copy(char *dst, size_t n, const char *s)
{
	snprintf(dst, n, "%s", s ? s : "");
}

static struct ys_leak *find_or_add(struct ys_leaks *l, const char *hash)
{
	struct ys_leak *v;
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].hash, hash))
			return &l->v[i];
	if (!(v = realloc(l->v, (l->n + 1) * sizeof(*v))))
		return NULL;
	l->v = v;
	v = &l->v[l->n++];
	memset(v, 0, sizeof(*v));
	copy(v->hash, sizeof(v->hash), hash);
	v->verified = -1;
	v->first_seen = -1;
	return v;
}

/* one finding; 1 taken, 0 not an access key id, -1 out of memory */
static int take(struct ys_leaks *l, const struct ys_jval *f)
{
	const char *rule = str(f, "rule"), *hash = str(f, "secret_sha256"), *paired = str(f, "paired_with");
	const struct ys_jval *ver = ys_json_get(f, "verified"), *line = ys_json_get(f, "line");
	struct ys_leak *k;
	struct ys_leak_place *p;
	int64_t t;

	if (!rule || strcmp(rule, "aws-access-key-id") || !hash || strlen(hash) != 64)
		return 0;
	if (!(k = find_or_add(l, hash)))
		return -1;
	copy(k->redacted, sizeof(k->redacted), str(f, "redacted"));
	if (str(f, "account_id"))
		copy(k->account, sizeof(k->account), str(f, "account_id"));
	if (paired && !strncmp(paired, "aws-secret-access-key:", 22))
		k->with_secret = 1;
	/* "live"/"revoked" (an "unknown" answer says nothing); true/false in older reports */
	if (ver && (ver->type == YS_J_TRUE || ver->type == YS_J_FALSE ||
		    (ver->type == YS_J_STRING && strcmp(ver->u.str, "unknown")))) {
		int live = ver->type == YS_J_TRUE ||
			   (ver->type == YS_J_STRING && !strcmp(ver->u.str, "live"));

		if (live || k->verified < 0)
			k->verified = live;
		if (!k->verified_arn && (str(f, "verified_as") || str(f, "verified_arn")))
			k->verified_arn = strdup(str(f, "verified_as") ? str(f, "verified_as")
								    : str(f, "verified_arn"));
	}
	if (!(p = realloc(k->places, (k->nplaces + 1) * sizeof(*p))))
		return -1;
	k->places = p;
	p = &k->places[k->nplaces++];
	memset(p, 0, sizeof(*p));
	p->file = dup_or_null(str(f, "file"));
	p->commit = dup_or_null(str(f, "commit"));
	p->author = dup_or_null(str(f, "author"));
	p->date = dup_or_null(str(f, "date"));
	p->line = line && line->type == YS_J_NUMBER ? (long)line->u.num : 0;
	if (p->date && (t = ys_time_parse(p->date)) >= 0 && (k->first_seen < 0 || t < k->first_seen))
		k->first_seen = t;
	return 1;
}

int ys_leaks_add(struct ys_leaks *l, const char *hash, const char *redacted, const char *account,
		 int with_secret, const char *file)
{
	struct ys_leak *k = find_or_add(l, hash);
	struct ys_leak_place *p;

	if (!k)
		return YS_ENOMEM;
	copy(k->redacted, sizeof(k->redacted), redacted);
	if (account && *account)
		copy(k->account, sizeof(k->account), account);
	k->with_secret |= with_secret;
	if (!(p = realloc(k->places, (k->nplaces + 1) * sizeof(*p))))
		return YS_ENOMEM;
	k->places = p;
	p = &k->places[k->nplaces++];
	memset(p, 0, sizeof(*p));
	p->config = 1;
	if (!(p->file = strdup(file)))
		return YS_ENOMEM;
	return 0;
}

int ys_leaks_read(struct ys_leaks *l, const char *path, ys_leak_warn_fn warn, void *ctx,
		  struct ys_error *err)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL, msg[640];
	size_t cap = 0, no = 0;
	ssize_t n;
	int rc = 0;

	if (!f)
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", path, strerror(errno));
	while (!rc && (n = getline(&line, &cap, f)) >= 0) {
		struct ys_jdoc *doc;
		struct ys_error e = {0};

		no++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n)
			continue;
		l->lines++;
		if (ys_json_parse(line, (size_t)n, &doc, &e)) {
			snprintf(msg, sizeof(msg), "%s:%zu: not a secret finding: %s", path, no, e.msg);
			warn(ctx, msg);
			l->bad++;
			continue;
		}
		if (ys_jdoc_root(doc)->type != YS_J_OBJECT || !ys_json_get(ys_jdoc_root(doc), "rule")) {
			snprintf(msg, sizeof(msg), "%s:%zu: not a secret finding: no \"rule\"", path, no);
			warn(ctx, msg);
			l->bad++;
		} else if (take(l, ys_jdoc_root(doc)) < 0) {
			rc = ys_error_set(err, YS_ENOMEM, "out of memory");
		}
		ys_jdoc_free(doc);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}

void ys_leaks_release(struct ys_leaks *l)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		for (j = 0; j < l->v[i].nplaces; j++) {
			free(l->v[i].places[j].file);
			free(l->v[i].places[j].commit);
			free(l->v[i].places[j].author);
			free(l->v[i].places[j].date);
		}
		free(l->v[i].places);
		free(l->v[i].verified_arn);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
