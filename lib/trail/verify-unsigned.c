/* verify-unsigned.c: log files in the copy that no digest lists: added later, delivered while
 * validation was off, not signed yet, or older than what was checked */
#include <string.h>
#include "verify-impl.h"
#include "../base/isotime.h"
#include "../banned.h"

/* a log file named at t may be listed by a digest ending up to this much later */
#define DELIVERY_SLACK 900

static const struct ys_vgap *in_gap(const struct ys_vresult *r, const struct ys_tobj *l)
{
	size_t i;

	for (i = 0; i < r->ngaps; i++) {
		const struct ys_vgap *g = &r->gaps[i];

		if (!strcmp(g->account, l->account) && !strcmp(g->region, l->region) &&
		    l->time + DELIVERY_SLACK >= g->from && l->time < g->to)
			return g;
	}
	return NULL;
}

/* a digest of the log's account and region that would list it but is deleted or unreadable */
static const struct ys_vitem *lost_digest(const struct ys_vresult *r, const struct ys_tobj *l)
{
	struct ys_tobj d;
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct ys_vitem *it = &r->items[i];

		if (it->kind != YS_TOBJ_DIGEST || it->status == YS_V_VALID || ys_tkey_parse(it->key, &d) ||
		    strcmp(d.account, l->account) || strcmp(d.region, l->region))
			continue;
		if (l->time + DELIVERY_SLACK >= d.time - 3600 && l->time < d.time)
			return it;
	}
	return NULL;
}

static int judge(struct ys_vresult *r, const struct ys_tobj *l, int64_t first, int64_t last)
{
	const struct ys_vgap *g;
	const struct ys_vitem *it;
	char a[32], z[32];

	if (first < 0)
		return vitem_add(r, YS_TOBJ_LOG, YS_V_UNCOVERED, l->key,
				 strbuf_fmt("no digest of account %s in %s was checked", l->account, l->region),
				 NULL, l->time, l->time);
	if (l->time + DELIVERY_SLACK > last) {
		ys_format_time(last, a);
		return vitem_add(r, YS_TOBJ_LOG, YS_V_PENDING, l->key,
				 strbuf_fmt("newer than the newest digest (to %s): not signed yet", a), NULL,
				 l->time, l->time);
	}
	if (l->time + DELIVERY_SLACK < first) {
		ys_format_time(first, a);
		return vitem_add(r, YS_TOBJ_LOG, YS_V_UNCOVERED, l->key,
				 strbuf_fmt("older than the oldest digest checked (from %s)", a), NULL, l->time,
				 l->time);
	}
	if ((it = lost_digest(r, l)))
		return vitem_add(r, YS_TOBJ_LOG, YS_V_UNSIGNED, l->key,
				 strbuf_fmt("in no digest that could be read: %s is %s", vbase(it->key),
				      ys_vstatus_name(it->status)), NULL, l->time, l->time);
	if ((g = in_gap(r, l))) {
		ys_format_time(g->from, a);
		ys_format_time(g->to, z);
		return vitem_add(r, YS_TOBJ_LOG, YS_V_UNSIGNED, l->key,
				 strbuf_fmt("in no digest: delivered between %s and %s, when trail %s wrote none",
				      a, z, g->trail), NULL, l->time, l->time);
	}
	return vitem_add(r, YS_TOBJ_LOG, YS_V_UNSIGNED, l->key,
			 strbuf_fmt("in no digest: put there after delivery, or by a trail without log file validation"),
			 NULL, l->time, l->time);
}

int vunsigned_logs(const struct ys_vopts *o, struct ys_tbucket *b, struct ys_vresult *r)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; i < b->n && !rc; i++) {
		const struct ys_tobj *l = &b->objs[i];
		int64_t first = -1, last = -1;

		if (l->kind != YS_TOBJ_LOG || l->listed || (o->account && strcmp(o->account, l->account)))
			continue;
		if ((o->since >= 0 && l->time < o->since - 3600) ||
		    (o->until >= 0 && l->time > o->until + 3600))
			continue;
		for (j = 0; j < r->nstreams; j++) {
			const struct ys_vstream *s = &r->streams[j];

			if (strcmp(s->account, l->account) || strcmp(s->region, l->region))
				continue;
			if (first < 0 || s->first < first)
				first = s->first;
			if (s->last > last)
				last = s->last;
		}
		rc = judge(r, l, first, last);
	}
	return rc;
}
