/* explain.c: writing statements and decisions in words */
#include "explain.h"
#include "../banned.h"

static void list(struct strbuf *sb, const struct ys_pat *v, const char *const *src, size_t n,
		 const char *all_but)
{
	size_t i;

	if (all_but)
		strbuf_addstr(sb, all_but);
	for (i = 0; i < n && i < 4; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", src ? src[i] : v[i].s);
	if (n > 4)
		strbuf_addf(sb, " and %zu more", n - 4);
}

void ys_explain_stmt(const struct ys_cstmt *s, struct strbuf *sb)
{
	strbuf_addstr(sb, s->allow ? "Allow " : "Deny ");
	list(sb, s->act, s->act_src, s->nact, s->not_action ? "every action but " : NULL);
	strbuf_addstr(sb, " on ");
	if (!s->nres && !s->not_resource)
		strbuf_addstr(sb, "this resource");
	else
		list(sb, s->res, NULL, s->nres, s->not_resource ? "everything but " : NULL);
	if (s->ncond)
		strbuf_addf(sb, " when %s %s", s->cond[0].opname, s->cond[0].key);
	if (s->ncond > 1)
		strbuf_addf(sb, " and %zu more condition%s", s->ncond - 1, s->ncond > 2 ? "s" : "");
	if (s->sid)
		strbuf_addf(sb, " (%s)", s->sid);
}

void ys_explain_gap(const struct ys_decision *d, struct strbuf *sb)
{
	static const char *const words[] = {
		[YS_L_RCP] = "an RCP does not allow it",
		[YS_L_RESOURCE] = "the resource's policy does not allow it",
		[YS_L_IDENTITY] = "no identity policy allows it",
		[YS_L_BOUNDARY] = "the permissions boundary does not allow it",
		[YS_L_SESSION] = "the session policy does not allow it",
	};

	if (d->gap == YS_L_SCP)
		strbuf_addf(sb, "no SCP at level %s allows it", d->gap_level ? d->gap_level->name : "?");
	else
		strbuf_addstr(sb, words[d->gap]);
	if (d->note)
		strbuf_addf(sb, " (%s)", d->note);
}
