/* correlate.h: the stateful half of detect: Sigma correlations (event_count, value_count,
 * temporal, temporal_ordered) over base-rule matches, grouped and windowed; one incident is
 * one alert listing every event it covers */
#ifndef YS_DETECT_CORRELATE_H
#define YS_DETECT_CORRELATE_H

#include <stddef.h>
#include <stdint.h>
#include "../json/jread.h"
#include "../sigma/rule.h"
#include "engine.h"
#include "ruleset.h"

struct ys_correlator;

/* reorder_window: seconds of event time that a match waits for earlier ones, so that files read
 * out of order still reach the correlations in eventTime order (0: as they come). */
int ys_correlator_new(const struct ys_ruleset *rs, int64_t reorder_window,
		      struct ys_correlator **out);
/* Base rule `rule` matched `rec` (from `file`; subject: what an alert says of it, from
 * ys_alert_subject_of or ys_alert_subject_lazy). Incidents that end are reported through fn.
 * Returns 0, YS_EPARSE when the record has no usable eventTime (err says so), or YS_ESTOP. */
int ys_correlator_feed(struct ys_correlator *c, size_t rule, const struct ys_event *rec,
		       const struct ys_alert_subject *subject, const char *file, ys_alert_fn fn,
		       void *ctx, struct ys_error *err);
/* Wall-clock time has reached now: matches older than the reorder window go through, and
 * incidents idle for longer than their timespan are reported. */
int ys_correlator_tick(struct ys_correlator *c, int64_t now, ys_alert_fn fn, void *ctx);
/* The earliest event time still held in the reorder window or an open incident (INT64_MAX:
 * none): matches older than that can no longer change any alert. */
int64_t ys_correlator_horizon(const struct ys_correlator *c);
/* The end of the input: every incident that fired is reported. */
int ys_correlator_flush(struct ys_correlator *c, ys_alert_fn fn, void *ctx);
void ys_correlator_free(struct ys_correlator *c);

#endif
