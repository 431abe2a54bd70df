/* prefilter.c: the literals a rule cannot match without, and one vectorscan database of them */
#define _GNU_SOURCE
#include <hs/hs.h>
#include <stdlib.h>
#include <string.h>
#include "../base/grow.h"
#include "fieldlit.h"
#include "prefilter.h"
#include "../banned.h"

#define MIN_LITERAL 3

/* A set of literals of which one must appear; NULL list with always set means "no such set".
 * A literal of a field is looked for in that field's values alone (exact: the value must equal
 * it); a keyword's is searched for in the record's text. */
struct need {
	int always;
	int common; /* the literals are values of a field that most records share a few of */
	struct lit {
		char *text;
		int caseless, exact;
		const char *field; /* the rule's; NULL for a keyword */
	} *lit;
	size_t n, cap;
};

struct ys_sigma_prefilter {
	size_t nrules, words;
	uint64_t *always; /* rules evaluated whatever the text */
	hs_database_t *db;
	uint32_t **lit_rules; /* literal id -> rule indices */
	size_t *lit_nrules, nlits;
	size_t covered;
	struct ys_fieldlit *fields; /* literals of a field, looked up in its values */
};

struct ys_sigma_pf_scratch {
	hs_scratch_t *s;
};

static void need_free(struct need *nd)
{
	size_t i;

	for (i = 0; i < nd->n; i++)
		free(nd->lit[i].text);
	free(nd->lit);
	memset(nd, 0, sizeof(*nd));
}

static int need_add(struct need *nd, const char *s, size_t len, int caseless, int exact,
		    const char *field)
{
	char *c;

	if (ys_grow(&nd->lit, &nd->cap, nd->n, sizeof(*nd->lit), 4) || !(c = strndup(s, len)))
		return -1;
	nd->lit[nd->n].text = c;
	nd->lit[nd->n].caseless = caseless;
	nd->lit[nd->n].exact = exact;
	nd->lit[nd->n].field = field;
	nd->n++;
	return 0;
}

static void need_always(struct need *nd)
{
	need_free(nd);
	nd->always = 1;
}

/* Moves b's literals into a (a or b must appear). */
static void need_union(struct need *a, struct need *b)
{
	size_t i;

	if (a->always || b->always) {
		need_always(a);
		need_free(b);
		return;
	}
	a->common |= b->common;
	for (i = 0; i < b->n; i++)
		if (need_add(a, b->lit[i].text, strlen(b->lit[i].text), b->lit[i].caseless,
			     b->lit[i].exact, b->lit[i].field)) {
			need_always(a);
			break;
		}
	need_free(b);
}

static size_t need_quality(const struct need *nd)
{
	size_t i, shortest = (size_t)-1, q;
	int cheap = 1;

	if (nd->always || nd->n == 0)
		return 0;
	for (i = 0; i < nd->n; i++) {
		if (strlen(nd->lit[i].text) < shortest)
			shortest = strlen(nd->lit[i].text);
		/* a value a top-level field must equal costs one lookup; a nested field is walked to
		 * in every record */
		cheap &= nd->lit[i].exact == YS_FIELDLIT_EQUALS && nd->lit[i].field &&
			 !strchr(nd->lit[i].field, '.');
	}
	/* longer is rarer; fewer alternatives cost less; a service's name or an identity's type
	 * is in a good share of any trail, where an event name is not */
	q = (shortest * 16 / (nd->n < 16 ? nd->n : 16) + shortest) / (nd->common ? 64 : 1) + 1;
	return cheap ? q * 16 : q;
}

/* Keeps the better of two sets that are both necessary (a and b must both hold). */
static void need_pick(struct need *a, struct need *b)
{
	if (need_quality(b) > need_quality(a)) {
		need_free(a);
		*a = *b;
		memset(b, 0, sizeof(*b));
	} else {
		need_free(b);
	}
}

static int looks_numeric(const char *s)
{
	char *end;

	if (!*s)
		return 0;
	strtod(s, &end);
	return *end == '\0';
}

/* The longest run of a wildcard pattern without * or ?, unescaped. */
static size_t longest_piece(const char *p, char *out, size_t outlen)
{
	size_t best = 0, cur = 0;
	char buf[512];

	for (; *p; p++) {
		if (*p == '\\' && (p[1] == '*' || p[1] == '?' || p[1] == '\\')) {
			p++;
		} else if (*p == '*' || *p == '?') {
			if (cur > best && cur < outlen) {
				memcpy(out, buf, cur);
				best = cur;
			}
			cur = 0;
			continue;
		}
		if (cur < sizeof(buf))
			buf[cur++] = *p;
	}
	if (cur > best && cur < outlen) {
		memcpy(out, buf, cur);
		best = cur;
	}
	return best;
}

/* Fields whose few values between them fill most records. */
static int is_common_field(const char *field)
{
	static const char *const common[] = {
		"eventSource",	    "eventType",       "userIdentity.type", "awsRegion",
		"readOnly",	    "managementEvent", "eventCategory",	    "eventVersion",
		"userIdentity.sessionContext.sessionIssuer.type",
		"userIdentity.sessionContext.attributes.mfaAuthenticated",
	};
	size_t i;

	for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (!strcmp(field, common[i]))
			return 1;
	return 0;
}

static void need_matcher(const struct ys_sigma_matcher *m, struct need *nd)
{
	size_t i;

	memset(nd, 0, sizeof(*nd));
	if (m->op != YS_SOP_EQUALS && m->op != YS_SOP_CONTAINS && m->op != YS_SOP_STARTSWITH &&
	    m->op != YS_SOP_ENDSWITH) {
		nd->always = 1;
		return;
	}
	nd->common = m->field && is_common_field(m->field);
	/* |all: every value must appear, so any single one will do */
	for (i = 0; i < (m->all && m->nv ? 1 : m->nv); i++) {
		const struct ys_sigma_value *v = &m->v[i];
		char piece[512];
		size_t len;

		if (v->fieldref || (m->op == YS_SOP_EQUALS && looks_numeric(v->text)) ||
		    strchr(v->text, '"') || strchr(v->text, '\\')) {
			/* a backslash may be an escape of the pattern: no literal then */
			if (!v->has_wildcards || strchr(v->text, '"')) {
				need_always(nd);
				return;
			}
		}
		len = v->has_wildcards ? longest_piece(v->text, piece, sizeof(piece))
				       : (v->len < sizeof(piece) ? v->len : 0);
		if (!v->has_wildcards && len)
			memcpy(piece, v->text, len);
		if (len < MIN_LITERAL || memchr(piece, '"', len) || memchr(piece, '\\', len)) {
			need_always(nd);
			return;
		}
		if (need_add(nd, piece, len, !m->cased,
			     v->has_wildcards		   ? YS_FIELDLIT_CONTAINS
			     : m->op == YS_SOP_EQUALS	   ? YS_FIELDLIT_EQUALS
			     : m->op == YS_SOP_STARTSWITH ? YS_FIELDLIT_STARTS
							   : YS_FIELDLIT_CONTAINS,
			     m->field)) {
			need_always(nd);
			return;
		}
	}
	if (nd->n == 0)
		nd->always = 1;
}

static void need_selection(const struct ys_sigma_selection *s, struct need *out)
{
	size_t i, j;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < s->n; i++) {
		struct need conj = {.always = 1};

		for (j = 0; j < s->c[i].n; j++) {
			struct need m;

			need_matcher(&s->c[i].m[j], &m);
			need_pick(&conj, &m);
		}
		if (i == 0) {
			*out = conj;
		} else {
			need_union(out, &conj);
		}
	}
	if (s->n == 0)
		out->always = 1;
}

static void need_cond(const struct ys_sigma_rule *r, const struct ys_cond *c, struct need *out)
{
	struct need a, b;
	size_t i;

	memset(out, 0, sizeof(*out));
	switch (c->kind) {
	case YS_C_SEL:
		need_selection(&r->sel[c->sel], out);
		return;
	case YS_C_NOT:
		out->always = 1;
		return;
	case YS_C_AND:
		need_cond(r, c->a, &a);
		need_cond(r, c->b, &b);
		*out = a;
		need_pick(out, &b);
		if (out->n == 0)
			out->always = 1;
		return;
	case YS_C_OR:
		need_cond(r, c->a, &a);
		need_cond(r, c->b, &b);
		*out = a;
		need_union(out, &b);
		return;
	case YS_C_ONE_OF:
		for (i = 0; i < c->nsels; i++) {
			need_selection(&r->sel[c->sels[i]], &a);
			if (i == 0)
				*out = a;
			else
				need_union(out, &a);
		}
		return;
	case YS_C_ALL_OF:
		out->always = 1;
		for (i = 0; i < c->nsels; i++) {
			need_selection(&r->sel[c->sels[i]], &a);
			need_pick(out, &a);
		}
		if (out->n == 0)
			out->always = 1;
		return;
	}
	out->always = 1;
}

void ys_sigma_prefilter_free(struct ys_sigma_prefilter *pf)
{
	size_t i;

	if (!pf)
		return;
	for (i = 0; i < pf->nlits; i++)
		free(pf->lit_rules[i]);
	free(pf->lit_rules);
	free(pf->lit_nrules);
	free(pf->always);
	if (pf->db)
		hs_free_database(pf->db);
	ys_fieldlit_free(pf->fields);
	free(pf);
}

/* The literal's id, added when new: the same literal serves every rule that needs it. */
static long lit_id(char ***lits, unsigned **flags, size_t *n, size_t *cap, size_t *capf,
		   const char *s, unsigned caseless)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*flags)[i] == caseless && !strcmp((*lits)[i], s))
			return (long)i;
	if (ys_grow(lits, cap, *n, sizeof(**lits), 64) || ys_grow(flags, capf, *n, sizeof(**flags), 64))
		return -1;
	if (!((*lits)[*n] = strdup(s)))
		return -1;
	(*flags)[*n] = caseless;
	return (long)(*n)++;
}

int ys_sigma_prefilter_build(struct ys_sigma_rule *const *rules, size_t n,
			     struct ys_sigma_prefilter **out, struct ys_error *err)
{
	struct ys_sigma_prefilter *pf = calloc(1, sizeof(*pf));
	char **lits = NULL;
	unsigned *flags = NULL, *ids = NULL;
	size_t *lens = NULL, nl = 0, capl = 0, capf = 0, *caprules = NULL, i, j;
	int rc = 0;

	if (!pf)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	pf->nrules = n;
	pf->words = (n + 63) / 64;
	if (!(pf->always = calloc(pf->words ? pf->words : 1, sizeof(*pf->always))))
		goto oom;
	for (i = 0; i < n; i++) {
		struct need nd;

		need_cond(rules[i], rules[i]->cond, &nd);
		if (nd.always || nd.n == 0) {
			pf->always[i / 64] |= (uint64_t)1 << (i % 64);
			need_free(&nd);
			continue;
		}
		pf->covered++;
		for (j = 0; j < nd.n; j++) {
			long id;
			size_t k;

			if (nd.lit[j].field) {
				int frc = ys_fieldlit_add(&pf->fields, nd.lit[j].field,
							  !nd.lit[j].caseless, nd.lit[j].exact,
							  nd.lit[j].text, strlen(nd.lit[j].text),
							  (uint32_t)i);

				if (frc == YS_ENOMEM) {
					need_free(&nd);
					goto oom;
				}
				if (!frc)
					continue;
			}
			id = lit_id(&lits, &flags, &nl, &capl, &capf, nd.lit[j].text,
				    (unsigned)nd.lit[j].caseless);
			if (id < 0) {
				need_free(&nd);
				goto oom;
			}
			if ((size_t)id >= pf->nlits) {
				size_t newn = (size_t)id + 1;

				if (!(pf->lit_rules = realloc(pf->lit_rules, newn * sizeof(*pf->lit_rules))) ||
				    !(pf->lit_nrules = realloc(pf->lit_nrules, newn * sizeof(*pf->lit_nrules))) ||
				    !(caprules = realloc(caprules, newn * sizeof(*caprules)))) {
					need_free(&nd);
					goto oom;
				}
				for (k = pf->nlits; k < newn; k++) {
					pf->lit_rules[k] = NULL;
					pf->lit_nrules[k] = 0;
					caprules[k] = 0;
				}
				pf->nlits = newn;
			}
			if (pf->lit_nrules[id] && pf->lit_rules[id][pf->lit_nrules[id] - 1] == i)
				continue;
			if (ys_grow(&pf->lit_rules[id], &caprules[id], pf->lit_nrules[id],
				    sizeof(**pf->lit_rules), 4)) {
				need_free(&nd);
				goto oom;
			}
			pf->lit_rules[id][pf->lit_nrules[id]++] = (uint32_t)i;
		}
		need_free(&nd);
	}
	if (nl > 0) {
		hs_compile_error_t *cerr = NULL;

		if (!(ids = calloc(nl, sizeof(*ids))) || !(lens = calloc(nl, sizeof(*lens))))
			goto oom;
		for (i = 0; i < nl; i++) {
			ids[i] = (unsigned)i;
			lens[i] = strlen(lits[i]);
			flags[i] = flags[i] ? HS_FLAG_CASELESS | HS_FLAG_SINGLEMATCH : HS_FLAG_SINGLEMATCH;
		}
		if (hs_compile_lit_multi((const char *const *)lits, flags, ids, lens, (unsigned)nl,
					 HS_MODE_BLOCK, NULL, &pf->db, &cerr) != HS_SUCCESS) {
			rc = ys_error_set(err, YS_EINVAL, "cannot compile the rules' prefilter: %s",
					  cerr ? cerr->message : "unknown");
			hs_free_compile_error(cerr);
		}
	}
	if (!rc)
		rc = ys_fieldlit_seal(pf->fields, NULL, err);
	goto done;
oom:
	rc = ys_error_set(err, YS_ENOMEM, "out of memory building the prefilter");
done:
	for (i = 0; i < nl; i++)
		free(lits[i]);
	free(lits);
	free(flags);
	free(ids);
	free(lens);
	free(caprules);
	if (rc) {
		ys_sigma_prefilter_free(pf);
		return rc;
	}
	*out = pf;
	return 0;
}

int ys_sigma_pf_scratch_new(const struct ys_sigma_prefilter *pf, struct ys_sigma_pf_scratch **out)
{
	struct ys_sigma_pf_scratch *s = calloc(1, sizeof(*s));

	if (!s)
		return YS_ENOMEM;
	if ((pf->db && hs_alloc_scratch(pf->db, &s->s) != HS_SUCCESS) ||
	    ys_fieldlit_scratch(pf->fields, &s->s)) {
		if (s->s)
			hs_free_scratch(s->s);
		free(s);
		return YS_ENOMEM;
	}
	*out = s;
	return 0;
}

void ys_sigma_pf_scratch_free(struct ys_sigma_pf_scratch *s)
{
	if (!s)
		return;
	if (s->s)
		hs_free_scratch(s->s);
	free(s);
}

struct scan_ctx {
	const struct ys_sigma_prefilter *pf;
	uint64_t *cand;
};

static int on_lit(unsigned id, unsigned long long from, unsigned long long to, unsigned f,
		  void *ctx)
{
	struct scan_ctx *c = ctx;
	size_t k;

	(void)from;
	(void)to;
	(void)f;
	for (k = 0; k < c->pf->lit_nrules[id]; k++) {
		uint32_t r = c->pf->lit_rules[id][k];

		c->cand[r / 64] |= (uint64_t)1 << (r % 64);
	}
	return 0;
}

/* True when a string in the text uses \u or \/, so that a value's bytes may differ from its
 * meaning. */
static int spelled_otherwise(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while ((p = memchr(p, '\\', (size_t)(end - p))) != NULL && p + 1 < end) {
		if (p[1] == 'u' || p[1] == '/')
			return 1;
		p += 2; /* past the escaped character, so \\u is not taken for \u */
	}
	return 0;
}

size_t ys_sigma_prefilter_scan(const struct ys_sigma_prefilter *pf, struct ys_sigma_pf_scratch *s,
			       const struct ys_event *ev, const char *text, size_t len,
			       uint64_t *cand)
{
	struct scan_ctx c = {pf, cand};
	size_t i, count = 0;

	/* escaped text may spell a searched literal in other bytes: then every rule runs */
	if (pf->db && (len > 0xffffffffu || spelled_otherwise(text, len))) {
		for (i = 0; i < pf->words; i++)
			cand[i] = ~(uint64_t)0;
		if (pf->nrules % 64)
			cand[pf->words - 1] = ((uint64_t)1 << (pf->nrules % 64)) - 1;
		return pf->nrules;
	}
	memcpy(cand, pf->always, pf->words * sizeof(*cand));
	ys_fieldlit_scan(pf->fields, ev, cand, s->s);
	if (pf->db)
		hs_scan(pf->db, text, (unsigned)len, 0, s->s, on_lit, &c);
	for (i = 0; i < pf->words; i++)
		count += (size_t)__builtin_popcountll(cand[i]);
	return count;
}

size_t ys_sigma_prefilter_covered(const struct ys_sigma_prefilter *pf)
{
	return pf->covered;
}

size_t ys_sigma_prefilter_searched(const struct ys_sigma_prefilter *pf)
{
	return pf->nlits;
}

size_t ys_sigma_prefilter_fields(const struct ys_sigma_prefilter *pf)
{
	return ys_fieldlit_nfields(pf->fields);
}
