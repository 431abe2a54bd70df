/* html.c: the map as one self-contained HTML page (no script, no request leaves it: its Content
 * Security Policy forbids them): a summary in plain words, Figure 1 and Figure 2, what to put in
 * place where, and what each layer means */
#include <stdio.h>
#include "map.h"
#include "../vendors/chain.h"
#include "../base/isotime.h"
#include "../banned.h"

/* the map's own, after the style every page shares (page.c); orghtml.c's page uses it too */
const char ys_map_style[] =
	"h1{font-size:1.7em}.lead{font-size:1.05em;max-width:60em}.n{font-size:1.6em;font-weight:bold}"
	".summary td{text-align:center;min-width:2.5em}.status-missing,.status-partly{font-weight:bold}"
	"code{font-size:.95em}@media (max-width:600px){.n{font-size:1.25em}.summary td{min-width:0}.summary th{font-size:.8em}}";

static void summary(struct strbuf *sb, const struct ys_map *m)
{
	size_t mine = m->count[YS_CELL_IN_PLACE] + m->count[YS_CELL_PARTLY] + m->count[YS_CELL_MISSING] +
		      m->count[YS_CELL_UNSEEN];

	strbuf_addf(sb, "<div class=\"scroll\"><table class=\"summary\" id=\"summary\"><tr><th>your layers</th><th>✓ in place</th>"
			"<th>◐ partly</th><th>✗ missing</th><th>? not seen</th></tr><tr>"
			"<td class=\"n\" data-count=\"yours\">%zu</td><td class=\"n\" data-count=\"in place\">%zu</td>"
			"<td class=\"n\" data-count=\"partly\">%zu</td><td class=\"n\" data-count=\"missing\">%zu</td>"
			"<td class=\"n\" data-count=\"not seen\">%zu</td></tr></table></div>",
		    mine, m->count[YS_CELL_IN_PLACE], m->count[YS_CELL_PARTLY], m->count[YS_CELL_MISSING],
		    m->count[YS_CELL_UNSEEN]);
}

static void todo(struct strbuf *sb, const struct ys_map *m)
{
	size_t i, j, rows = 0;
	int l;

	strbuf_addstr(sb, "<h2 id=\"todo\">What to put in place</h2><div class=\"scroll\"><table class=\"cards\"><tr><th>service</th><th>layer</th>"
			  "<th>now</th><th>what must hold (checks failing)</th></tr>");
	for (i = 0; i < m->n; i++)
		for (l = 0; l < YS_MAP_LAYERS; l++) {
			const struct ys_map_cell *c = &m->services[i].cells[l];

			if (c->now != YS_CELL_MISSING && c->now != YS_CELL_PARTLY && c->now != YS_CELL_UNSEEN)
				continue;
			rows++;
			strbuf_addstr(sb, "<tr><td>");
			ys_html_escape(sb, m->services[i].name);
			strbuf_addstr(sb, "</td><td data-label=\"layer\">");
			ys_html_escape(sb, m->layers[l].name);
			strbuf_addf(sb, "</td><td class=\"status-%s\" data-label=\"now\">%s</td><td>",
				    c->now == YS_CELL_MISSING ? "missing" : c->now == YS_CELL_PARTLY ? "partly" : "unseen",
				    ys_cell_name(c->now));
			for (j = 0; j < c->ncontrols; j++) {
				if (!c->controls[j].fail)
					continue;
				ys_html_escape(sb, c->controls[j].check->title);
				strbuf_addf(sb, " (<code>%s</code>: %zu of %zu failing)<br>", c->controls[j].check->id,
					    c->controls[j].fail, c->controls[j].fail + c->controls[j].pass);
			}
			if (c->advice && (c->now == YS_CELL_UNSEEN || !c->ncontrols)) {
				strbuf_addstr(sb, "recommended: ");
				ys_html_escape(sb, c->advice);
			}
			strbuf_addstr(sb, "</td></tr>");
		}
	if (!rows)
		strbuf_addstr(sb, "<tr><td colspan=\"4\">nothing: every layer of yours that a check sees is in place</td></tr>");
	strbuf_addstr(sb, "</table></div><p><code>yourside audit SNAPSHOT</code> lists each failing resource and its exact fix.</p>");
}

static void layers(struct strbuf *sb, const struct ys_map *m)
{
	int l;

	strbuf_addstr(sb, "<h2>What each layer means when it is yours</h2><div class=\"scroll\"><table>");
	for (l = 0; l < YS_MAP_LAYERS; l++) {
		strbuf_addstr(sb, "<tr><th>");
		ys_html_escape(sb, m->layers[l].name);
		strbuf_addstr(sb, "</th><td>");
		ys_html_escape(sb, m->layers[l].does);
		strbuf_addstr(sb, "</td></tr>");
	}
	strbuf_addstr(sb, "</table></div>");
}

void ys_map_html(struct strbuf *sb, const struct ys_map *m)
{
	char t[32] = "";
	size_t i;

	if (m->taken >= 0)
		ys_format_time(m->taken, t);
	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			  "style-src 'unsafe-inline'\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
			  "<title>The line for account ");
	ys_html_escape(sb, m->account ? m->account : "(unknown)");
	strbuf_addf(sb, "</title><style>%s%s</style></head><body>", ys_page_style, ys_map_style);
	strbuf_addstr(sb, "<h1>Where AWS's work ends and yours begins</h1><p class=\"lead\">Account <b>");
	ys_html_escape(sb, m->account ? m->account : "(unknown)");
	strbuf_addstr(sb, "</b>");
	if (*t)
		strbuf_addf(sb, ", as its snapshot showed it on %s", t);
	if (m->ages_from_source != YS_NOW_SNAPSHOT) {
		ys_format_time(m->ages_from, t);
		strbuf_addf(sb, " (ages are measured from %s, ", t);
		ys_html_escape(sb, ys_now_from_words(m->ages_from_source));
		strbuf_addstr(sb, ")");
	}
	strbuf_addstr(sb, ". AWS builds and guards the data centres, the servers, its network and the "
			  "software that keeps customers apart. Everything above the thick line in these "
			  "figures is yours: who may log in and with what, which networks reach your "
			  "machines, whether data is encrypted, whether anyone is watching, and whether a "
			  "backup survives an attacker. The famous cloud breaches all happened above the line.</p>");
	summary(sb, m);
	strbuf_addstr(sb, "<figure id=\"figure-1\">");
	ys_map_svg(sb, m, 0);
	strbuf_addstr(sb, "<figcaption>Figure 1. The account as it is configured now.</figcaption></figure>"
			  "<figure id=\"figure-2\">");
	ys_map_svg(sb, m, 1);
	strbuf_addstr(sb, "<figcaption>Figure 2. The same account with every recommended control in place: "
			  "the line does not move, but everything above it is done.</figcaption></figure>");
	if (m->nunknown) {
		strbuf_addstr(sb, "<p id=\"unknown\"><b>Not in the snapshot, or unreadable there:</b> ");
		for (i = 0; i < m->nunknown; i++) {
			if (i)
				strbuf_addstr(sb, ", ");
			ys_html_escape(sb, m->unknown[i]);
		}
		strbuf_addstr(sb, ". The snapshot does not say whether the account uses them, so they are not drawn.</p>");
	}
	todo(sb, m);
	layers(sb, m);
	if (m->vendors)
		ys_chain_html(sb, m->vendors, NULL);
	strbuf_addf(sb, "<footer>Made by yourside from an account snapshot and %zu audit findings. Who does "
			"what follows AWS's Shared Responsibility Model and the kinds of service it names "
			"(infrastructure, container, abstracted, storage). A layer is <i>not seen</i> when "
			"none of yourside's checks looks at it: it is yours all the same.</footer></body></html>\n",
		    m->findings);
}
