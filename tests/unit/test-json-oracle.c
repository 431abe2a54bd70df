/* test-json-oracle.c: the JSON reader and the record skipper against jansson, an independent
 * reader used only as a test oracle: random documents, valid and mutated, must be accepted and
 * rejected alike, and read to the same values */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/strbuf.h"
#include "json/jread.h"
#include "trail/reader.h"

#ifdef YS_HAVE_JANSSON
#include <jansson.h>

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void gen_string(struct strbuf *sb)
{
	static const char *const pieces[] = {"a", "Z", "9", " ", "\\n", "\\\"", "\\\\", "\\/",
					     "\\u00e9", "\\ud83d\\ude00", "\xc3\xa9", "\xe2\x82\xac",
					     "\xf0\x9f\x98\x80", "\\t", "eventName", "\\u0041"};
	unsigned i, n = rnd(8);

	strbuf_addch(sb, '"');
	for (i = 0; i < n; i++)
		strbuf_addstr(sb, pieces[rnd(sizeof(pieces) / sizeof(pieces[0]))]);
	strbuf_addch(sb, '"');
}

static void gen_value(struct strbuf *sb, int depth)
{
	unsigned k = rnd(depth > 6 ? 5 : 8), i, n;

	switch (k) {
	case 0:
		strbuf_addstr(sb, rnd(2) ? "true" : "false");
		break;
	case 1:
		strbuf_addstr(sb, "null");
		break;
	case 2:
		strbuf_addf(sb, "%d", (int)rnd(200000) - 100000);
		break;
	case 3:
		strbuf_addf(sb, "%d.%de%d", (int)rnd(1000) - 500, (int)rnd(100), (int)rnd(20) - 10);
		break;
	case 4:
		gen_string(sb);
		break;
	case 5:
	case 6:
		strbuf_addch(sb, '[');
		for (i = 0, n = rnd(5); i < n; i++) {
			if (i)
				strbuf_addstr(sb, rnd(2) ? "," : " , ");
			gen_value(sb, depth + 1);
		}
		strbuf_addch(sb, ']');
		break;
	default:
		strbuf_addch(sb, '{');
		for (i = 0, n = rnd(5); i < n; i++) {
			if (i)
				strbuf_addch(sb, ',');
			strbuf_addf(sb, "\"k%u\"%s", i, rnd(2) ? ":" : " : ");
			gen_value(sb, depth + 1);
		}
		strbuf_addch(sb, '}');
	}
}

static void mutate(struct strbuf *sb)
{
	static const char junk[] = "{}[],:\"\\ 0123456789eE.-+tfnul\xff\xc3\x80\x01";
	size_t at = sb->len ? rnd((unsigned)sb->len) : 0;

	switch (rnd(3)) {
	case 0: /* change a byte */
		if (sb->len)
			sb->buf[at] = junk[rnd(sizeof(junk) - 1)];
		break;
	case 1: /* drop a byte */
		if (sb->len) {
			memmove(sb->buf + at, sb->buf + at + 1, sb->len - at - 1);
			sb->len--;
			sb->buf[sb->len] = '\0';
		}
		break;
	default: { /* insert a byte */
		char c = junk[rnd(sizeof(junk) - 1)];

		strbuf_addch(sb, 0);
		memmove(sb->buf + at + 1, sb->buf + at, sb->len - at - 1);
		sb->buf[at] = c;
	}
	}
}

/* Same value in both trees. */
static int same(const struct ys_jval *a, const json_t *b)
{
	size_t i;

	switch (a->type) {
	case YS_J_NULL:
		return json_is_null(b);
	case YS_J_TRUE:
		return json_is_true(b);
	case YS_J_FALSE:
		return json_is_false(b);
	case YS_J_NUMBER:
		return json_is_number(b) && a->u.num == json_number_value(b);
	case YS_J_STRING:
		return json_is_string(b) && json_string_length(b) == a->len &&
		       !memcmp(json_string_value(b), a->u.str, a->len);
	case YS_J_ARRAY:
		if (!json_is_array(b) || json_array_size(b) != a->len)
			return 0;
		for (i = 0; i < a->len; i++)
			if (!same(&a->u.items[i], json_array_get(b, i)))
				return 0;
		return 1;
	case YS_J_OBJECT: {
		size_t unique = 0, k;

		if (!json_is_object(b))
			return 0;
		/* a repeated key: both keep the last value */
		for (i = 0; i < a->len; i++) {
			const struct ys_jmember *m = &a->u.members[i];
			int later = 0;
			json_t *v;

			for (k = i + 1; k < a->len; k++)
				later |= a->u.members[k].klen == m->klen &&
					 !memcmp(a->u.members[k].key, m->key, m->klen);
			if (later)
				continue;
			unique++;
			v = json_object_getn(b, m->key, m->klen);
			if (!v || !same(&m->val, v))
				return 0;
		}
		return json_object_size(b) == unique;
	}
	}
	return 0;
}

static void against_jansson(void **state)
{
	int i, accepted = 0, rejected = 0, pinned = 0;

	(void)state;
	for (i = 0; i < 40000; i++) {
		struct strbuf sb = STRBUF_INIT;
		struct ys_jdoc *doc = NULL;
		struct ys_error err = {0};
		json_error_t jerr;
		json_t *j;
		int ours, theirs, skip_ok;
		size_t bad;
		const char *why;
		long n;

		gen_value(&sb, 0);
		if (i % 2)
			mutate(&sb);
		ours = ys_json_parse(sb.buf, sb.len, &doc, &err) == 0;
		j = json_loadb(sb.buf, sb.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
		theirs = j != NULL;
		n = ys_json_skip(sb.buf, sb.len, 1, &bad, &why, NULL);
		skip_ok = n > 0 && strspn(sb.buf + n, " \t\r\n") == sb.len - (size_t)n;
		/* pinned: jansson refuses integers and reals beyond its ranges, which we read as
		 * doubles; and it reads a bare number that ends the input differently */
		if (!theirs && ours && (strstr(jerr.text, "too big") || strstr(jerr.text, "overflow"))) {
			pinned++;
		} else {
			if (ours != theirs)
				fail_msg("document %d: ours %d, jansson %d (%s): %s", i, ours, theirs,
					 theirs ? "" : jerr.text, sb.buf);
			if (skip_ok != ours)
				fail_msg("document %d: skip %d, reader %d: %s", i, skip_ok, ours, sb.buf);
			if (ours && !same(ys_jdoc_root(doc), j))
				fail_msg("document %d: read differently: %s", i, sb.buf);
		}
		accepted += ours;
		rejected += !ours;
		json_decref(j);
		ys_jdoc_free(doc);
		strbuf_release(&sb);
	}
	print_message("%d accepted, %d rejected, %d pinned\n", accepted, rejected, pinned);
	assert_true(accepted > 15000 && rejected > 10000);
}
#else
static void against_jansson(void **state)
{
	(void)state;
	fail_msg("jansson (libjansson-dev) is needed for this test");
}
#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(against_jansson),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
