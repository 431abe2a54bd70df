/* inspect.c: what a policy written by a call opens, read from the request: a resource policy
 * (S3, ECR, SQS, SNS, KMS, Secrets Manager, Lambda, Glacier, EFS) or a role's trust policy that
 * allows any principal with no condition that narrows it, or another account; an S3 ACL grant
 * to all (authenticated) users */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "alert.h"
#include "inspect.h"
#include "../banned.h"

enum { R_S3_PUBLIC, R_PUBLIC, R_CROSS, R_TRUST };

static const char *const s3_attack[] = {"T1530", "T1537"};
static const char *const shared_attack[] = {"T1537"};
static const char *const trust_attack[] = {"T1098.003"};

static const struct {
	const char *rule, *id, *title, *severity;
	const char *const *attack;
	size_t nattack;
} rules[] = {
	[R_S3_PUBLIC] = {"yourside_s3_public", "8d3f6b1e-4c2a-4e9f-b7d5-3a1c9e6f2b8d",
			 "S3 Opened To Everyone", "high", s3_attack, 2},
	[R_PUBLIC] = {"yourside_resource_public", "5f0c2b7e-8a41-4c6d-9e3b-1d7a6f4c2e90",
		      "Resource Opened To Everyone By Its Policy", "high", shared_attack, 1},
	[R_CROSS] = {"yourside_policy_cross_account", "a3e9d1c4-6b2f-4f8a-b5c7-0e4d8a2f6b13",
		     "Resource Policy Grants Another Account", "medium", shared_attack, 1},
	[R_TRUST] = {"yourside_role_trust_opened", "b6617139-b003-452b-af58-572cb1d72137",
		     "Role Trust Opened To Everyone Or Another Account", "high", trust_attack, 1},
};

/* What a policy's statements let in: 2 anyone, 1 another account than own, 0 neither. */
struct verdict {
	const char *own; /* the account that owns the resource, or NULL */
	int open;
	char other[16];
};

static int is_star(const char *s)
{
	return s && !strcmp(s, "*");
}

/* "123456789012", or the account of "arn:aws:iam::123456789012:root" and the like: into out. */
static int account_of(const char *p, char out[16])
{
	const char *s = p;
	size_t n;

	if (!strncmp(p, "arn:", 4)) {
		int colons = 0;

		for (s = p; *s && colons < 4; s++)
			colons += *s == ':';
		if (colons < 4)
			return 0;
	}
	n = strspn(s, "0123456789");
	if (n != 12 || (s[n] && s[n] != ':'))
		return 0;
	memcpy(out, s, 12);
	out[12] = 0;
	return 1;
}

static void principal_value(struct verdict *v, const char *p)
{
	char acct[16];

	if (!p)
		return;
	if (is_star(p)) {
		v->open = 2;
		return;
	}
	if (account_of(p, acct) && (!v->own || strcmp(acct, v->own)) && v->open < 1) {
		v->open = 1;
		memcpy(v->other, acct, sizeof(acct));
	}
}

static void principals(struct verdict *v, const struct ys_jval *p)
{
	size_t i;

	if (!p)
		return;
	if (p->type == YS_J_STRING) {
		principal_value(v, ys_json_str(p));
		return;
	}
	if (p->type == YS_J_ARRAY) {
		for (i = 0; i < p->len; i++)
			principal_value(v, ys_json_str(&p->u.items[i]));
		return;
	}
	if (p->type == YS_J_OBJECT)
		principals(v, ys_json_get(p, "AWS"));
}

/* Condition keys that tie a statement to an account, an organisation, a network or a caller. */
static int narrows(const struct ys_jval *cond)
{
	static const char *const keys[] = {
	    "aws:SourceIp",	      "aws:SourceVpc",	   "aws:SourceVpce",	"aws:PrincipalOrgID",
	    "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:SourceAccount", "aws:SourceArn",
	    "aws:SourceOrgID",	      "aws:PrincipalArn",	   "aws:userid",	"aws:username",
	    "aws:ResourceAccount",   "kms:CallerAccount",	   "kms:ViaService",	"aws:CalledVia",
	    "lambda:FunctionUrlAuthType",
	};
	size_t i, j, k;

	if (!cond || cond->type != YS_J_OBJECT)
		return 0;
	for (i = 0; i < cond->len; i++) {
		const struct ys_jval *op = &cond->u.members[i].val;
		const char *opname = cond->u.members[i].key;

		/* a Deny-like operator still lets everyone through on the other side of it */
		if (op->type != YS_J_OBJECT || strstr(opname, "NotEquals") ||
		    strstr(opname, "NotLike"))
			continue;
		for (j = 0; j < op->len; j++)
			for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
				if (!strcasecmp(op->u.members[j].key, keys[k]))
					return 1;
	}
	return 0;
}

static void statement(struct verdict *v, const struct ys_jval *st)
{
	const char *effect = ys_json_str(ys_json_get(st, "Effect"));
	struct verdict one = {v->own, 0, ""};

	if (!effect || strcmp(effect, "Allow"))
		return;
	principals(&one, ys_json_get(st, "Principal"));
	if (one.open == 2 && narrows(ys_json_get(st, "Condition")))
		one.open = 0;
	if (one.open > v->open) {
		v->open = one.open;
		memcpy(v->other, one.other, sizeof(v->other));
	}
}

/* A policy, logged as an object or as its JSON text. */
static void policy(struct verdict *v, const struct ys_jval *pol)
{
	struct ys_jdoc *doc = NULL;
	struct ys_error err = {0};
	const struct ys_jval *sts;
	size_t i;

	if (pol && pol->type == YS_J_STRING) {
		if (!pol->len || ys_json_parse(pol->u.str, pol->len, &doc, &err))
			return;
		pol = ys_jdoc_root(doc);
	}
	sts = pol ? ys_json_get(pol, "Statement") : NULL;
	if (sts && sts->type == YS_J_ARRAY) {
		for (i = 0; i < sts->len; i++)
			statement(v, &sts->u.items[i]);
	} else if (sts) {
		statement(v, sts);
	}
	ys_jdoc_free(doc);
}

static int all_users(const struct ys_jval *grant)
{
	const char *uri = ys_json_str(ys_json_get(ys_json_get(grant, "Grantee"), "URI"));

	return uri &&
	       (strstr(uri, "/global/AllUsers") || strstr(uri, "/global/AuthenticatedUsers"));
}

static int public_canned(const struct ys_jval *v)
{
	const char *s = ys_json_str(v);

	return s && (!strcmp(s, "public-read") || !strcmp(s, "public-read-write") ||
		     !strcmp(s, "authenticated-read"));
}

static int any_item(const struct ys_jval *v, int (*fn)(const struct ys_jval *))
{
	size_t i;

	if (!v)
		return 0;
	if (v->type != YS_J_ARRAY)
		return fn(v);
	for (i = 0; i < v->len; i++)
		if (fn(&v->u.items[i]))
			return 1;
	return 0;
}

static int public_acl(const struct ys_jval *req)
{
	const struct ys_jval *acl =
	    ys_json_get(ys_json_get(req, "AccessControlPolicy"), "AccessControlList");

	return any_item(ys_json_get(acl, "Grant"), all_users) ||
	       any_item(ys_json_get(req, "x-amz-acl"), public_canned);
}

/* Lambda's AddPermission names one principal, narrowed by a source or an organisation. */
static void lambda_permission(struct verdict *v, const struct ys_jval *req)
{
	const char *p = ys_json_str(ys_json_get(req, "principal"));

	if (!p || ys_json_get(req, "sourceArn") || ys_json_get(req, "sourceAccount") ||
	    ys_json_get(req, "principalOrgID"))
		return;
	principal_value(v, p);
}

/* Where each call holds the policy it writes. */
static const struct ys_jval *policy_of(const char *event, const struct ys_jval *req, int *rule)
{
	static const struct {
		const char *event, *member, *sub;
		int rule;
	} calls[] = {
		{"PutBucketPolicy", "bucketPolicy", NULL, R_S3_PUBLIC},
		{"SetRepositoryPolicy", "policyText", NULL, R_PUBLIC},
		{"SetQueueAttributes", "attributes", "Policy", R_PUBLIC},
		{"PutKeyPolicy", "policy", NULL, R_PUBLIC},
		{"CreateKey", "policy", NULL, R_PUBLIC},
		{"PutResourcePolicy", "resourcePolicy", NULL, R_PUBLIC},
		{"SetVaultAccessPolicy", "policy", "policy", R_PUBLIC},
		{"PutFileSystemPolicy", "policy", NULL, R_PUBLIC},
		{"UpdateAssumeRolePolicy", "policyDocument", NULL, R_TRUST},
		{"CreateRole", "assumeRolePolicyDocument", NULL, R_TRUST},
	};
	const struct ys_jval *v;
	size_t i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		if (strcmp(event, calls[i].event))
			continue;
		*rule = calls[i].rule;
		v = ys_json_get(req, calls[i].member);
		return calls[i].sub ? ys_json_get(v, calls[i].sub) : v;
	}
	if (!strcmp(event, "SetTopicAttributes")) {
		const char *name = ys_json_str(ys_json_get(req, "attributeName"));

		*rule = R_PUBLIC;
		return name && !strcmp(name, "Policy") ? ys_json_get(req, "attributeValue") : NULL;
	}
	return NULL;
}

int ys_inspect_request(const char *event, const struct ys_jval *req, const char *account,
		       struct ys_opened *out)
{
	struct verdict v = {account, 0, ""};
	int rule = -1;
	const struct ys_jval *pol;

	memset(out, 0, sizeof(*out));
	out->rule = -1;
	if (!event || !req || req->type != YS_J_OBJECT)
		return 0;
	if (!strcmp(event, "PutBucketAcl") || !strcmp(event, "PutObjectAcl")) {
		if (!public_acl(req))
			return 0;
		out->rule = R_S3_PUBLIC;
		return 1;
	}
	if (!strcmp(event, "AddPermission") || !strcmp(event, "AddPermission20150331v2")) {
		rule = R_PUBLIC;
		lambda_permission(&v, req);
	} else if ((pol = policy_of(event, req, &rule))) {
		policy(&v, pol);
	}
	if (!v.open || rule < 0)
		return 0;
	/* another account in a resource policy is a share; in a trust policy, a way in */
	out->rule = v.open == 1 && rule != R_TRUST ? R_CROSS : rule;
	memcpy(out->other, v.other, sizeof(out->other));
	return 1;
}

void ys_inspect_alert(struct ys_alert *a, const struct ys_opened *o)
{
	int r = o->rule >= 0 ? o->rule : R_S3_PUBLIC;

	a->rule = rules[r].rule;
	a->rule_id = rules[r].id;
	a->title = rules[r].title;
	a->severity = rules[r].severity;
	a->attack = rules[r].attack;
	a->nattack = rules[r].nattack;
	a->source = "builtin";
}

int ys_inspect_record(const struct ys_jval *rec, const char *file, ys_alert_fn fn, void *ctx)
{
	struct ys_alert_subject who;
	struct ys_opened o;
	struct ys_alert a;
	const struct ys_jval *failed = ys_json_get(rec, "errorCode");
	const char *account = ys_json_str(ys_json_get(rec, "recipientAccountId"));

	if (!account)
		account = ys_json_str(ys_json_get(ys_json_get(rec, "userIdentity"), "accountId"));
	if ((failed && failed->type != YS_J_NULL) ||
	    !ys_inspect_request(ys_json_str(ys_json_get(rec, "eventName")),
				ys_json_get(rec, "requestParameters"), account, &o))
		return 0;
	ys_alert_of_record(&a, &who, rec, file);
	ys_inspect_alert(&a, &o);
	return fn(ctx, &a);
}
