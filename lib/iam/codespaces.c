/* codespaces.c: who can destroy a store and every backup of it (stores.c finds them): each
 * target's destroyers decided once (principals whose policies allow none of its actions are
 * passed over), then combined with what each principal can become */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include "codespaces.h"
#include "glob.h"
#include "../base/grow.h"
#include "../banned.h"

struct judge {
	const struct ys_iam_model *m;
	const struct ys_esc_graph *g;
	const struct ys_ctx *ctx;
	size_t *decisions;
	const char *acts[16]; /* the first action of each way of every target, lower-case */
	char lc[16][64];
	size_t nacts;
	uint16_t *may;	      /* per principal: which of acts some statement allows */
	size_t **reach;	      /* per principal: those it can become (itself first) */
	size_t *nreach;
};

static int act_index(struct judge *j, const char *action)
{
	size_t i;

	for (i = 0; i < j->nacts; i++)
		if (!strcasecmp(j->acts[i], action))
			return (int)i;
	if (j->nacts == 16)
		return -1;
	j->acts[j->nacts] = action;
	ys_lower(action, j->lc[j->nacts], sizeof(j->lc[0]));
	return (int)j->nacts++;
}

/* whether mp (with its own policies, or as an administrator) can destroy t in one of its ways */
static int destroys(struct judge *j, const struct ys_mprin *mp, int as_admin, const struct ys_cs_target *t)
{
	size_t w, k;

	for (w = 0; w < t->nway; w++) {
		int idx = act_index(j, t->way[w].action[0]);

		if (!as_admin && idx >= 0 && j->may && !(j->may[mp - j->m->prin] & (1u << idx)))
			continue; /* no statement allows even the first request */
		for (k = 0; k < t->way[w].n; k++) {
			struct ys_decision d;

			if (as_admin) {
				(*j->decisions)++;
				if (!ys_iam_model_admin_may(j->m, mp, t->way[w].action[k], t->way[w].resource[k], j->ctx))
					break;
			} else {
				(*j->decisions)++;
				if (ys_iam_model_decide(j->m, mp, t->way[w].action[k], t->way[w].resource[k], j->ctx,
							0, &d) != YS_ALLOW)
					break;
			}
		}
		if (k == t->way[w].n)
			return 1;
	}
	return 0;
}

/* per principal: 1 it can destroy t itself, 2 once an administrator, 0 neither */
static unsigned char *destroyers(struct judge *j, const struct ys_cs_target *t)
{
	unsigned char *v = calloc(j->m->nprin + 1, 1);
	size_t i;

	if (!v || t->safe)
		return v;
	for (i = 0; i < j->m->nprin; i++) {
		if (destroys(j, &j->m->prin[i], 0, t))
			v[i] = 1;
		else if (j->g->next[i] >= 0 && destroys(j, &j->m->prin[i], 1, t))
			v[i] = 2;
	}
	return v;
}

/* what each principal can become, and which destructive actions its statements mention */
static int prepare(struct judge *j, const struct ys_codespaces *cs)
{
	const struct ys_esc_graph *g = j->g;
	size_t i, k, w;

	for (i = 0; i < cs->nstores; i++)
		for (w = 0; w < cs->stores[i].t.nway; w++)
			act_index(j, cs->stores[i].t.way[w].action[0]);
	for (i = 0; i < cs->nbackups; i++)
		for (w = 0; w < cs->backups[i].nway; w++)
			act_index(j, cs->backups[i].way[w].action[0]);
	if (!(j->may = calloc(j->m->nprin + 1, sizeof(*j->may))) ||
	    !(j->reach = calloc(j->m->nprin + 1, sizeof(*j->reach))) ||
	    !(j->nreach = calloc(j->m->nprin + 1, sizeof(size_t))))
		return -1;
	for (i = 0; i < j->m->nprin; i++)
		for (k = 0; k < j->nacts; k++)
			if (ys_mprin_may(&j->m->prin[i], j->lc[k]))
				j->may[i] |= (uint16_t)(1u << k);
	for (i = 0; i < g->n; i++) {
		size_t f = g->e[i].from, head = 0;
		unsigned char *seen;

		if (g->e[i].to >= g->nprin || j->reach[f])
			continue;
		if (!(j->reach[f] = calloc(g->nprin + 1, sizeof(size_t))) || !(seen = calloc(g->nprin + 1, 1)))
			return -1;
		j->reach[f][j->nreach[f]++] = f;
		seen[f] = 1;
		while (head < j->nreach[f]) {
			size_t x = j->reach[f][head++];

			for (k = 0; k < g->n; k++)
				if (g->e[k].from == x && g->e[k].to < g->nprin && !seen[g->e[k].to]) {
					seen[g->e[k].to] = 1;
					j->reach[f][j->nreach[f]++] = g->e[k].to;
				}
		}
		free(seen);
	}
	return 0;
}

static void judge_release(struct judge *j)
{
	size_t i;

	for (i = 0; j->reach && i < j->m->nprin; i++)
		free(j->reach[i]);
	free(j->reach);
	free(j->nreach);
	free(j->may);
}

/* the culprits of one store: who (itself, as one it becomes, or as administrator) can destroy
 * it and every backup; okb[q]: q can destroy every backup (1 itself, 2 as administrator) */
static int culprits(struct judge *j, struct ys_cs_store *s, const unsigned char *okb,
		    const size_t *cand, size_t ncand, signed char *own)
{
	const struct ys_iam_model *m = j->m;
	int admin_known = -1; /* whether an administrator destroys it */
	size_t ci, i, k, cap = 0;

	for (ci = 0; ci < ncand; ci++) {
		struct ys_cs_culprit c = {cand[ci], -1, 0};
		size_t one, n;
		const size_t *r;

		i = cand[ci];
		one = i;
		n = j->reach[i] ? j->nreach[i] : 1;
		r = j->reach[i] ? j->reach[i] : &one;
		int found = 0;

		if (j->g->is_admin[i] && okb[i]) {
			/* an administrator destroys what an administrator can (a deny it holds, it can
			 * take away) */
			if (admin_known < 0)
				admin_known = destroys(j, &m->prin[i], 1, &s->t);
			found = admin_known;
			c.admin = 1;
			n = 0;
		}
		for (k = 0; k < n && !found; k++) {
			size_t q = r[k];

			if (okb[q] != 1)
				continue;
			if (!own[q])
				own[q] = destroys(j, &m->prin[q], 0, &s->t) ? 1 : -1;
			if (own[q] == 1) {
				found = 1;
				c.as = q == i ? -1 : (long)q;
			}
		}
		if (!found && j->g->next[i] >= 0 && okb[i]) {
			/* one that can make itself an administrator does what an administrator does */
			if (admin_known < 0)
				admin_known = destroys(j, &m->prin[i], 1, &s->t);
			found = admin_known;
			c.admin = 1;
		}
		if (!found)
			continue;
		if (ys_grow(&s->who, &cap, s->nwho, sizeof(*s->who), 8))
			return -1;
		s->who[s->nwho++] = c;
	}
	for (ci = 0; ci < ncand; ci++) /* own[] is reused for the next store */
		for (k = 0, i = cand[ci]; k < (j->reach[i] ? j->nreach[i] : 1); k++)
			own[j->reach[i] ? j->reach[i][k] : i] = 0;
	return 0;
}

int ys_codespaces(struct ys_snapshot *snap, const struct ys_iam_model *m,
		  const struct ys_esc_graph *g, const struct ys_ctx *ctx, struct ys_codespaces *cs)
{
	struct judge jd = {m, g, ctx, &cs->decisions, {0}, {{0}}, 0, NULL, NULL, NULL};
	size_t i, j, k;
	unsigned char **bk = NULL, *okb = NULL;
	const struct ys_cs_store *last = NULL;
	size_t *cand = NULL, ncand = 0;
	signed char *own = NULL; /* per principal, for one store: 0 unknown, 1 destroys it, -1 not */
	int rc = -1, fresh;

	if (ys_codespaces_stores(snap, m, cs) || prepare(&jd, cs) || !(bk = calloc(cs->nbackups + 1, sizeof(*bk))) ||
	    !(okb = calloc(m->nprin + 1, 1)) || !(cand = calloc(m->nprin + 1, sizeof(size_t))) ||
	    !(own = calloc(m->nprin + 1, 1)))
		goto out;
	for (i = 0; i < cs->nbackups; i++)
		if (!(bk[i] = destroyers(&jd, &cs->backups[i])))
			goto out;
	for (i = 0; i < cs->nstores; i++) {
		struct ys_cs_store *s = &cs->stores[i];

		for (j = 0; j < s->nbackups && !s->safe_by; j++)
			if (cs->backups[s->backups[j]].safe)
				s->safe_by = cs->backups[s->backups[j]].name;
		if (s->t.safe || s->safe_by)
			continue;
		/* stores that share their backups (a region's vaults) share who can destroy them all */
		fresh = !last || last->nbackups != s->nbackups ||
			(s->nbackups && memcmp(last->backups, s->backups, s->nbackups * sizeof(size_t)));
		if (fresh)
			for (k = 0; k < m->nprin; k++) {
				unsigned char v = 1;

				for (j = 0; j < s->nbackups && v; j++)
					v = bk[s->backups[j]][k] > v ? bk[s->backups[j]][k] : bk[s->backups[j]][k] ? v : 0;
				okb[k] = v;
			}
		if (fresh) {
			/* the candidates: those that can destroy every backup, or become one that can */
			ncand = 0;
			for (k = 0; k < m->nprin; k++) {
				int any = okb[k] != 0;

				for (j = 0; !any && jd.reach[k] && j < jd.nreach[k]; j++)
					any = okb[jd.reach[k][j]] == 1;
				if (any)
					cand[ncand++] = k;
			}
		}
		last = s;
		if (culprits(&jd, s, okb, cand, ncand, own))
			goto out;
	}
	rc = 0;
out:
	for (i = 0; bk && i < cs->nbackups; i++)
		free(bk[i]);
	free(bk);
	free(okb);
	free(cand);
	free(own);
	judge_release(&jd);
	if (rc)
		ys_codespaces_release(cs);
	return rc;
}

int ys_cs_destroys(const struct ys_iam_model *m, const struct ys_mprin *mp, int as_admin,
		   const struct ys_cs_target *t, const struct ys_ctx *ctx)
{
	size_t count = 0;
	struct judge jd = {m, NULL, ctx, &count, {0}, {{0}}, 0, NULL, NULL, NULL};

	return !t->safe && destroys(&jd, mp, as_admin, t);
}
