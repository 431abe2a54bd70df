/* orgmap.h: the line drawn for an organization: one row per account, each layer of the stack
 * condensed over the services that account uses, as its own map shows them */
#ifndef YS_ORGMAP_H
#define YS_ORGMAP_H

#include <stddef.h>
#include "map.h"
#include "../base/strbuf.h"
#include "../checks/orgaudit.h"

/* One account's layer: what its own map's cells in that layer add up to. */
struct ys_org_map_cell {
	enum ys_cell now;  /* from the controls of its yours and shared cells: some fail and some
			    * pass is partly; all fail, missing; all pass, in place; none seen, not
			    * seen; no cell of it yours: AWS (or none) */
	size_t cells[YS_CELL_UNSEEN + 1]; /* its services' cells in this layer, by what they show */
	size_t pass, fail;		  /* the controls' findings */
};

struct ys_org_map_row {
	const struct ys_org_member *m;
	struct ys_org_map_cell cells[YS_MAP_LAYERS]; /* not audited: every cell none */
	size_t services;			      /* the columns of its own map */
	size_t count[YS_CELL_UNSEEN + 1];	      /* its condensed cells that are yours, by status */
};

struct ys_org_map {
	const struct ys_org_run *run;
	struct ys_map layers; /* the layers, and the table they point into */
	struct ys_org_map_row *rows; /* in the order the organization lists its accounts */
	size_t n, audited;
	size_t count[YS_CELL_UNSEEN + 1]; /* every row's condensed cells that are yours, by status */
};

/* Builds each audited account's map and condenses it into its row. */
int ys_org_map_build(const struct ys_org_run *run, struct ys_org_map *om, struct ys_error *err);
void ys_org_map_release(struct ys_org_map *om);

void ys_org_map_text(struct strbuf *sb, const struct ys_org_map *om);
void ys_org_map_json(struct strbuf *sb, const struct ys_org_map *om);
void ys_org_map_html(struct strbuf *sb, const struct ys_org_map *om);
/* The grid alone, as SVG (a g.cell per account and layer with data-account, data-layer and
 * data-status), for the organization's report too. */
void ys_org_map_svg(struct strbuf *sb, const struct ys_org_map *om);
/* "organization o-... (5 accounts, 4 audited)" or "4 accounts given", into out[n]. */
const char *ys_org_map_title(const struct ys_org_map *om, char *out, size_t n);

#endif
