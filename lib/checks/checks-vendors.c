/* checks-vendors.c: the vendor chain's checks: a vendor's role without an external ID, a trust of
 * an account nobody names, an OIDC role open to others' repositories, a service let into a
 * resource for anyone's, a trust unused for 90 days (lib/vendors decides each) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check-api.h"
#include "../vendors/guards.h"
#include "../vendors/vendors.h"
#include "../banned.h"

const struct ys_vendors *ys_need_vendors(struct ys_audit *a)
{
	struct ys_vendors_opts o = {0};
	struct ys_known known;
	struct ys_error err = {0};
	struct ys_iam_model *m = NULL;
	const struct ys_account *acct;

	if (a->vendors_state > 0)
		return a->vendors;
	if (!(acct = ys_need_account(a)))
		return NULL; /* each check says why (a skip, or the file's error) */
	if (a->vendors_state < 0) {
		ys_emit(a, YS_F_ERROR, NULL, NULL, "the vendor chain cannot be worked out: %s", a->vendors_why);
		return NULL;
	}
	a->vendors_state = -1;
	if (ys_known_builtin(&known, &err) || ys_iam_model_with(a->snap, acct, &m, &err) ||
	    !(a->vendors = calloc(1, sizeof(*a->vendors)))) {
		snprintf(a->vendors_why, sizeof(a->vendors_why), "%s", *err.msg ? err.msg : "out of memory");
		ys_emit(a, YS_F_ERROR, NULL, NULL, "the vendor chain cannot be worked out: %s", a->vendors_why);
		ys_iam_model_free(m);
		ys_known_release(&known);
		return NULL;
	}
	o.known = &known;
	o.org = a->opts ? a->opts->org : NULL;
	o.now = a->now;
	o.idle_days = 90;
	if (ys_vendors_find(a->snap, m, &o, a->vendors, &err)) {
		snprintf(a->vendors_why, sizeof(a->vendors_why), "%s", err.msg);
		ys_emit(a, YS_F_ERROR, NULL, NULL, "the vendor chain cannot be worked out: %s", a->vendors_why);
		free(a->vendors);
		a->vendors = NULL;
	} else {
		a->vendors_state = 1;
	}
	ys_iam_model_free(m);
	ys_known_release(&known);
	return a->vendors;
}

void ys_audit_vendors_free(struct ys_audit *a)
{
	if (a->vendors) {
		ys_vendors_release(a->vendors);
		free(a->vendors);
	}
	a->vendors = NULL;
	a->vendors_state = 0;
}

/* each way in of the outsiders of kind (or every kind when kind < 0), for fn */
static size_t each_way(struct ys_audit *a, int kind,
		       void (*fn)(struct ys_audit *, const struct ys_vendor *, const struct ys_vway *))
{
	const struct ys_vendors *v = ys_need_vendors(a);
	size_t i, j, n = 0;

	if (!v)
		return 0;
	for (i = 0; i < v->n; i++)
		for (j = 0; j < v->v[i].n; j++)
			if (kind < 0 || v->v[i].kind == (enum ys_vkind)kind) {
				ys_about(a, v->v[i].w[j].name);
				fn(a, &v->v[i], &v->v[i].w[j]);
				ys_about(a, NULL);
				n++;
			}
	return n;
}

static void external_id(struct ys_audit *a, const struct ys_vendor *g, const struct ys_vway *w)
{
	if (w->prin < 0)
		return;
	if (w->guards & (YS_VG_EXTERNAL_ID | YS_VG_MFA))
		ys_pass(a, w->arn, NULL, "role %s lets %s (%s) in only with %s", w->name, g->name, g->id,
			w->guards & YS_VG_EXTERNAL_ID ? "its external ID" : "MFA");
	else
		ys_fail(a, w->arn, NULL, "%s (%s) can assume role %s without an external ID: another of its "
					 "customers could have it act here%s", g->name, g->id, w->name,
			w->admin ? "; the role is an administrator" : "");
}

void ys_check_vendor_external_id(struct ys_audit *a);

void ys_check_vendor_external_id(struct ys_audit *a)
{
	size_t before = a->n;

	if (ys_need_vendors(a) && (each_way(a, YS_VK_VENDOR, external_id), a->n == before))
		ys_pass(a, NULL, NULL, "no role trusts an account of a vendor the list names");
}

static void unknown(struct ys_audit *a, const struct ys_vendor *g, const struct ys_vway *w)
{
	(void)g;
	if (w->prin >= 0)
		ys_fail(a, w->arn, NULL, "role %s trusts account %s, which no vendor list or the organization "
					 "names%s", w->name, g->id,
			w->admin ? ": the role is an administrator, so whoever holds that account holds this one"
				 : "");
	else if (w->unshare)
		ys_fail(a, w->arn, w->region, "%s %s is shared with account %s, which no vendor list or the "
					      "organization names: it can copy the whole of its data", w->what, w->name, g->id);
	else
		ys_fail(a, w->arn, w->region, "the policy of %s %s lets account %s, which no vendor list or the "
					      "organization names, do %s", w->what, w->name, g->id, w->actions);
}

void ys_check_unknown_account_trust(struct ys_audit *a);

void ys_check_unknown_account_trust(struct ys_audit *a)
{
	if (ys_need_vendors(a) && !each_way(a, YS_VK_UNKNOWN, unknown))
		ys_pass(a, NULL, NULL, "every outside account trusted is a named vendor's or the organization's");
}

static void subject(struct ys_audit *a, const struct ys_vendor *g, const struct ys_vway *w)
{
	if (w->scope == YS_VS_NONE)
		return; /* SAML */
	if (w->scope == YS_VS_PINNED)
		ys_pass(a, w->arn, NULL, "role %s lets %s in only for %s", w->name, g->name,
			w->subjects ? w->subjects : "the subjects it names");
	else if (w->scope == YS_VS_ANY)
		ys_fail(a, w->arn, NULL, "role %s trusts %s with no subject condition: anyone it issues tokens "
					 "for can assume it%s", w->name, g->name,
			w->admin ? ", and the role is an administrator" : "");
	else
		ys_fail(a, w->arn, NULL, "role %s lets %s in for %s: %s", w->name, g->name,
			w->scope == YS_VS_OWNER ? "every repository or project of an owner"
						: "any branch, tag, environment or pull request",
			w->subjects ? w->subjects : "");
}

static void ci_subject(struct ys_audit *a, const struct ys_vendor *g, const struct ys_vway *w)
{
	if (g->kind == YS_VK_CI || g->kind == YS_VK_IDP)
		subject(a, g, w);
}

void ys_check_oidc_subject(struct ys_audit *a);

void ys_check_oidc_subject(struct ys_audit *a)
{
	size_t before = a->n;

	if (ys_need_vendors(a) && (each_way(a, -1, ci_subject), a->n == before))
		ys_pass(a, NULL, NULL, "no role trusts an OIDC provider");
}

static void source(struct ys_audit *a, const struct ys_vendor *g, const struct ys_vway *w)
{
	if (w->prin >= 0)
		return; /* a service assuming a role: it is passed the role by this account */
	if (w->guards & (YS_VG_SOURCE | YS_VG_ORG))
		ys_pass(a, w->arn, w->region, "the policy of %s %s lets %s in only for this account's resources",
			w->what, w->name, g->id);
	else
		ys_fail(a, w->arn, w->region, "the policy of %s %s lets %s do %s for any AWS account's "
					      "resources: no aws:SourceAccount or aws:SourceArn condition",
			w->what, w->name, g->id, w->actions);
}

void ys_check_service_source(struct ys_audit *a);

void ys_check_service_source(struct ys_audit *a)
{
	const struct ys_vendors *v = ys_need_vendors(a);
	size_t before;

	if (!v)
		return;
	before = a->n;
	each_way(a, YS_VK_SERVICE, source);
	if (a->n == before)
		ys_pass(a, NULL, NULL, "no resource policy names an AWS service");
}

static void unused(struct ys_audit *a, const struct ys_vendor *g, const struct ys_vway *w)
{
	if (w->prin < 0 || g->kind == YS_VK_SERVICE)
		return;
	if (w->idle_days >= 90)
		ys_fail(a, w->arn, NULL, "role %s, which %s can assume, %s (%lld days before this audit's time)",
			w->name, g->kind == YS_VK_UNKNOWN ? g->id : g->name,
			w->last_used ? "has not been used since" : "has never been used", (long long)w->idle_days);
	else
		ys_pass(a, w->arn, NULL, "role %s, which %s can assume, was used %s", w->name,
			g->kind == YS_VK_UNKNOWN ? g->id : g->name, w->last_used ? "recently" : "never, but is new");
}

void ys_check_outsider_unused(struct ys_audit *a);

void ys_check_outsider_unused(struct ys_audit *a)
{
	const struct ys_vendors *v = ys_need_vendors(a);
	size_t before;

	if (!v)
		return;
	before = a->n;
	each_way(a, -1, unused);
	if (a->n == before)
		ys_pass(a, NULL, NULL, "no role trusts anyone outside the account");
}
