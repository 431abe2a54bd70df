/* stolen.c: open incidents of stolen keys and sessions, each the calls made with one key since
 * it was judged stolen; mirrored into baseline rows of kind "stolen" (subject: the key) so the
 * state keeps them:
 *   ""            first and last event time, n the events
 *   "w:<which>"   the detector that judged it
 *   "f:<file>"    the first event's trail file
 *   "s:<k>=<v>"   the first event's time, id, name, principal, address, account, region
 *   "c:<name>"    n calls of that name
 *   "i:<id>"      an event id (first: its time), up to YS_STOLEN_MAX_IDS */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/err.h"
#include "../base/grow.h"
#include "../base/isotime.h"
#include "stolen.h"
#include "../banned.h"

#define KIND "stolen"

struct id {
	int64_t t;
	char *id;
};

struct call {
	char *name;
	size_t n;
};

struct inc {
	struct inc *next;
	char key[128];
	int which;
	int64_t first_t, last_t;
	size_t count;
	struct id *ids;
	size_t nids, capids;
	struct call *calls;
	size_t ncalls, capcalls;
	struct ys_subject_text text; /* the first event's */
	char file[512];
};

struct ys_stolen {
	struct rows *rows;
	int64_t quiet;
	struct inc *open;
};

int ys_stolen_new(struct rows *rows, int64_t quiet, struct ys_stolen **out)
{
	struct ys_stolen *s = calloc(1, sizeof(*s));

	if (!s)
		return YS_ENOMEM;
	s->rows = rows;
	s->quiet = quiet;
	*out = s;
	return 0;
}

static void inc_free(struct inc *in)
{
	size_t i;

	for (i = 0; i < in->nids; i++)
		free(in->ids[i].id);
	for (i = 0; i < in->ncalls; i++)
		free(in->calls[i].name);
	free(in->ids);
	free(in->calls);
	free(in);
}

void ys_stolen_free(struct ys_stolen *s)
{
	if (!s)
		return;
	while (s->open) {
		struct inc *in = s->open;

		s->open = in->next;
		inc_free(in);
	}
	free(s);
}

static struct inc *find(struct ys_stolen *s, const char *key, int create)
{
	struct inc *in;

	for (in = s->open; in; in = in->next)
		if (!strcmp(in->key, key))
			return in;
	if (!create || strlen(key) >= sizeof(in->key) || !(in = calloc(1, sizeof(*in))))
		return NULL;
	memcpy(in->key, key, strlen(key) + 1);
	in->which = -1;
	in->first_t = INT64_MAX;
	in->last_t = INT64_MIN;
	in->next = s->open;
	s->open = in;
	return in;
}

/* A row of the incident counted at t (the state's copy). */
static int put(struct ys_stolen *s, const char *key, const char *value, int64_t t)
{
	return ys_rows_count(s->rows, ys_rows_find(s->rows, KIND, key, value, 1), t) ? 0 : YS_ENOMEM;
}

/* The row "<prefix><value>" of the incident. */
static int put_kv(struct ys_stolen *s, const char *key, int64_t t, const char *prefix, const char *value)
{
	char v[1200];

	snprintf(v, sizeof(v), "%s%s", prefix, value);
	return put(s, key, v, t);
}

/* The first event's fields that the alert shows, kept as rows "s:<name>=<value>". */
static const struct {
	const char *row; /* "s:time=" */
	size_t off, size;
} fields[] = {
#define F(x) {"s:" #x "=", offsetof(struct ys_subject_text, x), sizeof(((struct ys_subject_text *)0)->x)}
	F(time), F(id), F(event_name), F(principal), F(source_ip), F(account), F(region),
#undef F
};

static int add_id(struct inc *in, const char *id, int64_t t)
{
	char *dup;

	if (in->nids >= YS_STOLEN_MAX_IDS)
		return 0;
	if (ys_grow(&in->ids, &in->capids, in->nids, sizeof(*in->ids), 16) || !(dup = strdup(id)))
		return YS_ENOMEM;
	in->ids[in->nids].t = t;
	in->ids[in->nids++].id = dup;
	return 1;
}

static int add_call(struct inc *in, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < in->ncalls; i++)
		if (!strcmp(in->calls[i].name, name)) {
			in->calls[i].n += n;
			return 0;
		}
	if (ys_grow(&in->calls, &in->capcalls, in->ncalls, sizeof(*in->calls), 8) ||
	    !(in->calls[in->ncalls].name = strdup(name)))
		return YS_ENOMEM;
	in->calls[in->ncalls++].n = n;
	return 0;
}

/* rec joins in: its time, id and call, in memory and in the rows. */
static int take(struct ys_stolen *s, struct inc *in, struct ys_jlazy *rec, int64_t t)
{
	char id[96], name[128];
	int added;

	if (!ys_jlazy_str(rec, "eventID", id, sizeof(id)))
		id[0] = 0;
	if (!ys_jlazy_str(rec, "eventName", name, sizeof(name)))
		snprintf(name, sizeof(name), "?");
	if (t < in->first_t)
		in->first_t = t;
	if (t > in->last_t)
		in->last_t = t;
	in->count++;
	if (add_call(in, name, 1) || put(s, in->key, "", t) || put_kv(s, in->key, t, "c:", name))
		return YS_ENOMEM;
	if (*id && (added = add_id(in, id, t)) != 0)
		return added < 0 ? added : put_kv(s, in->key, t, "i:", id);
	return 0;
}

int ys_stolen_open(struct ys_stolen *s, const char *key, int which, struct ys_jlazy *rec,
		   const char *file, int64_t t)
{
	struct inc *in = find(s, key, 0);
	struct ys_alert_subject who;
	char w[16];
	size_t i;

	if (in)
		return take(s, in, rec, t);
	if (!(in = find(s, key, 1)))
		return YS_ENOMEM;
	in->which = which;
	ys_alert_subject_lazy(rec, &who, &in->text);
	snprintf(in->file, sizeof(in->file), "%s", file ? file : "");
	snprintf(w, sizeof(w), "w:%d", which);
	if (put(s, key, w, t) || put_kv(s, key, t, "f:", in->file))
		return YS_ENOMEM;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (put_kv(s, key, t, fields[i].row, (const char *)&in->text + fields[i].off))
			return YS_ENOMEM;
	return take(s, in, rec, t);
}

int ys_stolen_join(struct ys_stolen *s, const char *key, struct ys_jlazy *rec, int64_t t)
{
	struct inc *in = s->open ? find(s, key, 0) : NULL;
	int rc;

	if (!in)
		return 0;
	rc = take(s, in, rec, t);
	return rc ? rc : 1;
}

static int by_time(const void *a, const void *b)
{
	const struct id *x = a, *y = b;

	return x->t < y->t ? -1 : x->t > y->t ? 1 : strcmp(x->id, y->id);
}

static int by_count(const void *a, const void *b)
{
	const struct call *x = a, *y = b;

	return x->n > y->n ? -1 : x->n < y->n ? 1 : strcmp(x->name, y->name);
}

/* One incident as an alert; its rows dropped (the state forgets it). */
static int report(struct ys_stolen *s, struct inc *in, ys_stolen_fn fn, void *ctx)
{
	const char **ids = calloc(in->nids + 1, sizeof(*ids)), **names = calloc(in->ncalls + 1, sizeof(*names));
	size_t *counts = calloc(in->ncalls + 1, sizeof(*counts)), i;
	struct ys_alert a;
	struct row *r;
	char last[32];
	int rc;

	if (!ids || !names || !counts) {
		free(ids);
		free(names);
		free(counts);
		return YS_ENOMEM;
	}
	if (in->nids) /* records without an eventID: none, and no array (UBSan) */
		qsort(in->ids, in->nids, sizeof(*in->ids), by_time);
	if (in->ncalls)
		qsort(in->calls, in->ncalls, sizeof(*in->calls), by_count);
	for (i = 0; i < in->nids; i++)
		ids[i] = in->ids[i].id;
	for (i = 0; i < in->ncalls; i++) {
		names[i] = in->calls[i].name;
		counts[i] = in->calls[i].n;
	}
	ys_format_time(in->last_t, last);
	memset(&a, 0, sizeof(a));
	a.time = in->text.time[0] ? in->text.time : NULL;
	a.last_time = last;
	a.count = in->count;
	a.event_ids = ids;
	a.nevent_ids = in->nids;
	a.event_name = in->text.event_name[0] ? in->text.event_name : NULL;
	a.principal = in->text.principal[0] ? in->text.principal : NULL;
	a.source_ip = in->text.source_ip[0] ? in->text.source_ip : NULL;
	a.account = in->text.account[0] ? in->text.account : NULL;
	a.region = in->text.region[0] ? in->text.region : NULL;
	a.file = in->file[0] ? in->file : NULL;
	a.call_names = names;
	a.call_counts = counts;
	a.ncalls = in->ncalls;
	rc = fn(ctx, in->which, &a);
	free(ids);
	free(names);
	free(counts);
	if ((r = ys_rows_find(s->rows, KIND, in->key, "", 0)))
		ys_rows_kill(s->rows, r);
	return rc;
}

int ys_stolen_end(struct ys_stolen *s, int64_t now, int all, ys_stolen_fn fn, void *ctx)
{
	struct inc **p, **first, *in;
	int rc = 0;

	/* the ended ones, earliest first */
	while (!rc) {
		first = NULL;
		for (p = &s->open; *p; p = &(*p)->next)
			if ((all || (*p)->last_t < now - s->quiet) &&
			    (!first || (*p)->first_t < (*first)->first_t))
				first = p;
		if (!first)
			break;
		in = *first;
		*first = in->next;
		if (in->which >= 0)
			rc = report(s, in, fn, ctx);
		inc_free(in);
	}
	return rc;
}

/* "s:time=2026-..." into the first event's text */
static void subject_field(struct inc *in, const char *row)
{
	size_t i, n;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		n = strlen(fields[i].row);
		if (!strncmp(row, fields[i].row, n))
			snprintf((char *)&in->text + fields[i].off, fields[i].size, "%s", row + n);
	}
}

int ys_stolen_load(struct ys_stolen *s, const struct ys_baseline_row *row)
{
	struct inc *in = find(s, row->subject, 1);
	const char *v = row->value;

	if (!in || !ys_rows_load(s->rows, row))
		return YS_ENOMEM;
	if (!*v) {
		in->first_t = row->first;
		in->last_t = row->last;
		in->count = row->n;
	} else if (!strncmp(v, "w:", 2)) {
		in->which = (int)strtol(v + 2, NULL, 10);
	} else if (!strncmp(v, "f:", 2)) {
		snprintf(in->file, sizeof(in->file), "%s", v + 2);
	} else if (!strncmp(v, "s:", 2)) {
		subject_field(in, v);
	} else if (!strncmp(v, "c:", 2)) {
		if (add_call(in, v + 2, row->n))
			return YS_ENOMEM;
	} else if (!strncmp(v, "i:", 2)) {
		if (add_id(in, v + 2, row->first) < 0)
			return YS_ENOMEM;
	}
	return 0;
}
