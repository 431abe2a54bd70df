/* ranges.h: AWS's own address ranges (ip-ranges.json, a copy compiled in or a newer file), and
 * which source addresses count as inside AWS */
#ifndef YS_DETECT_RANGES_H
#define YS_DETECT_RANGES_H

#include <stdint.h>
#include "../base/cidr.h"
#include "../base/err.h"

struct ys_aws_ranges {
	struct ys_cidrset set;
	int64_t created;  /* the file's createDate, or -1 when it names none */
	char source[512]; /* "built in" or the file's path */
};

/* The copy compiled in (data/aws-ip-ranges.tsv, from shared/data/aws-ip-ranges). */
int ys_aws_ranges_builtin(struct ys_aws_ranges *r, struct ys_error *err);
/* AWS's ip-ranges.json (prefixes[].ip_prefix, ipv6_prefixes[].ipv6_prefix, createDate). */
int ys_aws_ranges_load(struct ys_aws_ranges *r, const char *path, struct ys_error *err);
void ys_aws_ranges_release(struct ys_aws_ranges *r);
/* "2026-08-22 (built in)" */
void ys_aws_ranges_describe(const struct ys_aws_ranges *r, char *out, size_t n);

/* Addresses that never leave a network AWS runs or the caller's own: private (RFC 1918, RFC
 * 6598's shared space, IPv6 unique local), loopback and link-local. */
int ys_addr_is_internal(const struct ys_addr *a);

#endif
