/* fuzz-s3-list.c: ListObjectsV2 answers on arbitrary bytes, as `detect --follow s3://` reads them
 * (lib/watch/s3poll): prefixes and keys handed over, the continuation token cut to fit */
#include <stdint.h>
#include <string.h>
#include "watch/s3poll.h"

static int dir(void *ctx, const char *prefix)
{
	*(size_t *)ctx += strlen(prefix);
	return 0;
}

static int obj(void *ctx, const char *key, int64_t size, int64_t mtime)
{
	*(size_t *)ctx += strlen(key) + (size_t)(size & 1) + (size_t)(mtime & 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_error err = {0};
	size_t seen = 0;
	struct ys_s3_page_fns f = {dir, obj, &seen};
	char token[64];

	ys_s3_list_page((const char *)data, size, &f, token, sizeof(token), &err);
	return 0;
}
