/* checks-iam-lessons.c: the lessons of real breaches in IAM: admin held by few, no broad power
 * user that can also destroy, service roles without wildcard rights on data, and no
 * destruction without MFA */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../base/strbuf.h"
#include "../banned.h"

/* Whoever holds all of these on every resource holds the account. */
static const char *const admin_probes[] = {
	"iam:PutRolePolicy",	"iam:AttachUserPolicy",	  "iam:CreateAccessKey",
	"iam:UpdateAssumeRolePolicy", "sts:AssumeRole",	  "ec2:TerminateInstances",
	"s3:DeleteBucket",	"s3:GetObject",		  "kms:ScheduleKeyDeletion",
	"rds:DeleteDBInstance", "cloudtrail:StopLogging", "lambda:UpdateFunctionCode",
};

/* Destroying data or its backups. */
static const char *const destroy_probes[] = {
	"ec2:TerminateInstances", "ec2:DeleteVolume",	   "ec2:DeleteSnapshot",
	"s3:DeleteBucket",	  "s3:DeleteObjectVersion", "rds:DeleteDBInstance",
	"rds:DeleteDBSnapshot",	  "rds:DeleteDBCluster",   "dynamodb:DeleteTable",
	"elasticfilesystem:DeleteFileSystem", "backup:DeleteRecoveryPoint", "backup:DeleteBackupVault",
	"kms:ScheduleKeyDeletion",
};

/* Reading data. */
static const char *const data_probes[] = {
	"s3:GetObject",	      "dynamodb:Scan",	   "dynamodb:GetItem", "secretsmanager:GetSecretValue",
	"ssm:GetParameter",   "kms:Decrypt",	   "rds-data:ExecuteStatement", "sqs:ReceiveMessage",
};

#define N(a) (sizeof(a) / sizeof(a[0]))

/* Whether p holds admin: all admin probes but two at most on every resource (with or without
 * MFA), one of them a way to grant itself more (so "all but iam:*" is a power user, while
 * "all but s3:GetObject" is still admin). where names the policy that grants the first. */
static int is_admin(const struct ys_account *acct, const struct ys_principal *p, char *where,
		    size_t n)
{
	size_t i, held = 0;
	int grants_self = 0;

	if (where && n)
		*where = '\0';
	for (i = 0; i < N(admin_probes); i++) {
		char w[300];
		enum ys_grant g = ys_account_grant(acct, p, admin_probes[i], w, sizeof(w));

		if (g != YS_GRANT_FULL && g != YS_GRANT_MFA)
			continue;
		if (!held++ && where)
			snprintf(where, n, "%s", w);
		if (!strncmp(admin_probes[i], "iam:", 4))
			grants_self = 1;
	}
	return grants_self && held + 2 >= N(admin_probes);
}

/* Roles AWS made for its own services, which the account cannot change. */
static int service_linked(const struct ys_principal *r)
{
	return !strncmp(r->path, "/aws-service-role/", 18);
}

#define MAX_ADMIN_USERS 2

void ys_check_admin_few(struct ys_audit *a)
{
	const struct ys_account *acct = ys_need_account(a);
	struct strbuf sb = STRBUF_INIT;
	char where[300], svc[128];
	size_t i, users = 0, roles = 0;

	if (!acct)
		return;
	for (i = 0; i < acct->nusers; i++)
		if (is_admin(acct, &acct->users[i], where, sizeof(where))) {
			strbuf_addf(&sb, "%suser %s (%s)", sb.len ? ", " : "", acct->users[i].name,
				    where);
			users++;
		}
	for (i = 0; i < acct->nroles; i++) {
		const struct ys_principal *r = &acct->roles[i];

		if (service_linked(r) || ys_account_service_role(r, svc, sizeof(svc)))
			continue;
		if (is_admin(acct, r, where, sizeof(where))) {
			strbuf_addf(&sb, "%srole %s (%s)", sb.len ? ", " : "", r->name, where);
			roles++;
		}
	}
	if (users > MAX_ADMIN_USERS)
		ys_fail(a, NULL, NULL, "%zu of %zu users and %zu role%s hold admin (every action, or "
				       "all but a few through NotAction): %s", users, acct->nusers,
			roles, roles == 1 ? "" : "s", sb.buf);
	else if (users + roles)
		ys_pass(a, NULL, NULL, "admin is held by %zu user%s and %zu role%s: %s", users,
			users == 1 ? "" : "s", roles, roles == 1 ? "" : "s", sb.buf);
	else
		ys_pass(a, NULL, NULL, "no user or role people assume holds admin");
	strbuf_release(&sb);
}

/* The destroy probes p holds on every resource with grant g exactly: how many, in sb the first
 * three ("a, b, c and 4 more"), in *nsvc how many services they span, in where the policy that
 * grants the first. */
static size_t destroys(const struct ys_account *acct, const struct ys_principal *p,
		       enum ys_grant want, struct strbuf *sb, size_t *nsvc, char *where, size_t n)
{
	const char *svc[N(destroy_probes)];
	size_t i, j, k = 0, ns = 0;

	for (i = 0; i < N(destroy_probes); i++) {
		char w[300];
		size_t len = strcspn(destroy_probes[i], ":");

		if (ys_account_grant(acct, p, destroy_probes[i], w, sizeof(w)) != want)
			continue;
		if (!k++ && where)
			snprintf(where, n, "%s", w);
		if (k <= 3)
			strbuf_addf(sb, "%s%s", sb->len ? ", " : "", destroy_probes[i]);
		for (j = 0; j < ns && strncmp(svc[j], destroy_probes[i], len + 1); j++)
			;
		if (j == ns)
			svc[ns++] = destroy_probes[i];
	}
	if (k > 3)
		strbuf_addf(sb, " and %zu more", k - 3);
	if (nsvc)
		*nsvc = ns;
	return k;
}

static void power_user_one(struct ys_audit *a, const struct ys_account *acct,
			   const struct ys_principal *p)
{
	struct strbuf sb = STRBUF_INIT;
	char where[300];
	const char *kind = ys_account_kind(p->kind);
	size_t nsvc = 0;

	if (is_admin(acct, p, where, sizeof(where)))
		return; /* iam-admin-few counts admins */
	ys_about(a, p->name);
	if (destroys(acct, p, YS_GRANT_FULL, &sb, &nsvc, where, sizeof(where)) >= 3 && nsvc >= 2)
		ys_fail(a, p->arn, NULL, "%s %s is a broad power user that can also destroy, without "
					 "MFA and on every resource: %s (%s)", kind, p->name, sb.buf,
			where);
	else
		ys_pass(a, p->arn, NULL, "%s %s cannot destroy across services without MFA", kind,
			p->name);
	ys_about(a, NULL);
	strbuf_release(&sb);
}

void ys_check_power_user_delete(struct ys_audit *a)
{
	const struct ys_account *acct = ys_need_account(a);
	size_t i;

	for (i = 0; acct && i < acct->nusers; i++)
		power_user_one(a, acct, &acct->users[i]);
	for (i = 0; acct && i < acct->nroles; i++)
		if (!service_linked(&acct->roles[i]))
			power_user_one(a, acct, &acct->roles[i]);
}

struct wild_ctx {
	char found[400];
};

/* An Allow on every resource whose action is written with a wildcard and covers a data read. */
static void wild_stmt(const struct ys_pstmt *s, const char *where, void *ctx)
{
	struct wild_ctx *w = ctx;
	size_t i, j;

	if (!s->allow || s->condition || !ys_pstmt_all_resources(s) || *w->found)
		return;
	for (i = 0; i < N(data_probes); i++) {
		if (!ys_pstmt_action(s, data_probes[i]))
			continue;
		if (s->not_action) {
			snprintf(w->found, sizeof(w->found), "all but a few actions, %s included (%s)",
				 data_probes[i], where);
			return;
		}
		for (j = 0; j < s->nactions; j++)
			if (strchr(s->actions[j], '*') && ys_iam_match(s->actions[j], data_probes[i])) {
				snprintf(w->found, sizeof(w->found), "%s on every resource (%s)",
					 s->actions[j], where);
				return;
			}
	}
}

void ys_check_service_role_data(struct ys_audit *a)
{
	const struct ys_account *acct = ys_need_account(a);
	char svc[128];
	size_t i;

	for (i = 0; acct && i < acct->nroles; i++) {
		const struct ys_principal *r = &acct->roles[i];
		struct wild_ctx w = {""};

		if (service_linked(r) || !ys_account_service_role(r, svc, sizeof(svc)))
			continue;
		ys_account_each_stmt(acct, r, wild_stmt, &w);
		ys_about(a, r->name);
		if (*w.found)
			ys_fail(a, r->arn, NULL, "role %s, used by %s, holds %s", r->name, svc, w.found);
		else
			ys_pass(a, r->arn, NULL, "role %s, used by %s, has no wildcard rights on data",
				r->name, svc);
		ys_about(a, NULL);
	}
}

/* Whether assuming the role needs MFA: every Allow of its trust policy has an MFA condition. */
static int trust_needs_mfa(const struct ys_principal *r)
{
	size_t i, allows = 0;

	for (i = 0; r->trust_ok && i < r->trust.n; i++) {
		if (!r->trust.st[i].allow)
			continue;
		allows++;
		if (!r->trust.st[i].mfa_condition)
			return 0;
	}
	return allows > 0;
}

static void no_mfa_one(struct ys_audit *a, const struct ys_account *acct,
		       const struct ys_principal *p)
{
	struct strbuf full = STRBUF_INIT, mfa = STRBUF_INIT;
	char where[300];
	const char *kind = ys_account_kind(p->kind);

	ys_about(a, p->name);
	if (p->kind == YS_P_ROLE && trust_needs_mfa(p))
		ys_pass(a, p->arn, NULL, "role %s can only be assumed with MFA", p->name);
	else if (destroys(acct, p, YS_GRANT_FULL, &full, NULL, where, sizeof(where)))
		ys_fail(a, p->arn, NULL, "%s %s can destroy without MFA: %s (%s)", kind, p->name,
			full.buf, where);
	else if (destroys(acct, p, YS_GRANT_MFA, &mfa, NULL, NULL, 0))
		ys_pass(a, p->arn, NULL, "%s %s needs MFA to destroy (%s)", kind, p->name, mfa.buf);
	else
		ys_pass(a, p->arn, NULL, "%s %s cannot destroy data or backups", kind, p->name);
	ys_about(a, NULL);
	strbuf_release(&full);
	strbuf_release(&mfa);
}

void ys_check_destroy_without_mfa(struct ys_audit *a)
{
	const struct ys_account *acct = ys_need_account(a);
	char svc[128];
	size_t i;

	/* people: users, and roles that are not a service's */
	for (i = 0; acct && i < acct->nusers; i++)
		no_mfa_one(a, acct, &acct->users[i]);
	for (i = 0; acct && i < acct->nroles; i++)
		if (!service_linked(&acct->roles[i]) &&
		    !ys_account_service_role(&acct->roles[i], svc, sizeof(svc)))
			no_mfa_one(a, acct, &acct->roles[i]);
}
