/* checks-org-scp.c: whether the SCPs that reach each member account deny destruction by a
 * principal without MFA: each destructive action asked of lib/iam's evaluator, once as a console
 * session without MFA (aws:MultiFactorAuthPresent false) and once as an access key (no MFA key
 * at all), in every region the snapshots cover */
#include <stdio.h>
#include <string.h>
#include "orgaudit.h"
#include "../banned.h"

/* The destruction Code Spaces went through, and what hides it; the resource a request names
 * (%R the region, %A the account). */
static const struct {
	const char *action, *resource;
} destroy[] = {
	{"s3:DeleteBucket", "arn:aws:s3:::any-bucket"},
	{"s3:DeleteObjectVersion", "arn:aws:s3:::any-bucket/any-object"},
	{"ec2:TerminateInstances", "arn:aws:ec2:%R:%A:instance/i-0123456789abcdef0"},
	{"ec2:DeleteSnapshot", "arn:aws:ec2:%R::snapshot/snap-0123456789abcdef0"},
	{"rds:DeleteDBInstance", "arn:aws:rds:%R:%A:db:any-database"},
	{"rds:DeleteDBCluster", "arn:aws:rds:%R:%A:cluster:any-cluster"},
	{"rds:DeleteDBSnapshot", "arn:aws:rds:%R:%A:snapshot:any-snapshot"},
	{"rds:DeleteDBClusterSnapshot", "arn:aws:rds:%R:%A:cluster-snapshot:any-snapshot"},
	{"dynamodb:DeleteTable", "arn:aws:dynamodb:%R:%A:table/any-table"},
	{"backup:DeleteBackupVault", "arn:aws:backup:%R:%A:backup-vault:any-vault"},
	{"backup:DeleteRecoveryPoint", "arn:aws:backup:%R:%A:recovery-point:any-recovery-point"},
	{"kms:ScheduleKeyDeletion", "arn:aws:kms:%R:%A:key/00000000-0000-0000-0000-000000000000"},
	{"cloudtrail:StopLogging", "arn:aws:cloudtrail:%R:%A:trail/any-trail"},
	{"cloudtrail:DeleteTrail", "arn:aws:cloudtrail:%R:%A:trail/any-trail"},
	{"organizations:LeaveOrganization", "*"},
};

#define NDESTROY (sizeof(destroy) / sizeof(destroy[0]))

/* The resource of action k in region for account, into out. */
static void resource(size_t k, const char *region, const char *account, char *out, size_t n)
{
	const char *t = destroy[k].resource;
	size_t j = 0;

	for (; *t && j + 1 < n; t++) {
		const char *put = t[0] == '%' && t[1] == 'R' ? region : t[0] == '%' && t[1] == 'A' ? account : NULL;

		if (put) {
			j += (size_t)snprintf(out + j, n - j, "%s", put);
			if (j >= n)
				j = n - 1;
			t++;
		} else {
			out[j++] = *t;
		}
	}
	out[j] = '\0';
}

/* What the SCPs leave open to one account, action by action: bit 0 a console session without
 * MFA may, bit 1 an access key may. */
struct verdicts {
	int open[NDESTROY];
	char denied_by[300]; /* the statements that deny the first action denied */
};

static int decide(const struct ys_org_run *r, const struct ys_org_chain *c, const char *account,
		  struct verdicts *v)
{
	static const char *const fallback[] = {"us-east-1"};
	const char *const *regions = r->nregions ? (const char *const *)r->regions : fallback;
	size_t nr = r->nregions ? r->nregions : 1, k, i;
	char res[300], by[300];
	int ka, d;

	memset(v, 0, sizeof(*v));
	for (k = 0; k < NDESTROY; k++)
		for (ka = 0; ka < 2; ka++)
			for (i = 0; i < nr && !(v->open[k] & (1 << ka)); i++) {
				struct ys_org_probe p = {r->id, account, destroy[k].action, res, regions[i], ka};

				resource(k, regions[i], account, res, sizeof(res));
				if ((d = ys_org_scp_denies(&r->scps, c, &p, by, sizeof(by))) < 0)
					return -1;
				if (!d)
					v->open[k] |= 1 << ka;
				else if (!v->denied_by[0])
					snprintf(v->denied_by, sizeof(v->denied_by), "%s", by);
			}
	return 0;
}

/* "r-ab12 (FullAWSAccess), ou-x (none), 444455556666 (DenyDestroy)" */
static void describe_chain(const struct ys_org_chain *c, struct strbuf *sb)
{
	size_t i, j;

	for (i = 0; i < c->n; i++) {
		strbuf_addf(sb, "%s%s (", i ? ", " : "", c->lv[i].name);
		for (j = 0; j < c->lv[i].n; j++)
			strbuf_addf(sb, "%s%s", j ? ", " : "", c->lv[i].pol[j]->name);
		strbuf_addstr(sb, c->lv[i].n ? ")" : "none)");
	}
}

/* The policies that could not be read, and whether AWS refused any. */
static int unknown_policies(const struct ys_org_scps *s, struct strbuf *sb)
{
	size_t i;
	int refused = 0;

	for (i = 0; i < s->n; i++)
		if (!s->v[i].pol || !s->v[i].targets_known) {
			strbuf_addf(sb, "%s%s (%s): %s", sb->len ? "; " : "", s->v[i].name, s->v[i].id, s->v[i].why);
			refused |= s->v[i].refused;
		}
	return refused;
}

static void one_account(struct ys_audit *a, const struct ys_org_member *m)
{
	struct ys_org_run *r = a->org;
	struct ys_org_chain c, every;
	struct verdicts v, vall;
	/* every action is named: there are few */
	struct ys_org_names open = {STRBUF_INIT, 0, 0, NDESTROY}, keys = {STRBUF_INIT, 0, 0, NDESTROY};
	struct ys_org_names maybe = {STRBUF_INIT, 0, 0, NDESTROY};
	struct strbuf chain = STRBUF_INIT, msg = STRBUF_INIT, unknown = STRBUF_INIT;
	char arn[64], label[300];
	enum ys_fstatus st;
	size_t k, nopen = 0;
	int uncertain, refused;

	snprintf(arn, sizeof(arn), "arn:aws:iam::%s:root", m->id);
	ys_org_member_label(m, label, sizeof(label));
	a->about_account = m->id;
	if (ys_org_chain_of(r->org, &r->scps, m->id, 0, &c))
		return;
	uncertain = c.tree_unknown && r->scps.any_ou;
	if (uncertain && ys_org_chain_of(r->org, &r->scps, m->id, 1, &every)) {
		ys_org_chain_release(&c);
		return;
	}
	if (decide(r, &c, m->id, &v) || (uncertain && decide(r, &every, m->id, &vall)))
		goto out;
	for (k = 0; k < NDESTROY; k++) {
		if (!v.open[k])
			continue;
		if (uncertain && !vall.open[k]) {
			ys_org_names_add(&maybe, "%s", destroy[k].action);
			continue;
		}
		nopen++;
		if (v.open[k] & 1)
			ys_org_names_add(&open, "%s", destroy[k].action);
		else
			ys_org_names_add(&keys, "%s", destroy[k].action);
	}
	describe_chain(&c, &chain);
	if (nopen == NDESTROY)
		strbuf_addf(&msg, "no SCP denies any of the %zu destructive actions to a principal without MFA",
			    NDESTROY);
	else if (nopen)
		strbuf_addf(&msg, "no SCP denies %zu of the %zu destructive actions to a principal without MFA", nopen,
			    NDESTROY);
	if (open.n)
		strbuf_addf(&msg, ": %s", ys_org_names_str(&open));
	if (keys.n)
		strbuf_addf(&msg, "%s to access keys only (they carry no MFA key, and the Deny tests "
			    "aws:MultiFactorAuthPresent with Bool where BoolIfExists is needed): %s",
			    open.n ? "; and," : ",", ys_org_names_str(&keys));
	if (maybe.n)
		strbuf_addf(&msg, "%sleft open unless an SCP of an organizational unit above it denies them "
			    "(the folder lacks %s, so only the root's and the account's SCPs count): %s",
			    msg.len ? "; " : "", c.missing, ys_org_names_str(&maybe));
	st = nopen ? YS_F_FAIL : maybe.n ? YS_F_SKIP : YS_F_PASS;
	refused = unknown_policies(&r->scps, &unknown);
	if (unknown.len && st != YS_F_PASS) {
		st = refused ? YS_F_ERROR : YS_F_SKIP;
		strbuf_addf(&msg, "; with the SCPs that could be read: %s", unknown.buf);
	}
	if (st == YS_F_PASS)
		ys_pass(a, arn, NULL, "account %s: the SCPs that reach it (%s) deny all %zu destructive actions "
			"without MFA (%s)", label, chain.buf, NDESTROY, v.denied_by);
	else
		ys_emit(a, st, arn, NULL, "account %s: %s; SCPs that reach it: %s", label, msg.buf, chain.buf);
out:
	ys_org_names_release(&open);
	ys_org_names_release(&keys);
	ys_org_names_release(&maybe);
	strbuf_release(&chain);
	strbuf_release(&msg);
	strbuf_release(&unknown);
	ys_org_chain_release(&c);
	if (uncertain)
		ys_org_chain_release(&every);
}

/* The SCPs are unknown or off: one finding for the organization. */
static int whole(struct ys_audit *a)
{
	struct ys_org_run *r = a->org;
	struct ys_org_names members = {STRBUF_INIT, 0, 0, 0};
	size_t i;

	if (!r->org) {
		ys_emit(a, YS_F_SKIP, r->arn, NULL, "snapshot folders were given, not an organization folder: "
			"which SCPs reach each account is unknown (audit the folder `collect --organization` writes)");
		return 1;
	}
	switch (r->scps.state) {
	case YS_SCPS_OK:
		return 0;
	case YS_SCPS_MISSING:
		ys_emit(a, YS_F_SKIP, r->arn, NULL, "%s", r->scps.why);
		return 1;
	case YS_SCPS_REFUSED:
	case YS_SCPS_BAD:
		ys_emit(a, YS_F_ERROR, r->arn, NULL, "%s", r->scps.why);
		return 1;
	case YS_SCPS_OFF:
		break;
	}
	for (i = 0; i < r->n; i++)
		if (!r->m[i].management && !r->m[i].suspended)
			ys_org_names_add(&members, "%s", r->m[i].id);
	ys_fail(a, r->arn, NULL, "%s: nothing denies destruction without MFA in any member account (%s)",
		r->scps.why, members.n ? ys_org_names_str(&members) : "there is none");
	ys_org_names_release(&members);
	return 1;
}

void ys_check_org_scp_destroy_without_mfa(struct ys_audit *a)
{
	size_t i, judged = 0;

	if (whole(a))
		return;
	for (i = 0; i < a->org->n; i++) {
		const struct ys_org_member *m = &a->org->m[i];

		/* SCPs never bind the management account; a suspended account does nothing */
		if (m->management || m->suspended)
			continue;
		one_account(a, m);
		judged++;
	}
	a->about_account = a->org->management;
	if (!judged)
		ys_emit(a, YS_F_SKIP, a->org->arn, NULL, "the organization has no member account for an SCP to bind");
}
