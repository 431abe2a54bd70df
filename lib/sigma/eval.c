/* eval.c: matching a compiled Sigma rule against an event: wildcards, modifiers, conditions */
#include <arpa/inet.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rule.h"
#include "../banned.h"

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int ys_sigma_glob(const char *pat, size_t plen, const char *s, size_t slen, int fold)
{
	size_t p = 0, i = 0, star_p = (size_t)-1, star_i = 0;

	/* the classic linear backtracking match: only the last star is retried */
	while (i < slen) {
		if (p < plen && pat[p] == '*') {
			star_p = ++p;
			star_i = i;
			continue;
		}
		if (p < plen) {
			int pc = pat[p], lit = 0;
			size_t step = 1;

			if (pc == '\\' && p + 1 < plen && (pat[p + 1] == '*' || pat[p + 1] == '?' ||
							   pat[p + 1] == '\\')) {
				pc = pat[p + 1];
				step = 2;
				lit = 1;
			}
			if ((!lit && pc == '?') ||
			    (fold ? lower((unsigned char)pc) == lower((unsigned char)s[i])
				  : pc == s[i])) {
				p += step;
				i++;
				continue;
			}
		}
		if (star_p == (size_t)-1)
			return 0;
		p = star_p;
		i = ++star_i;
	}
	while (p < plen && pat[p] == '*')
		p++;
	return p == plen;
}

static int fold_eq(const char *a, const char *b, size_t n, int cased)
{
	size_t i;

	if (cased)
		return !memcmp(a, b, n);
	for (i = 0; i < n; i++)
		if (lower((unsigned char)a[i]) != (unsigned char)b[i])
			return 0;
	return 1;
}

static int fold_find(const char *hay, size_t hl, const char *needle, size_t nl, int cased)
{
	size_t i;

	if (nl == 0)
		return 1;
	for (i = 0; i + nl <= hl; i++)
		if (fold_eq(hay + i, needle, nl, cased))
			return 1;
	return 0;
}

static int cidr_match(const struct ys_sigma_value *v, const char *s, size_t len)
{
	char buf[64];
	uint8_t addr[16];
	int i, bits = v->bits;

	if (len >= sizeof(buf))
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(v->v6 ? AF_INET6 : AF_INET, buf, addr) != 1)
		return 0;
	for (i = 0; bits > 0; i++, bits -= 8) {
		uint8_t mask = bits >= 8 ? 0xff : (uint8_t)(0xff << (8 - bits));

		if ((addr[i] & mask) != (v->net[i] & mask))
			return 0;
	}
	return 1;
}

/* One value of the rule against one value of the event; text is the event value's text. */
static int value_match(const struct ys_sigma_matcher *m, const struct ys_sigma_value *v,
		       const struct ys_evalue *e, const char *text, size_t tl)
{
	switch (m->op) {
	case YS_SOP_EQUALS:
		if (e->type == YS_EV_NULL || e->type == YS_EV_OTHER)
			return 0;
		if (v->has_wildcards)
			return ys_sigma_glob(v->text, v->len, text, tl, !m->cased);
		return tl == v->len && fold_eq(text, v->text, tl, m->cased);
	case YS_SOP_CONTAINS:
		return e->type != YS_EV_NULL && e->type != YS_EV_OTHER &&
		       fold_find(text, tl, v->text, v->len, m->cased);
	case YS_SOP_STARTSWITH:
		return e->type != YS_EV_NULL && e->type != YS_EV_OTHER && tl >= v->len &&
		       fold_eq(text, v->text, v->len, m->cased);
	case YS_SOP_ENDSWITH:
		return e->type != YS_EV_NULL && e->type != YS_EV_OTHER && tl >= v->len &&
		       fold_eq(text + tl - v->len, v->text, v->len, m->cased);
	case YS_SOP_RE: {
		pcre2_match_data *md;
		int rc;

		if (e->type == YS_EV_NULL || e->type == YS_EV_OTHER)
			return 0;
		md = pcre2_match_data_create_from_pattern(v->re, NULL);
		rc = md ? pcre2_match(v->re, (PCRE2_SPTR)text, tl, 0, 0, md, NULL) : -1;
		pcre2_match_data_free(md);
		return rc >= 0;
	}
	case YS_SOP_CIDR:
		return e->type == YS_EV_STRING && cidr_match(v, text, tl);
	case YS_SOP_LT:
	case YS_SOP_LTE:
	case YS_SOP_GT:
	case YS_SOP_GTE: {
		double x;
		char buf[64], *end;

		if (e->type == YS_EV_NUMBER) {
			x = e->num;
		} else if (e->type == YS_EV_STRING && tl > 0 && tl < sizeof(buf)) {
			memcpy(buf, text, tl);
			buf[tl] = '\0';
			x = strtod(buf, &end);
			if (*end)
				return 0;
		} else {
			return 0;
		}
		return m->op == YS_SOP_LT ? x < v->num : m->op == YS_SOP_LTE ? x <= v->num
		       : m->op == YS_SOP_GT ? x > v->num : x >= v->num;
	}
	default:
		return 0;
	}
}

struct probe {
	const struct ys_sigma_matcher *m;
	const struct ys_sigma_value *v;
	const struct ys_event *ev;
	int hit;
	int seen; /* any value at the path, null included */
};

struct ref_probe {
	const struct ys_sigma_matcher *m;
	const struct ys_evalue *mine;
	int hit;
};

/* fieldref: the other field's value takes the place of the rule's text. */
static int on_ref_value(void *ctx, const struct ys_evalue *other)
{
	struct ref_probe *rp = ctx;
	struct ys_sigma_value tmp;
	char *folded;
	size_t i;

	if (other->type == YS_EV_NULL || other->type == YS_EV_OTHER)
		return 0;
	memset(&tmp, 0, sizeof(tmp));
	if (!(folded = malloc(other->len + 1)))
		return 1;
	for (i = 0; i < other->len; i++)
		folded[i] = rp->m->cased ? other->s[i] : (char)lower((unsigned char)other->s[i]);
	tmp.text = folded;
	tmp.len = other->len;
	rp->hit = value_match(rp->m, &tmp, rp->mine, rp->mine->s, rp->mine->len);
	free(folded);
	return rp->hit;
}

static int on_value(void *ctx, const struct ys_evalue *e)
{
	struct probe *pr = ctx;

	pr->seen = 1;
	if (pr->v->fieldref) {
		struct ref_probe rp = {pr->m, e, 0};

		pr->ev->each(pr->ev, pr->v->fieldref, on_ref_value, &rp);
		pr->hit = rp.hit;
	} else {
		pr->hit = value_match(pr->m, pr->v, e, e->s, e->len);
	}
	return pr->hit;
}

static int on_any_null(void *ctx, const struct ys_evalue *e)
{
	struct probe *pr = ctx;

	pr->seen = 1;
	if (e->type == YS_EV_NULL)
		pr->hit = 1;
	return 0;
}

/* One rule value against the field: any of the event's values at that path matches. */
static int matcher_value(const struct ys_sigma_matcher *m, const struct ys_sigma_value *v,
			 const struct ys_event *ev)
{
	struct probe pr = {m, v, ev, 0, 0};

	if (m->op == YS_SOP_EXISTS || m->op == YS_SOP_NULL) {
		pr.v = v;
		ev->each(ev, m->field, on_any_null, &pr);
		if (m->op == YS_SOP_NULL)
			return !pr.seen || pr.hit;
		return pr.seen == v->exists;
	}
	if (!m->field)
		ev->each_any(ev, on_value, &pr);
	else
		ev->each(ev, m->field, on_value, &pr);
	return pr.hit;
}

struct any_probe {
	const struct ys_sigma_matcher *m;
	int hit;
};

static int on_value_any(void *ctx, const struct ys_evalue *e)
{
	struct any_probe *ap = ctx;
	size_t i;

	for (i = 0; i < ap->m->nv && !ap->hit; i++)
		ap->hit = value_match(ap->m, &ap->m->v[i], e, e->s, e->len);
	return ap->hit;
}

/* Any of several plain values: the field is walked to once, each of its values tried against
 * them all (a rule's list of names or pieces costs one lookup, not one a value). */
static int plain_any(const struct ys_sigma_matcher *m)
{
	size_t i;

	if (m->all || !m->field || m->nv < 2 || m->op == YS_SOP_EXISTS || m->op == YS_SOP_NULL)
		return 0;
	for (i = 0; i < m->nv; i++)
		if (m->v[i].fieldref)
			return 0;
	return 1;
}

static int matcher(const struct ys_sigma_matcher *m, const struct ys_event *ev)
{
	size_t i;

	if (plain_any(m)) {
		struct any_probe ap = {m, 0};

		ev->each(ev, m->field, on_value_any, &ap);
		return ap.hit;
	}
	for (i = 0; i < m->nv; i++) {
		int hit = matcher_value(m, &m->v[i], ev);

		if (m->all && !hit)
			return 0;
		if (!m->all && hit)
			return 1;
	}
	return m->all && m->nv > 0;
}

static int selection(const struct ys_sigma_selection *s, const struct ys_event *ev)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		for (j = 0; j < s->c[i].n; j++)
			if (!matcher(&s->c[i].m[j], ev))
				break;
		if (j == s->c[i].n)
			return 1;
	}
	return 0;
}

static int cond(const struct ys_sigma_rule *r, const struct ys_cond *c, const struct ys_event *ev)
{
	size_t i;

	switch (c->kind) {
	case YS_C_SEL:
		return selection(&r->sel[c->sel], ev);
	case YS_C_NOT:
		return !cond(r, c->a, ev);
	case YS_C_AND:
		return cond(r, c->a, ev) && cond(r, c->b, ev);
	case YS_C_OR:
		return cond(r, c->a, ev) || cond(r, c->b, ev);
	case YS_C_ONE_OF:
		for (i = 0; i < c->nsels; i++)
			if (selection(&r->sel[c->sels[i]], ev))
				return 1;
		return 0;
	case YS_C_ALL_OF:
		for (i = 0; i < c->nsels; i++)
			if (!selection(&r->sel[c->sels[i]], ev))
				return 0;
		return 1;
	}
	return 0;
}

int ys_sigma_match(const struct ys_sigma_rule *r, const struct ys_event *ev)
{
	return cond(r, r->cond, ev);
}
