/* fuzz-json.c: the JSON reader on arbitrary bytes; on every valid object the on-demand reader
 * must give the tree's answers (every value, and those at the first keys' paths) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/strbuf.h"
#include "json/jlazy.h"
#include "json/jread.h"
#include "sigma/event-json.h"
#include "sigma/event-lazy.h"
#include "trail/reader.h"

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

static int add_value(void *ctx, const struct ys_evalue *v)
{
	struct strbuf *sb = ctx;

	strbuf_addf(sb, "%d:%zu:", (int)v->type, v->len);
	strbuf_add(sb, v->s, v->len);
	strbuf_addch(sb, '|');
	return 0;
}

static void same(const struct ys_event *a, const struct ys_event *b, const char *path)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT;

	if (path)
		a->each(a, path, add_value, &x), b->each(b, path, add_value, &y);
	else
		a->each_any(a, add_value, &x), b->each_any(b, add_value, &y);
	if (x.len != y.len || (x.len && memcmp(x.buf, y.buf, x.len)))
		abort();
	strbuf_release(&x);
	strbuf_release(&y);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_jdoc *doc = NULL;
	struct ys_error err = {0};

	if (ys_json_parse((const char *)data, size, &doc, &err) == 0) {
		const struct ys_jval *root = ys_jdoc_root(doc);

		walk(root, 0);
		if (root->type == YS_J_OBJECT) {
			struct ys_jlazy l;
			struct ys_event dom, lazy;
			size_t i, j;

			static struct ys_jindex ix;
			size_t bad;
			const char *why;

			/* with the checker's index of the members when it accepts the text too */
			ys_jlazy_init(&l);
			ys_jlazy_reset(&l, (const char *)data, size,
				       ys_json_skip((const char *)data, size, 1, &bad, &why, &ix) > 0
					       ? &ix
					       : NULL);
			ys_event_from_json(&dom, root);
			ys_event_from_lazy(&lazy, &l);
			same(&dom, &lazy, NULL);
			/* keys plain enough to be a path (no dots, no escapes, no NUL) */
			for (i = 0; i < root->len && i < 8; i++) {
				const struct ys_jmember *m = &root->u.members[i];
				char path[256];

				if (m->klen > 100 || memchr(m->key, '.', m->klen) ||
				    strlen(m->key) != m->klen || memchr(data, '\\', size))
					continue;
				same(&dom, &lazy, m->key);
				for (j = 0; m->val.type == YS_J_OBJECT && j < m->val.len && j < 4; j++) {
					const struct ys_jmember *c = &m->val.u.members[j];

					if (c->klen > 100 || memchr(c->key, '.', c->klen) ||
					    strlen(c->key) != c->klen)
						continue;
					snprintf(path, sizeof(path), "%s.%s", m->key, c->key);
					same(&dom, &lazy, path);
				}
			}
			ys_jlazy_release(&l);
		}
		ys_jdoc_free(doc);
	} else if (doc || err.msg[0] != 'b') {
		abort(); /* errors always say "byte N: ..." and return no tree */
	}
	return 0;
}
