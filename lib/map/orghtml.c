/* orghtml.c: the organization's map as SVG (a row per account, a column per layer) and as one
 * self-contained page that fits a 1280-pixel screen: the grid scrolls inside its own frame when
 * it must, never the page */
#include <stdio.h>
#include <string.h>
#include "orgmap.h"
#include "../base/isotime.h"
#include "../banned.h"

#define LABEL_W 230
#define CELL_W 88
#define CELL_H 34
#define HEAD_H 50
#define LEGEND_H 56

/* s shortened to at most n characters (bytes of UTF-8 kept whole), with "…" when cut. */
static void shortened(struct strbuf *sb, const char *s, size_t n)
{
	size_t len = strlen(s), k = n;

	if (len <= n) {
		ys_html_escape(sb, s);
		return;
	}
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	{
		char buf[512];

		snprintf(buf, sizeof(buf), "%.*s", (int)(k < sizeof(buf) ? k : sizeof(buf) - 1), s);
		ys_html_escape(sb, buf);
	}
	strbuf_addstr(sb, "…");
}

/* A layer's name in the heading, on two lines when long: split at the space nearest the middle. */
static void layer_head(struct strbuf *sb, const char *name, int x)
{
	size_t len = strlen(name), best = 0, i;
	char a[64], b[64];

	for (i = 1; i < len; i++)
		if (name[i] == ' ' && (!best || (i > len / 2 ? i - len / 2 : len / 2 - i) <
						    (best > len / 2 ? best - len / 2 : len / 2 - best)))
			best = i;
	strbuf_addf(sb, "<text x=\"%d\" y=\"20\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\">", x);
	if (len <= 12 || !best) {
		ys_html_escape(sb, name);
	} else {
		snprintf(a, sizeof(a), "%.*s", (int)best, name);
		snprintf(b, sizeof(b), "%s", name + best + 1);
		strbuf_addf(sb, "<tspan x=\"%d\">", x);
		ys_html_escape(sb, a);
		strbuf_addf(sb, "</tspan><tspan x=\"%d\" dy=\"13\">", x);
		ys_html_escape(sb, b);
		strbuf_addstr(sb, "</tspan>");
	}
	strbuf_addstr(sb, "</text>");
}

static void cell(struct strbuf *sb, const struct ys_org_map *om, const struct ys_org_map_row *r, int l, int x, int y)
{
	const struct ys_org_map_cell *c = &r->cells[l];
	size_t yours = c->cells[YS_CELL_IN_PLACE] + c->cells[YS_CELL_PARTLY] + c->cells[YS_CELL_MISSING] +
		       c->cells[YS_CELL_UNSEEN];

	strbuf_addf(sb, "<g class=\"cell %s\" data-account=\"%s\" data-layer=\"%s\" data-status=\"%s\"><title>",
		    ys_cell_class(c->now), r->m->id, om->layers.layers[l].id, ys_cell_name(c->now));
	ys_html_escape(sb, r->m->id);
	strbuf_addstr(sb, ", ");
	ys_html_escape(sb, om->layers.layers[l].name);
	strbuf_addf(sb, ": %s", ys_cell_name(c->now));
	if (yours)
		strbuf_addf(sb, " (of its %zu service%s with this layer theirs: %zu in place, %zu partly, %zu missing, "
				"%zu not seen)", yours, yours == 1 ? "" : "s", c->cells[YS_CELL_IN_PLACE],
			    c->cells[YS_CELL_PARTLY], c->cells[YS_CELL_MISSING], c->cells[YS_CELL_UNSEEN]);
	strbuf_addf(sb, "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"%s\" stroke=\"%s\"%s/>",
		    x + 1, y + 1, CELL_W - 2, CELL_H - 2,
		    c->now == YS_CELL_AWS ? "url(#org-aws)" : ys_cell_fill(c->now),
		    c->now == YS_CELL_UNSEEN ? "#424242" : "#ffffff",
		    c->now == YS_CELL_UNSEEN ? " stroke-dasharray=\"4 3\"" : "");
	strbuf_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\" font-size=\"11\"%s>%s</text></g>",
		    x + CELL_W / 2, y + CELL_H / 2 + 4, ys_cell_ink(c->now),
		    c->now == YS_CELL_MISSING || c->now == YS_CELL_PARTLY ? " font-weight=\"bold\"" : "",
		    ys_cell_words(c->now));
}

static void not_audited(struct strbuf *sb, const struct ys_org_map_row *r, int y)
{
	strbuf_addf(sb, "<g class=\"not-audited\" data-account=\"%s\"><title>", r->m->id);
	ys_html_escape(sb, r->m->id);
	strbuf_addstr(sb, " was not audited: ");
	ys_html_escape(sb, r->m->why);
	strbuf_addf(sb, "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"#ffffff\" "
			"stroke=\"#b2182b\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>"
			"<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#111111\"><tspan font-weight=\"bold\">⚠ not "
			"audited:</tspan> ", LABEL_W + 1, y + 1, YS_MAP_LAYERS * CELL_W - 2, CELL_H - 2, LABEL_W + 10,
		    y + CELL_H / 2 + 4);
	shortened(sb, r->m->why, 130);
	strbuf_addstr(sb, "</text></g>");
}

static void legend(struct strbuf *sb, int y)
{
	static const enum ys_cell order[] = {YS_CELL_IN_PLACE, YS_CELL_PARTLY, YS_CELL_MISSING, YS_CELL_UNSEEN,
					     YS_CELL_AWS, YS_CELL_NONE};
	static const char *const said[] = {"every control seen there", "some there, some not", "none seen there",
					   "no check looks", "AWS's work", "not a layer it uses"};
	size_t i;

	strbuf_addstr(sb, "<g class=\"legend\" font-size=\"11\">");
	for (i = 0; i < sizeof(order) / sizeof(*order); i++) {
		int x = 10 + (int)(i % 3) * 330, yy = y + (int)(i / 3) * 22;

		strbuf_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"24\" height=\"16\" fill=\"%s\" stroke=\"#424242\" "
				"stroke-width=\"0.5\"%s/><text x=\"%d\" y=\"%d\">%s: %s</text>", x, yy,
			    order[i] == YS_CELL_AWS ? "url(#org-aws)" : ys_cell_fill(order[i]),
			    order[i] == YS_CELL_UNSEEN ? " stroke-dasharray=\"4 3\"" : "", x + 30, yy + 12,
			    ys_cell_words(order[i]), said[i]);
	}
	strbuf_addstr(sb, "</g>");
}

void ys_org_map_svg(struct strbuf *sb, const struct ys_org_map *om)
{
	int width = LABEL_W + YS_MAP_LAYERS * CELL_W + 10, height = HEAD_H + (int)om->n * CELL_H + 14 + LEGEND_H;
	char label[300];
	size_t i;
	int l;

	strbuf_addf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"figure\" id=\"svg-org\" "
			"data-figure=\"organization\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
			"font-family=\"DejaVu Sans, Verdana, sans-serif\" aria-labelledby=\"svg-org-title\">"
			"<title id=\"svg-org-title\">The line across the organization: a row per account, a column per "
			"layer</title><defs><pattern id=\"org-aws\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" "
			"patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#e6e6e6\"/><line x1=\"0\" "
			"y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#bdbdbd\" stroke-width=\"3\"/></pattern></defs>",
		    width, height, width, height);
	strbuf_addstr(sb, "<text x=\"10\" y=\"20\" font-size=\"12\" font-weight=\"bold\">account</text>"
			  "<text x=\"10\" y=\"36\" font-size=\"10\" fill=\"#424242\">layer →</text>");
	for (l = 0; l < YS_MAP_LAYERS; l++) {
		strbuf_addf(sb, "<g class=\"layer\" data-layer=\"%s\">", om->layers.layers[l].id);
		layer_head(sb, om->layers.layers[l].name, LABEL_W + l * CELL_W + CELL_W / 2);
		strbuf_addstr(sb, "</g>");
	}
	for (i = 0; i < om->n; i++) {
		const struct ys_org_map_row *r = &om->rows[i];
		int y = HEAD_H + (int)i * CELL_H;

		strbuf_addf(sb, "<g class=\"account\" data-account=\"%s\" data-audited=\"%s\"><title>", r->m->id,
			    r->m->audited ? "yes" : "no");
		ys_html_escape(sb, ys_org_member_label(r->m, label, sizeof(label)));
		strbuf_addf(sb, "</title><text x=\"10\" y=\"%d\" font-size=\"12\"><tspan font-weight=\"bold\">", y + CELL_H / 2 + 4);
		ys_html_escape(sb, r->m->id);
		strbuf_addstr(sb, "</tspan> ");
		shortened(sb, r->m->name, 14);
		strbuf_addstr(sb, "</text></g>");
		if (!r->m->audited)
			not_audited(sb, r, y);
		for (l = 0; r->m->audited && l < YS_MAP_LAYERS; l++)
			cell(sb, om, r, l, LABEL_W + l * CELL_W, y);
	}
	legend(sb, HEAD_H + (int)om->n * CELL_H + 14);
	strbuf_addstr(sb, "</svg>");
}

/* after the style every page shares (page.c) and the map page's (html.c) */
static const char style[] = ".unaudited{font-weight:bold}";

static void summary(struct strbuf *sb, const struct ys_org_map *om)
{
	size_t mine = om->count[YS_CELL_IN_PLACE] + om->count[YS_CELL_PARTLY] + om->count[YS_CELL_MISSING] +
		      om->count[YS_CELL_UNSEEN];

	strbuf_addf(sb, "<div class=\"scroll\"><table class=\"summary\" id=\"summary\"><tr><th>your layers</th><th>✓ in place</th>"
			"<th>◐ partly</th><th>✗ missing</th><th>? not seen</th><th>⚠ accounts not audited</th></tr><tr>"
			"<td class=\"n\" data-count=\"yours\">%zu</td><td class=\"n\" data-count=\"in place\">%zu</td>"
			"<td class=\"n\" data-count=\"partly\">%zu</td><td class=\"n\" data-count=\"missing\">%zu</td>"
			"<td class=\"n\" data-count=\"not seen\">%zu</td><td class=\"n\" data-count=\"not audited\">%zu</td>"
			"</tr></table></div>", mine, om->count[YS_CELL_IN_PLACE], om->count[YS_CELL_PARTLY],
		    om->count[YS_CELL_MISSING], om->count[YS_CELL_UNSEEN], om->n - om->audited);
}

static void accounts(struct strbuf *sb, const struct ys_org_map *om)
{
	size_t i;

	strbuf_addstr(sb, "<h2 id=\"accounts\">Accounts</h2><div class=\"scroll\"><table id=\"account-rows\"><tr><th>account</th><th>name</th>"
			  "<th>services</th><th>✓ in place</th><th>◐ partly</th><th>✗ missing</th><th>? not seen</th></tr>");
	for (i = 0; i < om->n; i++) {
		const struct ys_org_map_row *r = &om->rows[i];

		strbuf_addf(sb, "<tr data-account=\"%s\"><td class=\"id\">%s</td><td>", r->m->id, r->m->id);
		ys_html_escape(sb, r->m->name);
		if (!r->m->audited) {
			strbuf_addstr(sb, "</td><td colspan=\"5\" class=\"unaudited\">not audited: ");
			ys_html_escape(sb, r->m->why);
			strbuf_addstr(sb, "</td></tr>");
			continue;
		}
		strbuf_addf(sb, "</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td><td>%zu</td></tr>", r->services,
			    r->count[YS_CELL_IN_PLACE], r->count[YS_CELL_PARTLY], r->count[YS_CELL_MISSING],
			    r->count[YS_CELL_UNSEEN]);
	}
	strbuf_addstr(sb, "</table></div><p><code>yourside map</code> on one account's folder draws its services one by one; "
			  "<code>yourside audit</code> on the organization's folder lists each failing resource and its fix.</p>");
}

void ys_org_map_html(struct strbuf *sb, const struct ys_org_map *om)
{
	char title[200];
	int l;

	ys_org_map_title(om, title, sizeof(title));
	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			  "style-src 'unsafe-inline'\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
			  "<title>The line across ");
	ys_html_escape(sb, title);
	strbuf_addf(sb, "</title><style>%s%s%s</style></head><body>", ys_page_style, ys_map_style, style);
	strbuf_addstr(sb, "<h1>Where AWS's work ends and yours begins, account by account</h1><p class=\"lead\">");
	ys_html_escape(sb, title);
	if (om->run->management) {
		strbuf_addstr(sb, ", management account ");
		ys_html_escape(sb, om->run->management);
	}
	strbuf_addstr(sb, ". Each row is one account; each column a layer of the stack, from the data down to the "
			  "buildings. A cell adds up the services the account uses in that layer, as its own map "
			  "shows them: <b>◐ partly</b> when some controls there fail and some pass, <b>✗ missing</b> "
			  "when every control seen fails. An account that could not be audited is said so: it is never "
			  "drawn as in place.</p>");
	summary(sb, om);
	strbuf_addstr(sb, "<figure id=\"figure-org\">");
	ys_org_map_svg(sb, om);
	strbuf_addstr(sb, "<figcaption>The organization as configured now, one account a row.</figcaption></figure>");
	accounts(sb, om);
	strbuf_addstr(sb, "<h2>What each layer means when it is yours</h2><div class=\"scroll\"><table>");
	for (l = 0; l < YS_MAP_LAYERS; l++) {
		strbuf_addstr(sb, "<tr><th>");
		ys_html_escape(sb, om->layers.layers[l].name);
		strbuf_addstr(sb, "</th><td>");
		ys_html_escape(sb, om->layers.layers[l].does);
		strbuf_addstr(sb, "</td></tr>");
	}
	strbuf_addstr(sb, "</table></div><footer>Made by yourside from each account's snapshot and its audit. Who does what "
			  "follows AWS's Shared Responsibility Model. A layer is <i>not seen</i> when none of "
			  "yourside's checks looks at it: it is yours all the same.</footer></body></html>\n");
}
