/* test-jread.c: the JSON reader: values, escapes, and rejection of malformed text with its offset */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "json/jread.h"

static void values(void **state)
{
	const char *text = "{\"a\": [1, -2.5e2, true, false, null], \"s\": \"x\\u00e9\\ud83d\\ude00\\n\","
			   " \"o\": {}, \"a\": \"last\"}";
	struct ys_error err = {0};
	struct ys_jdoc *doc;
	const struct ys_jval *root, *v;

	(void)state;
	assert_int_equal(ys_json_parse(text, strlen(text), &doc, &err), 0);
	root = ys_jdoc_root(doc);
	assert_int_equal(root->type, YS_J_OBJECT);
	assert_int_equal(root->len, 4);
	v = &root->u.members[0].val;
	assert_int_equal(v->type, YS_J_ARRAY);
	assert_int_equal(v->len, 5);
	assert_true(v->u.items[1].u.num == -250.0);
	assert_int_equal(v->u.items[2].type, YS_J_TRUE);
	assert_int_equal(v->u.items[4].type, YS_J_NULL);
	assert_string_equal(ys_json_str(ys_json_get(root, "s")), "x\xc3\xa9\xf0\x9f\x98\x80\n");
	assert_string_equal(ys_json_str(ys_json_get(root, "a")), "last");
	assert_int_equal(ys_json_get(root, "o")->len, 0);
	assert_null(ys_json_get(root, "missing"));
	ys_jdoc_free(doc);
}

static const struct {
	const char *text;
	const char *msg;
} bad[] = {
	{"", "byte 0: unexpected end of input"},
	{"[1,]", "byte 3: unexpected character"},
	{"{\"a\" 1}", "byte 5: expected ':'"},
	{"[01]", "byte 2: expected ',' or ']'"},
	{"\"abc", "byte 1: unterminated string"},
	{"\"\\ud800\"", "byte 1: unpaired surrogate in \\u escape"},
	{"\"a\tb\"", "byte 2: control character in string"},
	{"\"\xff\"", "byte 1: invalid UTF-8 in string"},
	{"[1] x", "byte 4: unexpected data after the JSON value"},
	{"1.", "byte 2: bad number: no digit after '.'"},
	{"tru", "byte 0: unexpected character"},
};

static void malformed(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ys_error err = {0};
		struct ys_jdoc *doc = NULL;

		assert_int_equal(ys_json_parse(bad[i].text, strlen(bad[i].text), &doc, &err),
				 YS_EPARSE);
		assert_null(doc);
		assert_string_equal(err.msg, bad[i].msg);
	}
}

static void depth_limit(void **state)
{
	char *deep = malloc(2 * 300 + 1);
	struct ys_error err = {0};
	struct ys_jdoc *doc = NULL;
	int i;

	(void)state;
	for (i = 0; i < 300; i++) {
		deep[i] = '[';
		deep[300 + i] = ']';
	}
	assert_int_equal(ys_json_parse(deep, 600, &doc, &err), YS_EPARSE);
	assert_string_equal(err.msg, "byte 256: nested too deep");
	assert_int_equal(ys_json_parse(deep + 100, 400, &doc, &err), 0);
	ys_jdoc_free(doc);
	free(deep);
}

/* a member found through nested objects by a dotted path */
static void path(void **state)
{
	const char *t = "{\"DistributionList\": {\"Items\": [1, 2], \"N\": 3}, \"s\": \"x\"}";
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	const struct ys_jval *root;

	(void)state;
	assert_int_equal(ys_json_parse(t, strlen(t), &doc, &err), 0);
	root = ys_jdoc_root(doc);
	assert_int_equal(ys_json_path(root, "DistributionList.Items")->len, 2);
	assert_ptr_equal(ys_json_path(root, "s"), ys_json_get(root, "s"));
	assert_null(ys_json_path(root, "s.x"));		    /* through a string */
	assert_null(ys_json_path(root, "DistributionList.It")); /* a prefix of a name */
	assert_null(ys_json_path(root, "Nope.Items"));
	ys_jdoc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values),
		cmocka_unit_test(malformed),
		cmocka_unit_test(depth_limit),
		cmocka_unit_test(path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
