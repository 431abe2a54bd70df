/* rawobj.c: reading git tree and commit objects straight from their bytes */
#include <string.h>
#include "rawobj.h"
#include "../banned.h"

int ys_raw_tree_next(const unsigned char **p, const unsigned char *end, struct ys_raw_entry *e)
{
	const unsigned char *q = *p, *nul;

	if (q >= end)
		return 0;
	for (e->mode = 0; q < end && *q >= '0' && *q <= '7' && e->mode < 01000000; q++)
		e->mode = e->mode * 8 + (unsigned)(*q - '0');
	if (q >= end || *q != ' ')
		return -1;
	q++;
	if (!(nul = memchr(q, '\0', (size_t)(end - q))) || end - nul < 1 + GIT_OID_RAWSZ)
		return -1;
	e->name = (const char *)q;
	e->len = (size_t)(nul - q);
	e->id = nul + 1;
	*p = nul + 1 + GIT_OID_RAWSZ;
	return 1;
}

int ys_raw_entry_cmp(const struct ys_raw_entry *a, const struct ys_raw_entry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->name, b->name, n);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = n < a->len ? (unsigned char)a->name[n] : YS_RAW_IS_TREE(a->mode) ? '/' : 0;
	cb = n < b->len ? (unsigned char)b->name[n] : YS_RAW_IS_TREE(b->mode) ? '/' : 0;
	return ca < cb ? -1 : ca > cb;
}

int ys_raw_commit_parse(const void *data, size_t len, git_oid *tree,
			int (*on_parent)(void *ctx, const git_oid *id), void *ctx, uint32_t *nparents)
{
	const char *p = data, *end = p + len;
	git_oid x;

	*nparents = 0;
	if (end - p < 46 || memcmp(p, "tree ", 5) || p[45] != '\n' ||
	    git_oid_fromstrn(&x, p + 5, 40) < 0)
		return -1;
	*tree = x;
	p += 46;
	while (end - p >= 48 && !memcmp(p, "parent ", 7) && p[47] == '\n' &&
	       git_oid_fromstrn(&x, p + 7, 40) == 0) {
		if (on_parent(ctx, &x)) {
			*nparents = (uint32_t)-1;
			return -1;
		}
		(*nparents)++;
		p += 48;
	}
	return 0;
}
