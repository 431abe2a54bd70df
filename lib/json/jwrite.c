/* jwrite.c: a streaming JSON writer */
#include <stdio.h>
#include <string.h>
#include "jwrite.h"
#include "../base/isotime.h"
#include "../banned.h"

void jw_init(struct jw *w, struct strbuf *sb, int pretty)
{
	memset(w, 0, sizeof(*w));
	w->sb = sb;
	w->pretty = pretty;
	w->indent = 2;
}

void jw_set_indent(struct jw *w, int n)
{
	w->pretty = 1;
	w->indent = n;
}

static void newline(struct jw *w)
{
	int i;

	if (!w->pretty)
		return;
	strbuf_addch(w->sb, '\n');
	for (i = 0; i < w->depth * w->indent; i++)
		strbuf_addch(w->sb, ' ');
}

/* Separator and indentation before a value (or a key) at the current depth. */
static void before_value(struct jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->depth > 0) {
		if (w->count[w->depth]++)
			strbuf_addch(w->sb, ',');
		newline(w);
	}
}

static void open_nest(struct jw *w, char c)
{
	before_value(w);
	strbuf_addch(w->sb, c);
	if (w->depth < JW_MAX_DEPTH - 1)
		w->depth++;
	w->count[w->depth] = 0;
}

static void close_nest(struct jw *w, char c)
{
	int had = w->count[w->depth];

	if (w->depth > 0)
		w->depth--;
	if (had)
		newline(w);
	strbuf_addch(w->sb, c);
}

void jw_obj_begin(struct jw *w)
{
	open_nest(w, '{');
}

void jw_obj_end(struct jw *w)
{
	close_nest(w, '}');
}

void jw_arr_begin(struct jw *w)
{
	open_nest(w, '[');
}

void jw_arr_end(struct jw *w)
{
	close_nest(w, ']');
}

/* Length of a valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t need, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		need = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		need = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		need = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x80) || (need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return need;
}

void jw_escape(struct strbuf *sb, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	strbuf_addch(sb, '"');
	while (i < len) {
		unsigned char c = p[i];
		size_t run = i;

		/* copy plain printable ASCII in one go */
		while (run < len && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
			run++;
		if (run > i) {
			strbuf_add(sb, p + i, run - i);
			i = run;
			continue;
		}
		switch (c) {
		case '"':
			strbuf_add(sb, "\\\"", 2);
			i++;
			continue;
		case '\\':
			strbuf_add(sb, "\\\\", 2);
			i++;
			continue;
		case '\n':
			strbuf_add(sb, "\\n", 2);
			i++;
			continue;
		case '\r':
			strbuf_add(sb, "\\r", 2);
			i++;
			continue;
		case '\t':
			strbuf_add(sb, "\\t", 2);
			i++;
			continue;
		}
		if (c < 0x20) {
			strbuf_addf(sb, "\\u%04x", c);
			i++;
			continue;
		}
		{
			size_t n = utf8_len(p + i, len - i);

			if (n == 0) {
				strbuf_add(sb, "\\ufffd", 6);
				i++;
			} else {
				strbuf_add(sb, p + i, n);
				i += n;
			}
		}
	}
	strbuf_addch(sb, '"');
}

void jw_key(struct jw *w, const char *key)
{
	before_value(w);
	jw_escape(w->sb, key, strlen(key));
	strbuf_add(w->sb, w->pretty ? ": " : ":", w->pretty ? 2 : 1);
	w->after_key = 1;
}

void jw_strn(struct jw *w, const char *s, size_t len)
{
	before_value(w);
	jw_escape(w->sb, s, len);
}

void jw_raw(struct jw *w, const char *text)
{
	before_value(w);
	strbuf_addstr(w->sb, text);
}

void jw_str(struct jw *w, const char *s)
{
	jw_strn(w, s, strlen(s));
}

void jw_str_or_null(struct jw *w, const char *s)
{
	if (s)
		jw_str(w, s);
	else
		jw_null(w);
}

void jw_int(struct jw *w, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	before_value(w);
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	strbuf_add(w->sb, p, (size_t)(buf + sizeof(buf) - p));
}

void jw_bool(struct jw *w, int v)
{
	before_value(w);
	strbuf_addstr(w->sb, v ? "true" : "false");
}

void jw_null(struct jw *w)
{
	before_value(w);
	strbuf_add(w->sb, "null", 4);
}

void jw_time_or_null(struct jw *w, int64_t t)
{
	char s[32];

	if (t < 0) {
		jw_null(w);
		return;
	}
	ys_format_time(t, s);
	jw_str(w, s);
}
