/* mpm.h: one multi-pattern matcher interface (after Suricata's util-mpm.h), two backends:
 * vectorscan for speed, and a plain PCRE2 loop that tests use as an oracle */
#ifndef YS_MPM_H
#define YS_MPM_H

#include <stddef.h>
#include "../base/err.h"

/* Called for each match with the pattern's index and the offset just past its end.
 * Returning non-zero stops the scan. */
typedef int (*ys_mpm_match_fn)(unsigned id, size_t end, void *ctx);

struct ys_mpm_pattern {
	const char *expr;
	unsigned flags; /* YS_TRIG_* */
};

struct ys_mpm_ops {
	const char *name;
	int (*compile)(const struct ys_mpm_pattern *pats, size_t n, void **db, struct ys_error *err);
	int (*scratch_new)(void *db, void **scratch);
	void (*scratch_free)(void *scratch);
	int (*scan)(void *db, void *scratch, const char *buf, size_t len, ys_mpm_match_fn fn,
		    void *ctx);
	void (*db_free)(void *db);
	/* optional: a compiled database as bytes, and back (NULL where the backend has none) */
	int (*save)(void *db, char **bytes, size_t *len); /* *bytes freed with free() */
	int (*load)(const void *bytes, size_t len, void **db);
};

/* The key of a pattern list: which matcher, and every pattern and flag in order. A database
 * saved for one list is loaded only for a list with the same key. */
#define YS_MPM_KEY_LEN 32
void ys_mpm_key(const struct ys_mpm_ops *mpm, const struct ys_mpm_pattern *pats, size_t n,
		unsigned char key[YS_MPM_KEY_LEN]);

extern const struct ys_mpm_ops ys_mpm_vectorscan;
extern const struct ys_mpm_ops ys_mpm_pcre;

#endif
