/* toml-lex.c: the TOML reader's text: positions and messages, UTF-8 and control characters,
 * the four kinds of string with their escapes, integers, floats, booleans and date-times */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "toml-impl.h"
#include "../banned.h"

size_t ys_toml_line_at(struct toml_parser *ps, const char *at)
{
	const char *q;

	/* from the last position asked about, forwards or backwards: values come in order */
	if (at < ps->lscan) {
		for (q = at; q < ps->lscan; q++)
			ps->lno -= *q == '\n';
	} else {
		for (q = ps->lscan; (q = memchr(q, '\n', (size_t)(at - q))); q++)
			ps->lno++;
	}
	ps->lscan = at;
	return ps->lno;
}

int ys_toml_fail(struct toml_parser *ps, const char *at, const char *fmt, ...)
{
	char why[400];
	size_t line, col = 1;
	const char *q;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	line = ys_toml_line_at(ps, at);
	for (q = at; q > ps->start && q[-1] != '\n'; q--)
		;
	for (; q < at; q++)
		col += ((unsigned char)*q & 0xc0) != 0x80; /* characters, not bytes */
	if (ps->name)
		return ys_error_set(ps->err, YS_EPARSE, "'%s' line %zu column %zu: %s", ps->name,
				    line, col, why);
	return ys_error_set(ps->err, YS_EPARSE, "line %zu column %zu: %s", line, col, why);
}

int ys_toml_nomem(struct toml_parser *ps)
{
	return ys_error_set(ps->err, YS_ENOMEM, "out of memory");
}

/* Length of the valid UTF-8 sequence at p (not ASCII), or 0. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
	unsigned cp;
	size_t n, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, cp = p[0] & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

int ys_toml_check_text(struct toml_parser *ps)
{
	const unsigned char *p = (const unsigned char *)ps->start;
	const unsigned char *end = (const unsigned char *)ps->end;
	size_t n;

	while (p < end) {
		if ((*p >= 0x20 && *p < 0x7f) || *p == '\t' || *p == '\n') {
			p++;
		} else if (*p == '\r') {
			if (p + 1 == end || p[1] != '\n')
				return ys_toml_fail(ps, (const char *)p,
						    "carriage return without a line feed");
			p += 2;
		} else if (*p < 0x80) {
			return ys_toml_fail(ps, (const char *)p,
					    "control character U+%04X is not allowed", *p);
		} else if ((n = utf8_seq(p, end))) {
			p += n;
		} else {
			return ys_toml_fail(ps, (const char *)p, "invalid UTF-8 (byte 0x%02x)", *p);
		}
	}
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int add_utf8(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6)), n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12)), n = 3;
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	} else {
		b[0] = (char)(0xf0 | (cp >> 18)), n = 4;
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	}
	if (n > 1)
		b[n - 1] = (char)(0x80 | (cp & 0x3f));
	return strbuf_add(sb, b, n);
}

/* \uXXXX or \UXXXXXXXX at `at` (the backslash); ps->p is past the letter */
static int unicode_escape(struct toml_parser *ps, const char *at, int ndig)
{
	uint32_t cp = 0;
	int i, d;

	for (i = 0; i < ndig; i++) {
		if (ps->p >= ps->end || (d = hexval(*ps->p)) < 0)
			return ys_toml_fail(ps, at, "escape \\%c needs %d hex digits", at[1], ndig);
		cp = cp << 4 | (uint32_t)d;
		ps->p++;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return ys_toml_fail(ps, at, "escape \\%c%.*s is not a Unicode scalar value", at[1],
				    ndig, at + 2);
	return add_utf8(&ps->sb, cp) ? ys_toml_nomem(ps) : 0;
}

/* In a multi-line basic string, a backslash ending its line takes the line break and the
 * blanks after it away. */
static int line_ending_backslash(struct toml_parser *ps)
{
	const char *q = ps->p + 1;

	while (q < ps->end && (*q == ' ' || *q == '\t'))
		q++;
	if (q == ps->end || (*q != '\n' && *q != '\r'))
		return 0;
	while (q < ps->end && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
		q++;
	ps->p = q;
	return 1;
}

static int escape(struct toml_parser *ps, int multi)
{
	static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
	const char *at = ps->p, *c;

	if (multi && line_ending_backslash(ps))
		return 0;
	if (at + 1 == ps->end)
		return ys_toml_fail(ps, at, "unterminated string");
	ps->p = at + 2;
	if (at[1] == 'u' || at[1] == 'U')
		return unicode_escape(ps, at, at[1] == 'u' ? 4 : 8);
	if (at[1] && (c = strchr(from, at[1])))
		return strbuf_addch(&ps->sb, to[c - from]) ? ys_toml_nomem(ps) : 0;
	if (toml_printable(at[1]))
		return ys_toml_fail(ps, at, "invalid escape \\%c", at[1]);
	if (at[1] == '\n' || at[1] == '\r')
		return ys_toml_fail(ps, at, "a backslash ends the line of a single-line string");
	return ys_toml_fail(ps, at, "invalid escape: a backslash before %s",
			    at[1] == ' ' || at[1] == '\t' ? "a blank" : "a non-ASCII character");
}

/* At a run of quotes q in a multi-line string: 1 or 2 are text, 3 to 5 end it (after 0 to 2
 * of them that are text). Returns 1 at the end. */
static int quotes(struct toml_parser *ps, int q, int *rc)
{
	size_t n = 0;

	while (ps->p + n < ps->end && ps->p[n] == q)
		n++;
	if (n > 5) {
		*rc = ys_toml_fail(ps, ps->p + 5, "too many quotes closing a multi-line string");
		return 1;
	}
	if (strbuf_add(&ps->sb, ps->p, n < 3 ? n : n - 3))
		*rc = ys_toml_nomem(ps);
	ps->p += n;
	return n >= 3;
}

/* The body of a string at ps->p (past its opening quotes) into ps->sb. */
static int body(struct toml_parser *ps, const char *open, int q, int multi)
{
	int rc = 0;

	for (;;) {
		const char *s = ps->p;

		/* the plain run up to the next quote, backslash or line break at once */
		while (ps->p < ps->end && *ps->p != q && *ps->p != '\\' && *ps->p != '\n' &&
		       *ps->p != '\r')
			ps->p++;
		if (ps->p > s && strbuf_add(&ps->sb, s, (size_t)(ps->p - s)))
			return ys_toml_nomem(ps);
		if (ps->p == ps->end)
			return ys_toml_fail(ps, open, "unterminated string");
		if (*ps->p == q) {
			if (!multi)
				return ps->p++, 0;
			if (quotes(ps, q, &rc) || rc)
				return rc;
		} else if (*ps->p == '\\' && q == '"') {
			if ((rc = escape(ps, multi)))
				return rc;
		} else if (*ps->p == '\\') {
			if (strbuf_addch(&ps->sb, '\\'))
				return ys_toml_nomem(ps);
			ps->p++;
		} else if (!multi) {
			return ys_toml_fail(ps, ps->p, "line break in a single-line string");
		} else {
			/* CR LF inside a multi-line string is kept as LF */
			ps->p += *ps->p == '\r' ? 2 : 1;
			if (strbuf_addch(&ps->sb, '\n'))
				return ys_toml_nomem(ps);
		}
	}
}

int ys_toml_string(struct toml_parser *ps, int multi, const char **s, size_t *len)
{
	const char *open = ps->p;
	int q = *ps->p, rc;
	char *copy;

	if (ps->end - ps->p >= 3 && ps->p[1] == q && ps->p[2] == q) {
		if (!multi)
			return ys_toml_fail(ps, open, "a multi-line string cannot be a key");
		ps->p += 3;
		/* a line break right after the opening quotes is not part of the string */
		if (ps->p < ps->end && *ps->p == '\n')
			ps->p++;
		else if (ps->end - ps->p >= 2 && ps->p[0] == '\r' && ps->p[1] == '\n')
			ps->p += 2;
	} else {
		multi = 0;
		ps->p++;
	}
	strbuf_reset(&ps->sb);
	if ((rc = body(ps, open, q, multi)))
		return rc;
	if (!(copy = ys_arena_alloc(&ps->doc->arena, ps->sb.len + 1)))
		return ys_toml_nomem(ps);
	if (ps->sb.len)
		memcpy(copy, ps->sb.buf, ps->sb.len);
	copy[ps->sb.len] = '\0';
	*s = copy;
	*len = ps->sb.len;
	return 0;
}

/* The characters a boolean, number or date-time is made of (a space may join a date-time) */
static int bare_char(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '_' || c == '+' || c == '-' || c == '.' || c == ':';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* n digits at s making at most max, or -1 */
static int num(const char *s, int n, int max)
{
	int v = 0;

	while (n--) {
		if (!is_digit(*s))
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v <= max ? v : -1;
}

/* YYYY-MM-DD, a day the month has */
static int date_ok(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y = num(s, 4, 9999), m = num(s + 5, 2, 12), d = num(s + 8, 2, 31);

	if (y < 0 || s[4] != '-' || m < 1 || s[7] != '-' || d < 1 || d > mdays[m - 1])
		return 0;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

/* HH:MM:SS with a fraction or not: its length, or 0 */
static size_t time_len(const char *s, size_t n)
{
	size_t i = 8;

	if (n < 8 || num(s, 2, 23) < 0 || s[2] != ':' || num(s + 3, 2, 59) < 0 || s[5] != ':' ||
	    num(s + 6, 2, 60) < 0)
		return 0;
	if (i < n && s[i] == '.') {
		while (++i < n && is_digit(s[i]))
			;
		if (i == 9)
			return 0;
	}
	return i;
}

static int offset_ok(const char *s, size_t n)
{
	if (n == 1)
		return *s == 'Z' || *s == 'z';
	return n == 6 && (*s == '+' || *s == '-') && num(s + 1, 2, 23) >= 0 && s[3] == ':' &&
	       num(s + 4, 2, 59) >= 0;
}

/* An offset or local date-time, a local date or a local time */
static int datetime_ok(const char *s, size_t n)
{
	size_t t;

	if (n >= 10 && date_ok(s)) {
		if (n == 10)
			return 1;
		if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
			return 0;
		if (!(t = time_len(s + 11, n - 11)))
			return 0;
		return 11 + t == n || offset_ok(s + 11 + t, n - 11 - t);
	}
	return time_len(s, n) == n;
}

static int looks_like_datetime(const char *s, size_t n)
{
	return (n >= 5 && num(s, 4, 9999) >= 0 && s[4] == '-') ||
	       (n >= 3 && num(s, 2, 99) >= 0 && s[2] == ':');
}

static int digit_val(int c, int base)
{
	int d = hexval(c);

	return d >= 0 && d < base ? d : -1;
}

/* A run of digits with single underscores between them: where it ends, or NULL */
static const char *digit_run(const char *p, const char *e, int base)
{
	if (p >= e || digit_val(*p, base) < 0)
		return NULL;
	for (p++; p < e; p++) {
		if (*p == '_' && p + 1 < e && digit_val(p[1], base) >= 0)
			p++;
		else if (*p == '_')
			return NULL;
		else if (digit_val(*p, base) < 0)
			break;
	}
	return p;
}

/* The digits (checked already) as an int64_t; -1 when they do not fit */
static int to_int(const char *p, const char *e, int base, int neg, int64_t *out)
{
	uint64_t limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, acc = 0;
	int d;

	for (; p < e; p++) {
		if (*p == '_')
			continue;
		d = digit_val(*p, base);
		if (acc > (limit - (uint64_t)d) / (uint64_t)base)
			return -1;
		acc = acc * (uint64_t)base + (uint64_t)d;
	}
	if (neg && acc == limit)
		*out = INT64_MIN;
	else
		*out = neg ? -(int64_t)acc : (int64_t)acc;
	return 0;
}

#define TOKEN(s, e) (int)((e) - (s) > 40 ? 40 : (e) - (s)), (s)

static int integer(struct toml_parser *ps, const char *s, const char *p, const char *e,
		   struct ys_toml_value *v)
{
	int base = 10, neg = *s == '-';

	if (p == s && e - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b')) {
		base = s[1] == 'x' ? 16 : s[1] == 'o' ? 8 : 2;
		p += 2;
	}
	if (digit_run(p, e, base) != e)
		return ys_toml_fail(ps, s, "invalid number '%.*s'", TOKEN(s, e));
	if (base == 10 && *p == '0' && e - p > 1)
		return ys_toml_fail(ps, s, "leading zero in '%.*s'", TOKEN(s, e));
	if (to_int(p, e, base, neg, &v->u.i))
		return ys_toml_fail(ps, s, "integer '%.*s' does not fit in 64 bits", TOKEN(s, e));
	v->type = YS_TOML_INTEGER;
	return 0;
}

static int floating(struct toml_parser *ps, const char *s, const char *p, const char *e,
		    struct ys_toml_value *v)
{
	const char *q = digit_run(p, e, 10);

	if (q && *p == '0' && q - p > 1)
		return ys_toml_fail(ps, s, "leading zero in '%.*s'", TOKEN(s, e));
	if (q && q < e && *q == '.')
		q = digit_run(q + 1, e, 10);
	if (q && q < e && (*q == 'e' || *q == 'E')) {
		q++;
		if (q < e && (*q == '+' || *q == '-'))
			q++;
		q = digit_run(q, e, 10);
	}
	if (q != e)
		return ys_toml_fail(ps, s, "invalid number '%.*s'", TOKEN(s, e));
	strbuf_reset(&ps->sb);
	for (q = s; q < e; q++)
		if (*q != '_' && strbuf_addch(&ps->sb, *q))
			return ys_toml_nomem(ps);
	v->type = YS_TOML_FLOAT;
	v->u.f = strtod(ps->sb.buf, NULL);
	return 0;
}

static int number(struct toml_parser *ps, const char *s, const char *e, struct ys_toml_value *v)
{
	const char *p = s + (*s == '+' || *s == '-'), *q;

	if (e - p == 3 && (!memcmp(p, "inf", 3) || !memcmp(p, "nan", 3))) {
		v->type = YS_TOML_FLOAT;
		v->u.f = copysign(*p == 'i' ? INFINITY : NAN, *s == '-' ? -1.0 : 1.0);
		return 0;
	}
	if (p == s && e - s > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'o' || s[1] == 'b'))
		return integer(ps, s, p, e, v);
	for (q = p; q < e; q++)
		if (*q == '.' || *q == 'e' || *q == 'E')
			return floating(ps, s, p, e, v);
	return integer(ps, s, p, e, v);
}

static int datetime(struct toml_parser *ps, const char *s, const char *e, struct ys_toml_value *v)
{
	char *copy;

	if (!datetime_ok(s, (size_t)(e - s)))
		return ys_toml_fail(ps, s, "invalid date-time '%.*s'", TOKEN(s, e));
	if (!(copy = ys_arena_alloc(&ps->doc->arena, (size_t)(e - s) + 1)))
		return ys_toml_nomem(ps);
	memcpy(copy, s, (size_t)(e - s));
	copy[e - s] = '\0';
	v->type = YS_TOML_DATETIME;
	v->u.s = copy;
	v->len = (size_t)(e - s);
	return 0;
}

int ys_toml_scalar(struct toml_parser *ps, struct ys_toml_value *v)
{
	const char *s = ps->p, *e = s;
	int rc;

	while (e < ps->end && bare_char(*e))
		e++;
	/* a date, a space and a time are one date-time */
	if (e - s == 10 && date_ok(s) && ps->end - e > 3 && *e == ' ' && is_digit(e[1]) &&
	    is_digit(e[2]) && e[3] == ':')
		for (e++; e < ps->end && bare_char(*e); e++)
			;
	if (e == s && s < ps->end && toml_printable(*s))
		return ys_toml_fail(ps, s, "expected a value, found '%c'", *s);
	if (e == s)
		return ys_toml_fail(ps, s, "expected a value");
	if ((e - s == 4 && !memcmp(s, "true", 4)) || (e - s == 5 && !memcmp(s, "false", 5))) {
		v->type = YS_TOML_BOOL;
		v->u.b = *s == 't';
		rc = 0;
	} else if (looks_like_datetime(s, (size_t)(e - s))) {
		rc = datetime(ps, s, e, v);
	} else if (is_digit(*s) || *s == '+' || *s == '-' ||
		   (e - s == 3 && (!memcmp(s, "inf", 3) || !memcmp(s, "nan", 3)))) {
		rc = number(ps, s, e, v);
	} else {
		rc = ys_toml_fail(ps, s, "invalid value '%.*s' (a string needs quotes)",
				  TOKEN(s, e));
	}
	ps->p = e;
	return rc;
}
