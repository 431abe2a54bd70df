/* cond.h: a policy statement's Condition block, compiled once (operators looked up, numbers,
 * dates, addresses and binary values decoded) and evaluated against a request's context */
#ifndef YS_IAM_COND_H
#define YS_IAM_COND_H

#include <stddef.h>
#include "context.h"
#include "../base/arena.h"
#include "../base/cidr.h"
#include "../base/err.h"
#include "../json/jread.h"

enum ys_cop {
	YS_COP_STR_EQ, YS_COP_STR_LIKE, YS_COP_NUM_EQ, YS_COP_NUM_LT, YS_COP_NUM_LE, YS_COP_NUM_GT,
	YS_COP_NUM_GE, YS_COP_DATE_EQ, YS_COP_DATE_LT, YS_COP_DATE_LE, YS_COP_DATE_GT,
	YS_COP_DATE_GE, YS_COP_BOOL, YS_COP_BINARY, YS_COP_IP, YS_COP_ARN, YS_COP_NULL,
};

enum ys_cset { YS_CSET_NONE, YS_CSET_ALL, YS_CSET_ANY };

/* one operator on one key: "StringLike": {"s3:prefix": ["home/", "home/${aws:username}/..."]} */
struct ys_cterm {
	enum ys_cop op;
	enum ys_cset set;  /* ForAllValues: / ForAnyValue: */
	unsigned char neg; /* StringNotEquals, NotIpAddress, ... */
	unsigned char icase, ifexists;
	unsigned char multikey; /* the key is multivalued (catalog.h) */
	const char *opname; /* as written */
	const char *key;
	const char **vals;	 /* as text */
	unsigned char *hasvar;	 /* vals[i] holds ${...} (and the policy's Version allows it) */
	double *nums;		 /* numeric and date operators: the values (NaN: unreadable) */
	unsigned char **bins;	 /* BinaryEquals: decoded values */
	size_t *binlen;
	struct ys_cidrset ips;	 /* IpAddress */
	size_t nvals;
};

/* Compiles a Condition object into *out (in arena a). vars: the policy's Version allows
 * variables. An unknown operator, a key without values, or a value that is not a string,
 * number or boolean gives YS_EPARSE with the reason. */
int ys_cond_compile(const struct ys_jval *cond, int vars, struct ys_arena *a,
		    struct ys_cterm **out, size_t *n, struct ys_error *err);
/* Frees what the arena does not hold (address sets). */
void ys_cond_release(struct ys_cterm *t, size_t n);

/* Whether every term holds for the context. */
int ys_cond_eval(const struct ys_cterm *t, size_t n, const struct ys_ctx *ctx);
/* Whether one term holds. */
int ys_cterm_eval(const struct ys_cterm *t, const struct ys_ctx *ctx);

/* A condition or context value as text (copied into a): strings as they are, integral numbers
 * without a fraction, booleans as true and false; NULL for other types or without memory. */
const char *ys_cond_text(const struct ys_jval *v, struct ys_arena *a);

/* A condition date: ISO 8601 (a date alone is its midnight UTC) or seconds since 1970; NaN when
 * unreadable. */
double ys_cond_date(const char *s);

#endif
