/* engine.c: each record of a trail file read, parsed once, and matched against every rule */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../json/jread.h"
#include "../sigma/event-json.h"
#include "../trail/reader.h"
#include "correlate.h"
#include "engine.h"
#include "../banned.h"

static int alert_for(const struct ys_ruleset *rs, size_t i, const struct ys_jval *rec,
		     const char *path, ys_alert_fn fn, void *ctx)
{
	const struct ys_sigma_rule *r = rs->r[i];
	struct ys_alert_subject who;
	struct ys_alert a;
	char name[256];

	ys_alert_subject_of(rec, &who);
	memset(&a, 0, sizeof(a));
	ys_rule_label(NULL, r->file, name, sizeof(name));
	a.rule = name;
	a.rule_id = r->id;
	a.title = r->title;
	a.severity = ys_sigma_severity(r->level);
	a.time = a.last_time = who.time;
	a.count = 1;
	a.event_ids = &who.id;
	a.nevent_ids = 1;
	a.event_name = who.event_name;
	a.principal = who.principal;
	a.source_ip = who.source_ip;
	a.account = who.account;
	a.region = who.region;
	a.attack = (const char *const *)r->attack;
	a.nattack = r->nattack;
	a.source = rs->source[i];
	a.file = path;
	return fn(ctx, &a);
}

struct ys_detector {
	const struct ys_ruleset *rs;
	struct ys_correlator *corr;
	struct ys_sigma_pf_scratch *pfs;
	uint64_t *cand; /* candidate rules of the record at hand */
};

int ys_detector_new(const struct ys_ruleset *rs, int64_t reorder_window, struct ys_detector **out)
{
	struct ys_detector *d = calloc(1, sizeof(*d));

	if (!d || !(d->cand = calloc(rs->n / 64 + 1, sizeof(*d->cand))) ||
	    (rs->pf && ys_sigma_pf_scratch_new(rs->pf, &d->pfs)) ||
	    ys_correlator_new(rs, reorder_window, &d->corr)) {
		ys_detector_free(d);
		return YS_ENOMEM;
	}
	d->rs = rs;
	*out = d;
	return 0;
}

void ys_detector_free(struct ys_detector *d)
{
	if (!d)
		return;
	ys_correlator_free(d->corr);
	ys_sigma_pf_scratch_free(d->pfs);
	free(d->cand);
	free(d);
}

int ys_detector_flush(struct ys_detector *d, ys_alert_fn on_alert, void *ctx)
{
	return ys_correlator_flush(d->corr, on_alert, ctx);
}

int ys_detect_file(struct ys_detector *d, const char *path, ys_alert_fn on_alert,
		   ys_problem_fn on_problem, void *ctx, struct ys_detect_stats *st,
		   struct ys_error *err)
{
	const struct ys_ruleset *rs = d->rs;
	struct ys_trail_reader *tr;
	struct ys_trail_record rec;
	uint64_t *cand = d->cand;
	int rc;

	if ((rc = ys_trail_open(&tr, path, err)))
		return rc;
	st->files++;
	while ((rc = ys_trail_next(tr, &rec, err)) != 0) {
		struct ys_jdoc *doc = NULL;
		struct ys_error jerr = {0};
		struct ys_event ev;
		size_t i;

		if (rc < 0) {
			if (ys_trail_format(tr) != YS_TRAIL_LINES && rc != YS_EUNSUP &&
			    !strstr(err->msg, "not a JSON object"))
				break; /* the rest of the file cannot be trusted */
			st->bad_records++;
			on_problem(ctx, err->msg);
			ys_error_clear(err);
			continue;
		}
		st->records++;
		st->bytes += rec.len;
		/* one pass over the raw text says which rules can match at all */
		if (rs->pf) {
			if (ys_sigma_prefilter_scan(rs->pf, d->pfs, rec.json, rec.len, cand) == 0)
				continue;
		} else {
			memset(cand, 0xff, (rs->n / 64 + 1) * sizeof(*cand));
		}
		if (ys_json_parse(rec.json, rec.len, &doc, &jerr)) {
			char msg[700];

			snprintf(msg, sizeof(msg), "'%s': record at byte %llu: %s", path,
				 (unsigned long long)rec.offset, jerr.msg);
			st->bad_records++;
			on_problem(ctx, msg);
			continue;
		}
		ys_event_from_json(&ev, ys_jdoc_root(doc));
		for (i = 0; i < rs->n; i++) {
			if (!(cand[i / 64] >> (i % 64) & 1) || !ys_sigma_match(rs->r[i], &ev))
				continue;
			/* a rule that only feeds correlations raises no alert of its own */
			if (!(rs->quiet && rs->quiet[i])) {
				if (alert_for(rs, i, ys_jdoc_root(doc), path, on_alert, ctx)) {
					rc = YS_ESTOP;
					break;
				}
			}
			if (rs->nrule_corrs && rs->nrule_corrs[i]) {
				struct ys_error cerr = {0};
				int cr = ys_correlator_feed(d->corr, i, ys_jdoc_root(doc), path, on_alert,
							    ctx, &cerr);

				if (cr == YS_ESTOP || cr == YS_ENOMEM) {
					rc = YS_ESTOP;
					break;
				}
				if (cr) {
					char msg[800];

					snprintf(msg, sizeof(msg), "'%s': record at byte %llu: %s", path,
						 (unsigned long long)rec.offset, cerr.msg);
					st->bad_records++;
					on_problem(ctx, msg);
				}
			}
		}
		ys_jdoc_free(doc);
		if (rc == YS_ESTOP)
			break;
	}
	ys_trail_close(tr);
	return rc < 0 ? rc : 0;
}
