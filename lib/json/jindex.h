/* jindex.h: where the members of a JSON object lie (offsets from its first byte), and those of
 * the objects inside it two levels down, found by whoever checked the text, so that a reader
 * on demand need not look for them again */
#ifndef YS_JINDEX_H
#define YS_JINDEX_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define YS_JINDEX_MAX 128  /* members kept at each level */
#define YS_JINDEX_LEVELS 3 /* the object's members, theirs, and theirs */
#define YS_JINDEX_PARTIAL UINT32_MAX /* n of an object whose members were not all kept */

struct ys_jent {
	uint64_t kw;	     /* the key's first eight bytes (ys_jkey_word), to compare at once */
	uint32_t koff, klen; /* the key, without its quotes */
	uint32_t voff, vlen; /* the value */
	uint32_t first, n;   /* an object value: its members, at the next level (from first) */
};

/* Up to the first eight bytes of a key, zero-padded, as one word. */
static inline uint64_t ys_jkey_word(const char *k, size_t klen)
{
	uint64_t w = 0;

	memcpy(&w, k, klen < 8 ? klen : 8);
	return w;
}

struct ys_jindex {
	struct ys_jent lev[YS_JINDEX_LEVELS][YS_JINDEX_MAX];
	size_t n[YS_JINDEX_LEVELS];
	unsigned dropped[YS_JINDEX_LEVELS]; /* members not kept, for want of room */
	int overflow; /* the object's own members were not all kept */
};

/* An index read where its levels lie: in the checker's ys_jindex, or kept side by side (a
 * prepared chunk keeps only the members in use). */
struct ys_jview {
	const struct ys_jent *lev[YS_JINDEX_LEVELS];
	size_t n[YS_JINDEX_LEVELS];
};

static inline void ys_jview_of(struct ys_jview *v, const struct ys_jindex *ix)
{
	for (int l = 0; l < YS_JINDEX_LEVELS; l++) {
		v->lev[l] = ix->lev[l];
		v->n[l] = ix->n[l];
	}
}

#endif
