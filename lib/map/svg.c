/* svg.c: one figure of the map as SVG: a column per service, a row per layer, each cell filled,
 * patterned and labelled (so that neither print nor colour blindness loses its meaning), and
 * the line between the customer's layers and AWS's drawn through the columns */
#include <stdio.h>
#include <string.h>
#include "map.h"
#include "../banned.h"

#define LABEL_W 210
#define CELL_W 122
#define CELL_H 38
#define HEAD_H 58
#define LEGEND_H 86

/* what a cell says, so that its meaning never rests on colour alone */
static const char *const words[] = {"—", "AWS", "✓ in place", "◐ partly", "✗ missing", "? not seen"};
static const char *const fills[] = {"#f5f5f5", "#e6e6e6", "#1b7837", "#fdb863", "#b2182b", "#ffffff"};
static const char *const inks[] = {"#9e9e9e", "#424242", "#ffffff", "#111111", "#ffffff", "#111111"};
static const char *const classes[] = {"none", "aws", "in-place", "partly", "missing", "not-seen"};

const char *ys_cell_words(enum ys_cell c)
{
	return words[c];
}

const char *ys_cell_fill(enum ys_cell c)
{
	return fills[c];
}

const char *ys_cell_ink(enum ys_cell c)
{
	return inks[c];
}

const char *ys_cell_class(enum ys_cell c)
{
	return classes[c];
}

void ys_html_escape(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&#39;"); break;
		default: strbuf_addch(sb, *s);
		}
	}
}

static void defs(struct strbuf *sb, int after)
{
	strbuf_addf(sb, "<defs><pattern id=\"aws%d\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
			"patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#e6e6e6\"/>"
			"<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#bdbdbd\" stroke-width=\"3\"/></pattern>"
			"<pattern id=\"shared%d\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
			"<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"#616161\"/></pattern></defs>", after, after);
}

/* the index below which a column's cells are all AWS's (or none): where the line runs */
static int line_row(const struct ys_map_service *s)
{
	int l, last = -1;

	for (l = 0; l < YS_MAP_LAYERS; l++)
		if (s->cells[l].owner == YS_OWN_CUSTOMER || s->cells[l].owner == YS_OWN_SHARED)
			last = l;
	return last + 1;
}

static void cell(struct strbuf *sb, const struct ys_map *m, const struct ys_map_service *s, int l,
		 int after, int x, int y)
{
	const struct ys_map_cell *c = &s->cells[l];
	enum ys_cell v = after ? c->after : c->now;
	const char *fill = fills[v];
	char pat[16];

	if (v == YS_CELL_AWS) {
		snprintf(pat, sizeof(pat), "url(#aws%d)", after);
		fill = pat;
	}
	strbuf_addf(sb, "<g class=\"cell %s\" data-figure=\"%d\" data-service=\"%s\" data-layer=\"%s\" "
			"data-owner=\"%s\" data-status=\"%s\"><title>", classes[v], after + 1, s->id,
		    m->layers[l].id, ys_owner_name(c->owner), ys_cell_name(v));
	ys_html_escape(sb, s->name);
	strbuf_addstr(sb, ", ");
	ys_html_escape(sb, m->layers[l].name);
	strbuf_addf(sb, ": %s%s</title>", ys_cell_name(v), c->owner == YS_OWN_SHARED ? " (shared with AWS)" : "");
	strbuf_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"%s\" stroke=\"%s\" "
			"stroke-width=\"1\"%s/>", x + 1, y + 1, CELL_W - 2, CELL_H - 2, fill,
		    v == YS_CELL_UNSEEN ? "#424242" : "#ffffff",
		    v == YS_CELL_UNSEEN ? " stroke-dasharray=\"4 3\"" : "");
	if (c->owner == YS_OWN_SHARED) /* a dotted strip on the left: AWS does part of it */
		strbuf_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"%d\" fill=\"url(#shared%d)\" "
				"opacity=\"0.9\"/>", x + 2, y + 2, CELL_H - 4, after);
	strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\" font-size=\"13\"%s>%s</text>",
		    x + CELL_W / 2 + (c->owner == YS_OWN_SHARED ? 6 : 0), y + CELL_H / 2 + 4, inks[v],
		    v == YS_CELL_MISSING || v == YS_CELL_PARTLY ? " font-weight=\"bold\"" : "", words[v]);
	if (c->owner == YS_OWN_SHARED)
		strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"%s\" font-size=\"9\">shared</text>",
			    x + CELL_W - 5, y + CELL_H - 5, inks[v]);
	strbuf_addstr(sb, "</g>");
}

static void legend(struct strbuf *sb, int after, int y)
{
	static const enum ys_cell order[] = {YS_CELL_IN_PLACE, YS_CELL_PARTLY, YS_CELL_MISSING,
					     YS_CELL_UNSEEN, YS_CELL_AWS, YS_CELL_NONE};
	static const char *const said[] = {"every control seen is there", "some are there, some not",
					   "none of those seen is there", "no check looks here",
					   "AWS's work", "not a layer of it"};
	size_t i;

	strbuf_addstr(sb, "<g class=\"legend\" font-size=\"12\">");
	for (i = 0; i < sizeof(order) / sizeof(*order); i++) {
		int x = 10 + (int)(i % 3) * 300, yy = y + (int)(i / 3) * 24;

		strbuf_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"26\" height=\"18\" fill=\"", x, yy);
		if (order[i] == YS_CELL_AWS)
			strbuf_addf(sb, "url(#aws%d)", after);
		else
			strbuf_addstr(sb, fills[order[i]]);
		strbuf_addf(sb, "\" stroke=\"#424242\" stroke-width=\"0.5\"%s/><text x=\"%d\" y=\"%d\">%s: %s</text>",
			    order[i] == YS_CELL_UNSEEN ? " stroke-dasharray=\"4 3\"" : "", x + 32, yy + 13,
			    words[order[i]], said[i]);
	}
	strbuf_addf(sb, "<rect x=\"10\" y=\"%d\" width=\"14\" height=\"18\" fill=\"url(#shared%d)\" stroke=\"#424242\" "
			"stroke-width=\"0.5\"/><text x=\"30\" y=\"%d\">shared: AWS does part, you configure the rest</text>",
		    y + 48, after, y + 61);
	strbuf_addf(sb, "<line x1=\"310\" y1=\"%d\" x2=\"350\" y2=\"%d\" stroke=\"#08306b\" stroke-width=\"5\"/>"
			"<text x=\"358\" y=\"%d\">the line: yours above it, AWS's below</text></g>", y + 57, y + 57, y + 61);
}

void ys_map_svg(struct strbuf *sb, const struct ys_map *m, int after)
{
	int width = LABEL_W + (int)m->n * CELL_W + 20, cols = (int)m->n;
	int height = HEAD_H + YS_MAP_LAYERS * CELL_H + 16 + LEGEND_H, l, i;
	int prev = -1, first = HEAD_H + (cols ? line_row(&m->services[0]) : YS_MAP_LAYERS) * CELL_H;

	if (width < 760)
		width = 760;
	strbuf_addf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"figure\" id=\"svg-%d\" "
			"data-figure=\"%d\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
			"font-family=\"DejaVu Sans, Verdana, sans-serif\" aria-labelledby=\"svg-%d-title\">",
		    after + 1, after + 1, width, height, width, height, after + 1);
	strbuf_addf(sb, "<title id=\"svg-%d-title\">Figure %d: %s</title>", after + 1, after + 1,
		    after ? "the same account with every recommended control in place"
			  : "the account as it is configured now");
	defs(sb, after);
	/* the corner */
	strbuf_addf(sb, "<text x=\"10\" y=\"24\" font-size=\"13\" font-weight=\"bold\">layer</text>"
			"<text x=\"10\" y=\"42\" font-size=\"11\" fill=\"#424242\">service →</text>");
	for (i = 0; i < cols; i++) {
		const struct ys_map_service *s = &m->services[i];
		int x = LABEL_W + i * CELL_W;

		strbuf_addf(sb, "<g class=\"service\" data-service=\"%s\"><text x=\"%d\" y=\"22\" text-anchor=\"middle\" "
				"font-size=\"13\" font-weight=\"bold\">", s->id, x + CELL_W / 2);
		ys_html_escape(sb, s->name);
		strbuf_addf(sb, "</text><text x=\"%d\" y=\"38\" text-anchor=\"middle\" font-size=\"10\" fill=\"#424242\">",
			    x + CELL_W / 2);
		ys_html_escape(sb, s->kind);
		if (s->resources)
			strbuf_addf(sb, " · %zu", s->resources);
		strbuf_addstr(sb, "</text></g>");
	}
	for (l = 0; l < YS_MAP_LAYERS; l++) {
		int y = HEAD_H + l * CELL_H;

		strbuf_addf(sb, "<text x=\"10\" y=\"%d\" font-size=\"12\" class=\"layer\" data-layer=\"%s\">", y + CELL_H / 2 + 4,
			    m->layers[l].id);
		ys_html_escape(sb, m->layers[l].name);
		strbuf_addstr(sb, "</text>");
		for (i = 0; i < cols; i++)
			cell(sb, m, &m->services[i], l, after, LABEL_W + i * CELL_W, y);
	}
	/* the line: under each column's last layer of its own, joined from column to column */
	strbuf_addstr(sb, "<polyline class=\"the-line\" fill=\"none\" stroke=\"#08306b\" stroke-width=\"5\" "
			  "stroke-linejoin=\"round\" points=\"");
	for (i = 0; i < cols; i++) {
		int row = line_row(&m->services[i]), y = HEAD_H + row * CELL_H, x = LABEL_W + i * CELL_W;

		if (prev >= 0 && prev != y)
			strbuf_addf(sb, "%d,%d ", x, prev);
		strbuf_addf(sb, "%d,%d %d,%d ", i ? x : LABEL_W - 6, y, x + CELL_W, y);
		prev = y;
	}
	strbuf_addstr(sb, "\"/>");
	strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#08306b\" font-weight=\"bold\">"
			"↑ yours</text><text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#08306b\" "
			"font-weight=\"bold\">↓ AWS's</text>", LABEL_W - 58, first - 6, LABEL_W - 58, first + 14);
	legend(sb, after, HEAD_H + YS_MAP_LAYERS * CELL_H + 14);
	strbuf_addstr(sb, "</svg>");
}
