/* report.c: writing audit findings and CIS controls as text, JSON, JSON Lines, CSV and SARIF */
#include <stdio.h>
#include <string.h>
#include "report.h"
#include "problems.h"
#include "../base/color.h"
#include "../base/severity.h"
#include "../json/jwrite.h"
#include "../json/sarif.h"
#include "../banned.h"

int ys_audit_format_parse(const char *s, enum ys_audit_format *out)
{
	static const struct {
		const char *name;
		enum ys_audit_format f;
	} names[] = {{"text", YS_AFMT_TEXT}, {"json", YS_AFMT_JSON}, {"jsonl", YS_AFMT_JSONL},
		     {"csv", YS_AFMT_CSV}, {"sarif", YS_AFMT_SARIF}};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name)) {
			*out = names[i].f;
			return 0;
		}
	return YS_EINVAL;
}

static void counts(const struct ys_cis *c, const struct ys_audit_result *r, size_t n[6],
		   size_t *automated)
{
	size_t i;

	memset(n, 0, 6 * sizeof(*n));
	*automated = 0;
	for (i = 0; i < c->n; i++) {
		if (!c->c[i].automated && !c->c[i].nchecks)
			continue;
		(*automated)++;
		n[ys_cis_verdict(&c->c[i], r)]++;
	}
}

int ys_cis_summary(const struct ys_cis *c, const struct ys_audit_result *r, char *line, size_t len)
{
	size_t n[6], a, open;
	char detail[160];

	counts(c, r, n, &a);
	open = n[YS_CIS_ERROR] + n[YS_CIS_SKIP] + n[YS_CIS_UNCHECKED];
	snprintf(detail, sizeof(detail), "%zu pass, %zu fail, %zu error, %zu skipped, %zu not checked by yourside",
		 n[YS_CIS_PASS], n[YS_CIS_FAIL], n[YS_CIS_ERROR], n[YS_CIS_SKIP], n[YS_CIS_UNCHECKED]);
	if (n[YS_CIS_FAIL])
		snprintf(line, len, "%s: not met — %zu of %zu automated controls fail (%s)",
			 c->name, n[YS_CIS_FAIL], a, detail);
	else if (open)
		snprintf(line, len, "%s: not determined — %zu of %zu automated controls could not be checked (%s)",
			 c->name, open, a, detail);
	else
		snprintf(line, len, "%s: met — all %zu automated controls pass", c->name, a);
	return !n[YS_CIS_FAIL] && !open;
}

/* -- JSON -- */

/* org: an organization's run, whose findings end with the account they are about */
static void finding_json(struct jw *w, const struct ys_finding *f, const struct ys_audit_report_opts *o,
			 int org)
{
	char ids[256], *p;

	ys_cis_ids_of(o->cis, f->check, ids, sizeof(ids));
	jw_obj_begin(w);
	jw_key(w, "check");
	jw_str(w, f->check->id);
	jw_key(w, "status");
	jw_str(w, ys_fstatus_name(f->status));
	jw_key(w, "severity");
	jw_str(w, f->check->severity);
	jw_key(w, "resource");
	jw_str(w, f->resource);
	jw_key(w, "region");
	jw_str(w, f->region);
	jw_key(w, "cis");
	jw_arr_begin(w);
	for (p = ids; *p;) {
		size_t k = strcspn(p, " ");

		jw_strn(w, p, k);
		p += k + (p[k] == ' ');
	}
	jw_arr_end(w);
	jw_key(w, "title");
	jw_str(w, f->check->title);
	jw_key(w, "message");
	jw_str(w, f->message);
	jw_key(w, "remediation");
	jw_str(w, f->remediation);
	if (org) {
		jw_key(w, "account");
		jw_str_or_null(w, f->account);
	}
	jw_obj_end(w);
}

static void controls_json(struct jw *w, const struct ys_audit_result *r, const struct ys_cis *c)
{
	char line[512];
	size_t i, j;
	int met = ys_cis_summary(c, r, line, sizeof(line));

	jw_key(w, "benchmark");
	jw_str(w, c->fsbp ? c->name : "CIS AWS Foundations");
	jw_key(w, "version");
	jw_str(w, c->version);
	jw_key(w, "met");
	jw_bool(w, met);
	jw_key(w, "verdict");
	jw_str(w, line);
	jw_key(w, "controls");
	jw_arr_begin(w);
	for (i = 0; i < c->n; i++) {
		const struct ys_cis_control *k = &c->c[i];

		jw_obj_begin(w);
		jw_key(w, "id");
		jw_str(w, k->id);
		jw_key(w, "title");
		jw_str(w, k->title);
		jw_key(w, "assessment");
		jw_str(w, k->automated ? "automated" : "manual");
		if (*k->severity) {
			jw_key(w, "severity");
			jw_str(w, k->severity);
		}
		jw_key(w, "verdict");
		jw_str(w, ys_cis_verdict_name(ys_cis_verdict(k, r)));
		jw_key(w, "checks");
		jw_arr_begin(w);
		for (j = 0; j < k->nchecks; j++)
			jw_str(w, k->checks[j]->id);
		jw_arr_end(w);
		jw_obj_end(w);
	}
	jw_arr_end(w);
}

static void report_json(struct strbuf *sb, const struct ys_audit_result *r,
			const struct ys_audit_report_opts *o)
{
	struct jw w;
	size_t i;

	jw_init(&w, sb, 1);
	if (o->compliance) {
		jw_obj_begin(&w);
		controls_json(&w, r, o->standard ? o->standard : o->cis);
		jw_key(&w, "findings");
	}
	jw_arr_begin(&w);
	for (i = 0; i < r->n; i++)
		finding_json(&w, &r->f[i], o, r->org);
	jw_arr_end(&w);
	if (o->compliance)
		jw_obj_end(&w);
	strbuf_addch(sb, '\n');
}

/* -- CSV (RFC 4180) -- */

static void csv_field(struct strbuf *sb, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n")) {
		strbuf_addch(sb, '"');
		for (; *s; s++) {
			if (*s == '"')
				strbuf_addch(sb, '"');
			strbuf_addch(sb, *s);
		}
		strbuf_addch(sb, '"');
	} else {
		strbuf_addstr(sb, s);
	}
	strbuf_addstr(sb, last ? "\r\n" : ",");
}

static void report_csv(struct strbuf *sb, const struct ys_audit_result *r,
		       const struct ys_audit_report_opts *o)
{
	char ids[256], checks[512];
	size_t i, j, k;

	if (o->compliance) {
		const struct ys_cis *std = o->standard ? o->standard : o->cis;

		strbuf_addstr(sb, "control,title,assessment,verdict,checks\r\n");
		for (i = 0; i < std->n; i++) {
			const struct ys_cis_control *c = &std->c[i];

			for (j = k = 0, checks[0] = '\0'; j < c->nchecks && k < sizeof(checks); j++)
				k += (size_t)snprintf(checks + k, sizeof(checks) - k, "%s%s", j ? " " : "",
						      c->checks[j]->id);
			csv_field(sb, c->id, 0);
			csv_field(sb, c->title, 0);
			csv_field(sb, c->automated ? "automated" : "manual", 0);
			csv_field(sb, ys_cis_verdict_name(ys_cis_verdict(c, r)), 0);
			csv_field(sb, checks, 1);
		}
		return;
	}
	strbuf_addstr(sb, r->org ? "check,status,severity,resource,region,cis,message,remediation,account\r\n"
				 : "check,status,severity,resource,region,cis,message,remediation\r\n");
	for (i = 0; i < r->n; i++) {
		const struct ys_finding *f = &r->f[i];

		ys_cis_ids_of(o->cis, f->check, ids, sizeof(ids));
		csv_field(sb, f->check->id, 0);
		csv_field(sb, ys_fstatus_name(f->status), 0);
		csv_field(sb, f->check->severity, 0);
		csv_field(sb, f->resource, 0);
		csv_field(sb, f->region, 0);
		csv_field(sb, ids, 0);
		csv_field(sb, f->message, 0);
		csv_field(sb, f->remediation, !r->org);
		if (r->org)
			csv_field(sb, f->account ? f->account : "", 1);
	}
}

/* -- SARIF 2.1.0: a rule per check, a result per failed (or unrunnable) finding -- */

static const char *sarif_level(const struct ys_finding *f)
{
	int rank = ys_severity_rank(f->check->severity);

	if (f->status != YS_F_FAIL)
		return "note";
	return rank >= 3 ? "error" : rank == 2 ? "warning" : "note";
}

static void report_sarif(struct strbuf *sb, const struct ys_audit_result *r,
			 const struct ys_audit_report_opts *o)
{
	struct jw w;
	size_t i;
	char ids[256];

	ys_sarif_begin(&w, sb);
	jw_key(&w, "rules");
	jw_arr_begin(&w);
	/* the organization's checks come last in the table: one account's run leaves them out */
	for (i = 0; i < ys_ncheck && (r->org || !ys_checks[i].org); i++) {
		const struct ys_check *k = &ys_checks[i];

		jw_obj_begin(&w);
		jw_key(&w, "id");
		jw_str(&w, k->id);
		jw_key(&w, "shortDescription");
		jw_obj_begin(&w);
		jw_key(&w, "text");
		jw_str(&w, k->title);
		jw_obj_end(&w);
		jw_key(&w, "fullDescription");
		jw_obj_begin(&w);
		jw_key(&w, "text");
		jw_str(&w, k->rationale);
		jw_obj_end(&w);
		jw_key(&w, "help");
		jw_obj_begin(&w);
		jw_key(&w, "text");
		jw_str(&w, k->remediation);
		jw_obj_end(&w);
		jw_key(&w, "helpUri");
		jw_str(&w, k->doc);
		jw_key(&w, "properties");
		jw_obj_begin(&w);
		jw_key(&w, "tags");
		jw_arr_begin(&w);
		jw_str(&w, "security");
		jw_str(&w, k->severity);
		jw_arr_end(&w);
		jw_obj_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	ys_sarif_results(&w);
	for (i = 0; i < r->n; i++) {
		const struct ys_finding *f = &r->f[i];

		if (f->status == YS_F_PASS)
			continue;
		ys_cis_ids_of(o->cis, f->check, ids, sizeof(ids));
		jw_obj_begin(&w);
		jw_key(&w, "ruleId");
		jw_str(&w, f->check->id);
		jw_key(&w, "ruleIndex");
		jw_int(&w, (long long)(f->check - ys_checks));
		jw_key(&w, "level");
		jw_str(&w, sarif_level(f));
		if (f->status != YS_F_FAIL) {
			jw_key(&w, "kind");
			jw_str(&w, "review");
		}
		jw_key(&w, "message");
		jw_obj_begin(&w);
		jw_key(&w, "text");
		jw_str(&w, f->message);
		jw_obj_end(&w);
		jw_key(&w, "locations");
		jw_arr_begin(&w);
		jw_obj_begin(&w);
		jw_key(&w, "logicalLocations");
		jw_arr_begin(&w);
		jw_obj_begin(&w);
		jw_key(&w, "fullyQualifiedName");
		jw_str(&w, f->resource);
		jw_key(&w, "kind");
		jw_str(&w, "resource");
		jw_obj_end(&w);
		jw_arr_end(&w);
		jw_obj_end(&w);
		jw_arr_end(&w);
		jw_key(&w, "properties");
		jw_obj_begin(&w);
		jw_key(&w, "status");
		jw_str(&w, ys_fstatus_name(f->status));
		jw_key(&w, "region");
		jw_str(&w, f->region);
		jw_key(&w, "cis");
		jw_str(&w, ids);
		if (r->org) {
			jw_key(&w, "account");
			jw_str_or_null(&w, f->account);
		}
		jw_obj_end(&w);
		jw_obj_end(&w);
	}
	ys_sarif_end(&w);
}

/* -- text: one heading per check, worst first, its resources under it -- */

/* A heading's first word in its colour: the severity of a failure, green ok, dim unknown. */
static const char *tint_of(const struct ys_finding *f, int on)
{
	if (f->status == YS_F_PASS)
		return ys_tint_good(on);
	if (f->status != YS_F_FAIL)
		return ys_tint_dim(on);
	return ys_tint_severity(f->check->severity, on);
}

/* The heading: how bad (or ok, or unknown), what is wrong, how many, which check and controls;
 * then, for a failure, why it matters. */
static void group_heading(struct strbuf *sb, const struct ys_finding *f, size_t n,
			  const struct ys_audit_report_opts *o)
{
	const char *word;
	char ids[256];

	ys_cis_ids_of(o->cis, f->check, ids, sizeof(ids));
	word = f->status == YS_F_FAIL ? f->check->severity : f->status == YS_F_PASS ? "ok" : "unknown";
	strbuf_addf(sb, "%s%s%s%*s  ", tint_of(f, o->color), word, ys_tint_reset(o->color),
		    (int)(strlen(word) < 8 ? 8 - strlen(word) : 0), "");
	if (f->status == YS_F_FAIL)
		strbuf_addstr(sb, ys_check_problem(f->check));
	else if (f->status == YS_F_PASS)
		strbuf_addstr(sb, f->check->title);
	else
		strbuf_addf(sb, "could not tell whether %s", f->check->title);
	if (n > 1)
		strbuf_addf(sb, " (%zu)", n);
	strbuf_addf(sb, "  [%s", f->check->id);
	if (*ids)
		strbuf_addf(sb, ", %s %s", o->cis->label, ids);
	strbuf_addstr(sb, "]\n");
	if (f->status == YS_F_FAIL)
		strbuf_addf(sb, "  why: %s\n", f->check->rationale);
}

static void resource_text(struct strbuf *sb, const struct ys_finding *f)
{
	strbuf_addstr(sb, "  - ");
	if (f->account)
		strbuf_addf(sb, "account %s  ", f->account);
	strbuf_addf(sb, "%s  %s\n    %s\n", f->region, f->resource, f->message);
	if (f->status == YS_F_FAIL)
		strbuf_addf(sb, "    fix: %s\n", f->remediation);
}

static void report_text(struct strbuf *sb, const struct ys_audit_result *r,
			const struct ys_audit_report_opts *o)
{
	const struct ys_cis *std;
	char line[512];
	size_t i, j, k, shown = 0;

	for (i = 0; i < r->n; i = j) {
		const struct ys_finding *f = &r->f[i];

		for (j = i + 1; j < r->n && r->f[j].check == f->check && r->f[j].status == f->status; j++)
			;
		if (f->status == YS_F_PASS && !o->all)
			continue;
		strbuf_addstr(sb, shown++ ? "\n" : "");
		group_heading(sb, f, j - i, o);
		for (k = i; k < j; k++) {
			if (!o->verbose && k - i == YS_GROUP_SHOWN && j - i > YS_GROUP_SHOWN + 1) {
				strbuf_addf(sb, "  and %zu more like these (--verbose lists every one)\n",
					    j - k);
				break;
			}
			resource_text(sb, &r->f[k]);
		}
	}
	if (!o->compliance)
		return;
	std = o->standard ? o->standard : o->cis;
	strbuf_addf(sb, "%s%s\n", shown ? "\n" : "", std->name);
	for (i = 0; i < std->n; i++) {
		const struct ys_cis_control *c = &std->c[i];

		strbuf_addf(sb, std->fsbp ? "  %-20s %-9s %s" : "  %-7s %-9s %s", c->id,
			    ys_cis_verdict_name(ys_cis_verdict(c, r)), c->title);
		for (j = 0; j < c->nchecks; j++)
			strbuf_addf(sb, "%s%s", j ? ", " : " [", c->checks[j]->id);
		strbuf_addstr(sb, c->nchecks ? "]\n" : "\n");
	}
	ys_cis_summary(std, r, line, sizeof(line));
	strbuf_addf(sb, "%s\n", line);
}

void ys_audit_report(struct strbuf *sb, const struct ys_audit_result *r,
		     const struct ys_audit_report_opts *o)
{
	struct jw w;
	size_t i;

	switch (o->format) {
	case YS_AFMT_TEXT:
		report_text(sb, r, o);
		break;
	case YS_AFMT_JSON:
		report_json(sb, r, o);
		break;
	case YS_AFMT_JSONL:
		for (i = 0; i < r->n; i++) {
			jw_init(&w, sb, 0);
			finding_json(&w, &r->f[i], o, r->org);
			strbuf_addch(sb, '\n');
			/* a large account's findings are hundreds of megabytes: stream them */
			if (o->stream && sb->len >= (1u << 20)) {
				fwrite(sb->buf, 1, sb->len, o->stream);
				strbuf_reset(sb);
			}
		}
		break;
	case YS_AFMT_CSV:
		report_csv(sb, r, o);
		break;
	case YS_AFMT_SARIF:
		report_sarif(sb, r, o);
		break;
	}
}
