/* jread.c: a validating recursive-descent JSON reader with a depth limit and an arena */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jread.h"
#include "../base/arena.h"
#include "../base/codec.h"
#include "../base/strbuf.h"
#include "../banned.h"

struct ys_jdoc {
	struct ys_arena arena;
	struct ys_jval root;
};

struct parser {
	const char *p, *end, *start;
	struct ys_jdoc *doc;
	struct ys_error *err;
	int depth;
	struct strbuf scratch; /* values and members of open containers, as raw bytes */
};

static void *arena_alloc(struct ys_jdoc *d, size_t n)
{
	return ys_arena_alloc(&d->arena, n);
}

static int fail(struct parser *ps, const char *why)
{
	return ys_error_set(ps->err, YS_EPARSE, "byte %zu: %s", (size_t)(ps->p - ps->start), why);
}

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end &&
	       (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

static void put_utf8(char **o, unsigned cp)
{
	char *q = *o;

	if (cp < 0x80) {
		*q++ = (char)cp;
	} else if (cp < 0x800) {
		*q++ = (char)(0xc0 | (cp >> 6));
		*q++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*q++ = (char)(0xe0 | (cp >> 12));
		*q++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*q++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*q++ = (char)(0xf0 | (cp >> 18));
		*q++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*q++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*q++ = (char)(0x80 | (cp & 0x3f));
	}
	*o = q;
}

/* Length of the valid UTF-8 sequence at p, or 0. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
	unsigned cp;
	size_t n, i;

	if (p[0] < 0x80)
		return 1;
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

static int parse_string(struct parser *ps, const char **out, size_t *outlen)
{
	const char *s = ++ps->p, *q = s;
	char *dst, *o;

	/* find the end first: the unescaped text is never longer than the raw one */
	for (;;) {
		/* eight bytes at a time while none is a quote or a backslash */
		while (ps->end - q >= 8) {
			uint64_t w, x, y;

			memcpy(&w, q, 8);
			x = w ^ 0x2222222222222222ULL;
			y = w ^ 0x5c5c5c5c5c5c5c5cULL;
			if (((x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL) |
			    ((y - 0x0101010101010101ULL) & ~y & 0x8080808080808080ULL))
				break;
			q += 8;
		}
		if (q >= ps->end || *q == '"')
			break;
		if (*q == '\\')
			q++;
		q++;
	}
	if (q >= ps->end)
		return fail(ps, "unterminated string");
	if (!(dst = arena_alloc(ps->doc, (size_t)(q - s) + 1)))
		return fail(ps, "out of memory");
	o = dst;
	while (ps->p < q) {
		unsigned char c;
		const char *run = ps->p;

		/* plain printable ASCII is copied in one go */
		while (q - run >= 8) {
			uint64_t w;

			memcpy(&w, run, 8);
			if ((w | (w - 0x2020202020202020ULL)) & 0x8080808080808080ULL)
				break;
			if ((((w ^ 0x5c5c5c5c5c5c5c5cULL) - 0x0101010101010101ULL) &
			     ~(w ^ 0x5c5c5c5c5c5c5c5cULL) & 0x8080808080808080ULL))
				break;
			run += 8;
		}
		if (run > ps->p) {
			memcpy(o, ps->p, (size_t)(run - ps->p));
			o += run - ps->p;
			ps->p = run;
			continue;
		}
		c = (unsigned char)*ps->p;

		if (c < 0x20)
			return fail(ps, "control character in string");
		if (c == '\\') {
			const char *esc = ps->p;
			unsigned cp, lo;
			int h;

			ps->p++;
			switch (*ps->p) {
			case '"': *o++ = '"'; break;
			case '\\': *o++ = '\\'; break;
			case '/': *o++ = '/'; break;
			case 'b': *o++ = '\b'; break;
			case 'f': *o++ = '\f'; break;
			case 'n': *o++ = '\n'; break;
			case 'r': *o++ = '\r'; break;
			case 't': *o++ = '\t'; break;
			case 'u':
				if (q - ps->p < 5 || (h = ys_hex4(ps->p + 1)) < 0)
					return ps->p = esc, fail(ps, "bad \\u escape");
				cp = (unsigned)h;
				ps->p += 4;
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (q - ps->p < 7 || ps->p[1] != '\\' || ps->p[2] != 'u' ||
					    (h = ys_hex4(ps->p + 3)) < 0xdc00 || h > 0xdfff)
						return ps->p = esc, fail(ps, "unpaired surrogate in \\u escape");
					lo = (unsigned)h;
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					ps->p += 6;
				} else if (cp >= 0xdc00 && cp <= 0xdfff) {
					return ps->p = esc, fail(ps, "unpaired surrogate in \\u escape");
				}
				put_utf8(&o, cp);
				break;
			default:
				return fail(ps, "bad escape in string");
			}
			ps->p++;
		} else {
			size_t n = utf8_seq((const unsigned char *)ps->p, (const unsigned char *)q);

			if (!n)
				return fail(ps, "invalid UTF-8 in string");
			memcpy(o, ps->p, n);
			o += n;
			ps->p += n;
		}
	}
	*o = '\0';
	ps->p = q + 1;
	*out = dst;
	*outlen = (size_t)(o - dst);
	return 0;
}

static int parse_number(struct parser *ps, double *out)
{
	const char *s = ps->p;
	char tmp[64], *endp;
	size_t n;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end)
		return fail(ps, "bad number");
	if (*ps->p == '0') {
		ps->p++;
	} else if (*ps->p >= '1' && *ps->p <= '9') {
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	} else {
		return fail(ps, "bad number");
	}
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number: no digit after '.'");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number: no digit in exponent");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	n = (size_t)(ps->p - s);
	if (n >= sizeof(tmp)) { /* a long one: its value all the same */
		char *big = malloc(n + 1);

		if (!big)
			return ys_error_set(ps->err, YS_ENOMEM, "out of memory");
		memcpy(big, s, n);
		big[n] = '\0';
		*out = strtod(big, &endp);
		free(big);
		return 0;
	}
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*out = strtod(tmp, &endp);
	return 0;
}

static int parse_value(struct parser *ps, struct ys_jval *v);

static int literal(struct parser *ps, const char *word, enum ys_jtype t, struct ys_jval *v)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n))
		return fail(ps, "unexpected character");
	ps->p += n;
	v->type = t;
	return 0;
}

/* One member of an object ("key": value) or item of an array, onto the scratch stack. */
static int parse_member(struct parser *ps, int object)
{
	struct ys_jmember m;
	int rc;

	memset(&m, 0, sizeof(m));
	if (object) {
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != '"')
			return fail(ps, ps->p < ps->end ? "expected a string key" : "unterminated object");
		if ((rc = parse_string(ps, &m.key, &m.klen)))
			return rc;
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != ':')
			return fail(ps, "expected ':'");
		ps->p++;
	}
	if ((rc = parse_value(ps, &m.val)))
		return rc;
	if (object ? strbuf_add(&ps->scratch, &m, sizeof(m))
		   : strbuf_add(&ps->scratch, &m.val, sizeof(m.val)))
		return fail(ps, "out of memory");
	return 0;
}

/* An array or an object: members gather on the scratch stack, then move to the arena. */
static int parse_container(struct parser *ps, struct ys_jval *v, int object)
{
	size_t base = ps->scratch.len, n = 0, size;
	char close = object ? '}' : ']';
	void *items;
	int rc;

	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
	} else {
		for (;;) {
			if ((rc = parse_member(ps, object)))
				return rc;
			n++;
			skip_ws(ps);
			if (ps->p < ps->end && *ps->p == ',') {
				ps->p++;
				continue;
			}
			if (ps->p < ps->end && *ps->p == close) {
				ps->p++;
				break;
			}
			if (ps->p >= ps->end)
				return fail(ps, object ? "unterminated object" : "unterminated array");
			return fail(ps, object ? "expected ',' or '}'" : "expected ',' or ']'");
		}
	}
	v->type = object ? YS_J_OBJECT : YS_J_ARRAY;
	v->len = n;
	v->u.items = NULL;
	size = n * (object ? sizeof(struct ys_jmember) : sizeof(struct ys_jval));
	if (n) {
		if (!(items = arena_alloc(ps->doc, size)))
			return fail(ps, "out of memory");
		memcpy(items, ps->scratch.buf + base, size);
		if (object)
			v->u.members = items;
		else
			v->u.items = items;
	}
	ps->scratch.len = base;
	return 0;
}

static int parse_value(struct parser *ps, struct ys_jval *v)
{
	int rc;

	memset(v, 0, sizeof(*v));
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "unexpected end of input");
	switch (*ps->p) {
	case '{':
	case '[':
		if (++ps->depth > YS_JSON_MAX_DEPTH)
			return fail(ps, "nested too deep");
		rc = parse_container(ps, v, *ps->p == '{');
		ps->depth--;
		return rc;
	case '"':
		v->type = YS_J_STRING;
		return parse_string(ps, &v->u.str, &v->len);
	case 't':
		return literal(ps, "true", YS_J_TRUE, v);
	case 'f':
		return literal(ps, "false", YS_J_FALSE, v);
	case 'n':
		return literal(ps, "null", YS_J_NULL, v);
	default:
		if (*ps->p != '-' && (*ps->p < '0' || *ps->p > '9'))
			return fail(ps, "unexpected character");
		v->type = YS_J_NUMBER;
		return parse_number(ps, &v->u.num);
	}
}

int ys_json_parse(const char *buf, size_t len, struct ys_jdoc **out, struct ys_error *err)
{
	struct parser ps;
	struct ys_jdoc *doc = calloc(1, sizeof(*doc));
	int rc;

	if (!doc)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	memset(&ps, 0, sizeof(ps));
	ps.p = ps.start = buf;
	ps.end = buf + len;
	ps.doc = doc;
	ps.err = err;
	/* a tree takes about twice its text; past 64 KB, blocks of 64 KB */
	doc->arena.first = len < 32768 ? 2 * len + 256 : 65536;
	strbuf_init(&ps.scratch);
	/* a UTF-8 byte order mark is tolerated, as many writers emit one */
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		ps.p += 3;
	rc = parse_value(&ps, &doc->root);
	if (!rc) {
		skip_ws(&ps);
		if (ps.p != ps.end)
			rc = fail(&ps, "unexpected data after the JSON value");
	}
	strbuf_release(&ps.scratch);
	if (rc) {
		ys_jdoc_free(doc);
		return rc;
	}
	*out = doc;
	return 0;
}

const struct ys_jval *ys_jdoc_root(const struct ys_jdoc *doc)
{
	return &doc->root;
}

void ys_jdoc_free(struct ys_jdoc *doc)
{
	if (!doc)
		return;
	ys_arena_release(&doc->arena);
	free(doc);
}

const struct ys_jval *ys_json_get(const struct ys_jval *obj, const char *key)
{
	size_t i, kl = strlen(key);
	const struct ys_jval *found = NULL;

	if (!obj || obj->type != YS_J_OBJECT)
		return NULL;
	for (i = 0; i < obj->len; i++)
		if (obj->u.members[i].klen == kl && !memcmp(obj->u.members[i].key, key, kl))
			found = &obj->u.members[i].val;
	return found;
}

const struct ys_jval *ys_json_path(const struct ys_jval *v, const char *path)
{
	while (v && *path) {
		size_t n = strcspn(path, "."), i;
		const struct ys_jval *found = NULL;

		if (v->type != YS_J_OBJECT)
			return NULL;
		for (i = 0; i < v->len; i++)
			if (v->u.members[i].klen == n && !memcmp(v->u.members[i].key, path, n))
				found = &v->u.members[i].val;
		v = found;
		path += n + (path[n] == '.');
	}
	return v;
}

const char *ys_json_str(const struct ys_jval *v)
{
	return v && v->type == YS_J_STRING ? v->u.str : NULL;
}
