/* engine.h: CloudTrail records through the rules, one alert for each matching record
 * (correlations, time order and state come with the stateful engine) */
#ifndef YS_DETECT_ENGINE_H
#define YS_DETECT_ENGINE_H

#include <stdint.h>
#include "../base/err.h"
#include "alert.h"
#include "ruleset.h"

struct ys_detect_stats {
	uint64_t files, records, bytes, alerts;
	uint64_t bad_records; /* records that could not be read, each reported */
};

/* Returning non-zero stops. */
typedef int (*ys_alert_fn)(void *ctx, const struct ys_alert *a);
/* Called for each problem in a file that does not stop the run (a broken record). */
typedef void (*ys_problem_fn)(void *ctx, const char *msg);

struct ys_correlator;

/* Runs every rule over every record of one file; matches of rules that correlations use go to
 * corr (NULL: none). Returns 0, or an error that stopped the file (err names it); records
 * read before then have been matched. */
int ys_detect_file(const struct ys_ruleset *rs, struct ys_correlator *corr, const char *path,
		   ys_alert_fn on_alert, ys_problem_fn on_problem, void *ctx,
		   struct ys_detect_stats *st, struct ys_error *err);

#endif
