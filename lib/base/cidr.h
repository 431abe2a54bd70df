/* cidr.h: sets of IPv4 and IPv6 address ranges (CIDR blocks), merged and searched by bisection */
#ifndef YS_BASE_CIDR_H
#define YS_BASE_CIDR_H

#include <stddef.h>
#include <stdint.h>

/* An address as 16 bytes, IPv4 mapped into ::ffff:0:0/96. */
struct ys_addr {
	uint8_t b[16];
};

struct ys_cidr_range {
	struct ys_addr lo, hi;
};

struct ys_cidrset {
	struct ys_cidr_range *r;
	size_t n, cap;
	int sorted;
};

/* "192.0.2.7" or "2001:db8::1": 0, or -1 when s is not an address. */
int ys_addr_parse(const char *s, struct ys_addr *a);
int ys_addr_is_v4(const struct ys_addr *a);
/* The network of an address as text: IPv4 /16 as "192.0.0.0/16", IPv6 /32. */
void ys_addr_network(const struct ys_addr *a, char *out, size_t n);

void ys_cidrset_init(struct ys_cidrset *s);
void ys_cidrset_release(struct ys_cidrset *s);
/* "192.0.2.0/24", "2001:db8::/32" or a bare address: 0, YS_EPARSE when malformed, YS_ENOMEM. */
int ys_cidrset_add(struct ys_cidrset *s, const char *cidr);
/* Sorts and merges; ys_cidrset_has needs it after the last add. */
void ys_cidrset_seal(struct ys_cidrset *s);
int ys_cidrset_has(const struct ys_cidrset *s, const struct ys_addr *a);

#endif
