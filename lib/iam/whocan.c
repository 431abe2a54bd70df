/* whocan.c: who can make a request: direct decisions for every principal, then role chains
 * walked backwards from each allowed role through the trust policies that let others in */
#include <stdlib.h>
#include <string.h>
#include "whocan.h"
#include "../base/grow.h"
#include "../banned.h"

static struct ys_who *add(struct ys_who_list *l)
{
	if (ys_grow(&l->v, &l->cap, l->n, sizeof(*l->v), 16))
		return NULL;
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

/* decides mp's request (mp NULL: an outsider, whose own policies, when it is another account's
 * principal, are taken to allow) */
static int decide(const struct ys_iam_model *m, const struct ys_mprin *mp, const char *principal,
		  const struct ys_pinfo *pi, const char *action, const char *resource,
		  const struct ys_ctx *ctx, int explain, struct ys_decision *d, size_t *count)
{
	struct ys_pset view;
	struct ys_request req;
	const char *note;
	char acct[16];

	ys_iam_model_view(m, mp, action, resource, &view, &note, acct, sizeof(acct));
	if (!mp && pi->account[0] && pi->type != YS_PT_ROOT) {
		view.identity = (struct ys_cpolicy **)&m->outside_policy;
		view.nidentity = 1;
	}
	req = (struct ys_request){principal, action, resource, acct, *ctx, pi};
	(*count)++;
	if (ys_eval(&view, &req, explain, d))
		return 0;
	if (note && d->verdict == YS_ALLOW)
		d->note = note;
	return d->verdict == YS_ALLOW;
}

/* the outsiders a policy's Allow statements name (other accounts' principals, services, "*")
 * that the policy lets make the request; via: the role whose trust policy this is, with the
 * chain that takes it to the request (NULL for the resource's own policy) */
static int outsiders(const struct ys_iam_model *m, const struct ys_cpolicy *pol, const char *action,
		     const char *resource, const struct ys_ctx *ctx, const struct ys_mprin *via,
		     size_t to, struct ys_who_list *l)
{
	size_t i, j, k, e;

	if (!pol)
		return 0;
	for (i = 0; i < pol->n; i++) {
		const struct ys_cstmt *s = &pol->st[i];
		const char *const *lists[3] = {s->aws, s->svc, s->fed};
		size_t counts[3] = {s->naws, s->nsvc, s->nfed};

		if (!s->allow || s->not_principal)
			continue;
		for (k = 0; k < 3 + (size_t)(s->star && !s->naws); k++)
			for (j = 0; j < (k < 3 ? counts[k] : 1); j++) {
				const char *who = k < 3 ? lists[k][j] : "*";
				struct ys_pinfo pi;
				struct ys_decision d;
				struct ys_who *w;

				if ((k == 2 ? ys_pinfo_provider(who, &pi) : ys_pinfo_parse(who, &pi)) ||
				    (pi.type != YS_PT_ANONYMOUS && pi.type != YS_PT_SERVICE &&
				     pi.type != YS_PT_PROVIDER && !strcmp(pi.account, m->account)))
					continue; /* unreadable, or one of the snapshot's own principals */
				for (e = 0; e < l->n; e++)
					if (l->v[e].outside && !strcmp(l->v[e].outside, who) &&
					    (l->v[e].nvia ? l->v[e].via[0] : NULL) == via)
						break;
				if (e < l->n || !decide(m, NULL, who, &pi, action, resource, ctx, 1, &d, &l->decisions))
					continue;
				if (!(w = add(l)))
					return -1;
				w->outside = who;
				w->d = d;
				w->needs_own = pi.type != YS_PT_SERVICE && pi.type != YS_PT_ANONYMOUS &&
					       pi.type != YS_PT_PROVIDER;
				if (via) {
					w->via[0] = via;
					memcpy(w->via + 1, l->v[to].via, l->v[to].nvia * sizeof(w->via[0]));
					w->nvia = l->v[to].nvia + 1;
				}
			}
	}
	return 0;
}

int ys_who_can(const struct ys_iam_model *m, const char *action, const char *resource,
	       const struct ys_ctx *ctx, struct ys_who_list *l)
{
	unsigned char *seen = calloc(m->nprin + 1, 1);
	size_t *queue = calloc(m->nprin + 1, sizeof(size_t)), head = 0, tail = 0, i, q;
	struct ys_pset view;
	const char *note;
	char acct[16];
	int rc = -1;

	memset(l, 0, sizeof(*l));
	if (!seen || !queue)
		goto out;
	for (i = 0; i < m->nprin; i++) {
		const struct ys_mprin *mp = &m->prin[i];
		struct ys_decision d;
		struct ys_who *w;

		if (!decide(m, mp, mp->p->arn, &mp->pi, action, resource, ctx, 0, &d, &l->decisions))
			continue;
		if (!(w = add(l)))
			goto out;
		decide(m, mp, mp->p->arn, &mp->pi, action, resource, ctx, 1, &w->d, &l->decisions);
		w->mp = mp;
		seen[i] = 1;
		if (mp->p->kind == YS_P_ROLE)
			queue[tail++] = i;
	}
	ys_iam_model_view(m, NULL, action, resource, &view, &note, acct, sizeof(acct));
	if (outsiders(m, view.resource, action, resource, ctx, NULL, 0, l))
		goto out;
	/* backwards along trust policies: who can assume a role that can (or reaches one that can) */
	while (head < tail) {
		const struct ys_mprin *role = &m->prin[queue[head++]];
		const struct ys_who *to = NULL;

		for (q = 0; q < l->n; q++)
			if (l->v[q].mp == role)
				to = &l->v[q];
		if (!role->trust || !to || to->nvia >= YS_WHO_MAX_CHAIN)
			continue;
		for (i = 0; i < m->nprin; i++) {
			const struct ys_mprin *mp = &m->prin[i];
			struct ys_decision d;
			struct ys_who *w;
			size_t toidx = (size_t)(to - l->v);

			if (seen[i] || !ys_iam_model_may_enter(m, role, mp) ||
			    !decide(m, mp, mp->p->arn, &mp->pi, "sts:AssumeRole", role->p->arn, ctx, 1, &d,
				    &l->decisions))
				continue;
			if (!(w = add(l)))
				goto out;
			to = &l->v[toidx]; /* add may have moved the list */
			w->mp = mp;
			w->d = d;
			w->via[0] = role;
			memcpy(w->via + 1, to->via, to->nvia * sizeof(to->via[0]));
			w->nvia = to->nvia + 1;
			seen[i] = 1;
			if (mp->p->kind == YS_P_ROLE)
				queue[tail++] = i;
		}
		if (to->nvia + 1 < YS_WHO_MAX_CHAIN &&
		    outsiders(m, role->trust, "sts:AssumeRole", role->p->arn, ctx, role, (size_t)(to - l->v), l))
			goto out;
	}
	rc = 0;
out:
	free(seen);
	free(queue);
	if (rc)
		ys_who_list_release(l);
	return rc;
}

void ys_who_list_release(struct ys_who_list *l)
{
	free(l->v);
	memset(l, 0, sizeof(*l));
}
