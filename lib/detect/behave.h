/* behave.h: behaviour detectors with baselines: EC2 instance credentials used outside AWS or from
 * a second network, an access key from a new network or a new kind of client, and a principal
 * at an hour it never works */
#ifndef YS_DETECT_BEHAVE_H
#define YS_DETECT_BEHAVE_H

#include <stddef.h>
#include <stdint.h>
#include "../base/cidr.h"
#include "../base/err.h"
#include "../json/jlazy.h"
#include "baseline.h"
#include "engine.h"

struct ys_behave_opts {
	const struct ys_cidrset *aws; /* AWS's own ranges (ip-ranges.json); may be empty */
	const struct ys_cidrset *own; /* the account's own ranges, never suspicious */
	/* An access key is judged once its baseline holds this many events over this many
	 * seconds of event time; a principal's working hours likewise. */
	uint64_t key_events;
	int64_t key_span;
	uint64_t hour_events;
	int64_t hour_span;
};

/* The defaults: 20 events over 7 days for keys, 100 over 14 days for hours. */
void ys_behave_defaults(struct ys_behave_opts *o);

struct ys_behave;

/* What each detector raises, for alerts and --list-rules; ends with a NULL rule. */
struct ys_behave_info {
	const char *rule, *title, *severity;
	const char *const *attack;
	size_t nattack;
};
extern const struct ys_behave_info ys_behave_detectors[];

int ys_behave_new(const struct ys_behave_opts *o, struct ys_behave **out);
void ys_behave_free(struct ys_behave *b);
/* A baseline row from the state, loaded before the first record. */
int ys_behave_load(struct ys_behave *b, const struct ys_baseline_row *row);
/* One record through every detector; alerts go to fn. Non-zero: fn stopped, or out of memory. */
int ys_behave_record(struct ys_behave *b, struct ys_jlazy *rec, const char *file, ys_alert_fn fn,
		     void *ctx);
/* Every row changed since the last call (for the state), then forgets that they changed. */
int ys_behave_each_changed(struct ys_behave *b, ys_baseline_fn fn, void *ctx);
/* The latest event time the detectors saw, or -1. */
int64_t ys_behave_newest(const struct ys_behave *b);

#endif
