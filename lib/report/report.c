/* report.c: gathering audit findings, secret findings, alerts and incidents into one list of
 * risks, worst first, and the few a manager must read */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report.h"
#include "../checks/report.h"
#include "../checks/problems.h"
#include "../base/severity.h"
#include "../json/jread.h"
#include "../banned.h"

static const char *const sources[] = {"incident", "alert", "secret", "audit"};

int ys_rank_of(const char *severity)
{
	int r = severity ? ys_severity_rank(severity) : -1;

	return r < 0 ? 0 : r;
}

int ys_risk_source(const struct ys_risk *k)
{
	int s = 0;

	while (s < 3 && k->source != sources[s])
		s++;
	return s;
}

static int add(struct ys_report *r, int rank, int source, char *title, char *where, char *fix,
	       const char *group)
{
	struct ys_risk *v;

	if (!title || !where || !fix) {
		free(title);
		free(where);
		free(fix);
		return YS_ENOMEM;
	}
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;

		if (!(v = realloc(r->risks, cap * sizeof(*v)))) {
			free(title);
			free(where);
			free(fix);
			return YS_ENOMEM;
		}
		r->risks = v;
		r->cap = cap;
	}
	r->risks[r->n++] = (struct ys_risk){rank, sources[source], title, where, fix, group ? group : title, 0};
	r->by_rank[rank]++;
	r->by_source[source]++;
	return 0;
}

/* A secrets finding's verified field: "live", or true in reports older than the three answers. */
static int is_live(const struct ys_jval *v)
{
	return v && (v->type == YS_J_TRUE || (v->type == YS_J_STRING && !strcmp(v->u.str, "live")));
}

static const char *str(const struct ys_jval *o, const char *k)
{
	return ys_json_str(ys_json_get(o, k));
}

static int from_incidents(struct ys_report *r, const struct ys_incidents *in)
{
	size_t i, j;
	int rc = 0;

	for (i = 0; in && i < in->n && !rc; i++) {
		const struct ys_incident *x = &in->v[i];
		struct strbuf steps = STRBUF_INIT;

		for (j = 0; j < x->nsteps; j++)
			strbuf_addf(&steps, "%s%zu. %s", j ? " " : "", j + 1, x->steps[j]);
		rc = add(r, ys_severity_of_incident(x), 0, strbuf_fmt("%s", x->headline),
			 strbuf_fmt("%s:%ld", x->leak->nplaces && x->leak->places[0].file ? x->leak->places[0].file : "?",
			     x->leak->nplaces ? x->leak->places[0].line : 0),
			 strbuf_fmt("%s", steps.len ? steps.buf : "see the incident"), NULL);
		strbuf_release(&steps);
	}
	return rc;
}

static int from_lines(struct ys_report *r, const char *const *lines, size_t n, int alert)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n && !rc; i++) {
		struct ys_jdoc *doc;
		struct ys_error e = {0};
		const struct ys_jval *f;

		if (ys_json_parse(lines[i], strlen(lines[i]), &doc, &e))
			continue;
		f = ys_jdoc_root(doc);
		if (!alert && r->incidents && str(f, "rule") && (!strcmp(str(f, "rule"), "aws-access-key-id") ||
								  !strcmp(str(f, "rule"), "aws-secret-access-key"))) {
			ys_jdoc_free(doc); /* each leaked AWS key is an incident above, secret and all */
			continue;
		}
		if (alert)
			rc = add(r, ys_rank_of(str(f, "severity")), 1,
				 strbuf_fmt("%s", str(f, "title") ? str(f, "title") : str(f, "rule") ? str(f, "rule") : "alert"),
				 strbuf_fmt("%s%s%s%s%s", str(f, "principal") ? str(f, "principal") : "",
				     str(f, "source_ip") ? " from " : "", str(f, "source_ip") ? str(f, "source_ip") : "",
				     str(f, "time") ? " at " : "", str(f, "time") ? str(f, "time") : ""),
				 strbuf_fmt("ask whether %s did this on purpose; if not, it is an incident: revoke its "
				     "credentials and sessions, and inspect the events of this alert",
				     str(f, "principal") ? str(f, "principal") : "the principal"), NULL);
		else
			rc = add(r, ys_rank_of(str(f, "severity")), 2,
				 strbuf_fmt("%s leaked%s", str(f, "title") ? str(f, "title") : "a secret",
				     is_live(ys_json_get(f, "verified")) ? " (live)" : ""),
				 strbuf_fmt("%s:%.0f%s%.10s", str(f, "file") ? str(f, "file") : "?",
				     ys_json_get(f, "line") && ys_json_get(f, "line")->type == YS_J_NUMBER ?
					 ys_json_get(f, "line")->u.num : 0,
				     str(f, "commit") ? " in commit " : "", str(f, "commit") ? str(f, "commit") : ""),
				 strbuf_fmt("revoke or rotate the credential first, then remove it from the code and its "
				     "history; it stays public once pushed"), NULL);
		ys_jdoc_free(doc);
	}
	return rc;
}

static int from_audit(struct ys_report *r, const struct ys_audit_result *a)
{
	size_t i;
	int rc = 0;

	for (i = 0; a && i < a->n && !rc; i++) {
		const struct ys_finding *f = &a->f[i];

		if (f->status != YS_F_FAIL)
			continue;
		rc = add(r, ys_rank_of(f->check->severity), 3, strbuf_fmt("%s", f->message),
			 strbuf_fmt("%s%s%s%s%s%s", f->account ? "account " : "", f->account ? f->account : "",
			     f->account ? ": " : "", f->resource ? f->resource : "",
			     f->region && strcmp(f->region, "global") ? " in " : "",
			     f->region && strcmp(f->region, "global") ? f->region : ""),
			 strbuf_fmt("%s", f->remediation ? f->remediation : f->check->remediation),
			 ys_check_problem(f->check));
	}
	return rc;
}

static int by_risk(const void *a, const void *b)
{
	const struct ys_risk *x = a, *y = b;
	int sx, sy;

	if (x->rank != y->rank)
		return y->rank - x->rank;
	sx = ys_risk_source(x);
	sy = ys_risk_source(y);
	if (sx != sy)
		return sx - sy;
	if (x->kin != y->kin)
		return x->kin < y->kin ? 1 : -1;
	if ((sx = strcmp(x->group, y->group)))
		return sx;
	if ((sx = strcmp(x->title, y->title)))
		return sx;
	return strcmp(x->where, y->where);
}

/* How many risks from i on share its rank, source and heading (they sort together). */
size_t ys_risk_group_len(const struct ys_report *r, size_t i)
{
	size_t j = i + 1;

	while (j < r->n && r->risks[j].rank == r->risks[i].rank && r->risks[j].source == r->risks[i].source &&
	       !strcmp(r->risks[j].group, r->risks[i].group))
		j++;
	return j - i;
}

/* the top risks: the worst kinds, one line each (a check failing on 40 buckets is one), in the
 * finding's own words when it is one */
static int top(struct ys_report *r)
{
	size_t i, same;

	for (i = 0; i < r->n && r->ntop < sizeof(r->top) / sizeof(*r->top); i += same) {
		const struct ys_risk *k = &r->risks[i];

		same = ys_risk_group_len(r, i);
		if (k->rank < 3)
			break;
		r->top[r->ntop].rank = k->rank;
		if (!strcmp(k->source, "audit"))
			r->top[r->ntop].words = same == 1 ? strbuf_fmt("%s", k->title) :
				strbuf_fmt("%s (%zu)", k->group, same);
		else if (!strcmp(k->source, "alert"))
			r->top[r->ntop].words = strbuf_fmt("attack seen in CloudTrail: %s (%zu alert%s)", k->group, same,
						    same == 1 ? "" : "s");
		else if (!strcmp(k->source, "secret"))
			r->top[r->ntop].words = strbuf_fmt("%s in the code (%zu place%s)", k->group, same, same == 1 ? "" : "s");
		else
			r->top[r->ntop].words = strbuf_fmt("%s", k->title);
		if (!r->top[r->ntop].words)
			return YS_ENOMEM;
		r->ntop++;
	}
	return 0;
}

int ys_report_build(const struct ys_report_in *in, struct ys_report *r, struct ys_error *err)
{
	int rc;

	memset(r, 0, sizeof(*r));
	r->account = in->account;
	r->generated = in->now;
	r->audit = in->audit;
	r->map = in->map;
	r->incidents = in->incidents;
	r->org = in->org;
	r->orgmap = in->orgmap;
	if (in->audit && in->cis)
		r->met = ys_cis_summary(in->cis, in->audit, r->verdict, sizeof(r->verdict));
	else
		snprintf(r->verdict, sizeof(r->verdict), "%s: not determined — no account snapshot was given",
			 in->cis ? "CIS AWS Foundations" : "the standard");
	if (!in->audit)
		r->notes[r->nnotes++] = "no snapshot: the account's configuration was not checked";
	if (!in->nsecrets)
		r->notes[r->nnotes++] = "no secret findings given: leaked credentials were not looked for here";
	if (!in->nalerts)
		r->notes[r->nnotes++] = "no alerts given: activity in CloudTrail is not part of this report";
	r->vendors = in->vendors;
	r->saas = in->saas;
	if ((rc = from_incidents(r, in->incidents)) || (rc = from_lines(r, in->alerts, in->nalerts, 1)) ||
	    (rc = from_lines(r, in->secrets, in->nsecrets, 0)) || (rc = from_audit(r, in->audit))) {
		ys_report_release(r);
		return ys_error_set(err, rc, "out of memory");
	}
	if (r->n) {
		size_t i, j, n;

		qsort(r->risks, r->n, sizeof(*r->risks), by_risk); /* kin is 0: kinds now sort together */
		for (i = 0; i < r->n; i += n) /* then the larger kinds of a severity first */
			for (n = ys_risk_group_len(r, i), j = i; j < i + n; j++)
				r->risks[j].kin = n;
		qsort(r->risks, r->n, sizeof(*r->risks), by_risk);
	}
	if ((rc = top(r))) {
		ys_report_release(r);
		return ys_error_set(err, rc, "out of memory");
	}
	return 0;
}

void ys_report_release(struct ys_report *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->risks[i].title);
		free(r->risks[i].where);
		free(r->risks[i].remediation);
	}
	for (i = 0; i < r->ntop; i++)
		free(r->top[i].words);
	free(r->risks);
	memset(r, 0, sizeof(*r));
}
