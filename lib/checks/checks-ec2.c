/* checks-ec2.c: checks of EC2 instances in every region (the metadata service's IMDSv1) */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

/* Calls fn for each instance of describe-instances' Reservations[].Instances[]. */
static void each_instance(const struct ys_jval *root,
			  void (*fn)(struct ys_audit *, const char *, const struct ys_jval *),
			  struct ys_audit *a, const char *region)
{
	const struct ys_jval *res = ys_json_get(root, "Reservations"), *r, *in;
	size_t i, j;

	for (i = 0; i < ys_count(res); i++) {
		if (!(r = ys_item(res, i)))
			continue;
		in = ys_json_get(r, "Instances");
		for (j = 0; j < ys_count(in); j++)
			if (ys_item(in, j))
				fn(a, region, ys_item(in, j));
	}
}

static void imds_one(struct ys_audit *a, const char *region, const struct ys_jval *inst)
{
	const struct ys_jval *mo = ys_json_get(inst, "MetadataOptions");
	const char *id = ys_str(inst, "InstanceId"), *state = ys_str(ys_json_get(inst, "State"), "Name");
	const char *ip = ys_str(inst, "PublicIpAddress");
	const char *profile = ys_str(ys_json_get(inst, "IamInstanceProfile"), "Arn");
	char arn[256], worse[400] = "";

	if (!strcmp(state, "terminated"))
		return;
	snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:instance/%s", region, a->account, id);
	ys_about(a, id);
	if (!strcmp(ys_str(mo, "HttpEndpoint"), "disabled")) {
		ys_pass(a, arn, region, "instance %s has its metadata service turned off", id);
	} else if (!strcmp(ys_str(mo, "HttpTokens"), "required")) {
		ys_pass(a, arn, region, "instance %s requires IMDSv2", id);
	} else {
		if (*ip || *profile)
			snprintf(worse, sizeof(worse), ", and it has %s%s%s%s", *ip ? "a public address " : "",
				 *ip ? ip : "", *ip && *profile ? " and " : "",
				 *profile ? "a role whose credentials IMDSv1 hands to any request" : "");
		ys_fail(a, arn, region, "instance %s accepts IMDSv1 (HttpTokens %s)%s", id,
			mo ? (*ys_str(mo, "HttpTokens") ? ys_str(mo, "HttpTokens") : "unset") : "unset",
			worse);
	}
	ys_about(a, NULL);
}

void ys_check_imdsv2(struct ys_audit *a)
{
	const char *const *regions;
	size_t n = ys_snapshot_regions(a->snap, &regions), i;
	const struct ys_jval *root;
	char rel[96];

	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "%s/ec2/describe-instances", regions[i]);
		if ((root = ys_need(a, rel, regions[i])))
			each_instance(root, imds_one, a, regions[i]);
	}
	if (!n)
		ys_emit(a, YS_F_SKIP, NULL, NULL, "the snapshot holds no region");
}
