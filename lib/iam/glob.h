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

/* Whether value matches pattern. */
int ys_glob(const char *pattern, const char *value, int flags);

/* ArnLike / ArnEquals: the six colon-separated parts (the last keeps its colons) compared one
 * by one; a value of fewer parts never matches, and neither does a pattern of fewer unless it
 * is "*". */
int ys_arn_like(const char *pattern, const char *value, int flags);

/* Whether s holds a wildcard ('*' or '?'). */
int ys_has_wild(const char *s);

#endif
