/* test-codec.c: base64, base32, percent decoding and entropy */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "base/codec.h"

static void base64_standard_and_urlsafe(void **state)
{
	uint8_t out[64];

	(void)state;
	assert_int_equal(ys_base64_decode("aGVsbG8gd29ybGQ=", 16, out), 11);
	assert_memory_equal(out, "hello world", 11);
	assert_int_equal(ys_base64_decode("aGVsbG8gd29ybGQ", 15, out), 11);
	assert_int_equal(ys_base64_decode("-_8", 3, out), 2);
	assert_int_equal(out[0], 0xfb);
	assert_int_equal(out[1], 0xff);
	assert_int_equal(ys_base64_decode("a!bc", 4, out), -1);
	assert_int_equal(ys_base64_decode("abcde", 5, out), -1);
}

static void base32_rfc4648(void **state)
{
	uint8_t out[16];

	(void)state;
	assert_int_equal(ys_base32_decode("MZXW6YTBOI", 10, out), 6);
	assert_memory_equal(out, "foobar", 6);
	assert_int_equal(ys_base32_decode("mzxw", 4, out), -1);
}

static void percent(void **state)
{
	char out[32];
	size_t n;

	(void)state;
	n = ys_percent_decode("a%2Fb%2bc%zz%4", 14, out, 0);
	assert_int_equal(n, 10);
	assert_memory_equal(out, "a/b+c%zz%4", 10);
	n = ys_percent_decode("a+b", 3, out, 1);
	assert_memory_equal(out, "a b", n);
}

static void entropy(void **state)
{
	(void)state;
	assert_true(ys_entropy("aaaa", 4) == 0.0);
	assert_true(ys_entropy("abcd", 4) == 2.0);
	assert_true(ys_entropy("Xk3/9fJqL0pZrT7uWmN2bVcY8dHsEaG4iK1oQ6+R", 40) > 4.5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(base64_standard_and_urlsafe),
		cmocka_unit_test(base32_rfc4648),
		cmocka_unit_test(percent),
		cmocka_unit_test(entropy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
