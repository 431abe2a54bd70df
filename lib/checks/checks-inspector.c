/* checks-inspector.c: Amazon Inspector scans EC2 instances, ECR images and Lambda functions in
 * every region (FSBP Inspector.1 to .4), from inspector2's batch-get-account-status */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

/* One kind of scan: its key under resourceState and what it looks at */
struct scan {
	const char *key, *what;
};

/* The account's entry of the answer: the one naming this account, else the first */
static const struct ys_jval *own_entry(struct ys_audit *a, const struct ys_jval *root)
{
	const struct ys_jval *list = ys_json_get(root, "accounts");
	size_t i;

	for (i = 0; i < ys_count(list); i++)
		if (!strcmp(ys_str(ys_item(list, i), "accountId"), a->account))
			return ys_item(list, i);
	return ys_item(list, 0);
}

static void scan_region(struct ys_audit *a, const char *region, const struct ys_jval *root,
			void *ctx)
{
	const struct scan *s = ctx;
	const struct ys_jval *acct = own_entry(a, root);
	const struct ys_jval *failed = ys_item(ys_json_get(root, "failedAccounts"), 0);
	const char *st;

	if (!acct) {
		ys_emit(a, YS_F_ERROR, NULL, region, "Inspector in %s did not give this account's "
						     "state%s%s%s%s", region, failed ? " (" : "",
			failed ? ys_str(failed, "errorCode") : "", failed ? "): " : "",
			failed ? ys_str(failed, "errorMessage") : "");
		return;
	}
	st = ys_str(ys_json_get(ys_json_get(acct, "resourceState"), s->key), "status");
	if (!*st) /* an AWS CLI older than the scan (Debian's knows no lambdaCode) drops it */
		ys_emit(a, YS_F_SKIP, NULL, region, "Inspector's status in %s says nothing of "
						    "scanning %s (the collecting AWS CLI may be "
						    "older than that scan)", region, s->what);
	else if (!strcmp(st, "ENABLED"))
		ys_pass(a, NULL, region, "Inspector scans %s in %s", s->what, region);
	else
		ys_fail(a, NULL, region, "Inspector does not scan %s in %s (%s): a known "
					 "vulnerability there goes unnoticed",
			s->what, region, st);
}

static void scan_check(struct ys_audit *a, const struct scan *s)
{
	ys_each_region(a, "inspector2/batch-get-account-status", scan_region, (void *)s);
}

void ys_check_inspector_ec2(struct ys_audit *a)
{
	static const struct scan s = {"ec2", "EC2 instances' packages and network reach"};

	scan_check(a, &s);
}

void ys_check_inspector_ecr(struct ys_audit *a)
{
	static const struct scan s = {"ecr", "ECR container images"};

	scan_check(a, &s);
}

void ys_check_inspector_lambda(struct ys_audit *a)
{
	static const struct scan s = {"lambda", "Lambda functions' packages"};

	scan_check(a, &s);
}

void ys_check_inspector_lambda_code(struct ys_audit *a)
{
	static const struct scan s = {"lambdaCode", "Lambda functions' own code"};

	scan_check(a, &s);
}
