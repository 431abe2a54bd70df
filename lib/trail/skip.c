/* skip.c: finds where one JSON value ends, checking it on the way: structure (with a bit stack,
 * so any depth), string escapes, UTF-8, numbers and literals */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "../base/codec.h"
#include "../json/jread.h"
#include "reader.h"
#include "skip-common.h"
#include "../banned.h"

struct bits {
	uint64_t small[4]; /* 256 levels without allocating */
	uint64_t *v;
	size_t cap; /* in words, when v is used */
};

static int bits_set(struct bits *b, size_t i, int obj)
{
	uint64_t *w;

	if (i < 256) {
		w = &b->small[i / 64];
	} else {
		size_t need = i / 64 + 1;

		if (need > b->cap) {
			size_t cap = b->cap ? b->cap * 2 : 64;
			uint64_t *nv;

			while (cap < need)
				cap *= 2;
			if (!(nv = realloc(b->v, cap * sizeof(*nv))))
				return -1;
			b->v = nv;
			b->cap = cap;
		}
		w = &b->v[i / 64];
	}
	if (obj)
		*w |= (uint64_t)1 << (i % 64);
	else
		*w &= ~((uint64_t)1 << (i % 64));
	return 0;
}

static int bits_get(const struct bits *b, size_t i)
{
	const uint64_t *w = i < 256 ? &b->small[i / 64] : &b->v[i / 64];

	return (int)((*w >> (i % 64)) & 1);
}

enum { NEED_MORE = 1 };

/* Four hex digits at p: their value, -1 when they are not hex, -2 when input ends first. */
static int hex4(const unsigned char *p, const unsigned char *end)
{
	return end - p < 4 ? -2 : ys_hex4((const char *)p);
}

/* Skips a string starting at *pp (the opening quote). */
static int skip_string(const unsigned char **pp, const unsigned char *end, const char **why)
{
	const unsigned char *p = *pp + 1;

	for (;;) {
#ifdef __SSE2__
		/* plain ASCII goes sixteen bytes at a time: stop at a quote, a backslash, a control
		 * character or a byte of a longer UTF-8 sequence (signed, those are below 0x20) */
		while (end - p >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
			__m128i stop = _mm_or_si128(
				_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
					     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
				_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)));
			int m = _mm_movemask_epi8(stop);

			if (m) {
				p += __builtin_ctz((unsigned)m);
				break;
			}
			p += 16;
		}
#endif
		/* plain ASCII goes eight bytes at a time */
		while (end - p >= 8) {
			uint64_t w;

			memcpy(&w, p, 8);
			if (((w | (w - 0x2020202020202020ULL)) & 0x8080808080808080ULL) ||
			    ((w ^ 0x2222222222222222ULL) - 0x0101010101010101ULL) &
				    ~(w ^ 0x2222222222222222ULL) & 0x8080808080808080ULL ||
			    ((w ^ 0x5c5c5c5c5c5c5c5cULL) - 0x0101010101010101ULL) &
				    ~(w ^ 0x5c5c5c5c5c5c5c5cULL) & 0x8080808080808080ULL)
				break;
			p += 8;
		}
		if (p >= end)
			return NEED_MORE;
		if (*p == '"') {
			*pp = p + 1;
			return 0;
		}
		if (*p == '\\') {
			if (end - p < 2)
				return NEED_MORE;
			if (p[1] == 'u') {
				int cp = hex4(p + 2, end);

				if (cp == -2)
					return NEED_MORE;
				if (cp < 0)
					return *pp = p, *why = "bad \\u escape in string", -1;
				if (cp >= 0xdc00 && cp <= 0xdfff)
					return *pp = p, *why = "unpaired surrogate in \\u escape", -1;
				if (cp >= 0xd800 && cp <= 0xdbff) {
					int lo;

					if (end - p < 8)
						return NEED_MORE;
					lo = p[6] == '\\' && p[7] == 'u' ? hex4(p + 8, end) : -1;
					if (lo == -2)
						return NEED_MORE;
					if (lo < 0xdc00 || lo > 0xdfff)
						return *pp = p, *why = "unpaired surrogate in \\u escape", -1;
					p += 6;
				}
				p += 6;
			} else if (strchr("\"\\/bfnrt", p[1]) && p[1]) {
				p += 2;
			} else {
				return *pp = p, *why = "bad escape in string", -1;
			}
		} else if (*p < 0x20) {
			return *pp = p, *why = "control character in string", -1;
		} else if (*p < 0x80) {
			p++;
		} else {
			int n = ys_utf8_len(p, end);

			if (n < 0)
				return NEED_MORE;
			if (n == 0)
				return *pp = p, *why = "invalid UTF-8 in string", -1;
			p += n;
		}
	}
}

static int skip_number(const unsigned char **pp, const unsigned char *end, int final,
		       const char **why)
{
	const unsigned char *p = *pp;

	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0') {
		p++;
	} else if (p < end && *p >= '1' && *p <= '9') {
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	} else {
		return p >= end && !final ? NEED_MORE : (*pp = p, *why = "bad number", -1);
	}
	if (p < end && *p == '.') {
		p++;
		if (p >= end)
			return final ? (*pp = p, *why = "bad number", -1) : NEED_MORE;
		if (*p < '0' || *p > '9')
			return *pp = p, *why = "bad number: no digit after '.'", -1;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end)
			return final ? (*pp = p, *why = "bad number", -1) : NEED_MORE;
		if (*p < '0' || *p > '9')
			return *pp = p, *why = "bad number: no digit in exponent", -1;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	/* a number at the very end of the input may go on in the next bytes */
	if (p >= end && !final)
		return NEED_MORE;
	*pp = p;
	return 0;
}

static void skip_ws(const unsigned char **pp, const unsigned char *end)
{
	const unsigned char *p = *pp;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	*pp = p;
}

/* An object member's key and its ':' (white space around them too): 0, NEED_MORE, or -1 with
 * *pp at the fault. */
static int skip_key(const unsigned char **pp, const unsigned char *end, const char **why,
		    const unsigned char **key, const unsigned char **key_end)
{
	int rc;

	skip_ws(pp, end);
	if (*pp >= end)
		return NEED_MORE;
	if (**pp != '"')
		return *why = "expected a string key", -1;
	*key = *pp;
	if ((rc = skip_string(pp, end, why)) != 0)
		return rc;
	*key_end = *pp;
	skip_ws(pp, end);
	if (*pp >= end)
		return NEED_MORE;
	if (**pp != ':')
		return *why = "expected ':'", -1;
	(*pp)++;
	return 0;
}

long ys_json_skip(const char *text, size_t len, int final, size_t *bad, const char **why,
		  struct ys_jindex *ix)
{
	const unsigned char *start = (const unsigned char *)text, *p = start, *end = start + len;
	const unsigned char *k, *ke;
	struct bits st = {{0}, NULL, 0};
	struct ys_skip_track t;
	size_t depth = 0, objs = 0; /* objs: how many of the open containers, outermost first,
				       are objects (up to the levels indexed) */
	int expect_value = 1, rc;
	long out = 0;

	ys_skip_index_reset(ix);

#define FAIL(at, reason)                                                                           \
	do {                                                                                       \
		*bad = (size_t)((at)-start);                                                       \
		*why = (reason);                                                                   \
		out = YS_EPARSE;                                                                   \
		goto done;                                                                         \
	} while (0)
/* a member at this depth is indexed: every container around it is an object */
#define TRACKED(d) ((d) >= 1 && (d) <= YS_JINDEX_LEVELS && objs >= (d))
#define MORE()                                                                                     \
	do {                                                                                       \
		if (final)                                                                         \
			FAIL(end, depth ? "unexpected end of input inside a value"                    \
					: "unexpected end of input");                                 \
		out = 0;                                                                           \
		goto done;                                                                         \
	} while (0)
/* One piece read by a helper: on to the next, more input, or the helper's reason */
#define STEP(call)                                                                                 \
	do {                                                                                       \
		rc = (call);                                                                       \
		if (rc == NEED_MORE)                                                               \
			MORE();                                                                    \
		if (rc < 0)                                                                        \
			FAIL(p, *why);                                                             \
	} while (0)

	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
			p++;
		if (p >= end)
			MORE();
		if (expect_value) {
			if (TRACKED(depth))
				ys_skip_value_starts(ix, &t, depth, p);
			switch (*p) {
			case '{':
			case '[':
				/* as deep as the tree reader goes, so every record can be parsed whole */
				if (depth >= YS_JSON_MAX_DEPTH)
					FAIL(p, "nested too deep");
				if (bits_set(&st, depth, *p == '{'))
					FAIL(p, "out of memory");
				if (*p == '{' && objs == depth && objs < YS_JINDEX_LEVELS)
					objs++;
				depth++;
				p++;
				while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
					p++;
				if (p >= end)
					MORE();
				if (*p == (bits_get(&st, depth - 1) ? '}' : ']')) {
					depth--;
					if (objs > depth)
						objs = depth;
					p++;
					expect_value = 0;
					if (depth == 0)
						break;
					if (TRACKED(depth))
						ys_skip_index_member(ix, &t, depth, start, p);
					continue;
				}
				if (bits_get(&st, depth - 1)) {
					/* a member: its key first */
					STEP(skip_key(&p, end, why, &k, &ke));
					if (TRACKED(depth))
						t.key[depth] = k, t.key_end[depth] = ke;
				}
				continue;
			case '"':
				STEP(skip_string(&p, end, why));
				break;
			case 't':
			case 'f':
			case 'n': {
				const char *w = *p == 't' ? "true" : *p == 'f' ? "false" : "null";
				size_t wl = strlen(w), have = (size_t)(end - p) < wl ? (size_t)(end - p) : wl;

				if (memcmp(p, w, have))
					FAIL(p, "unexpected character");
				if (have < wl)
					MORE();
				p += wl;
				break;
			}
			default:
				if (*p != '-' && (*p < '0' || *p > '9'))
					FAIL(p, "unexpected character");
				STEP(skip_number(&p, end, final || depth > 0, why));
			}
			expect_value = 0;
			if (depth == 0)
				break;
			if (TRACKED(depth))
				ys_skip_index_member(ix, &t, depth, start, p);
			continue;
		}
		/* after a value inside a container: ',' or its close */
		if (*p == ',') {
			p++;
			expect_value = 1;
			if (bits_get(&st, depth - 1)) {
				STEP(skip_key(&p, end, why, &k, &ke));
				if (TRACKED(depth))
					t.key[depth] = k, t.key_end[depth] = ke;
			}
			continue;
		}
		if (*p == (bits_get(&st, depth - 1) ? '}' : ']')) {
			p++;
			depth--;
			if (objs > depth)
				objs = depth;
			if (depth == 0)
				break;
			if (TRACKED(depth))
				ys_skip_index_member(ix, &t, depth, start, p);
			continue;
		}
		FAIL(p, bits_get(&st, depth - 1) ? "expected ',' or '}'" : "expected ',' or ']'");
	}
	out = (long)(p - start);
done:
	free(st.v);
	return out;
#undef TRACKED
#undef FAIL
#undef MORE
#undef STEP
}
