/* output.c: the report as JSON, as text, and as one self-contained HTML page: the minute a
 * manager has first (verdict, top risks), then the incidents, the line, and every finding */
#include <stdio.h>
#include <string.h>
#include "report.h"
#include "../base/color.h"
#include "../vendors/chain.h"
#include "../base/isotime.h"
#include "../checks/orgsummary.h"
#include "../map/orgmap.h"
#include "../json/jwrite.h"
#include "../banned.h"

static const char *const rank_names[] = {"info", "low", "medium", "high", "critical"};

void ys_report_json(struct strbuf *sb, const struct ys_report *r)
{
	struct jw w;
	size_t i;

	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "account");
	jw_str_or_null(&w, r->account);
	if (r->org) {
		jw_key(&w, "organization");
		ys_report_org_json(&w, r->org);
	}
	jw_key(&w, "generated");
	jw_time_or_null(&w, r->generated);
	jw_key(&w, "ages_from");
	jw_time_or_null(&w, r->audit ? r->audit->now : -1);
	jw_key(&w, "ages_from_source");
	if (r->audit)
		jw_str(&w, ys_now_from_name(r->audit->now_from));
	else
		jw_null(&w);
	jw_key(&w, "verdict");
	jw_str(&w, r->verdict);
	jw_key(&w, "met");
	jw_bool(&w, r->met);
	jw_key(&w, "top_risks");
	jw_arr_begin(&w);
	for (i = 0; i < r->ntop; i++)
		jw_str(&w, r->top[i].words);
	jw_arr_end(&w);
	jw_key(&w, "counts");
	jw_obj_begin(&w);
	for (i = 5; i-- > 0;) {
		jw_key(&w, rank_names[i]);
		jw_int(&w, (long long)r->by_rank[i]);
	}
	jw_obj_end(&w);
	jw_key(&w, "findings");
	jw_arr_begin(&w);
	for (i = 0; i < r->n; i++) {
		jw_obj_begin(&w);
		jw_key(&w, "severity");
		jw_str(&w, rank_names[r->risks[i].rank]);
		jw_key(&w, "source");
		jw_str(&w, r->risks[i].source);
		jw_key(&w, "title");
		jw_str(&w, r->risks[i].title);
		jw_key(&w, "where");
		jw_str(&w, r->risks[i].where);
		jw_key(&w, "remediation");
		jw_str(&w, r->risks[i].remediation);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	if (r->vendors || r->saas)
		ys_chain_json(&w, r->vendors, r->saas);
	jw_key(&w, "not_checked");
	jw_arr_begin(&w);
	for (i = 0; i < r->nnotes; i++)
		jw_str(&w, r->notes[i]);
	if (r->incidents)
		for (i = 0; i < r->incidents->nnotes; i++)
			jw_str(&w, r->incidents->notes[i]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addch(sb, '\n');
}

/* What a kind of risk is, before its heading: an alert's rule, a leaked secret's title. */
static const char *const kind_words[] = {"incident: ", "attack seen in CloudTrail: ", "in the code: ", ""};

void ys_report_text(struct strbuf *sb, const struct ys_report *r)
{
	size_t i, j, n;

	char t[32];

	if (r->org) {
		strbuf_addf(sb, "Security report for %s\n", r->org->run->org ? "an organization" : "several accounts");
		if (r->audit && r->audit->now_from == YS_NOW_GIVEN) {
			ys_format_time(r->audit->now, t);
			strbuf_addf(sb, "Ages measured from %s, %s.\n", t, ys_now_from_words(r->audit->now_from));
		} else {
			strbuf_addstr(sb, "Ages measured in each account from when its snapshot was taken.\n");
		}
		strbuf_addch(sb, '\n');
		ys_org_summary_text(sb, r->org, 0);
	} else {
		strbuf_addf(sb, "Security report for account %s\n", r->account ? r->account : "(unknown)");
	}
	if (r->audit && !r->org) {
		ys_format_time(r->audit->now, t);
		strbuf_addf(sb, "Ages measured from %s, %s.\n", t, ys_now_from_words(r->audit->now_from));
	}
	strbuf_addf(sb, "\n%s\n", r->verdict);
	strbuf_addf(sb, "%zu findings: %zu critical, %zu high, %zu medium, %zu low, %zu info\n", r->n,
		    r->by_rank[4], r->by_rank[3], r->by_rank[2], r->by_rank[1], r->by_rank[0]);
	if (r->ntop) {
		strbuf_addstr(sb, "\nTop risks:\n");
		for (i = 0; i < r->ntop; i++)
			strbuf_addf(sb, "  %zu. [%s%s%s] %s\n", i + 1, ys_tint_severity(rank_names[r->top[i].rank], r->color),
				    rank_names[r->top[i].rank], ys_tint_reset(r->color), r->top[i].words);
	}
	if (r->vendors || r->saas)
		ys_chain_text(sb, r->vendors, r->saas);
	strbuf_addstr(sb, "\nEvery finding, worst first, under its kind:\n");
	for (i = 0; i < r->n; i += n) {
		n = ys_risk_group_len(r, i);
		strbuf_addf(sb, "\n  %s%s%s%*s %s%s", ys_tint_severity(rank_names[r->risks[i].rank], r->color),
			    rank_names[r->risks[i].rank], ys_tint_reset(r->color),
			    (int)(8 - strlen(rank_names[r->risks[i].rank])), "", kind_words[ys_risk_source(&r->risks[i])],
			    r->risks[i].group);
		if (n > 1)
			strbuf_addf(sb, " (%zu)", n);
		strbuf_addch(sb, '\n');
		for (j = i; j < i + n; j++) {
			const struct ys_risk *k = &r->risks[j];

			if (strcmp(k->title, k->group))
				strbuf_addf(sb, "    - %s\n      where: %s\n", k->title, k->where);
			else
				strbuf_addf(sb, "    - %s\n", k->where);
			strbuf_addf(sb, "      fix: %s\n", k->remediation);
		}
	}
	for (i = 0; i < r->nnotes; i++)
		strbuf_addf(sb, "%snot checked: %s\n", i ? "" : "\n", r->notes[i]);
}

/* the report's own, after the style every page shares (lib/map/page.c) */
static const char style[] =
	"h1{font-size:1.7em}.verdict{font-size:1.15em;font-weight:bold;padding:.6em .9em;border:3px solid #111}"
	".verdict.met{border-style:solid}.verdict.not-met{border-style:double}table{width:100%}"
	"ol.top li{margin:.3em 0;font-size:1.05em}tr.kind th{background:#fff;padding-top:1em;font-size:1.05em}"
	"@media (max-width:600px){.cards tr.kind,.cards tr.kind th{display:block;border:0}}";

static void esc(struct strbuf *sb, const char *s)
{
	ys_html_escape(sb, s ? s : "");
}

/* what the report is of: "account 111122223333", "organization o-a1b2c3d4e5", "4 accounts" */
static void subject(struct strbuf *sb, const struct ys_report *r)
{
	char title[200];

	if (r->orgmap) {
		esc(sb, ys_org_map_title(r->orgmap, title, sizeof(title)));
		return;
	}
	strbuf_addstr(sb, "account ");
	esc(sb, r->account ? r->account : "(unknown)");
}

static const char org_style[] = ".unaudited{font-weight:bold}";

void ys_report_html(struct strbuf *sb, const struct ys_report *r)
{
	struct strbuf inc = STRBUF_INIT;
	char t[32];
	size_t i, end;

	ys_format_time(r->generated, t);
	strbuf_addstr(sb, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
			  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
			  "style-src 'unsafe-inline'\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
			  "<title>Security report for ");
	subject(sb, r);
	strbuf_addf(sb, "</title><style>%s%s%s</style></head><body><h1>Security report for ", ys_page_style, style,
		    r->org ? org_style : "");
	subject(sb, r);
	strbuf_addf(sb, "</h1><p>Made %s by yourside.", t);
	if (r->org) {
		if (r->org->run->management) {
			strbuf_addstr(sb, " Management account ");
			esc(sb, r->org->run->management);
			strbuf_addch(sb, '.');
		}
		if (!r->audit || r->audit->now_from != YS_NOW_GIVEN)
			strbuf_addstr(sb, " Ages are measured in each account from when its snapshot was taken.");
	}
	if (r->audit && (!r->org || r->audit->now_from == YS_NOW_GIVEN)) {
		ys_format_time(r->audit->now, t);
		strbuf_addf(sb, " Ages are measured from %s, ", t);
		esc(sb, ys_now_from_words(r->audit->now_from));
		strbuf_addch(sb, '.');
	}
	strbuf_addstr(sb, "</p>");
	if (r->org)
		ys_report_org_html(sb, r->org);
	strbuf_addstr(sb, "<h2 id=\"summary\">In one minute</h2>");
	strbuf_addf(sb, "<p class=\"verdict %s\" id=\"verdict\">%s ", r->met ? "met" : "not-met", r->met ? "✓" : "✗");
	esc(sb, r->verdict);
	strbuf_addf(sb, "</p><p id=\"counts\" data-findings=\"%zu\">%zu findings: <b>%zu critical</b>, %zu high, "
			"%zu medium, %zu low, %zu info.</p>", r->n, r->n, r->by_rank[4], r->by_rank[3], r->by_rank[2],
		    r->by_rank[1], r->by_rank[0]);
	if (r->ntop) {
		strbuf_addstr(sb, "<p>The risks to deal with first:</p><ol class=\"top\" id=\"top\">");
		for (i = 0; i < r->ntop; i++) {
			strbuf_addf(sb, "<li><span class=\"sev sev-%s\">%s</span> ", rank_names[r->top[i].rank],
				    rank_names[r->top[i].rank]);
			esc(sb, r->top[i].words);
			strbuf_addstr(sb, "</li>");
		}
		strbuf_addstr(sb, "</ol>");
	}
	if (r->nnotes || (r->incidents && r->incidents->nnotes)) {
		strbuf_addstr(sb, "<p><b>Not checked:</b></p><ul id=\"not-checked\">");
		for (i = 0; i < r->nnotes; i++) {
			strbuf_addstr(sb, "<li>");
			esc(sb, r->notes[i]);
			strbuf_addstr(sb, "</li>");
		}
		for (i = 0; r->incidents && i < r->incidents->nnotes; i++) {
			strbuf_addstr(sb, "<li>");
			esc(sb, r->incidents->notes[i]);
			strbuf_addstr(sb, "</li>");
		}
		strbuf_addstr(sb, "</ul>");
	}
	if (r->incidents && r->incidents->n) {
		ys_incidents_text(&inc, r->incidents);
		strbuf_addstr(sb, "<h2 id=\"incidents\">Incidents</h2><pre>");
		esc(sb, inc.buf);
		strbuf_addstr(sb, "</pre>");
		strbuf_release(&inc);
	}
	if (r->orgmap) {
		strbuf_addstr(sb, "<h2 id=\"line\">Where AWS's work ends and yours begins, account by account</h2><figure>");
		ys_org_map_svg(sb, r->orgmap);
		strbuf_addstr(sb, "<figcaption>Each row one account, each cell the services it uses in that layer "
				  "(<code>yourside map</code> on the organization's folder draws it with its legend "
				  "and counts).</figcaption></figure>");
	} else if (r->map) {
		strbuf_addstr(sb, "<h2 id=\"line\">Where AWS's work ends and yours begins</h2><figure>");
		ys_map_svg(sb, r->map, 0);
		strbuf_addstr(sb, "<figcaption>The account as configured now: everything above the line is "
				  "yours (<code>yourside map</code> draws it with every control in place).</figcaption></figure>");
	}
	ys_chain_html(sb, r->vendors, r->saas);
	strbuf_addstr(sb, "<h2 id=\"findings\">Every finding, worst first</h2><div class=\"scroll\"><table id=\"all\" class=\"cards\"><tr><th>severity</th>"
			  "<th>from</th><th>what</th><th>where</th><th>what to do</th></tr>");
	for (i = 0, end = 0; i < r->n; i++) {
		if (i == end) { /* a kind's heading, as text has it */
			size_t n = ys_risk_group_len(r, i);

			end = i + n;

			strbuf_addf(sb, "<tr class=\"kind\"><th colspan=\"5\"><span class=\"sev sev-%s\">%s</span> ",
				    rank_names[r->risks[i].rank], rank_names[r->risks[i].rank]);
			esc(sb, kind_words[ys_risk_source(&r->risks[i])]);
			esc(sb, r->risks[i].group);
			if (n > 1)
				strbuf_addf(sb, " (%zu)", n);
			strbuf_addstr(sb, "</th></tr>");
		}
		strbuf_addf(sb, "<tr class=\"finding\" data-severity=\"%s\" data-source=\"%s\"><td class=\"sev sev-%s\">%s</td><td data-label=\"from\">%s</td><td>",
			    rank_names[r->risks[i].rank], r->risks[i].source, rank_names[r->risks[i].rank],
			    rank_names[r->risks[i].rank], r->risks[i].source);
		esc(sb, r->risks[i].title);
		strbuf_addstr(sb, "</td><td data-label=\"where\">");
		esc(sb, r->risks[i].where);
		strbuf_addstr(sb, "</td><td data-label=\"what to do\">");
		esc(sb, r->risks[i].remediation);
		strbuf_addstr(sb, "</td></tr>");
	}
	if (!r->n)
		strbuf_addstr(sb, "<tr><td colspan=\"5\">nothing was found in what was given</td></tr>");
	strbuf_addstr(sb, "</table></div><footer>Severity words and a symbol carry every meaning colour carries. "
			  "Findings come from yourside audit (the account's configuration), secrets "
			  "(credentials in code), detect (CloudTrail) and incident (the three joined).</footer>"
			  "</body></html>\n");
}
