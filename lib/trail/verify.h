/* verify.h: CloudTrail log file integrity over a local copy of the trail's bucket, as `aws
 * cloudtrail validate-logs` checks it and more: each digest's place, signature and link to the
 * previous one; each log file's SHA-256 against its digest; and what no digest covers (log
 * files present but in no digest, digests no later one links to, hours without digests) */
#ifndef YS_TRAIL_VERIFY_H
#define YS_TRAIL_VERIFY_H

#include <stddef.h>
#include <stdint.h>
#include "bucket.h"
#include "pubkeys.h"
#include "../base/err.h"
#include "../base/meter.h"

enum ys_vstatus {
	YS_V_VALID,	 /* checked and as CloudTrail wrote it */
	YS_V_MODIFIED,	 /* a digest's signature or a log file's hash does not match */
	YS_V_DELETED,	 /* named by a digest, not in the copy */
	YS_V_MOVED,	 /* a digest not at the place it names for itself */
	YS_V_UNSIGNED,	 /* a digest without its signature, a log file in no digest */
	YS_V_NOKEY,	 /* no public key with the digest's fingerprint */
	YS_V_INVALID,	 /* not gzip, not a digest */
	YS_V_UNCHAINED,	 /* a digest no later digest names as its previous one */
	YS_V_UNVERIFIED, /* a log file listed by a digest that failed its own check */
	YS_V_PENDING,	 /* a log file newer than the newest digest: not signed yet */
	YS_V_UNCOVERED,	 /* a log file older than the oldest digest checked */
	YS_V_ELSEWHERE,	 /* in another bucket: not checked */
};

struct ys_vitem {
	enum ys_tobj_kind kind;
	enum ys_vstatus status;
	char *key;
	char *why; /* the reason in words, or NULL when valid */
	char *digest; /* logs: the digest listing it */
	int64_t time; /* digests: end; logs: delivery (from the name) */
	int64_t order; /* where it sorts: a listed log file sorts with its digest */
};

/* Hours without digests inside a trail's chain: validation or logging was off. */
struct ys_vgap {
	char account[16], region[32], trail[160];
	int64_t from, to;
};

struct ys_vstream {
	char account[16], region[32], home[32], trail[160];
	size_t digests;
	int64_t first, last; /* the digests' start and end */
};

struct ys_vresult {
	struct ys_vitem *items; /* per trail, oldest first, each digest followed by its log files */
	size_t n, cap;
	struct ys_vgap *gaps;
	size_t ngaps, gcap;
	struct ys_vstream *streams;
	size_t nstreams, scap;
	size_t count[2][YS_V_ELSEWHERE + 1]; /* [kind][status] */
	size_t skipped;			     /* files under AWSLogs/ that are neither */
	size_t logs;			     /* log files in the copy */
	char bucket[256];		     /* the bucket checked against */
	int bucket_guessed;		     /* ... taken from the newest digest */
};

struct ys_vopts {
	const char *root;   /* the local copy */
	const char *bucket; /* the bucket it is a copy of (NULL: the one its newest digest names) */
	const char *account; /* only this account, or NULL */
	int64_t since, until; /* digests whose name's time is in [since, until + 1 hour] */
	struct ys_meter *meter; /* digests and log files checked, for the progress line; or NULL */
};

/* Checks everything in the copy. Returns 0 (the result says what was found), or an error when
 * the copy cannot be read at all. */
int ys_trail_verify(const struct ys_vopts *o, const struct ys_pubkeys *keys, struct ys_vresult *r,
		    struct ys_error *err);
void ys_vresult_release(struct ys_vresult *r);
/* "valid", "modified", ... */
const char *ys_vstatus_name(enum ys_vstatus s);
/* Whether the status is a finding (the log may have been tampered with). */
int ys_vstatus_bad(enum ys_vstatus s);

#endif
