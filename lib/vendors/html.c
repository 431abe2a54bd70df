/* html.c: the vendor chain as one page a person can read and send on: every outsider worst
 * first with each way in, its guard, its reach and the first thing to do, and the questions for
 * each vendor; self-contained (no script, nothing fetched), fits a laptop's and a phone's width */
#include <stdio.h>
#include <string.h>
#include "output.h"
#include "../base/isotime.h"
#include "../map/map.h"
#include "../banned.h"

/* the page's own, after the style every page shares (lib/map/page.c) */
static const char style[] = "body{max-width:1200px}h3{font-size:1.1em;margin:1.6em 0 .4em}table{width:100%}"
			    ".first{font-weight:bold}ol.questions li{margin:.35em 0}"
			    "section.outsider{border-top:2px solid #ddd;margin-top:1.5em}";

static void esc(struct strbuf *sb, const char *s)
{
	ys_html_escape(sb, s ? s : "");
}

static void sev(struct strbuf *sb, int s)
{
	strbuf_addf(sb, "<td class=\"sev sev-%s\">%s</td>", ys_vseverity_name(s), ys_vseverity_name(s));
}

static void q_item(void *ctx, const char *q)
{
	struct strbuf *sb = ctx;

	strbuf_addstr(sb, "<li>");
	esc(sb, q);
	strbuf_addstr(sb, "</li>");
}

static void way_row(struct strbuf *sb, const struct ys_vendor *g, const struct ys_vway *w)
{
	char guards[160], access[64];

	strbuf_addf(sb, "<tr class=\"way\" data-severity=\"%s\"><td>", ys_vseverity_name(w->severity));
	esc(sb, w->what);
	strbuf_addstr(sb, " <code>");
	esc(sb, w->name);
	strbuf_addstr(sb, "</code>");
	if (w->region) {
		strbuf_addstr(sb, " (");
		esc(sb, w->region);
		strbuf_addch(sb, ')');
	}
	strbuf_addstr(sb, "</td><td data-label=\"actions\"><code>");
	esc(sb, w->actions);
	strbuf_addstr(sb, "</code></td><td data-label=\"guard\">");
	ys_vguard_words(w->guards, guards, sizeof(guards));
	esc(sb, w->open || !*guards ? "none" : guards);
	if (w->subjects) {
		strbuf_addstr(sb, "<br>subjects: <code>");
		esc(sb, w->subjects);
		strbuf_addstr(sb, "</code>");
	}
	strbuf_addstr(sb, "</td><td data-label=\"reaches\">");
	if (w->prin >= 0 && g->kind != YS_VK_SERVICE) {
		esc(sb, w->reach ? w->reach : "no data store or backup");
		strbuf_addstr(sb, "<br>last used: ");
		if (w->last_used)
			strbuf_addf(sb, "%.10s", w->last_used);
		else
			strbuf_addstr(sb, "never");
		if (w->idle_days >= 90)
			strbuf_addf(sb, " (%lld days)", (long long)w->idle_days);
	} else {
		esc(sb, ys_vaccess_words(w->access, access, sizeof(access)));
	}
	strbuf_addstr(sb, "</td>");
	sev(sb, w->severity);
	strbuf_addstr(sb, "<td>");
	if (w->why) {
		esc(sb, w->why);
		if (w->fix) {
			strbuf_addstr(sb, "<br><span class=\"first\">First:</span> ");
			esc(sb, w->fix);
		}
	}
	strbuf_addstr(sb, "</td></tr>");
}

static void outsider(struct strbuf *sb, const struct ys_vendors *v, const struct ys_vendor *g, size_t i)
{
	size_t j;

	strbuf_addf(sb, "<section class=\"outsider\" id=\"o%zu\" data-kind=\"%s\" data-severity=\"%s\" data-id=\"", i,
		    ys_vkind_name(g->kind), ys_vseverity_name(g->severity));
	esc(sb, g->id);
	strbuf_addstr(sb, "\"><h3>");
	esc(sb, g->name);
	if (g->kind == YS_VK_UNKNOWN) {
		strbuf_addch(sb, ' ');
		esc(sb, g->id);
	} else if (g->kind != YS_VK_ANYONE && strcmp(g->name, g->id) && !strstr(g->name, g->id)) {
		strbuf_addstr(sb, " <small>(");
		esc(sb, ys_vkind_name(g->kind));
		strbuf_addch(sb, ' ');
		esc(sb, g->id);
		strbuf_addstr(sb, ")</small>");
	}
	strbuf_addstr(sb, "</h3>");
	if (g->source) {
		strbuf_addstr(sb, "<p>Named by ");
		esc(sb, g->listed_in && strcmp(g->listed_in, "built in") ? g->listed_in : "the vendors' list");
		strbuf_addstr(sb, " after <code>");
		esc(sb, g->source);
		strbuf_addstr(sb, "</code>.</p>");
	}
	strbuf_addstr(sb, "<div class=\"scroll\"><table class=\"cards\"><thead><tr><th>way in</th><th>actions</th><th>guard</th><th>reaches</th>"
			  "<th>how bad</th><th>why, and the first thing to do</th></tr></thead><tbody>");
	for (j = 0; j < g->n; j++)
		way_row(sb, g, &g->w[j]);
	strbuf_addstr(sb, "</tbody></table></div>");
	if (ys_vendor_asked(g)) {
		strbuf_addstr(sb, "<p>Questions to send");
		if (g->kind == YS_VK_CI || g->kind == YS_VK_IDP)
			strbuf_addstr(sb, " (to the team that runs it)");
		strbuf_addstr(sb, ":</p><ol class=\"questions\">");
		ys_vendor_questions(v, g, q_item, sb);
		strbuf_addstr(sb, "</ol>");
	}
	strbuf_addstr(sb, "</section>");
}

void ys_vendors_html(struct strbuf *sb, const struct ys_vendors *v)
{
	char t[32];
	size_t i, outsiders = 0;

	ys_format_time(v->now, t);
	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
			  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			  "style-src 'unsafe-inline'\"><title>Who outside account ");
	esc(sb, v->account);
	strbuf_addf(sb, " can act in it</title><style>%s%s</style></head><body><h1>Who outside account ", ys_page_style,
		    style);
	esc(sb, v->account);
	strbuf_addstr(sb, " can act in it</h1><p>");
	for (i = 0; i < v->n; i++)
		outsiders += v->v[i].kind != YS_VK_SERVICE;
	strbuf_addf(sb, "<span id=\"count\" data-outsiders=\"%zu\">%zu outsider%s</span> found in %zu trust "
			"polic%s and %zu resource polic%s of the snapshot taken %s",
		    outsiders, outsiders, outsiders == 1 ? "" : "s", v->roles, v->roles == 1 ? "y" : "ies",
		    v->resources, v->resources == 1 ? "y" : "ies", t);
	if (v->org_id) {
		strbuf_addstr(sb, "; the account is in organization ");
		esc(sb, v->org_id);
	}
	strbuf_addstr(sb, ". Each is decided as IAM decides; a vendor is named only from the list of the "
			  "account ids vendors publish (or your own list), never guessed.</p>");
	strbuf_addstr(sb, "<h2 id=\"summary\">Worst first</h2><div class=\"scroll\"><table><thead><tr><th>outsider</th><th>kind</th>"
			  "<th>how bad</th><th>ways in</th></tr></thead><tbody>");
	for (i = 0; i < v->n; i++) {
		const struct ys_vendor *g = &v->v[i];

		strbuf_addf(sb, "<tr class=\"outsider-row\" data-severity=\"%s\"><td><a href=\"#o%zu\">",
			    ys_vseverity_name(g->severity), i);
		esc(sb, g->name);
		if (g->kind == YS_VK_UNKNOWN) {
			strbuf_addch(sb, ' ');
			esc(sb, g->id);
		}
		strbuf_addstr(sb, "</a></td><td>");
		esc(sb, ys_vkind_name(g->kind));
		strbuf_addstr(sb, "</td>");
		sev(sb, g->severity);
		strbuf_addf(sb, "<td>%zu</td></tr>", g->n);
	}
	strbuf_addstr(sb, "</tbody></table></div><h2 id=\"outsiders\">Each outsider</h2>");
	for (i = 0; i < v->n; i++)
		outsider(sb, v, &v->v[i], i);
	if (!v->n)
		strbuf_addstr(sb, "<p>Nobody outside the account can act in it.</p>");
	for (i = 0; i < v->nproblems; i++) {
		strbuf_addstr(sb, i ? "<br>" : "<h2 id=\"problems\">Not read</h2><p>");
		esc(sb, v->problems[i]);
	}
	if (v->nproblems)
		strbuf_addstr(sb, "</p>");
	strbuf_addstr(sb, "<footer>Made by yourside vendors. The vendors' account ids: fwdcloudsec/known_aws_accounts "
			  "(Apache-2.0).</footer></body></html>\n");
}
