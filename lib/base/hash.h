/* hash.h: SHA-256 and HMAC-SHA-256 through OpenSSL, with hex output */
#ifndef YS_HASH_H
#define YS_HASH_H

#include <stddef.h>
#include <stdint.h>

#define YS_SHA256_LEN 32
#define YS_SHA256_HEX 65

void ys_sha256(const void *data, size_t len, uint8_t out[YS_SHA256_LEN]);
void ys_sha256_hex(const void *data, size_t len, char out[YS_SHA256_HEX]);
void ys_hmac_sha256(const void *key, size_t klen, const void *data, size_t len,
		    uint8_t out[YS_SHA256_LEN]);
/* FNV-1a, for hash tables in memory (not for anything an attacker may aim at): start from
 * YS_FNV_SEED and mix in strings (without their NUL) and words. */
#define YS_FNV_SEED 1469598103934665603ULL
static inline uint64_t ys_fnv_word(uint64_t h, uint64_t w)
{
	return (h ^ w) * 1099511628211ULL;
}
static inline uint64_t ys_fnv_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = ys_fnv_word(h, (unsigned char)*s);
	return h;
}
/* Writes 2*len lower-case hex digits and a NUL. */
void ys_hex(const uint8_t *in, size_t len, char *out);

#endif
