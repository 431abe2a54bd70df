/* test-jwrite.c: the JSON writer: nesting, escaping, invalid UTF-8 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "json/jwrite.h"

static void compact_nesting(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct jw w;

	(void)state;
	jw_init(&w, &sb, 0);
	jw_obj_begin(&w);
	jw_key(&w, "a");
	jw_arr_begin(&w);
	jw_int(&w, 1);
	jw_null(&w);
	jw_bool(&w, 1);
	jw_arr_end(&w);
	jw_key(&w, "b");
	jw_obj_begin(&w);
	jw_obj_end(&w);
	jw_obj_end(&w);
	assert_string_equal(sb.buf, "{\"a\":[1,null,true],\"b\":{}}");
	strbuf_release(&sb);
}

static void integers(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct jw w;

	(void)state;
	jw_init(&w, &sb, 0);
	jw_arr_begin(&w);
	jw_int(&w, 0);
	jw_int(&w, -7);
	jw_int(&w, 1234567890123LL);
	jw_int(&w, INT64_MAX);
	jw_int(&w, INT64_MIN);
	jw_arr_end(&w);
	assert_string_equal(sb.buf, "[0,-7,1234567890123,9223372036854775807,-9223372036854775808]");
	strbuf_release(&sb);
}

static void pretty(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct jw w;

	(void)state;
	jw_init(&w, &sb, 1);
	jw_arr_begin(&w);
	jw_obj_begin(&w);
	jw_key(&w, "k");
	jw_str(&w, "v");
	jw_obj_end(&w);
	jw_arr_end(&w);
	assert_string_equal(sb.buf, "[\n  {\n    \"k\": \"v\"\n  }\n]");
	strbuf_release(&sb);
}

static void escaping(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	jw_escape(&sb, "q\"b\\n\n\t\x01", 8);
	assert_string_equal(sb.buf, "\"q\\\"b\\\\n\\n\\t\\u0001\"");
	strbuf_reset(&sb);
	/* valid UTF-8 passes; a lone continuation byte, an overlong form and a surrogate do not */
	jw_escape(&sb, "\xc3\xa9\x80\xc0\xaf\xed\xa0\x80", 8);
	assert_string_equal(sb.buf, "\"\xc3\xa9\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compact_nesting),
		cmocka_unit_test(integers),
		cmocka_unit_test(pretty),
		cmocka_unit_test(escaping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
