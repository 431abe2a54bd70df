/* cond.c: Sigma conditions: and, or, not, parentheses, "1 of" / "all of" a name pattern or
 * "them", parsed by recursive descent into a tree over selection indices */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rule.h"
#include "../banned.h"

struct lexer {
	const char *s, *p;
	const struct ys_sigma_selection *sel;
	size_t nsel;
	struct ys_error *err;
	int depth;
};

/* The next word: "(", ")" or a run of name characters; returns its length (0 at the end). */
static size_t word(struct lexer *lx, const char **start)
{
	while (isspace((unsigned char)*lx->p))
		lx->p++;
	*start = lx->p;
	if (*lx->p == '(' || *lx->p == ')' || *lx->p == '|') {
		lx->p++;
		return 1;
	}
	while (*lx->p && !isspace((unsigned char)*lx->p) && *lx->p != '(' && *lx->p != ')' &&
	       *lx->p != '|')
		lx->p++;
	return (size_t)(lx->p - *start);
}

static int is_word(const char *w, size_t n, const char *kw)
{
	return n == strlen(kw) && !strncasecmp(w, kw, n);
}

static struct ys_cond *node(enum ys_cond_kind k)
{
	struct ys_cond *c = calloc(1, sizeof(*c));

	if (c)
		c->kind = k;
	return c;
}

void ys_sigma_cond_free(struct ys_cond *c)
{
	if (!c)
		return;
	ys_sigma_cond_free(c->a);
	ys_sigma_cond_free(c->b);
	free(c->sels);
	free(c);
}

static struct ys_cond *parse_or(struct lexer *lx);

static struct ys_cond *fail(struct lexer *lx, int code, const char *fmt, const char *w, size_t n)
{
	char what[128];

	snprintf(what, sizeof(what), "%.*s", (int)(n > 100 ? 100 : n), w);
	if (!lx->err->code)
		ys_error_set(lx->err, code, fmt, what, (size_t)(w - lx->s) + 1);
	return NULL;
}

/* "1 of pattern", "all of them" */
static struct ys_cond *parse_of(struct lexer *lx, int all)
{
	const char *w;
	size_t n = word(lx, &w), i;
	struct ys_cond *c;

	if (!is_word(w, n, "of"))
		return fail(lx, YS_EPARSE, "condition: expected 'of' after '%s' at character %zu",
			    w, n);
	n = word(lx, &w);
	if (n == 0 || *w == '(' || *w == ')')
		return fail(lx, YS_EPARSE, "condition: expected a name pattern or 'them' at '%s' "
					   "(character %zu)",
			    w, n);
	if (!(c = node(all ? YS_C_ALL_OF : YS_C_ONE_OF)) ||
	    !(c->sels = calloc(lx->nsel ? lx->nsel : 1, sizeof(*c->sels)))) {
		free(c);
		return NULL;
	}
	for (i = 0; i < lx->nsel; i++) {
		const char *name = lx->sel[i].name;

		/* "them" is every selection; by convention not those named with a leading _ */
		if (is_word(w, n, "them") ? name[0] != '_'
					  : ys_sigma_glob(w, n, name, strlen(name), 0))
			c->sels[c->nsels++] = i;
	}
	if (c->nsels == 0) {
		ys_sigma_cond_free(c);
		return fail(lx, YS_EPARSE, "condition: no selection matches '%s' (character %zu)", w,
			    n);
	}
	return c;
}

static struct ys_cond *parse_atom(struct lexer *lx)
{
	const char *w;
	size_t n = word(lx, &w), i;
	struct ys_cond *c;

	if (n == 0)
		return fail(lx, YS_EPARSE, "condition: unexpected end%s (character %zu)", lx->p, 0);
	if (*w == '|')
		return fail(lx, YS_EUNSUP,
			    "condition: the old aggregation syntax ('%s count() ...') is not supported; "
			    "write a Sigma correlation rule (character %zu)",
			    w, n);
	if (*w == '(') {
		if (++lx->depth > 64)
			return fail(lx, YS_EPARSE, "condition: nested too deep at '%s' (character %zu)",
				    w, n);
		c = parse_or(lx);
		lx->depth--;
		if (!c)
			return NULL;
		n = word(lx, &w);
		if (n != 1 || *w != ')') {
			ys_sigma_cond_free(c);
			return fail(lx, YS_EPARSE, "condition: expected ')' at '%s' (character %zu)", w,
				    n);
		}
		return c;
	}
	if (is_word(w, n, "not")) {
		struct ys_cond *a;

		if (++lx->depth > 64)
			return fail(lx, YS_EPARSE, "condition: nested too deep at '%s' (character %zu)",
				    w, n);
		a = parse_atom(lx);
		lx->depth--;
		if (!a || !(c = node(YS_C_NOT))) {
			ys_sigma_cond_free(a);
			return NULL;
		}
		c->a = a;
		return c;
	}
	if (is_word(w, n, "1") || is_word(w, n, "any"))
		return parse_of(lx, 0);
	if (is_word(w, n, "all"))
		return parse_of(lx, 1);
	for (i = 0; i < lx->nsel; i++) {
		if (strlen(lx->sel[i].name) == n && !strncmp(lx->sel[i].name, w, n)) {
			if ((c = node(YS_C_SEL)))
				c->sel = i;
			return c;
		}
	}
	return fail(lx, YS_EPARSE, "condition: '%s' is not a selection (character %zu)", w, n);
}

/* Binary operators: and binds tighter than or. */
static struct ys_cond *parse_binary(struct lexer *lx, int is_or)
{
	struct ys_cond *left = is_or ? parse_binary(lx, 0) : parse_atom(lx);

	while (left) {
		const char *save = lx->p, *w;
		size_t n = word(lx, &w);
		struct ys_cond *right, *c;

		if (!is_word(w, n, is_or ? "or" : "and")) {
			lx->p = save;
			return left;
		}
		right = is_or ? parse_binary(lx, 0) : parse_atom(lx);
		if (!right || !(c = node(is_or ? YS_C_OR : YS_C_AND))) {
			ys_sigma_cond_free(left);
			ys_sigma_cond_free(right);
			return NULL;
		}
		c->a = left;
		c->b = right;
		left = c;
	}
	return NULL;
}

static struct ys_cond *parse_or(struct lexer *lx)
{
	return parse_binary(lx, 1);
}

int ys_sigma_cond_parse(const char *text, const struct ys_sigma_selection *sel, size_t nsel,
			struct ys_cond **out, struct ys_error *err)
{
	struct lexer lx = {text, text, sel, nsel, err, 0};
	struct ys_cond *c;
	const char *w;

	ys_error_clear(err);
	c = parse_or(&lx);
	if (c && word(&lx, &w) != 0) {
		size_t n = strlen(w);

		ys_sigma_cond_free(c);
		c = fail(&lx, *w == '|' ? YS_EUNSUP : YS_EPARSE,
			 *w == '|' ? "condition: the old aggregation syntax ('%s') is not supported; "
				     "write a Sigma correlation rule (character %zu)"
				   : "condition: unexpected '%s' (character %zu)",
			 w, n);
	}
	if (!c)
		return err->code ? err->code : ys_error_set(err, YS_ENOMEM, "out of memory");
	*out = c;
	return 0;
}
