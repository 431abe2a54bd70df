/* context.c: looking up context keys and expanding policy variables */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "context.h"
#include "../banned.h"

static const struct ys_ckey *find(const struct ys_ckey *k, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(k[i].key, key))
			return &k[i];
	return NULL;
}

const struct ys_ckey *ys_ctx_get(const struct ys_ctx *c, const char *key)
{
	const struct ys_ckey *k = find(c->k, c->n, key);

	return k ? k : find(c->derived, c->nderived, key);
}

struct out {
	char *p;
	size_t n, len;
	int full;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 >= o->n) {
		o->full = 1;
		return;
	}
	o->p[o->len++] = c;
}

static void put_lit(struct out *o, const char *s, size_t len, int esc)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (esc && (s[i] == '*' || s[i] == '?' || s[i] == '\\'))
			put(o, '\\');
		put(o, s[i]);
	}
}

/* the variable whose body is [b, e) (between "${" and "}"); -1 when it gives nothing */
static int variable(const char *b, const char *e, const struct ys_ctx *ctx, int esc, struct out *o)
{
	char key[256];
	const char *comma = memchr(b, ',', (size_t)(e - b)), *kend = comma ? comma : e;
	const struct ys_ckey *k;

	if (e - b == 1 && (*b == '*' || *b == '?' || *b == '$')) {
		put_lit(o, b, 1, esc);
		return 0;
	}
	while (kend > b && isspace((unsigned char)kend[-1]))
		kend--;
	while (b < kend && isspace((unsigned char)*b))
		b++;
	if (kend == b || (size_t)(kend - b) >= sizeof(key))
		return -1;
	memcpy(key, b, (size_t)(kend - b));
	key[kend - b] = '\0';
	k = ys_ctx_get(ctx, key);
	if (k && k->n == 1) {
		put_lit(o, k->vals[0], strlen(k->vals[0]), esc);
		return 0;
	}
	if (k && k->n)
		return -1; /* a list cannot stand in a string */
	if (comma) {
		const char *d = comma + 1, *de = e;

		while (d < de && isspace((unsigned char)*d))
			d++;
		while (de > d && isspace((unsigned char)de[-1]))
			de--;
		if (de - d >= 2 && *d == '\'' && de[-1] == '\'') {
			put_lit(o, d + 1, (size_t)(de - d - 2), esc);
			return 0;
		}
	}
	return -1;
}

long ys_vars_expand(const char *s, const struct ys_ctx *ctx, int esc, char *out, size_t n)
{
	struct out o = {out, n, 0, 0};

	while (*s) {
		const char *e;

		if (s[0] == '$' && s[1] == '{' && (e = strchr(s + 2, '}'))) {
			if (variable(s + 2, e, ctx, esc, &o))
				return -1;
			s = e + 1;
			continue;
		}
		if (esc && *s == '\\')
			put(&o, '\\');
		put(&o, *s++);
	}
	if (o.full || !n)
		return -1;
	out[o.len] = '\0';
	return (long)o.len;
}
