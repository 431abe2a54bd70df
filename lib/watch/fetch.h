/* fetch.h: many S3 objects fetched at once (libcurl multi, one connection pool), each into a
 * memfd, handed over in the order asked however they finish; throttling and AWS's own errors
 * tried again with backoff */
#ifndef YS_WATCH_FETCH_H
#define YS_WATCH_FETCH_H

#include <stddef.h>
#include "../aws/shapes.h"
#include "../base/err.h"
#include "../sigv4/sigv4.h"

#define YS_FETCH_JOBS 16    /* requests in flight */
#define YS_FETCH_ATTEMPTS 4 /* a throttled or failed request is tried this many times */

/* Waits before the try after `attempt` (400 ms, 1.6 s, 6.4 s). */
void ys_fetch_backoff(int attempt);

struct ys_fetch_opts {
	const struct ys_aws_op *get; /* s3/get-object */
	const char *bucket, *region, *endpoint;
	const struct ys_aws_creds *creds;
	long timeout_ms;
	int jobs;
};

/* Object i, fetched: fd holds its bytes (the callee's to read, the fetcher closes it), or fd is
 * -1 and err says why (the permission, the resource, AWS's answer). Negative: stop. */
typedef int (*ys_fetch_fn)(void *ctx, size_t i, int fd, const struct ys_error *err);

/* Fetches keys[0..n) and calls fn for each in that order. Returns 0, what fn returned when it
 * stopped, or YS_ENOMEM. */
int ys_fetch_all(const struct ys_fetch_opts *o, const char *const *keys, size_t n, ys_fetch_fn fn,
		 void *ctx);

#endif
