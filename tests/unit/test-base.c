/* test-base.c: strbuf, hashes (FIPS and RFC 4231 vectors), whole-file reads, severities */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/file.h"
#include "base/hash.h"
#include "base/severity.h"
#include "base/strbuf.h"

static void strbuf_grows(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len;
	char *s;
	int i;

	(void)state;
	assert_string_equal(strbuf_str(&sb), "");
	for (i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%d,", i);
	assert_int_equal(sb.len, strlen(sb.buf));
	assert_memory_equal(sb.buf + sb.len - 4, "999,", 4);
	strbuf_reset(&sb);
	strbuf_add(&sb, "a\0b", 3);
	assert_int_equal(sb.len, 3);
	s = strbuf_detach(&sb, &len);
	assert_int_equal(len, 3);
	assert_null(sb.buf);
	free(s);
}

static void sha256_vectors(void **state)
{
	char hex[YS_SHA256_HEX];
	uint8_t mac[YS_SHA256_LEN];
	char machex[65];

	(void)state;
	ys_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	ys_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	/* RFC 4231 test case 2 */
	ys_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac);
	ys_hex(mac, sizeof(mac), machex);
	assert_string_equal(machex,
			    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

static void read_file_errors(void **state)
{
	struct ys_error err = {0};
	char path[] = "/tmp/ys-test-file-XXXXXX", *buf = NULL;
	size_t len;
	FILE *fp;

	(void)state;
	assert_int_equal(ys_read_file("/nonexistent/x", 100, &buf, &len, &err), YS_EIO);
	assert_string_equal(err.msg, "cannot read '/nonexistent/x': No such file or directory");
	fp = fdopen(mkstemp(path), "w");
	fputs("0123456789", fp);
	fclose(fp);
	assert_int_equal(ys_read_file(path, 100, &buf, &len, &err), 0);
	assert_int_equal(len, 10);
	assert_string_equal(buf, "0123456789");
	free(buf);
	assert_int_equal(ys_read_file(path, 5, &buf, &len, &err), YS_EINVAL);
	assert_non_null(strstr(err.msg, "larger than 5 bytes"));
	remove(path);
}

static void severities(void **state)
{
	(void)state;
	assert_int_equal(ys_severity_rank("info"), 0);
	assert_true(ys_severity_rank("critical") > ys_severity_rank("high"));
	assert_true(ys_severity_rank("medium") > ys_severity_rank("low"));
	assert_int_equal(ys_severity_rank("severe"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strbuf_grows),
		cmocka_unit_test(sha256_vectors),
		cmocka_unit_test(read_file_errors),
		cmocka_unit_test(severities),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
