/* s3-public.c: is a bucket public? Its policy's statements that allow everyone without a
 * condition that pins who or where, its ACL's grants to all users, and the public access blocks
 * (bucket's and account's) that cancel each */
#include <stdio.h>
#include <string.h>
#include "s3-public.h"
#include "../iam/policy.h"
#include "../banned.h"

/* Condition keys that, given values, narrow "everyone" to an account, organisation, network or
 * service (AWS's own test for a public policy). */
static const char *const narrowing[] = {
	"aws:SourceIp",	      "aws:SourceVpc",	    "aws:SourceVpce",	 "aws:PrincipalOrgID",
	"aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn",	 "aws:SourceAccount",
	"aws:SourceArn",	 "aws:SourceOwner",	 "aws:SourceOrgID",	 "aws:SourceOrgPaths",
	"aws:userid",		 "aws:username",	 "s3:DataAccessPointAccount",
	"s3:DataAccessPointArn",
};

static int narrowed(const struct ys_pstmt *s)
{
	size_t i;

	for (i = 0; i < sizeof(narrowing) / sizeof(narrowing[0]); i++)
		if (ys_pstmt_cond(s, NULL, narrowing[i], NULL))
			return 1;
	return 0;
}

/* A block's four settings: which are on (bit 0 BlockPublicAcls, 1 IgnorePublicAcls,
 * 2 BlockPublicPolicy, 3 RestrictPublicBuckets), or -1 when unknown. None set is 0. */
static int block_bits(const struct ys_snap_file *f)
{
	static const char *const keys[] = {"BlockPublicAcls", "IgnorePublicAcls",
					   "BlockPublicPolicy", "RestrictPublicBuckets"};
	const struct ys_jval *c;
	int bits = 0, i;

	if (f->status == YS_SNAP_REFUSED && !strcmp(f->code, "NoSuchPublicAccessBlockConfiguration"))
		return 0;
	if (f->status != YS_SNAP_OK)
		return -1;
	c = ys_json_get(f->root, "PublicAccessBlockConfiguration");
	for (i = 0; i < 4; i++)
		if (ys_bool(c ? c : f->root, keys[i]) == 1)
			bits |= 1 << i;
	return bits;
}

static int account_bits(struct ys_audit *a)
{
	return block_bits(ys_snapshot_get(a->snap, "global/s3control/get-public-access-block"));
}

int ys_s3_account_block(struct ys_audit *a)
{
	int b = account_bits(a);

	return b < 0 ? -1 : b == 15;
}

/* Whether the policy allows everyone something: the first such statement's actions in why;
 * -1 (why says so) when it is not a policy. */
static int policy_public(struct ys_audit *a, const char *bucket, const struct ys_snap_file *f,
			 char *why, size_t n)
{
	struct ys_policy p;
	struct ys_error err = {0};
	size_t i;
	int found = 0;

	if (ys_policy_parse(ys_json_get(f->root, "Policy"), &p, &err)) {
		ys_bad_file(a, "global/s3/get-bucket-policy", bucket, err.msg, why, n);
		return -1;
	}
	for (i = 0; i < p.n && !found; i++) {
		const struct ys_pstmt *s = &p.st[i];

		if (!s->allow || !ys_pstmt_everyone(s) || narrowed(s))
			continue;
		found = 1;
		snprintf(why, n, "its policy lets anyone do %s%s%s", s->not_action ? "all but " : "",
			 s->nactions ? s->actions[0] : "act", s->nactions > 1 ? " and more" : "");
	}
	ys_policy_release(&p);
	return found;
}

static int acl_public(const struct ys_jval *acl, char *why, size_t n)
{
	const struct ys_jval *grants = ys_json_get(acl, "Grants");
	size_t i;

	for (i = 0; i < ys_count(grants); i++) {
		const char *uri = ys_str(ys_json_get(ys_item(grants, i), "Grantee"), "URI");
		const char *who = strstr(uri, "/AllUsers") ? "everyone"
				  : strstr(uri, "/AuthenticatedUsers") ? "any AWS account"
								       : NULL;

		if (who) {
			snprintf(why, n, "its ACL grants %s %s", who,
				 ys_str(ys_item(grants, i), "Permission"));
			return 1;
		}
	}
	return 0;
}

enum ys_s3_exposure ys_s3_exposure(struct ys_audit *a, const char *bucket, char *why, size_t n)
{
	const struct ys_snap_file *pol = ys_snapshot_get_res(a->snap, "global/s3/get-bucket-policy",
							     bucket);
	const struct ys_snap_file *acl = ys_snapshot_get_res(a->snap, "global/s3/get-bucket-acl",
							     bucket);
	int bb = block_bits(ys_snapshot_get_res(a->snap, "global/s3/get-public-access-block", bucket));
	int ab = account_bits(a), bits = (bb < 0 ? 0 : bb) | (ab < 0 ? 0 : ab);
	int unknown = 0;

	/* the policy, unless RestrictPublicBuckets (bit 3) voids public grants */
	if (!(bits & 8)) {
		if (pol->status == YS_SNAP_OK) {
			int r = policy_public(a, bucket, pol, why, n);

			if (r > 0)
				return YS_S3_PUBLIC;
			unknown = r < 0;
		} else if (!(pol->status == YS_SNAP_REFUSED && !strcmp(pol->code, "NoSuchBucketPolicy"))) {
			unknown = snprintf(why, n, "the snapshot lacks %s.json", pol->rel);
		}
	}
	/* the ACL, unless IgnorePublicAcls (bit 1) */
	if (!(bits & 2)) {
		if (acl->status == YS_SNAP_OK) {
			if (acl_public(acl->root, why, n))
				return YS_S3_PUBLIC;
		} else if (!unknown) {
			unknown = snprintf(why, n, "the snapshot lacks %s.json", acl->rel);
		}
	}
	if (unknown)
		return YS_S3_UNKNOWN;
	snprintf(why, n, "%s; %s",
		 bits & 8 ? "RestrictPublicBuckets voids any public policy"
			  : "its policy does not let everyone in",
		 bits & 2 ? "IgnorePublicAcls voids any public ACL" : "its ACL grants everyone nothing");
	return YS_S3_PRIVATE;
}
