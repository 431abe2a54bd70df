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
#define C(name, cut) {name, sizeof(name) - 1, cut}
static const struct {
	const char *name;
	size_t len;
	int cut;
} changes[] = {
    C("PutBucketPolicy", 0),	      C("DeleteBucketPolicy", 1),	  C("DeleteBucket", 1),
    C("PutBucketLifecycle", 0),	      C("DeleteBucketLifecycle", 0),	  C("PutBucketAcl", 0),
    C("PutBucketReplication", 0),     C("DeleteBucketReplication", 0),	  C("PutBucketVersioning", 0),
    C("PutBucketEncryption", 0),      C("DeleteBucketEncryption", 0),	  C("PutBucketPublicAccessBlock", 0),
    C("DeleteBucketPublicAccessBlock", 0), C("PutBucketOwnershipControls", 0), C("PutObjectLockConfiguration", 0),
    C("CreateTrail", 0),	      C("UpdateTrail", 0),
};
#undef C
#define NCHANGES (sizeof(changes) / sizeof(changes[0]))
#define TRAILS (NCHANGES - 2) /* the last two name the bucket of a trail */

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

/* Which of changes[] the raw event name (quoted, as in the record) is, or NCHANGES: no decoding,
 * most records leave here. */
static size_t which(struct ys_jraw evname)
{
	size_t i;

	if (evname.len < 8 || evname.len > 40 ||
	    (evname.p[1] != 'P' && evname.p[1] != 'D' && evname.p[1] != 'C' && evname.p[1] != 'U'))
		return NCHANGES;
	for (i = 0; i < NCHANGES; i++)
		if (evname.len == changes[i].len + 2 && !memcmp(evname.p + 1, changes[i].name, changes[i].len))
			return i;
	return NCHANGES;
}

int ys_trailbucket_may_change(struct ys_jraw evname)
{
	return which(evname) != NCHANGES;
}

int ys_trailbucket_record(struct rows *rows, struct ys_jlazy *rec, struct ys_jraw evname, int64_t t)
{
	char bucket[256];
	struct ys_jraw v;
	size_t i = which(evname);
	int known, grants;

	if (i == NCHANGES || ys_jlazy_top(rec, "errorCode", 9, &v))
		return YS_TRAILBUCKET_NONE;
	if (i >= TRAILS) {
		if (!ys_jlazy_str(rec, "requestParameters.s3BucketName", bucket, sizeof(bucket)) || !*bucket)
			return YS_TRAILBUCKET_NONE;
		return learn(rows, bucket, t) < 0 ? YS_ENOMEM : YS_TRAILBUCKET_NONE;
	}
	if (!ys_jlazy_str(rec, "requestParameters.bucketName", bucket, sizeof(bucket)) || !*bucket)
		return YS_TRAILBUCKET_NONE;
	known = ys_rows_find(rows, KIND, bucket, "", 0) != NULL;
	if (i == 0) { /* PutBucketPolicy */
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
