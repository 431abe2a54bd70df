/* glob.h: IAM's wildcard matching: '*' any run, '?' one character; for actions (any case),
 * Resource ARNs (a '*' inside an ARN segment stays in it) and ArnLike (segment by segment) */
#ifndef YS_IAM_GLOB_H
#define YS_IAM_GLOB_H

enum {
	YS_GLOB_ICASE = 1,   /* letters match in either case (actions, ...IgnoreCase) */
	YS_GLOB_ESC = 2,     /* '\' makes the next character literal (expanded policy variables) */
	YS_GLOB_SEGMENT = 4, /* Resource ARNs: a '*' or '?' never matches ':', except a '*' that
			      * ends a segment (before ':' or at the end) */
};

#include <stddef.h>
#include <string.h>

/* Whether value matches pattern. */
int ys_glob(const char *pattern, const char *value, int flags);
/* The same over lengths (neither needs a NUL). */
int ys_glob_range(const char *p, size_t plen, const char *v, size_t vlen, int flags);

/* A pattern ready to match often: its length, and how much of it comes before the first
 * wildcard (compared with memcmp, so most values are turned away in a few bytes). */
struct ys_pat {
	const char *s;
	size_t len, lit;
};

void ys_pat_init(struct ys_pat *p, const char *s);

/* Whether value (of vlen bytes) matches; flags as ys_glob's, without YS_GLOB_ESC and, since
 * the literal part compares exactly, without YS_GLOB_ICASE (lower-case both sides first). */
static inline int ys_pat_match(const struct ys_pat *p, const char *v, size_t vlen, int flags)
{
	if (p->lit == p->len)
		return vlen == p->len && !memcmp(p->s, v, vlen);
	if (vlen < p->lit || memcmp(p->s, v, p->lit))
		return 0;
	return ys_glob_range(p->s + p->lit, p->len - p->lit, v + p->lit, vlen - p->lit, flags);
}

/* ArnLike / ArnEquals: the six colon-separated parts (the last keeps its colons) compared one
 * by one; a value of fewer parts never matches, and neither does a pattern of fewer unless it
 * is "*". */
int ys_arn_like(const char *pattern, const char *value, int flags);

/* s in lower case into out[n] (cut to fit): actions compare that way. */
void ys_lower(const char *s, char *out, size_t n);

/* Whether s holds a wildcard ('*' or '?'). */
int ys_has_wild(const char *s);

#endif
