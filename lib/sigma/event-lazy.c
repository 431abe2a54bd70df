/* event-lazy.c: dotted paths over raw JSON text: arrays apply the rest of the path to each item,
 * the last of repeated keys wins, numbers read as the tree reader reads them */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event-lazy.h"
#include "../banned.h"

typedef int (*value_fn)(void *ctx, const struct ys_evalue *v);

static int emit(struct ys_jraw v, value_fn fn, void *ctx)
{
	struct ys_evalue e;
	char num[64];
	int rc;

	memset(&e, 0, sizeof(e));
	switch (v.len ? *v.p : 0) {
	case '"': {
		struct strbuf tmp = STRBUF_INIT; /* rare: a string with escapes */

		e.type = YS_EV_STRING;
		if (!(e.s = ys_jraw_string(v, &tmp, &e.len)))
			e.s = "", e.len = 0;
		rc = fn(ctx, &e);
		strbuf_release(&tmp);
		return rc;
	}
	case 't':
		e.type = YS_EV_TRUE;
		e.s = "true";
		e.len = 4;
		break;
	case 'f':
		e.type = YS_EV_FALSE;
		e.s = "false";
		e.len = 5;
		break;
	case 'n':
		e.type = YS_EV_NULL;
		e.s = "";
		break;
	case '{':
	case '[':
		e.type = YS_EV_OTHER;
		e.s = "";
		break;
	default: {
		char small[64], *raw = v.len < sizeof(small) ? small : malloc(v.len + 1);

		/* as the tree reader: the number's value, printed back */
		e.type = YS_EV_NUMBER;
		if (!raw)
			return 0;
		memcpy(raw, v.p, v.len);
		raw[v.len] = 0;
		e.num = strtod(raw, NULL);
		if (raw != small)
			free(raw);
		snprintf(num, sizeof(num), "%.17g", e.num);
		e.s = num;
		e.len = strlen(num);
	}
	}
	return fn(ctx, &e);
}

struct walk {
	struct ys_jlazy *l;
	const char *path;
	value_fn fn;
	void *ctx;
	int depth;
};

static int walk(struct ys_jlazy *l, struct ys_jraw v, const char *path, value_fn fn, void *ctx,
		int depth);

static int walk_item(void *ctx, struct ys_jraw item)
{
	struct walk *w = ctx;

	return walk(w->l, item, w->path, w->fn, w->ctx, w->depth + 1);
}

static int walk(struct ys_jlazy *l, struct ys_jraw v, const char *path, value_fn fn, void *ctx,
		int depth)
{
	size_t seg;
	struct ys_jraw m;

	if (depth > 64 || !v.len)
		return 0;
	if (*v.p == '[') {
		struct walk w = {l, path, fn, ctx, depth};

		return ys_jraw_each_item(v, walk_item, &w);
	}
	if (!*path)
		return emit(v, fn, ctx);
	if (*v.p != '{' && *v.p != '"') /* a string may hold JSON (Athena's exports) */
		return 0;
	for (seg = 0; path[seg] && path[seg] != '.'; seg++)
		;
	if (!ys_jlazy_member(l, v, path, seg, &m))
		return 0;
	return walk(l, m, path[seg] ? path + seg + 1 : "", fn, ctx, depth + 1);
}

static int each(const struct ys_event *ev, const char *path, value_fn fn, void *ctx)
{
	struct ys_jlazy *l = (struct ys_jlazy *)ev->data;
	struct ys_jraw v;
	size_t seg;

	if (!*path) /* as the tree: the whole record, which is not a scalar */
		return emit((struct ys_jraw){.p = "{", .len = 1}, fn, ctx);
	for (seg = 0; path[seg] && path[seg] != '.'; seg++)
		;
	if (!ys_jlazy_top(l, path, seg, &v))
		return 0;
	return walk(l, v, path[seg] ? path + seg + 1 : "", fn, ctx, 1);
}

struct all {
	value_fn fn;
	void *ctx;
	int depth;
};

static int all(struct ys_jraw v, value_fn fn, void *ctx, int depth);

static int all_item(void *ctx, struct ys_jraw item)
{
	struct all *a = ctx;

	return all(item, a->fn, a->ctx, a->depth + 1);
}

static int all_member(void *ctx, const char *k, size_t kl, struct ys_jraw v)
{
	struct all *a = ctx;

	(void)k;
	(void)kl;
	return all(v, a->fn, a->ctx, a->depth + 1);
}

static int all(struct ys_jraw v, value_fn fn, void *ctx, int depth)
{
	struct all a = {fn, ctx, depth};

	if (depth > 64 || !v.len)
		return 0;
	if (*v.p == '[')
		return ys_jraw_each_item(v, all_item, &a);
	if (*v.p == '{') /* every member's value in order, a repeated key's every value */
		return ys_jraw_each_member(v, all_member, &a);
	return emit(v, fn, ctx);
}

static int each_any(const struct ys_event *ev, value_fn fn, void *ctx)
{
	return all(ys_jlazy_root((struct ys_jlazy *)ev->data), fn, ctx, 0);
}

void ys_event_from_lazy(struct ys_event *ev, struct ys_jlazy *l)
{
	ev->each = each;
	ev->each_any = each_any;
	ev->data = l;
}
