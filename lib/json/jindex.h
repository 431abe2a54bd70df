/* jindex.h: where the members of a JSON object lie (offsets from its first byte), and those of
 * the objects inside it two levels down, found by whoever checked the text, so that a reader
 * on demand need not look for them again */
#ifndef YS_JINDEX_H
#define YS_JINDEX_H

#include <stddef.h>
#include <stdint.h>

#define YS_JINDEX_MAX 128  /* members kept at each level */
#define YS_JINDEX_LEVELS 3 /* the object's members, theirs, and theirs */
#define YS_JINDEX_PARTIAL UINT32_MAX /* n of an object whose members were not all kept */

struct ys_jent {
	uint32_t koff, klen; /* the key, without its quotes */
	uint32_t voff, vlen; /* the value */
	uint32_t first, n;   /* an object value: its members, at the next level (from first) */
};

struct ys_jindex {
	struct ys_jent lev[YS_JINDEX_LEVELS][YS_JINDEX_MAX];
	size_t n[YS_JINDEX_LEVELS];
	unsigned dropped[YS_JINDEX_LEVELS]; /* members not kept, for want of room */
	int overflow; /* the object's own members were not all kept */
};

#endif
