/* fuzz-git-objects.c: raw git tree and commit objects from arbitrary bytes (a hostile repository) */
#include <stdint.h>
#include <stdlib.h>
#include "secrets/rawobj.h"

static int count_parent(void *ctx, const git_oid *id)
{
	(void)id;
	(*(int *)ctx)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const unsigned char *p = data, *end = data + size;
	struct ys_raw_entry e, prev;
	int have = 0, n = 0, rc;
	uint32_t np;
	git_oid tree;

	/* as a tree: every entry stays inside the buffer */
	while ((rc = ys_raw_tree_next(&p, end, &e)) == 1) {
		if (e.name < (const char *)data || e.id + 20 > end || e.name + e.len > (const char *)end)
			abort();
		if (have)
			ys_raw_entry_cmp(&prev, &e);
		prev = e;
		have = 1;
	}
	/* as a commit */
	if (ys_raw_commit_parse(data, size, &tree, count_parent, &n, &np) == 0 && (int)np != n)
		abort();
	return 0;
}
