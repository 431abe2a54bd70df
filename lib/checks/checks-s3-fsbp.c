/* checks-s3-fsbp.c: the FSBP controls of S3 buckets not in checks-s3.c: other accounts' rights
 * in a bucket policy (S3.6, through lib/iam's evaluator), server access logging (S3.9), ACLs
 * turned off (S3.12) and lifecycle rules (S3.13) */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "exposure.h"
#include "../iam/policy.h"
#include "../banned.h"

/* S3.6: what no other account may do. The bucket's own actions are asked of the bucket, the
 * objects' of all its objects and of every object resource the policy names. */
static const char *const acts[] = {
	"s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:PutBucketPolicy",
	"s3:PutEncryptionConfiguration", "s3:DeleteBucket",
	/* objects from here */
	"s3:PutObjectAcl", "s3:DeleteObject", "s3:DeleteObjectVersion",
};
#define NACTS (sizeof(acts) / sizeof(acts[0]))
#define FIRST_OBJECT_ACT 5
#define MAX_OBJECT_RES 8

struct tally {
	struct {
		char who[64];
		unsigned mask; /* bit i: acts[i] */
	} w[YS_MAX_OUTSIDERS];
	size_t n;
};

/* Asks the policy whether outsiders may do acts[i] on res, and records who may */
static int ask(struct ys_audit *a, const struct ys_jval *doc, const char *res, size_t i,
	       struct tally *t, struct ys_error *err)
{
	const char *one[] = {acts[i], NULL};
	struct ys_exposure e;
	size_t k, j;

	if (ys_exposure_eval(doc, res, a->account, one, &e, err))
		return -1;
	for (k = 0; k < e.n; k++) {
		for (j = 0; j < t->n && strcmp(t->w[j].who, e.o[k].who); j++)
			;
		if (j == t->n) {
			if (t->n == YS_MAX_OUTSIDERS)
				continue;
			snprintf(t->w[t->n++].who, sizeof(t->w[0].who), "%s", e.o[k].who);
		}
		t->w[j].mask |= 1u << i;
	}
	return 0;
}

/* The object resources to ask about: all objects and the policy's Allow resources under it */
static size_t object_resources(const struct ys_jval *doc, const char *arn,
			       char res[][256], size_t max)
{
	struct ys_policy p;
	struct ys_error err = {0};
	size_t n = 0, i, j, k, len = strlen(arn);

	snprintf(res[n++], 256, "%s/*", arn);
	if (ys_policy_parse(doc, &p, &err))
		return n;
	for (i = 0; i < p.n; i++) {
		const struct ys_pstmt *s = &p.st[i];

		for (j = 0; s->allow && !s->not_resource && j < s->nresources && n < max; j++) {
			const char *r = s->resources[j];

			if (strncmp(r, arn, len) || r[len] != '/')
				continue;
			for (k = 0; k < n && strcmp(res[k], r); k++)
				;
			if (k == n)
				snprintf(res[n++], 256, "%s", r);
		}
	}
	ys_policy_release(&p);
	return n;
}

/* "account 444455556666 can do s3:DeleteObject, s3:PutObjectAcl; anyone can do ..." */
static const char *tally_words(const struct tally *t, char *out, size_t n)
{
	size_t i, j, k = 0;

	out[0] = '\0';
	for (i = 0; i < t->n && k < n; i++) {
		k += (size_t)snprintf(out + k, n - k, "%s%s can do", i ? "; " : "", t->w[i].who);
		for (j = 0; j < NACTS && k < n; j++)
			if (t->w[i].mask & (1u << j))
				k += (size_t)snprintf(out + k, n - k, "%s %s",
						      (t->w[i].mask & ((1u << j) - 1)) ? "," : "",
						      acts[j]);
	}
	return out;
}

static void cross_account_one(struct ys_audit *a, const char *name, const char *arn)
{
	int absent = 0;
	const struct ys_jval *r = ys_need_x(a, "global/s3/get-bucket-policy", name, NULL,
					    "NoSuchBucketPolicy", &absent);
	const struct ys_jval *doc = ys_json_get(r, "Policy");
	struct ys_error err = {0};
	struct tally t = {0};
	char res[MAX_OBJECT_RES][256], words[700], msg[700];
	size_t nres, i, j;
	int rc = 0;

	if (absent) {
		ys_pass(a, arn, NULL, "bucket %s has no policy: no other account has rights in it",
			name);
		return;
	}
	if (!r)
		return;
	for (i = 0; i < FIRST_OBJECT_ACT && !rc; i++)
		rc = ask(a, doc, arn, i, &t, &err);
	nres = rc ? 0 : object_resources(doc, arn, res, MAX_OBJECT_RES);
	for (j = 0; j < nres && !rc; j++)
		for (i = FIRST_OBJECT_ACT; i < NACTS && !rc; i++)
			rc = ask(a, doc, res[j], i, &t, &err);
	if (rc)
		ys_emit(a, YS_F_ERROR, arn, NULL, "%s", ys_bad_file(a, "global/s3/get-bucket-policy",
								    name, err.msg, msg, sizeof(msg)));
	else if (t.n)
		ys_fail(a, arn, NULL, "bucket %s's policy lets other accounts change its access or "
				      "delete its data: %s", name, tally_words(&t, words, sizeof(words)));
	else
		ys_pass(a, arn, NULL, "bucket %s's policy lets no other account change its policy, "
				      "ACL or encryption, or delete it or its objects", name);
}

void ys_check_s3_cross_account(struct ys_audit *a)
{
	ys_each_bucket(a, cross_account_one);
}

/* S3.9 */
static void access_log_one(struct ys_audit *a, const char *name, const char *arn)
{
	const struct ys_jval *r = ys_need_x(a, "global/s3/get-bucket-logging", name, NULL, NULL,
					    NULL);
	const struct ys_jval *le = ys_json_get(r, "LoggingEnabled");

	if (!r)
		return;
	if (*ys_str(le, "TargetBucket"))
		ys_pass(a, arn, NULL, "bucket %s logs every request to bucket %s", name,
			ys_str(le, "TargetBucket"));
	else
		ys_fail(a, arn, NULL, "bucket %s keeps no access log: who read or deleted what in it "
				      "cannot be found afterwards", name);
}

void ys_check_s3_access_logging(struct ys_audit *a)
{
	ys_each_bucket(a, access_log_one);
}

/* S3.12 */
static void acls_one(struct ys_audit *a, const char *name, const char *arn)
{
	int absent = 0;
	const struct ys_jval *r = ys_need_x(a, "global/s3/get-bucket-ownership-controls", name,
					    NULL, "OwnershipControlsNotFoundError", &absent);
	const struct ys_jval *rules = ys_json_get(ys_json_get(r, "OwnershipControls"), "Rules");
	const char *own = ys_str(ys_item(rules, 0), "ObjectOwnership");

	if (!r && !absent)
		return;
	if (!strcmp(own, "BucketOwnerEnforced"))
		ys_pass(a, arn, NULL, "bucket %s ignores ACLs: only policies grant access to it",
			name);
	else
		ys_fail(a, arn, NULL, "bucket %s still honours ACLs (object ownership %s): an ACL "
				      "on any object can grant access that no policy shows",
			name, *own ? own : "not set");
}

void ys_check_s3_acls_disabled(struct ys_audit *a)
{
	ys_each_bucket(a, acls_one);
}

/* S3.13 */
static void lifecycle_one(struct ys_audit *a, const char *name, const char *arn)
{
	int absent = 0;
	const struct ys_jval *r = ys_need_x(a, "global/s3/get-bucket-lifecycle-configuration",
					    name, NULL, "NoSuchLifecycleConfiguration", &absent);
	const struct ys_jval *rules = ys_json_get(r, "Rules");
	size_t i, on = 0;

	if (!r && !absent)
		return;
	for (i = 0; i < ys_count(rules); i++)
		on += !strcmp(ys_str(ys_item(rules, i), "Status"), "Enabled");
	if (on)
		ys_pass(a, arn, NULL, "bucket %s has %zu lifecycle rule%s in force", name, on,
			on == 1 ? "" : "s");
	else
		ys_fail(a, arn, NULL, "bucket %s has no lifecycle rule in force: old objects and "
				      "versions are kept, and paid for, for good", name);
}

void ys_check_s3_lifecycle(struct ys_audit *a)
{
	ys_each_bucket(a, lifecycle_one);
}
