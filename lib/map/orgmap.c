/* orgmap.c: each audited account's map condensed into one row of layers; the organization's map
 * as text and as JSON */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "orgmap.h"
#include "../checks/orgsummary.h"
#include "../json/jwrite.h"
#include "../banned.h"

static enum ys_cell condense(struct ys_org_map_cell *oc, const struct ys_map *m, int l)
{
	size_t i, j;
	int yours = 0, aws = 0;

	for (i = 0; i < m->n; i++) {
		const struct ys_map_cell *c = &m->services[i].cells[l];

		oc->cells[c->now]++;
		if (c->owner == YS_OWN_AWS)
			aws = 1;
		if (c->owner != YS_OWN_CUSTOMER && c->owner != YS_OWN_SHARED)
			continue;
		yours = 1;
		for (j = 0; j < c->ncontrols; j++) {
			oc->pass += c->controls[j].pass;
			oc->fail += c->controls[j].fail;
		}
	}
	if (!yours)
		return aws ? YS_CELL_AWS : YS_CELL_NONE;
	if (oc->fail)
		return oc->pass ? YS_CELL_PARTLY : YS_CELL_MISSING;
	return oc->pass ? YS_CELL_IN_PLACE : YS_CELL_UNSEEN;
}

static int row_of(struct ys_org_map *om, struct ys_org_map_row *row, const struct ys_org_member *mem,
		  struct ys_error *err)
{
	struct ys_map m;
	int l;

	row->m = mem;
	if (!mem->audited)
		return 0;
	if (ys_map_build(mem->snap, mem->r, &m, err))
		return err->code ? err->code : YS_ENOMEM;
	row->services = m.n;
	for (l = 0; l < YS_MAP_LAYERS; l++) {
		enum ys_cell c = condense(&row->cells[l], &m, l);

		row->cells[l].now = c;
		if (c >= YS_CELL_IN_PLACE) {
			row->count[c]++;
			om->count[c]++;
		}
	}
	om->audited++;
	ys_map_release(&m);
	return 0;
}

int ys_org_map_build(const struct ys_org_run *run, struct ys_org_map *om, struct ys_error *err)
{
	size_t i;
	int rc;

	memset(om, 0, sizeof(*om));
	om->run = run;
	if ((rc = ys_map_layers(&om->layers, err)))
		return rc;
	if (!(om->rows = calloc(run->n ? run->n : 1, sizeof(*om->rows)))) {
		ys_org_map_release(om);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	for (i = 0; i < run->n; i++) {
		if ((rc = row_of(om, &om->rows[i], &run->m[i], err))) {
			ys_org_map_release(om);
			return rc;
		}
		om->n++;
	}
	return 0;
}

void ys_org_map_release(struct ys_org_map *om)
{
	ys_map_release(&om->layers);
	free(om->rows);
	memset(om, 0, sizeof(*om));
}

const char *ys_org_map_title(const struct ys_org_map *om, char *out, size_t n)
{
	if (om->run->org)
		snprintf(out, n, "organization %s (%zu account%s, %zu audited)", om->run->id ? om->run->id : "(unknown)",
			 om->n, om->n == 1 ? "" : "s", om->audited);
	else
		snprintf(out, n, "%zu accounts given (%zu audited)", om->n, om->audited);
	return out;
}

static const char *const short_names[] = {"-", "AWS", "in place", "PARTLY", "MISSING", "not seen"};

void ys_org_map_text(struct strbuf *sb, const struct ys_org_map *om)
{
	char title[200], label[300];
	size_t i, mine;
	int l;

	strbuf_addf(sb, "The line across %s: one row per account, each layer over the services it uses\n\n",
		    ys_org_map_title(om, title, sizeof(title)));
	strbuf_addf(sb, "%-32s", "account");
	for (l = 0; l < YS_MAP_LAYERS; l++)
		strbuf_addf(sb, l + 1 < YS_MAP_LAYERS ? " %-10.10s" : " %.10s", om->layers.layers[l].id);
	strbuf_addch(sb, '\n');
	for (i = 0; i < om->n; i++) {
		const struct ys_org_map_row *r = &om->rows[i];

		strbuf_addf(sb, "%-32.32s", ys_org_member_label(r->m, label, sizeof(label)));
		if (!r->m->audited) {
			strbuf_addf(sb, " not audited: %s\n", r->m->why);
			continue;
		}
		for (l = 0; l < YS_MAP_LAYERS; l++)
			strbuf_addf(sb, l + 1 < YS_MAP_LAYERS ? " %-10s" : " %s", short_names[r->cells[l].now]);
		strbuf_addch(sb, '\n');
	}
	strbuf_addstr(sb, "\nLayers:");
	for (l = 0; l < YS_MAP_LAYERS; l++)
		strbuf_addf(sb, "%s %s = %s", l ? "," : "", om->layers.layers[l].id, om->layers.layers[l].name);
	strbuf_addstr(sb, ".\nA cell adds up the account's services in that layer: PARTLY when some controls "
			  "fail and some pass, MISSING when all fail.\n\n");
	mine = om->count[YS_CELL_IN_PLACE] + om->count[YS_CELL_PARTLY] + om->count[YS_CELL_MISSING] +
	       om->count[YS_CELL_UNSEEN];
	strbuf_addf(sb, "Your layers in %zu audited account%s: %zu: %zu in place, %zu partly, %zu missing, %zu not "
			"seen by any check\n", om->audited, om->audited == 1 ? "" : "s", mine, om->count[YS_CELL_IN_PLACE],
		    om->count[YS_CELL_PARTLY], om->count[YS_CELL_MISSING], om->count[YS_CELL_UNSEEN]);
	if (om->n > om->audited)
		strbuf_addf(sb, "%zu account%s not audited: nothing is known of %s layers.\n", om->n - om->audited,
			    om->n - om->audited == 1 ? "" : "s", om->n - om->audited == 1 ? "its" : "their");
	strbuf_addstr(sb, "`yourside map` on one account's folder draws its services one by one.\n");
}

static void counts_json(struct jw *w, const size_t *count)
{
	size_t k;

	jw_obj_begin(w);
	for (k = YS_CELL_IN_PLACE; k <= YS_CELL_UNSEEN; k++) {
		jw_key(w, ys_cell_name((enum ys_cell)k));
		jw_int(w, (long long)count[k]);
	}
	jw_obj_end(w);
}

static void row_json(struct jw *w, const struct ys_org_map *om, const struct ys_org_map_row *r)
{
	int l;

	jw_obj_begin(w);
	ys_org_member_json(w, r->m);
	jw_key(w, "services");
	jw_int(w, (long long)r->services);
	jw_key(w, "cells");
	jw_arr_begin(w);
	for (l = 0; r->m->audited && l < YS_MAP_LAYERS; l++) {
		const struct ys_org_map_cell *c = &r->cells[l];

		jw_obj_begin(w);
		jw_key(w, "layer");
		jw_str(w, om->layers.layers[l].id);
		jw_key(w, "now");
		jw_str(w, ys_cell_name(c->now));
		jw_key(w, "services");
		counts_json(w, c->cells);
		jw_key(w, "pass");
		jw_int(w, (long long)c->pass);
		jw_key(w, "fail");
		jw_int(w, (long long)c->fail);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_key(w, "yours");
	counts_json(w, r->count);
	jw_obj_end(w);
}

void ys_org_map_json(struct strbuf *sb, const struct ys_org_map *om)
{
	struct jw w;
	size_t i;
	int l;

	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "organization");
	jw_str_or_null(&w, om->run->id);
	jw_key(&w, "management_account");
	jw_str_or_null(&w, om->run->management);
	jw_key(&w, "layers");
	jw_arr_begin(&w);
	for (l = 0; l < YS_MAP_LAYERS; l++) {
		jw_obj_begin(&w);
		jw_key(&w, "id");
		jw_str(&w, om->layers.layers[l].id);
		jw_key(&w, "name");
		jw_str(&w, om->layers.layers[l].name);
		jw_key(&w, "yours_means");
		jw_str(&w, om->layers.layers[l].does);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "accounts");
	jw_arr_begin(&w);
	for (i = 0; i < om->n; i++)
		row_json(&w, om, &om->rows[i]);
	jw_arr_end(&w);
	jw_key(&w, "yours");
	counts_json(&w, om->count);
	jw_key(&w, "audited");
	jw_int(&w, (long long)om->audited);
	jw_key(&w, "not_audited");
	jw_int(&w, (long long)(om->n - om->audited));
	jw_obj_end(&w);
	strbuf_addch(sb, '\n');
}
