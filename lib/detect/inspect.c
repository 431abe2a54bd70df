/* inspect.c: S3 opened to everyone: a PutBucketPolicy statement that allows any principal with no
 * condition that narrows it, or a PutBucketAcl/PutObjectAcl grant to all (authenticated) users */
#include <string.h>
#include <strings.h>
#include "alert.h"
#include "inspect.h"
#include "../banned.h"

/* Calls fn for v, or for each item when v is an array; stops at the first non-zero. */
static int each_item(const struct ys_jval *v, int (*fn)(const struct ys_jval *))
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

static int is_star(const struct ys_jval *v)
{
	const char *s = ys_json_str(v);

	return s && !strcmp(s, "*");
}

static int anyone(const struct ys_jval *principal)
{
	return is_star(principal) || (principal && principal->type == YS_J_OBJECT &&
				      each_item(ys_json_get(principal, "AWS"), is_star));
}

/* Condition keys that tie a statement to an account, an organisation, a network or a caller. */
static int narrows(const struct ys_jval *cond)
{
	static const char *const keys[] = {
	    "aws:SourceIp",
	    "aws:SourceVpc",
	    "aws:SourceVpce",
	    "aws:PrincipalOrgID",
	    "aws:PrincipalOrgPaths",
	    "aws:PrincipalAccount",
	    "aws:SourceAccount",
	    "aws:SourceArn",
	    "aws:SourceOrgID",
	    "aws:PrincipalArn",
	    "aws:userid",
	    "aws:username",
	    "aws:ResourceAccount",
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

static int public_statement(const struct ys_jval *st)
{
	const char *effect = ys_json_str(ys_json_get(st, "Effect"));

	return effect && !strcmp(effect, "Allow") && anyone(ys_json_get(st, "Principal")) &&
	       !narrows(ys_json_get(st, "Condition"));
}

static int public_policy(const struct ys_jval *policy)
{
	struct ys_jdoc *doc = NULL;
	struct ys_error err = {0};
	int pub;

	/* the policy is logged as an object, or sometimes as its JSON text */
	if (policy && policy->type == YS_J_STRING) {
		if (ys_json_parse(policy->u.str, policy->len, &doc, &err))
			return 0;
		policy = ys_jdoc_root(doc);
	}
	pub = policy && each_item(ys_json_get(policy, "Statement"), public_statement);
	ys_jdoc_free(doc);
	return pub;
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

static int public_acl(const struct ys_jval *req)
{
	const struct ys_jval *acl =
	    ys_json_get(ys_json_get(req, "AccessControlPolicy"), "AccessControlList");

	return each_item(ys_json_get(acl, "Grant"), all_users) ||
	       each_item(ys_json_get(req, "x-amz-acl"), public_canned);
}

int ys_inspect_request(const char *event_name, const struct ys_jval *req)
{
	if (!event_name)
		return 0;
	if (!strcmp(event_name, "PutBucketPolicy"))
		return public_policy(ys_json_get(req, "bucketPolicy"));
	if (!strcmp(event_name, "PutBucketAcl") || !strcmp(event_name, "PutObjectAcl"))
		return public_acl(req);
	return 0;
}

static const char *const attack[] = {"T1530", "T1537"};

void ys_inspect_alert(struct ys_alert *a)
{
	a->rule = "yourside_s3_public";
	a->rule_id = "8d3f6b1e-4c2a-4e9f-b7d5-3a1c9e6f2b8d";
	a->title = "S3 Opened To Everyone";
	a->severity = "high";
	a->attack = attack;
	a->nattack = 2;
	a->source = "builtin";
}

int ys_inspect_record(const struct ys_jval *rec, const char *file, ys_alert_fn fn, void *ctx)
{
	struct ys_alert_subject who;
	struct ys_alert a;

	const struct ys_jval *failed = ys_json_get(rec, "errorCode");

	if ((failed && failed->type != YS_J_NULL) ||
	    !ys_inspect_request(ys_json_str(ys_json_get(rec, "eventName")),
				ys_json_get(rec, "requestParameters")))
		return 0;
	ys_alert_of_record(&a, &who, rec, file);
	ys_inspect_alert(&a);
	return fn(ctx, &a);
}
