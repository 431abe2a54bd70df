/* checksums.c: validators for provider credentials: checksums the formats carry (GitHub, npm,
 * GitLab, Grafana, age, OpenPGP, PuTTY), structures their tokens decode to (PyPI's macaroon,
 * JSON inside base64), and the placeholder and password policies of the provider rows */
#define _GNU_SOURCE
#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <zlib.h>
#include "../base/codec.h"
#include "checksums.h"
#include "rules.h"
#include "../banned.h"

#define DECODE_MAX 4096 /* the longest encoded token a validator decodes */

/* ---- small helpers ---- */

static int has(const char *s, size_t len, const char *needle)
{
	return memmem(s, len, needle, strlen(needle)) != NULL;
}

static int has_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (!strncasecmp(s + i, needle, n))
			return 1;
	return 0;
}

static int starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(s, prefix, n);
}

/* A template or a documentation stand-in; unlike ys_secret_is_placeholder it allows runs of
 * one character, which real encoded tokens hold ("AAAA" in base64 of zero bytes). */
static int templated(const char *s, size_t len)
{
	static const char *const marks[] = {"${", "{{", "}}", "<", ">", "$(", "%s", "%(", "...",
					    "\xe2\x80\xa6", "\xe2\x80\xa2"};
	static const char *const words[] = {"example", "placeholder", "changeme", "redacted",
					    "your_", "your-", "yourkey", "xxxx", "insert_",
					    "replace_me", "replaceme"};
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (has(s, len, marks[i]))
			return 1;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (has_ci(s, len, words[i]))
			return 1;
	return 0;
}

static size_t distinct(const char *s, size_t len)
{
	unsigned char seen[256] = {0};
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (!seen[(unsigned char)s[i]]++)
			n++;
	return n;
}

/* "abcdef", "23456789", "FEDCBA": typed, not generated. */
static int monotonic_run(const char *s, size_t len, size_t want)
{
	size_t i, up = 1, down = 1;

	for (i = 1; i < len; i++) {
		int d = (unsigned char)s[i] - (unsigned char)s[i - 1];
		/* random digits (a Slack team id, a Discord snowflake) run six in a row once in
		 * some ten thousand tokens: a run of digits needs two more to look typed */
		size_t need = isdigit((unsigned char)s[i]) ? want + 2 : want;

		up = d == 1 && isalnum((unsigned char)s[i]) ? up + 1 : 1;
		down = d == -1 && isalnum((unsigned char)s[i]) ? down + 1 : 1;
		if (up >= need || down >= need)
			return 1;
	}
	return 0;
}

/* The kinds of character present: lower, upper, digit, other. */
static int classes(const char *s, size_t len)
{
	int lo = 0, up = 0, di = 0, ot = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'a' && c <= 'z')
			lo = 1;
		else if (c >= 'A' && c <= 'Z')
			up = 1;
		else if (c >= '0' && c <= '9')
			di = 1;
		else
			ot = 1;
	}
	return lo + up + di + ot;
}

/* Decodes base64 (standard or URL-safe, padding optional) into a buffer of DECODE_MAX. */
static long b64(const char *s, size_t len, uint8_t *out)
{
	if (len == 0 || len > DECODE_MAX * 4 / 3)
		return -1;
	return ys_base64_decode(s, len, out);
}

/* A JSON object holding every one of the keys (as "key"). */
static int json_with(const uint8_t *p, long n, const char *const *keys)
{
	size_t i;

	if (n < 2 || p[0] != '{')
		return 0;
	for (i = 0; keys[i]; i++) {
		char k[64];
		size_t kl = strlen(keys[i]);

		if (kl + 2 >= sizeof(k))
			return 0;
		k[0] = '"';
		memcpy(k + 1, keys[i], kl);
		k[kl + 1] = '"';
		if (!memmem(p, (size_t)n, k, kl + 2))
			return 0;
	}
	return 1;
}

/* base64 of a JSON object with the keys, starting at s and ending at len */
static int b64_json_with(const char *s, size_t len, const char *const *keys)
{
	uint8_t buf[DECODE_MAX];
	long n = b64(s, len, buf);

	return n > 0 && json_with(buf, n, keys);
}

/* ---- generic policies ---- */

/* A prefixed token's random body: not a placeholder, not typed, of many characters. */
int check_random_token(const char *s, size_t len)
{
	size_t want = len / 3 < 10 ? len / 3 : 10;

	if (ys_secret_is_placeholder(s, len) || monotonic_run(s, len, 6))
		return 0;
	return distinct(s, len) >= want;
}

static int all_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (ys_hexval((unsigned char)s[i]) < 0 && s[i] != '-')
			return 0;
	return 1;
}

/* A value found by its name alone (no prefix): it must also look generated, its entropy
 * near that of random characters of its length (hex at most 4 bits a character; words and
 * typed values fall short). */
int check_context_token(const char *s, size_t len)
{
	double e = ys_entropy(s, len), want;

	if (!check_random_token(s, len) || classes(s, len) < 2)
		return 0;
	if (all_hex(s, len))
		want = len >= 32 ? 3.2 : 2.9;
	else
		want = log2((double)len) - 0.9 < 4.0 ? log2((double)len) - 0.9 : 4.0;
	return e >= want;
}

/* A long encoded token (base64 of binary): zero bytes make runs of "A", so only templates and
 * stand-ins count against it. */
int check_encoded_token(const char *s, size_t len)
{
	return !templated(s, len) && distinct(s, len) >= 16;
}

/* A token whose secret part is hex beside a fixed part ("key-", "-us12"): the hex digits alone
 * must look random. */
int check_hex_token(const char *s, size_t len)
{
	char hex[256];
	size_t i, n = 0;

	if (ys_secret_is_placeholder(s, len))
		return 0;
	for (i = 0; i < len && n < sizeof(hex); i++)
		if (ys_hexval((unsigned char)s[i]) >= 0 && !(s[i] >= 'A' && s[i] <= 'F'))
			hex[n++] = s[i];
	return n >= 16 && !monotonic_run(hex, n, 6) && distinct(hex, n) >= 8 &&
	       ys_entropy(hex, n) >= 3.0;
}

int check_uuid_token(const char *s, size_t len)
{
	size_t i;

	if (len != 36 || ys_secret_is_placeholder(s, len))
		return 0;
	for (i = 0; i < len; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : ys_hexval((unsigned char)s[i]) < 0)
			return 0;
	}
	return distinct(s, len) >= 9 && !monotonic_run(s, len, 5) && ys_entropy(s, len) >= 3.0;
}

/* ---- GitHub and npm: CRC-32 of the body in base62 ---- */

int ys_base62_crc32_ok(const char *tok, size_t len)
{
	static const char digits[] =
		"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	uint32_t crc;
	char sum[6];
	int i;

	if (len != 40)
		return 0;
	crc = (uint32_t)crc32(0L, (const Bytef *)tok + 4, 30);
	for (i = 5; i >= 0; i--) {
		sum[i] = digits[crc % 62];
		crc /= 62;
	}
	return !memcmp(sum, tok + 34, 6);
}

int check_github_token(const char *s, size_t len)
{
	return ys_base62_crc32_ok(s, len);
}

int check_npm_token(const char *s, size_t len)
{
	return ys_base62_crc32_ok(s, len);
}

/* The stateless installation token, ghs_<app id>_<JWT>: its header is a JSON object. */
int check_github_ghs_jwt(const char *s, size_t len)
{
	static const char *const keys[] = {"alg", NULL};
	const char *p = memchr(s + 4, '_', len - 4), *dot;

	if (!p || templated(s, len))
		return 0;
	p++;
	dot = memchr(p, '.', (size_t)(s + len - p));
	return dot && b64_json_with(p, (size_t)(dot - p), keys);
}

/* ---- PyPI: a macaroon ---- */

static int varint(const uint8_t *p, size_t n, size_t *i, uint64_t *v)
{
	int shift = 0;

	*v = 0;
	while (*i < n && shift < 64) {
		uint8_t c = p[(*i)++];

		*v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return 0;
		shift += 7;
	}
	return -1;
}

/* One field: its type (0 for EOS, which has no length) and content. */
static int field(const uint8_t *p, size_t n, size_t *i, uint64_t *type, const uint8_t **v,
		 uint64_t *vlen)
{
	if (varint(p, n, i, type))
		return -1;
	*v = NULL;
	*vlen = 0;
	if (*type == 0)
		return 0;
	if (varint(p, n, i, vlen) || *vlen > n - *i)
		return -1;
	*v = p + *i;
	*i += (size_t)*vlen;
	return 0;
}

int ys_macaroon_v2_ok(const uint8_t *p, size_t n, const char *loc)
{
	size_t i = 1;
	uint64_t t, vl;
	const uint8_t *v;
	int have_loc = 0, caveat;

	if (n < 2 || p[0] != 2)
		return 0;
	/* opt_location IDENTIFIER EOS */
	if (field(p, n, &i, &t, &v, &vl))
		return 0;
	if (t == 1) {
		have_loc = vl == strlen(loc) && !memcmp(v, loc, vl);
		if (field(p, n, &i, &t, &v, &vl))
			return 0;
	}
	if (!have_loc || t != 2 || field(p, n, &i, &t, &v, &vl) || t != 0)
		return 0;
	/* caveats, each opt_location IDENTIFIER opt_vid EOS, then EOS */
	for (caveat = 0; caveat < 64; caveat++) {
		if (field(p, n, &i, &t, &v, &vl))
			return 0;
		if (t == 0)
			break;
		if (t == 1 && field(p, n, &i, &t, &v, &vl))
			return 0;
		if (t != 2 || field(p, n, &i, &t, &v, &vl))
			return 0;
		if (t == 4 && field(p, n, &i, &t, &v, &vl))
			return 0;
		if (t != 0)
			return 0;
	}
	if (caveat == 64)
		return 0;
	/* SIGNATURE */
	if (field(p, n, &i, &t, &v, &vl) || t != 6 || vl != 32)
		return 0;
	return i == n;
}

static int pypi(const char *s, size_t len, const char *loc)
{
	uint8_t buf[DECODE_MAX];
	long n;

	if (len < 6)
		return 0;
	n = b64(s + 5, len - 5, buf);
	return n > 0 && ys_macaroon_v2_ok(buf, (size_t)n, loc);
}

int check_pypi_token(const char *s, size_t len)
{
	return pypi(s, len, "pypi.org");
}

int check_pypi_test_token(const char *s, size_t len)
{
	return pypi(s, len, "test.pypi.org");
}

/* ---- GitLab: routable tokens end in a base-36 CRC-32 of all before it ---- */

static void base36(uint32_t v, char *out, int width)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	int i;

	for (i = width - 1; i >= 0; i--) {
		out[i] = digits[v % 36];
		v /= 36;
	}
}

int check_gitlab_token(const char *s, size_t len)
{
	const char *dash = memchr(s, '-', len), *body, *dot, *last;
	char want[7], ll[2];
	size_t plen;

	if (!dash)
		return 0;
	body = dash + 1;
	if (s + len - body > 3 && body[0] == 't' && isdigit((unsigned char)body[1]) && body[2] == '_')
		body += 3;
	dot = memchr(body, '.', (size_t)(s + len - body));
	if (!dot)
		return check_random_token(body, (size_t)(s + len - body));
	/* <prefix><payload>.[<version>.]<length: 2 base-36><crc: 7 base-36> */
	last = memrchr(s, '.', len);
	if (s + len - last != 10)
		return 0;
	base36((uint32_t)crc32(0L, (const Bytef *)s, (uInt)(len - 7)), want, 7);
	if (memcmp(want, s + len - 7, 7))
		return 0;
	plen = (size_t)(dot - body);
	base36((uint32_t)plen, ll, 2);
	return plen < 36 * 36 && !memcmp(ll, last + 1, 2);
}

/* ---- Grafana: service account tokens end in their CRC-32, little-endian hex ---- */

int check_grafana_sa_token(const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t crc;
	char want[8];
	int i;

	/* glsa_<32 secret>_<8 hex> */
	if (len != 46 || s[37] != '_')
		return 0;
	crc = (uint32_t)crc32(0L, (const Bytef *)s, 37);
	for (i = 0; i < 4; i++) {
		uint8_t b = (uint8_t)(crc >> (8 * i));

		want[2 * i] = hex[b >> 4];
		want[2 * i + 1] = hex[b & 15];
	}
	return !memcmp(want, s + 38, 8);
}

/* ---- tokens that are base64 of JSON ---- */

int check_grafana_cloud_token(const char *s, size_t len)
{
	static const char *const keys[] = {"o", "n", "k", NULL};

	return len > 4 && b64_json_with(s + 4, len - 4, keys);
}

int check_grafana_legacy_key(const char *s, size_t len)
{
	static const char *const keys[] = {"k", "n", "id", NULL};

	return b64_json_with(s, len, keys);
}

/* sntrys_<base64 JSON, padded>_<secret> */
int check_sentry_org_token(const char *s, size_t len)
{
	static const char *const keys[] = {"iat", "url", "org", NULL};
	const char *last = memrchr(s, '_', len);

	return last && last > s + 7 && b64_json_with(s + 7, (size_t)(last - s - 7), keys);
}

int check_onepassword_sa_token(const char *s, size_t len)
{
	static const char *const keys[] = {"signInAddress", NULL};

	return len > 4 && b64_json_with(s + 4, len - 4, keys);
}

/* An ES256 JWT whose payload names 1Password Connect. */
int check_onepassword_connect_token(const char *s, size_t len)
{
	uint8_t buf[DECODE_MAX];
	const char *d1 = memchr(s, '.', len), *d2;
	long n;

	if (!d1)
		return 0;
	d2 = memchr(d1 + 1, '.', (size_t)(s + len - d1 - 1));
	if (!d2)
		return 0;
	n = b64(d1 + 1, (size_t)(d2 - d1 - 1), buf);
	return n > 0 && buf[0] == '{' && memmem(buf, (size_t)n, "1password", 9);
}

/* base64 of "tok:<id>:<n>:<n>" */
int check_intercom_token(const char *s, size_t len)
{
	uint8_t buf[DECODE_MAX];
	long n = b64(s, len, buf), i, colons = 0;

	if (n < 20 || memcmp(buf, "tok:", 4))
		return 0;
	for (i = 0; i < n; i++) {
		if (buf[i] == ':')
			colons++;
		else if (!isalnum(buf[i]) && buf[i] != '_' && buf[i] != '-')
			return 0;
	}
	return colons == 3;
}

/* base64 of "reftkn:01:<expiry>:<id>" */
int check_jfrog_reference_token(const char *s, size_t len)
{
	uint8_t buf[DECODE_MAX];
	long n = b64(s, len, buf), i = 10;

	if (n < 16 || memcmp(buf, "reftkn:01:", 10))
		return 0;
	while (i < n && isdigit(buf[i]))
		i++;
	return i > 10 && i < n && buf[i] == ':' && !templated(s, len);
}

/* sk.<base64url JSON naming its user>.<signature> */
int check_mapbox_secret_token(const char *s, size_t len)
{
	static const char *const keys[] = {"u", NULL};
	const char *dot = memchr(s + 3, '.', len - 3);

	return dot && b64_json_with(s + 3, (size_t)(dot - s - 3), keys);
}

/* Discord: the first part is the bot's snowflake id, in decimal, in base64. */
int check_discord_bot_token(const char *s, size_t len)
{
	uint8_t buf[64];
	const char *dot = memchr(s, '.', len);
	long n, i;

	if (!dot || dot - s > 40)
		return 0;
	n = ys_base64_decode(s, (size_t)(dot - s), buf);
	if (n < 17 || n > 20)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit(buf[i]))
			return 0;
	return check_random_token(dot + 1, (size_t)(s + len - dot - 1));
}

/* A value in the shape of a token whose format carries a checksum, whose checksum is wrong:
 * not a credential, so not a generic one either. */
int ys_failed_checksum(const char *s, size_t len)
{
	if (len == 40 && (starts(s, len, "npm_") ||
			  (s[0] == 'g' && s[1] == 'h' && strchr("pousr", s[2]) && s[2] && s[3] == '_')))
		return !ys_base62_crc32_ok(s, len);
	if (len == 46 && starts(s, len, "glsa_"))
		return !check_grafana_sa_token(s, len);
	if (starts(s, len, "pypi-Ag"))
		return !check_pypi_token(s, len) && !check_pypi_test_token(s, len);
	if (starts(s, len, "AGE-SECRET-KEY-"))
		return !ys_bech32_ok(s, len);
	if (starts(s, len, "glpat-") && memchr(s, '.', len))
		return !check_gitlab_token(s, len);
	return 0;
}

/* ---- published examples ---- */

/* Keys printed in the providers' own documentation and tools: public, not leaks. */
static int published(const char *s, size_t len, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (strlen(list[i]) == len && !memcmp(list[i], s, len))
			return 1;
	return 0;
}

int check_stripe_key(const char *s, size_t len)
{
	/* Stripe's documentation test keys */
	static const char *const docs[] = {"sk_test_4eC39HqLyjWDarjtT1zdp7dc",
					   "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
					   "sk_test_26PHem9AhJZvU623DfE1x4sd", NULL};

	return !published(s, len, docs) && check_random_token(s, len);
}

int check_supabase_secret(const char *s, size_t len)
{
	/* what `supabase start` prints for every local project */
	static const char *const local[] = {"sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz", NULL};

	return !published(s, len, local) && check_random_token(s, len);
}

/* ---- Azure keys ---- */

static const char *const azure_public_keys[] = {
	/* the storage emulator's (Azurite's) well-known account key */
	"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
	/* the Cosmos DB emulator's well-known key */
	"C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
	NULL,
};

static int decodes_to(const char *s, size_t len, long want)
{
	uint8_t buf[DECODE_MAX];

	return b64(s, len, buf) == want;
}

/* 88 characters of base64 that decode to 64 bytes, not an emulator's published key */
int check_azure_key64(const char *s, size_t len)
{
	return len == 88 && decodes_to(s, len, 64) && !published(s, len, azure_public_keys) &&
	       ys_secret_looks_random(s, len, 4.0) && !ys_secret_is_placeholder(s, len);
}

/* The named storage key row: identifiable keys (+ASt, ACDb at 76) have rows of their own. */
int check_azure_storage_key(const char *s, size_t len)
{
	if (len == 88 && (!memcmp(s + 76, "+ASt", 4) || !memcmp(s + 76, "ACDb", 4)))
		return 0;
	return check_azure_key64(s, len);
}

/* 44 characters of base64 that decode to 32 bytes (shared access keys and signatures) */
int check_azure_key32(const char *s, size_t len)
{
	return len == 44 && decodes_to(s, len, 32) && ys_secret_looks_random(s, len, 3.8) &&
	       !ys_secret_is_placeholder(s, len);
}

/* ---- age: bech32 ---- */

static uint32_t bech32_step(uint32_t chk, uint8_t v)
{
	static const uint32_t gen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
	uint32_t top = chk >> 25;
	int i;

	chk = ((chk & 0x1ffffff) << 5) ^ v;
	for (i = 0; i < 5; i++)
		if ((top >> i) & 1)
			chk ^= gen[i];
	return chk;
}

int ys_bech32_ok(const char *s, size_t len)
{
	static const char charset[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
	const char *sep = memrchr(s, '1', len);
	uint32_t chk = 1;
	size_t i, hrp;
	int lower = 0, upper = 0;

	if (!sep || sep == s || s + len - sep < 7)
		return 0;
	hrp = (size_t)(sep - s);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 33 || c > 126)
			return 0;
		lower |= islower(c) != 0;
		upper |= isupper(c) != 0;
	}
	if (lower && upper)
		return 0;
	for (i = 0; i < hrp; i++)
		chk = bech32_step(chk, (uint8_t)(tolower((unsigned char)s[i]) >> 5));
	chk = bech32_step(chk, 0);
	for (i = 0; i < hrp; i++)
		chk = bech32_step(chk, (uint8_t)(tolower((unsigned char)s[i]) & 31));
	for (i = hrp + 1; i < len; i++) {
		const char *p = strchr(charset, tolower((unsigned char)s[i]));

		if (!p || !s[i])
			return 0;
		chk = bech32_step(chk, (uint8_t)(p - charset));
	}
	return chk == 1;
}

/* AGE-SECRET-KEY-1 (or -PQ-1) and 58 characters: 32 bytes and a six-character checksum. */
int check_age_secret_key(const char *s, size_t len)
{
	const char *sep = memrchr(s, '1', len);

	/* the age specification's example */
	static const char *const spec[] = {
		"AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR", NULL};

	if (!sep || s + len - sep - 1 != 58 || templated(s, len) || published(s, len, spec))
		return 0;
	return ys_bech32_ok(s, len);
}

/* ---- OpenPGP: the armor's CRC-24 and the first packet ---- */

uint32_t ys_crc24(const uint8_t *p, size_t n)
{
	uint32_t crc = 0xb704ce;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		crc ^= (uint32_t)p[i] << 16;
		for (k = 0; k < 8; k++) {
			crc <<= 1;
			if (crc & 0x1000000)
				crc ^= 0x1864cfb;
		}
	}
	return crc & 0xffffff;
}

static const char *next_line(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl + 1 : end;
}

/* The text of [p, e) without a trailing CR. */
static size_t line_len(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t n = (size_t)((nl ? nl : end) - p);

	if (n && p[n - 1] == '\r')
		n--;
	return n;
}

int check_pgp_private_key(const char *s, size_t len)
{
	uint8_t body[16384 * 3 / 4 + 4];
	char b64text[16384];
	const char *p = next_line(s, s + len), *end = s + len;
	size_t n = 0, l;
	uint8_t sum[4];
	long blen, slen = -1;
	int header = 1;

	if (templated(s, len) || has_ci(s, len, "example"))
		return 0;
	for (; p < end; p = next_line(p, end)) {
		l = line_len(p, end);
		if (header) {
			/* "Version: ..." lines until the blank one */
			header = l > 0 && memchr(p, ':', l);
			if (header || l == 0)
				continue;
		}
		if (l >= 5 && !memcmp(p, "-----", 5))
			break;
		if (l == 5 && p[0] == '=') {
			slen = ys_base64_decode(p + 1, 4, sum);
			continue;
		}
		if (n + l > sizeof(b64text))
			return 0;
		memcpy(b64text + n, p, l);
		n += l;
	}
	if (n < 80 || (blen = ys_base64_decode(b64text, n, body)) < 40)
		return 0;
	if (slen == 3) {
		uint32_t crc = ys_crc24(body, (size_t)blen);

		if (sum[0] != (crc >> 16) || sum[1] != ((crc >> 8) & 0xff) || sum[2] != (crc & 0xff))
			return 0;
	}
	/* the first packet is a secret key: tag 5, in the old or the new packet format */
	if (!(body[0] & 0x80))
		return 0;
	return (body[0] & 0x40) ? (body[0] & 0x3f) == 5 : ((body[0] >> 2) & 0x0f) == 5;
}

/* ---- PuTTY: the header, the base64 sections, and the MAC when unencrypted ---- */

struct ppk {
	int version;
	const char *alg, *enc, *comment;
	size_t alg_len, enc_len, comment_len;
	uint8_t pub[8192], priv[8192];
	long pub_len, priv_len;
	char mac[65];
	size_t mac_len;
};

/* Reads "Name: value" at *p; returns the value and its length, or NULL. */
static const char *header_value(const char **p, const char *end, const char *name, size_t *vlen)
{
	size_t l = line_len(*p, end), nl = strlen(name);
	const char *v = *p + nl + 2;

	if (l < nl + 2 || memcmp(*p, name, nl) || (*p)[nl] != ':' || (*p)[nl + 1] != ' ')
		return NULL;
	*vlen = l - nl - 2;
	*p = next_line(*p, end);
	return v;
}

/* Reads "Name: <count>" and that many base64 lines. */
static long ppk_lines(const char **p, const char *end, const char *name, uint8_t *out,
		      size_t cap)
{
	char text[12000];
	size_t vlen, n = 0, l;
	const char *v = header_value(p, end, name, &vlen);
	long count = 0;

	if (!v || vlen == 0 || vlen > 4)
		return -1;
	while (vlen--) {
		if (!isdigit((unsigned char)*v))
			return -1;
		count = count * 10 + (*v++ - '0');
	}
	for (; count > 0; count--) {
		if (*p >= end)
			return -1;
		l = line_len(*p, end);
		if (n + l > sizeof(text) || n + l > cap * 4 / 3)
			return -1;
		memcpy(text + n, *p, l);
		n += l;
		*p = next_line(*p, end);
	}
	return ys_base64_decode(text, n, out);
}

static void ssh_string(uint8_t **w, const void *data, size_t n)
{
	(*w)[0] = (uint8_t)(n >> 24);
	(*w)[1] = (uint8_t)(n >> 16);
	(*w)[2] = (uint8_t)(n >> 8);
	(*w)[3] = (uint8_t)n;
	memcpy(*w + 4, data, n);
	*w += 4 + n;
}

static int ppk_mac_ok(const struct ppk *k)
{
	uint8_t data[sizeof(k->pub) + sizeof(k->priv) + 1024];
	uint8_t *w = data, mac[32], key[20];
	unsigned mlen = 0, i;
	char hex[65];

	if (k->alg_len + k->enc_len + k->comment_len > 900)
		return 0;
	ssh_string(&w, k->alg, k->alg_len);
	ssh_string(&w, k->enc, k->enc_len);
	ssh_string(&w, k->comment, k->comment_len);
	ssh_string(&w, k->pub, (size_t)k->pub_len);
	ssh_string(&w, k->priv, (size_t)k->priv_len);
	if (k->version == 2) {
		SHA1((const uint8_t *)"putty-private-key-file-mac-key", 30, key);
		HMAC(EVP_sha1(), key, 20, data, (size_t)(w - data), mac, &mlen);
	} else {
		HMAC(EVP_sha256(), "", 0, data, (size_t)(w - data), mac, &mlen);
	}
	for (i = 0; i < mlen; i++) {
		hex[2 * i] = "0123456789abcdef"[mac[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[mac[i] & 15];
	}
	return k->mac_len == 2 * mlen && !strncasecmp(hex, k->mac, k->mac_len);
}

int check_putty_private_key(const char *s, size_t len)
{
	struct ppk k;
	const char *p = s, *end = s + len, *v;
	size_t vlen;

	if (len < 40 || memcmp(s, "PuTTY-User-Key-File-", 20) || (s[20] != '2' && s[20] != '3') ||
	    s[21] != ':' || s[22] != ' ')
		return 0;
	memset(&k, 0, sizeof(k));
	k.version = s[20] - '0';
	k.alg = s + 23;
	k.alg_len = line_len(k.alg, end);
	p = next_line(s, end);
	if (!(k.enc = header_value(&p, end, "Encryption", &k.enc_len)) ||
	    !(k.comment = header_value(&p, end, "Comment", &k.comment_len)))
		return 0;
	if ((k.pub_len = ppk_lines(&p, end, "Public-Lines", k.pub, sizeof(k.pub))) < 16)
		return 0;
	/* an encrypted version 3 key names its key derivation between the two sections */
	while (p < end && line_len(p, end) > 0 && memcmp(p, "Private-Lines:", 14) &&
	       (!memcmp(p, "Key-Derivation:", 15) || !memcmp(p, "Argon2-", 7)))
		p = next_line(p, end);
	if ((k.priv_len = ppk_lines(&p, end, "Private-Lines", k.priv, sizeof(k.priv))) < 16)
		return 0;
	if (!(v = header_value(&p, end, "Private-MAC", &vlen)) || (vlen != 40 && vlen != 64))
		return 0;
	memcpy(k.mac, v, vlen);
	k.mac_len = vlen;
	/* with a passphrase the MAC cannot be checked; without one it must be right */
	if (k.enc_len == 4 && !memcmp(k.enc, "none", 4))
		return ppk_mac_ok(&k);
	return k.enc_len == 10 && !memcmp(k.enc, "aes256-cbc", 10);
}

/* ---- passwords in connection strings and URLs ---- */

/* Words a password made only of (and digits and symbols) is typed for a README. */
static const char *const weak_words[] = {
	"password", "passwd", "pass", "pwd", "pw", "secret", "secrets", "changeme", "change",
	"changeit", "letmein", "qwerty", "admin", "administrator", "root", "toor", "postgres",
	"postgresql", "pgsql", "mysql", "mariadb", "redis", "mongo", "mongodb", "rabbitmq", "rabbit",
	"guest", "test", "testing", "tiger", "scott", "user", "username", "demo", "default",
	"example", "sample", "foo", "bar", "baz", "qux", "foobar", "hunter", "dummy", "my", "your",
	"super", "top", "db", "app", "dev", "local", "the", "me", "it", "word", "sa", "oracle",
	"welcome", "hello", "world", "abc", "xyz", "xyzzy", "sql", "server", "login", "key",
	"mine", "some", "here", "a", "s", "p", "is", "to", "go", "on", "off", "yes", "no", "ok",
	"pa", "ss", "wd", "rd", "test123", "docker", "compose", "airflow", "keycloak", "grafana",
	"sonar", "jenkins", "gitea", "minio", "minioadmin", "elastic", "kibana", "mssql",
	"sqlserver", "strong", "stronger", "very", "long", NULL,
};

static int is_weak_word(const char *w, size_t n)
{
	size_t i;

	for (i = 0; weak_words[i]; i++)
		if (strlen(weak_words[i]) == n && !memcmp(weak_words[i], w, n))
			return 1;
	return 0;
}

/* Can the letters be cut into weak words only? */
static int weak_words_only(const char *w, size_t n)
{
	unsigned char ok[65] = {1};
	size_t i, j;

	if (n > 64)
		return 0;
	for (i = 1; i <= n; i++)
		for (j = 0; j < i && !ok[i]; j++)
			ok[i] = ok[j] && is_weak_word(w + j, i - j);
	return ok[n];
}

int ys_weak_password(const char *pw, size_t len)
{
	char w[65];
	size_t i, n = 0, end = len;

	if (len == 0 || templated(pw, len) || memchr(pw, '$', len) || memchr(pw, '{', len) ||
	    memchr(pw, '}', len) || has(pw, len, "**") || has(pw, len, "%s"))
		return 1;
	/* "Password123!": trailing digits and symbols add nothing a reader would not guess */
	while (end > 0 && !isalpha((unsigned char)pw[end - 1]))
		end--;
	for (i = 0; i < end && n < sizeof(w) - 1; i++) {
		static const char leet_from[] = "0134578@$!|", leet_to[] = "oieastbasil";
		char c = (char)tolower((unsigned char)pw[i]);
		const char *l = strchr(leet_from, c);

		if (l && c)
			c = leet_to[l - leet_from];
		if (c >= 'a' && c <= 'z')
			w[n++] = c;
	}
	return n == 0 || weak_words_only(w, n);
}

static int local_host(const char *h, size_t n)
{
	static const char *const exact[] = {
		"localhost", "localhost.localdomain", "0.0.0.0", "::1", "[::1]", "host",
		"hostname", "myhost", "yourhost", "somehost", "server", "servername", "myserver",
		"dbhost", "db-host", "db_host", "host.docker.internal", "domain", "domain.com",
		"mydomain.com", "yourdomain.com", "host.com", "server.com", "example", "example.com",
		"example.org", "example.net", "foo.com", "bar.com", "company.com", "mycompany.com",
		NULL,
	};
	static const char *const suffix[] = {".example", ".example.com", ".example.org",
					     ".example.net", ".test", ".invalid", ".localhost",
					     ".local", ".localdomain", NULL};
	size_t i;

	if (n == 0 || templated(h, n) || memchr(h, '$', n) || memchr(h, '{', n) || memchr(h, '%', n))
		return 1;
	if (n >= 4 && !memcmp(h, "127.", 4))
		return 1;
	for (i = 0; exact[i]; i++)
		if (strlen(exact[i]) == n && !strncasecmp(exact[i], h, n))
			return 1;
	for (i = 0; suffix[i]; i++) {
		size_t sl = strlen(suffix[i]);

		if (n > sl && !strncasecmp(h + n - sl, suffix[i], sl))
			return 1;
	}
	return has_ci(h, n, "your") || has_ci(h, n, "placeholder");
}

/* The policy for a password to a host (see docs/cmd/secrets.md, "Connection strings"). */
static int strong_password(const char *user, size_t ulen, const char *pw, size_t plen,
			   int dotless_host)
{
	char dec[257];
	size_t n;

	if (plen > 256 || templated(pw, plen) || templated(user, ulen))
		return 0;
	n = ys_percent_decode(pw, plen, dec, 0);
	if (n < 8 || (n == ulen && !strncasecmp(dec, user, n)) || ys_weak_password(dec, n))
		return 0;
	if (classes(dec, n) < 2 || ys_entropy(dec, n) < 2.5 || monotonic_run(dec, n, 6) ||
	    ys_secret_is_placeholder(dec, n))
		return 0;
	/* a service name on a private network (docker-compose's "db"): local defaults abound */
	if (dotless_host && (n < 12 || ys_entropy(dec, n) < 3.0))
		return 0;
	return 1;
}

/* A provider's token, used as a URL's user or password, is reported by the provider's row;
 * GitHub's "x-oauth-basic" stands beside one. */
static int provider_token(const char *s, size_t len)
{
	static const char *const prefixes[] = {
		"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "gldt-", "glrt-",
		"glptt-", "glcbt-", "glft-", "gloas-", "glsoat-", "glagent-", "npm_", "pypi-",
		"ATBB", "ATATT3", "ATCTT3", "dckr_pat_", "dckr_oat_", "AKCp", "cmVmdGtuOjAxOj",
		"hf_", "x-oauth-basic", "x-access-token", "sk-", "sk_live_", "sk_test_",
		"rk_live_", "rk_test_", "oy2", "rubygems_", "dop_v1_", "sbp_", NULL,
	};
	size_t i;

	for (i = 0; prefixes[i]; i++)
		if (starts(s, len, prefixes[i]))
			return 1;
	return 0;
}

/* "user:password@host" (the user may be empty, as in redis://:password@host). */
static int url_credential(const char *s, size_t len, int http)
{
	const char *colon = memchr(s, ':', len), *at = memrchr(s, '@', len), *h;
	size_t hlen;
	int dotless;

	if (!colon || !at || at < colon)
		return 0;
	h = at + 1;
	hlen = (size_t)(s + len - h);
	if (local_host(h, hlen))
		return 0;
	dotless = !memchr(h, '.', hlen) && h[0] != '[';
	if (http && (provider_token(s, (size_t)(colon - s)) ||
		     provider_token(colon + 1, (size_t)(at - colon - 1))))
		return 0;
	return strong_password(s, (size_t)(colon - s), colon + 1, (size_t)(at - colon - 1), dotless);
}

int check_url_credential(const char *s, size_t len)
{
	return url_credential(s, len, 0);
}

int check_http_credential(const char *s, size_t len)
{
	return url_credential(s, len, 1);
}

/* A Password= or password= value of a connection string, the host checked by the row. */
int check_conn_password(const char *s, size_t len)
{
	return strong_password("", 0, s, len, 0);
}
