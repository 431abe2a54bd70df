/* escalate.c: the escalation graph: edges decided principal by principal (a cheap look at
 * whether any statement allows an action comes first), then shortest paths to administrator
 * walked backwards from the administrators */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "escalate.h"
#include "../base/embedded.h"
#include "../base/grow.h"
#include "../banned.h"

/* ---- the methods table ---- */

#define MAX_ACTIONS 6

struct method {
	const char *name;
	const char *service; /* passrole methods: the service principal the role must trust */
	const char *act[MAX_ACTIONS]; /* required actions, lower-case; passrole methods: the others */
	size_t nact;
	int passrole;
};

static struct {
	struct method *v;
	size_t n;
	char *text;
} tab;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const char *service_principal(const char *svc)
{
	static const struct {
		const char *svc, *principal;
	} map[] = {
		{"ecs", "ecs-tasks.amazonaws.com"},
		{"apprunner", "tasks.apprunner.amazonaws.com"},
		{"datapipeline", "datapipeline.amazonaws.com"},
	};
	static char buf[64][64];
	static size_t used;
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].svc, svc))
			return map[i].principal;
	for (i = 0; i < used; i++)
		if (!strncmp(buf[i], svc, strlen(svc)) && !strcmp(buf[i] + strlen(svc), ".amazonaws.com"))
			return buf[i];
	if (used == 64 || strlen(svc) > 40)
		return NULL;
	snprintf(buf[used], sizeof(buf[used]), "%s.amazonaws.com", svc);
	return buf[used++];
}

/* "a,b,c" into m->act (split in place) */
static void actions(char *list, struct method *m)
{
	char *p = list, *c;

	m->nact = 0;
	while (p && *p && m->nact < MAX_ACTIONS) {
		if ((c = strchr(p, ',')))
			*c = '\0';
		if (!strcmp(p, "iam:passrole"))
			m->passrole = 1;
		else
			m->act[m->nact++] = p;
		p = c ? c + 1 : NULL;
	}
}

static int same_actions(const struct method *a, const struct method *b)
{
	size_t i, j;

	if (a->nact != b->nact || a->passrole != b->passrole)
		return 0;
	for (i = 0; i < a->nact; i++) {
		for (j = 0; j < b->nact && strcmp(a->act[i], b->act[j]); j++)
			;
		if (j == b->nact)
			return 0;
	}
	return 1;
}

static void load(void)
{
	const struct ys_embedded_file *f = ys_embedded_find(ys_embedded_data, "data/privesc-methods.tsv");
	char *line, *next;
	size_t lines = 0, i;

	if (!f || !(tab.text = malloc(f->len + 1)))
		return;
	memcpy(tab.text, f->text, f->len);
	tab.text[f->len] = '\0';
	for (i = 0; i < f->len; i++)
		lines += tab.text[i] == '\n';
	if (!(tab.v = calloc(lines + 1, sizeof(*tab.v))))
		return;
	for (line = tab.text; line && *line; line = next) {
		char *col[6];
		struct method m = {0};
		size_t k, j;

		if ((next = strchr(line, '\n')))
			*next++ = '\0';
		if (*line == '#' || !strncmp(line, "source\t", 7))
			continue;
		for (k = 0, col[0] = line; k < 5 && col[k]; k++)
			if ((col[k + 1] = strchr(col[k], '\t')))
				*col[k + 1]++ = '\0';
		if (k < 5 || !col[4])
			continue;
		m.name = col[1];
		actions(col[4], &m);
		if (m.passrole && m.nact) {
			char svc[48];
			size_t n = strcspn(m.act[0], ":");

			snprintf(svc, sizeof(svc), "%.*s", (int)n, m.act[0]);
			m.service = service_principal(svc);
		}
		for (j = 0; j < tab.n && !same_actions(&tab.v[j], &m); j++)
			;
		if (j == tab.n)
			tab.v[tab.n++] = m;
	}
}

size_t ys_esc_methods(void)
{
	pthread_once(&once, load);
	return tab.n;
}

/* the name of the one-action method for action (lower-case), or the action itself */
static const char *method_of(const char *action)
{
	size_t i;

	for (i = 0; i < tab.n; i++)
		if (!tab.v[i].passrole && tab.v[i].nact == 1 && !strcmp(tab.v[i].act[0], action))
			return tab.v[i].name;
	return action;
}

/* ---- building ---- */

struct builder {
	const struct ys_iam_model *m;
	const struct ys_ctx *ctx;
	struct ys_esc_graph *g;
	unsigned char *named; /* per principal: some role's trust policy names it */
};

static int by_arn(const void *a, const void *b)
{
	return strcmp((*(const struct ys_mprin *const *)a)->p->arn, (*(const struct ys_mprin *const *)b)->p->arn);
}

/* marks the principals a trust policy names by ARN (they need no sts:AssumeRole of their own) */
static int mark_named(struct builder *b)
{
	const struct ys_iam_model *m = b->m;
	const struct ys_mprin **idx = calloc(m->nprin + 1, sizeof(*idx));
	size_t i, j, k;

	if (!idx || !(b->named = calloc(m->nprin + 1, 1))) {
		free(idx);
		return -1;
	}
	for (i = 0; i < m->nprin; i++)
		idx[i] = &m->prin[i];
	qsort(idx, m->nprin, sizeof(*idx), by_arn);
	for (i = m->nusers; i < m->nprin; i++) {
		const struct ys_cpolicy *t = m->prin[i].trust;

		for (j = 0; t && j < t->n; j++)
			for (k = 0; k < t->st[j].naws; k++) {
				struct ys_principal key = {.arn = t->st[j].aws[k]};
				struct ys_mprin kp = {.p = &key};
				const struct ys_mprin *kpp = &kp, **hit;

				hit = bsearch(&kpp, idx, m->nprin, sizeof(*idx), by_arn);
				if (hit)
					b->named[*hit - m->prin] = 1;
			}
	}
	free(idx);
	return 0;
}

static const char *keep(struct ys_esc_graph *g, const char *s)
{
	char *c;

	if (ys_grow(&g->strs, &g->capstrs, g->nstrs, sizeof(char *), 64) || !(c = strdup(s)))
		return NULL;
	return g->strs[g->nstrs++] = c;
}

/* decides mp's request; 1 when allowed, the step written to *st */
static int allowed(struct builder *b, const struct ys_mprin *mp, const char *action,
		   const char *resource, const struct ys_ctx *ctx, struct ys_esc_step *st)
{
	struct ys_decision fast;

	b->g->decisions++;
	if (ys_iam_model_decide(b->m, mp, action, resource, ctx ? ctx : b->ctx, 0, &fast) != YS_ALLOW)
		return 0;
	if (st) {
		st->action = action;
		st->resource = resource;
		ys_iam_model_decide(b->m, mp, action, resource, ctx ? ctx : b->ctx, 1, &st->d);
	}
	return 1;
}

static struct ys_esc_edge *edge(struct builder *b, size_t from, size_t to, const char *method,
				const char *how, const struct ys_esc_step *steps, size_t n)
{
	struct ys_esc_graph *g = b->g;
	struct ys_esc_edge *e;
	size_t i;

	if (ys_grow(&g->e, &g->cap, g->n, sizeof(*g->e), 64))
		return NULL;
	e = memset(&g->e[g->n++], 0, sizeof(*e));
	e->from = from;
	e->to = to;
	e->method = method;
	e->how = how;
	for (i = 0; i < n && i < YS_ESC_MAX_STEPS; i++)
		e->step[i] = steps[i];
	e->nstep = i;
	return e;
}

/* the ARN of a group */
static const char *group_arn(const struct ys_iam_model *m, size_t gi)
{
	return m->groups[gi].p->arn;
}

/* can p give itself any permission: a policy on itself or a group of its own, or a new
 * version of a customer managed policy it holds? An edge to administrator if so. */
static int self_empower(struct builder *b, size_t pi)
{
	static const char *const user_acts[2][2] = {{"iam:AttachUserPolicy", "iam:attachuserpolicy"},
						    {"iam:PutUserPolicy", "iam:putuserpolicy"}};
	static const char *const role_acts[2][2] = {{"iam:AttachRolePolicy", "iam:attachrolepolicy"},
						    {"iam:PutRolePolicy", "iam:putrolepolicy"}};
	static const char *const group_acts[2][2] = {{"iam:AttachGroupPolicy", "iam:attachgrouppolicy"},
						     {"iam:PutGroupPolicy", "iam:putgrouppolicy"}};
	static const char *const version_acts[2][2] = {{"iam:CreatePolicyVersion", "iam:createpolicyversion"},
						       {"iam:SetDefaultPolicyVersion", "iam:setdefaultpolicyversion"}};
	const struct ys_iam_model *m = b->m;
	const struct ys_mprin *mp = &m->prin[pi];
	const struct ys_principal *p = mp->p;
	int user = p->kind == YS_P_USER;
	const char *const(*own)[2] = user ? user_acts : role_acts;
	struct ys_esc_step st;
	size_t i, j, k;

	for (i = 0; i < 2; i++)
		if (ys_mprin_may(mp, own[i][1]) && allowed(b, mp, own[i][0], p->arn, NULL, &st))
			return edge(b, pi, b->g->admin, method_of(own[i][1]), "gives itself any policy", &st, 1) ? 1 : -1;
	for (i = 0; user && i < p->ngroups; i++)
		for (j = 0; p->grps[i] && j < 2; j++)
			if (ys_mprin_may(mp, group_acts[j][1]) &&
			    allowed(b, mp, group_acts[j][0], p->grps[i]->arn, NULL, &st))
				return edge(b, pi, b->g->admin, method_of(group_acts[j][1]),
					    "gives a group of its own any policy", &st, 1) ? 1 : -1;
	/* customer managed policies it holds, directly or through a group */
	for (j = 0; j < 2; j++) {
		if (!ys_mprin_may(mp, version_acts[j][1]))
			continue;
		for (i = 0; i <= (user ? p->ngroups : 0); i++) {
			const struct ys_principal *holder = i ? p->grps[i - 1] : p;

			for (k = 0; holder && k < holder->nattached; k++) {
				const struct ys_mpolicy *pol = holder->pols[k];

				if (pol && !pol->aws_managed && allowed(b, mp, version_acts[j][0], pol->arn, NULL, &st))
					return edge(b, pi, b->g->admin, method_of(version_acts[j][1]),
						    j ? "makes another version of a policy it holds the default"
						      : "writes a new version of a policy it holds",
						    &st, 1) ? 1 : -1;
			}
		}
	}
	return 0;
}

/* can p give target (a user or role) any permission? The step into *st */
static int empowers(struct builder *b, const struct ys_mprin *mp, const struct ys_mprin *target,
		    struct ys_esc_step *st)
{
	int user = target->p->kind == YS_P_USER;
	const char *acts[2][2] = {{user ? "iam:AttachUserPolicy" : "iam:AttachRolePolicy",
				   user ? "iam:attachuserpolicy" : "iam:attachrolepolicy"},
				  {user ? "iam:PutUserPolicy" : "iam:PutRolePolicy",
				   user ? "iam:putuserpolicy" : "iam:putrolepolicy"}};
	size_t i;

	for (i = 0; i < 2; i++)
		if (ys_mprin_may(mp, acts[i][1]) && allowed(b, mp, acts[i][0], target->p->arn, NULL, st))
			return 1;
	return 0;
}

/* the context of every request, with one key more */
static struct ys_ctx with_key(const struct ys_ctx *base, struct ys_ckey *buf, size_t cap,
			      const char *key, const char *const *val)
{
	size_t n = base->n < cap - 1 ? base->n : cap - 1;

	if (n)
		memcpy(buf, base->k, n * sizeof(*buf));
	buf[n] = (struct ys_ckey){key, val, 1, 0};
	return (struct ys_ctx){buf, n + 1, NULL, 0};
}

/* whether the role's trust policy lets the service assume it */
static int service_may_assume(struct builder *b, const struct ys_mprin *role, const char *service)
{
	struct ys_pset view;
	struct ys_pinfo pi;
	struct ys_request req;
	struct ys_decision d;

	if (!role->trust || ys_pinfo_parse(service, &pi))
		return 0;
	memset(&view, 0, sizeof(view));
	view.resource = role->trust;
	req = (struct ys_request){service, "sts:AssumeRole", role->p->arn, b->m->account, *b->ctx, &pi};
	b->g->decisions++;
	return !ys_eval(&view, &req, 0, &d) && d.verdict == YS_ALLOW;
}

/* who p can become, and what that makes it */
static int become_edges(struct builder *b, size_t pi)
{
	static const struct {
		const char *action, *lc, *how;
	} user_ways[] = {
		{"iam:CreateAccessKey", "iam:createaccesskey", "creates an access key for it"},
		{"iam:CreateLoginProfile", "iam:createloginprofile", "gives it a console password"},
		{"iam:UpdateLoginProfile", "iam:updateloginprofile", "changes its console password"},
	};
	const struct ys_iam_model *m = b->m;
	const struct ys_mprin *mp = &m->prin[pi];
	struct ys_esc_step st[2];
	struct ys_ckey keys[64];
	size_t t, k, w, first = b->g->n;
	int upd, pass;

	for (w = 0; w < sizeof(user_ways) / sizeof(user_ways[0]); w++) {
		if (!ys_mprin_may(mp, user_ways[w].lc))
			continue;
		for (t = 0; t < m->nusers; t++)
			if (t != pi && allowed(b, mp, user_ways[w].action, m->prin[t].p->arn, NULL, &st[0]) &&
			    !edge(b, pi, t, method_of(user_ways[w].lc), user_ways[w].how, st, 1))
				return -1;
	}
	upd = ys_mprin_may(mp, "iam:updateassumerolepolicy");
	pass = ys_mprin_may(mp, "iam:passrole");
	if (!upd && !pass && !mp->may_assume && !b->named[pi])
		t = m->nprin; /* no role to become: skip them all */
	else
		t = m->nusers;
	for (; t < m->nprin; t++) {
		const struct ys_mprin *role = &m->prin[t];

		if (t == pi)
			continue;
		if (upd && allowed(b, mp, "iam:UpdateAssumeRolePolicy", role->p->arn, NULL, &st[0])) {
			if (!edge(b, pi, t, method_of("iam:updateassumerolepolicy"),
				  "rewrites its trust policy to name itself, then assumes it", st, 1))
				return -1;
			continue;
		}
		if (role->trust && ys_iam_model_may_enter(m, role, mp) &&
		    allowed(b, mp, "sts:AssumeRole", role->p->arn, NULL, &st[0])) {
			if (!edge(b, pi, t, "AssumeRole", "assumes it (its trust policy lets it)", st, 1))
				return -1;
			continue;
		}
		if (!pass || !role->trust)
			continue;
		for (k = 0; k < tab.n; k++) {
			const struct method *me = &tab.v[k];
			const char *svc[1] = {me->service};
			struct ys_ctx ctx;
			size_t a;

			if (!me->passrole || !me->service || !service_may_assume(b, role, me->service))
				continue;
			for (a = 0; a < me->nact && ys_mprin_may(mp, me->act[a]); a++)
				;
			if (a < me->nact)
				continue;
			ctx = with_key(b->ctx, keys, sizeof(keys) / sizeof(keys[0]), "iam:PassedToService", svc);
			if (allowed(b, mp, "iam:PassRole", role->p->arn, &ctx, &st[0])) {
				char how[160];
				const char *h;

				snprintf(how, sizeof(how), "passes it to %s (%s), then runs code as it",
					 me->service, me->act[0]);
				if (!(h = keep(b->g, how)) || !edge(b, pi, t, me->name, h, st, 1))
					return -1;
				break;
			}
		}
	}
	/* those it can become and also give any policy: it makes them administrators, then acts
	 * as them */
	for (w = first; w < b->g->n; w++) {
		const struct ys_esc_edge *e = &b->g->e[w];

		if (e->to >= m->nprin || !empowers(b, mp, &m->prin[e->to], &st[0]))
			continue;
		st[1] = e->step[0];
		if (!edge(b, pi, b->g->admin, "attach a policy, then act as it",
			  "gives one it can become any policy, then acts as it", st, 2))
			return -1;
		break;
	}
	return 0;
}

/* users that can add themselves to a group: administrator when the group's policies let a
 * member give itself any policy, else an edge to the group (its permissions are gained) */
static int join_edges(struct builder *b, size_t pi)
{
	const struct ys_iam_model *m = b->m;
	const struct ys_mprin *mp = &m->prin[pi];
	struct ys_esc_step st[2];
	size_t gi, i;

	if (mp->p->kind != YS_P_USER || !ys_mprin_may(mp, "iam:addusertogroup"))
		return 0;
	for (gi = 0; gi < m->ngroups; gi++) {
		struct ys_mprin as_member = *mp;
		int admin;

		for (i = 0; i < mp->p->ngroups && mp->p->grps[i] != m->groups[gi].p; i++)
			;
		if (i < mp->p->ngroups || !allowed(b, mp, "iam:AddUserToGroup", group_arn(m, gi), NULL, &st[0]))
			continue;
		/* the member's view: the group's policies, under the user's boundary */
		as_member.id = m->groups[gi].pol;
		as_member.nid = m->groups[gi].n;
		admin = ys_mprin_may(&as_member, "iam:attachuserpolicy") &&
			allowed(b, &as_member, "iam:AttachUserPolicy", mp->p->arn, NULL, &st[1]);
		if (!edge(b, pi, admin ? b->g->admin : m->nprin + gi, method_of("iam:addusertogroup"),
			  admin ? "adds itself to a group whose policies let it give itself any policy"
				: "adds itself to the group and gains its permissions",
			  st, admin ? 2 : 1))
			return -1;
	}
	return 0;
}

/* shortest paths to administrator: backwards from the administrators along edges between
 * principals */
static int paths(struct ys_esc_graph *g)
{
	size_t *queue = calloc(g->nprin + 1, sizeof(size_t)), head = 0, tail = 0, i;

	if (!queue)
		return -1;
	for (i = 0; i < g->nprin; i++)
		g->next[i] = -1;
	for (i = 0; i < g->n; i++)
		if (g->e[i].to == g->admin && g->next[g->e[i].from] < 0) {
			g->next[g->e[i].from] = (long)i;
			g->dist[g->e[i].from] = 1;
			queue[tail++] = g->e[i].from;
		}
	while (head < tail) {
		size_t t = queue[head++];

		for (i = 0; i < g->n; i++) {
			size_t f = g->e[i].from;

			if (g->e[i].to != t || g->next[f] >= 0)
				continue;
			g->next[f] = (long)i;
			g->dist[f] = g->dist[t] + 1;
			queue[tail++] = f;
		}
	}
	free(queue);
	return 0;
}

int ys_escalations(const struct ys_iam_model *m, const struct ys_ctx *ctx, struct ys_esc_graph *g)
{
	struct builder b = {m, ctx, g, NULL};
	size_t i;
	int r;

	memset(g, 0, sizeof(*g));
	ys_esc_methods();
	g->nprin = m->nprin;
	g->ngroups = m->ngroups;
	g->admin = m->nprin + m->ngroups;
	if (mark_named(&b) || !(g->next = calloc(m->nprin + 1, sizeof(long))) ||
	    !(g->dist = calloc(m->nprin + 1, sizeof(unsigned))) ||
	    !(g->is_admin = calloc(m->nprin + 1, 1)))
		goto fail;
	for (i = 0; i < m->nprin; i++) {
		if (!m->prin[i].may_iam && !b.named[i])
			continue; /* no statement of its names an iam: or sts: action */
		if ((r = self_empower(&b, i)) < 0)
			goto fail;
		if (r) {
			g->is_admin[i] = 1;
			continue; /* an administrator needs no other way up */
		}
		if (become_edges(&b, i) || join_edges(&b, i))
			goto fail;
	}
	if (paths(g))
		goto fail;
	free(b.named);
	return 0;
fail:
	free(b.named);
	ys_esc_graph_release(g);
	return -1;
}

void ys_esc_graph_release(struct ys_esc_graph *g)
{
	size_t i;

	for (i = 0; i < g->nstrs; i++)
		free(g->strs[i]);
	free(g->strs);
	free(g->e);
	free(g->next);
	free(g->dist);
	free(g->is_admin);
	memset(g, 0, sizeof(*g));
}
