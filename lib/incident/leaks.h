/* leaks.h: the AWS access keys a secrets scan found (`yourside secrets --format jsonl`), one per
 * key id (known by the SHA-256 of the id, never the id itself), with every place it was found
 * and whether its secret was found beside it */
#ifndef YS_INCIDENT_LEAKS_H
#define YS_INCIDENT_LEAKS_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

struct ys_leak_place {
	char *file, *commit, *author, *date;
	long line;
	int config; /* in the account's configuration (file names the check and resource) */
};

struct ys_leak {
	char hash[65];	   /* SHA-256 hex of the access key id */
	char redacted[40]; /* as the scan printed it */
	char account[16];  /* decoded from the key id, or "" */
	int with_secret;   /* its secret access key was found paired with it */
	int verified;	   /* -1 not asked, 0 refused by AWS, 1 live */
	char *verified_arn;
	struct ys_leak_place *places;
	size_t nplaces;
	int64_t first_seen; /* the earliest commit date among its places, or -1 */
};

struct ys_leaks {
	struct ys_leak *v;
	size_t n;
	size_t lines, bad; /* lines read; lines that were not findings (named on warn) */
};

typedef void (*ys_leak_warn_fn)(void *ctx, const char *msg);

/* Reads one JSON Lines file of secret findings (path "-": stdin); a line that is not a finding
 * is reported through warn with the file and line, and skipped. */
int ys_leaks_read(struct ys_leaks *l, const char *path, ys_leak_warn_fn warn, void *ctx,
		  struct ys_error *err);
void ys_leaks_release(struct ys_leaks *l);
/* Adds one place a key id (hash: the SHA-256 hex of the id) was found at: file names it
 * ("lambda-env-secrets: nightly-report, AWS_ACCESS_KEY_ID"). */
int ys_leaks_add(struct ys_leaks *l, const char *hash, const char *redacted, const char *account,
		 int with_secret, const char *file);

#endif
