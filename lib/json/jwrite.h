/* jwrite.h: a streaming JSON writer onto a strbuf; text is escaped and invalid UTF-8 replaced */
#ifndef YS_JWRITE_H
#define YS_JWRITE_H

#include <stddef.h>
#include <stdint.h>
#include "../base/strbuf.h"

#define JW_MAX_DEPTH 32

struct jw {
	struct strbuf *sb;
	int pretty;
	int indent; /* spaces a level when pretty */
	int depth;
	int count[JW_MAX_DEPTH]; /* values written so far at each depth */
	int after_key;
};

void jw_init(struct jw *w, struct strbuf *sb, int pretty);
/* Pretty, n spaces a level (the AWS CLI indents by 4). */
void jw_set_indent(struct jw *w, int n);
void jw_obj_begin(struct jw *w);
void jw_obj_end(struct jw *w);
void jw_arr_begin(struct jw *w);
void jw_arr_end(struct jw *w);
void jw_key(struct jw *w, const char *key);
void jw_str(struct jw *w, const char *s);
void jw_strn(struct jw *w, const char *s, size_t len);
void jw_int(struct jw *w, long long v);
void jw_bool(struct jw *w, int v);
void jw_null(struct jw *w);
/* Writes s or null when s is NULL. */
void jw_str_or_null(struct jw *w, const char *s);
/* A time as YYYY-MM-DDTHH:MM:SSZ, or null when t is negative (unknown). */
void jw_time_or_null(struct jw *w, int64_t t);
/* A value already written as JSON text (a number), placed where the next value goes. */
void jw_raw(struct jw *w, const char *text);
/* A number: integers as such, others with 17 significant digits. */
void jw_num(struct jw *w, double v);
struct ys_jval;
/* A value read by jread, whole (deeper than the writer can nest: the string "..."). */
void jw_value(struct jw *w, const struct ys_jval *v);
/* Appends s as a JSON string literal (quotes included) to sb. */
void jw_escape(struct strbuf *sb, const char *s, size_t len);

#endif
