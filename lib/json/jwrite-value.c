/* jwrite-value.c: writing back a value jread parsed (a snapshot's fragment in a diff) */
#include <math.h>
#include <stdio.h>
#include "jread.h"
#include "jwrite.h"
#include "../banned.h"

void jw_num(struct jw *w, double v)
{
	char buf[40];

	if (isfinite(v) && v == (double)(long long)v && fabs(v) < 9e15) {
		jw_int(w, (long long)v);
		return;
	}
	snprintf(buf, sizeof(buf), "%.17g", isfinite(v) ? v : 0.0);
	jw_raw(w, buf);
}

void jw_value(struct jw *w, const struct ys_jval *v)
{
	size_t i;

	if (!v) {
		jw_null(w);
		return;
	}
	switch (v->type) {
	case YS_J_NULL:
		jw_null(w);
		break;
	case YS_J_FALSE:
	case YS_J_TRUE:
		jw_bool(w, v->type == YS_J_TRUE);
		break;
	case YS_J_NUMBER:
		jw_num(w, v->u.num);
		break;
	case YS_J_STRING:
		jw_strn(w, v->u.str, v->len);
		break;
	case YS_J_ARRAY:
		if (w->depth >= JW_MAX_DEPTH - 1) {
			jw_str(w, "...");
			break;
		}
		jw_arr_begin(w);
		for (i = 0; i < v->len; i++)
			jw_value(w, &v->u.items[i]);
		jw_arr_end(w);
		break;
	case YS_J_OBJECT:
		if (w->depth >= JW_MAX_DEPTH - 1) {
			jw_str(w, "...");
			break;
		}
		jw_obj_begin(w);
		for (i = 0; i < v->len; i++) {
			jw_key(w, v->u.members[i].key);
			jw_value(w, &v->u.members[i].val);
		}
		jw_obj_end(w);
		break;
	}
}
