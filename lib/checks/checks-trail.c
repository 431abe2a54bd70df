/* checks-trail.c: CloudTrail: a logging trail over every region with management events,
 * validation, KMS, S3 data events, and a trail bucket that is neither public nor unlogged */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check-api.h"
#include "s3-public.h"
#include "trails.h"
#include "../base/grow.h"
#include "../banned.h"

void ys_check_trail_multi_region(struct ys_audit *a)
{
	struct ys_trails t;
	size_t i;
	const struct ys_trail *best = NULL;

	if (ys_trails_load(a, &t))
		return;
	for (i = 0; i < t.n; i++) {
		const struct ys_trail *tr = &t.t[i];

		if (ys_bool(tr->v, "IsMultiRegionTrail") == 1 && tr->logging == 1 &&
		    tr->management == 1) {
			best = tr;
			break;
		}
	}
	if (best) {
		ys_pass(a, best->arn, best->home, "trail %s records every region's management events",
			best->name);
	} else if (!t.n) {
		ys_fail(a, NULL, NULL, "the account has no CloudTrail trail: nobody will know what "
				       "was done, or by whom");
	} else {
		for (i = 0; i < t.n; i++) {
			const struct ys_trail *tr = &t.t[i];

			ys_about(a, tr->name);
			if (ys_bool(tr->v, "IsMultiRegionTrail") != 1)
				ys_fail(a, tr->arn, tr->home, "trail %s records only %s", tr->name,
					tr->home);
			else if (tr->logging == 0)
				ys_fail(a, tr->arn, tr->home, "trail %s covers every region but is "
							      "not logging", tr->name);
			else if (tr->logging < 0)
				ys_emit(a, YS_F_SKIP, tr->arn, tr->home, "trail %s: %s", tr->name,
					tr->why);
			else if (tr->management == 0)
				ys_fail(a, tr->arn, tr->home, "trail %s covers every region but not "
							      "all management events (read and write)",
					tr->name);
			else
				ys_emit(a, YS_F_SKIP, tr->arn, tr->home, "trail %s: %s", tr->name,
					tr->why);
		}
		ys_about(a, NULL);
	}
	ys_trails_release(&t);
}

/* One property of each trail the account owns; ctx picks it. */
enum trail_prop { TRAIL_VALIDATION, TRAIL_KMS };

static void each_trail_prop(struct ys_audit *a, enum trail_prop p)
{
	struct ys_trails t;
	size_t i;

	if (ys_trails_load(a, &t))
		return;
	if (!t.n)
		ys_fail(a, NULL, NULL, "the account has no CloudTrail trail");
	for (i = 0; i < t.n; i++) {
		const struct ys_trail *tr = &t.t[i];

		ys_about(a, tr->name);
		if (p == TRAIL_VALIDATION) {
			if (ys_bool(tr->v, "LogFileValidationEnabled") == 1)
				ys_pass(a, tr->arn, tr->home, "trail %s signs its log files (digests)",
					tr->name);
			else
				ys_fail(a, tr->arn, tr->home, "trail %s does not validate its log "
							      "files: edits and deletions would go "
							      "unseen", tr->name);
		} else {
			if (*ys_str(tr->v, "KmsKeyId"))
				ys_pass(a, tr->arn, tr->home, "trail %s encrypts its logs with %s",
					tr->name, ys_str(tr->v, "KmsKeyId"));
			else
				ys_fail(a, tr->arn, tr->home, "trail %s's logs are not encrypted with "
							      "a KMS key", tr->name);
		}
	}
	ys_about(a, NULL);
	ys_trails_release(&t);
}

void ys_check_trail_validation(struct ys_audit *a)
{
	each_trail_prop(a, TRAIL_VALIDATION);
}

void ys_check_trail_kms(struct ys_audit *a)
{
	each_trail_prop(a, TRAIL_KMS);
}

/* S3 object-level events, write (bit 1) or read (bit 0), from any logging trail. */
static void s3_data_events(struct ys_audit *a, int want)
{
	struct ys_trails t;
	size_t i;
	int unknown = 0;

	if (ys_trails_load(a, &t))
		return;
	for (i = 0; i < t.n; i++) {
		const struct ys_trail *tr = &t.t[i];

		if (tr->s3_data < 0)
			unknown = 1;
		if (tr->s3_data > 0 && (tr->s3_data & want) && tr->logging == 1) {
			ys_pass(a, tr->arn, tr->home, "trail %s records S3 object %s events in every "
						      "bucket", tr->name, want == 2 ? "write" : "read");
			ys_trails_release(&t);
			return;
		}
	}
	if (unknown)
		ys_emit(a, YS_F_SKIP, NULL, NULL, "the snapshot lacks some trails' event selectors "
						  "(cloudtrail/get-event-selectors)");
	else
		ys_fail(a, NULL, NULL, "no trail records S3 object %s events for every bucket",
			want == 2 ? "write" : "read");
	ys_trails_release(&t);
}

void ys_check_trail_s3_writes(struct ys_audit *a)
{
	s3_data_events(a, 2);
}

void ys_check_trail_s3_reads(struct ys_audit *a)
{
	s3_data_events(a, 1);
}

/* The distinct buckets trails write to, each once: fn(a, trail, bucket, arn). */
static void each_trail_bucket(struct ys_audit *a,
			      void (*fn)(struct ys_audit *, const struct ys_trail *, const char *,
					 const char *))
{
	struct ys_trails t;
	size_t i, j;
	char arn[128];

	if (ys_trails_load(a, &t))
		return;
	if (!t.n)
		ys_emit(a, YS_F_SKIP, NULL, NULL, "the account has no CloudTrail trail");
	for (i = 0; i < t.n; i++) {
		const char *b = ys_str(t.t[i].v, "S3BucketName");

		for (j = 0; j < i; j++)
			if (!strcmp(ys_str(t.t[j].v, "S3BucketName"), b))
				break;
		if (!*b || j < i)
			continue;
		snprintf(arn, sizeof(arn), "arn:aws:s3:::%s", b);
		ys_about(a, b);
		fn(a, &t.t[i], b, arn);
		ys_about(a, NULL);
	}
	ys_trails_release(&t);
}

static void bucket_logging_one(struct ys_audit *a, const struct ys_trail *tr, const char *b,
			       const char *arn)
{
	const struct ys_jval *l = ys_need_x(a, "global/s3/get-bucket-logging", b, NULL, NULL, NULL);

	if (!l)
		return;
	if (ys_json_get(l, "LoggingEnabled"))
		ys_pass(a, arn, NULL, "trail %s's bucket %s logs access to %s", tr->name, b,
			ys_str(ys_json_get(l, "LoggingEnabled"), "TargetBucket"));
	else
		ys_fail(a, arn, NULL, "trail %s's bucket %s does not log who reads or deletes the "
				      "logs", tr->name, b);
}

void ys_check_trail_bucket_logging(struct ys_audit *a)
{
	each_trail_bucket(a, bucket_logging_one);
}

static void bucket_public_one(struct ys_audit *a, const struct ys_trail *tr, const char *b,
			      const char *arn)
{
	char why[300];

	switch (ys_s3_exposure(a, b, why, sizeof(why))) {
	case YS_S3_PUBLIC:
		ys_fail(a, arn, NULL, "trail %s's bucket %s is public: %s", tr->name, b, why);
		break;
	case YS_S3_PRIVATE:
		ys_pass(a, arn, NULL, "trail %s's bucket %s is not public", tr->name, b);
		break;
	case YS_S3_UNKNOWN:
		ys_emit(a, YS_F_SKIP, arn, NULL, "trail %s's bucket %s: %s", tr->name, b, why);
		break;
	}
}

void ys_check_trail_bucket_private(struct ys_audit *a)
{
	each_trail_bucket(a, bucket_public_one);
}
