/* orgsummary.c: an organization's audit summed up: the organization's findings, each account's
 * failures by severity with the worst of them, and the checks failing in the most accounts;
 * and all of it as text */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "orgsummary.h"
#include "../base/severity.h"
#include "../json/jwrite.h"
#include "../banned.h"

static int rank(const struct ys_finding *f)
{
	int r = ys_severity_rank(f->check->severity);

	return r < 0 ? 0 : r > 4 ? 4 : r;
}

/* accounts not audited first (suspended ones last of all), then the most severe failures */
static int cmp_rows(const void *pa, const void *pb)
{
	const struct ys_org_row *a = pa, *b = pb;
	int ka = a->m->audited ? 1 : a->m->suspended ? 2 : 0, kb = b->m->audited ? 1 : b->m->suspended ? 2 : 0, i;

	if (ka != kb)
		return ka - kb;
	for (i = 4; i >= 0; i--)
		if (a->fail[i] != b->fail[i])
			return a->fail[i] < b->fail[i] ? 1 : -1;
	if (a->errors != b->errors)
		return a->errors < b->errors ? 1 : -1;
	return strcmp(a->m->id, b->m->id);
}

static int cmp_failing(const void *pa, const void *pb)
{
	const struct ys_org_failing *a = pa, *b = pb;
	int ra = ys_severity_rank(a->check->severity), rb = ys_severity_rank(b->check->severity);

	if (a->n != b->n)
		return a->n < b->n ? 1 : -1;
	if (ra != rb)
		return rb - ra;
	return strcmp(a->check->id, b->check->id);
}

static int rows(const struct ys_org_run *r, struct ys_org_summary *s)
{
	size_t i, j;

	if (!(s->rows = calloc(r->n ? r->n : 1, sizeof(*s->rows))))
		return -1;
	for (i = 0; i < r->n; i++) {
		struct ys_org_row *row = &s->rows[s->nrows++];
		const struct ys_audit_result *a = r->m[i].r;

		row->m = &r->m[i];
		for (j = 0; a && j < a->n; j++) {
			const struct ys_finding *f = &a->f[j];

			if (f->status == YS_F_FAIL) {
				row->fail[rank(f)]++;
				row->failing++;
				if (!row->worst)
					row->worst = f; /* the result is sorted: the first failure is the worst */
			} else {
				row->errors += f->status == YS_F_ERROR;
				row->skips += f->status == YS_F_SKIP;
			}
		}
	}
	qsort(s->rows, s->nrows, sizeof(*s->rows), cmp_rows);
	return 0;
}

/* Adds account m to check c's list, once. */
static int fails_in(struct ys_org_summary *s, size_t *cap, const struct ys_check *c, const struct ys_org_member *m)
{
	struct ys_org_failing *x;
	size_t i;

	for (i = 0; i < s->nfailing && s->failing[i].check != c; i++)
		;
	if (i == s->nfailing) {
		if (s->nfailing == *cap) {
			size_t n = *cap ? *cap * 2 : 32;

			if (!(x = realloc(s->failing, n * sizeof(*x))))
				return -1;
			s->failing = x;
			*cap = n;
		}
		x = &s->failing[s->nfailing++];
		x->check = c;
		x->n = 0;
		if (!(x->who = calloc(s->nrows ? s->nrows : 1, sizeof(*x->who))))
			return -1;
	}
	x = &s->failing[i];
	if (!x->n || x->who[x->n - 1] != m)
		x->who[x->n++] = m;
	return 0;
}

static int failing(struct ys_org_summary *s)
{
	size_t i, j, cap = 0;

	/* in the rows' order, so each check names its accounts worst first */
	for (i = 0; i < s->nrows; i++) {
		const struct ys_audit_result *a = s->rows[i].m->r;

		for (j = 0; a && j < a->n; j++)
			if (a->f[j].status == YS_F_FAIL && fails_in(s, &cap, a->f[j].check, s->rows[i].m))
				return -1;
	}
	if (s->nfailing)
		qsort(s->failing, s->nfailing, sizeof(*s->failing), cmp_failing);
	return 0;
}

int ys_org_summary_build(const struct ys_org_run *r, struct ys_org_summary *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	s->run = r;
	if (r->all.n && !(s->own = calloc(r->all.n, sizeof(*s->own))))
		return -1;
	for (i = 0; i < r->all.n; i++)
		if (r->all.f[i].check->org) {
			s->own[s->nown++] = &r->all.f[i];
			s->own_pass += r->all.f[i].status == YS_F_PASS;
		}
	if (rows(r, s) || failing(s)) {
		ys_org_summary_release(s);
		return -1;
	}
	return 0;
}

void ys_org_summary_release(struct ys_org_summary *s)
{
	size_t i;

	for (i = 0; i < s->nfailing; i++)
		free(s->failing[i].who);
	free(s->failing);
	free(s->rows);
	free(s->own);
	memset(s, 0, sizeof(*s));
}

const char *ys_org_summary_counts(const struct ys_org_summary *s, char *out, size_t n)
{
	size_t i, audited = 0, suspended = 0;

	for (i = 0; i < s->nrows; i++) {
		audited += s->rows[i].m->audited;
		suspended += !s->rows[i].m->audited && s->rows[i].m->suspended;
	}
	snprintf(out, n, "%zu account%s: %zu audited, %zu not audited%s", s->nrows, s->nrows == 1 ? "" : "s",
		 audited, s->nrows - audited - suspended, suspended ? ", suspended or closing: " : "");
	if (suspended)
		snprintf(out + strlen(out), n - strlen(out), "%zu", suspended);
	return out;
}

static void heading(struct strbuf *sb, const struct ys_org_summary *s)
{
	const struct ys_org_run *r = s->run;
	char counts[200];

	if (r->org)
		strbuf_addf(sb, "Organization %s (management account %s): %s\n", r->id ? r->id : "(unknown)",
			    r->management ? r->management : "unknown", ys_org_summary_counts(s, counts, sizeof(counts)));
	else
		strbuf_addf(sb, "Accounts given as snapshot folders (no organization folder): %s\n",
			    ys_org_summary_counts(s, counts, sizeof(counts)));
}

static void own_text(struct strbuf *sb, const struct ys_org_summary *s, int all)
{
	size_t i, shown = 0;

	strbuf_addstr(sb, "\nOrganization-level findings:\n");
	for (i = 0; i < s->nown; i++) {
		const struct ys_finding *f = s->own[i];

		if (f->status == YS_F_PASS && !all)
			continue;
		shown++;
		strbuf_addf(sb, "  %s %s %s\n    %s\n", ys_fstatus_name(f->status), f->check->severity, f->check->id,
			    f->message);
		if (f->status == YS_F_FAIL)
			strbuf_addf(sb, "    fix: %s\n", f->remediation);
	}
	if (!shown && !s->own_pass)
		strbuf_addstr(sb, "  none: no organization check ran\n");
	else if (!all && s->own_pass)
		strbuf_addf(sb, "  (%zu passed%s)\n", s->own_pass, shown ? "" : ": nothing failed");
}

static void rows_text(struct strbuf *sb, const struct ys_org_summary *s)
{
	char label[300];
	size_t i;

	strbuf_addstr(sb, "\nAccounts, worst first (failing findings by severity):\n");
	for (i = 0; i < s->nrows; i++) {
		const struct ys_org_row *w = &s->rows[i];

		ys_org_member_label(w->m, label, sizeof(label));
		if (!w->m->audited) {
			strbuf_addf(sb, "  %-30s NOT AUDITED: %s\n", label, w->m->why);
			continue;
		}
		strbuf_addf(sb, "  %-30s %zu critical, %zu high, %zu medium, %zu low, %zu info", label, w->fail[4],
			    w->fail[3], w->fail[2], w->fail[1], w->fail[0]);
		if (w->errors || w->skips)
			strbuf_addf(sb, "; %zu error%s, %zu skip%s", w->errors, w->errors == 1 ? "" : "s", w->skips,
				    w->skips == 1 ? "" : "s");
		strbuf_addch(sb, '\n');
		if (w->worst)
			strbuf_addf(sb, "      worst: %s %s: %s\n", w->worst->check->severity, w->worst->check->id,
				    w->worst->message);
	}
}

static void failing_text(struct strbuf *sb, const struct ys_org_summary *s)
{
	char label[300];
	size_t i, j, audited = 0;

	for (i = 0; i < s->nrows; i++)
		audited += s->rows[i].m->audited;
	strbuf_addf(sb, "\nControls failing in the most accounts (of %zu audited):\n", audited);
	if (!s->nfailing)
		strbuf_addstr(sb, "  none\n");
	for (i = 0; i < s->nfailing; i++) {
		const struct ys_org_failing *x = &s->failing[i];

		strbuf_addf(sb, "  %zu  %-8s %s: %s\n      ", x->n, x->check->severity, x->check->id, x->check->title);
		for (j = 0; j < x->n; j++)
			strbuf_addf(sb, "%s%s", j ? ", " : "", ys_org_member_label(x->who[j], label, sizeof(label)));
		strbuf_addch(sb, '\n');
	}
}

void ys_org_summary_text(struct strbuf *sb, const struct ys_org_summary *s, int all)
{
	heading(sb, s);
	own_text(sb, s, all);
	rows_text(sb, s);
	failing_text(sb, s);
}

void ys_org_member_json(struct jw *w, const struct ys_org_member *m)
{
	jw_key(w, "id");
	jw_str(w, m->id);
	jw_key(w, "name");
	jw_str(w, m->name);
	jw_key(w, "audited");
	jw_bool(w, m->audited);
	jw_key(w, "reason");
	if (m->audited)
		jw_null(w);
	else
		jw_str(w, m->why);
}
