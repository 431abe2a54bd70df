/* corr.h: Sigma correlation rules: event_count, value_count, temporal and temporal_ordered,
 * with group-by and timespan, over the matches of base rules */
#ifndef YS_SIGMA_CORR_H
#define YS_SIGMA_CORR_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

struct ys_ynode;

enum ys_corr_type { YS_CORR_EVENT_COUNT, YS_CORR_VALUE_COUNT, YS_CORR_TEMPORAL,
		    YS_CORR_TEMPORAL_ORDERED };
enum ys_corr_op { YS_CMP_GT, YS_CMP_GTE, YS_CMP_LT, YS_CMP_LTE, YS_CMP_EQ };

struct ys_sigma_corr {
	char *file, *id, *name, *title, *level;
	char **attack;
	size_t nattack;
	enum ys_corr_type type;
	char **rules; /* base rules by name or id, as written */
	size_t nrules;
	char **group_by;
	size_t ngroup;
	int64_t timespan; /* seconds */
	enum ys_corr_op op;
	long long threshold;
	char *field; /* value_count: the field whose distinct values are counted */
	int generate; /* the base rules also raise their own alerts */
	/* made by yourside, not written: one rule's matches grouped per principal and account in
	 * fixed windows of timespan from the first (the alert is the rule's, with every event) */
	int group;
};

/* From one parsed YAML document that holds `correlation:`. */
int ys_sigma_corr_from_doc(const char *file, const struct ys_ynode *doc,
			   struct ys_sigma_corr **out, struct ys_error *err);
void ys_sigma_corr_free(struct ys_sigma_corr *c);
/* "5m", "1h", "30s", "2d": seconds, or -1. */
int64_t ys_sigma_timespan(const char *s);
int ys_corr_compare(enum ys_corr_op op, long long value, long long threshold);

#endif
