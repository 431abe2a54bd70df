/* eval.c: deciding requests against compiled policies (compile.c): the order AWS documents,
 * principals matched in resource policies, the deciding statements kept */
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

const char *ys_layer_name(enum ys_layer l)
{
	static const char *const names[] = {"scp", "rcp", "resource", "identity", "boundary", "session"};

	return names[l];
}

const char *ys_verdict_name(enum ys_verdict v)
{
	return v == YS_ALLOW ? "allow" : v == YS_EXPLICIT_DENY ? "explicit deny" : "implicit deny";
}

/* how a statement's Principal names the caller */
enum { PM_NONE, PM_ACCOUNT, PM_ROLE, PM_STAR, PM_EXACT };

struct rq {
	const struct ys_request *req;
	const struct ys_pinfo *pi;
	struct ys_pinfo own; /* the principal read here, when the request brings none */
	const char *res_account;
	char action[256];	/* lower-case */
	size_t actlen, reslen;
	char service[64];	/* lower-case */
	struct ys_ctx ctx;
	int has_boundary;
	int explain;
	struct ys_because deny[YS_EVAL_MAX_BECAUSE], allow[YS_EVAL_MAX_BECAUSE];
	size_t ndeny, nallow;
};

static int action_matches(const struct ys_cstmt *s, const struct rq *r)
{
	size_t i;

	for (i = 0; i < s->nact; i++)
		if (ys_pat_match(&s->act[i], r->action, r->actlen, 0))
			return !s->not_action;
	return s->not_action;
}

/* whether the ARN parts before the resource part (partition, service, region, account), up to
 * the first variable, could match the resource's */
static int prefix_may_match(const char *pattern, const char *res)
{
	char buf[2048];
	const char *v = strstr(pattern, "${"), *p = pattern;
	size_t n;
	int colons = 0;

	while (*p && colons < 5 && (!v || p < v))
		colons += *p++ == ':';
	n = (size_t)(p - pattern);
	if (n + 2 > sizeof(buf))
		return 1;
	memcpy(buf, pattern, n);
	buf[n] = '*';
	buf[n + 1] = '\0';
	return ys_glob(buf, res, YS_GLOB_SEGMENT);
}

static int resource_matches(const struct ys_cstmt *s, const struct rq *r)
{
	const char *res = r->req->resource;
	char buf[2048];
	size_t i;
	int hit = s->any_resource;

	for (i = 0; !hit && i < s->nres; i++) {
		if (s->resvar[i]) {
			if (ys_vars_expand(s->res[i].s, &r->ctx, 1, buf, sizeof(buf)) < 0) {
				/* a variable without a value matches nothing; in NotResource it
				 * leaves the statement out, unless the text before the variable
				 * already rules the resource out (as iam-simulate reads it) */
				if (s->not_resource && prefix_may_match(s->res[i].s, res))
					return 0;
				continue;
			}
			if (ys_glob(buf, res, YS_GLOB_SEGMENT | YS_GLOB_ESC))
				hit = 1;
		} else if (ys_pat_match(&s->res[i], res, r->reslen, YS_GLOB_SEGMENT)) {
			hit = 1;
		}
	}
	return s->not_resource ? !hit : hit;
}

/* "arn:PART:iam::ACCOUNT:root" or a bare account id naming the caller's account */
static int names_account(const char *e, const struct ys_pinfo *pi)
{
	size_t n;

	if (!pi->account[0])
		return 0;
	if (!strcmp(e, pi->account))
		return 1;
	if (strncmp(e, "arn:", 4) || !(e = strchr(e + 4, ':')) || strncmp(e, ":iam::", 6))
		return 0;
	e += 6;
	n = strlen(pi->account);
	return !strncmp(e, pi->account, n) && !strcmp(e + n, ":root");
}

/* a role ARN (any path) naming the role the caller's session belongs to */
static int names_role(const char *e, const struct ys_pinfo *pi)
{
	const char *c = strstr(e, ":iam::"), *r, *slash;
	size_t n = strlen(pi->account);

	if ((pi->type != YS_PT_SESSION && pi->type != YS_PT_ROLE) || !c || strncmp(e, "arn:", 4))
		return 0;
	c += 6;
	if (strncmp(c, pi->account, n) || strncmp(c + n, ":role/", 6))
		return 0;
	r = c + n + 6;
	slash = strrchr(r, '/');
	return !strcmp(slash ? slash + 1 : r, pi->name);
}

static int aws_entry(const char *e, const struct ys_pinfo *pi)
{
	switch (pi->type) {
	case YS_PT_ROOT:
		return names_account(e, pi) ? PM_EXACT : PM_NONE;
	case YS_PT_USER:
	case YS_PT_FEDERATED:
		if (!strcmp(e, pi->arn))
			return PM_EXACT;
		return names_account(e, pi) ? PM_ACCOUNT : PM_NONE;
	case YS_PT_SESSION:
		if (!strcmp(e, pi->arn))
			return PM_EXACT;
		/* fall through */
	case YS_PT_ROLE:
		if (names_role(e, pi))
			return PM_ROLE;
		return names_account(e, pi) ? PM_ACCOUNT : PM_NONE;
	default:
		return PM_NONE;
	}
}

/* a provider named under "Federated" (by the ARN or the name it was read from) */
static int names_other(const struct ys_cstmt *s, const struct ys_pinfo *pi)
{
	size_t i;

	for (i = 0; i < s->nfed; i++)
		if (!strcmp(s->fed[i], pi->arn))
			return 1;
	return 0;
}

/* NotPrincipal: the caller is left out only when its account and the caller itself are named */
static int excluded(const struct ys_cstmt *s, const struct ys_pinfo *pi)
{
	int account = 0, own = 0;
	size_t i;

	if (s->star)
		return 1;
	if (pi->type == YS_PT_PROVIDER)
		return names_other(s, pi);
	if (pi->type == YS_PT_SERVICE) {
		for (i = 0; i < s->nsvc; i++)
			if (!strcmp(s->svc[i], pi->arn))
				return 1;
		return 0;
	}
	for (i = 0; i < s->nother; i++)
		if (!strcmp(s->other[i], pi->arn))
			return 1;
	for (i = 0; i < s->naws; i++) {
		account |= names_account(s->aws[i], pi);
		own |= !strcmp(s->aws[i], pi->arn) || names_role(s->aws[i], pi);
	}
	return pi->type == YS_PT_ROOT ? account : account && own;
}

static int principal_match(const struct ys_cstmt *s, const struct rq *r)
{
	const struct ys_pinfo *pi = r->pi;
	int best = PM_NONE, m;
	size_t i;

	if (!s->has_principal)
		return PM_EXACT;
	if (s->not_principal) {
		/* a Deny with NotPrincipal holds for every caller with a permissions boundary */
		if (!s->allow && r->has_boundary)
			return PM_STAR;
		return excluded(s, pi) ? PM_NONE : PM_STAR;
	}
	if (s->star)
		return PM_STAR;
	if (pi->type == YS_PT_PROVIDER)
		return names_other(s, pi) ? PM_EXACT : PM_NONE;
	if (pi->type == YS_PT_SERVICE) {
		for (i = 0; i < s->nsvc; i++)
			if (!strcmp(s->svc[i], pi->arn))
				return PM_EXACT;
		return PM_NONE;
	}
	for (i = 0; i < s->nother; i++)
		if (!strcmp(s->other[i], pi->arn))
			return PM_EXACT;
	for (i = 0; i < s->naws && best < PM_EXACT; i++)
		if ((m = aws_entry(s->aws[i], pi)) > best)
			best = m;
	return best;
}

static void note_because(struct ys_because *list, size_t *n, enum ys_layer layer,
			 const struct ys_level *lv, const struct ys_cpolicy *p, size_t i)
{
	if (*n < YS_EVAL_MAX_BECAUSE)
		list[(*n)++] = (struct ys_because){layer, lv, p, i};
}

/* what a policy says of the request */
#define F_DENY 1
#define F_ALLOW 2
#define F_EXACT 4   /* resource policies: the allow names the caller */
#define F_ROLE 8    /* ... names the caller's role */
#define F_ACCOUNT 16 /* ... names the caller's account */
#define F_STAR 32   /* ... is for everyone ("*") */

static unsigned scan(const struct ys_cpolicy *p, enum ys_layer layer, const struct ys_level *lv,
		     struct rq *r)
{
	unsigned f = 0;
	size_t i;

	for (i = 0; i < p->n; i++) {
		const struct ys_cstmt *s = &p->st[i];
		int pm;

		if (s->broken || (s->allow && (f & F_ALLOW) && !r->explain && layer != YS_L_RESOURCE) ||
		    !action_matches(s, r) || !resource_matches(s, r) ||
		    !(pm = principal_match(s, r)) || !ys_cond_eval(s->cond, s->ncond, &r->ctx))
			continue;
		if (!s->allow) {
			f |= F_DENY;
			note_because(r->deny, &r->ndeny, layer, lv, p, i);
			if (!r->explain)
				return f;
			continue;
		}
		f |= F_ALLOW | (pm == PM_EXACT	  ? F_EXACT
				: pm == PM_STAR ? F_STAR
				: pm == PM_ROLE ? F_ROLE
						: F_ACCOUNT);
		note_because(r->allow, &r->nallow, layer, lv, p, i);
	}
	return f;
}

/* each level of SCPs or RCPs: denies, and the first level without an allow */
static unsigned scan_levels(const struct ys_level *lv, size_t n, enum ys_layer layer, struct rq *r,
			    const struct ys_level **gap)
{
	unsigned all = 0;
	size_t i, j;

	*gap = NULL;
	for (i = 0; i < n; i++) {
		unsigned f = 0;

		for (j = 0; j < lv[i].n; j++)
			f |= scan(lv[i].pol[j], layer, &lv[i], r);
		all |= f & F_DENY;
		if (!(f & F_ALLOW) && !*gap)
			*gap = &lv[i];
		if ((f & F_DENY) && !r->explain)
			break;
	}
	return all;
}

/* aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username */
struct derived {
	struct ys_ckey k[4];
	const char *v[4];
	char root[64];
};

static size_t derive(const struct ys_pinfo *pi, struct derived *d)
{
	size_t n = 0;

	if (pi->type == YS_PT_ANONYMOUS || pi->type == YS_PT_SERVICE || pi->type == YS_PT_UNKNOWN ||
	    pi->type == YS_PT_PROVIDER)
		return 0;
	if (pi->type == YS_PT_ROOT) {
		snprintf(d->root, sizeof(d->root), "arn:%s:iam::%s:root", pi->partition, pi->account);
		d->v[0] = d->root;
	} else {
		d->v[0] = pi->role_arn;
	}
	d->v[1] = pi->account;
	d->v[2] = ys_ptype_name(pi->type);
	d->v[3] = pi->name;
	d->k[n++] = (struct ys_ckey){"aws:PrincipalArn", &d->v[0], 1, 0};
	d->k[n++] = (struct ys_ckey){"aws:PrincipalAccount", &d->v[1], 1, 0};
	d->k[n++] = (struct ys_ckey){"aws:PrincipalType", &d->v[2], 1, 0};
	if (pi->type == YS_PT_USER)
		d->k[n++] = (struct ys_ckey){"aws:username", &d->v[3], 1, 0};
	return n;
}

static int set_result(struct ys_decision *d, struct rq *r, enum ys_verdict v, enum ys_layer gap,
		      const struct ys_level *gap_level, const char *note)
{
	d->verdict = v;
	d->gap = gap;
	d->gap_level = gap_level;
	d->note = note;
	d->nby = 0;
	if (v == YS_EXPLICIT_DENY) {
		memcpy(d->by, r->deny, r->ndeny * sizeof(r->deny[0]));
		d->nby = r->ndeny;
	} else if (v == YS_ALLOW) {
		memcpy(d->by, r->allow, r->nallow * sizeof(r->allow[0]));
		d->nby = r->nallow;
	}
	return 0;
}

/* which service's resource policy alone decides (its absence denies) */
static const char *resource_policy_required(const struct rq *r)
{
	if (!strcmp(r->service, "kms") && strstr(r->req->resource, ":key/"))
		return "a KMS key is used only as its key policy allows";
	if (!strncmp(r->action, "sts:assumerole", 14))
		return "a role is assumed only as its trust policy allows";
	return NULL;
}

/* reads the request's principal, action and service; -1 when the principal cannot be read */
static int rq_init(struct rq *r, const struct ys_request *req, struct derived *dv, int explain)
{
	size_t n;

	r->req = req;
	r->explain = explain;
	r->ndeny = r->nallow = 0;
	r->has_boundary = 0;
	if (req->pi)
		r->pi = req->pi;
	else if (ys_pinfo_parse(req->principal, &r->own))
		return -1;
	else
		r->pi = &r->own;
	ys_lower(req->action, r->action, sizeof(r->action));
	r->actlen = strlen(r->action);
	r->reslen = strlen(req->resource);
	n = strcspn(r->action, ":");
	n = n < sizeof(r->service) ? n : sizeof(r->service) - 1;
	memcpy(r->service, r->action, n); /* the action's service prefix */
	r->service[n] = '\0';
	r->res_account = req->resource_account && *req->resource_account ? req->resource_account
									 : r->pi->account;
	r->ctx = req->ctx;
	r->ctx.derived = dv->k;
	r->ctx.nderived = derive(r->pi, dv);
	return 0;
}

long ys_eval_admitting(const struct ys_cpolicy *p, const struct ys_request *req, size_t *out,
		       size_t max)
{
	struct rq r;
	struct derived dv;
	size_t i, n = 0;

	if (rq_init(&r, req, &dv, 1))
		return -1;
	for (i = 0; i < p->n; i++) {
		const struct ys_cstmt *s = &p->st[i];

		if (!s->allow || s->broken || !action_matches(s, &r) || !resource_matches(s, &r) ||
		    !principal_match(s, &r))
			continue;
		if (n < max)
			out[n] = i;
		n++;
	}
	return (long)n;
}

int ys_eval(const struct ys_pset *ps, const struct ys_request *req, int explain,
	    struct ys_decision *d)
{
	struct rq r;
	struct derived dv;
	const struct ys_level *scp_gap = NULL, *rcp_gap = NULL;
	unsigned deny = 0, res = 0, id = 0, pb = 0, sp = 0;
	const char *required, *note = NULL;
	int iam, same, scp_applies, rcp_applies;
	size_t i;

	d->nby = 0;
	if (rq_init(&r, req, &dv, explain))
		return -1;
	r.has_boundary = ps->boundary != NULL;
	iam = r.pi->type != YS_PT_ANONYMOUS && r.pi->type != YS_PT_SERVICE && r.pi->type != YS_PT_PROVIDER;
	same = iam && !strcmp(r.pi->account, r.res_account);
	required = resource_policy_required(&r);

	/* every policy's denies; SCPs bind the caller's account, RCPs the resource's */
	scp_applies = iam && !r.pi->service_linked && ps->nscp;
	rcp_applies = !r.pi->service_linked && ps->nrcp && ys_catalog_rcp_service(r.service);
	if (scp_applies)
		deny |= scan_levels(ps->scp, ps->nscp, YS_L_SCP, &r, &scp_gap) & F_DENY;
	if (rcp_applies && (!deny || explain))
		deny |= scan_levels(ps->rcp, ps->nrcp, YS_L_RCP, &r, &rcp_gap) & F_DENY;
	if (ps->resource && (!deny || explain))
		deny |= (res = scan(ps->resource, YS_L_RESOURCE, NULL, &r)) & F_DENY;
	if (iam && r.pi->type != YS_PT_ROOT) {
		for (i = 0; i < ps->nidentity && (!deny || explain); i++)
			deny |= (id |= scan(ps->identity[i], YS_L_IDENTITY, NULL, &r)) & F_DENY;
		if (ps->boundary && (!deny || explain))
			deny |= (pb = scan(ps->boundary, YS_L_BOUNDARY, NULL, &r)) & F_DENY;
		if (ps->session && (!deny || explain))
			deny |= (sp = scan(ps->session, YS_L_SESSION, NULL, &r)) & F_DENY;
	}
	if (deny)
		return set_result(d, &r, YS_EXPLICIT_DENY, 0, NULL, NULL);
	/* RCPFullAWSAccess is attached at every level and cannot be detached: an RCP only denies */
	(void)rcp_gap;
	if (scp_gap)
		return set_result(d, &r, YS_IMPLICIT_DENY, YS_L_SCP, scp_gap, NULL);

	if (!iam) /* anonymous, a service or a provider's user: only a resource policy naming it
		   * (or "*") */
		return set_result(d, &r, res & (F_EXACT | F_STAR) ? YS_ALLOW : YS_IMPLICIT_DENY, YS_L_RESOURCE,
				  NULL, NULL);
	if (required && !(res & F_ALLOW))
		return set_result(d, &r, YS_IMPLICIT_DENY, YS_L_RESOURCE, NULL, required);
	if (!same && !(res & F_ALLOW))
		return set_result(d, &r, YS_IMPLICIT_DENY, YS_L_RESOURCE, NULL,
				  "a request to another account's resource needs its resource policy to allow");
	if (r.pi->type == YS_PT_ROOT) /* the root user: all its account's policies but denies */
		return set_result(d, &r, YS_ALLOW, 0, NULL, NULL);
	if (same && (res & F_EXACT)) {
		/* naming the user or session itself: no identity policy, boundary or session policy
		 * needs to allow */
		return set_result(d, &r, YS_ALLOW, 0, NULL, NULL);
	}
	if (same && (res & F_STAR) && !(ps->session && !(sp & F_ALLOW))) {
		/* "*": not limited by the boundary, but by a session policy, which only a resource
		 * policy naming the session itself escapes */
		return set_result(d, &r, YS_ALLOW, 0, NULL, NULL);
	}
	if (same && (res & F_ROLE)) {
		/* naming the role: its sessions stay within the boundary and session policy */
		if (ps->boundary && !(pb & F_ALLOW))
			return set_result(d, &r, YS_IMPLICIT_DENY, YS_L_BOUNDARY, NULL, NULL);
		if (ps->session && !(sp & F_ALLOW))
			return set_result(d, &r, YS_IMPLICIT_DENY, YS_L_SESSION, NULL, NULL);
		return set_result(d, &r, YS_ALLOW, 0, NULL, NULL);
	}
	if (!(id & F_ALLOW))
		return set_result(d, &r, YS_IMPLICIT_DENY, YS_L_IDENTITY, NULL, note);
	if (ps->boundary && !(pb & F_ALLOW))
		return set_result(d, &r, YS_IMPLICIT_DENY, YS_L_BOUNDARY, NULL, NULL);
	if (ps->session && !(sp & F_ALLOW))
		return set_result(d, &r, YS_IMPLICIT_DENY, YS_L_SESSION, NULL, NULL);
	return set_result(d, &r, YS_ALLOW, 0, NULL, NULL);
}

void ys_because_label(const struct ys_because *b, char *out, size_t n)
{
	if (b->level)
		snprintf(out, n, "%s:%s/%s#%zu", ys_layer_name(b->layer), b->level->name, b->pol->name,
			 b->stmt + 1);
	else
		snprintf(out, n, "%s:%s#%zu", ys_layer_name(b->layer), b->pol->name, b->stmt + 1);
}
