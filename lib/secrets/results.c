/* results.c: collecting, ordering, de-duplicating and pairing secret findings */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include "../base/grow.h"
#include "../base/hash.h"
#include "results.h"
#include "../banned.h"

void ys_secret_results_init(struct ys_secret_results *r)
{
	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->mu, NULL);
}

static void finding_release(struct ys_secret_finding *f)
{
	free(f->file);
	free(f->commit);
	free(f->author);
	free(f->email);
	if (f->secret)
		memset(f->secret, 0, f->secret_len);
	free(f->secret);
	free(f->verified_as);
	free(f->verified_detail);
}

void ys_secret_results_release(struct ys_secret_results *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		finding_release(&r->f[i]);
	free(r->f);
	for (i = 0; i < r->nskips; i++) {
		free(r->skips[i].path);
		free(r->skips[i].reason);
	}
	free(r->skips);
	pthread_mutex_destroy(&r->mu);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

const char *ys_secret_verdict_name(int verdict)
{
	switch (verdict) {
	case YS_VERIFY_LIVE:
		return "live";
	case YS_VERIFY_REVOKED:
		return "revoked";
	case YS_VERIFY_UNKNOWN:
		return "unknown";
	}
	return "not asked";
}

void ys_secret_redact(const char *s, size_t len, char *out, size_t outlen)
{
	size_t keep = len >= 16 ? 4 : 0;

	/* a private key shows its header line, which says what it is and nothing more */
	if (len > 10 && !memcmp(s, "-----BEGIN", 10)) {
		const char *nl = memchr(s, '\n', len);

		keep = nl ? (size_t)(nl - s) : 0;
	}
	if (keep + 6 > outlen)
		keep = outlen > 6 ? outlen - 6 : 0;
	memcpy(out, s, keep);
	memcpy(out + keep, "*****", 6);
}

/* Where the secret ends: a private key spans lines; a decoded secret stands at its encoding. */
static void end_of(struct ys_secret_finding *f, const struct ys_secret_hit *h)
{
	const char *last = h->decoded ? NULL : memrchr(h->secret, '\n', h->secret_len);
	size_t i, nl = 0;

	f->end_line = f->line;
	f->end_column = h->decoded ? f->column : f->column + h->secret_len - 1;
	if (!last)
		return;
	for (i = 0; i < h->secret_len; i++)
		nl += h->secret[i] == '\n';
	f->end_line = f->line + nl;
	f->end_column = (size_t)(h->secret + h->secret_len - last) - 1;
}

int ys_secret_results_add(struct ys_secret_results *r, const struct ys_secret_hit *h,
			  const char *file, const char *commit, const char *author,
			  const char *email, int64_t date, uint64_t order)
{
	struct ys_secret_finding f;
	int rc = 0;

	memset(&f, 0, sizeof(f));
	f.rule = h->rule;
	f.file = strdup(file);
	f.line = h->line;
	f.column = h->column;
	f.commit = dup_or_null(commit);
	f.author = dup_or_null(author);
	f.email = dup_or_null(email);
	f.date = date;
	f.secret = malloc(h->secret_len + 1);
	f.secret_len = h->secret_len;
	f.decoded = h->decoded;
	f.verified = YS_VERIFY_NOT_ASKED;
	f.order = order;
	memcpy(f.account_id, h->account_id, sizeof(f.account_id));
	if (!f.file || !f.secret || (commit && !f.commit)) {
		finding_release(&f);
		return YS_ENOMEM;
	}
	memcpy(f.secret, h->secret, h->secret_len);
	f.secret[h->secret_len] = '\0';
	end_of(&f, h);
	ys_sha256_hex(h->secret, h->secret_len, f.sha256);
	pthread_mutex_lock(&r->mu);
	rc = ys_grow(&r->f, &r->cap, r->n, sizeof(*r->f), 32);
	if (!rc)
		r->f[r->n++] = f;
	pthread_mutex_unlock(&r->mu);
	if (rc)
		finding_release(&f);
	return rc;
}

void ys_secret_results_skip(struct ys_secret_results *r, const char *path, const char *reason)
{
	pthread_mutex_lock(&r->mu);
	if (!ys_grow(&r->skips, &r->capskips, r->nskips, sizeof(*r->skips), 16)) {
		r->skips[r->nskips].path = strdup(path);
		r->skips[r->nskips].reason = strdup(reason);
		r->nskips++;
	}
	pthread_mutex_unlock(&r->mu);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* Same place first by path and secret, oldest commit first, then by position. */
static int cmp_dedupe(const void *pa, const void *pb)
{
	const struct ys_secret_finding *a = pa, *b = pb;
	int c;

	if ((c = strcmp(a->file, b->file)))
		return c;
	if ((c = strcmp(a->rule->id, b->rule->id)))
		return c;
	if ((c = strcmp(a->sha256, b->sha256)))
		return c;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	return a->column < b->column ? -1 : a->column > b->column;
}

static int cmp_report(const void *pa, const void *pb)
{
	const struct ys_secret_finding *a = pa, *b = pb;
	int c;

	if ((c = strcmp(a->file, b->file)))
		return c;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	if ((c = cmp_str(a->commit, b->commit)))
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return strcmp(a->rule->id, b->rule->id);
}

static void make_fingerprint(struct ys_secret_finding *f)
{
	char *p = f->fingerprint;
	size_t room = sizeof(f->fingerprint);
	size_t i;

	/* rule:path:first 16 hex digits of the secret's hash: stable when lines move */
	for (i = 0; i + 1 < room && f->rule->id[i]; i++)
		*p++ = f->rule->id[i];
	*p = '\0';
	room -= i;
	if (room > 20) {
		size_t fl = strlen(f->file);

		if (fl > room - 20)
			fl = room - 20;
		*p++ = ':';
		memcpy(p, f->file, fl);
		p += fl;
		*p++ = ':';
		memcpy(p, f->sha256, 16);
		p[16] = '\0';
	}
}

static int is_key_id(const struct ys_secret_finding *f)
{
	return !strcmp(f->rule->id, "aws-access-key-id");
}

static int is_aws_secret(const struct ys_secret_finding *f)
{
	return !strcmp(f->rule->id, "aws-secret-access-key");
}

static void pair_aws(struct ys_secret_results *r)
{
	size_t i, j;

	for (i = 0; i < r->n; i++) {
		size_t best = 0, bestd = (size_t)-1;

		if (!is_key_id(&r->f[i]))
			continue;
		for (j = 0; j < r->n; j++) {
			const struct ys_secret_finding *s = &r->f[j];
			size_t d;

			if (!is_aws_secret(s) || s->pair || strcmp(s->file, r->f[i].file) ||
			    cmp_str(s->commit, r->f[i].commit))
				continue;
			d = s->line > r->f[i].line ? s->line - r->f[i].line : r->f[i].line - s->line;
			if (d <= 10 && d < bestd) {
				best = j + 1;
				bestd = d;
			}
		}
		if (best) {
			r->f[i].pair = best;
			r->f[best - 1].pair = i + 1;
		}
	}
}

void ys_secret_results_finish(struct ys_secret_results *r)
{
	size_t i, out = 0;

	if (r->n == 0)
		return;
	qsort(r->f, r->n, sizeof(*r->f), cmp_dedupe);
	for (i = 0; i < r->n; i++) {
		if (out > 0 && !strcmp(r->f[out - 1].file, r->f[i].file) &&
		    !strcmp(r->f[out - 1].rule->id, r->f[i].rule->id) &&
		    !strcmp(r->f[out - 1].sha256, r->f[i].sha256) &&
		    (r->f[i].commit || r->f[out - 1].line == r->f[i].line)) {
			finding_release(&r->f[i]);
			continue;
		}
		r->f[out++] = r->f[i];
	}
	r->n = out;
	qsort(r->f, r->n, sizeof(*r->f), cmp_report);
	for (i = 0; i < r->n; i++) {
		make_fingerprint(&r->f[i]);
		r->f[i].pair = 0;
	}
	pair_aws(r);
}

size_t ys_secret_results_filter(struct ys_secret_results *r,
				int (*drop)(const void *ctx, const struct ys_secret_finding *f),
				const void *ctx)
{
	size_t i = 0, dropped = 0;

	while (i < r->n) {
		if (drop(ctx, &r->f[i])) {
			ys_secret_results_drop(r, i);
			dropped++;
		} else {
			i++;
		}
	}
	return dropped;
}

void ys_secret_results_drop(struct ys_secret_results *r, size_t i)
{
	size_t j;

	finding_release(&r->f[i]);
	memmove(&r->f[i], &r->f[i + 1], (r->n - i - 1) * sizeof(*r->f));
	r->n--;
	for (j = 0; j < r->n; j++) {
		if (r->f[j].pair == i + 1)
			r->f[j].pair = 0;
		else if (r->f[j].pair > i + 1)
			r->f[j].pair--;
	}
}
