/* event-json.c: Sigma's view of a JSON document: dotted paths, arrays flattened */
#include <stdio.h>
#include <string.h>
#include "event-json.h"
#include "../banned.h"

typedef int (*value_fn)(void *ctx, const struct ys_evalue *v);

static int emit_scalar(const struct ys_jval *v, value_fn fn, void *ctx)
{
	struct ys_evalue e;
	char num[32];

	memset(&e, 0, sizeof(e));
	switch (v->type) {
	case YS_J_STRING:
		e.type = YS_EV_STRING;
		e.s = v->u.str;
		e.len = v->len;
		break;
	case YS_J_NUMBER:
		e.type = YS_EV_NUMBER;
		e.num = v->u.num;
		snprintf(num, sizeof(num), "%.17g", v->u.num);
		e.s = num;
		e.len = strlen(num);
		break;
	case YS_J_TRUE:
		e.type = YS_EV_TRUE;
		e.s = "true";
		e.len = 4;
		break;
	case YS_J_FALSE:
		e.type = YS_EV_FALSE;
		e.s = "false";
		e.len = 5;
		break;
	case YS_J_NULL:
		e.type = YS_EV_NULL;
		e.s = "";
		break;
	default:
		e.type = YS_EV_OTHER;
		e.s = "";
	}
	return fn(ctx, &e);
}

/* Follows path (a dotted rest) from v; arrays on the way apply it to each item. */
static int walk(const struct ys_jval *v, const char *path, value_fn fn, void *ctx, int depth)
{
	size_t i, seg;
	const char *dot;

	if (depth > 64)
		return 0;
	if (v->type == YS_J_ARRAY) {
		for (i = 0; i < v->len; i++)
			if (walk(&v->u.items[i], path, fn, ctx, depth + 1))
				return 1;
		return 0;
	}
	if (!*path)
		return emit_scalar(v, fn, ctx);
	if (v->type != YS_J_OBJECT)
		return 0;
	dot = strchr(path, '.');
	seg = dot ? (size_t)(dot - path) : strlen(path);
	for (i = v->len; i-- > 0;) {
		const struct ys_jmember *m = &v->u.members[i];

		if (m->klen == seg && !memcmp(m->key, path, seg))
			return walk(&m->val, dot ? dot + 1 : "", fn, ctx, depth + 1);
	}
	return 0;
}

static int each(const struct ys_event *ev, const char *path, value_fn fn, void *ctx)
{
	return walk(ev->data, path, fn, ctx, 0);
}

static int all(const struct ys_jval *v, value_fn fn, void *ctx, int depth)
{
	size_t i;

	if (depth > 64)
		return 0;
	if (v->type == YS_J_ARRAY) {
		for (i = 0; i < v->len; i++)
			if (all(&v->u.items[i], fn, ctx, depth + 1))
				return 1;
		return 0;
	}
	if (v->type == YS_J_OBJECT) {
		for (i = 0; i < v->len; i++)
			if (all(&v->u.members[i].val, fn, ctx, depth + 1))
				return 1;
		return 0;
	}
	return emit_scalar(v, fn, ctx);
}

static int each_any(const struct ys_event *ev, value_fn fn, void *ctx)
{
	return all(ev->data, fn, ctx, 0);
}

void ys_event_from_json(struct ys_event *ev, const struct ys_jval *root)
{
	ev->each = each;
	ev->each_any = each_any;
	ev->data = root;
}
