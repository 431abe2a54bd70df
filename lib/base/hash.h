/* hash.h: SHA-256 and HMAC-SHA-256 through OpenSSL, with hex output */
#ifndef YS_HASH_H
#define YS_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define YS_SHA256_LEN 32
#define YS_SHA256_HEX 65

void ys_sha256(const void *data, size_t len, uint8_t out[YS_SHA256_LEN]);
void ys_sha256_hex(const void *data, size_t len, char out[YS_SHA256_HEX]);
void ys_hmac_sha256(const void *key, size_t klen, const void *data, size_t len,
		    uint8_t out[YS_SHA256_LEN]);
/* A multiply-xorshift hash, eight bytes a step, for hash tables in memory (not for anything an
 * attacker may aim at): start from YS_HASH_SEED and mix in words, bytes and strings. */
#define YS_HASH_SEED 0x9e3779b97f4a7c15ULL
static inline uint64_t ys_hash_word(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 31);
}
static inline uint64_t ys_hash_mem(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t w = 0;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = ys_hash_word(h, w);
	}
	w = 0;
	memcpy(&w, s, n);
	return ys_hash_word(h, w ^ (uint64_t)n << 59);
}
static inline uint64_t ys_hash_str(uint64_t h, const char *s)
{
	return ys_hash_mem(h, s, strlen(s));
}
/* Writes 2*len lower-case hex digits and a NUL. */
void ys_hex(const uint8_t *in, size_t len, char *out);

#endif
