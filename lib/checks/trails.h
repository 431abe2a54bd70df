/* trails.h: the account's CloudTrail trails, gathered once per check from every region's
 * describe-trails (a multi-region trail shows in each), with their status and event selectors */
#ifndef YS_TRAILS_H
#define YS_TRAILS_H

#include <stddef.h>
#include "check-api.h"

struct ys_trail {
	const struct ys_jval *v; /* the describe-trails entry */
	const char *name, *arn, *home;
	int logging;	/* get-trail-status's IsLogging: 1, 0, or -1 unknown (why) */
	int management; /* records read and write management events: 1, 0, -1 unknown (why) */
	int s3_data;	/* S3 object events for every bucket: bit 0 read, bit 1 write; -1 unknown */
	char why[300];
};

struct ys_trails {
	struct ys_trail *t;
	size_t n, cap;
};

/* Gathers the trails (distinct TrailARNs). Regions whose describe-trails is missing or refused
 * become the running check's skip or error findings. Returns -1 when no region could be read
 * (t is then empty), else 0. */
int ys_trails_load(struct ys_audit *a, struct ys_trails *t);
void ys_trails_release(struct ys_trails *t);

#endif
