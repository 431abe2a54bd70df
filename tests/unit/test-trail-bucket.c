/* test-trail-bucket.c: reading a trail bucket's keys (logs, digests, prefixes, organization
 * folders, trail names with underscores; names that are neither) and ListPublicKeys answers
 * (Value base64 once as the API sends it, twice as the CLI prints it, and refused ones) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/file.h"
#include "base/isotime.h"
#include "trail/bucket.h"
#include "trail/pubkeys.h"

#define VEC YS_SHARED_DATA "/posture/cloudtrail-digest-vectors/"

static void test_digest_key(void **state)
{
	struct ys_tobj o;

	(void)state;
	assert_int_equal(ys_tkey_parse("team/trails/AWSLogs/o-abc123/111122223333/CloudTrail-Digest/eu-west-1/"
				       "2024/03/01/111122223333_CloudTrail-Digest_eu-west-1_my_org_trail_"
				       "us-east-1_20240301T010000Z.json.gz", &o), 0);
	assert_int_equal(o.kind, YS_TOBJ_DIGEST);
	assert_string_equal(o.account, "111122223333");
	assert_string_equal(o.region, "eu-west-1");
	assert_string_equal(o.home, "us-east-1");
	assert_string_equal(o.trail, "my_org_trail");
	assert_int_equal(o.time, ys_time_parse("2024-03-01T01:00:00Z"));
}

static void test_log_key(void **state)
{
	struct ys_tobj o;

	(void)state;
	assert_int_equal(ys_tkey_parse("AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/"
				       "123456789012_CloudTrail_us-east-1_20240101T0015Z_abcdEXAMPLE.json.gz", &o), 0);
	assert_int_equal(o.kind, YS_TOBJ_LOG);
	assert_string_equal(o.region, "us-east-1");
	assert_int_equal(o.time, ys_time_parse("2024-01-01T00:15:00Z"));
}

static void test_not_trail_keys(void **state)
{
	static const char *const bad[] = {
		/* another account's name in this account's folder */
		"AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/999999999999_CloudTrail_us-east-1_20240101T0015Z_a.json.gz",
		/* Insights, not logs */
		"AWSLogs/123456789012/CloudTrail-Insight/us-east-1/2024/01/01/123456789012_CloudTrail-Insight_us-east-1_20240101T0015Z_a.json.gz",
		/* not gzip by name, a bad time, a folder too many, no AWSLogs/ part */
		"AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/123456789012_CloudTrail_us-east-1_20240101T0015Z_a.json",
		"AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/123456789012_CloudTrail_us-east-1_2024010XT0015Z_a.json.gz",
		"AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/x/123456789012_CloudTrail_us-east-1_20240101T0015Z_a.json.gz",
		"logs/123456789012/CloudTrail/us-east-1/2024/01/01/123456789012_CloudTrail_us-east-1_20240101T0015Z_a.json.gz",
		"xAWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/123456789012_CloudTrail_us-east-1_20240101T0015Z_a.json.gz",
		/* a digest without its trail name, or its time cut short */
		"AWSLogs/1/CloudTrail-Digest/eu-west-1/2024/03/01/1_CloudTrail-Digest_eu-west-1_eu-west-1_20240301T010000Z.json.gz",
		"AWSLogs/1/CloudTrail-Digest/eu-west-1/2024/03/01/1_CloudTrail-Digest_eu-west-1_t_eu-west-1_20240301T0100Z.json.gz",
		"AWSLogs/",
		"",
	};
	struct ys_tobj o;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (!ys_tkey_parse(bad[i], &o))
			fail_msg("read as a trail file: %s", bad[i]);
}

static void test_pubkeys(void **state)
{
	struct ys_pubkeys k = {0};
	struct ys_error err = {0};
	char *text, twice[2048];
	size_t len;
	const struct ys_pubkey *p;
	unsigned char first[600];
	size_t n1;

	(void)state;
	assert_int_equal(ys_read_file(VEC "list-public-keys.decoded.json", 1 << 20, &text, &len, &err), 0);
	assert_int_equal(ys_pubkeys_add_json(&k, text, len, "decoded", &err), 0);
	free(text);
	assert_non_null(p = ys_pubkeys_find(&k, "254636a905130b93e75c6bf15988e017"));
	assert_int_equal(p->der[0], 0x30);
	assert_int_equal(p->from, ys_time_parse("2023-12-31T00:00:00Z"));
	n1 = p->len;
	memcpy(first, p->der, n1);
	/* the CLI's form: the same key's base64 text, base64 again; times as epoch numbers (the API) */
	snprintf(twice, sizeof(twice),
		 "{\"PublicKeyList\":[{\"Fingerprint\":\"f2\",\"ValidityStartTime\":1700000000,"
		 "\"Value\":\"%s\"}]}",
		 "TUlJQkNnS0NBUUVBcU15U2pIMlVWWlJzZ1Q5RmsweFdsSVRZdzlBcmlIc2V1MHgzMTloMGhQczlBbFkxc3NpS1hVLzBzeFBMVXNNcXVnM3IvdGhqdFB4cHFCaXBwN2p5R1BVSmYvV3dMeHNtQ09pMEFNaHBYdDJkRHQ3ZGlYR1JoQkJoK2F6VGZ4NjM3YlhRaDhqcSt6RXBUSUkzR0pXN200aGxuZTlMWGdNOW5kK1BRb3NudTVaZG12YmhNZTVLMlhmUTFsMHRrMU1NNjhzdUZlbXdpY3VrVTZwalpWTmNjUzFibzl1L3VqWlp5c3N4ZWFvOE9scWU5VGtqa1ROZDBmRlh2ODNpaTBGSEJDYVVVVGdka3gySFJBTllWOXROdHdZays2cndZWk1BWTlHTmM5eFZjQ2Q3NjNvRVlNdmtBRU5IYzBHY0hQbkx1VDAwVGRhY2c2NjlRc3lmbHVNeUt3SURBUUFC");
	assert_int_equal(ys_pubkeys_add_json(&k, twice, strlen(twice), "twice", &err), 0);
	assert_int_equal(k.n, 2);
	assert_non_null(p = ys_pubkeys_find(&k, "f2"));
	assert_int_equal(p->len, n1);
	assert_memory_equal(p->der, first, n1);
	assert_int_equal(p->from, 1700000000);
	assert_int_equal(p->to, -1);
	assert_null(ys_pubkeys_find(&k, "nope"));
	/* not an answer; a key that is not DER; a key without fingerprint */
	assert_int_equal(ys_pubkeys_add_json(&k, "{\"Keys\":[]}", 11, "x.json", &err), YS_EPARSE);
	assert_string_equal(err.msg, "x.json: not a ListPublicKeys response (no PublicKeyList)");
	assert_int_equal(ys_pubkeys_add_json(&k, "{\"PublicKeyList\":[{\"Fingerprint\":\"ab\",\"Value\":\"bm90IGEga2V5\"}]}", 63, "y", &err), YS_EPARSE);
	assert_string_equal(err.msg, "y: public key ab: Value is not a base64 DER key");
	assert_int_equal(ys_pubkeys_add_json(&k, "{\"PublicKeyList\":[{\"Value\":\"MA==\"}]}", 36, "z", &err), YS_EPARSE);
	assert_int_equal(k.n, 2);
	ys_pubkeys_release(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digest_key),
		cmocka_unit_test(test_log_key),
		cmocka_unit_test(test_not_trail_keys),
		cmocka_unit_test(test_pubkeys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
