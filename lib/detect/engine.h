/* engine.h: CloudTrail records through the rules (one alert for each matching record), the
 * correlations and the behaviour detectors */
#ifndef YS_DETECT_ENGINE_H
#define YS_DETECT_ENGINE_H

#include <stdint.h>
#include "../base/err.h"
#include "alert.h"
#include "ruleset.h"

struct ys_detect_stats {
	uint64_t files, records, bytes;
	uint64_t bad_records; /* records that could not be read, each reported */
};

/* Returning non-zero stops. */
typedef int (*ys_alert_fn)(void *ctx, const struct ys_alert *a);
/* Called for each problem in a file that does not stop the run (a broken record). */
typedef void (*ys_problem_fn)(void *ctx, const char *msg);

struct ys_detect_io {
	ys_alert_fn on_alert;
	ys_problem_fn on_problem;
	/* Optional: a record that fed correlations, t its event time; kept by whoever keeps state
	 * and given back through ys_detect_replay after a restart. Non-zero stops. */
	int (*on_corr_record)(void *ctx, int64_t t, const char *file, const char *json,
			      size_t len);
	void *ctx;
};

struct ys_detector; /* one run: the rules, the correlations' state, the matcher's scratch */
struct ys_behave;

/* reorder_window: see ys_correlator_new. behave (may be NULL) sees every record. */
int ys_detector_new(const struct ys_ruleset *rs, int64_t reorder_window, struct ys_behave *behave,
		    const struct ys_detect_io *io, struct ys_detector **out);
/* Runs every rule over every record of one file; matches of rules that correlations use go to
 * the correlations. Returns 0, or an error that stopped the file (err names it); records read
 * before then have been matched. */
int ys_detect_file(struct ys_detector *d, const char *path, struct ys_detect_stats *st,
		   struct ys_error *err);
/* The same from bytes already opened (ys_bytes_open); they are closed here. */
struct ys_bytes;
int ys_detect_bytes(struct ys_detector *d, const char *path, struct ys_bytes *in,
		    struct ys_detect_stats *st, struct ys_error *err);
/* The rules a record matches (rule indices, ascending, into hits of rs->n), from the prefilter
 * and each candidate's selection: no state, so any thread with its own scratch and cand (a bit a
 * rule) can find them. */
struct ys_event;
struct ys_sigma_pf_scratch;
size_t ys_detect_match(const struct ys_ruleset *rs, struct ys_sigma_pf_scratch *pfs,
		       uint64_t *cand, struct ys_event *ev, const char *json, size_t len,
		       uint32_t *hits);
/* A file prepared ahead (prepare.h), judged in order: the same alerts, problems and statistics
 * as ys_detect_bytes over the same file. */
struct ys_prepared;
int ys_detect_prepared(struct ys_detector *d, const struct ys_prepared *p,
		       struct ys_detect_stats *st, struct ys_error *err);
/* A record that on_corr_record kept, given back after a restart: it reaches the correlations
 * only, as it did the first time. */
int ys_detect_replay(struct ys_detector *d, const char *file, const char *json, size_t len);
/* Wall-clock time (seconds) has reached `now`: matches older than the reorder window go on to
 * the correlations, and incidents idle for longer than their timespan are reported. */
int ys_detector_tick(struct ys_detector *d, int64_t now);
/* The earliest event time that open correlation windows still hold (INT64_MAX: none). */
int64_t ys_detector_horizon(const struct ys_detector *d);
/* The end of the input: what the correlations still hold is reported. */
int ys_detector_flush(struct ys_detector *d);
void ys_detector_free(struct ys_detector *d);
/* The rules it runs. */
const struct ys_ruleset *ys_detector_rules(const struct ys_detector *d);

#endif
