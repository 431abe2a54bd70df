/* fetch.h: many S3 objects fetched at once (libcurl multi, one connection pool), each into a
 * memfd, handed over in the order asked however they finish; throttling and AWS's own errors
 * tried again with backoff */
#ifndef YS_WATCH_FETCH_H
#define YS_WATCH_FETCH_H

#include <stddef.h>
#include <stdint.h>
#include "../aws/shapes.h"
#include "../base/err.h"
#include "../sigv4/sigv4.h"

#define YS_FETCH_JOBS 16    /* requests in flight */


struct ys_fetch_opts {
	const struct ys_aws_op *get; /* s3/get-object */
	const char *bucket, *region, *endpoint;
	const struct ys_aws_creds *creds;
	long timeout_ms;
	int jobs;
};

/* An object fetched: fd holds its bytes (the callee's to read, the fetcher closes it), or fd is
 * -1 and status is AWS's answer (404: it is gone), 0 when none came. */
struct ys_fetched {
	int fd;
	int64_t size;  /* the bytes in fd */
	int64_t mtime; /* Last-Modified, ns since the epoch; -1 when not said */
	long status;
};

/* Object i, fetched, or not and err says why (the permission, the resource, AWS's answer).
 * Negative: stop. */
typedef int (*ys_fetch_fn)(void *ctx, size_t i, const struct ys_fetched *f,
			   const struct ys_error *err);

/* Fetches keys[0..n) and calls fn for each in that order. Returns 0, what fn returned when it
 * stopped, or YS_ENOMEM. */
int ys_fetch_all(const struct ys_fetch_opts *o, const char *const *keys, size_t n, ys_fetch_fn fn,
		 void *ctx);

#endif
