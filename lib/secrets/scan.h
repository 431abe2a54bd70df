/* scan.h: compile the secret detectors once, then scan buffers and files with per-thread scanners */
#ifndef YS_SECRETS_SCAN_H
#define YS_SECRETS_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "mpm.h"
#include "rules.h"

struct ys_secret_ruleset; /* immutable once built; shared by threads */
struct ys_secret_scanner; /* one per thread: matcher scratch, buffers */

struct ys_secret_config;

struct ys_secret_hit {
	const struct ys_secret_rule *rule;
	unsigned tag; /* the rule's number in its rule set (a built-in rule's is its ys_rule_tag) */
	const char *secret; /* valid only during the callback; never print it unasked */
	size_t secret_len;
	uint64_t offset; /* byte offset of the secret, or of the encoded value holding it */
	size_t line;	 /* 1-based */
	size_t column;	 /* 1-based, in bytes */
	const char *decoded; /* NULL, "base64" or "percent" */
	char account_id[13]; /* decoded from an AWS key id, else "" */
};

/* Returning non-zero stops the scan. */
typedef int (*ys_secret_hit_fn)(void *ctx, const struct ys_secret_hit *hit);

int ys_secret_ruleset_new(struct ys_secret_ruleset **out, const struct ys_mpm_ops *mpm,
			  struct ys_error *err);
/* The same with a gitleaks configuration (config.h), which the rule set then owns (and frees,
 * also when it fails). */
int ys_secret_ruleset_new_config(struct ys_secret_ruleset **out, const struct ys_mpm_ops *mpm,
				 struct ys_secret_config *cfg, struct ys_error *err);
void ys_secret_ruleset_free(struct ys_secret_ruleset *rs);
/* The rules, by number: NULL for one turned off or one that repeats an earlier rule's id. */
size_t ys_secret_ruleset_count(const struct ys_secret_ruleset *rs);
const struct ys_secret_rule *ys_secret_ruleset_rule(const struct ys_secret_ruleset *rs, size_t i);
/* Whether the trigger database was the one built with yourside rather than compiled now; and
 * the database as bytes with the key of its trigger list (for cmake/make-trigger-db.c). */
int ys_secret_ruleset_prebuilt(const struct ys_secret_ruleset *rs);
int ys_secret_ruleset_save(const struct ys_secret_ruleset *rs, unsigned char key[YS_MPM_KEY_LEN],
			   char **bytes, size_t *len);

int ys_secret_scanner_new(const struct ys_secret_ruleset *rs, struct ys_secret_scanner **out);
void ys_secret_scanner_free(struct ys_secret_scanner *sc);

/* Where the next input comes from, for a configuration's path rules and allowlists (path may be
 * NULL: none; commit: a full hash or NULL). Holds the pointers until the next call. */
void ys_secret_scanner_context(struct ys_secret_scanner *sc, const char *path, const char *commit);

/* Scans one whole buffer. Returns 0, YS_EUNSUP for binary content, or YS_ESTOP. */
int ys_secret_scan_mem(struct ys_secret_scanner *sc, const char *buf, size_t len,
		       ys_secret_hit_fn fn, void *ctx);
/* Streams a file descriptor in bounded memory, however long the file or its lines.
 * Returns 0, YS_EUNSUP for binary content, YS_EIO (err set) or YS_ESTOP. */
int ys_secret_scan_fd(struct ys_secret_scanner *sc, int fd, ys_secret_hit_fn fn, void *ctx,
		      uint64_t *bytes, struct ys_error *err);

/* The same for a regular file, where a short read means the end: one system call fewer. */
int ys_secret_scan_file(struct ys_secret_scanner *sc, int fd, ys_secret_hit_fn fn, void *ctx,
			uint64_t *bytes, struct ys_error *err);

/* True when the first bytes hold a NUL, as git decides. */
int ys_looks_binary(const char *buf, size_t len);

#endif
