/* test-secrets-results.c: ordering, one report per secret in history, pairing, redaction */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "secrets/results.h"

static void add(struct ys_secret_results *r, enum ys_rule_tag tag, const char *secret,
		const char *file, size_t line, const char *commit, uint64_t order)
{
	struct ys_secret_hit h;

	memset(&h, 0, sizeof(h));
	h.rule = &ys_secret_rules[tag];
	h.tag = tag;
	h.secret = secret;
	h.secret_len = strlen(secret);
	h.line = line;
	h.column = 1;
	assert_int_equal(ys_secret_results_add(r, &h, file, commit, commit ? "A" : NULL,
					       commit ? "a@x" : NULL, 0, order),
			 0);
}

static void history_keeps_the_oldest(void **state)
{
	struct ys_secret_results r;

	(void)state;
	ys_secret_results_init(&r);
	/* the same key at the same path in three commits, found in any order */
	add(&r, YS_RULE_AWS_KEY_ID, "AKIA2OGYBAH6QK5V3ZXR", "a.tf", 9, "ccc", 3);
	add(&r, YS_RULE_AWS_KEY_ID, "AKIA2OGYBAH6QK5V3ZXR", "a.tf", 2, "aaa", 1);
	add(&r, YS_RULE_AWS_KEY_ID, "AKIA2OGYBAH6QK5V3ZXR", "a.tf", 5, "bbb", 2);
	/* and at another path: a second leak */
	add(&r, YS_RULE_AWS_KEY_ID, "AKIA2OGYBAH6QK5V3ZXR", "b.tf", 1, "ccc", 3);
	ys_secret_results_finish(&r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.f[0].file, "a.tf");
	assert_string_equal(r.f[0].commit, "aaa");
	assert_int_equal(r.f[0].line, 2);
	assert_string_equal(r.f[1].file, "b.tf");
	assert_string_equal(r.f[0].fingerprint, "aws-access-key-id:a.tf:be950ce8faf1a02f");
	ys_secret_results_release(&r);
}

static void working_tree_keeps_each_line(void **state)
{
	struct ys_secret_results r;

	(void)state;
	ys_secret_results_init(&r);
	add(&r, YS_RULE_GITHUB_TOKEN, "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", "x", 7, NULL, 0);
	add(&r, YS_RULE_GITHUB_TOKEN, "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", "x", 3, NULL, 0);
	add(&r, YS_RULE_GITHUB_TOKEN, "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", "x", 3, NULL, 0);
	ys_secret_results_finish(&r);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.f[0].line, 3);
	assert_int_equal(r.f[1].line, 7);
	ys_secret_results_release(&r);
}

static void pairs_and_drops(void **state)
{
	struct ys_secret_results r;

	(void)state;
	ys_secret_results_init(&r);
	add(&r, YS_RULE_STRIPE_KEY, "sk_live_51Hq8ZpLmN3kR7tV2xB9cW4yD", "c.env", 1, NULL, 0);
	add(&r, YS_RULE_AWS_KEY_ID, "AKIA2OGYBAH6QK5V3ZXR", "c.env", 2, NULL, 0);
	add(&r, YS_RULE_AWS_SECRET_NAMED, "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", "c.env", 3, NULL,
	    0);
	/* too far from the key id to be its pair */
	add(&r, YS_RULE_AWS_SECRET_NAMED, "h7Gf2Kq9Lm3Np5Rs8Tv1Wx4Yz6Ab0Cd/Ef+GhIjK", "c.env", 40, NULL,
	    0);
	ys_secret_results_finish(&r);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.f[1].pair, 3);
	assert_int_equal(r.f[2].pair, 2);
	assert_int_equal(r.f[3].pair, 0);
	ys_secret_results_drop(&r, 0);
	assert_int_equal(r.f[0].pair, 2);
	assert_int_equal(r.f[1].pair, 1);
	ys_secret_results_drop(&r, 1);
	assert_int_equal(r.f[0].pair, 0);
	ys_secret_results_release(&r);
}

static void redaction(void **state)
{
	char out[64];
	const char pem[] = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n";

	(void)state;
	ys_secret_redact("AKIA2OGYBAH6QK5V3ZXR", 20, out, sizeof(out));
	assert_string_equal(out, "AKIA*****");
	ys_secret_redact("short-secret", 12, out, sizeof(out));
	assert_string_equal(out, "*****");
	ys_secret_redact(pem, sizeof(pem) - 1, out, sizeof(out));
	assert_string_equal(out, "-----BEGIN RSA PRIVATE KEY-----*****");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(history_keeps_the_oldest),
		cmocka_unit_test(working_tree_keeps_each_line),
		cmocka_unit_test(pairs_and_drops),
		cmocka_unit_test(redaction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
