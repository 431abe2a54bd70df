/* map.h: the shared-responsibility map of one account: for each service it uses and each layer
 * of the stack, who is responsible under AWS's model (data/responsibility.tsv), and for the
 * customer's layers whether the controls are in place, from the audit's findings; then the
 * same account with every recommended control in place */
#ifndef YS_MAP_H
#define YS_MAP_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../base/strbuf.h"
#include "../checks/audit.h"
#include "../snapshot/snapshot.h"

#define YS_MAP_LAYERS 11

enum ys_owner { YS_OWN_NONE, YS_OWN_AWS, YS_OWN_SHARED, YS_OWN_CUSTOMER };

/* What a cell shows. */
enum ys_cell { YS_CELL_NONE, YS_CELL_AWS, YS_CELL_IN_PLACE, YS_CELL_PARTLY, YS_CELL_MISSING,
	       YS_CELL_UNSEEN };

struct ys_map_control {
	const struct ys_check *check;
	size_t pass, fail, other; /* findings: other is error or skip */
};

struct ys_map_cell {
	enum ys_owner owner;
	enum ys_cell now, after; /* as configured; with every recommended control in place */
	struct ys_map_control *controls;
	size_t ncontrols;
	const char *advice; /* what to put in place, where no check looks (or NULL) */
};

struct ys_map_service {
	const char *id, *kind, *name;
	size_t resources; /* what the snapshot lists of it (0 for the account and when unknown) */
	struct ys_map_cell cells[YS_MAP_LAYERS];
};

struct ys_map_layer {
	const char *id, *name, *does;
};

struct ys_vendors;

struct ys_map {
	const char *account; /* NULL when the snapshot does not say */
	int64_t taken;	     /* -1 when unknown */
	int64_t ages_from;   /* the audit's reference time, and where it came from */
	enum ys_now_from ages_from_source;
	struct ys_map_layer layers[YS_MAP_LAYERS];
	struct ys_map_service *services; /* the account, IAM, then the services in use */
	size_t n;
	const char *unknown[32]; /* services the snapshot cannot tell about (calls missing) */
	size_t nunknown;
	size_t count[YS_CELL_UNSEEN + 1]; /* customer and shared cells by what they show now */
	size_t findings, checks_run;	  /* what the audit gave */
	char *table;			  /* the responsibility table, which the strings point into */
	const struct ys_vendors *vendors; /* the vendors' side of the line (set by the caller), or NULL */
};

/* Builds the map of snap from the audit's result. */
int ys_map_build(struct ys_snapshot *snap, const struct ys_audit_result *audit, struct ys_map *m,
		 struct ys_error *err);
void ys_map_release(struct ys_map *m);
/* Only the layers (and the table they point into), for a drawing of many accounts. */
int ys_map_layers(struct ys_map *m, struct ys_error *err);

/* "aws", "in place", "partly", "missing", "not seen", "none" */
const char *ys_cell_name(enum ys_cell c);
const char *ys_owner_name(enum ys_owner o);
/* How the figures draw a cell: its words ("✓ in place"), fill, ink and class ("in-place"). */
const char *ys_cell_words(enum ys_cell c);
const char *ys_cell_fill(enum ys_cell c);
const char *ys_cell_ink(enum ys_cell c);
const char *ys_cell_class(enum ys_cell c);

/* The outputs: plain text, one JSON document, and a self-contained HTML page with the two
 * figures drawn in SVG. */
/* color: the grid's words and what is missing tinted (base/color.h) */
void ys_map_text(struct strbuf *sb, const struct ys_map *m, int color);
void ys_map_json(struct strbuf *sb, const struct ys_map *m);
void ys_map_html(struct strbuf *sb, const struct ys_map *m);
/* The style every page shares (page.c): a table sits in <div class="scroll">, so that one too
 * wide scrolls there and never the page. */
extern const char ys_page_style[];
/* The map page's own style, after it (html.c; an organization's map page uses it too). */
extern const char ys_map_style[];
/* Appends s with &, <, >, " and ' escaped for HTML and SVG. */
void ys_html_escape(struct strbuf *sb, const char *s);
/* One figure as SVG: after 0 for the account as configured, 1 with every control in place. */
void ys_map_svg(struct strbuf *sb, const struct ys_map *m, int after);

#endif
