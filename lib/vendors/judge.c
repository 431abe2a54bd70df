/* judge.c: naming each outsider (from the vendors' list or the organization, never guessed),
 * what each role it can assume reaches, how bad each way in is and the first thing to do, and
 * the order: worst first */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "find.h"
#include "guards.h"
#include "../base/grow.h"
#include "../base/isotime.h"
#include "../base/strbuf.h"
#include "../banned.h"

const char *ys_vkeep(struct ys_vendors *v, const char *s)
{
	size_t n;
	char *d;

	if (!s)
		return NULL;
	n = strlen(s) + 1;
	if (!(d = ys_arena_alloc(&v->arena, n)))
		return NULL;
	memcpy(d, s, n);
	return d;
}

const char *ys_vfmt(struct ys_vendors *v, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return ys_vkeep(v, buf);
}

/* a CI system's or provider's name, with what tells its customers apart (CircleCI's org,
 * Bitbucket's workspace, GitHub's enterprise) */
static const char *provider_name(struct ys_vendors *v, const struct ys_vwho *who)
{
	const struct ys_oidc_issuer *iss = who->pi.saml ? NULL : ys_oidc_issuer(who->id);
	const char *tail;
	char t[200];
	size_t n;

	if (who->pi.saml) {
		size_t len = strlen(who->id);

		/* the provider IAM Identity Center makes in each account it manages */
		if (!strncmp(who->id, "AWSSSO_", 7) && len > 14 && !strcmp(who->id + len - 14, "_DO_NOT_DELETE"))
			return ys_vfmt(v, "IAM Identity Center (SAML provider %s)", who->id);
		return ys_vfmt(v, "SAML provider %s", who->id);
	}
	if (!iss)
		return ys_vfmt(v, "OIDC provider %s", who->id);
	tail = who->id + strlen(iss->prefix);
	while (*tail == '/')
		tail++;
	snprintf(t, sizeof(t), "%s", tail);
	n = strlen(t);
	if (n > 31 && !strcmp(t + n - 31, "/pipelines-config/identity/oidc"))
		t[n - 31] = '\0';
	return *t ? ys_vfmt(v, "%s (%s)", iss->name, t) : iss->name;
}

struct ys_vendor *ys_vgroup(struct ys_vfind *f, const struct ys_vwho *who)
{
	struct ys_vendors *v = f->out;
	struct ys_vendor *g;
	enum ys_vkind kind = who->kind;
	const struct ys_known_account *k = NULL;
	const struct ys_org_account *oa = NULL;
	size_t i;

	if (kind == YS_VK_UNKNOWN) {
		if (f->o->known && (k = ys_known_find(f->o->known, who->id)))
			kind = k->aws ? YS_VK_AWS : YS_VK_VENDOR;
		else if (f->o->org && (oa = ys_org_account(f->o->org, who->id)))
			kind = YS_VK_ORG;
		else if (v->management && !strcmp(v->management, who->id))
			kind = YS_VK_ORG; /* the snapshot's own describe-organization names it */
	}
	for (i = 0; i < v->n; i++)
		if (v->v[i].kind == kind && !strcmp(v->v[i].id, who->id))
			return &v->v[i];
	if (ys_grow(&v->v, &v->cap, v->n, sizeof(*v->v), 8))
		return NULL;
	g = &v->v[v->n];
	memset(g, 0, sizeof(*g));
	g->kind = kind;
	if (!(g->id = ys_vkeep(v, who->id)))
		return NULL;
	switch (kind) {
	case YS_VK_ANYONE: g->name = "anyone"; break;
	case YS_VK_UNKNOWN: g->name = "unknown account"; break;
	case YS_VK_VENDOR:
		g->name = k->retired ? ys_vfmt(v, "%s (an id the list marks retired)", k->name)
				     : ys_vkeep(v, k->name);
		g->source = ys_vkeep(v, k->source);
		g->listed_in = ys_vkeep(v, k->from);
		break;
	case YS_VK_AWS:
		g->name = ys_vfmt(v, "AWS (%s)", k->name);
		g->source = ys_vkeep(v, k->source);
		break;
	case YS_VK_ORG:
		g->name = oa ? ys_vfmt(v, "%s (this organization)", oa->name && *oa->name ? oa->name : oa->id)
			     : ys_vfmt(v, "the management account of organization %s", v->org_id ? v->org_id : "");
		break;
	case YS_VK_SERVICE: g->name = g->id; break;
	case YS_VK_CI:
	case YS_VK_IDP: g->name = provider_name(v, who); break;
	}
	if (!g->name)
		return NULL;
	v->n++;
	return g;
}

/* the stores a role reaches, in words, each under its worst verb: "destroys bucket a, bucket b;
 * reads db instance c" */
static const char *reach_words(struct ys_vendors *v, const struct ys_blast *b)
{
	static const struct {
		unsigned bit;
		const char *verb;
	} verbs[] = {{YS_BR_DESTROY, "destroys"}, {YS_BR_CHANGE, "changes"}, {YS_BR_READ, "reads"}};
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	size_t i, k;

	for (k = 0; k < 3; k++) {
		size_t shown = 0, more = 0;
		unsigned worse = k ? verbs[0].bit | (k > 1 ? verbs[1].bit : 0) : 0;

		for (i = 0; i < b->nst; i++) {
			const struct ys_cs_target *t = b->st[i].t;

			if (!(b->st[i].what & verbs[k].bit) || (b->st[i].what & worse))
				continue;
			if (shown == 4) {
				more++;
				continue;
			}
			if (!shown)
				strbuf_addf(&sb, "%s%s ", sb.len ? "; " : "", verbs[k].verb);
			strbuf_addf(&sb, "%s%s %s", shown ? ", " : "", t->kind, t->name);
			shown++;
		}
		if (more)
			strbuf_addf(&sb, " and %zu more", more);
	}
	out = sb.len ? ys_vkeep(v, sb.buf) : NULL;
	strbuf_release(&sb);
	return out;
}

/* what a role reaches, from its blast radius (worked out once per role) */
static int reach(struct ys_vfind *f, struct ys_vway *w)
{
	const struct ys_iam_model *m = f->m;
	struct ys_ctx ctx = {0};
	struct ys_blast *b;
	size_t i;

	if (!f->have_g) {
		if (ys_escalations(m, &ctx, &f->g))
			return -1;
		f->have_g = 1;
		if (ys_codespaces_stores(f->snap, m, &f->stores))
			return -1;
		if (!(f->blast = calloc(m->nprin + 1, sizeof(*f->blast))) ||
		    !(f->blasted = calloc(m->nprin + 1, 1)))
			return -1;
	}
	b = &f->blast[w->prin];
	if (!f->blasted[w->prin]) {
		if (ys_blast_opt(f->snap, m, &f->g, (size_t)w->prin, &ctx, &f->stores, YS_BLAST_NO_SERVICES, b))
			return -1;
		f->blasted[w->prin] = 1;
	}
	w->admin = b->admin;
	for (i = 0; i < b->nst; i++)
		w->access |= b->st[i].what;
	if (b->admin)
		w->access |= YS_BR_READ | YS_BR_CHANGE | YS_BR_DESTROY | YS_BR_PERMISSIONS;
	w->reach = b->admin ? (f->g.is_admin[w->prin] ? "an administrator: it can do anything in the account"
						     : "can make itself an administrator")
			    : reach_words(f->out, b);
	return 0;
}

static int64_t days_since(int64_t now, const char *iso)
{
	int64_t t = iso ? ys_time_parse(iso) : -1;

	return t < 0 || now < t ? -1 : (now - t) / 86400;
}

static const char *subject_example(const struct ys_vendor *g)
{
	const struct ys_oidc_issuer *iss = ys_oidc_issuer(g->id);

	return iss ? iss->example : "the subject your pipeline's token carries";
}

/* how bad one way in is, why, and the first thing to do */
static void weigh(struct ys_vfind *f, const struct ys_vendor *g, struct ys_vway *w)
{
	struct ys_vendors *v = f->out;
	int role = w->prin >= 0, harm = (w->access & (YS_BR_CHANGE | YS_BR_DESTROY | YS_BR_PERMISSIONS)) != 0;
	const char *where = role ? ys_vfmt(v, "role %s's trust policy", w->name)
				 : ys_vfmt(v, "the policy of %s %s", w->what, w->name);

	w->severity = 0;
	if (w->unshare && (g->kind == YS_VK_ANYONE || g->kind == YS_VK_UNKNOWN)) {
		w->severity = g->kind == YS_VK_ANYONE ? 4 : 3;
		w->why = g->kind == YS_VK_ANYONE
			? ys_vfmt(v, "anyone with an AWS account can copy %s %s: the whole of its data", w->what, w->name)
			: ys_vfmt(v, "account %s, which no vendor list or your organization names, can copy %s %s: the "
				     "whole of its data", g->id, w->what, w->name);
		w->fix = ys_vfmt(v, "stop sharing it: %s", w->unshare);
		return;
	}
	switch (g->kind) {
	case YS_VK_ANYONE:
		if (!w->open) {
			w->severity = w->guards & (YS_VG_ORG | YS_VG_SOURCE) ? 0 : 2;
			if (w->severity)
				w->why = ys_vfmt(v, "anyone may use %s %s if a condition holds that callers can set (%s)",
						 w->what, w->name, "network, MFA or ExternalId");
			break;
		}
		w->severity = role || harm ? 4 : 3;
		w->why = role ? ys_vfmt(v, "anyone with an AWS account can assume role %s", w->name)
			      : ys_vfmt(v, "anyone can act on %s %s: %s", w->what, w->name, w->actions);
		w->fix = ys_vfmt(v, "remove \"*\" from %s, or add a condition on aws:PrincipalOrgID naming your organization",
				 where);
		break;
	case YS_VK_UNKNOWN:
		w->severity = role ? (w->admin && !(w->guards & YS_VG_MFA) ? 4 : 3) : harm ? 3 : 2;
		w->why = role ? ys_vfmt(v, "account %s, which no vendor list or your organization names, can assume "
					   "role %s", g->id, w->name)
			      : ys_vfmt(v, "account %s, which no vendor list or your organization names, can act on %s "
					   "%s: %s", g->id, w->what, w->name, w->actions);
		if (role && (!strcmp(w->name, "OrganizationAccountAccessRole") ||
			     strstr(w->as, "AWSServiceRoleForCloudFormationStackSetsOrgAdmin")))
			w->fix = ys_vfmt(v, "AWS Organizations makes this role for an organization's management account: "
					    "if %s is yours, give its folder with --organization to name it; if not, "
					    "remove it from %s", g->id, where);
		else
			w->fix = ys_vfmt(v, "find out whose account %s is; if no one can say, remove it from %s "
					    "(if it is a vendor you use, name it in a list given with --known)", g->id, where);
		break;
	case YS_VK_VENDOR:
		if (role && !(w->guards & (YS_VG_EXTERNAL_ID | YS_VG_MFA))) {
			w->severity = 3;
			w->why = ys_vfmt(v, "%s can assume role %s without an ExternalId: any of %s's other customers "
					    "could have it act here (the confused deputy)", g->name, w->name, g->name);
			w->fix = ys_vfmt(v, "ask %s for the external ID it generated for this account and require it "
					    "with \"sts:ExternalId\" in %s", g->name, where);
		} else {
			w->severity = 1;
		}
		break;
	case YS_VK_CI:
	case YS_VK_IDP:
		if (w->scope == YS_VS_ANY) {
			const struct ys_oidc_issuer *iss = ys_oidc_issuer(g->id);

			w->severity = w->admin || harm ? 4 : 3;
			w->why = iss && iss->shared
				? ys_vfmt(v, "role %s trusts %s with no condition on the %s claim: anyone using %s can assume it",
					  w->name, g->name, iss->tenancy, iss->name)
				: ys_vfmt(v, "role %s trusts %s with no subject condition: every pipeline it serves can assume it",
					  w->name, g->name);
			w->fix = ys_vfmt(v, "require \"%s:%s\" in %s, naming what deploys: \"%s\"", g->id,
					 iss ? iss->tenancy : "sub", where, subject_example(g));
		} else if (w->scope == YS_VS_OWNER) {
			w->severity = w->admin || harm ? 3 : 2;
			w->why = ys_vfmt(v, "role %s lets in every repository, project or workspace of an owner (%s)",
					 w->name, w->subjects ? w->subjects : "");
			w->fix = ys_vfmt(v, "name the repositories that deploy in %s instead of a wildcard", where);
		} else if (w->scope == YS_VS_ANY_REF) {
			w->severity = w->admin || harm ? 2 : 1;
			w->why = ys_vfmt(v, "role %s lets in any branch, tag, environment or pull request of %s",
					 w->name, w->subjects ? w->subjects : "");
			w->fix = ys_vfmt(v, "pin the branch or environment that deploys in %s (\"%s\")", where,
					 subject_example(g));
		}
		break;
	case YS_VK_SERVICE:
		if (!role && !(w->guards & (YS_VG_SOURCE | YS_VG_ORG))) {
			w->severity = 2;
			w->why = ys_vfmt(v, "%s may use %s %s for any AWS account's resources, not only yours "
					    "(the confused deputy)", g->id, w->what, w->name);
			w->fix = ys_vfmt(v, "add \"aws:SourceAccount\": \"%s\" (or aws:SourceArn) to the statement of %s "
					    "that lets %s in", f->own, where, g->id);
		}
		break;
	case YS_VK_ORG:
	case YS_VK_AWS:
		break;
	}
	if (role && g->kind != YS_VK_SERVICE) {
		int64_t used = days_since(v->now, w->last_used), made = days_since(v->now, w->created);

		w->idle_days = w->last_used ? used : made;
	}
}

static int by_way(const void *a, const void *b)
{
	const struct ys_vway *x = a, *y = b;
	int c;

	if (x->severity != y->severity)
		return y->severity - x->severity;
	if ((c = strcmp(x->what, y->what)))
		return c;
	return strcmp(x->name, y->name);
}

static int by_vendor(const void *a, const void *b)
{
	const struct ys_vendor *x = a, *y = b;
	int c;

	if (x->severity != y->severity)
		return y->severity - x->severity;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if ((c = strcmp(x->name, y->name)))
		return c;
	return strcmp(x->id, y->id);
}

int ys_vjudge(struct ys_vfind *f)
{
	struct ys_vendors *v = f->out;
	size_t i, j;

	for (i = 0; i < v->n; i++) {
		struct ys_vendor *g = &v->v[i];

		for (j = 0; j < g->n; j++) {
			struct ys_vway *w = &g->w[j];

			if (w->prin >= 0 && g->kind != YS_VK_SERVICE && reach(f, w))
				return -1;
			weigh(f, g, w);
			if (w->severity > g->severity)
				g->severity = w->severity;
		}
		qsort(g->w, g->n, sizeof(*g->w), by_way);
	}
	if (v->n)
		qsort(v->v, v->n, sizeof(*v->v), by_vendor);
	return 0;
}
