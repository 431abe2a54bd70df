/* fuzz-jdiff.c: two versions of a snapshot file from arbitrary bytes (split at the first NUL, or
 * in half): compared as JSON and as the credential report's CSV */
#include <stdint.h>
#include <string.h>
#include "json/jread.h"
#include "snapshot/jdiff.h"

static void count(void *ctx, const char *path, const char *old, const char *new_)
{
	(void)path;
	(void)old;
	(void)new_;
	(*(size_t *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data, *nul = memchr(data, 0, size);
	size_t alen = nul ? (size_t)(nul - text) : size / 2;
	const char *b = nul ? nul + 1 : text + alen;
	size_t blen = size - (size_t)(b - text), n = 0;
	struct ys_jdoc *da, *db;
	struct ys_error err = {0};

	ys_csvdiff(text, alen, b, blen, count, &n);
	if (ys_json_parse(text, alen, &da, &err))
		return 0;
	if (!ys_json_parse(b, blen, &db, &err)) {
		ys_jdiff(ys_jdoc_root(da), ys_jdoc_root(db), count, &n);
		/* a file compared with itself has no change */
		n = 0;
		ys_jdiff(ys_jdoc_root(da), ys_jdoc_root(da), count, &n);
		if (n)
			__builtin_trap();
		ys_jdoc_free(db);
	}
	ys_jdoc_free(da);
	return 0;
}
