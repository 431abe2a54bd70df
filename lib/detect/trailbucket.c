/* trailbucket.c: learns which buckets hold the trail and judges the changes made to them: an
 * attacker who cannot stop the trail unnoticed can still starve it (a bucket policy CloudTrail
 * may not write through) or erase it (a lifecycle rule that expires the logs) */
#define _GNU_SOURCE
#include <string.h>
#include "../base/err.h"
#include "trailbucket.h"
#include "../banned.h"

#define KIND "trail-bucket"

/* The S3 calls that change a bucket's keeping of what it holds; cut: CloudTrail's writes stop. */
static const struct {
	const char *name;
	int cut;
} changes[] = {
    {"PutBucketPolicy", 0},	    {"DeleteBucketPolicy", 1},	       {"DeleteBucket", 1},
    {"PutBucketLifecycle", 0},	    {"DeleteBucketLifecycle", 0},      {"PutBucketAcl", 0},
    {"PutBucketReplication", 0},    {"DeleteBucketReplication", 0},    {"PutBucketVersioning", 0},
    {"PutBucketEncryption", 0},	    {"DeleteBucketEncryption", 0},     {"PutBucketPublicAccessBlock", 0},
    {"DeleteBucketPublicAccessBlock", 0}, {"PutBucketOwnershipControls", 0}, {"PutObjectLockConfiguration", 0},
};

static int learn(struct rows *rows, const char *bucket, int64_t t)
{
	return ys_rows_count(rows, ys_rows_find(rows, KIND, bucket, "", 1), t) ? 0 : YS_ENOMEM;
}

/* Does the policy in the record let CloudTrail write? (its text names the service) */
static int grants_cloudtrail(struct ys_jlazy *rec)
{
	struct ys_jraw v;
	static const char svc[] = "cloudtrail.amazonaws.com";

	return ys_jlazy_get(rec, "requestParameters.bucketPolicy", &v) &&
	       memmem(v.p, v.len, svc, sizeof(svc) - 1) != NULL;
}

int ys_trailbucket_record(struct rows *rows, struct ys_jlazy *rec, struct ys_jraw evname, int64_t t)
{
	char name[48], bucket[256];
	struct ys_jraw v;
	size_t i, n;
	int known, grants;

	/* the calls looked at are all Put…, Delete…, CreateTrail or UpdateTrail */
	if (evname.len < 8 ||
	    (evname.p[1] != 'P' && evname.p[1] != 'D' && evname.p[1] != 'C' && evname.p[1] != 'U') ||
	    ys_jlazy_top(rec, "errorCode", 9, &v) ||
	    !ys_jlazy_str(rec, "eventName", name, sizeof(name)))
		return YS_TRAILBUCKET_NONE;
	if (!strcmp(name, "CreateTrail") || !strcmp(name, "UpdateTrail")) {
		if (!ys_jlazy_str(rec, "requestParameters.s3BucketName", bucket, sizeof(bucket)) || !*bucket)
			return YS_TRAILBUCKET_NONE;
		return learn(rows, bucket, t) < 0 ? YS_ENOMEM : YS_TRAILBUCKET_NONE;
	}
	n = sizeof(changes) / sizeof(changes[0]);
	for (i = 0; i < n && strcmp(name, changes[i].name); i++)
		;
	if (i == n || !ys_jlazy_str(rec, "requestParameters.bucketName", bucket, sizeof(bucket)) ||
	    !*bucket)
		return YS_TRAILBUCKET_NONE;
	known = ys_rows_find(rows, KIND, bucket, "", 0) != NULL;
	if (!strcmp(name, "PutBucketPolicy")) {
		grants = grants_cloudtrail(rec);
		if (grants && learn(rows, bucket, t))
			return YS_ENOMEM;
		if (!known)
			return YS_TRAILBUCKET_NONE;
		return grants ? YS_TRAILBUCKET_CHANGED : YS_TRAILBUCKET_CUT_OFF;
	}
	if (!known)
		return YS_TRAILBUCKET_NONE;
	if (learn(rows, bucket, t))
		return YS_ENOMEM;
	return changes[i].cut ? YS_TRAILBUCKET_CUT_OFF : YS_TRAILBUCKET_CHANGED;
}
