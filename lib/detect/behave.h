/* behave.h: behaviour detectors with baselines kept per principal: EC2 instance credentials used
 * outside AWS, from the address that ran commands on instances or from a second network, a
 * workload's role credentials outside AWS (each then one incident of every call the key makes),
 * credentials from a network their owner never used, an access key by a new kind of client or
 * after months unused, and a principal at an hour it never works */
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

/* AWS's ranges changed (reloaded): addresses are judged by these from now on. */
void ys_behave_set_aws(struct ys_behave *b, const struct ys_cidrset *aws);

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
/* With the state: every change of the baselines is kept for ys_behave_each_changed (without,
 * what is forgotten is freed at once). */
void ys_behave_keep_changes(struct ys_behave *b);
/* Incidents of stolen keys quiet since before now - an hour end, as alerts through fn (all of
 * them with all set: the end of the input). */
int ys_behave_end(struct ys_behave *b, int64_t now, int all, ys_alert_fn fn, void *ctx);
/* The latest event time the detectors saw, or -1. */
int64_t ys_behave_newest(const struct ys_behave *b);

#endif
