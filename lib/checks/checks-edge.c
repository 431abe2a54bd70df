/* checks-edge.c: who outside the account may invoke or change a Lambda function (its resource
 * policy and its function URL, asked through lib/iam's evaluator), and whether a function in a
 * VPC spans two Availability Zones */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "exposure.h"
#include "../iam/context.h"
#include "../banned.h"

/* What an outsider could do to a function: invoke it, read its code, replace it, widen who may
 * call it. */
static const char *const fn_actions[] = {
	"lambda:InvokeFunction",	    "lambda:InvokeFunctionUrl",
	"lambda:GetFunction",		    "lambda:GetFunctionConfiguration",
	"lambda:UpdateFunctionCode",	    "lambda:UpdateFunctionConfiguration",
	"lambda:DeleteFunction",	    "lambda:AddPermission",
	"lambda:RemovePermission",	    "lambda:GetPolicy",
	"lambda:PublishVersion",	    "lambda:CreateAlias",
	"lambda:PutFunctionConcurrency", NULL,
};

/* The function's policy (the CLI's {"Policy": "<json string>"}): 1 read into *doc, 0 when the
 * function has none (ResourceNotFoundException), -1 after a finding (missing, refused). */
static int fn_policy(struct ys_audit *a, const char *region, const char *name,
		     const struct ys_jval **doc)
{
	char rel[128];
	int absent = 0;
	const struct ys_jval *root;

	snprintf(rel, sizeof(rel), "%s/lambda/get-policy", region);
	root = ys_need_x(a, rel, name, region, "ResourceNotFoundException", &absent);
	if (absent)
		return 0;
	if (!root)
		return -1;
	*doc = ys_json_get(root, "Policy");
	return 1;
}

/* Evaluates the policy; on a policy that is not one, adds the error finding and returns -1. */
static int fn_eval(struct ys_audit *a, const char *region, const char *name, const char *arn,
		   const struct ys_jval *doc, const char *const *actions, const struct ys_ctx *ctx,
		   struct ys_exposure *e)
{
	struct ys_error err = {0};
	char rel[128], msg[600];

	if (!ys_exposure_eval_ctx(doc, arn, a->account, actions, ctx, e, &err))
		return 0;
	snprintf(rel, sizeof(rel), "%s/lambda/get-policy", region);
	ys_emit(a, YS_F_ERROR, arn, region, "%s",
		ys_bad_file(a, rel, name, err.msg, msg, sizeof(msg)));
	return -1;
}

static void public_one(struct ys_audit *a, const char *region, const struct ys_jval *f, void *ctx)
{
	const char *name = ys_str(f, "FunctionName"), *arn = ys_str(f, "FunctionArn");
	const struct ys_jval *doc = NULL;
	struct ys_exposure e;
	char words[600];
	int r;

	(void)ctx;
	ys_about(a, name);
	if ((r = fn_policy(a, region, name, &doc)) < 0)
		goto out;
	if (!r) {
		ys_pass(a, arn, region,
			"function %s has no resource policy: only this account's own users and roles "
			"can invoke or change it",
			name);
		goto out;
	}
	if (fn_eval(a, region, name, arn, doc, fn_actions, NULL, &e))
		goto out;
	if (e.n)
		ys_fail(a, arn, region, "function %s's resource policy lets %s act on it: %s", name,
			e.anyone ? "anyone" : "another account",
			ys_exposure_words(&e, words, sizeof(words)));
	else
		ys_pass(a, arn, region,
			"function %s's resource policy lets no one outside the account invoke it "
			"directly, read it or change it",
			name);
out:
	ys_about(a, NULL);
}

void ys_check_lambda_public(struct ys_audit *a)
{
	ys_each_item(a, "lambda/list-functions", "Functions", public_one, NULL);
}

/* One URL of a function: a call to it carries lambda:FunctionUrlAuthType (and, since 2025,
 * lambda:InvokedViaFunctionUrl), which the policy's statements for URLs test. */
static void url_judge(struct ys_audit *a, const char *region, const char *name, const char *arn,
		      const struct ys_jval *doc, const struct ys_jval *u)
{
	static const char *const url_actions[] = {"lambda:InvokeFunctionUrl", NULL};
	const char *auth = ys_str(u, "AuthType"), *url = ys_str(u, "FunctionUrl");
	const char *const vauth[] = {auth}, *const vtrue[] = {"true"};
	const struct ys_ckey keys[] = {{"lambda:FunctionUrlAuthType", vauth, 1, 0},
				       {"lambda:InvokedViaFunctionUrl", vtrue, 1, 0}};
	const struct ys_ctx cx = {keys, 2, NULL, 0};
	struct ys_exposure e = {0};
	char words[600];

	if (doc && fn_eval(a, region, name, arn, doc, url_actions, &cx, &e))
		return;
	if (!strcmp(auth, "NONE") && e.anyone)
		ys_fail(a, arn, region,
			"function %s's URL %s lets anyone on the internet call it without signing "
			"in (auth type NONE, and its policy allows lambda:InvokeFunctionUrl to anyone)",
			name, url);
	else if (e.n)
		ys_fail(a, arn, region, "function %s's URL %s (auth type %s) lets outsiders call it: %s",
			name, url, auth, ys_exposure_words(&e, words, sizeof(words)));
	else if (!strcmp(auth, "NONE"))
		ys_pass(a, arn, region,
			"function %s's URL %s has auth type NONE but its policy lets no one outside "
			"the account call it, so calls are refused",
			name, url);
	else
		ys_pass(a, arn, region,
			"function %s's URL %s takes only signed calls (auth type %s) from this account",
			name, url, auth);
}

static void url_one(struct ys_audit *a, const char *region, const struct ys_jval *f, void *ctx)
{
	const char *name = ys_str(f, "FunctionName"), *arn = ys_str(f, "FunctionArn");
	const struct ys_jval *root, *urls, *doc = NULL;
	char rel[128];
	size_t i;

	(void)ctx;
	ys_about(a, name);
	snprintf(rel, sizeof(rel), "%s/lambda/list-function-url-configs", region);
	if (!(root = ys_need_x(a, rel, name, region, NULL, NULL)))
		goto out;
	urls = ys_json_get(root, "FunctionUrlConfigs");
	if (!ys_count(urls)) {
		ys_pass(a, arn, region, "function %s has no function URL", name);
		goto out;
	}
	if (fn_policy(a, region, name, &doc) < 0)
		goto out;
	for (i = 0; i < ys_count(urls); i++)
		url_judge(a, region, name, arn, doc, ys_item(urls, i));
out:
	ys_about(a, NULL);
}

void ys_check_lambda_url_public(struct ys_audit *a)
{
	ys_each_item(a, "lambda/list-functions", "Functions", url_one, NULL);
}

/* How many Availability Zones the subnets span, from the region's describe-subnets when the
 * snapshot holds it; else 0 (then the subnets are counted). */
static size_t zones_of(struct ys_audit *a, const char *region, const struct ys_jval *ids)
{
	const struct ys_snap_file *sf;
	const char *seen[16];
	size_t n = 0, i, j, k;
	char rel[128];

	snprintf(rel, sizeof(rel), "%s/ec2/describe-subnets", region);
	sf = ys_snapshot_get(a->snap, rel);
	if (sf->status != YS_SNAP_OK)
		return 0;
	for (i = 0; i < ys_count(ids); i++) {
		const struct ys_jval *subs = ys_json_get(sf->root, "Subnets");
		const char *id = ys_json_str(&ids->u.items[i]);

		for (j = 0; id && j < ys_count(subs); j++) {
			const char *az = ys_str(ys_item(subs, j), "AvailabilityZone");

			if (strcmp(ys_str(ys_item(subs, j), "SubnetId"), id))
				continue;
			for (k = 0; k < n && strcmp(seen[k], az); k++)
				;
			if (k == n && n < 16)
				seen[n++] = az;
			break;
		}
		if (id && j == ys_count(subs))
			return 0; /* a subnet the listing lacks: its zone is unknown */
	}
	return n;
}

static void multi_az_one(struct ys_audit *a, const char *region, const struct ys_jval *f, void *ctx)
{
	const char *name = ys_str(f, "FunctionName"), *arn = ys_str(f, "FunctionArn");
	const struct ys_jval *vpc = ys_json_get(f, "VpcConfig");
	const struct ys_jval *ids = ys_json_get(vpc, "SubnetIds");
	size_t nsub = ys_count(ids), nz;

	(void)ctx;
	ys_about(a, name);
	if (!nsub) {
		ys_pass(a, arn, region,
			"function %s is not attached to a VPC: Lambda runs it across the region's zones",
			name);
		goto out;
	}
	nz = nsub > 1 ? zones_of(a, region, ids) : 1;
	if (nsub == 1)
		ys_fail(a, arn, region,
			"function %s runs in a single subnet of %s, so in one Availability Zone: an "
			"outage there stops it",
			name, ys_str(vpc, "VpcId"));
	else if (nz >= 2)
		ys_pass(a, arn, region, "function %s runs in %zu subnets over %zu Availability Zones",
			name, nsub, nz);
	else if (nz == 1)
		ys_fail(a, arn, region,
			"function %s's %zu subnets of %s are all in one Availability Zone: an outage "
			"there stops it",
			name, nsub, ys_str(vpc, "VpcId"));
	else
		ys_pass(a, arn, region,
			"function %s runs in %zu subnets of %s (taken as two zones or more: the "
			"snapshot's ec2/describe-subnets does not give their zones)",
			name, nsub, ys_str(vpc, "VpcId"));
out:
	ys_about(a, NULL);
}

void ys_check_lambda_multi_az(struct ys_audit *a)
{
	ys_each_item(a, "lambda/list-functions", "Functions", multi_az_one, NULL);
}
