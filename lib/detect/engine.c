/* engine.c: each record of a trail file read, parsed once, and matched against every rule */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/isotime.h"
#include "../base/severity.h"
#include "../json/jread.h"
#include "../json/jlazy.h"
#include "../sigma/event-lazy.h"
#include "../trail/reader.h"
#include "behave.h"
#include "correlate.h"
#include "inspect.h"
#include "engine.h"
#include "prepare.h"
#include "../banned.h"

/* A call AWS refused: its errorCode, or a console call's {"...": "Failure"} answer. */
static int refused_member(void *ctx, const char *k, size_t kl, struct ys_jraw v)
{
	(void)ctx, (void)k, (void)kl;
	return v.len == 9 && !memcmp(v.p, "\"Failure\"", 9);
}

static const char *refused(struct ys_jlazy *rec, char *code, size_t n)
{
	struct ys_jraw v;

	if (ys_jlazy_str(rec, "errorCode", code, n))
		return code;
	if (ys_jlazy_top(rec, "responseElements", 16, &v) && v.len && v.p[0] == '{' &&
	    ys_jraw_each_member(v, refused_member, NULL)) {
		snprintf(code, n, "Failure");
		return code;
	}
	return NULL;
}

static int alert_for(const struct ys_ruleset *rs, size_t i, struct ys_jlazy *rec,
		     const char *path, ys_alert_fn fn, void *ctx)
{
	const struct ys_sigma_rule *r = rs->r[i];
	struct ys_alert_subject who;
	struct ys_subject_text text;
	struct ys_alert a;
	char name[256], code[64], title[512];

	ys_alert_of_lazy(&a, &who, &text, rec, path);
	ys_rule_label(NULL, r->file, name, sizeof(name));
	a.rule = name;
	a.rule_id = r->id;
	a.title = r->title;
	a.severity = ys_sigma_severity(r->level);
	/* a refused call is an attempt: low on its own (refusals in numbers are a correlation's) */
	if (!(rs->about_errors && rs->about_errors[i]) && refused(rec, code, sizeof(code))) {
		snprintf(title, sizeof(title), "%s (attempted; AWS refused it: %s)", r->title, code);
		a.title = title;
		if (ys_severity_rank(a.severity) > 1)
			a.severity = "low";
	}
	a.attack = (const char *const *)r->attack;
	a.nattack = r->nattack;
	a.source = rs->source[i];
	return fn(ctx, &a);
}

struct ys_detector {
	const struct ys_ruleset *rs;
	struct ys_detect_io io;
	struct ys_correlator *corr;
	struct ys_behave *behave;
	struct ys_sigma_pf_scratch *pfs;
	uint64_t *cand;	     /* candidate rules of the record at hand */
	uint32_t *hits;	     /* the rules it matched */
	long inspect_rule;   /* the rule that picks requests for the S3 inspector, or -1 */
	struct ys_jlazy rec; /* the record at hand, read on demand */
};

int ys_detector_new(const struct ys_ruleset *rs, int64_t reorder_window, struct ys_behave *behave,
		    const struct ys_detect_io *io, struct ys_detector **out)
{
	struct ys_detector *d = calloc(1, sizeof(*d));
	size_t i;

	if (!d || !(d->cand = calloc(rs->n / 64 + 1, sizeof(*d->cand))) ||
	    !(d->hits = calloc(rs->n + 1, sizeof(*d->hits))) ||
	    (rs->pf && ys_sigma_pf_scratch_new(rs->pf, &d->pfs)) ||
	    ys_correlator_new(rs, reorder_window, &d->corr)) {
		ys_detector_free(d);
		return YS_ENOMEM;
	}
	d->rs = rs;
	d->io = *io;
	ys_jlazy_init(&d->rec);
	d->inspect_rule = -1;
	for (i = 0; i < rs->n; i++) {
		const char *base = strrchr(rs->r[i]->file, '/');

		if (!strcmp(rs->source[i], "builtin") && base && !strcmp(base, "/yourside_policy_opened.yml"))
			d->inspect_rule = (long)i;
	}
	d->behave = behave;
	*out = d;
	return 0;
}

void ys_detector_free(struct ys_detector *d)
{
	if (!d)
		return;
	ys_correlator_free(d->corr);
	ys_jlazy_release(&d->rec);
	ys_sigma_pf_scratch_free(d->pfs);
	free(d->cand);
	free(d->hits);
	free(d);
}

const struct ys_ruleset *ys_detector_rules(const struct ys_detector *d)
{
	return d->rs;
}

int ys_detector_flush(struct ys_detector *d)
{
	int rc = ys_correlator_flush(d->corr, d->io.on_alert, d->io.ctx);

	if (!rc && d->behave)
		rc = ys_behave_end(d->behave, 0, 1, d->io.on_alert, d->io.ctx);
	return rc;
}

int ys_detector_tick(struct ys_detector *d, int64_t now)
{
	int rc = ys_correlator_tick(d->corr, now, d->io.on_alert, d->io.ctx);

	if (!rc && d->behave)
		rc = ys_behave_end(d->behave, now, 0, d->io.on_alert, d->io.ctx);
	return rc;
}

int64_t ys_detector_horizon(const struct ys_detector *d)
{
	return ys_correlator_horizon(d->corr);
}

static void problem(struct ys_detector *d, const char *path, uint64_t offset, const char *why,
		    struct ys_detect_stats *st)
{
	char msg[800];

	snprintf(msg, sizeof(msg), "'%s': record at byte %llu: %s", path,
		 (unsigned long long)offset, why);
	if (st)
		st->bad_records++;
	d->io.on_problem(d->io.ctx, msg);
}

/* Rule i matched: its own alert (unless it only feeds correlations, or this is a replay) and
 * its correlations. *fed is set when a correlation took the match. */
static int matched(struct ys_detector *d, size_t i, const struct ys_event *ev, const char *path,
		   uint64_t offset, int replay, int *fed, struct ys_detect_stats *st)
{
	const struct ys_ruleset *rs = d->rs;
	struct ys_error cerr = {0};
	struct ys_alert_subject who;
	struct ys_subject_text text;
	char code[64], when[40];
	size_t k, groups = 0;
	int cr;

	/* a refused call of a rule whose alerts are grouped is an attempt, said on its own at
	 * low, not a medium alert of the group */
	for (k = 0; rs->nrule_corrs && k < rs->nrule_corrs[i]; k++)
		groups += rs->corr[rs->rule_corrs[i][k]]->group;
	if (groups && groups == rs->nrule_corrs[i] &&
	    ((!(rs->about_errors && rs->about_errors[i]) && refused(&d->rec, code, sizeof(code))) ||
	     /* nor can a record without a time be grouped: it is said alone */
	     ys_time_parse(ys_jlazy_str(&d->rec, "eventTime", when, sizeof(when))) < 0))
		return !replay && alert_for(rs, i, &d->rec, path, d->io.on_alert, d->io.ctx) ? YS_ESTOP : 0;
	if (!replay && !(rs->quiet && rs->quiet[i]) &&
	    alert_for(rs, i, &d->rec, path, d->io.on_alert, d->io.ctx))
		return YS_ESTOP;
	if (!rs->nrule_corrs || !rs->nrule_corrs[i])
		return 0;
	ys_alert_subject_lazy(&d->rec, &who, &text);
	cr = ys_correlator_feed(d->corr, i, ev, &who, path, d->io.on_alert, d->io.ctx, &cerr);
	if (cr == YS_ESTOP || cr == YS_ENOMEM)
		return YS_ESTOP;
	if (cr)
		problem(d, path, offset, cerr.msg, st);
	else
		*fed = 1;
	return 0;
}

/* The S3 rule picked the request: the inspector reads its policy or ACL (the request alone
 * becomes a tree; Athena's exports hold it as JSON text in a string). */
static int inspect(struct ys_detector *d, const char *path, uint64_t offset,
		   struct ys_detect_stats *st)
{
	struct ys_error jerr = {0};
	struct ys_jraw v, req;
	struct ys_jdoc *doc = NULL;
	struct ys_alert_subject who;
	struct ys_subject_text text;
	struct ys_alert a;
	struct ys_opened o;
	char name[64], account[32];
	int opened;

	if (ys_jlazy_get(&d->rec, "errorCode", &v) && !(v.len == 4 && !memcmp(v.p, "null", 4)))
		return 0;
	if (!ys_jlazy_get(&d->rec, "requestParameters", &v) || !ys_jlazy_object(&d->rec, v, &req))
		return 0;
	if (ys_json_parse(req.p, req.len, &doc, &jerr)) {
		problem(d, path, offset, jerr.msg, st);
		return 0;
	}
	if (!ys_jlazy_str(&d->rec, "recipientAccountId", account, sizeof(account)) &&
	    !ys_jlazy_str(&d->rec, "userIdentity.accountId", account, sizeof(account)))
		account[0] = 0;
	opened = ys_inspect_request(ys_jlazy_str(&d->rec, "eventName", name, sizeof(name)),
				    ys_jdoc_root(doc), *account ? account : NULL, &o);
	ys_jdoc_free(doc);
	if (!opened)
		return 0;
	ys_alert_of_lazy(&a, &who, &text, &d->rec, path);
	ys_inspect_alert(&a, &o);
	return d->io.on_alert(d->io.ctx, &a) ? YS_ESTOP : 0;
}

size_t ys_detect_match(const struct ys_ruleset *rs, struct ys_sigma_pf_scratch *pfs,
		       uint64_t *cand, struct ys_event *ev, const char *json, size_t len,
		       uint32_t *hits)
{
	size_t i, n = 0;

	/* a few lookups and one pass over the raw text say which rules can match at all */
	if (rs->pf) {
		if (!ys_sigma_prefilter_scan(rs->pf, pfs, ev, json, len, cand))
			return 0;
	} else {
		memset(cand, 0xff, (rs->n / 64 + 1) * sizeof(*cand));
	}
	for (i = 0; i < rs->n; i++)
		if (cand[i / 64] >> (i % 64) & 1 && ys_sigma_match(rs->r[i], ev))
			hits[n++] = (uint32_t)i;
	return n;
}

/* One record, whose matches are known, through the behaviour detectors, the rules' alerts, the
 * correlations and the inspector, in that order. */
static int judge(struct ys_detector *d, struct ys_event *ev, const char *json, size_t len,
		 const uint32_t *hits, size_t nhits, const struct ys_behave_facts *facts,
		 const char *path, uint64_t offset, int replay, struct ys_detect_stats *st)
{
	int fed = 0, rc = 0;
	size_t k;

	/* the behaviour detectors read the record here, unless it was read ahead (facts) */
	if (!replay && d->behave &&
	    (facts ? ys_behave_judge(d->behave, facts, &d->rec, path, d->io.on_alert, d->io.ctx)
		   : ys_behave_record(d->behave, &d->rec, path, d->io.on_alert, d->io.ctx)))
		return YS_ESTOP;
	for (k = 0; k < nhits && !rc; k++) {
		if ((long)hits[k] == d->inspect_rule)
			rc = replay ? 0 : inspect(d, path, offset, st);
		else
			rc = matched(d, hits[k], ev, path, offset, replay, &fed, st);
	}
	if (!rc && fed && !replay && d->io.on_corr_record) {
		char when[40];

		if (d->io.on_corr_record(d->io.ctx,
					 ys_time_parse(ys_jlazy_str(&d->rec, "eventTime", when,
									  sizeof(when))),
					 path, json, len))
			rc = YS_ESTOP;
	}
	return rc;
}

/* One record through the prefilter, the rules, the correlations, the inspector and the
 * behaviour detectors. The record is read on demand: most are never parsed whole. */
static int one_record(struct ys_detector *d, const char *json, size_t len,
		      const struct ys_jindex *ix, const char *path, uint64_t offset, int replay,
		      struct ys_detect_stats *st)
{
	struct ys_event ev;
	size_t n;

	ys_jlazy_reset(&d->rec, json, len, ix);
	ys_event_from_lazy(&ev, &d->rec);
	n = ys_detect_match(d->rs, d->pfs, d->cand, &ev, json, len, d->hits);
	return judge(d, &ev, json, len, d->hits, n, NULL, path, offset, replay, st);
}

int ys_detect_prepared(struct ys_detector *d, const struct ys_prepared *p,
		       struct ys_detect_stats *st, struct ys_error *err)
{
	struct ys_prep_cursor c;
	struct ys_event ev;
	int rc = 0, kind;

	if (!p->opened)
		return ys_error_set(err, p->err.code, "%s", p->err.msg);
	st->files += p->first;
	ys_prep_cursor_init(&c, p);
	while (!rc && (kind = ys_prep_next(&c)) != 0) {
		if (kind < 0) { /* a problem the reader met, where it met it */
			st->bad_records++;
			d->io.on_problem(d->io.ctx, c.problem);
			continue;
		}
		st->records++;
		st->bytes += c.len;
		ys_jlazy_reset_view(&d->rec, c.json, c.len, c.ix);
		ys_event_from_lazy(&ev, &d->rec);
		rc = judge(d, &ev, c.json, c.len, c.hits, c.nhits, c.facts, p->path, c.offset, 0, st);
	}
	if (rc == YS_ESTOP)
		return ys_error_set(err, YS_ESTOP, "'%s': stopped", p->path);
	if (!rc && p->err.code) /* the reader failed on the way: what came before was judged */
		return ys_error_set(err, p->err.code, "%s", p->err.msg);
	return rc < 0 ? rc : 0;
}

int ys_detect_replay(struct ys_detector *d, const char *file, const char *json, size_t len)
{
	return one_record(d, json, len, NULL, file, 0, 1, NULL);
}

int ys_detect_file(struct ys_detector *d, const char *path, struct ys_detect_stats *st,
		   struct ys_error *err)
{
	return ys_detect_bytes(d, path, NULL, st, err);
}

int ys_detect_bytes(struct ys_detector *d, const char *path, struct ys_bytes *in,
		    struct ys_detect_stats *st, struct ys_error *err)
{
	struct ys_trail_reader *tr;
	struct ys_trail_record rec;
	int rc;

	if ((rc = ys_trail_open_bytes(&tr, path, in, err)))
		return rc;
	st->files++;
	while ((rc = ys_trail_next(tr, &rec, err)) != 0) {
		if (rc < 0) {
			/* bad content is reported and the reader goes on where it can trust the
			 * input again; a file that cannot be read is the caller's to report */
			if (rc == YS_ENOMEM || ys_trail_failed(tr))
				break;
			st->bad_records++;
			d->io.on_problem(d->io.ctx, err->msg);
			ys_error_clear(err);
			continue;
		}
		st->records++;
		st->bytes += rec.len;
		if ((rc = one_record(d, rec.json, rec.len, rec.members, path, rec.offset, 0, st)))
			break;
	}
	ys_trail_close(tr);
	if (rc == YS_ESTOP)
		ys_error_set(err, YS_ESTOP, "'%s': stopped", path);
	return rc < 0 ? rc : 0;
}
