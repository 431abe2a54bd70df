/* skip-common.h: what both JSON checkers share: UTF-8 sequences, and the index of members kept
 * on the way */
#ifndef YS_SKIP_COMMON_H
#define YS_SKIP_COMMON_H

#include <stdint.h>
#include "../json/jindex.h"

/* Length of a valid UTF-8 sequence at p, or 0; -1 when more input is needed. */
static inline int ys_utf8_len(const unsigned char *p, const unsigned char *end)
{
	int n, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;
	if (end - p < n)
		return -1;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	/* overlong forms, surrogates and code points past U+10FFFF */
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
		return 0;
	return n;
}

/* Where the members being read lie, at each level of objects within objects (1: the value's
 * own members); [0] is unused. */
struct ys_skip_track {
	const unsigned char *key[YS_JINDEX_LEVELS + 1], *key_end[YS_JINDEX_LEVELS + 1];
	const unsigned char *val[YS_JINDEX_LEVELS + 1];
	uint32_t first[YS_JINDEX_LEVELS + 1];	 /* an object value's members start here */
	unsigned dropped[YS_JINDEX_LEVELS + 1]; /* ... and so many were dropped when it opened */
};

static inline void ys_skip_index_reset(struct ys_jindex *ix)
{
	int i;

	if (!ix)
		return;
	for (i = 0; i < YS_JINDEX_LEVELS; i++)
		ix->n[i] = ix->dropped[i] = 0;
	ix->overflow = 0;
}

/* A value at level lev (1-based) starts at v: where its members will go, if an object. */
static inline void ys_skip_value_starts(struct ys_jindex *ix, struct ys_skip_track *t, size_t lev,
					const unsigned char *v)
{
	t->val[lev] = v;
	if (ix && lev < YS_JINDEX_LEVELS) {
		t->first[lev] = (uint32_t)ix->n[lev];
		t->dropped[lev] = ix->dropped[lev];
	}
}

/* The member at level lev (1-based) ends at p: into the index. */
static inline void ys_skip_index_member(struct ys_jindex *ix, const struct ys_skip_track *t,
					size_t lev, const unsigned char *start,
					const unsigned char *p)
{
	struct ys_jent *e;
	size_t l = lev - 1;

	if (!ix)
		return;
	if (ix->n[l] == YS_JINDEX_MAX || p - start > (long)UINT32_MAX) {
		ix->dropped[l]++;
		if (l == 0)
			ix->overflow = 1;
		return;
	}
	e = &ix->lev[l][ix->n[l]++];
	e->koff = (uint32_t)(t->key[lev] + 1 - start);
	e->klen = (uint32_t)(t->key_end[lev] - t->key[lev] - 2);
	e->kw = ys_jkey_word((const char *)t->key[lev] + 1, e->klen);
	e->voff = (uint32_t)(t->val[lev] - start);
	e->vlen = (uint32_t)(p - t->val[lev]);
	e->first = e->n = 0;
	if (*t->val[lev] == '{') {
		if (lev == YS_JINDEX_LEVELS || ix->dropped[lev] != t->dropped[lev]) {
			e->n = YS_JINDEX_PARTIAL;
		} else {
			e->first = t->first[lev];
			e->n = (uint32_t)ix->n[lev] - t->first[lev];
		}
	}
}

#endif
