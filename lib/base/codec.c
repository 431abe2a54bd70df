/* codec.c: base64, base32 and percent decoding; entropy */
#include <math.h>
#include <string.h>
#include "codec.h"
#include "../banned.h"

static int b64val(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

long ys_base64_decode(const char *in, size_t len, uint8_t *out)
{
	uint32_t acc = 0;
	int bits = 0;
	size_t i, n = 0;

	while (len > 0 && in[len - 1] == '=')
		len--;
	if (len % 4 == 1)
		return -1;
	for (i = 0; i < len; i++) {
		int v = b64val((unsigned char)in[i]);

		if (v < 0)
			return -1;
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (uint8_t)(acc >> bits);
		}
	}
	return (long)n;
}

long ys_base32_decode(const char *in, size_t len, uint8_t *out)
{
	uint64_t acc = 0;
	int bits = 0;
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		int v;

		if (c >= 'A' && c <= 'Z')
			v = c - 'A';
		else if (c >= '2' && c <= '7')
			v = c - '2' + 26;
		else if (c == '=')
			break;
		else
			return -1;
		acc = (acc << 5) | (uint64_t)v;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (uint8_t)(acc >> bits);
		}
	}
	return (long)n;
}

int ys_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int ys_hex4(const char *p)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		int d = ys_hexval((unsigned char)p[i]);

		if (d < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

size_t ys_percent_decode(const char *in, size_t len, char *out, int plus_space)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (in[i] == '%' && i + 2 < len &&
		    ys_hexval((unsigned char)in[i + 1]) >= 0 && ys_hexval((unsigned char)in[i + 2]) >= 0) {
			out[n++] = (char)(ys_hexval((unsigned char)in[i + 1]) * 16 +
					  ys_hexval((unsigned char)in[i + 2]));
			i += 2;
		} else if (plus_space && in[i] == '+') {
			out[n++] = ' ';
		} else {
			out[n++] = in[i];
		}
	}
	return n;
}

double ys_entropy(const char *s, size_t len)
{
	size_t counts[256];
	double h = 0;
	size_t i;

	if (len == 0)
		return 0;
	memset(counts, 0, sizeof(counts));
	for (i = 0; i < len; i++)
		counts[(unsigned char)s[i]]++;
	for (i = 0; i < 256; i++) {
		if (counts[i]) {
			double p = (double)counts[i] / (double)len;

			h -= p * log2(p);
		}
	}
	return h;
}
