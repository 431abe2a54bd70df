/* s3poll.h: a CloudTrail bucket read where it lives: each poll finds the accounts and regions
 * under AWSLogs/ (organization trails' o-… folders too), lists each region's log files from a
 * little before the newest one read (files arrive late and out of order), and hands each file not
 * read before to the caller, fetched whole (ListObjectsV2 and GetObject, SigV4) */
#ifndef YS_WATCH_S3POLL_H
#define YS_WATCH_S3POLL_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../sigv4/sigv4.h"

struct ys_s3obj {
	const char *key;
	int64_t size;
	int64_t mtime;	  /* LastModified, ns since the epoch */
	int64_t time;	  /* the delivery time in the file's name, seconds */
	const char *scope; /* the region's folder: "[prefix/]AWSLogs/[o-…/]<account>/CloudTrail/<region>/" */
};

struct ys_s3poll_opts {
	const char *bucket;
	const char *prefix;   /* "" or the folder above AWSLogs/ (no '/' at either end) */
	const char *region;   /* the bucket's */
	const char *endpoint; /* NULL: AWS's; else a base URL, buckets addressed by path */
	const struct ys_aws_creds *creds;
	int64_t since; /* a region first seen is read from files delivered at this time on */
	int64_t lag;   /* each poll lists from this long before the newest file read */
	long timeout_ms;
	int jobs; /* objects fetched at once (0: YS_FETCH_JOBS) */
	/* workers sharing the trail (may be NULL): before each account a poll found, a round,
	 * share(ctx, accounts, n), takes this worker's share of them (the first round of a poll
	 * names the accounts found, the others none); then the account's regions are listed and
	 * read when holds(ctx, account) says this worker judges it */
	int (*share)(void *ctx, const char *const *accounts, size_t n);
	int (*holds)(void *ctx, const char *account);
};

/* Already read? 1 yes, 0 no, negative: stop. */
typedef int (*ys_s3poll_known_fn)(void *ctx, const struct ys_s3obj *o);
/* A file's bytes, in fd (the caller's to close): 0 read (or its problem said); 1 not this
 * reader's (its account went to another worker): the region's cursor stays before it; negative:
 * stop the poll. */
typedef int (*ys_s3poll_object_fn)(void *ctx, const struct ys_s3obj *o, int fd);
/* A problem that does not stop the watch (a refused call, a broken object), in words. */
typedef void (*ys_s3poll_problem_fn)(void *ctx, const char *msg);

struct ys_s3poll;

int ys_s3poll_new(const struct ys_s3poll_opts *o, struct ys_s3poll **out, struct ys_error *err);
void ys_s3poll_free(struct ys_s3poll *p);
/* Where a region's folder was read up to (from the state), before the first poll. */
int ys_s3poll_set_cursor(struct ys_s3poll *p, const char *scope, int64_t newest);
/* Calls fn for each region folder (and its account) with the newest delivery time read in it. */
int ys_s3poll_each_cursor(const struct ys_s3poll *p,
			  int (*fn)(void *ctx, const char *scope, const char *account,
				    int64_t newest),
			  void *ctx);
/* One poll. Fails (YS_EIO, err saying which call and why) only when the bucket cannot be listed
 * at all; anything else is a problem reported and skipped. */
int ys_s3poll_once(struct ys_s3poll *p, ys_s3poll_known_fn known, ys_s3poll_object_fn object,
		   ys_s3poll_problem_fn problem, void *ctx, struct ys_error *err);

/* One ListObjectsV2 answer: each CommonPrefixes/Prefix through dir and each Contents (key, size,
 * LastModified in ns) through obj (either may be NULL); token gets NextContinuationToken when the
 * listing goes on, else "". Non-zero from a callback stops and is returned; YS_EPARSE for XML
 * that does not parse. */
struct ys_s3_page_fns {
	int (*dir)(void *ctx, const char *prefix);
	int (*obj)(void *ctx, const char *key, int64_t size, int64_t mtime);
	void *ctx;
};
int ys_s3_list_page(const char *xml, size_t len, const struct ys_s3_page_fns *f, char *token,
		    size_t tn, struct ys_error *err);

/* "s3://bucket/some/prefix/" into bucket and prefix (no slashes at its ends): 0, or YS_EINVAL. */
int ys_s3_url_parse(const char *url, char *bucket, size_t bn, char *prefix, size_t pn);

#endif
