/* jdiff.h: what changed between two versions of a snapshot file: JSON compared by meaning
 * (members in any order, list items matched by their ids, policy strings read as JSON),
 * volatile fields (last-used times, delivery times, counters) ignored; the credential report's
 * CSV compared user by user */
#ifndef YS_JDIFF_H
#define YS_JDIFF_H

#include <stddef.h>
#include "../json/jread.h"

/* One change at path ("UserDetailList[alice].GroupList"): old and new as compact JSON text,
 * NULL when the value is absent on that side. */
typedef void (*ys_jdiff_fn)(void *ctx, const char *path, const char *old, const char *new_);

void ys_jdiff(const struct ys_jval *old, const struct ys_jval *new_, ys_jdiff_fn fn, void *ctx);
/* A CSV with a header, rows keyed by their first column; columns naming "last_used" ignored. */
void ys_csvdiff(const char *old, size_t olen, const char *new_, size_t nlen, ys_jdiff_fn fn,
		void *ctx);
/* Whether a member named key changes by itself, without anyone changing the configuration. */
int ys_jdiff_volatile(const char *key);

#endif
