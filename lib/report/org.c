/* org.c: the report's organization parts, first in it: the organization's own findings, each
 * account worst first, and the controls failing in the most accounts, as JSON and HTML (the
 * text is the audit's, lib/checks/orgsummary.c) */
#include <stdio.h>
#include <string.h>
#include "report.h"
#include "../checks/orgsummary.h"
#include "../json/jwrite.h"
#include "../map/orgmap.h"
#include "../banned.h"

static const char *const rank_names[] = {"info", "low", "medium", "high", "critical"};

static void finding_json(struct jw *w, const struct ys_finding *f)
{
	jw_obj_begin(w);
	jw_key(w, "check");
	jw_str(w, f->check->id);
	jw_key(w, "status");
	jw_str(w, ys_fstatus_name(f->status));
	jw_key(w, "severity");
	jw_str(w, f->check->severity);
	jw_key(w, "account");
	jw_str_or_null(w, f->account);
	jw_key(w, "resource");
	jw_str(w, f->resource);
	jw_key(w, "title");
	jw_str(w, f->check->title);
	jw_key(w, "message");
	jw_str(w, f->message);
	jw_key(w, "remediation");
	jw_str(w, f->remediation);
	jw_obj_end(w);
}

static void row_json(struct jw *w, const struct ys_org_row *row)
{
	int i;

	jw_obj_begin(w);
	ys_org_member_json(w, row->m);
	jw_key(w, "failing");
	jw_obj_begin(w);
	for (i = 4; i >= 0; i--) {
		jw_key(w, rank_names[i]);
		jw_int(w, (long long)row->fail[i]);
	}
	jw_obj_end(w);
	jw_key(w, "errors");
	jw_int(w, (long long)row->errors);
	jw_key(w, "skips");
	jw_int(w, (long long)row->skips);
	jw_key(w, "worst");
	if (!row->worst) {
		jw_null(w);
	} else {
		jw_obj_begin(w);
		jw_key(w, "check");
		jw_str(w, row->worst->check->id);
		jw_key(w, "severity");
		jw_str(w, row->worst->check->severity);
		jw_key(w, "message");
		jw_str(w, row->worst->message);
		jw_obj_end(w);
	}
	jw_obj_end(w);
}

void ys_report_org_json(struct jw *w, const struct ys_org_summary *s)
{
	const struct ys_org_run *r = s->run;
	size_t i, j, audited = 0, suspended = 0;

	for (i = 0; i < s->nrows; i++) {
		audited += s->rows[i].m->audited;
		suspended += !s->rows[i].m->audited && s->rows[i].m->suspended;
	}
	jw_obj_begin(w);
	jw_key(w, "id");
	jw_str_or_null(w, r->id);
	jw_key(w, "management_account");
	jw_str_or_null(w, r->management);
	jw_key(w, "accounts_total");
	jw_int(w, (long long)s->nrows);
	jw_key(w, "audited");
	jw_int(w, (long long)audited);
	jw_key(w, "not_audited");
	jw_int(w, (long long)(s->nrows - audited - suspended));
	jw_key(w, "suspended");
	jw_int(w, (long long)suspended);
	jw_key(w, "findings");
	jw_arr_begin(w);
	for (i = 0; i < s->nown; i++)
		finding_json(w, s->own[i]);
	jw_arr_end(w);
	jw_key(w, "accounts");
	jw_arr_begin(w);
	for (i = 0; i < s->nrows; i++)
		row_json(w, &s->rows[i]);
	jw_arr_end(w);
	jw_key(w, "failing_in_most");
	jw_arr_begin(w);
	for (i = 0; i < s->nfailing; i++) {
		const struct ys_org_failing *x = &s->failing[i];

		jw_obj_begin(w);
		jw_key(w, "check");
		jw_str(w, x->check->id);
		jw_key(w, "title");
		jw_str(w, x->check->title);
		jw_key(w, "severity");
		jw_str(w, x->check->severity);
		jw_key(w, "accounts");
		jw_int(w, (long long)x->n);
		jw_key(w, "which");
		jw_arr_begin(w);
		for (j = 0; j < x->n; j++)
			jw_str(w, x->who[j]->id);
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

static void esc(struct strbuf *sb, const char *s)
{
	ys_html_escape(sb, s ? s : "");
}

static void own_html(struct strbuf *sb, const struct ys_org_summary *s)
{
	size_t i, shown = 0;

	strbuf_addstr(sb, "<h2 id=\"organization\">The organization</h2><div class=\"scroll\"><table id=\"org-findings\" class=\"cards\"><tr><th>status</th>"
			  "<th>severity</th><th>what must hold</th><th>what was found</th><th>what to do</th></tr>");
	for (i = 0; i < s->nown; i++) {
		const struct ys_finding *f = s->own[i];
		const char *sev = f->check->severity;

		if (f->status == YS_F_PASS)
			continue;
		shown++;
		strbuf_addf(sb, "<tr class=\"org-finding\" data-check=\"%s\" data-status=\"%s\"><td>%s</td>"
				"<td class=\"sev sev-%s\">%s</td><td>", f->check->id, ys_fstatus_name(f->status),
			    ys_fstatus_name(f->status), sev, sev);
		esc(sb, f->check->title);
		strbuf_addf(sb, " <code>%s</code></td><td data-label=\"what was found\">", f->check->id);
		esc(sb, f->message);
		strbuf_addstr(sb, "</td><td data-label=\"what to do\">");
		if (f->status == YS_F_FAIL)
			esc(sb, f->remediation);
		strbuf_addstr(sb, "</td></tr>");
	}
	if (!shown)
		strbuf_addstr(sb, "<tr><td colspan=\"5\">nothing failed at the organization's level</td></tr>");
	strbuf_addf(sb, "</table></div><p>%zu organization finding%s passed.</p>", s->own_pass, s->own_pass == 1 ? "" : "s");
}

static void rows_html(struct strbuf *sb, const struct ys_org_summary *s)
{
	size_t i;

	strbuf_addstr(sb, "<h2 id=\"accounts\">Accounts, worst first</h2><div class=\"scroll\"><table id=\"account-rows\" class=\"cards\"><tr><th>account</th>"
			  "<th>name</th><th>audited</th><th>critical</th><th>high</th><th>medium</th><th>low</th>"
			  "<th>info</th><th>the worst finding</th></tr>");
	for (i = 0; i < s->nrows; i++) {
		const struct ys_org_row *w = &s->rows[i];

		strbuf_addf(sb, "<tr class=\"account\" data-account=\"%s\" data-audited=\"%s\"><td class=\"id\">%s</td><td class=\"id\">",
			    w->m->id, w->m->audited ? "yes" : "no", w->m->id);
		esc(sb, w->m->name);
		if (!w->m->audited) {
			strbuf_addstr(sb, "</td><td class=\"unaudited\" data-label=\"audited\">⚠ no</td><td colspan=\"6\" class=\"unaudited\">not audited: ");
			esc(sb, w->m->why);
			strbuf_addstr(sb, "</td></tr>");
			continue;
		}
		strbuf_addf(sb, "</td><td data-label=\"audited\">yes</td><td data-label=\"critical\">%zu</td>"
				"<td data-label=\"high\">%zu</td><td data-label=\"medium\">%zu</td><td data-label=\"low\">%zu</td>"
				"<td data-label=\"info\">%zu</td><td data-label=\"the worst finding\">", w->fail[4],
			    w->fail[3], w->fail[2], w->fail[1], w->fail[0]);
		if (w->worst) {
			strbuf_addf(sb, "<span class=\"sev sev-%s\">%s</span> <code>%s</code>: ", w->worst->check->severity,
				    w->worst->check->severity, w->worst->check->id);
			esc(sb, w->worst->message);
		} else {
			strbuf_addstr(sb, "nothing fails");
		}
		strbuf_addstr(sb, "</td></tr>");
	}
	strbuf_addstr(sb, "</table></div>");
}

static void failing_html(struct strbuf *sb, const struct ys_org_summary *s)
{
	size_t i, j;

	strbuf_addstr(sb, "<h2 id=\"failing\">Controls failing in the most accounts</h2><div class=\"scroll\"><table id=\"failing-in-most\" class=\"cards\">"
			  "<tr><th>accounts</th><th>severity</th><th>what must hold</th><th>where it fails</th></tr>");
	for (i = 0; i < s->nfailing; i++) {
		const struct ys_org_failing *x = &s->failing[i];

		strbuf_addf(sb, "<tr class=\"control\" data-check=\"%s\" data-accounts=\"%zu\"><td data-label=\"accounts\">%zu</td>"
				"<td class=\"sev sev-%s\">%s</td><td>", x->check->id, x->n, x->n, x->check->severity,
			    x->check->severity);
		esc(sb, x->check->title);
		strbuf_addf(sb, " <code>%s</code></td><td data-label=\"where it fails\">", x->check->id);
		for (j = 0; j < x->n; j++)
			strbuf_addf(sb, "%s%s", j ? ", " : "", x->who[j]->id);
		strbuf_addstr(sb, "</td></tr>");
	}
	if (!s->nfailing)
		strbuf_addstr(sb, "<tr><td colspan=\"4\">no control fails in any audited account</td></tr>");
	strbuf_addstr(sb, "</table></div>");
}

void ys_report_org_html(struct strbuf *sb, const struct ys_org_summary *s)
{
	own_html(sb, s);
	rows_html(sb, s);
	failing_html(sb, s);
}
