/* text.c: the map as plain text (a grid, then what is missing where) and as one JSON document */
#include <stdio.h>
#include <string.h>
#include "map.h"
#include "../vendors/chain.h"
#include "../base/color.h"
#include "../base/isotime.h"
#include "../json/jwrite.h"
#include "../banned.h"

static const char *const short_names[] = {"-", "AWS", "in place", "PARTLY", "MISSING", "not seen"};

/* A cell's word, tinted when color is 1 (missing red, partly yellow, in place green, not seen
 * dim), padded to width as %-*s would (outside the tint). */
static void cell_word(struct strbuf *sb, enum ys_cell now, int color, int width)
{
	const char *word = short_names[now], *tint = "";
	int n;

	if (now == YS_CELL_UNSEEN && !width)
		word = "not seen by any check";
	n = (int)strlen(word);

	if (now == YS_CELL_MISSING)
		tint = ys_tint_bad(color);
	else if (now == YS_CELL_PARTLY)
		tint = ys_tint_severity("medium", color);
	else if (now == YS_CELL_IN_PLACE)
		tint = ys_tint_good(color);
	else if (now == YS_CELL_UNSEEN)
		tint = ys_tint_dim(color);
	strbuf_addf(sb, "%s%s%s%*s", tint, word, *tint ? ys_tint_reset(color) : "",
		    width > n ? width - n : 0, "");
}

static void header(struct strbuf *sb, const struct ys_map *m)
{
	char t[32] = "";

	if (m->taken >= 0)
		ys_format_time(m->taken, t);
	strbuf_addf(sb, "The line for account %s%s%s%s: what AWS does, what you do, and whether you do it\n",
		    m->account ? m->account : "(unknown)", *t ? " (snapshot of " : "", t, *t ? ")" : "");
	if (m->ages_from_source != YS_NOW_SNAPSHOT) {
		ys_format_time(m->ages_from, t);
		strbuf_addf(sb, "Ages are measured from %s, %s.\n", t, ys_now_from_words(m->ages_from_source));
	}
}

static void counts(struct strbuf *sb, const struct ys_map *m)
{
	size_t mine = m->count[YS_CELL_IN_PLACE] + m->count[YS_CELL_PARTLY] + m->count[YS_CELL_MISSING] +
		      m->count[YS_CELL_UNSEEN];

	strbuf_addf(sb, "Your layers: %zu: %zu in place, %zu partly, %zu missing, %zu not seen by any check "
			"(%zu findings of %zu checks)\n", mine, m->count[YS_CELL_IN_PLACE],
		    m->count[YS_CELL_PARTLY], m->count[YS_CELL_MISSING], m->count[YS_CELL_UNSEEN], m->findings,
		    m->checks_run);
}

void ys_map_text(struct strbuf *sb, const struct ys_map *m, int color)
{
	size_t i, j, k;
	int l;

	header(sb, m);
	strbuf_addstr(sb, "\n");
	strbuf_addf(sb, "%-24s", "layer");
	for (i = 0; i < m->n; i++) {
		char h[64];

		snprintf(h, sizeof(h), m->services[i].resources ? "%s (%zu)" : "%s", m->services[i].name,
			 m->services[i].resources);
		strbuf_addf(sb, " %-14.14s", h);
	}
	strbuf_addch(sb, '\n');
	for (l = 0; l < YS_MAP_LAYERS; l++) {
		strbuf_addf(sb, "%-24.24s", m->layers[l].name);
		for (i = 0; i < m->n; i++) {
			const struct ys_map_cell *c = &m->services[i].cells[l];

			strbuf_addf(sb, " %s", c->owner == YS_OWN_SHARED ? "*" : " ");
			cell_word(sb, c->now, color, 13);
		}
		strbuf_addch(sb, '\n');
	}
	strbuf_addstr(sb, "(* shared: AWS does part of it, you configure the rest; AWS: AWS's work alone)\n\n");
	counts(sb, m);
	strbuf_addstr(sb, "With every recommended control in place (figure 2 of --format html), all of them "
			  "would be in place.\n");
	for (i = 0, k = 0; i < m->n; i++)
		for (l = 0; l < YS_MAP_LAYERS; l++) {
			const struct ys_map_cell *c = &m->services[i].cells[l];

			if (c->now != YS_CELL_MISSING && c->now != YS_CELL_PARTLY && c->now != YS_CELL_UNSEEN)
				continue;
			if (!k++)
				strbuf_addstr(sb, "\nWhat to put in place:\n");
			strbuf_addf(sb, "  %s, %s: ", m->services[i].name, m->layers[l].name);
			cell_word(sb, c->now, color, 0);
			strbuf_addch(sb, '\n');
			for (j = 0; j < c->ncontrols; j++)
				if (c->controls[j].fail)
					strbuf_addf(sb, "    %s (%zu of %zu failing): %s\n", c->controls[j].check->id,
						    c->controls[j].fail, c->controls[j].fail + c->controls[j].pass,
						    c->controls[j].check->title);
			if (c->advice && (c->now == YS_CELL_UNSEEN || !c->ncontrols))
				strbuf_addf(sb, "    recommended: %s\n", c->advice);
		}
	if (m->nunknown) {
		strbuf_addstr(sb, "\nNot in the snapshot, or unreadable there (it cannot tell whether the account uses them):");
		for (i = 0; i < m->nunknown; i++)
			strbuf_addf(sb, "%s %s", i ? "," : "", m->unknown[i]);
		strbuf_addch(sb, '\n');
	}
	if (m->vendors)
		ys_chain_text(sb, m->vendors, NULL);
}

static void cell_json(struct jw *w, const struct ys_map *m, const struct ys_map_cell *c, int l)
{
	size_t j;

	jw_obj_begin(w);
	jw_key(w, "layer");
	jw_str(w, m->layers[l].id);
	jw_key(w, "owner");
	jw_str(w, ys_owner_name(c->owner));
	jw_key(w, "now");
	jw_str(w, ys_cell_name(c->now));
	jw_key(w, "after");
	jw_str(w, ys_cell_name(c->after));
	jw_key(w, "controls");
	jw_arr_begin(w);
	for (j = 0; j < c->ncontrols; j++) {
		jw_obj_begin(w);
		jw_key(w, "check");
		jw_str(w, c->controls[j].check->id);
		jw_key(w, "title");
		jw_str(w, c->controls[j].check->title);
		jw_key(w, "pass");
		jw_int(w, (long long)c->controls[j].pass);
		jw_key(w, "fail");
		jw_int(w, (long long)c->controls[j].fail);
		jw_key(w, "other");
		jw_int(w, (long long)c->controls[j].other);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "advice");
	jw_str_or_null(w, c->advice);
	jw_obj_end(w);
}

void ys_map_json(struct strbuf *sb, const struct ys_map *m)
{
	struct jw w;
	size_t i, k;
	int l;

	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "account");
	jw_str_or_null(&w, m->account);
	jw_key(&w, "taken");
	jw_time_or_null(&w, m->taken);
	jw_key(&w, "ages_from");
	jw_time_or_null(&w, m->ages_from);
	jw_key(&w, "ages_from_source");
	jw_str(&w, ys_now_from_name(m->ages_from_source));
	jw_key(&w, "layers");
	jw_arr_begin(&w);
	for (l = 0; l < YS_MAP_LAYERS; l++) {
		jw_obj_begin(&w);
		jw_key(&w, "id");
		jw_str(&w, m->layers[l].id);
		jw_key(&w, "name");
		jw_str(&w, m->layers[l].name);
		jw_key(&w, "yours_means");
		jw_str(&w, m->layers[l].does);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "services");
	jw_arr_begin(&w);
	for (i = 0; i < m->n; i++) {
		const struct ys_map_service *s = &m->services[i];

		jw_obj_begin(&w);
		jw_key(&w, "id");
		jw_str(&w, s->id);
		jw_key(&w, "name");
		jw_str(&w, s->name);
		jw_key(&w, "kind");
		jw_str(&w, s->kind);
		jw_key(&w, "resources");
		jw_int(&w, (long long)s->resources);
		jw_key(&w, "cells");
		jw_arr_begin(&w);
		for (l = 0; l < YS_MAP_LAYERS; l++)
			cell_json(&w, m, &s->cells[l], l);
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "yours");
	jw_obj_begin(&w);
	for (k = YS_CELL_IN_PLACE; k <= YS_CELL_UNSEEN; k++) {
		jw_key(&w, ys_cell_name((enum ys_cell)k));
		jw_int(&w, (long long)m->count[k]);
	}
	jw_obj_end(&w);
	jw_key(&w, "findings");
	jw_int(&w, (long long)m->findings);
	jw_key(&w, "not_in_snapshot");
	jw_arr_begin(&w);
	for (i = 0; i < m->nunknown; i++)
		jw_str(&w, m->unknown[i]);
	jw_arr_end(&w);
	if (m->vendors)
		ys_chain_json(&w, m->vendors, NULL);
	jw_obj_end(&w);
	strbuf_addch(sb, '\n');
}
