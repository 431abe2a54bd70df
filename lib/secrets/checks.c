/* checks.c: validators that tell a real secret from an example, a placeholder or a digest */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "../base/codec.h"
#include "checksums.h"
#include "rules.h"
#include "../banned.h"

static int contains(const char *s, size_t len, const char *needle)
{
	return memmem(s, len, needle, strlen(needle)) != NULL;
}

static int contains_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i, j;

	for (i = 0; i + n <= len; i++) {
		for (j = 0; j < n; j++) {
			char c = s[i + j];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != needle[j])
				break;
		}
		if (j == n)
			return 1;
	}
	return 0;
}

static size_t longest_run(const char *s, size_t len)
{
	size_t best = 0, run = 0, i;

	for (i = 0; i < len; i++) {
		run = (i > 0 && s[i] == s[i - 1]) ? run + 1 : 1;
		if (run > best)
			best = run;
	}
	return best;
}

int ys_secret_is_placeholder(const char *s, size_t len)
{
	static const char *const markers[] = {"${", "{{", "}}", "<", ">", "$(", "%s", "%(", "...",
					      "\xe2\x80\xa6"};
	static const char *const words[] = {"example", "placeholder", "changeme", "dummy",
					     "redacted", "your_", "your-", "yourkey", "xxxx",
					     "sample", "abcdefgh", "12345678", "replace_me", "insert"};
	size_t i;

	if (contains(s, len, "EXAMPLE"))
		return 1;
	for (i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		if (contains(s, len, markers[i]))
			return 1;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (contains_ci(s, len, words[i]))
			return 1;
	if (longest_run(s, len) >= 6)
		return 1;
	return 0;
}

int ys_secret_looks_random(const char *s, size_t len, double min_entropy)
{
	int lower = 0, upper = 0, digit = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		lower |= (c >= 'a' && c <= 'z');
		upper |= (c >= 'A' && c <= 'Z');
		digit |= (c >= '0' && c <= '9');
	}
	if (lower + upper + digit < 2)
		return 0;
	return ys_entropy(s, len) >= min_entropy;
}

/* The documented method: base32-decode the ten characters after the prefix; the account id is
 * bits 7..46 of the first six bytes. Returns 0 and writes 12 digits, or -1. */
int ys_aws_account_from_key_id(const char *key_id, size_t len, char out[13])
{
	uint8_t b[16];
	uint64_t z = 0;
	int i;

	if (len != 20 || ys_base32_decode(key_id + 4, 16, b) != 10)
		return -1;
	for (i = 0; i < 6; i++)
		z = (z << 8) | b[i];
	z = (z & 0x7fffffffff80ULL) >> 7;
	if (z > 999999999999ULL)
		return -1;
	snprintf(out, 13, "%012llu", (unsigned long long)(z % 1000000000000ULL));
	return 0;
}

int check_not_placeholder(const char *s, size_t len);
int check_aws_key_id(const char *s, size_t len);
int check_aws_secret(const char *s, size_t len);
int check_high_entropy(const char *s, size_t len);
int check_private_key(const char *s, size_t len);
int check_generic(const char *s, size_t len);

int check_not_placeholder(const char *s, size_t len)
{
	return !ys_secret_is_placeholder(s, len);
}

int check_aws_key_id(const char *s, size_t len)
{
	return !ys_secret_is_placeholder(s, len);
}

int check_aws_secret(const char *s, size_t len)
{
	return !ys_secret_is_placeholder(s, len) && ys_secret_looks_random(s, len, 3.8);
}

int check_high_entropy(const char *s, size_t len)
{
	return !ys_secret_is_placeholder(s, len) && ys_secret_looks_random(s, len, 4.0);
}

/* A real key has a body of base64 lines (in a file, or in a string with escaped newlines);
 * documentation shows "..." and a MIME table shows only the header. */
int check_private_key(const char *s, size_t len)
{
	size_t i, run = 0, long_runs = 0;
	const char *p = memchr(s, '\n', len);

	if (!p)
		return 0;
	if (contains(s, len, "...") || contains_ci(s, len, "example"))
		return 0;
	for (i = (size_t)(p - s); i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '+' || c == '/') {
			if (++run == 40)
				long_runs++;
		} else {
			run = 0;
		}
	}
	return long_runs >= 2;
}

static int all_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return 0;
	}
	return 1;
}

/* Identifiers are made of words: their lower-case runs are long ("SeCreateTokenPrivilege":
 * 4.8 on average), where a random mix of cases gives runs of about two. */
static int wordy(const char *s, size_t len)
{
	size_t i, runs = 0, lowers = 0;

	for (i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z') {
			lowers++;
			if (i == 0 || !(s[i - 1] >= 'a' && s[i - 1] <= 'z'))
				runs++;
		}
	}
	return runs > 0 && lowers >= 3 * runs;
}

/* Identifiers and code are not secrets: a value must hold a digit, or mix both cases without
 * reading as words ("SeCreateTokenPrivilege", "android.permission.X" and "+Escape(x)+" are
 * not secrets). */
static int secret_shaped(const char *s, size_t len)
{
	int digit = 0, lower = 0, upper = 0;
	size_t i;

	if (strchr("+,;(", s[0]) || strchr("+,;(", s[len - 1]))
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '(' || c == ')')
			return 0;
		if (c >= '0' && c <= '9')
			digit = 1;
		else if (c >= 'a' && c <= 'z')
			lower = 1;
		else if (c >= 'A' && c <= 'Z')
			upper = 1;
	}
	if (digit)
		return 1;
	return lower && upper && !wordy(s, len);
}

/* Conservative: random-looking, no digest, no path, no code reference, no placeholder. */
int check_generic(const char *s, size_t len)
{
	static const char *const code[] = {"process.env", "os.environ", "getenv", "config.",
					   "settings.", "self.", "this.", "params[", "vault:"};
	size_t i;

	if (ys_secret_is_placeholder(s, len) || all_hex(s, len))
		return 0;
	if (s[0] == '/' || s[0] == '.' || s[0] == '$' || s[0] == '@' || contains(s, len, "://"))
		return 0;
	/* where the secret is kept, not the secret: an ARN (Secrets Manager, SSM), a
	 * CloudFormation dynamic reference, an Azure Key Vault reference */
	if ((len > 4 && !memcmp(s, "arn:", 4)) || contains(s, len, "{{resolve:") ||
	    contains_ci(s, len, "@microsoft.keyvault("))
		return 0;
	for (i = 0; i < sizeof(code) / sizeof(code[0]); i++)
		if (contains_ci(s, len, code[i]))
			return 0;
	if (contains_ci(s, len, "sha256-") || contains_ci(s, len, "sha512-") ||
	    contains_ci(s, len, "sha1-"))
		return 0;
	if (!secret_shaped(s, len) || ys_failed_checksum(s, len))
		return 0;
	return ys_secret_looks_random(s, len, 3.5);
}

const char *const ys_secret_b64_words[] = {
	"AKIA", "ASIA", "ABIA", "ACCA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_",
	"glpat-", "gldt-", "xoxb-", "xoxp-", "xoxa-", "xoxr-", "hooks.slack.com", "sk_live_",
	"sk_test_", "rk_live_", "AIza", "AccountKey", "-----BEGIN", "PRIVATE KEY",
	"aws_", "AWS_", "secret", "Secret", "SECRET", "password", "Password", "PASSWORD",
	"token", "Token", "TOKEN", "api_key", "API_KEY", "apiKey", NULL,
};

size_t ys_b64_fragment(const char *word, int align, char *out)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(word), bits = 8 * ((size_t)align + n), i, k = 0;
	size_t first = (8 * (size_t)align + 5) / 6, last = bits / 6; /* chars [first, last) */

	for (i = first; i < last; i++) {
		size_t bit = 6 * i, v = 0, b;

		/* the six bits of char i, from the padded text */
		for (b = bit; b < bit + 6; b++) {
			size_t byte = b / 8;
			unsigned char c = byte < (size_t)align ? 0 : (unsigned char)word[byte - align];

			v = (v << 1) | ((c >> (7 - b % 8)) & 1);
		}
		out[k++] = digits[v];
	}
	out[k] = '\0';
	return k;
}

const struct ys_secret_rule ys_secret_rules[YS_RULE_COUNT] = {
#define YS_RULE(tag, id, title, sev, trig, tflags, re, kind, chk, revoke)                           \
	{id, title, sev, trig, tflags, re, YS_KIND_##kind, chk, revoke, NULL},
#include "rules.def"
#undef YS_RULE
};
