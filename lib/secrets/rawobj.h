/* rawobj.h: reading git tree and commit objects straight from their bytes (untrusted input:
 * a repository may be hostile or damaged) */
#ifndef YS_SECRETS_RAWOBJ_H
#define YS_SECRETS_RAWOBJ_H

#include <git2.h>
#include <stddef.h>
#include <stdint.h>

/* One entry of a tree: "<octal mode> <name>\0<20-byte id>". */
struct ys_raw_entry {
	unsigned mode;
	const char *name;
	size_t len;
	const unsigned char *id;
};

#define YS_RAW_IS_TREE(m) (((m) & 0170000) == 0040000)
#define YS_RAW_IS_BLOB(m) ((m) == 0100644 || (m) == 0100755 || (m) == 0100664)

/* Reads the entry at *p and moves past it: 1, 0 at the end, -1 for malformed bytes. */
int ys_raw_tree_next(const unsigned char **p, const unsigned char *end, struct ys_raw_entry *e);
/* git's order of entries: names compare as if a tree's had a trailing '/'. */
int ys_raw_entry_cmp(const struct ys_raw_entry *a, const struct ys_raw_entry *b);

/* Reads a commit's "tree <hex>" and "parent <hex>" header lines, calling on_parent for each
 * parent (non-zero stops with -1 and *nparents = (uint32_t)-1). Returns 0, or -1 when the
 * header is malformed. */
int ys_raw_commit_parse(const void *data, size_t len, git_oid *tree,
			int (*on_parent)(void *ctx, const git_oid *id), void *ctx, uint32_t *nparents);

#endif
