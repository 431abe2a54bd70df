/* hash.c: SHA-256 and HMAC-SHA-256 through OpenSSL */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <pthread.h>
#include "hash.h"
#include "../banned.h"

void ys_hex(const uint8_t *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 15];
	}
	out[2 * len] = '\0';
}

static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

/* The implementation fetched once: looking it up by name on every call (as EVP_sha256() with
 * OpenSSL 3 does) costs more than hashing an alert's few hundred bytes. */
static void fetch_sha256(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

void ys_sha256(const void *data, size_t len, uint8_t out[YS_SHA256_LEN])
{
	unsigned int n = YS_SHA256_LEN;

	pthread_once(&sha256_once, fetch_sha256);
	EVP_Digest(data, len, out, &n, sha256_md ? sha256_md : EVP_sha256(), NULL);
}

void ys_sha256_hex(const void *data, size_t len, char out[YS_SHA256_HEX])
{
	uint8_t d[YS_SHA256_LEN];

	ys_sha256(data, len, d);
	ys_hex(d, sizeof(d), out);
}

void ys_hmac_sha256(const void *key, size_t klen, const void *data, size_t len,
		    uint8_t out[YS_SHA256_LEN])
{
	unsigned int n = YS_SHA256_LEN;

	HMAC(EVP_sha256(), key, (int)klen, data, len, out, &n);
}
