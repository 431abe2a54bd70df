/* test-digest.c: CloudTrail digests against the shared test vectors (signed with openssl and
 * accepted by awscli's validator): fields, the string to sign, the signature, the chain, the
 * log file's hash; and a one-byte change, a wrong key, bad hex refused */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/codec.h"
#include "base/file.h"
#include "base/hash.h"
#include "base/strbuf.h"
#include "trail/digest.h"

#define VEC YS_SHARED_DATA "/posture/cloudtrail-digest-vectors/"

static char *slurp(const char *name, size_t *len)
{
	struct ys_error err = {0};
	char *text;

	assert_int_equal(ys_read_file(name, 1 << 20, &text, len, &err), 0);
	return text;
}

/* the hex file's first line, trimmed */
static char *hexline(const char *name)
{
	size_t len;
	char *t = slurp(name, &len);

	t[strcspn(t, "\r\n ")] = '\0';
	return t;
}

static unsigned char *key(size_t *n)
{
	size_t len;
	char *b64 = slurp(VEC "test-public-key.pkcs1.der.b64", &len);
	unsigned char *der = malloc(len);
	long got;

	while (len && (b64[len - 1] == '\n' || b64[len - 1] == '\r'))
		len--;
	got = ys_base64_decode(b64, len, der);
	assert_true(got > 0);
	free(b64);
	*n = (size_t)got;
	return der;
}

static void test_vectors(void **state)
{
	struct ys_digest d1, d2;
	struct ys_error err = {0};
	struct strbuf sts = STRBUF_INIT;
	size_t l1, l2, ls, llog, dl;
	char *t1 = slurp(VEC "digest1.json", &l1), *t2 = slurp(VEC "digest2.json", &l2);
	char *want = slurp(VEC "digest1.string-to-sign.txt", &ls), *log = slurp(VEC "log1.json", &llog);
	char *s1 = hexline(VEC "digest1.signature.hex"), *s2 = hexline(VEC "digest2.signature.hex");
	char hex[YS_SHA256_HEX];
	unsigned char *der = key(&dl);

	(void)state;
	assert_int_equal(ys_digest_parse(t1, l1, &d1, &err), 0);
	assert_int_equal(ys_digest_parse(t2, l2, &d2, &err), 0);
	assert_string_equal(d1.algorithm, "SHA256withRSA");
	assert_null(d1.prev_signature);
	assert_true(d1.nlogs >= 1);
	ys_sha256_hex(log, llog, hex);
	assert_string_equal(d1.logs[0].hash, hex);
	ys_digest_string_to_sign(&d1, t1, l1, &sts);
	assert_int_equal(sts.len, ls);
	assert_memory_equal(sts.buf, want, ls);
	assert_int_equal(ys_digest_verify(sts.buf, sts.len, s1, der, dl, &err), 1);
	/* the chain: the second names the first's signature */
	assert_string_equal(d2.prev_signature, s1);
	strbuf_reset(&sts);
	ys_digest_string_to_sign(&d2, t2, l2, &sts);
	assert_int_equal(ys_digest_verify(sts.buf, sts.len, s2, der, dl, &err), 1);
	/* one byte changed in the digest: its hash, so the string signed, no longer match */
	t1[10] ^= 1;
	strbuf_reset(&sts);
	ys_digest_string_to_sign(&d1, t1, l1, &sts);
	assert_int_equal(ys_digest_verify(sts.buf, sts.len, s1, der, dl, &err), 0);
	/* the wrong signature, a key that is not one, a signature that is not hex */
	strbuf_reset(&sts);
	ys_digest_string_to_sign(&d2, t2, l2, &sts);
	assert_int_equal(ys_digest_verify(sts.buf, sts.len, s1, der, dl, &err), 0);
	assert_int_equal(ys_digest_verify(sts.buf, sts.len, s2, (const unsigned char *)"junk", 4, &err), YS_EPARSE);
	assert_int_equal(ys_digest_verify(sts.buf, sts.len, "zz", der, dl, &err), YS_EPARSE);
	ys_digest_release(&d1);
	ys_digest_release(&d2);
	strbuf_release(&sts);
	free(t1);
	free(t2);
	free(want);
	free(log);
	free(s1);
	free(s2);
	free(der);
}

static void test_not_a_digest(void **state)
{
	struct ys_digest d;
	struct ys_error err = {0};
	static const char *const bad[] = {"{\"logFiles\": []}", "[]", "{\"digestEndTime\": 1}", "not json"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(ys_digest_parse(bad[i], strlen(bad[i]), &d, &err), YS_EPARSE);
		assert_true(err.msg[0] != '\0');
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_not_a_digest),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
