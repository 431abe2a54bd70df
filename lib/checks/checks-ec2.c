/* checks-ec2.c: checks of EC2 instances in every region: the metadata service's IMDSv1, and
 * Capital One's chain (IMDSv1, reachable from the internet, a role that reads S3) */
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

static void imds_region(struct ys_audit *a, const char *region, const struct ys_jval *root,
			void *ctx)
{
	(void)ctx;
	each_instance(root, imds_one, a, region);
}

void ys_check_imdsv2(struct ys_audit *a)
{
	ys_each_region(a, "ec2/describe-instances", imds_region, NULL);
}

/* Whether the instance takes IMDSv1 requests. */
static int takes_imdsv1(const struct ys_jval *inst)
{
	const struct ys_jval *mo = ys_json_get(inst, "MetadataOptions");

	return strcmp(ys_str(mo, "HttpEndpoint"), "disabled") &&
	       strcmp(ys_str(mo, "HttpTokens"), "required");
}

/* A region's file read quietly: its root, or NULL (then *missing names it). */
static const struct ys_jval *optional(struct ys_audit *a, const char *region, const char *call,
				      const char *res, const char **missing)
{
	char rel[160];
	const struct ys_snap_file *f;

	snprintf(rel, sizeof(rel), "%s/%s", region, call);
	f = res ? ys_snapshot_get_res(a->snap, rel, res) : ys_snapshot_get(a->snap, rel);
	if (f->status == YS_SNAP_OK)
		return f->root;
	if (!*missing)
		*missing = f->rel;
	return NULL;
}

static int holds_instance(const struct ys_jval *list, const char *key, const char *sub,
			  const char *id)
{
	size_t i;

	for (i = 0; i < ys_count(list); i++) {
		const struct ys_jval *it = ys_item(list, i);

		if (!strcmp(ys_str(sub ? ys_json_get(it, sub) : it, key), id))
			return 1;
	}
	return 0;
}

/* Whether an internet-facing load balancer sends traffic to the instance: 1 (name in lb),
 * 0, or -1 when the snapshot lacks a file it would take (named in *missing). */
static int behind_lb(struct ys_audit *a, const char *region, const char *id, char *lb, size_t n,
		     const char **missing)
{
	const struct ys_jval *classic = optional(a, region, "elb/describe-load-balancers", NULL,
						 missing);
	const struct ys_jval *v2 = optional(a, region, "elbv2/describe-load-balancers", NULL,
					    missing);
	const struct ys_jval *tgs = optional(a, region, "elbv2/describe-target-groups", NULL,
					     missing);
	const struct ys_jval *list, *tg, *th;
	size_t i, j, k;
	int unknown = !classic || !v2 || !tgs;

	list = ys_json_get(classic, "LoadBalancerDescriptions");
	for (i = 0; i < ys_count(list); i++)
		if (!strcmp(ys_str(ys_item(list, i), "Scheme"), "internet-facing") &&
		    holds_instance(ys_json_get(ys_item(list, i), "Instances"), "InstanceId", NULL, id)) {
			snprintf(lb, n, "%s", ys_str(ys_item(list, i), "LoadBalancerName"));
			return 1;
		}
	list = ys_json_get(tgs, "TargetGroups");
	for (i = 0; i < ys_count(list); i++) {
		tg = ys_item(list, i);
		if (strcmp(ys_str(tg, "TargetType"), "instance") && *ys_str(tg, "TargetType"))
			continue;
		for (j = 0; j < ys_count(ys_json_get(tg, "LoadBalancerArns")); j++) {
			const char *lbarn = ys_json_str(&ys_json_get(tg, "LoadBalancerArns")->u.items[j]);
			const struct ys_jval *lbs = ys_json_get(v2, "LoadBalancers");

			for (k = 0; lbarn && k < ys_count(lbs); k++) {
				const struct ys_jval *l = ys_item(lbs, k);

				if (strcmp(ys_str(l, "LoadBalancerArn"), lbarn) ||
				    strcmp(ys_str(l, "Scheme"), "internet-facing"))
					continue;
				th = optional(a, region, "elbv2/describe-target-health",
					      ys_str(tg, "TargetGroupArn"), missing);
				if (!th)
					unknown = 1;
				else if (holds_instance(ys_json_get(th, "TargetHealthDescriptions"), "Id",
							"Target", id)) {
					snprintf(lb, n, "%s", ys_str(l, "LoadBalancerName"));
					return 1;
				}
			}
		}
	}
	return unknown ? -1 : 0;
}

static void chain_one(struct ys_audit *a, const char *region, const struct ys_jval *inst)
{
	const struct ys_account *acct = a->acct;
	const char *id = ys_str(inst, "InstanceId"), *ip = ys_str(inst, "PublicIpAddress");
	const char *profile = ys_str(ys_json_get(inst, "IamInstanceProfile"), "Arn");
	const struct ys_principal *role = *profile ? ys_account_profile_role(acct, profile) : NULL;
	const char *missing = NULL;
	char arn[256], where[300], lb[256], reach[320];
	int behind;

	if (!strcmp(ys_str(ys_json_get(inst, "State"), "Name"), "terminated"))
		return;
	snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:instance/%s", region, a->account, id);
	ys_about(a, id);
	if (!takes_imdsv1(inst)) {
		ys_pass(a, arn, region, "instance %s requires IMDSv2: no SSRF to its credentials", id);
	} else if (!*profile) {
		ys_pass(a, arn, region, "instance %s accepts IMDSv1 but has no role to steal", id);
	} else if (!role) {
		ys_emit(a, YS_F_SKIP, arn, region, "instance %s: the snapshot's IAM details hold no "
						   "role for instance profile %s", id, profile);
	} else if (!ys_account_allows_some(acct, role, "s3:GetObject", where, sizeof(where))) {
		ys_pass(a, arn, region, "instance %s accepts IMDSv1, but its role %s cannot read S3",
			id, role->name);
	} else {
		behind = behind_lb(a, region, id, lb, sizeof(lb), &missing);
		if (*ip)
			snprintf(reach, sizeof(reach), "has the public address %s", ip);
		else if (behind == 1)
			snprintf(reach, sizeof(reach), "is behind the internet-facing load balancer %s",
				 lb);
		if (*ip || behind == 1)
			ys_fail(a, arn, region, "instance %s %s, accepts IMDSv1 (no token), and its role "
						"%s can read S3 (s3:GetObject through %s): one SSRF "
						"bug hands out that role's keys", id, reach,
				role->name, where);
		else if (behind < 0)
			ys_emit(a, YS_F_SKIP, arn, region, "instance %s accepts IMDSv1 and its role %s "
							   "reads S3; whether a load balancer "
							   "reaches it is unknown: the snapshot "
							   "lacks %s.json", id, role->name, missing);
		else
			ys_pass(a, arn, region, "instance %s accepts IMDSv1 and its role %s reads S3, "
						"but nothing on the internet reaches it", id,
				role->name);
	}
	ys_about(a, NULL);
}

static void chain_region(struct ys_audit *a, const char *region, const struct ys_jval *root,
			 void *ctx)
{
	(void)ctx;
	each_instance(root, chain_one, a, region);
}

void ys_check_ssrf_chain(struct ys_audit *a)
{
	if (ys_need_account(a))
		ys_each_region(a, "ec2/describe-instances", chain_region, NULL);
}
