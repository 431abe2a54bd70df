/* correlate.c: incidents keyed by correlation and group-by values, each a window of base-rule
 * matches that fires when its condition holds and is reported when it ends */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../base/isotime.h"
#include "../base/grow.h"
#include "../base/hash.h"
#include "../sigma/event-json.h"
#include "correlate.h"
#include "../banned.h"

#define BUCKETS 65536
#define MAX_IDS 10000	   /* event ids kept per incident; the count goes on past them */
#define SWEEP_EVERY 100000 /* matches between sweeps of ended incidents */

struct entry {
	int64_t t;
	char *id;
	uint32_t rule;
	char *value; /* value_count: the field's value */
};

struct incident {
	struct incident *next;
	char *key;
	size_t corr;
	struct entry *e;
	size_t n, cap;
	size_t count; /* events in the incident, stored or not */
	int firing;
	int64_t first_t, last_t;
	char *first_time, *last_time, *principal, *source_ip, *account, *region, *event_name, *file;
};

/* A base-rule match, kept while it waits in the reorder window: what correlations need of it. */
struct match {
	int64_t t;
	uint64_t seq; /* arrival order, for equal times */
	uint32_t rule;
	char *id, *ts, *principal, *source_ip, *account, *region, *event_name, *file;
	char **keys;   /* per correlation of the rule: its group key */
	char **values; /* per correlation: the value_count field's value, or "" */
};

struct ys_correlator {
	const struct ys_ruleset *rs;
	struct incident *b[BUCKETS];
	size_t fed;
	int64_t now;	 /* the latest event time processed */
	int64_t window;	 /* seconds of event time a match waits for earlier ones */
	int64_t seen;	 /* the latest event time fed */
	struct match **heap; /* earliest first */
	size_t nheap, capheap;
	uint64_t seq;
};

int ys_correlator_new(const struct ys_ruleset *rs, int64_t reorder_window,
		      struct ys_correlator **out)
{
	struct ys_correlator *c = calloc(1, sizeof(*c));

	if (!c)
		return YS_ENOMEM;
	c->rs = rs;
	c->window = reorder_window > 0 ? reorder_window : 0;
	c->seen = INT64_MIN;
	*out = c;
	return 0;
}

static char *dupn(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void clear_entries(struct incident *in)
{
	size_t i;

	for (i = 0; i < in->n; i++) {
		free(in->e[i].id);
		free(in->e[i].value);
	}
	in->n = 0;
}

/* What the alert will say of the incident, taken from its first event. */
static void clear_meta(struct incident *in)
{
	char **f[] = {&in->first_time, &in->last_time, &in->principal, &in->source_ip,
		      &in->account, &in->region, &in->event_name, &in->file};
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
}

static void incident_free(struct incident *in)
{
	clear_entries(in);
	clear_meta(in);
	free(in->e);
	free(in->key);
	free(in);
}

struct first_value {
	char buf[512];
	int found;
};

static int take_first(void *ctx, const struct ys_evalue *v)
{
	struct first_value *fv = ctx;

	if (v->type == YS_EV_NULL || v->type == YS_EV_OTHER)
		return 0;
	snprintf(fv->buf, sizeof(fv->buf), "%.*s", (int)v->len, v->s);
	fv->found = 1;
	return 1;
}

static void field_value(const struct ys_event *ev, const char *path, char *out, size_t n)
{
	struct first_value fv;

	fv.found = 0;
	ev->each(ev, path, take_first, &fv);
	snprintf(out, n, "%s", fv.found ? fv.buf : "");
}

/* "corr\x1fvalue\x1fvalue..." */
static char *group_key(size_t corr, const struct ys_sigma_corr *co, const struct ys_event *rec)
{
	size_t i, len = 0, cap = 64;
	char *k = malloc(cap), v[512];

	if (!k)
		return NULL;
	len = (size_t)snprintf(k, cap, "%zu", corr);
	for (i = 0; i < co->ngroup; i++) {
		size_t vl;

		field_value(rec, co->group_by[i], v, sizeof(v));
		vl = strlen(v);
		if (len + vl + 2 > cap) {
			char *nk;

			cap = (len + vl + 2) * 2;
			if (!(nk = realloc(k, cap))) {
				free(k);
				return NULL;
			}
			k = nk;
		}
		k[len++] = '\x1f';
		memcpy(k + len, v, vl + 1);
		len += vl;
	}
	return k;
}

static void remember_first(struct incident *in, const struct match *m)
{
	in->first_time = dupn(m->ts);
	in->principal = dupn(m->principal);
	in->source_ip = dupn(m->source_ip);
	in->account = dupn(m->account);
	in->region = dupn(m->region);
	in->event_name = dupn(m->event_name);
	in->file = dupn(m->file);
}

static void reset(struct incident *in)
{
	clear_entries(in);
	clear_meta(in);
	in->count = 0;
	in->firing = 0;
}

/* The incident's alert, when it fired (or, for lt/lte, when its window ends short). */
static int report(struct ys_correlator *c, struct incident *in, ys_alert_fn fn, void *ctx)
{
	const struct ys_sigma_corr *co = c->rs->corr[in->corr];
	const char **ids;
	struct ys_alert a;
	char name[256];
	size_t i;
	int rc;

	if (in->count == 0)
		return 0;
	if (co->op == YS_CMP_LT || co->op == YS_CMP_LTE) {
		if (!ys_corr_compare(co->op, (long long)in->count, co->threshold))
			return 0;
	} else if (!in->firing) {
		return 0;
	}
	if (!(ids = calloc(in->n + 1, sizeof(*ids))))
		return 0;
	for (i = 0; i < in->n; i++)
		ids[i] = in->e[i].id;
	memset(&a, 0, sizeof(a));
	ys_rule_label(co->name, co->file, name, sizeof(name));
	a.rule = name;
	a.rule_id = co->id;
	a.title = co->title;
	a.severity = ys_sigma_severity(co->level);
	a.time = in->first_time;
	a.last_time = in->last_time ? in->last_time : in->first_time;
	a.count = in->count;
	a.event_ids = ids;
	a.nevent_ids = in->n;
	a.event_name = in->event_name;
	a.principal = in->principal;
	a.source_ip = in->source_ip;
	a.account = in->account;
	a.region = in->region;
	a.attack = (const char *const *)co->attack;
	a.nattack = co->nattack;
	a.source = c->rs->corr_source[in->corr];
	a.file = in->file;
	rc = fn(ctx, &a);
	free(ids);
	return rc;
}

static size_t distinct_values(const struct incident *in)
{
	size_t i, j, d = 0;

	for (i = 0; i < in->n; i++) {
		for (j = 0; j < i; j++)
			if (!strcmp(in->e[i].value, in->e[j].value))
				break;
		d += j == i;
	}
	return d;
}

static size_t distinct_rules(const struct incident *in)
{
	size_t i, j, d = 0;

	for (i = 0; i < in->n; i++) {
		for (j = 0; j < i; j++)
			if (in->e[i].rule == in->e[j].rule)
				break;
		d += j == i;
	}
	return d;
}

/* How far the window goes through the rules in their order, by event time (files may hold
 * records in any order; events in the same second count as in order). */
static size_t ordered_progress(const struct ys_ruleset *rs, const struct incident *in)
{
	const struct ys_sigma_corr *co = rs->corr[in->corr];
	int64_t after = INT64_MIN;
	size_t i, k;

	for (k = 0; k < co->nrules; k++) {
		int64_t best = INT64_MAX;

		for (i = 0; i < in->n; i++)
			if (in->e[i].rule == rs->corr_rules[in->corr][k] && in->e[i].t >= after &&
			    in->e[i].t < best)
				best = in->e[i].t;
		if (best == INT64_MAX)
			break;
		after = best;
	}
	return k;
}

static void evaluate(struct ys_correlator *c, struct incident *in)
{
	const struct ys_sigma_corr *co = c->rs->corr[in->corr];
	long long v;

	if (in->firing || co->op == YS_CMP_LT || co->op == YS_CMP_LTE)
		return;
	switch (co->type) {
	case YS_CORR_EVENT_COUNT:
		v = (long long)in->n;
		break;
	case YS_CORR_VALUE_COUNT:
		v = (long long)distinct_values(in);
		break;
	case YS_CORR_TEMPORAL:
		v = (long long)distinct_rules(in);
		break;
	default:
		v = (long long)ordered_progress(c->rs, in);
		break;
	}
	in->firing = ys_corr_compare(co->op, v, co->threshold);
}

/* Before it fires, an incident is a sliding window: what is older than the timespan goes. */
static void slide(struct incident *in, int64_t t, int64_t span)
{
	size_t i, drop = 0;

	while (drop < in->n && in->e[drop].t < t - span)
		drop++;
	if (!drop)
		return;
	for (i = 0; i < drop; i++) {
		free(in->e[i].id);
		free(in->e[i].value);
	}
	memmove(in->e, in->e + drop, (in->n - drop) * sizeof(*in->e));
	in->n -= drop;
	in->count -= drop;
	/* the incident now starts at its earliest event left */
	if (in->n) {
		char ts[32];
		time_t t0 = (time_t)in->e[0].t;
		struct tm tm;

		for (i = 1; i < in->n; i++)
			if (in->e[i].t < t0)
				t0 = (time_t)in->e[i].t;
		in->first_t = (int64_t)t0;
		if (gmtime_r(&t0, &tm) && strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
			free(in->first_time);
			in->first_time = strdup(ts);
		}
	}
}

static int by_time(const void *a, const void *b)
{
	const struct incident *x = *(struct incident *const *)a, *y = *(struct incident *const *)b;

	if (x->first_t != y->first_t)
		return x->first_t < y->first_t ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* Reports and drops the incidents that ended (all of them at the end of the input), oldest
 * first, so that output does not depend on hashing. */
static int sweep(struct ys_correlator *c, ys_alert_fn fn, void *ctx, int all)
{
	struct incident **done = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	for (i = 0; i < BUCKETS; i++) {
		struct incident **pp = &c->b[i];

		while (*pp) {
			struct incident *in = *pp;

			const struct ys_sigma_corr *co = c->rs->corr[in->corr];

			if ((all || c->now - in->last_t > co->timespan ||
			     (co->group && c->now - in->first_t >= co->timespan)) &&
			    !ys_grow(&done, &cap, n, sizeof(*done), 64)) {
				done[n++] = in;
				*pp = in->next;
			} else {
				pp = &in->next;
			}
		}
	}
	if (n)
		qsort(done, n, sizeof(*done), by_time);
	for (i = 0; i < n; i++) {
		if (!rc)
			rc = report(c, done[i], fn, ctx);
		incident_free(done[i]);
	}
	free(done);
	return rc;
}

static void match_free(const struct ys_ruleset *rs, struct match *m)
{
	size_t k, n = rs->nrule_corrs[m->rule];

	for (k = 0; k < n; k++) {
		if (m->keys)
			free(m->keys[k]);
		if (m->values)
			free(m->values[k]);
	}
	free(m->keys);
	free(m->values);
	free(m->id);
	free(m->ts);
	free(m->principal);
	free(m->source_ip);
	free(m->account);
	free(m->region);
	free(m->event_name);
	free(m->file);
	free(m);
}

/* One match through the incidents of every correlation that uses its rule. */
static int process(struct ys_correlator *c, const struct match *m, ys_alert_fn fn, void *ctx)
{
	size_t k;
	int rc = 0;

	if (m->t > c->now)
		c->now = m->t;
	for (k = 0; k < c->rs->nrule_corrs[m->rule] && !rc; k++) {
		size_t ci = c->rs->rule_corrs[m->rule][k];
		const struct ys_sigma_corr *co = c->rs->corr[ci];
		struct incident *in;
		uint64_t h = ys_hash_str(YS_HASH_SEED, m->keys[k]) % BUCKETS;

		for (in = c->b[h]; in && strcmp(in->key, m->keys[k]); in = in->next)
			;
		if (!in) {
			if (!(in = calloc(1, sizeof(*in))) || !(in->key = strdup(m->keys[k]))) {
				free(in);
				return YS_ENOMEM;
			}
			in->corr = ci;
			in->next = c->b[h];
			c->b[h] = in;
		} else if (in->count && (m->t - in->last_t > co->timespan ||
					 (co->group && m->t - in->first_t >= co->timespan))) {
			/* a gap longer than the timespan ends the incident; a group's window is fixed */
			rc = report(c, in, fn, ctx);
			reset(in);
		}
		if (!in->firing && in->count)
			slide(in, m->t, co->timespan);
		if (in->count == 0) {
			reset(in);
			remember_first(in, m);
			in->first_t = m->t;
		}
		in->count++;
		if (m->t >= in->last_t) {
			in->last_t = m->t;
			free(in->last_time);
			in->last_time = dupn(m->ts);
		}
		if (in->n < MAX_IDS && !ys_grow(&in->e, &in->cap, in->n, sizeof(*in->e), 8)) {
			in->e[in->n].t = m->t;
			in->e[in->n].id = dupn(m->id ? m->id : "");
			in->e[in->n].rule = m->rule;
			in->e[in->n].value = dupn(m->values[k]);
			in->n++;
		}
		evaluate(c, in);
	}
	if (!rc && ++c->fed % SWEEP_EVERY == 0)
		rc = sweep(c, fn, ctx, 0);
	return rc;
}

static int earlier(const struct match *a, const struct match *b)
{
	return a->t != b->t ? a->t < b->t : a->seq < b->seq;
}

static int heap_push(struct ys_correlator *c, struct match *m)
{
	size_t i;

	if (ys_grow(&c->heap, &c->capheap, c->nheap, sizeof(*c->heap), 64))
		return YS_ENOMEM;
	for (i = c->nheap++; i > 0 && earlier(m, c->heap[(i - 1) / 2]); i = (i - 1) / 2)
		c->heap[i] = c->heap[(i - 1) / 2];
	c->heap[i] = m;
	return 0;
}

static struct match *heap_pop(struct ys_correlator *c)
{
	struct match *top = c->heap[0], *last = c->heap[--c->nheap];
	size_t i = 0;

	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		const struct match *best = last;

		if (l < c->nheap && earlier(c->heap[l], best))
			best = c->heap[l], m = l;
		if (r < c->nheap && earlier(c->heap[r], best))
			m = r;
		if (m == i)
			break;
		c->heap[i] = c->heap[m];
		i = m;
	}
	if (c->nheap)
		c->heap[i] = last;
	return top;
}

/* Matches older than the reorder window (all of them at the end) go through, earliest first. */
static int drain(struct ys_correlator *c, int all, ys_alert_fn fn, void *ctx)
{
	int rc = 0;

	while (c->nheap && !rc && (all || c->heap[0]->t <= c->seen - c->window)) {
		struct match *m = heap_pop(c);

		rc = process(c, m, fn, ctx);
		match_free(c->rs, m);
	}
	return rc;
}

int ys_correlator_feed(struct ys_correlator *c, size_t rule, const struct ys_event *rec,
		       const struct ys_alert_subject *subject, const char *file, ys_alert_fn fn,
		       void *ctx, struct ys_error *err)
{
	struct ys_alert_subject who = *subject;
	int64_t t;
	size_t k, n = c->rs->nrule_corrs[rule];
	struct match *m;
	int rc;

	t = ys_time_parse(who.time);

	if (t < 0)
		return ys_error_set(err, YS_EPARSE, "a record matched by '%s' has no eventTime to "
						    "correlate by",
				    c->rs->r[rule]->title);
	if (!(m = calloc(1, sizeof(*m))) || !(m->keys = calloc(n, sizeof(*m->keys))) ||
	    !(m->values = calloc(n, sizeof(*m->values)))) {
		if (m)
			free(m->keys);
		free(m);
		return YS_ENOMEM;
	}
	m->t = t;
	m->seq = c->seq++;
	m->rule = (uint32_t)rule;
	m->id = dupn(who.id);
	m->ts = dupn(who.time);
	m->principal = dupn(who.principal);
	m->source_ip = dupn(who.source_ip);
	m->account = dupn(who.account);
	m->region = dupn(who.region);
	m->event_name = dupn(who.event_name);
	m->file = dupn(file);
	for (k = 0; k < n; k++) {
		size_t ci = c->rs->rule_corrs[rule][k];
		const struct ys_sigma_corr *co = c->rs->corr[ci];
		char v[512] = "";

		if (co->type == YS_CORR_VALUE_COUNT)
			field_value(rec, co->field, v, sizeof(v));
		m->keys[k] = group_key(ci, co, rec);
		m->values[k] = strdup(v);
		if (!m->keys[k] || !m->values[k]) {
			match_free(c->rs, m);
			return YS_ENOMEM;
		}
	}
	if (t > c->seen)
		c->seen = t;
	if ((rc = heap_push(c, m))) {
		match_free(c->rs, m);
		return rc;
	}
	rc = drain(c, 0, fn, ctx);
	return rc == YS_ENOMEM ? rc : rc ? YS_ESTOP : 0;
}

int ys_correlator_tick(struct ys_correlator *c, int64_t now, ys_alert_fn fn, void *ctx)
{
	int rc = 0;

	while (c->nheap && !rc && c->heap[0]->t <= now - c->window) {
		struct match *m = heap_pop(c);

		rc = process(c, m, fn, ctx);
		match_free(c->rs, m);
	}
	if (now > c->now)
		c->now = now;
	if (!rc)
		rc = sweep(c, fn, ctx, 0);
	return rc ? YS_ESTOP : 0;
}

int64_t ys_correlator_horizon(const struct ys_correlator *c)
{
	int64_t h = c->nheap ? c->heap[0]->t : INT64_MAX;
	size_t i, k;

	for (i = 0; i < BUCKETS; i++) {
		const struct incident *in;

		for (in = c->b[i]; in; in = in->next) {
			if (in->count && in->first_t < h)
				h = in->first_t;
			for (k = 0; k < in->n; k++)
				if (in->e[k].t < h)
					h = in->e[k].t;
		}
	}
	return h;
}

int ys_correlator_flush(struct ys_correlator *c, ys_alert_fn fn, void *ctx)
{
	int rc = drain(c, 1, fn, ctx);

	if (!rc)
		rc = sweep(c, fn, ctx, 1);
	return rc ? YS_ESTOP : 0;
}

void ys_correlator_free(struct ys_correlator *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < BUCKETS; i++) {
		while (c->b[i]) {
			struct incident *in = c->b[i];

			c->b[i] = in->next;
			incident_free(in);
		}
	}
	for (i = 0; i < c->nheap; i++)
		match_free(c->rs, c->heap[i]);
	free(c->heap);
	free(c);
}
