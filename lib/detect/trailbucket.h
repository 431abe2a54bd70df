/* trailbucket.h: the buckets that hold the account's CloudTrail logs, learned from the trail
 * (CreateTrail and UpdateTrail name them; a bucket policy that lets cloudtrail.amazonaws.com write
 * is one), and the changes made to them afterwards */
#ifndef YS_DETECT_TRAILBUCKET_H
#define YS_DETECT_TRAILBUCKET_H

#include <stdint.h>
#include "../json/jlazy.h"
#include "rows.h"

enum ys_trailbucket_change {
	YS_TRAILBUCKET_NONE,
	YS_TRAILBUCKET_CHANGED, /* its policy, lifecycle, ACL, replication, versioning... changed */
	YS_TRAILBUCKET_CUT_OFF	/* CloudTrail can no longer write: policy or bucket deleted, or a
				   policy that no longer names cloudtrail.amazonaws.com */
};

/* One record (evname: its raw eventName, quotes included; len 0 when absent): learns trail
 * buckets (rows of kind "trail-bucket", subject the bucket) and says whether it changed one known
 * before it. Negative: out of memory. */
int ys_trailbucket_record(struct rows *rows, struct ys_jlazy *rec, struct ys_jraw evname, int64_t t);
/* Whether a record of that event name may learn or change a trail bucket: without state, so that
 * ys_trailbucket_record need only see those that may. */
int ys_trailbucket_may_change(struct ys_jraw evname);

#endif
