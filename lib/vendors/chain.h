/* chain.h: the vendor chain in brief, for `report` and `map`: the outsiders that can act in the
 * account (the vendors' side of the line: what the account delegates, to whom), and the SaaS
 * vendors that hold a key to something of yours because `secrets` found their credentials */
#ifndef YS_VENDORS_CHAIN_H
#define YS_VENDORS_CHAIN_H

#include <stddef.h>
#include "vendors.h"
#include "../base/strbuf.h"

struct jw;

/* a SaaS vendor whose keys were found */
struct ys_saas {
	char *vendor, *reaches; /* from data/secret-vendors.tsv */
	size_t keys;		/* findings of its keys */
	size_t live;		/* of them, checked live with the provider (--verify) */
	char *where;		/* the first one's file:line */
};

struct ys_saas_list {
	struct ys_saas *v; /* most keys first */
	size_t n, cap;
};

/* The SaaS vendors of secret findings (JSON Lines texts of `secrets --format jsonl`): rules
 * that name no vendor (generic secrets, private keys, AWS's own) are left out. -1 without
 * memory. */
int ys_saas_from_lines(const char *const *lines, size_t n, struct ys_saas_list *out);
void ys_saas_release(struct ys_saas_list *l);

/* The brief, as text, as a JSON member ("vendors": {...}, written into an open object), and as
 * a section of a page (<h2 id="vendors">). v or s may be NULL (not known). */
void ys_chain_text(struct strbuf *sb, const struct ys_vendors *v, const struct ys_saas_list *s);
void ys_chain_json(struct jw *w, const struct ys_vendors *v, const struct ys_saas_list *s);
void ys_chain_html(struct strbuf *sb, const struct ys_vendors *v, const struct ys_saas_list *s);

#endif
