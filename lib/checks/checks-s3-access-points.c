/* checks-s3-access-points.c: S3 access points (S3.19) and Multi-Region Access Points (S3.24)
 * block public access with all four of their settings */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

/* The settings of a block that are off, as "BlockPublicPolicy and RestrictPublicBuckets" into
 * out[n]; how many. */
static int off_settings(const struct ys_jval *block, char *out, size_t n)
{
	static const char *const keys[] = {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
					   "RestrictPublicBuckets"};
	size_t i, k = 0;
	int off = 0;

	out[0] = '\0';
	for (i = 0; i < 4; i++) {
		if (ys_bool(block, keys[i]) == 1)
			continue;
		k += (size_t)snprintf(out + k, k < n ? n - k : 0, "%s%s", off ? " and " : "", keys[i]);
		off++;
	}
	return off;
}

static void judge(struct ys_audit *a, const char *what, const char *name, const char *arn,
		  const char *region, const struct ys_jval *block)
{
	const char *objects = strstr(what, "multi") ? "its buckets' objects" : "its bucket's objects";
	char off[160];

	ys_about(a, name);
	if (!block)
		ys_fail(a, arn, region,
			"%s %s has no block on public access: a policy on it can open %s to anyone",
			what, name, objects);
	else if (off_settings(block, off, sizeof(off)))
		ys_fail(a, arn, region,
			"%s %s does not block public access fully (%s off): a policy on it can open "
			"%s to anyone", what, name, off, objects);
	else
		ys_pass(a, arn, region, "%s %s blocks public access with all four settings", what,
			name);
	ys_about(a, NULL);
}

static void point_one(struct ys_audit *a, const char *region, const struct ys_jval *ap, void *ctx)
{
	const char *name = ys_str(ap, "Name");
	const struct ys_jval *got;
	char rel[96], arn[320];
	int absent = 0;

	(void)ctx;
	if (!*name)
		return;
	snprintf(rel, sizeof(rel), "%s/s3control/get-access-point", region);
	if (!(got = ys_need_x(a, rel, name, region, NULL, &absent)))
		return;
	snprintf(arn, sizeof(arn), "%s", *ys_str(got, "AccessPointArn") ? ys_str(got, "AccessPointArn")
									: ys_str(ap, "AccessPointArn"));
	judge(a, "access point", name, arn, region,
	      ys_json_get(got, "PublicAccessBlockConfiguration"));
}

void ys_check_s3_access_point_block(struct ys_audit *a)
{
	ys_each_item(a, "s3control/list-access-points", "AccessPointList", point_one, NULL);
}

void ys_check_s3_mrap_block(struct ys_audit *a)
{
	const struct ys_jval *got = ys_need(a, "global/s3control/list-multi-region-access-points",
					    NULL);
	const struct ys_jval *list = ys_json_get(got, "AccessPoints");
	char arn[320];
	size_t i;

	if (!got)
		return;
	for (i = 0; i < ys_count(list); i++) {
		const struct ys_jval *m = ys_item(list, i);
		const char *alias = ys_str(m, "Alias");

		snprintf(arn, sizeof(arn), "arn:aws:s3::%s:accesspoint/%s", a->account, alias);
		judge(a, "multi-region access point", ys_str(m, "Name"), arn, "global",
		      ys_json_get(m, "PublicAccessBlock"));
	}
	if (!ys_count(list))
		ys_pass(a, NULL, "global", "the account has no multi-region access point");
}
