/* context.h: a request's context keys (aws:SourceIp, aws:PrincipalTag/team, s3:prefix, ...),
 * each with one value or a list; and the policy variables (${aws:username}) drawn from them */
#ifndef YS_IAM_CONTEXT_H
#define YS_IAM_CONTEXT_H

#include <stddef.h>

struct ys_ckey {
	const char *key;
	const char *const *vals;
	size_t n;
	int multi; /* given as a list */
};

/* The keys a request carries, then those derived from its principal (aws:PrincipalArn, ...),
 * which count only where the request does not give them. */
struct ys_ctx {
	const struct ys_ckey *k;
	size_t n;
	const struct ys_ckey *derived;
	size_t nderived;
};

/* The key (names compare in any case), or NULL. */
const struct ys_ckey *ys_ctx_get(const struct ys_ctx *c, const char *key);

/* Expands the policy variables of s: ${key}, ${key, 'default'}, and ${*} ${?} ${$} for those
 * characters. With esc, what a variable gives is written with '\' before '*', '?' and '\', so
 * it matches literally (YS_GLOB_ESC), and so is a '\' of s. Returns the length written to
 * out[n], or -1 when a key is absent (no default), has several values, or out is too small:
 * then the value can match nothing. */
long ys_vars_expand(const char *s, const struct ys_ctx *ctx, int esc, char *out, size_t n);

#endif
