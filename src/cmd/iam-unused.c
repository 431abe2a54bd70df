/* iam-unused.c: `yourside iam unused`: a principal's granted actions against those its
 * CloudTrail records show it used, and a reduced policy to replace its own */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "iam.h"
#include "base/isotime.h"
#include "watch/walk.h"
#include "iam/unused.h"
#include "trail/reader.h"
#include "banned.h"

/* every record of the trail files under dir; problems said, counted in *bad */
static void read_trail(const char *dir, struct ys_unused *u, size_t *bad)
{
	struct ys_trail_list l = {0};
	struct ys_jlazy lazy;
	size_t i;

	ys_trail_list_add(&l, dir, 1, bad);
	ys_trail_list_order(&l);
	ys_jlazy_init(&lazy);
	for (i = 0; i < l.n; i++) {
		struct ys_trail_reader *r;
		struct ys_trail_record rec;
		struct ys_error err = {0};
		int rc;

		if (ys_trail_open(&r, l.path[i], &err)) {
			ys_warn("%s", err.msg);
			(*bad)++;
			continue;
		}
		while ((rc = ys_trail_next(r, &rec, &err)) != 0) {
			if (rc < 0) {
				ys_warn("%s", err.msg);
				(*bad)++;
				if (rc == YS_ENOMEM)
					break;
				continue;
			}
			ys_jlazy_reset(&lazy, rec.json, rec.len, rec.members);
			ys_unused_record(u, &lazy);
		}
		ys_trail_close(r);
	}
	ys_jlazy_release(&lazy);
	ys_trail_list_release(&l);
}

static void text(const struct ys_unused *u, struct strbuf *sb)
{
	size_t i, unused = u->granted;

	strbuf_addf(sb, "%s %s: %zu records read, %zu made by it", ys_mprin_kind(u->mp), u->mp->p->name,
		    u->records, u->matched);
	if (u->matched)
		strbuf_addf(sb, " (%s to %s)", u->first, u->last);
	if (u->denied)
		strbuf_addf(sb, ", %zu of them refused", u->denied);
	strbuf_addch(sb, '\n');
	for (i = 0; i < u->nsvc; i++)
		unused -= u->svc[i].used;
	strbuf_addf(sb, "granted %zu actions, used %zu, %zu never used\n", u->granted, u->nused, unused);
	if (u->nused)
		strbuf_addstr(sb, "\nused:\n");
	for (i = 0; i < u->nused; i++) {
		const struct ys_used *x = &u->used[i];

		strbuf_addf(sb, "  %-44s %6zu time%s last %s%s\n", x->action, x->count, x->count == 1 ? ", " : "s,",
			    x->last, !x->known ? " (not in the action catalogue)" : !x->held ? " (its policies do not grant it now)" : "");
	}
	strbuf_addstr(sb, "\nnever used, by service:\n");
	for (i = 0; i < u->nsvc; i++) {
		const struct ys_unused_svc *s = &u->svc[i];
		size_t n = s->granted - s->used;

		if (!n)
			continue;
		strbuf_addf(sb, "  %-24s %zu of %zu: read %zu, list %zu, write %zu, tagging %zu, permissions %zu\n",
			    s->name, n, s->granted, s->by_level[0], s->by_level[1], s->by_level[2], s->by_level[3],
			    s->by_level[4]);
	}
	strbuf_addstr(sb, "\na policy of what it used, to replace its own:\n");
	ys_unused_policy(u, sb);
}

static void json(const struct ys_unused *u, struct strbuf *sb)
{
	struct strbuf pol = STRBUF_INIT;
	struct jw w;
	size_t i, k;

	ys_unused_policy(u, &pol);
	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "principal");
	jw_str(&w, u->mp->p->arn);
	jw_key(&w, "records");
	jw_int(&w, (long long)u->records);
	jw_key(&w, "made_by_it");
	jw_int(&w, (long long)u->matched);
	jw_key(&w, "refused");
	jw_int(&w, (long long)u->denied);
	jw_key(&w, "first");
	jw_str(&w, u->first);
	jw_key(&w, "last");
	jw_str(&w, u->last);
	jw_key(&w, "granted");
	jw_int(&w, (long long)u->granted);
	jw_key(&w, "used");
	jw_arr_begin(&w);
	for (i = 0; i < u->nused; i++) {
		jw_obj_begin(&w);
		jw_key(&w, "action");
		jw_str(&w, u->used[i].action);
		jw_key(&w, "count");
		jw_int(&w, (long long)u->used[i].count);
		jw_key(&w, "last");
		jw_str(&w, u->used[i].last);
		jw_key(&w, "granted");
		jw_bool(&w, u->used[i].held);
		jw_key(&w, "resources");
		jw_arr_begin(&w);
		if (u->used[i].any_resource || !u->used[i].nres)
			jw_str(&w, "*");
		else
			for (k = 0; k < u->used[i].nres; k++)
				jw_str(&w, u->used[i].res[k]);
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "unused_by_service");
	jw_arr_begin(&w);
	for (i = 0; i < u->nsvc; i++) {
		static const char *const lv[] = {"read", "list", "write", "tagging", "permissions"};

		if (u->svc[i].granted == u->svc[i].used)
			continue;
		jw_obj_begin(&w);
		jw_key(&w, "service");
		jw_str(&w, u->svc[i].name);
		jw_key(&w, "granted");
		jw_int(&w, (long long)u->svc[i].granted);
		for (k = 0; k < 5; k++) {
			jw_key(&w, lv[k]);
			jw_int(&w, (long long)u->svc[i].by_level[k]);
		}
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "policy");
	jw_raw(&w, pol.buf);
	jw_obj_end(&w);
	strbuf_addch(sb, '\n');
	strbuf_release(&pol);
}

int iam_unused(int argc, char **argv)
{
	struct iam_opts o;
	struct ys_snapshot *snap;
	struct ys_iam_model *m;
	struct ys_unused u;
	struct strbuf sb = STRBUF_INIT;
	const struct ys_mprin *mp;
	int64_t since = -1, until = -1;
	size_t bad = 0;
	int rc;

	if ((rc = iam_begin(argc, argv, "text,json", 2, "iam unused: give a snapshot and a principal, and --trail",
			    &o, &snap, &m)) >= 0)
		return rc;
	if (!o.trail) {
		ys_warn("iam unused: --trail <dir> is needed (the CloudTrail records to read)");
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	if ((o.since && (since = ys_time_parse(o.since)) < 0) || (o.until && (until = ys_time_parse(o.until)) < 0)) {
		ys_warn("iam unused: --since and --until take ISO 8601 times, like 2026-01-31T00:00:00Z");
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	if (!(mp = ys_iam_model_find(m, o.args[1]))) {
		ys_warn("%s: no user, role or access key '%s' in the snapshot", o.args[0], o.args[1]);
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	ys_unused_init(&u, m, mp, since, until);
	read_trail(o.trail, &u, &bad);
	if (ys_unused_finish(&u)) {
		ys_warn("out of memory");
		ys_unused_release(&u);
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	if (o.json)
		json(&u, &sb);
	else
		text(&u, &sb);
	fwrite(sb.buf, 1, sb.len, stdout);
	ys_unused_release(&u);
	return iam_end(bad && !u.records ? YS_EXIT_USAGE : YS_EXIT_CLEAN, &sb, &o, snap, m);
}
