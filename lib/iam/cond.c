/* cond.c: compiling and evaluating Condition blocks: every operator of IAM's reference, with
 * ...IfExists, ForAllValues: and ForAnyValue:, multi-valued keys, and variables in values */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "cond.h"
#include "catalog.h"
#include "glob.h"
#include "../base/codec.h"
#include "../base/isotime.h"
#include "../banned.h"

static const struct opdef {
	const char *name;
	enum ys_cop op;
	unsigned char neg, icase;
} ops[] = {
	{"StringEquals", YS_COP_STR_EQ, 0, 0},
	{"StringNotEquals", YS_COP_STR_EQ, 1, 0},
	{"StringEqualsIgnoreCase", YS_COP_STR_EQ, 0, 1},
	{"StringNotEqualsIgnoreCase", YS_COP_STR_EQ, 1, 1},
	{"StringLike", YS_COP_STR_LIKE, 0, 0},
	{"StringNotLike", YS_COP_STR_LIKE, 1, 0},
	{"NumericEquals", YS_COP_NUM_EQ, 0, 0},
	{"NumericNotEquals", YS_COP_NUM_EQ, 1, 0},
	{"NumericLessThan", YS_COP_NUM_LT, 0, 0},
	{"NumericLessThanEquals", YS_COP_NUM_LE, 0, 0},
	{"NumericGreaterThan", YS_COP_NUM_GT, 0, 0},
	{"NumericGreaterThanEquals", YS_COP_NUM_GE, 0, 0},
	{"DateEquals", YS_COP_DATE_EQ, 0, 0},
	{"DateNotEquals", YS_COP_DATE_EQ, 1, 0},
	{"DateLessThan", YS_COP_DATE_LT, 0, 0},
	{"DateLessThanEquals", YS_COP_DATE_LE, 0, 0},
	{"DateGreaterThan", YS_COP_DATE_GT, 0, 0},
	{"DateGreaterThanEquals", YS_COP_DATE_GE, 0, 0},
	{"Bool", YS_COP_BOOL, 0, 0},
	{"BinaryEquals", YS_COP_BINARY, 0, 0},
	{"IpAddress", YS_COP_IP, 0, 0},
	{"NotIpAddress", YS_COP_IP, 1, 0},
	{"ArnEquals", YS_COP_ARN, 0, 0},
	{"ArnLike", YS_COP_ARN, 0, 0},
	{"ArnNotEquals", YS_COP_ARN, 1, 0},
	{"ArnNotLike", YS_COP_ARN, 1, 0},
	{"Null", YS_COP_NULL, 0, 0},
};

double ys_cond_date(const char *s)
{
	char buf[40];
	char *end;
	double d;
	int64_t t;
	size_t len = strlen(s);

	if (!*s)
		return NAN;
	d = strtod(s, &end);
	if (!*end && isdigit((unsigned char)*s))
		return d; /* seconds since 1970 (not a bare date) */
	if (len == 10 && s[4] == '-' && s[7] == '-') {
		snprintf(buf, sizeof(buf), "%sT00:00:00Z", s);
		s = buf;
	}
	t = ys_time_parse(s);
	return t == -1 ? NAN : (double)t;
}

static double number(const char *s)
{
	char *end;
	double d;

	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return NAN;
	d = strtod(s, &end);
	return *end ? NAN : d;
}

static char *dup_in(struct ys_arena *a, const char *s, size_t n)
{
	char *d = ys_arena_alloc(a, n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

const char *ys_cond_text(const struct ys_jval *v, struct ys_arena *a)
{
	char buf[64];
	char *s;
	int n;

	if (v->type == YS_J_STRING)
		return dup_in(a, v->u.str, strlen(v->u.str));
	if (v->type == YS_J_TRUE)
		return "true";
	if (v->type == YS_J_FALSE)
		return "false";
	if (v->type != YS_J_NUMBER)
		return NULL;
	if (v->u.num == floor(v->u.num) && fabs(v->u.num) < 1e15)
		n = snprintf(buf, sizeof(buf), "%.0f", v->u.num);
	else
		n = snprintf(buf, sizeof(buf), "%.17g", v->u.num);
	if (n < 0 || !(s = ys_arena_alloc(a, (size_t)n + 1)))
		return NULL;
	memcpy(s, buf, (size_t)n + 1);
	return s;
}

static int parse_op(const char *name, struct ys_cterm *t)
{
	char base[64];
	size_t len, i;

	if (!strncasecmp(name, "ForAllValues:", 13)) {
		t->set = YS_CSET_ALL;
		name += 13;
	} else if (!strncasecmp(name, "ForAnyValue:", 12)) {
		t->set = YS_CSET_ANY;
		name += 12;
	}
	len = strlen(name);
	if (len >= sizeof(base))
		return -1;
	memcpy(base, name, len + 1);
	if (len > 8 && !strcasecmp(base + len - 8, "IfExists")) {
		t->ifexists = 1;
		base[len - 8] = '\0';
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (!strcasecmp(base, ops[i].name)) {
			if (ops[i].op == YS_COP_NULL && (t->ifexists || t->set))
				return -1;
			t->op = ops[i].op;
			t->neg = ops[i].neg;
			t->icase = ops[i].icase;
			return 0;
		}
	return -1;
}

/* decodes the values a term's operator compares by */
static int prepare(struct ys_cterm *t, struct ys_arena *a, struct ys_error *err)
{
	size_t i;

	switch (t->op) {
	case YS_COP_NUM_EQ: case YS_COP_NUM_LT: case YS_COP_NUM_LE: case YS_COP_NUM_GT:
	case YS_COP_NUM_GE: case YS_COP_DATE_EQ: case YS_COP_DATE_LT: case YS_COP_DATE_LE:
	case YS_COP_DATE_GT: case YS_COP_DATE_GE:
		if (!(t->nums = ys_arena_alloc(a, t->nvals * sizeof(double) + 1)))
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		for (i = 0; i < t->nvals; i++)
			t->nums[i] = t->op <= YS_COP_NUM_GE ? number(t->vals[i]) : ys_cond_date(t->vals[i]);
		return 0;
	case YS_COP_BINARY:
		if (!(t->bins = ys_arena_alloc(a, t->nvals * sizeof(*t->bins) + 1)) ||
		    !(t->binlen = ys_arena_alloc(a, t->nvals * sizeof(size_t) + 1)))
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		for (i = 0; i < t->nvals; i++) {
			size_t len = strlen(t->vals[i]);
			long got;

			if (!(t->bins[i] = ys_arena_alloc(a, len * 3 / 4 + 4)))
				return ys_error_set(err, YS_ENOMEM, "out of memory");
			got = ys_base64_decode(t->vals[i], len, t->bins[i]);
			t->binlen[i] = got < 0 ? (size_t)-1 : (size_t)got;
		}
		return 0;
	case YS_COP_IP:
		ys_cidrset_init(&t->ips);
		for (i = 0; i < t->nvals; i++) {
			int rc = ys_cidrset_add(&t->ips, t->vals[i]);

			if (rc == YS_ENOMEM)
				return ys_error_set(err, YS_ENOMEM, "out of memory");
			if (rc)
				return ys_error_set(err, YS_EPARSE, "%s: '%s' is not an address or CIDR block",
						    t->opname, t->vals[i]);
		}
		ys_cidrset_seal(&t->ips);
		return 0;
	case YS_COP_NULL:
	case YS_COP_BOOL:
		for (i = 0; i < t->nvals; i++)
			if (strcasecmp(t->vals[i], "true") && strcasecmp(t->vals[i], "false"))
				return ys_error_set(err, YS_EPARSE, "%s: '%s' is neither true nor false",
						    t->opname, t->vals[i]);
		return 0;
	default:
		return 0;
	}
}

static int compile_term(const char *opname, const char *key, const struct ys_jval *v, int vars,
			struct ys_arena *a, struct ys_cterm *t, struct ys_error *err)
{
	const struct ys_jval *one = v;
	size_t i, n = v->type == YS_J_ARRAY ? v->len : 1;

	memset(t, 0, sizeof(*t));
	if (!(t->opname = dup_in(a, opname, strlen(opname))) || !(t->key = dup_in(a, key, strlen(key))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (parse_op(opname, t))
		return ys_error_set(err, YS_EPARSE, "unknown condition operator '%s'", opname);
	t->multikey = t->set == YS_CSET_NONE && t->op != YS_COP_NULL && ys_catalog_multivalued(key);
	if (!(t->vals = ys_arena_alloc(a, n * sizeof(char *) + 1)) ||
	    !(t->hasvar = ys_arena_alloc(a, n + 1)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		const struct ys_jval *e = v->type == YS_J_ARRAY ? &v->u.items[i] : one;

		if (!(t->vals[i] = ys_cond_text(e, a)))
			return ys_error_set(err, YS_EPARSE, "%s: the values of '%s' are not strings",
					    opname, key);
		t->hasvar[i] = vars && (t->op == YS_COP_STR_EQ || t->op == YS_COP_STR_LIKE ||
					t->op == YS_COP_ARN) && strstr(t->vals[i], "${");
	}
	t->nvals = n;
	return prepare(t, a, err);
}

int ys_cond_compile(const struct ys_jval *cond, int vars, struct ys_arena *a,
		    struct ys_cterm **out, size_t *n, struct ys_error *err)
{
	size_t i, j, k = 0, total = 0;
	struct ys_cterm *t;

	*out = NULL;
	*n = 0;
	if (!cond)
		return 0;
	if (cond->type != YS_J_OBJECT)
		return ys_error_set(err, YS_EPARSE, "Condition is not an object");
	for (i = 0; i < cond->len; i++) {
		if (cond->u.members[i].val.type != YS_J_OBJECT)
			return ys_error_set(err, YS_EPARSE, "condition operator '%s' does not hold an object",
					    cond->u.members[i].key);
		total += cond->u.members[i].val.len;
	}
	if (!total)
		return 0;
	if (!(t = ys_arena_alloc(a, total * sizeof(*t))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < cond->len; i++) {
		const struct ys_jval *o = &cond->u.members[i].val;

		for (j = 0; j < o->len; j++, k++) {
			int rc = compile_term(cond->u.members[i].key, o->u.members[j].key,
					      &o->u.members[j].val, vars, a, &t[k], err);

			if (rc) {
				ys_cond_release(t, k + (t[k].op == YS_COP_IP));
				return rc;
			}
		}
	}
	*out = t;
	*n = total;
	return 0;
}

void ys_cond_release(struct ys_cterm *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].op == YS_COP_IP)
			ys_cidrset_release(&t[i].ips);
}

static int cmp_num(enum ys_cop op, double have, double want)
{
	switch (op) {
	case YS_COP_NUM_EQ: case YS_COP_DATE_EQ: return have == want;
	case YS_COP_NUM_LT: case YS_COP_DATE_LT: return have < want;
	case YS_COP_NUM_LE: case YS_COP_DATE_LE: return have <= want;
	case YS_COP_NUM_GT: case YS_COP_DATE_GT: return have > want;
	case YS_COP_NUM_GE: case YS_COP_DATE_GE: return have >= want;
	default: return 0;
	}
}

/* whether one context value matches any of the term's values (before negation) */
static int matches(const struct ys_cterm *t, const char *have, const struct ys_ctx *ctx)
{
	char buf[2048];
	size_t i;

	switch (t->op) {
	case YS_COP_NUM_EQ: case YS_COP_NUM_LT: case YS_COP_NUM_LE: case YS_COP_NUM_GT:
	case YS_COP_NUM_GE: case YS_COP_DATE_EQ: case YS_COP_DATE_LT: case YS_COP_DATE_LE:
	case YS_COP_DATE_GT: case YS_COP_DATE_GE: {
		double h = t->op <= YS_COP_NUM_GE ? number(have) : ys_cond_date(have);

		for (i = 0; i < t->nvals; i++)
			if (cmp_num(t->op, h, t->nums[i]))
				return 1;
		return 0;
	}
	case YS_COP_BOOL:
		for (i = 0; i < t->nvals; i++)
			if (!strcasecmp(have, t->vals[i]))
				return 1;
		return 0;
	case YS_COP_BINARY: {
		size_t len = strlen(have);
		unsigned char *b = len * 3 / 4 + 4 <= sizeof(buf) ? (unsigned char *)buf : NULL;
		long got = b ? ys_base64_decode(have, len, b) : -1;

		for (i = 0; got >= 0 && i < t->nvals; i++)
			if (t->binlen[i] == (size_t)got && !memcmp(b, t->bins[i], (size_t)got))
				return 1;
		return 0;
	}
	case YS_COP_IP: {
		struct ys_addr addr;

		return !ys_addr_parse(have, &addr) && ys_cidrset_has(&t->ips, &addr);
	}
	default:
		break;
	}
	for (i = 0; i < t->nvals; i++) {
		const char *want = t->vals[i];
		int esc = t->op != YS_COP_STR_EQ;

		if (t->hasvar[i]) {
			if (ys_vars_expand(want, ctx, esc, buf, sizeof(buf)) < 0)
				continue;
			want = buf;
		}
		if (t->op == YS_COP_STR_EQ) {
			if (t->icase ? !strcasecmp(have, want) : !strcmp(have, want))
				return 1;
		} else if (t->op == YS_COP_STR_LIKE) {
			if (ys_glob(want, have, t->hasvar[i] ? YS_GLOB_ESC : 0))
				return 1;
		} else if (ys_arn_like(want, have, t->hasvar[i] ? YS_GLOB_ESC : 0)) {
			return 1;
		}
	}
	return 0;
}

int ys_cterm_eval(const struct ys_cterm *t, const struct ys_ctx *ctx)
{
	const struct ys_ckey *k = ys_ctx_get(ctx, t->key);
	size_t i;

	if (t->op == YS_COP_NULL) {
		int absent = !k || !k->n;

		for (i = 0; i < t->nvals; i++)
			if ((strcasecmp(t->vals[i], "true") == 0) == absent)
				return 1;
		return 0;
	}
	if (!k || !k->n)
		return t->ifexists || t->set == YS_CSET_ALL || (t->set == YS_CSET_NONE && t->neg);
	if (t->set == YS_CSET_ALL) {
		for (i = 0; i < k->n; i++)
			if (matches(t, k->vals[i], ctx) == t->neg)
				return 0;
		return 1;
	}
	if (t->set == YS_CSET_ANY) {
		for (i = 0; i < k->n; i++)
			if (matches(t, k->vals[i], ctx) != t->neg)
				return 1;
		return 0;
	}
	/* a single-valued operator on a multivalued key (aws:TagKeys): AWS says such keys need a set
	 * operator and documents no result; like iam-simulate, the condition fails */
	if (t->multikey)
		return 0;
	/* several values of a single-valued key: any matching counts; negated, none may */
	for (i = 0; i < k->n; i++)
		if (matches(t, k->vals[i], ctx))
			return !t->neg;
	return t->neg;
}

int ys_cond_eval(const struct ys_cterm *t, size_t n, const struct ys_ctx *ctx)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!ys_cterm_eval(&t[i], ctx))
			return 0;
	return 1;
}
