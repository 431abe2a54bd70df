/* test-detectors.c: every provider detector against tests/data/detectors.tsv (each fire line found
 * once, by its rule, with its token; each quiet line not by that rule; every row and id tested),
 * and the checksum and structure validators of checksums.c */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "secrets/checksums.h"
#include "secrets/scan.h"

#define MAX_HITS 8

struct got {
	const char *rule[MAX_HITS];
	enum ys_rule_tag tag[MAX_HITS];
	char secret[MAX_HITS][4096];
	int n;
};

static int collect(void *ctx, const struct ys_secret_hit *h)
{
	struct got *g = ctx;
	size_t n = h->secret_len < 4095 ? h->secret_len : 4095;

	if (g->n == MAX_HITS)
		return 1;
	g->rule[g->n] = h->rule->id;
	g->tag[g->n] = h->tag;
	memcpy(g->secret[g->n], h->secret, n);
	g->secret[g->n][n] = '\0';
	g->n++;
	return 0;
}

static struct ys_secret_ruleset *vs, *vc, *pc;

static int setup(void **state)
{
	struct ys_error err = {0};

	(void)state;
	/* vs: the database built with yourside; vc: the same triggers compiled now */
	if (ys_secret_ruleset_new(&vs, &ys_mpm_vectorscan, &err) ||
	    setenv("YOURSIDE_COMPILE_TRIGGERS", "1", 1) ||
	    ys_secret_ruleset_new(&vc, &ys_mpm_vectorscan, &err) ||
	    unsetenv("YOURSIDE_COMPILE_TRIGGERS") ||
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
	ys_secret_ruleset_free(vc);
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

/* \n, \t and \\ back to what they stand for, in place */
static void unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == '\\' && (s[1] == 'n' || s[1] == 't' || s[1] == '\\')) {
			s++;
			*w++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : '\\';
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

/* The rules a test must cover: not the generic assignment, not the decoders. */
static int covered(const struct ys_secret_rule *r)
{
	return (r->kind == YS_KIND_LINE || r->kind == YS_KIND_BLOCK) &&
	       strcmp(r->id, "generic-secret") != 0;
}

static int id_index(const char *id)
{
	int i;

	for (i = 0; i < YS_RULE_COUNT; i++)
		if (!strcmp(ys_secret_rules[i].id, id))
			return i;
	return -1;
}

static void table(void **state)
{
	static char line[1 << 16];
	static int fires[YS_RULE_COUNT], quiets[YS_RULE_COUNT], row_fired[YS_RULE_COUNT];
	char path[1024];
	FILE *fp;
	int lineno = 0, failed = 0, i;

	(void)state;
	snprintf(path, sizeof(path), "%s/tests/data/detectors.tsv", YS_SOURCE_DIR);
	fp = fopen(path, "r");
	assert_non_null(fp);
	while (fgets(line, sizeof(line), fp)) {
		char *id = line, *kind, *want, *text;
		struct got g, p;
		int k, idx;

		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[strcspn(line, "\n")] = '\0';
		kind = strchr(id, '\t');
		assert_non_null(kind);
		*kind++ = '\0';
		want = strchr(kind, '\t');
		assert_non_null(want);
		*want++ = '\0';
		text = strchr(want, '\t');
		assert_non_null(text);
		*text++ = '\0';
		unescape(want);
		unescape(text);
		idx = id_index(id);
		if (idx < 0) {
			fprintf(stderr, "line %d: no rule '%s'\n", lineno, id);
			failed++;
			continue;
		}
		scan_text(vs, text, &g);
		/* the reference matcher finds the same, and so does the database compiled now */
		scan_text(pc, text, &p);
		if (p.n != g.n) {
			fprintf(stderr, "line %d (%s): vectorscan found %d, pcre %d\n", lineno, id, g.n, p.n);
			failed++;
		}
		scan_text(vc, text, &p);
		if (p.n != g.n) {
			fprintf(stderr, "line %d (%s): the built database found %d, compiled %d\n",
				lineno, id, g.n, p.n);
			failed++;
		}
		if (!strcmp(kind, "fire")) {
			fires[idx]++;
			if (g.n != 1 || strcmp(g.rule[0], id) || strcmp(g.secret[0], want)) {
				fprintf(stderr, "line %d (%s): %d findings", lineno, id, g.n);
				for (k = 0; k < g.n; k++)
					fprintf(stderr, "%s %s '%.60s'", k ? "," : ":", g.rule[k], g.secret[k]);
				fprintf(stderr, "\n");
				failed++;
			} else {
				row_fired[g.tag[0]] = 1;
			}
		} else {
			quiets[idx]++;
			for (k = 0; k < g.n; k++) {
				if (!strcmp(g.rule[k], id)) {
					fprintf(stderr, "line %d (%s): a quiet line was found: '%.60s'\n", lineno,
						id, g.secret[k]);
					failed++;
				}
			}
		}
	}
	fclose(fp);
	/* every id has a fire and a quiet line, and every row found one of the fire lines */
	for (i = 0; i < YS_RULE_COUNT; i++) {
		const struct ys_secret_rule *r = &ys_secret_rules[i];
		int first = id_index(r->id);

		if (!covered(r))
			continue;
		if (!fires[first] || !quiets[first]) {
			fprintf(stderr, "rule '%s': %d fire and %d quiet lines\n", r->id, fires[first],
				quiets[first]);
			failed++;
		}
		if (!row_fired[i]) {
			fprintf(stderr, "rule '%s', row '%s': no fire line found by it\n", r->id, r->title);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

/* Every row names a severity of the four and a page that is an https address, or none. */
static void rows_are_complete(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < YS_RULE_COUNT; i++) {
		const struct ys_secret_rule *r = &ys_secret_rules[i];

		if (!covered(r))
			continue;
		if (strcmp(r->severity, "critical") && strcmp(r->severity, "high") &&
		    strcmp(r->severity, "medium") && strcmp(r->severity, "low"))
			fail_msg("rule '%s': severity '%s'", r->id, r->severity);
		if (*r->revoke && strncmp(r->revoke, "https://", 8))
			fail_msg("rule '%s': revoke '%s'", r->id, r->revoke);
		if (!r->check)
			fail_msg("rule '%s' has no validator", r->id);
	}
}

/* ---- the validators ---- */

static void github_and_npm_crc(void **state)
{
	(void)state;
	/* generated by tests/gen/detectors.py from the scheme GitHub's blog describes, which was
	 * checked against tokens published (and revoked) in public repositories */
	assert_true(ys_base62_crc32_ok("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", 40));
	assert_false(ys_base62_crc32_ok("ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8024xXA", 40));
	assert_false(ys_base62_crc32_ok("ghp_A8jzPde0IgxLd6GncfBAepfJBd0Kh8024xXH", 40));
	assert_false(ys_base62_crc32_ok("ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8024xX", 39));
	/* a placeholder with a made-up checksum */
	assert_false(ys_base62_crc32_ok("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx000000", 40));
	assert_true(check_npm_token("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", 40));
	assert_false(check_npm_token("npm_oOOL8dKLzdocJ2isAjIhKtJ0RlgLKO24tJGA", 40));
}

static void bech32_vectors(void **state)
{
	static const char *const valid[] = {
		/* BIP 173's valid test vectors */
		"A12UEL5L",
		"a12uel5l",
		"an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
		"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
		"split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
		"?1ezyfcl",
		NULL,
	};
	static const char *const invalid[] = {
		"A1G7SGD8",   /* checksum of the upper-case form of the prefix */
		"10a06t8",    /* empty prefix */
		"1qzzfhee",   /* empty prefix */
		"x1b4n0q5v",  /* invalid character */
		"li1dgmt3",   /* too short a checksum */
		"A12uEL5L",   /* mixed case */
		"a12uel5m",   /* wrong checksum */
		NULL,
	};
	static const char spec[] =
		"AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR";
	int i;

	(void)state;
	for (i = 0; valid[i]; i++)
		assert_true(ys_bech32_ok(valid[i], strlen(valid[i])));
	for (i = 0; invalid[i]; i++)
		if (ys_bech32_ok(invalid[i], strlen(invalid[i])))
			fail_msg("'%s' passed", invalid[i]);
	/* the age specification's example is valid bech32, and published: not a leak */
	assert_true(ys_bech32_ok(spec, strlen(spec)));
	assert_false(check_age_secret_key(spec, strlen(spec)));
}

static void crc24_vectors(void **state)
{
	(void)state;
	assert_int_equal(ys_crc24((const uint8_t *)"", 0), 0xb704ce);
	/* the CRC-24/OPENPGP check value */
	assert_int_equal(ys_crc24((const uint8_t *)"123456789", 9), 0x21cf02);
}

static void macaroon_structure(void **state)
{
	/* version 2, location "pypi.org", an identifier, EOS, no caveat, EOS, a 32-byte signature */
	uint8_t m[64] = {2, 1, 8, 'p', 'y', 'p', 'i', '.', 'o', 'r', 'g', 2, 3, 'a', 'b', 'c', 0, 0, 6, 32};

	(void)state;
	assert_true(ys_macaroon_v2_ok(m, 20 + 32, "pypi.org"));
	assert_false(ys_macaroon_v2_ok(m, 20 + 32, "test.pypi.org"));
	assert_false(ys_macaroon_v2_ok(m, 20 + 31, "pypi.org")); /* short signature */
	assert_false(ys_macaroon_v2_ok(m, 20 + 32 - 1 + 2, "pypi.org")); /* bytes after it */
	m[0] = 1;
	assert_false(ys_macaroon_v2_ok(m, 20 + 32, "pypi.org"));
}

static void gitlab_routable(void **state)
{
	(void)state;
	/* legacy: twenty random characters */
	assert_true(check_gitlab_token("glpat-q3Vb8kLm2Pw9XrT4Zs1N", 26));
	assert_false(check_gitlab_token("glpat-xxxxxxxxxxxxxxxxxxxx", 26));
	/* routable: <payload>.01.<length><CRC-32 in base 36>, made by tests/gen/detectors.py */
	assert_true(check_gitlab_token("glpat-vjEgHmn-2qDu6LmZf1x8KW86Zmx3M3EH.01.0w1kofo1d", 51));
	assert_false(check_gitlab_token("glpat-vjEgHmn-2qDu6LmZf1x8KW86Zmx3M3EH.01.0w1kofo10", 51));
	assert_false(check_gitlab_token("glpat-vjEgHmn-2qDu6LmZf1x8KW86Zmx3M3EH.01.zw1kofo1d", 51));
}

static void grafana_crc(void **state)
{
	(void)state;
	assert_true(check_grafana_sa_token("glsa_KtHF4vUCsMehGAkWvj7FAc9QeWJKY40u_a6466e94", 46));
	assert_false(check_grafana_sa_token("glsa_KtHF4vUCsMehGAkWvj7FAc9QeWJKY40u_a6466e90", 46));
	assert_false(check_grafana_sa_token("glsa_KtHF4vUCsMehGAkWvj7FAc9QeWJKY40u_00000000", 46));
}

static void weak_passwords(void **state)
{
	static const char *const weak[] = {"password", "Password123!", "P@ssw0rd", "changeme",
					   "postgres", "mysecretpassword", "s3cr3t", "admin123",
					   "${DB_PASS}", "<password>", "****", "devpassword",
					   "supersecretpassword1", "{password}", NULL};
	static const char *const strong[] = {"kT9#mQ2vX-p7", "Zq8.rLw4_Jn1", "correct-Horse-9", NULL};
	int i;

	(void)state;
	for (i = 0; weak[i]; i++)
		if (!ys_weak_password(weak[i], strlen(weak[i])))
			fail_msg("'%s' passed as strong", weak[i]);
	for (i = 0; strong[i]; i++)
		if (ys_weak_password(strong[i], strlen(strong[i])))
			fail_msg("'%s' taken for weak", strong[i]);
}

static void url_credentials(void **state)
{
	static const char *const yes[] = {"svc_app:kT9#mQ2vX-p7@db-1.prod.acme-corp.net",
					  ":Zq8.rLw4_Jn1xx@cache.prod.acme-corp.net",
					  "app:Zq8.rLw4_Jn1K9@10.0.0.5", "app:Zq8rLw4uJn1K9pWe@pg-main", NULL};
	static const char *const no[] = {"user:password@localhost", "app:kT9#mQ2vX-p7@localhost",
					 "app:kT9#mQ2vX-p7@127.0.0.1", "app:kT9#mQ2vX-p7@db.example.com",
					 "postgres:postgres@db", "app:app@db.prod.acme-corp.net",
					 "app:${DB_PASSWORD}@db.prod.acme-corp.net",
					 "app:Zq8.rLw4@db", /* a service name: twelve characters at least */
					 "app:kT9#mQ2vX-p7@host.docker.internal", NULL};
	int i;

	(void)state;
	for (i = 0; yes[i]; i++)
		if (!check_url_credential(yes[i], strlen(yes[i])))
			fail_msg("'%s' dropped", yes[i]);
	for (i = 0; no[i]; i++)
		if (check_url_credential(no[i], strlen(no[i])))
			fail_msg("'%s' passed", no[i]);
	/* a provider's token in a URL is reported by the provider's rule */
	assert_false(check_http_credential("x-access-token:ghs_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789@github.com", 67));
}

int check_generic(const char *s, size_t len);

/* A token whose checksum is wrong is no credential, for the generic rule either. */
static void failed_checksum_is_not_generic(void **state)
{
	(void)state;
	assert_true(ys_failed_checksum("npm_oOOL8dKLzdocJ2isAjIhKtJ0RlgLKO24tJGA", 40));
	assert_false(check_generic("npm_oOOL8dKLzdocJ2isAjIhKtJ0RlgLKO24tJGA", 40));
	assert_false(ys_failed_checksum("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", 40));
	assert_true(ys_failed_checksum("glsa_KtHF4vUCsMehGAkWvj7FAc9QeWJKY40u_a6466e90", 46));
	assert_false(ys_failed_checksum("Vq8mZ2pL5wR9tKx7Q", 17));
}

static void published_keys(void **state)
{
	static const char azurite[] =
		"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

	(void)state;
	assert_false(check_azure_storage_key(azurite, strlen(azurite)));
	assert_false(check_stripe_key("sk_test_4eC39HqLyjWDarjtT1zdp7dc", 32));
	assert_true(check_stripe_key("sk_test_4eC39HqLyjWDarjtT1zdp7dd", 32));
}

/* The built-in detectors load the database built with yourside; asked to, they compile it; the
 * PCRE2 oracle has none; bytes that are not a database are refused, never loaded. */
static void database_built_with_yourside(void **state)
{
	void *db = NULL;
	unsigned char key[YS_MPM_KEY_LEN];
	char *bytes = NULL;
	size_t len = 0;

	(void)state;
	assert_true(ys_secret_ruleset_prebuilt(vs));
	assert_false(ys_secret_ruleset_prebuilt(vc));
	assert_false(ys_secret_ruleset_prebuilt(pc));
	assert_int_not_equal(ys_mpm_vectorscan.load("not a database", 14, &db), 0);
	assert_null(db);
	/* what is saved loads again */
	assert_int_equal(ys_secret_ruleset_save(vc, key, &bytes, &len), 0);
	assert_true(len > 1000);
	assert_int_equal(ys_mpm_vectorscan.load(bytes, len, &db), 0);
	ys_mpm_vectorscan.db_free(db);
	free(bytes);
	assert_int_not_equal(ys_secret_ruleset_save(pc, key, &bytes, &len), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table),
		cmocka_unit_test(database_built_with_yourside),
		cmocka_unit_test(rows_are_complete),
		cmocka_unit_test(github_and_npm_crc),
		cmocka_unit_test(bech32_vectors),
		cmocka_unit_test(crc24_vectors),
		cmocka_unit_test(macaroon_structure),
		cmocka_unit_test(gitlab_routable),
		cmocka_unit_test(grafana_crc),
		cmocka_unit_test(weak_passwords),
		cmocka_unit_test(url_credentials),
		cmocka_unit_test(failed_checksum_is_not_generic),
		cmocka_unit_test(published_keys),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
