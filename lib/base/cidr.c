/* cidr.c: address parsing and range sets for "is this address in those networks" */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cidr.h"
#include "err.h"
#include "grow.h"
#include "../banned.h"

static const uint8_t v4_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

int ys_addr_parse(const char *s, struct ys_addr *a)
{
	struct in_addr v4;

	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, &v4) == 1) {
		memcpy(a->b, v4_prefix, 12);
		memcpy(a->b + 12, &v4, 4);
		return 0;
	}
	return inet_pton(AF_INET6, s, a->b) == 1 ? 0 : -1;
}

int ys_addr_is_v4(const struct ys_addr *a)
{
	return !memcmp(a->b, v4_prefix, 12);
}

static char *put_u8(char *p, unsigned v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

void ys_addr_network(const struct ys_addr *a, char *out, size_t n)
{
	if (ys_addr_is_v4(a)) { /* hot: no printf */
		char *p;

		if (n < sizeof("255.255.0.0/16")) {
			if (n)
				*out = 0;
			return;
		}
		p = put_u8(out, a->b[12]);
		*p++ = '.';
		p = put_u8(p, a->b[13]);
		memcpy(p, ".0.0/16", sizeof(".0.0/16"));
	} else
		snprintf(out, n, "%x:%x::/32", a->b[0] << 8 | a->b[1], a->b[2] << 8 | a->b[3]);
}

void ys_cidrset_init(struct ys_cidrset *s)
{
	memset(s, 0, sizeof(*s));
}

void ys_cidrset_release(struct ys_cidrset *s)
{
	free(s->r);
	ys_cidrset_init(s);
}

int ys_cidrset_add(struct ys_cidrset *s, const char *cidr)
{
	char addr[64];
	const char *slash = strchr(cidr, '/');
	size_t alen = slash ? (size_t)(slash - cidr) : strlen(cidr);
	struct ys_cidr_range r;
	long bits;
	int i;

	if (alen == 0 || alen >= sizeof(addr))
		return YS_EPARSE;
	memcpy(addr, cidr, alen);
	addr[alen] = 0;
	if (ys_addr_parse(addr, &r.lo))
		return YS_EPARSE;
	bits = 128;
	if (slash) {
		char *end;

		bits = strtol(slash + 1, &end, 10);
		if (end == slash + 1 || *end || bits < 0 || bits > (strchr(addr, ':') ? 128 : 32))
			return YS_EPARSE;
		if (!strchr(addr, ':'))
			bits += 96;
	}
	r.hi = r.lo;
	for (i = 0; i < 128; i++) {
		uint8_t bit = (uint8_t)(0x80 >> (i % 8));

		if (i >= bits) {
			r.lo.b[i / 8] &= (uint8_t)~bit;
			r.hi.b[i / 8] |= bit;
		}
	}
	if (ys_grow(&s->r, &s->cap, s->n, sizeof(*s->r), 64))
		return YS_ENOMEM;
	s->r[s->n++] = r;
	s->sorted = 0;
	return 0;
}

static int by_lo(const void *a, const void *b)
{
	return memcmp(((const struct ys_cidr_range *)a)->lo.b,
		      ((const struct ys_cidr_range *)b)->lo.b, 16);
}

void ys_cidrset_seal(struct ys_cidrset *s)
{
	size_t i, k = 0;

	if (s->n)
		qsort(s->r, s->n, sizeof(*s->r), by_lo);
	for (i = 0; i < s->n; i++) {
		/* ranges that overlap the one before are folded into it */
		if (k && memcmp(s->r[i].lo.b, s->r[k - 1].hi.b, 16) <= 0) {
			if (memcmp(s->r[i].hi.b, s->r[k - 1].hi.b, 16) > 0)
				s->r[k - 1].hi = s->r[i].hi;
			continue;
		}
		s->r[k++] = s->r[i];
	}
	s->n = k;
	s->sorted = 1;
}

int ys_cidrset_has(const struct ys_cidrset *s, const struct ys_addr *a)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) { /* the last range whose start is at or below a */
		size_t mid = lo + (hi - lo) / 2;

		if (memcmp(s->r[mid].lo.b, a->b, 16) <= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && memcmp(a->b, s->r[lo - 1].hi.b, 16) <= 0;
}
