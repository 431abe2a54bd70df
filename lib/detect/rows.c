/* rows.c: the behaviour baselines' rows: a hash table, each subject's values bounded, changes
 * (and deletions) kept for the state when asked */
#include <stdlib.h>
#include <string.h>
#include "../base/err.h"
#include "../base/grow.h"
#include "../base/hash.h"
#include "rows.h"
#include "../banned.h"

#define FIRST_BUCKETS 4096 /* doubled whenever there are more rows than buckets */

int ys_rows_init(struct rows *t)
{
	memset(t, 0, sizeof(*t));
	if (!(t->b = calloc(FIRST_BUCKETS, sizeof(*t->b))))
		return YS_ENOMEM;
	t->nb = FIRST_BUCKETS;
	return 0;
}

static void free_row(struct row *r)
{
	free(r->kind);
	free(r);
}

void ys_rows_release(struct rows *t)
{
	size_t i;

	/* dead rows are in no bucket, only here: freed before the live ones, which this list
	 * holds too */
	for (i = 0; i < t->nchanged; i++)
		if (t->changed[i]->dead)
			free_row(t->changed[i]);
	for (i = 0; i < t->nb; i++) {
		while (t->b[i]) {
			struct row *r = t->b[i];

			t->b[i] = r->next;
			free_row(r);
		}
	}
	free(t->changed);
	free(t->b);
	memset(t, 0, sizeof(*t));
}

/* Twice the buckets, the rows spread over them again (nothing changes when memory runs out). */
static void grow(struct rows *t)
{
	size_t nb = t->nb * 2, i;
	struct row **b = calloc(nb, sizeof(*b)), *r, *next;

	if (!b)
		return;
	for (i = 0; i < t->nb; i++) {
		for (r = t->b[i]; r; r = next) {
			next = r->next;
			r->next = b[r->hash % nb];
			b[r->hash % nb] = r;
		}
	}
	free(t->b);
	t->b = b;
	t->nb = nb;
}

uint64_t ys_rows_subject_hash(const char *k, const char *s)
{
	return ys_hash_str(ys_hash_str(YS_HASH_SEED, k), s);
}

static uint64_t hash_of(const char *k, const char *s, const char *v)
{
	return ys_hash_str(ys_rows_subject_hash(k, s), v);
}

static struct row *lookup(struct rows *t, uint64_t h, const char *k, const char *s, const char *v)
{
	struct row *r;

	for (r = t->b[h % t->nb]; r; r = r->next)
		if (r->hash == h && !strcmp(r->kind, k) && !strcmp(r->subject, s) && !strcmp(r->value, v))
			return r;
	return NULL;
}

static struct row *make(struct rows *t, uint64_t h, const char *k, const char *s, const char *v)
{
	size_t kl = strlen(k), sl = strlen(s), vl = strlen(v);
	struct row *r = calloc(1, sizeof(*r));

	if (!r || !(r->kind = malloc(kl + sl + vl + 3))) {
		free(r);
		return NULL;
	}
	memcpy(r->kind, k, kl + 1);
	r->subject = r->kind + kl + 1;
	memcpy(r->subject, s, sl + 1);
	r->value = r->subject + sl + 1;
	memcpy(r->value, v, vl + 1);
	r->hash = h;
	r->next = t->b[h % t->nb];
	t->b[h % t->nb] = r;
	if (++t->nrows > t->nb)
		grow(t);
	return r;
}

struct row *ys_rows_find_h(struct rows *t, uint64_t hks, const char *k, const char *s, const char *v,
			   int create)
{
	uint64_t h = ys_hash_str(hks, v);
	struct row *r = lookup(t, h, k, s, v), *total;

	if (r || !create)
		return r;
	if (!*v)
		return make(t, h, k, s, v);
	if (!(total = ys_rows_find_h(t, hks, k, s, "", 1)) || !(r = make(t, h, k, s, v)))
		return NULL;
	r->sib = total->sib;
	total->sib = r;
	total->nvalues++;
	return r;
}

struct row *ys_rows_find(struct rows *t, const char *k, const char *s, const char *v, int create)
{
	return ys_rows_find_h(t, ys_rows_subject_hash(k, s), k, s, v, create);
}

static int mark(struct rows *t, struct row *r)
{
	if (r->changed || !t->track)
		return 0;
	if (ys_grow(&t->changed, &t->capchanged, t->nchanged, sizeof(*t->changed), 256))
		return -1;
	t->changed[t->nchanged++] = r;
	r->changed = 1;
	return 0;
}

struct row *ys_rows_count(struct rows *t, struct row *r, int64_t ev)
{
	if (!r)
		return NULL;
	if (r->n == 0 || ev < r->first)
		r->first = ev;
	if (r->n == 0 || ev > r->last)
		r->last = ev;
	r->n++;
	return mark(t, r) ? NULL : r;
}

/* Out of its bucket; freed now, or by ys_rows_each_changed when the state must hear of it. */
static void drop(struct rows *t, struct row *r)
{
	struct row **p = &t->b[r->hash % t->nb];

	while (*p && *p != r)
		p = &(*p)->next;
	if (*p)
		*p = r->next;
	t->nrows--;
	r->dead = 1;
	r->n = 0;
	/* without the state, or out of memory (the state keeps a row it will load again) */
	if (!r->changed && (!t->track || mark(t, r)))
		free_row(r);
}

void ys_rows_kill(struct rows *t, struct row *r)
{
	struct row *total, **p, *s, *next;

	if (!*r->value) {
		for (s = r->sib; s; s = next) {
			next = s->sib;
			drop(t, s);
		}
		r->sib = NULL;
		drop(t, r);
		return;
	}
	if ((total = lookup(t, hash_of(r->kind, r->subject, ""), r->kind, r->subject, ""))) {
		for (p = &total->sib; *p && *p != r; p = &(*p)->sib)
			;
		if (*p) {
			*p = r->sib;
			total->nvalues--;
		}
	}
	drop(t, r);
}

void ys_rows_bound(struct rows *t, struct row *total, size_t keep, int64_t idle)
{
	struct row *r, *next, *least;

	for (r = total->sib; r; r = next) {
		next = r->sib;
		if (r->last < idle)
			ys_rows_kill(t, r);
	}
	while (total->nvalues > keep) {
		least = total->sib;
		for (r = total->sib; r; r = r->sib)
			if (r->n < least->n || (r->n == least->n && r->last < least->last))
				least = r;
		ys_rows_kill(t, least);
	}
}

int ys_rows_each_changed(struct rows *t, ys_baseline_fn fn, void *ctx)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < t->nchanged; i++) {
		struct row *r = t->changed[i];
		struct ys_baseline_row out = {r->kind, r->subject, r->value, r->first, r->last, r->n};

		if (!rc)
			rc = fn(ctx, &out);
		if (r->dead)
			free_row(r);
		else
			r->changed = 0;
	}
	t->nchanged = 0;
	return rc;
}

struct row *ys_rows_load(struct rows *t, const struct ys_baseline_row *in)
{
	struct row *r = ys_rows_find(t, in->kind, in->subject, in->value, 1);

	if (!r)
		return NULL;
	r->first = in->first;
	r->last = in->last;
	r->n = in->n;
	return r;
}

void ys_rows_each(struct rows *t, const char *kind, void (*fn)(void *ctx, struct row *r), void *ctx)
{
	struct row **all = NULL, *r;
	size_t i, n = 0, cap = 0;

	/* taken first: fn may drop rows that the walk would reach next */
	for (i = 0; i < t->nb; i++)
		for (r = t->b[i]; r; r = r->next)
			if (!*r->value && !strcmp(r->kind, kind)) {
				if (ys_grow(&all, &cap, n, sizeof(*all), 64))
					goto out;
				all[n++] = r;
			}
	for (i = 0; i < n; i++)
		fn(ctx, all[i]);
out:
	free(all);
}
