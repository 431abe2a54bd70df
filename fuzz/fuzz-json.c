/* fuzz-json.c: the JSON reader on arbitrary bytes */
#include <stdint.h>
#include <stdlib.h>
#include "json/jread.h"

static size_t walk(const struct ys_jval *v, int depth)
{
	size_t i, n = 1;

	if (depth > YS_JSON_MAX_DEPTH + 1)
		abort();
	if (v->type == YS_J_ARRAY)
		for (i = 0; i < v->len; i++)
			n += walk(&v->u.items[i], depth + 1);
	if (v->type == YS_J_OBJECT)
		for (i = 0; i < v->len; i++)
			n += walk(&v->u.members[i].val, depth + 1);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_jdoc *doc = NULL;
	struct ys_error err = {0};

	if (ys_json_parse((const char *)data, size, &doc, &err) == 0) {
		walk(ys_jdoc_root(doc), 0);
		ys_jdoc_free(doc);
	} else if (doc || err.msg[0] != 'b') {
		abort(); /* errors always say "byte N: ..." and return no tree */
	}
	return 0;
}
