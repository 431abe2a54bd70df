/* engine.h: CloudTrail records through the rules, one alert for each matching record
 * (correlations, time order and state come with the stateful engine) */
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

struct ys_detector; /* one run: the rules, the correlations' state, the matcher's scratch */

/* reorder_window: see ys_correlator_new. */
int ys_detector_new(const struct ys_ruleset *rs, int64_t reorder_window, struct ys_detector **out);
/* Runs every rule over every record of one file; matches of rules that correlations use go to
 * the correlations. Returns 0, or an error that stopped the file (err names it); records read
 * before then have been matched. */
int ys_detect_file(struct ys_detector *d, const char *path, ys_alert_fn on_alert,
		   ys_problem_fn on_problem, void *ctx, struct ys_detect_stats *st,
		   struct ys_error *err);
/* The end of the input: what the correlations still hold is reported. */
int ys_detector_flush(struct ys_detector *d, ys_alert_fn on_alert, void *ctx);
void ys_detector_free(struct ys_detector *d);

#endif
