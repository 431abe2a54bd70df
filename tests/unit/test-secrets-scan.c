/* test-secrets-scan.c: detectors, validators, the two matchers agreeing, and streaming big input */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <cmocka.h>
#include "secrets/scan.h"

struct got {
	char rule[64][48];
	char secret[64][256];
	size_t line[64], column[64];
	uint64_t offset[64];
	int n;
};

static int collect(void *ctx, const struct ys_secret_hit *h)
{
	struct got *g = ctx;
	size_t n = h->secret_len < 255 ? h->secret_len : 255;

	if (g->n == 64)
		return 1;
	snprintf(g->rule[g->n], sizeof(g->rule[0]), "%s", h->rule->id);
	memcpy(g->secret[g->n], h->secret, n);
	g->secret[g->n][n] = '\0';
	g->line[g->n] = h->line;
	g->column[g->n] = h->column;
	g->offset[g->n] = h->offset;
	g->n++;
	return 0;
}

static struct ys_secret_ruleset *vs, *pc;

static int setup(void **state)
{
	struct ys_error err = {0};

	(void)state;
	if (ys_secret_ruleset_new(&vs, &ys_mpm_vectorscan, &err) ||
	    ys_secret_ruleset_new(&pc, &ys_mpm_pcre, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ys_secret_ruleset_free(vs);
	ys_secret_ruleset_free(pc);
	return 0;
}

static void scan_text(struct ys_secret_ruleset *rs, const char *text, struct got *g)
{
	struct ys_secret_scanner *sc;

	memset(g, 0, sizeof(*g));
	assert_int_equal(ys_secret_scanner_new(rs, &sc), 0);
	assert_int_equal(ys_secret_scan_mem(sc, text, strlen(text), collect, g), 0);
	ys_secret_scanner_free(sc);
}

static void account_id_from_key_id(void **state)
{
	char acct[13];

	(void)state;
	/* the example of the published method */
	assert_int_equal(ys_aws_account_from_key_id("ASIAY34FZKBOKMUTVV7A", 20, acct), 0);
	assert_string_equal(acct, "609629065308");
	assert_int_equal(ys_aws_account_from_key_id("AKIA1234", 8, acct), -1);
}

static void placeholders(void **state)
{
	(void)state;
	assert_true(ys_secret_is_placeholder("AKIAIOSFODNN7EXAMPLE", 20));
	assert_true(ys_secret_is_placeholder("AKIAXXXXXXXXXXXXXXXX", 20));
	assert_true(ys_secret_is_placeholder("${AWS_SECRET}", 13));
	assert_true(ys_secret_is_placeholder("{{ token }}", 11));
	assert_true(ys_secret_is_placeholder("your_api_key_here", 17));
	assert_false(ys_secret_is_placeholder("AKIA2OGYBAH6QK5V3ZXR", 20));
	assert_false(ys_secret_is_placeholder("Xk3/9fJqL0pZrT7uWmN2bVcY8dHsEaG4iK1oQ6+R", 40));
}

static const struct {
	const char *text;
	const char *rule;
	const char *secret;
} positives[] = {
	{"id=AKIA2OGYBAH6QK5V3ZXR\n", "aws-access-key-id", "AKIA2OGYBAH6QK5V3ZXR"},
	{"x A3TXAB6QK5V3ZXR2OGYB y\n", "aws-access-key-id", "A3TXAB6QK5V3ZXR2OGYB"},
	{"aws_secret_access_key = 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\n", "aws-secret-access-key",
	 "Xk3/9fJqL0pZrT7uWmN2bVcY8dHsEaG4iK1oQ6+R"},
	{"\"SecretAccessKey\": \"h7Gf2Kq9Lm3Np5Rs8Tv1Wx4Yz6Ab0Cd/Ef+GhIjK\",\n", "aws-secret-access-key",
	 "h7Gf2Kq9Lm3Np5Rs8Tv1Wx4Yz6Ab0Cd/Ef+GhIjK"},
	{"t=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\n", "github-token",
	 "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"},
	{"GITLAB=glpat-9Rk2LmQ7vT4xZ8bN3cW1\n", "gitlab-token", "glpat-9Rk2LmQ7vT4xZ8bN3cW1"},
	{"s=xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1\n", "slack-token",
	 "xoxb-263594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1"},
	{"k = 'sk_live_51Hq8ZpLmN3kR7tV2xB9cW4yD'\n", "stripe-key", "sk_live_51Hq8ZpLmN3kR7tV2xB9cW4yD"},
	{"key: AIzaSyD4kL9mN2pQ7rS1tU6vW3xY8zA5bC0dE-f\n", "google-api-key",
	 "AIzaSyD4kL9mN2pQ7rS1tU6vW3xY8zA5bC0dE-f"},
	{"db_password = \"Vq8mZ2pL5wR9tKx7\"\n", "generic-secret", "Vq8mZ2pL5wR9tKx7"},
	{"export API_TOKEN=Vq8mZ2pL5wR9tKx7Q\n", "generic-secret", "Vq8mZ2pL5wR9tKx7Q"},
};

static const char *const negatives[] = {
	"id=AKIAIOSFODNN7EXAMPLE\n",
	"secret = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
	"password = \"${DB_PASSWORD}\"\n",
	"token = \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"\n",
	"xAKIA2OGYBAH6QK5V3ZXR\n",
	"password = \"aaaaaaaaaaaaaaaa\"\n",
	"-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----\n",
	"\"integrity\": \"sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQ9nXv9vQ0oBrc9+HWYvdDAv1bM3SM==\"\n",
	/* seen in real source trees: identifiers and code under secret-sounding names */
	"  SE_CREATE_TOKEN_NAME = 'SeCreateTokenPrivilege';\n",
	"  MANAGE_APP_TOKENS = 'android.permission.MANAGE_APP_TOKENS';\n",
	"  Result:=Result + 'UID='+EscapeParamValue(UserName)+';PWD='+EscapeParamValue(Password)+';';\n",
	("  <magic><match type=\"string\" value=\"-----BEGIN PGP PRIVATE KEY BLOCK-----\" offset=\"0\"/>\n"
	 "  <glob pattern=\"*.asc\"/><comment>PGP keys and signatures in their ASCII armoured form</comment>\n"),
};

static void each_detector(void **state)
{
	size_t i;
	struct got g;

	(void)state;
	for (i = 0; i < sizeof(positives) / sizeof(positives[0]); i++) {
		scan_text(vs, positives[i].text, &g);
		assert_int_equal(g.n, 1);
		assert_string_equal(g.rule[0], positives[i].rule);
		assert_string_equal(g.secret[0], positives[i].secret);
	}
	for (i = 0; i < sizeof(negatives) / sizeof(negatives[0]); i++) {
		scan_text(vs, negatives[i], &g);
		if (g.n)
			fail_msg("negative %zu reported %s", i, g.rule[0]);
	}
}

static int cmp_hit(const void *a, const void *b)
{
	return memcmp(a, b, 48 + 256);
}

/* The fast matcher and the reference matcher find exactly the same secrets. */
static void matchers_agree(void **state)
{
	char text[8192] = "";
	struct got a, b;
	char (*pa)[48 + 256], (*pb)[48 + 256];
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof(positives) / sizeof(positives[0]); i++)
		strncat(text, positives[i].text, sizeof(text) - strlen(text) - 1);
	for (i = 0; i < sizeof(negatives) / sizeof(negatives[0]); i++)
		strncat(text, negatives[i], sizeof(text) - strlen(text) - 1);
	scan_text(vs, text, &a);
	scan_text(pc, text, &b);
	assert_int_equal(a.n, (int)(sizeof(positives) / sizeof(positives[0])));
	assert_int_equal(a.n, b.n);
	pa = calloc((size_t)a.n, sizeof(*pa));
	pb = calloc((size_t)b.n, sizeof(*pb));
	for (k = 0; k < a.n; k++) {
		memcpy(pa[k], a.rule[k], 48);
		memcpy(pa[k] + 48, a.secret[k], 256);
		memcpy(pb[k], b.rule[k], 48);
		memcpy(pb[k] + 48, b.secret[k], 256);
	}
	qsort(pa, (size_t)a.n, sizeof(*pa), cmp_hit);
	qsort(pb, (size_t)b.n, sizeof(*pb), cmp_hit);
	assert_memory_equal(pa, pb, (size_t)a.n * sizeof(*pa));
	free(pa);
	free(pb);
}

static void scan_file(const char *path, struct got *g)
{
	struct ys_secret_scanner *sc;
	struct ys_error err = {0};
	FILE *fp = fopen(path, "r");
	uint64_t bytes;

	assert_non_null(fp);
	memset(g, 0, sizeof(*g));
	assert_int_equal(ys_secret_scanner_new(vs, &sc), 0);
	assert_int_equal(ys_secret_scan_fd(sc, fileno(fp), collect, g, &bytes, &err), 0);
	ys_secret_scanner_free(sc);
	fclose(fp);
}

/* Lines are counted right across 4 MiB chunks; a private key cut by a chunk is found whole. */
static void streaming_many_lines(void **state)
{
	char path[] = "/tmp/ys-test-XXXXXX";
	int fd = mkstemp(path), i;
	FILE *fp = fdopen(fd, "w");

	(void)state;
	for (i = 0; i < 70000; i++)
		fprintf(fp, "line %06d of filler text that is not a secret at all, padded out a bit\n", i);
	fprintf(fp, "  key = AKIA2OGYBAH6QK5V3ZXR\n");
	fprintf(fp, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
	for (i = 0; i < 40; i++)
		fprintf(fp, "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW%02d\n", i);
	fprintf(fp, "-----END OPENSSH PRIVATE KEY-----\n");
	fclose(fp);
	{
		struct got g;

		scan_file(path, &g);
		assert_int_equal(g.n, 2);
		assert_string_equal(g.rule[0], "aws-access-key-id");
		assert_int_equal(g.line[0], 70001);
		assert_int_equal(g.column[0], 9);
		assert_string_equal(g.rule[1], "private-key");
		assert_int_equal(g.line[1], 70002);
	}
	unlink(path);
}

/* One 9 MB line: the key near its end is found once, with its column. */
static void streaming_giant_line(void **state)
{
	char path[] = "/tmp/ys-test-XXXXXX";
	int fd = mkstemp(path);
	FILE *fp = fdopen(fd, "w");
	size_t i;
	struct got g;

	(void)state;
	fputs("first\n", fp);
	for (i = 0; i < 9000000; i++)
		fputc('a' + (int)(i % 7), fp);
	fputs(" AKIA2OGYBAH6QK5V3ZXR tail\n", fp);
	fclose(fp);
	scan_file(path, &g);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.line[0], 2);
	assert_int_equal(g.column[0], 9000002);
	assert_int_equal(g.offset[0], 6 + 9000001);
	unlink(path);
}

static void binary_is_refused(void **state)
{
	struct ys_secret_scanner *sc;
	struct got g;
	const char bin[] = "ELF\0\0 AKIA2OGYBAH6QK5V3ZXR";

	(void)state;
	memset(&g, 0, sizeof(g));
	assert_int_equal(ys_secret_scanner_new(vs, &sc), 0);
	assert_int_equal(ys_secret_scan_mem(sc, bin, sizeof(bin) - 1, collect, &g), YS_EUNSUP);
	assert_int_equal(g.n, 0);
	ys_secret_scanner_free(sc);
}

/* Found by fuzz-secrets-scan: decoding reused the match data of the search around it, which
 * then restarted before its own match, forever. */
static void decoding_inside_a_search_ends(void **state)
{
	const char text[] = "https://example.com/callback?aws_secret_access_key=tQbI9nYZ8d2Hk0rJ4mA7p"
			    "LsWx1\x9b\xa9\xcc\x9c\xb8\x8a\xb9\xc6%2ByUqZ8&x=1\n";
	struct got g;

	(void)state;
	scan_text(vs, text, &g);
	assert_int_equal(g.n, 0);
}

/* A read that fails mid-scan is an error with the reason, not a silent empty file. */
static void read_error_is_reported(void **state)
{
	struct ys_secret_scanner *sc;
	struct ys_error err = {0};
	struct got g;
	uint64_t bytes;
	int fd = open("/", O_RDONLY);

	(void)state;
	memset(&g, 0, sizeof(g));
	assert_true(fd >= 0);
	assert_int_equal(ys_secret_scanner_new(vs, &sc), 0);
	assert_int_equal(ys_secret_scan_fd(sc, fd, collect, &g, &bytes, &err), YS_EIO);
	assert_string_equal(err.msg, "Is a directory");
	ys_secret_scanner_free(sc);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(account_id_from_key_id),
		cmocka_unit_test(placeholders),
		cmocka_unit_test(each_detector),
		cmocka_unit_test(matchers_agree),
		cmocka_unit_test(streaming_many_lines),
		cmocka_unit_test(streaming_giant_line),
		cmocka_unit_test(binary_is_refused),
		cmocka_unit_test(decoding_inside_a_search_ends),
		cmocka_unit_test(read_error_is_reported),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
