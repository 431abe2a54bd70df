/* correlate.c: incidents keyed by correlation and group-by values, each a window of base-rule
 * matches that fires when its condition holds and is reported when it ends */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../base/grow.h"
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

struct ys_correlator {
	const struct ys_ruleset *rs;
	struct incident *b[BUCKETS];
	size_t fed;
	int64_t now; /* the latest event time seen */
};

int64_t ys_parse_event_time(const char *s)
{
	struct tm tm;
	const char *rest;

	if (!s)
		return -1;
	memset(&tm, 0, sizeof(tm));
	if (!(rest = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)))
		return -1;
	return (int64_t)timegm(&tm);
}

int ys_correlator_new(const struct ys_ruleset *rs, struct ys_correlator **out)
{
	struct ys_correlator *c = calloc(1, sizeof(*c));

	if (!c)
		return YS_ENOMEM;
	c->rs = rs;
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

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
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

static void field_value(const struct ys_jval *rec, const char *path, char *out, size_t n)
{
	struct ys_event ev;
	struct first_value fv;

	fv.found = 0;
	ys_event_from_json(&ev, rec);
	ev.each(&ev, path, take_first, &fv);
	snprintf(out, n, "%s", fv.found ? fv.buf : "");
}

/* "corr\x1fvalue\x1fvalue..." */
static char *group_key(size_t corr, const struct ys_sigma_corr *co, const struct ys_jval *rec)
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

static const char *str(const struct ys_jval *rec, const char *a, const char *b)
{
	const struct ys_jval *v = ys_json_get(rec, a);

	return ys_json_str(b ? ys_json_get(v, b) : v);
}

static void remember_first(struct incident *in, const struct ys_jval *rec, const char *file)
{
	const char *p = str(rec, "userIdentity", "arn");

	in->first_time = dupn(str(rec, "eventTime", NULL));
	in->principal = dupn(p ? p : str(rec, "userIdentity", "principalId"));
	in->source_ip = dupn(str(rec, "sourceIPAddress", NULL));
	p = str(rec, "recipientAccountId", NULL);
	in->account = dupn(p ? p : str(rec, "userIdentity", "accountId"));
	in->region = dupn(str(rec, "awsRegion", NULL));
	in->event_name = dupn(str(rec, "eventName", NULL));
	in->file = dupn(file);
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
	const char *base;
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
	base = strrchr(co->file, '/');
	base = base ? base + 1 : co->file;
	snprintf(name, sizeof(name), "%s", co->name ? co->name : base);
	if (!co->name)
		name[strcspn(name, ".")] = '\0';
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

			if ((all || c->now - in->last_t > c->rs->corr[in->corr]->timespan) &&
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

int ys_correlator_feed(struct ys_correlator *c, size_t rule, const struct ys_jval *rec,
		       const char *file, ys_alert_fn fn, void *ctx, struct ys_error *err)
{
	const char *ts = str(rec, "eventTime", NULL), *id = str(rec, "eventID", NULL);
	int64_t t = ys_parse_event_time(ts);
	size_t k;
	int rc = 0;

	if (t < 0)
		return ys_error_set(err, YS_EPARSE, "a record matched by '%s' has no eventTime to "
						    "correlate by",
				    c->rs->r[rule]->title);
	if (t > c->now)
		c->now = t;
	for (k = 0; k < c->rs->nrule_corrs[rule] && !rc; k++) {
		size_t ci = c->rs->rule_corrs[rule][k];
		const struct ys_sigma_corr *co = c->rs->corr[ci];
		char *key = group_key(ci, co, rec);
		struct incident *in;
		uint64_t h;

		if (!key)
			return YS_ENOMEM;
		h = hash(key) % BUCKETS;
		for (in = c->b[h]; in && strcmp(in->key, key); in = in->next)
			;
		if (!in) {
			if (!(in = calloc(1, sizeof(*in)))) {
				free(key);
				return YS_ENOMEM;
			}
			in->key = key;
			in->corr = ci;
			in->next = c->b[h];
			c->b[h] = in;
		} else {
			free(key);
			/* a gap longer than the timespan ends the incident */
			if (in->count && t - in->last_t > co->timespan) {
				rc = report(c, in, fn, ctx);
				reset(in);
			}
		}
		if (!in->firing && in->count)
			slide(in, t, co->timespan);
		if (in->count == 0) {
			reset(in);
			remember_first(in, rec, file);
			in->first_t = t;
		}
		in->count++;
		in->last_t = t > in->last_t ? t : in->last_t;
		free(in->last_time);
		in->last_time = dupn(ts);
		if (in->n < MAX_IDS && !ys_grow(&in->e, &in->cap, in->n, sizeof(*in->e), 8)) {
			char v[512] = "";

			if (co->type == YS_CORR_VALUE_COUNT)
				field_value(rec, co->field, v, sizeof(v));
			in->e[in->n].t = t;
			in->e[in->n].id = dupn(id ? id : "");
			in->e[in->n].rule = (uint32_t)rule;
			in->e[in->n].value = strdup(v);
			in->n++;
		}
		evaluate(c, in);
	}
	if (!rc && ++c->fed % SWEEP_EVERY == 0)
		rc = sweep(c, fn, ctx, 0);
	return rc ? YS_ESTOP : 0;
}

int ys_correlator_flush(struct ys_correlator *c, ys_alert_fn fn, void *ctx)
{
	return sweep(c, fn, ctx, 1) ? YS_ESTOP : 0;
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
	free(c);
}
