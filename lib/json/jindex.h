/* jindex.h: where the members of a JSON object lie (offsets from its first byte), found by
 * whoever checked the text, so that a reader on demand need not look for them again */
#ifndef YS_JINDEX_H
#define YS_JINDEX_H

#include <stddef.h>
#include <stdint.h>

#define YS_JINDEX_MAX 64

struct ys_jindex {
	struct {
		uint32_t koff, klen; /* the key, without its quotes */
		uint32_t voff, vlen; /* the value */
	} e[YS_JINDEX_MAX];
	size_t n;
	int overflow; /* more members than that: not all are here */
};

#endif
