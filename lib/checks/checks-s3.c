/* checks-s3.c: checks of S3 buckets (public exposure and its blocks, HTTPS-only policies,
 * MFA Delete and Object Lock) and of the account's public access block */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "s3-public.h"
#include "../iam/policy.h"
#include "../banned.h"

void ys_each_bucket(struct ys_audit *a, void (*fn)(struct ys_audit *, const char *, const char *))
{
	const struct ys_jval *root = ys_need(a, "global/s3/list-buckets", NULL);
	const struct ys_jval *list = ys_json_get(root, "Buckets");
	char arn[128];
	size_t i;

	for (i = 0; i < ys_count(list); i++) {
		const char *name = ys_str(ys_item(list, i), "Name");

		if (!*name)
			continue;
		snprintf(arn, sizeof(arn), "arn:aws:s3:::%s", name);
		ys_about(a, name);
		fn(a, name, arn);
		ys_about(a, NULL);
	}
}

static void public_one(struct ys_audit *a, const char *name, const char *arn)
{
	char why[300];

	switch (ys_s3_exposure(a, name, why, sizeof(why))) {
	case YS_S3_PUBLIC:
		ys_fail(a, arn, NULL, "bucket %s is public: %s", name, why);
		break;
	case YS_S3_PRIVATE:
		ys_pass(a, arn, NULL, "bucket %s is not public: %s", name, why);
		break;
	case YS_S3_UNKNOWN:
		ys_emit(a, YS_F_SKIP, arn, NULL, "bucket %s: %s", name, why);
		break;
	}
}

void ys_check_s3_not_public(struct ys_audit *a)
{
	ys_each_bucket(a, public_one);
}

void ys_check_s3_account_block(struct ys_audit *a)
{
	int absent;
	const struct ys_jval *c;
	const struct ys_jval *root = ys_need_x(a, "global/s3control/get-public-access-block", NULL,
					       NULL, "NoSuchPublicAccessBlockConfiguration", &absent);
	static const char *const keys[] = {"BlockPublicAcls", "IgnorePublicAcls",
					   "BlockPublicPolicy", "RestrictPublicBuckets"};
	char off[128] = "";
	size_t i;

	if (absent) {
		ys_fail(a, NULL, NULL, "the account has no S3 public access block");
		return;
	}
	if (!root)
		return;
	c = ys_json_get(root, "PublicAccessBlockConfiguration");
	for (i = 0; i < 4; i++)
		if (ys_bool(c ? c : root, keys[i]) != 1)
			snprintf(off + strlen(off), sizeof(off) - strlen(off), "%s%s", *off ? ", " : "",
				 keys[i]);
	if (*off)
		ys_fail(a, NULL, NULL, "the account's S3 public access block leaves off %s", off);
	else
		ys_pass(a, NULL, NULL, "the account blocks public access to every bucket");
}

static void block_one(struct ys_audit *a, const char *name, const char *arn)
{
	int absent, on = 0;
	const struct ys_jval *c, *root;
	static const char *const keys[] = {"BlockPublicAcls", "IgnorePublicAcls",
					   "BlockPublicPolicy", "RestrictPublicBuckets"};
	size_t i;

	if (ys_s3_account_block(a) == 1) {
		ys_pass(a, arn, NULL, "bucket %s is covered by the account's public access block",
			name);
		return;
	}
	root = ys_need_x(a, "global/s3/get-public-access-block", name, NULL,
			 "NoSuchPublicAccessBlockConfiguration", &absent);
	if (!root && !absent)
		return;
	c = root ? ys_json_get(root, "PublicAccessBlockConfiguration") : NULL;
	for (i = 0; root && i < 4; i++)
		on += ys_bool(c ? c : root, keys[i]) == 1;
	if (on == 4)
		ys_pass(a, arn, NULL, "bucket %s blocks public access", name);
	else
		ys_fail(a, arn, NULL, "bucket %s does not block public access (%d of 4 settings on, "
				      "none at the account)", name, on);
}

void ys_check_s3_bucket_block(struct ys_audit *a)
{
	ys_each_bucket(a, block_one);
}

/* "false", false, or a list holding one */
static int is_false(const struct ys_jval *v)
{
	size_t i;

	if (!v)
		return 0;
	if (v->type == YS_J_FALSE)
		return 1;
	if (v->type == YS_J_STRING)
		return !strcmp(v->u.str, "false");
	for (i = 0; v->type == YS_J_ARRAY && i < v->len; i++)
		if (is_false(&v->u.items[i]))
			return 1;
	return 0;
}

static void https_one(struct ys_audit *a, const char *name, const char *arn)
{
	int absent, found = 0;
	const struct ys_jval *root = ys_need_x(a, "global/s3/get-bucket-policy", name, NULL,
					       "NoSuchBucketPolicy", &absent);
	struct ys_policy p;
	struct ys_error err = {0};
	char msg[700];
	size_t i;

	if (absent) {
		ys_fail(a, arn, NULL, "bucket %s has no policy, so plain HTTP is allowed", name);
		return;
	}
	if (!root)
		return;
	if (ys_policy_parse(ys_json_get(root, "Policy"), &p, &err)) {
		ys_emit(a, YS_F_ERROR, arn, NULL, "%s", ys_bad_file(a, "global/s3/get-bucket-policy",
								    name, err.msg, msg, sizeof(msg)));
		return;
	}
	for (i = 0; i < p.n && !found; i++)
		found = !p.st[i].allow && ys_pstmt_action(&p.st[i], "s3:GetObject") &&
			ys_pstmt_action(&p.st[i], "s3:PutObject") &&
			is_false(ys_pstmt_cond(&p.st[i], "Bool", "aws:SecureTransport", NULL));
	ys_policy_release(&p);
	if (found)
		ys_pass(a, arn, NULL, "bucket %s denies requests without HTTPS", name);
	else
		ys_fail(a, arn, NULL, "bucket %s's policy does not deny plain HTTP", name);
}

void ys_check_s3_https_only(struct ys_audit *a)
{
	ys_each_bucket(a, https_one);
}

/* MFA Delete from get-bucket-versioning: 1 on, 0 off, -1 after a finding */
static int mfa_delete(struct ys_audit *a, const char *name)
{
	const struct ys_jval *v = ys_need_x(a, "global/s3/get-bucket-versioning", name, NULL, NULL,
					    NULL);

	return v ? !strcmp(ys_str(v, "MFADelete"), "Enabled") : -1;
}

static void mfa_delete_one(struct ys_audit *a, const char *name, const char *arn)
{
	int on = mfa_delete(a, name);

	if (on > 0)
		ys_pass(a, arn, NULL, "bucket %s needs MFA to delete versions", name);
	else if (!on)
		ys_fail(a, arn, NULL, "bucket %s lets versions be deleted without MFA", name);
}

void ys_check_s3_mfa_delete(struct ys_audit *a)
{
	ys_each_bucket(a, mfa_delete_one);
}

static void object_lock_one(struct ys_audit *a, const char *name, const char *arn)
{
	int absent, mfa;
	const struct ys_jval *root = ys_need_x(a, "global/s3/get-object-lock-configuration", name,
					       NULL, "ObjectLockConfigurationNotFoundError", &absent);
	const struct ys_jval *c = ys_json_get(root, "ObjectLockConfiguration");
	const struct ys_jval *ret = ys_json_get(ys_json_get(c, "Rule"), "DefaultRetention");

	if (!root && !absent)
		return;
	if (root && !strcmp(ys_str(c, "ObjectLockEnabled"), "Enabled")) {
		if (ret)
			ys_pass(a, arn, NULL, "bucket %s keeps objects under Object Lock (%s)", name,
				ys_str(ret, "Mode"));
		else
			ys_pass(a, arn, NULL, "bucket %s has Object Lock on (no default retention)",
				name);
		return;
	}
	if ((mfa = mfa_delete(a, name)) < 0)
		return;
	if (mfa)
		ys_pass(a, arn, NULL, "bucket %s has no Object Lock but needs MFA to delete versions",
			name);
	else
		ys_fail(a, arn, NULL, "bucket %s has neither Object Lock nor MFA Delete: one "
				      "credential can erase it and every version", name);
}

void ys_check_s3_object_lock(struct ys_audit *a)
{
	ys_each_bucket(a, object_lock_one);
}
