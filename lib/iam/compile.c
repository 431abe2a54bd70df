/* compile.c: policies compiled for the evaluator: patterns with their lengths and literal
 * prefixes, conditions decoded, principals sorted by kind; what cannot be compiled is named */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "eval.h"
#include "catalog.h"
#include "glob.h"
#include "../base/grow.h"
#include "../banned.h"

void ys_pset_init(struct ys_pset *ps)
{
	memset(ps, 0, sizeof(*ps));
	ps->arena.first = 16384;
}

void ys_pset_release(struct ys_pset *ps)
{
	size_t i;

	for (i = 0; i < ps->nconds; i++)
		ys_cond_release(ps->conds[i]->cond, ps->conds[i]->ncond);
	for (i = 0; i < ps->nproblems; i++)
		free(ps->problems[i]);
	free(ps->problems);
	free(ps->conds);
	ys_arena_release(&ps->arena);
	memset(ps, 0, sizeof(*ps));
}

static void problem(struct ys_pset *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct ys_pset *ps, const char *fmt, ...)
{
	char buf[640], *copy;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (ys_grow(&ps->problems, &ps->problems_cap, ps->nproblems, sizeof(char *), 8) ||
	    !(copy = strdup(buf)))
		return;
	ps->problems[ps->nproblems++] = copy;
}

static char *dup_str(struct ys_arena *a, const char *s, int lower)
{
	size_t i, n = strlen(s);
	char *d = ys_arena_alloc(a, n + 1);

	if (!d)
		return NULL;
	for (i = 0; i <= n; i++)
		d[i] = lower ? (char)tolower((unsigned char)s[i]) : s[i];
	return d;
}

/* copies a list of strings as patterns; NULL (and *ok = 0) without memory */
static struct ys_pat *dup_list(struct ys_arena *a, const char *const *src, size_t n, int lower, int *ok)
{
	struct ys_pat *d;
	size_t i;

	if (!n)
		return NULL;
	if (!(d = ys_arena_alloc(a, n * sizeof(*d)))) {
		*ok = 0;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		const char *c = dup_str(a, src[i], lower);

		if (!c) {
			*ok = 0;
			c = "";
		}
		ys_pat_init(&d[i], c);
	}
	return d;
}

/* the strings of a principal entry's value (a string or a list), appended to *list */
static int add_principals(struct ys_arena *a, const struct ys_jval *v, const char ***list, size_t *n,
			  unsigned char *star)
{
	size_t i, k = v->type == YS_J_ARRAY ? v->len : 1, old = *n;
	const char **d;

	if (!(d = ys_arena_alloc(a, (old + k) * sizeof(char *) + 1)))
		return -1;
	if (old)
		memcpy(d, *list, old * sizeof(char *));
	for (i = 0; i < k; i++) {
		const struct ys_jval *e = v->type == YS_J_ARRAY ? &v->u.items[i] : v;

		if (e->type != YS_J_STRING)
			return 1;
		if (star && !strcmp(e->u.str, "*"))
			*star = 1;
		if (!(d[(*n)++] = dup_str(a, e->u.str, 0)))
			return -1;
	}
	*list = d;
	return 0;
}

static int compile_principal(struct ys_arena *a, const struct ys_jval *p, struct ys_cstmt *c)
{
	size_t i;
	int rc;

	c->has_principal = 1;
	if (p->type == YS_J_STRING) {
		if (strcmp(p->u.str, "*"))
			return 1; /* only "*" stands alone */
		c->star = 1;
		return 0;
	}
	if (p->type != YS_J_OBJECT)
		return 1;
	for (i = 0; i < p->len; i++) {
		const char *k = p->u.members[i].key;
		const struct ys_jval *v = &p->u.members[i].val;

		if (!strcmp(k, "AWS"))
			rc = add_principals(a, v, &c->aws, &c->naws, &c->star);
		else if (!strcmp(k, "Service"))
			rc = add_principals(a, v, &c->svc, &c->nsvc, NULL);
		else if (!strcmp(k, "Federated"))
			rc = add_principals(a, v, &c->fed, &c->nfed, NULL);
		else if (!strcmp(k, "CanonicalUser"))
			rc = add_principals(a, v, &c->other, &c->nother, NULL);
		else
			return 1;
		if (rc)
			return rc;
	}
	return 0;
}

/* the actions of a statement that are not service:Name, or that AWS does not publish
 * (wildcards are checked for their service only), in one message */
static void check_actions(struct ys_pset *ps, const char *name, size_t idx, const struct ys_pstmt *s)
{
	char list[400] = "";
	size_t i, bad = 0, used = 0;

	for (i = 0; i < s->nactions; i++) {
		const char *action = s->actions[i], *colon = strchr(action, ':');
		char svc[64];
		int n;

		if (!strcmp(action, "*"))
			continue;
		if (colon && colon != action) {
			snprintf(svc, sizeof(svc), "%.*s", (int)(colon - action), action);
			if (ys_has_wild(svc) || (ys_catalog_service(svc) && (ys_has_wild(colon) || ys_catalog_find(action))))
				continue;
		}
		if (bad++ < 4 && used < sizeof(list) &&
		    (n = snprintf(list + used, sizeof(list) - used, "%s'%s'", used ? ", " : "", action)) > 0)
			used += (size_t)n;
	}
	if (bad)
		problem(ps, "policy %s statement %zu: %zu action%s AWS does not publish (retired, misspelt or not "
			    "service:Name): %s%s",
			name, idx + 1, bad, bad == 1 ? "" : "s", list, bad > 4 ? " ..." : "");
}

static int compile_stmt(struct ys_pset *ps, const char *name, size_t idx, const struct ys_pstmt *s,
			int vars, int resource_policy, struct ys_cstmt *c)
{
	struct ys_arena *a = &ps->arena;
	struct ys_error err;
	size_t i;
	int ok = 1, rc;

	memset(c, 0, sizeof(*c));
	c->allow = (unsigned char)s->allow;
	c->not_action = (unsigned char)s->not_action;
	c->not_resource = (unsigned char)s->not_resource;
	c->not_principal = (unsigned char)s->not_principal;
	c->act = dup_list(a, s->actions, s->nactions, 1, &ok);
	if (s->nactions && (c->act_src = ys_arena_alloc(a, s->nactions * sizeof(char *))))
		for (i = 0; i < s->nactions; i++)
			c->act_src[i] = c->act[i].s;
	for (i = 0; c->act_src && i < s->nactions; i++)
		if (strcmp(s->actions[i], c->act[i].s) && !(c->act_src[i] = dup_str(a, s->actions[i], 0)))
			ok = 0;
	if (s->nactions && !c->act_src)
		ok = 0;
	c->nact = s->nactions;
	if (!ps->quiet_actions)
		check_actions(ps, name, idx, s);
	c->res = dup_list(a, s->resources, s->nresources, 0, &ok);
	c->nres = s->nresources;
	if (s->sid && !(c->sid = dup_str(a, s->sid, 0)))
		ok = 0;
	if (!ok || (c->nres && !(c->resvar = ys_arena_alloc(a, c->nres))))
		return -1;
	for (i = 0; i < c->nres; i++) {
		c->resvar[i] = vars && strstr(c->res[i].s, "${");
		if (!strcmp(c->res[i].s, "*"))
			c->any_resource = 1;
	}
	if (!c->nres && !c->not_resource) {
		if (resource_policy) {
			c->any_resource = 1;
		} else {
			problem(ps, "policy %s statement %zu: no Resource or NotResource", name, idx + 1);
			c->broken = 1;
		}
	}
	if (s->principal && s->not_principal && s->allow) {
		problem(ps, "policy %s statement %zu: NotPrincipal with Allow is not supported by AWS", name,
			idx + 1);
		c->broken = 1;
	}
	if (s->principal && (rc = compile_principal(a, s->principal, c))) {
		if (rc < 0)
			return -1;
		problem(ps, "policy %s statement %zu: Principal is not \"*\" or an object of lists", name,
			idx + 1);
		c->broken = 1;
	}
	ys_error_clear(&err);
	rc = ys_cond_compile(s->condition, vars, a, &c->cond, &c->ncond, &err);
	if (rc == YS_ENOMEM)
		return -1;
	if (rc) {
		problem(ps, "policy %s statement %zu: %s", name, idx + 1, err.msg);
		c->broken = 1;
		c->cond = NULL;
		c->ncond = 0;
	}
	return 0;
}

struct ys_cpolicy *ys_pset_compile(struct ys_pset *ps, const char *name, const struct ys_policy *p,
				   int resource_policy)
{
	struct ys_cpolicy *cp = ys_arena_alloc(&ps->arena, sizeof(*cp));
	size_t i;

	if (!cp || !(cp->name = dup_str(&ps->arena, name, 0)))
		return NULL;
	if (p->n > YS_EVAL_MAX_STATEMENTS) {
		/* no policy AWS accepts comes near (10,240 characters at most) */
		problem(ps, "policy %s: %zu statements, oversized (AWS accepts at most 10,240 characters); left out",
			name, p->n);
		cp->n = 0;
		cp->st = NULL;
		return cp;
	}
	cp->n = p->n;
	if (!(cp->st = ys_arena_alloc(&ps->arena, p->n * sizeof(*cp->st) + 1)))
		return NULL;
	for (i = 0; i < p->n; i++) {
		if (compile_stmt(ps, name, i, &p->st[i], p->vars, resource_policy, &cp->st[i]))
			return NULL;
		if (cp->st[i].ncond) {
			if (ys_grow(&ps->conds, &ps->conds_cap, ps->nconds, sizeof(*ps->conds), 16)) {
				ys_cond_release(cp->st[i].cond, cp->st[i].ncond);
				return NULL;
			}
			ps->conds[ps->nconds++] = &cp->st[i];
		}
	}
	return cp;
}

struct ys_cpolicy *ys_pset_read(struct ys_pset *ps, const char *name, const struct ys_jval *doc,
				int resource_policy, struct ys_error *err)
{
	struct ys_policy p;
	struct ys_cpolicy *cp;

	if (ys_policy_parse(doc, &p, err))
		return NULL;
	cp = ys_pset_compile(ps, name, &p, resource_policy);
	ys_policy_release(&p);
	if (!cp)
		ys_error_set(err, YS_ENOMEM, "out of memory");
	return cp;
}
