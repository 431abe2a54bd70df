/* baseline.h: one row of a behaviour baseline, as the detectors and the state exchange it */
#ifndef YS_DETECT_BASELINE_H
#define YS_DETECT_BASELINE_H

#include <stdint.h>

/* (kind, subject, value) → first and last event time (seconds), count; value "" holds the
 * subject's totals. */
struct ys_baseline_row {
	const char *kind, *subject, *value;
	int64_t first, last;
	uint64_t n;
};

/* Non-zero stops. */
typedef int (*ys_baseline_fn)(void *ctx, const struct ys_baseline_row *row);

#endif
