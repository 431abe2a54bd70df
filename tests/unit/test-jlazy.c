/* test-jlazy.c: the on-demand reader gives the tree reader's answers: every value at every
 * path of real records and of random documents (duplicate keys, escapes, numbers, nesting,
 * blanks), and every shipped rule's verdict on every Stratus record */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include "base/strbuf.h"
#include "detect/ruleset.h"
#include "json/jlazy.h"
#include "json/jread.h"
#include "sigma/event-json.h"
#include "sigma/event-lazy.h"
#include "trail/reader.h"

#define STRATUS YS_SHARED_DATA "/cloudtrail/stratus-red-team-detonation-logs"

static int add_value(void *ctx, const struct ys_evalue *v)
{
	struct strbuf *sb = ctx;

	strbuf_addf(sb, "%d:%zu:", (int)v->type, v->len);
	strbuf_add(sb, v->s, v->len);
	strbuf_addch(sb, '|');
	return 0;
}

/* Every value both readers give at path, as text. */
static void compare_path(const struct ys_event *dom, const struct ys_event *lazy, const char *path)
{
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;

	if (path)
		dom->each(dom, path, add_value, &a), lazy->each(lazy, path, add_value, &b);
	else
		dom->each_any(dom, add_value, &a), lazy->each_any(lazy, add_value, &b);
	if (a.len != b.len || (a.len && memcmp(a.buf, b.buf, a.len)))
		fail_msg("path '%s': tree gives '%s', lazy gives '%s'", path ? path : "(any)",
			 a.len ? a.buf : "", b.len ? b.buf : "");
	strbuf_release(&a);
	strbuf_release(&b);
}

/* Every dotted path of keys in v (arrays are passed through, as Sigma paths do). */
static void paths_of(const struct ys_jval *v, const char *prefix, char ***out, size_t *n, int depth)
{
	size_t i;

	if (depth > 8)
		return;
	if (v->type == YS_J_ARRAY) {
		for (i = 0; i < v->len; i++)
			paths_of(&v->u.items[i], prefix, out, n, depth + 1);
		return;
	}
	if (v->type != YS_J_OBJECT)
		return;
	for (i = 0; i < v->len; i++) {
		struct strbuf p = STRBUF_INIT;

		if (memchr(v->u.members[i].key, '.', v->u.members[i].klen) ||
		    strlen(v->u.members[i].key) != v->u.members[i].klen)
			continue;
		strbuf_addf(&p, "%s%s%s", prefix, *prefix ? "." : "", v->u.members[i].key);
		*out = realloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = strdup(p.buf);
		paths_of(&v->u.members[i].val, p.buf, out, n, depth + 1);
		strbuf_release(&p);
	}
}

/* Both readers over one document: every path, and every value for keywords; the lazy one
 * with and without the checker's index of the members. */
static void compare_doc_ix(const char *json, size_t len, int with_index)
{
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	struct ys_jlazy l;
	struct ys_event dom, lazy;
	char **paths = NULL;
	size_t n = 0, i;

	assert_int_equal(ys_json_parse(json, len, &doc, &err), 0);
	ys_jlazy_init(&l);
	if (with_index) {
		static struct ys_jindex ix;
		size_t bad;
		const char *why;

		assert_true(ys_json_skip(json, len, 1, &bad, &why, &ix) > 0);
		ys_jlazy_reset(&l, json, len, &ix);
	} else {
		ys_jlazy_reset(&l, json, len, NULL);
	}
	ys_event_from_json(&dom, ys_jdoc_root(doc));
	ys_event_from_lazy(&lazy, &l);
	paths_of(ys_jdoc_root(doc), "", &paths, &n, 0);
	for (i = 0; i < n; i++) {
		compare_path(&dom, &lazy, paths[i]);
		free(paths[i]);
	}
	compare_path(&dom, &lazy, "no.such.path");
	compare_path(&dom, &lazy, NULL);
	free(paths);
	ys_jlazy_release(&l);
	ys_jdoc_free(doc);
}

static void compare_doc(const char *json, size_t len)
{
	compare_doc_ix(json, len, 0);
	compare_doc_ix(json, len, 1);
}

static void hand_written(void **state)
{
	static const char *const docs[] = {
	    "{}",
	    "{\"a\":1,\"a\":2}",
	    "{\"a\":{\"b\":1},\"a\":{\"c\":2}}",
	    "{ \"a\" : [ 1 , { \"b\" : \"x\" } , [ { \"b\" : null } ] ] , \"c\" : true }",
	    "{\"s\":\"quote \\\" backslash \\\\ slash \\/ tab \\t nl \\n u \\u00e9 "
	    "\\ud83d\\ude00\"}",
	    "{\"n\":[0,-0,1e2,1.50,-12.5e-3,123456789012345678901234567890]}",
	    "{\"e\":[],\"o\":{},\"z\":\"\",\"f\":false}",
	    "{\"deep\":{\"a\":{\"b\":{\"c\":{\"d\":[[[\"x\"]]]}}}}}",
	    "{\"k\":\"\\\\\",\"after\":\"\\\\\\\"\",\"x\":\"a\\\\\\\\\"}",
	    "\t{\"blank\"\n:\r\"around\" }  ",
	    "{\"userIdentity\":{\"type\":\"IAMUser\",\"type\":\"Root\",\"arn\":\"a\"},"
	    "\"eventName\":\"X\"}",
	    /* the index's three levels, objects in arrays and arrays in objects between them */
	    "{\"u\":{\"s\":{\"a\":{\"m\":1},\"i\":{\"t\":\"r\",\"t\":\"q\"}},\"e\":{}},"
	    "\"r\":[{\"a\":{\"b\":2}}],\"p\":{\"l\":[{\"c\":{\"d\":3}}],\"o\":{\"l\":[1]}}}",
	};
	struct strbuf big = STRBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		compare_doc(docs[i], strlen(docs[i]));
	/* more members than the index keeps at the top, at level 2 and level 3: the rest are
	 * found by reading the text */
	strbuf_addstr(&big, "{\"a\":{");
	for (i = 0; i < YS_JINDEX_MAX + 40; i++)
		strbuf_addf(&big, "%s\"k%zu\":{\"v\":%zu,\"w\":{\"z\":%zu}}", i ? "," : "", i, i, i);
	strbuf_addstr(&big, "},\"b\":{\"c\":{");
	for (i = 0; i < YS_JINDEX_MAX + 3; i++)
		strbuf_addf(&big, "%s\"m%zu\":%zu", i ? "," : "", i, i);
	strbuf_addstr(&big, "}}");
	for (i = 0; i < YS_JINDEX_MAX + 5; i++)
		strbuf_addf(&big, ",\"t%zu\":{\"q\":%zu}", i, i);
	strbuf_addstr(&big, "}");
	compare_doc(big.buf, big.len);
	strbuf_release(&big);
}

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % n;
}

static void blank(struct strbuf *sb)
{
	static const char *const b[] = {"", "", "", " ", "\n", " \t "};

	strbuf_addstr(sb, b[rnd(6)]);
}

static void random_value(struct strbuf *sb, int depth)
{
	static const char *const keys[] = {"a", "b", "c", "eventName", "userIdentity", "x y", "é"};
	static const char *const strs[] = {"plain",
					   "",
					   "with \\\"quote\\\"",
					   "back\\\\slash",
					   "\\u0041\\u00e9\\u4e2d",
					   "\\ud834\\udd1e",
					   "tab\\t",
					   "é中"};
	static const char *const nums[] = {"0", "-1", "3.25", "1e3", "-0.0", "1E-2", "42"};
	unsigned k = rnd(depth > 3 ? 4 : 6), i, n;

	blank(sb);
	switch (k) {
	case 0:
		strbuf_addf(sb, "\"%s\"", strs[rnd(8)]);
		break;
	case 1:
		strbuf_addstr(sb, nums[rnd(7)]);
		break;
	case 2:
		strbuf_addstr(sb, rnd(2) ? "true" : rnd(2) ? "false" : "null");
		break;
	case 3:
		strbuf_addf(sb, "\"%s\"", keys[rnd(7)]);
		break;
	case 4:
		strbuf_addch(sb, '[');
		for (i = 0, n = rnd(4); i < n; i++) {
			if (i)
				strbuf_addch(sb, ',');
			random_value(sb, depth + 1);
		}
		blank(sb);
		strbuf_addch(sb, ']');
		break;
	default:
		strbuf_addch(sb, '{');
		for (i = 0, n = rnd(5); i < n; i++) {
			if (i)
				strbuf_addch(sb, ',');
			blank(sb);
			strbuf_addf(sb, "\"%s\"", keys[rnd(7)]);
			blank(sb);
			strbuf_addch(sb, ':');
			random_value(sb, depth + 1);
		}
		blank(sb);
		strbuf_addch(sb, '}');
	}
	blank(sb);
}

static void random_documents(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		struct strbuf sb = STRBUF_INIT;
		unsigned j, n = rnd(6);

		strbuf_addch(&sb, '{');
		for (j = 0; j < n; j++) {
			static const char *const keys[] = {"a", "b", "userIdentity", "eventName",
							   "c"};

			if (j)
				strbuf_addch(&sb, ',');
			strbuf_addf(&sb, "\"%s\":", keys[rnd(5)]);
			random_value(&sb, 1);
		}
		strbuf_addch(&sb, '}');
		compare_doc(sb.buf, sb.len);
		strbuf_release(&sb);
	}
}

/* Every Stratus record: the same values, and every shipped rule (noisy ones too) the same
 * verdict. */
static void stratus_records(void **state)
{
	struct ys_ruleset rs;
	struct ys_error err = {0};
	struct ys_jlazy l;
	DIR *d = opendir(STRATUS);
	struct dirent *e;
	size_t records = 0, verdicts = 0;

	(void)state;
	assert_non_null(d);
	ys_ruleset_init(&rs);
	assert_int_equal(ys_ruleset_load_embedded(&rs, 1, 1, 1), 0);
	ys_jlazy_init(&l);
	while ((e = readdir(d))) {
		char path[1024];
		struct ys_trail_reader *tr;
		struct ys_trail_record rec;

		if (!strstr(e->d_name, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", STRATUS, e->d_name);
		assert_int_equal(ys_trail_open(&tr, path, &err), 0);
		while (ys_trail_next(tr, &rec, &err) > 0) {
			struct ys_jdoc *doc;
			struct ys_event dom, lazy;
			size_t i;

			compare_doc(rec.json, rec.len);
			assert_int_equal(ys_json_parse(rec.json, rec.len, &doc, &err), 0);
			ys_jlazy_reset(&l, rec.json, rec.len, rec.members);
			ys_event_from_json(&dom, ys_jdoc_root(doc));
			ys_event_from_lazy(&lazy, &l);
			for (i = 0; i < rs.n; i++, verdicts++)
				if (ys_sigma_match(rs.r[i], &dom) != ys_sigma_match(rs.r[i], &lazy))
					fail_msg("%s: rule %s differs on the lazy reader",
						 e->d_name, rs.r[i]->file);
			ys_jdoc_free(doc);
			records++;
		}
		ys_trail_close(tr);
	}
	closedir(d);
	ys_jlazy_release(&l);
	ys_ruleset_release(&rs);
	assert_true(records > 300);
	assert_true(verdicts > 300 * 60);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hand_written),
	    cmocka_unit_test(random_documents),
	    cmocka_unit_test(stratus_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
