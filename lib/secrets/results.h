/* results.h: what a secrets scan found and what it could not read, shared by scanning threads */
#ifndef YS_SECRETS_RESULTS_H
#define YS_SECRETS_RESULTS_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include "scan.h"

struct ys_meter;

/* What --verify learnt of a finding's secret. */
enum ys_secret_verdict {
	YS_VERIFY_NOT_ASKED = -1, /* not asked, or no read-only check exists for its kind */
	YS_VERIFY_REVOKED = 0,	  /* the provider explicitly rejected it */
	YS_VERIFY_LIVE = 1,	  /* the provider accepted it */
	YS_VERIFY_UNKNOWN = 2,	  /* asked, but no clear answer: network, timeout, 429, 5xx, ... */
};

struct ys_secret_finding {
	const struct ys_secret_rule *rule;
	char *file;
	size_t line, column;
	size_t end_line, end_column; /* the secret's last character */
	char *commit; /* NULL outside history */
	char *author;
	char *email;
	int64_t date; /* commit time, seconds since the epoch; 0 outside history */
	char *secret; /* kept in memory for --verify and --show-secrets; never printed unasked */
	size_t secret_len;
	char sha256[65];
	char fingerprint[160];
	char account_id[13];
	const char *decoded;
	int verified; /* enum ys_secret_verdict */
	char *verified_as; /* who the provider says it belongs to (an ARN, a login), or NULL */
	char *verified_detail; /* what else it said (scopes, expiry), or why it is unknown */
	size_t pair; /* index+1 of the key id or secret it pairs with, 0 for none */
	uint64_t order; /* history: position of the commit, oldest first */
};

struct ys_secret_skip {
	char *path;
	char *reason;
};

struct ys_secret_results {
	pthread_mutex_t mu;
	struct ys_secret_finding *f;
	size_t n, cap;
	struct ys_secret_skip *skips;
	size_t nskips, capskips;
	/* counters, updated under mu */
	uint64_t files, bytes, commits, blobs, binary;
	struct ys_meter *meter; /* the progress line's, or NULL */
};

void ys_secret_results_init(struct ys_secret_results *r);
void ys_secret_results_release(struct ys_secret_results *r);
/* Copies a hit; file and commit fields are copied too. Thread-safe. */
int ys_secret_results_add(struct ys_secret_results *r, const struct ys_secret_hit *h,
			  const char *file, const char *commit, const char *author,
			  const char *email, int64_t date, uint64_t order);
void ys_secret_results_skip(struct ys_secret_results *r, const char *path, const char *reason);
/* Sorts by file, line, column, rule; drops repeats of one secret at one path (history keeps the
 * oldest); pairs AWS key ids with nearby secrets. */
void ys_secret_results_finish(struct ys_secret_results *r);
/* Removes finding i, keeping pairs right. */
void ys_secret_results_drop(struct ys_secret_results *r, size_t i);
/* Removes every finding drop() says so of; returns how many. */
size_t ys_secret_results_filter(struct ys_secret_results *r,
				int (*drop)(const void *ctx, const struct ys_secret_finding *f),
				const void *ctx);

/* "live", "revoked", "unknown" or "not asked". */
const char *ys_secret_verdict_name(int verdict);

/* Writes the first characters that name the kind of secret and masks the rest. */
void ys_secret_redact(const char *s, size_t len, char *out, size_t outlen);

#endif
