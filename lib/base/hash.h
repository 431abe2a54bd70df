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
/* Writes 2*len lower-case hex digits and a NUL. */
void ys_hex(const uint8_t *in, size_t len, char *out);

#endif
