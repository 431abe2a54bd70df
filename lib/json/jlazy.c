/* jlazy.c: skimming valid JSON: strings skipped with memchr, containers by depth, members
 * indexed on first use, strings decoded into a scratch buffer only when they hold escapes */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "../base/codec.h"
#include "jlazy.h"
#include "../banned.h"

void ys_jlazy_init(struct ys_jlazy *l)
{
	memset(l, 0, sizeof(*l));
	strbuf_init(&l->scratch);
}

void ys_jlazy_reset(struct ys_jlazy *l, const char *json, size_t len, const struct ys_jindex *ix)
{
	struct ys_jview v;

	if (ix && !ix->overflow)
		ys_jview_of(&v, ix);
	ys_jlazy_reset_view(l, json, len, ix && !ix->overflow ? &v : NULL);
}

void ys_jlazy_reset_view(struct ys_jlazy *l, const char *json, size_t len,
			 const struct ys_jview *ix)
{
	if (l->doc)
		ys_jdoc_free(l->doc);
	l->doc = NULL;
	l->parsed = 0;
	if (len >= 3 && !memcmp(json, "\xef\xbb\xbf", 3)) { /* a byte-order mark, as jread */
		json += 3;
		len -= 3;
		ix = NULL; /* its offsets were from the mark */
	}
	l->json = json;
	l->len = len;
	l->ntop = 0;
	l->indexed = l->overflow = 0;
	if (ix && json) {
		l->view = *ix;
		l->ix = &l->view;
	} else {
		l->ix = NULL;
	}
	l->hashed = 0;
	l->style = 0;
	for (size_t i = 0; i < sizeof(l->nested) / sizeof(l->nested[0]); i++)
		l->nested[i].p = NULL;
	for (size_t i = 0; i < sizeof(l->unwrapped) / sizeof(l->unwrapped[0]); i++)
		l->unwrapped[i].from = NULL;
}

void ys_jlazy_release(struct ys_jlazy *l)
{
	ys_jlazy_reset(l, NULL, 0, NULL);
	strbuf_release(&l->scratch);
	for (size_t i = 0; i < sizeof(l->unwrapped) / sizeof(l->unwrapped[0]); i++)
		strbuf_release(&l->unwrapped[i].text);
}

static const char *skip_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
		p++;
	return p;
}

/* The first '"' in [p, end), or end. */
static inline const char *find_quote(const char *p, const char *end)
{
#ifdef __SSE2__
	while (end - p >= 16) {
		int m = _mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)p), _mm_set1_epi8('"')));

		if (m)
			return p + __builtin_ctz((unsigned)m);
		p += 16;
	}
#endif
	while (p < end && *p != '"')
		p++;
	return p;
}

/* p at the opening quote: just past the closing one. */
static const char *skip_string(const char *p, const char *end)
{
	p++;
	for (;;) {
		const char *q = find_quote(p, end), *b;

		if (q >= end)
			return end;
		for (b = q; b > p && b[-1] == '\\'; b--)
			;
		if ((q - b) % 2 == 0)
			return q + 1;
		p = q + 1;
	}
}

struct ys_jraw ys_jlazy_root(const struct ys_jlazy *l)
{
	const char *p = skip_blank(l->json, l->json + l->len),
		   *e = ys_jraw_skip(p, l->json + l->len);

	return (struct ys_jraw){.p = p, .len = (size_t)(e - p)};
}

const char *ys_jraw_skip(const char *p, const char *end)
{
	size_t depth = 0;

	p = skip_blank(p, end);
	if (p >= end)
		return end;
	if (*p == '"')
		return skip_string(p, end);
	if (*p != '{' && *p != '[') {
		while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n' &&
		       *p != '\r' && *p != '\t')
			p++;
		return p;
	}
	while (p < end) {
		switch (*p) {
		case '"':
			p = skip_string(p, end);
			continue;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (--depth == 0)
				return p + 1;
			break;
		}
		p++;
	}
	return end;
}

int ys_jraw_each_member(struct ys_jraw o,
			int (*fn)(void *ctx, const char *k, size_t kl, struct ys_jraw v), void *ctx)
{
	const char *p = skip_blank(o.p, o.p + o.len), *end = o.p + o.len;

	if (p >= end || *p != '{')
		return 0;
	p = skip_blank(p + 1, end);
	while (p < end && *p == '"') {
		const char *k = p + 1, *ke = skip_string(p, end), *v, *ve;

		p = skip_blank(ke, end);
		if (p >= end || *p != ':')
			return 0;
		v = skip_blank(p + 1, end);
		ve = ys_jraw_skip(v, end);
		if (ke <= k ||
		    fn(ctx, k, (size_t)(ke - 1 - k), (struct ys_jraw){.p = v, .len = (size_t)(ve - v)}))
			return 1;
		p = skip_blank(ve, end);
		if (p < end && *p == ',')
			p = skip_blank(p + 1, end);
	}
	return 0;
}

int ys_jraw_each_item(struct ys_jraw a, int (*fn)(void *ctx, struct ys_jraw item), void *ctx)
{
	const char *p = skip_blank(a.p + 1, a.p + a.len), *end = a.p + a.len;

	while (p < end && *p != ']') {
		const char *e = ys_jraw_skip(p, end);

		if (e <= p)
			return 0;
		if (fn(ctx, (struct ys_jraw){.p = p, .len = (size_t)(e - p)}))
			return 1;
		p = skip_blank(e, end);
		if (p < end && *p == ',')
			p = skip_blank(p + 1, end);
	}
	return 0;
}

struct find {
	const char *key;
	size_t klen;
	struct ys_jraw *out;
	int found;
};

/* Keys are compared raw: a key written with escapes does not match (CloudTrail has none). */
static int find_member(void *ctx, const char *k, size_t kl, struct ys_jraw v)
{
	struct find *f = ctx;

	if (kl == f->klen && !memcmp(k, f->key, kl)) {
		*f->out = v;
		f->found = 1;
	}
	return 0;
}

int ys_jraw_member(struct ys_jraw o, const char *key, size_t klen, struct ys_jraw *out)
{
	struct find f = {key, klen, out, 0};

	ys_jraw_each_member(o, find_member, &f);
	return f.found;
}

static int index_member(void *ctx, const char *k, size_t kl, struct ys_jraw v)
{
	struct ys_jlazy *l = ctx;

	if (l->ntop == YS_JLAZY_TOP) {
		l->overflow = 1;
		return 1;
	}
	l->top[l->ntop].key = k;
	l->top[l->ntop].klen = kl;
	l->top[l->ntop].val = v;
	l->ntop++;
	return 0;
}

/* Keys are short: compared here eight bytes at a time rather than by a call. */
static inline int key_eq(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	for (; n; a++, b++, n--)
		if (*a != *b)
			return 0;
	return 1;
}

/* The length of a path's first segment (up to a dot or the end). */
static inline size_t segment(const char *path)
{
	size_t n = 0;

	while (path[n] && path[n] != '.')
		n++;
	return n;
}

/* The last member named key among the index's entries [from, to) at level lev (1-based). */
static int index_find(struct ys_jlazy *l, size_t lev, size_t from, size_t to, const char *key,
		      size_t klen, struct ys_jraw *out)
{
	const struct ys_jent *e = l->ix->lev[lev - 1];
	uint64_t kw = ys_jkey_word(key, klen);
	size_t i;

	for (i = to; i-- > from;) {
		if (e[i].kw == kw && e[i].klen == klen &&
		    (klen <= 8 || key_eq(l->json + e[i].koff + 8, key + 8, klen - 8))) {
			out->p = l->json + e[i].voff;
			out->len = e[i].vlen;
			out->at = (uint32_t)(lev << 16 | i);
			return 1;
		}
	}
	return 0;
}

#define NSLOTS (2 * YS_JINDEX_MAX)

static size_t slot_of(uint64_t kw, size_t klen)
{
	return (size_t)(((kw ^ klen) * 0x9e3779b97f4a7c15ULL) >> 56) % NSLOTS;
}

/* The top-level keys into a small open-addressed table, in document order, so that a key
 * given twice finds its last value (as the tree reader does). */
static void hash_top(struct ys_jlazy *l)
{
	const struct ys_jent *e = l->ix->lev[0];
	size_t i, s;

	memset(l->slots, 0, sizeof(l->slots));
	for (i = 0; i < l->ix->n[0]; i++) {
		for (s = slot_of(e[i].kw, e[i].klen); l->slots[s]; s = (s + 1) % NSLOTS) {
			const struct ys_jent *o = &e[l->slots[s] - 1];

			if (o->kw == e[i].kw && o->klen == e[i].klen &&
			    key_eq(l->json + o->koff, l->json + e[i].koff, e[i].klen))
				break;
		}
		l->slots[s] = (uint8_t)(i + 1);
	}
	l->hashed = 1;
}

static int top_hashed(struct ys_jlazy *l, const char *key, size_t klen, struct ys_jraw *out)
{
	const struct ys_jent *e = l->ix->lev[0];
	uint64_t kw = ys_jkey_word(key, klen);
	size_t s;

	if (!l->hashed)
		hash_top(l);
	for (s = slot_of(kw, klen); l->slots[s]; s = (s + 1) % NSLOTS) {
		size_t i = l->slots[s] - 1u;

		if (e[i].kw == kw && e[i].klen == klen &&
		    (klen <= 8 || key_eq(l->json + e[i].koff + 8, key + 8, klen - 8))) {
			out->p = l->json + e[i].voff;
			out->len = e[i].vlen;
			out->at = (uint32_t)(1 << 16 | i);
			return 1;
		}
	}
	return 0;
}

static int top_member(struct ys_jlazy *l, const char *key, size_t klen, struct ys_jraw *out)
{
	size_t i;

	if (l->ix)
		return top_hashed(l, key, klen, out);
	if (!l->indexed) {
		ys_jraw_each_member((struct ys_jraw){.p = l->json, .len = l->len}, index_member, l);
		l->indexed = 1;
	}
	if (l->overflow)
		return ys_jraw_member((struct ys_jraw){.p = l->json, .len = l->len}, key, klen, out);
	for (i = l->ntop; i-- > 0;) {
		if (l->top[i].klen == klen && key_eq(l->top[i].key, key, klen)) {
			*out = l->top[i].val;
			return 1;
		}
	}
	return 0;
}

static int index_nested(void *ctx, const char *k, size_t kl, struct ys_jraw v)
{
	struct ys_jlazy_obj *o = ctx;

	if (o->n == sizeof(o->m) / sizeof(o->m[0])) {
		o->overflow = 1;
		return 1;
	}
	o->m[o->n].key = k;
	o->m[o->n].klen = kl;
	o->m[o->n].val = v;
	o->n++;
	return 0;
}

/* A member of a nested object, through the index of its members (made on first use). */
static int member_exact(struct ys_jlazy *l, struct ys_jraw obj, const char *key, size_t klen,
			struct ys_jraw *out)
{
	const size_t slots = sizeof(l->nested) / sizeof(l->nested[0]);
	struct ys_jlazy_obj *o = NULL;
	size_t i;

	if (l->ix && obj.at && (obj.at >> 16) < YS_JINDEX_LEVELS) {
		/* an object the checker indexed, whose members lie on a level it kept */
		size_t lev = obj.at >> 16;
		const struct ys_jent *e = &l->ix->lev[lev - 1][obj.at & 0xffff];

		if (e->n != YS_JINDEX_PARTIAL)
			return index_find(l, lev + 1, e->first, e->first + e->n, key, klen, out);
	}
	for (i = 0; i < slots && !o; i++)
		if (l->nested[i].p == obj.p)
			o = &l->nested[i];
	if (!o) {
		o = &l->nested[l->next_nested++ % slots];
		o->p = obj.p;
		o->n = 0;
		o->overflow = 0;
		ys_jraw_each_member(obj, index_nested, o);
	}
	if (o->overflow)
		return ys_jraw_member(obj, key, klen, out);
	for (i = o->n; i-- > 0;) {
		if (o->m[i].klen == klen && key_eq(o->m[i].key, key, klen)) {
			*out = o->m[i].val;
			return 1;
		}
	}
	return 0;
}

/* Athena's export (eventtime rather than eventTime)? Asked once a record. */
static int athena(struct ys_jlazy *l)
{
	struct ys_jraw v;

	if (!l->style)
		l->style = !top_member(l, "eventTime", 9, &v) && top_member(l, "eventtime", 9, &v)
			       ? 2
			       : 1;
	return l->style == 2;
}

/* The key in lower case into buf (n bytes), or NULL when it has no upper case or is too long. */
static const char *folded(const char *key, size_t klen, char *buf, size_t n)
{
	size_t i;
	int upper = 0;

	if (klen > n)
		return NULL;
	for (i = 0; i < klen; i++) {
		upper |= key[i] >= 'A' && key[i] <= 'Z';
		buf[i] = key[i] >= 'A' && key[i] <= 'Z' ? (char)(key[i] - 'A' + 'a') : key[i];
	}
	return upper ? buf : NULL;
}

/* A string value that holds a JSON object: that object's text (kept for the record), or 0. */
static int unwrap(struct ys_jlazy *l, struct ys_jraw s, struct ys_jraw *out)
{
	const size_t slots = sizeof(l->unwrapped) / sizeof(l->unwrapped[0]);
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	const char *text;
	size_t i, len;

	for (i = 0; i < slots && l->unwrapped[i].from; i++)
		if (l->unwrapped[i].from == s.p) {
			*out = (struct ys_jraw){.p = l->unwrapped[i].text.buf,
						.len = l->unwrapped[i].text.len};
			return 1;
		}
	if (i == slots || !(text = ys_jraw_string(s, &l->scratch, &len)))
		return 0;
	while (len && (*text == ' ' || *text == '\n' || *text == '\r' || *text == '\t'))
		text++, len--;
	if (!len || *text != '{' || ys_json_parse(text, len, &doc, &err))
		return 0; /* not an object, or not JSON: a plain string after all */
	ys_jdoc_free(doc);
	strbuf_reset(&l->unwrapped[i].text);
	if (strbuf_add(&l->unwrapped[i].text, text, len))
		return 0;
	l->unwrapped[i].from = s.p;
	*out = (struct ys_jraw){.p = l->unwrapped[i].text.buf, .len = l->unwrapped[i].text.len};
	return 1;
}

/* Not found as named: Athena's way, for a record exported by Athena (kept out of line). */
__attribute__((noinline)) static int member_athena(struct ys_jlazy *l, struct ys_jraw obj,
						   const char *key, size_t klen,
						   struct ys_jraw *out)
{
	char low[128];
	const char *k;

	if (!athena(l))
		return 0;
	if (obj.len && *obj.p == '"') {
		if (!unwrap(l, obj, &obj))
			return 0;
		if (member_exact(l, obj, key, klen, out))
			return 1;
	}
	return (k = folded(key, klen, low, sizeof(low))) && member_exact(l, obj, k, klen, out);
}

int ys_jlazy_member(struct ys_jlazy *l, struct ys_jraw obj, const char *key, size_t klen,
		    struct ys_jraw *out)
{
	return member_exact(l, obj, key, klen, out) || member_athena(l, obj, key, klen, out);
}

__attribute__((noinline)) static int top_athena(struct ys_jlazy *l, const char *key,
						size_t klen, struct ys_jraw *out)
{
	char low[128];
	const char *k;

	return athena(l) && (k = folded(key, klen, low, sizeof(low))) &&
	       top_member(l, k, klen, out);
}

int ys_jlazy_top(struct ys_jlazy *l, const char *key, size_t klen, struct ys_jraw *out)
{
	return l->json && (top_member(l, key, klen, out) || top_athena(l, key, klen, out));
}

int ys_jlazy_get(struct ys_jlazy *l, const char *path, struct ys_jraw *out)
{
	size_t seg = segment(path);

	if (!ys_jlazy_top(l, path, seg, out))
		return 0;
	while (path[seg]) {
		path += seg + 1;
		seg = segment(path);
		if (!ys_jlazy_member(l, *out, path, seg, out))
			return 0;
	}
	return 1;
}

static void put_utf8(struct strbuf *sb, unsigned cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (char)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (char)(0xc0 | cp >> 6));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, (char)(0xe0 | cp >> 12));
		strbuf_addch(sb, (char)(0x80 | (cp >> 6 & 0x3f)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3f)));
	} else {
		strbuf_addch(sb, (char)(0xf0 | cp >> 18));
		strbuf_addch(sb, (char)(0x80 | (cp >> 12 & 0x3f)));
		strbuf_addch(sb, (char)(0x80 | (cp >> 6 & 0x3f)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3f)));
	}
}

const char *ys_jlazy_decode(struct ys_jlazy *l, struct ys_jraw v, size_t *len)
{
	return ys_jraw_string(v, &l->scratch, len);
}

const char *ys_jraw_string(struct ys_jraw v, struct strbuf *tmp, size_t *len)
{
	const char *p = v.p, *end = v.p + v.len;

	if (v.len < 2 || *p != '"' || end[-1] != '"')
		return NULL;
	p++;
	end--;
	if (!memchr(p, '\\', (size_t)(end - p))) {
		*len = (size_t)(end - p);
		return p;
	}
	strbuf_reset(tmp);
	while (p < end) {
		const char *b = memchr(p, '\\', (size_t)(end - p));
		int cp;

		if (!b) {
			strbuf_add(tmp, p, (size_t)(end - p));
			break;
		}
		strbuf_add(tmp, p, (size_t)(b - p));
		if (end - b < 2)
			break;
		switch (b[1]) {
		case 'b':
			strbuf_addch(tmp, '\b');
			break;
		case 'f':
			strbuf_addch(tmp, '\f');
			break;
		case 'n':
			strbuf_addch(tmp, '\n');
			break;
		case 'r':
			strbuf_addch(tmp, '\r');
			break;
		case 't':
			strbuf_addch(tmp, '\t');
			break;
		case 'u':
			if (end - b < 6 || (cp = ys_hex4(b + 2)) < 0)
				return NULL;
			if (cp >= 0xd800 && cp <= 0xdbff && end - b >= 12 && b[6] == '\\' &&
			    b[7] == 'u') {
				int lo = ys_hex4(b + 8);

				if (lo >= 0xdc00 && lo <= 0xdfff) {
					put_utf8(tmp, 0x10000 + (((unsigned)cp - 0xd800) << 10) +
							  ((unsigned)lo - 0xdc00));
					p = b + 12;
					continue;
				}
			}
			put_utf8(tmp, (unsigned)cp);
			p = b + 6;
			continue;
		default:
			strbuf_addch(tmp, b[1]);
			break;
		}
		p = b + 2;
	}
	*len = tmp->len;
	return tmp->buf;
}

/* The string v decoded into buf (cut to fit, NUL-terminated), or NULL when it is not one. */
static const char *copy_str(struct ys_jlazy *l, struct ys_jraw v, char *buf, size_t n)
{
	const char *s;
	size_t len;

	if (!n || !(s = ys_jlazy_decode(l, v, &len)))
		return NULL;
	if (len >= n)
		len = n - 1;
	memcpy(buf, s, len);
	buf[len] = 0;
	return buf;
}

const char *ys_jlazy_str(struct ys_jlazy *l, const char *path, char *buf, size_t n)
{
	struct ys_jraw v;

	return ys_jlazy_get(l, path, &v) ? copy_str(l, v, buf, n) : NULL;
}

const char *ys_jlazy_member_str(struct ys_jlazy *l, struct ys_jraw obj, const char *key,
				char *buf, size_t n)
{
	struct ys_jraw v;

	return ys_jlazy_member(l, obj, key, strlen(key), &v) ? copy_str(l, v, buf, n) : NULL;
}

const struct ys_jval *ys_jlazy_dom(struct ys_jlazy *l, struct ys_error *err)
{
	if (!l->parsed) {
		l->parsed = 1;
		ys_error_clear(&l->parse_err);
		if (ys_json_parse(l->json, l->len, &l->doc, &l->parse_err))
			l->doc = NULL;
	}
	if (!l->doc) {
		if (err)
			*err = l->parse_err;
		return NULL;
	}
	return ys_jdoc_root(l->doc);
}

int ys_jlazy_object(struct ys_jlazy *l, struct ys_jraw v, struct ys_jraw *out)
{
	if (v.len && *v.p == '{') {
		*out = v;
		return 1;
	}
	return v.len && *v.p == '"' && athena(l) && unwrap(l, v, out);
}
