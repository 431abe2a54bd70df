/* codec.h: small decoders for scanned text: base64, base32, percent-encoding; Shannon entropy */
#ifndef YS_CODEC_H
#define YS_CODEC_H

#include <stddef.h>
#include <stdint.h>

/* Decodes standard or URL-safe base64 (padding optional) into out (at least len*3/4+3 bytes).
 * Returns the decoded length, or -1 when the input is not base64. */
long ys_base64_decode(const char *in, size_t len, uint8_t *out);
/* Decodes RFC 4648 base32 (upper-case, no padding needed). Returns length or -1. */
long ys_base32_decode(const char *in, size_t len, uint8_t *out);
/* Decodes %XX escapes (and '+' as space when plus_space); out needs len bytes. Returns length. */
size_t ys_percent_decode(const char *in, size_t len, char *out, int plus_space);
/* The value of one hex digit, or -1. */
int ys_hexval(int c);
/* The value of four hex digits (a JSON \u escape), or -1. */
int ys_hex4(const char *p);
/* Shannon entropy in bits per byte. */
double ys_entropy(const char *s, size_t len);

#endif
