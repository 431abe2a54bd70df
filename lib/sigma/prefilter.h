/* prefilter.h: which rules can match a record at all: every rule needs at least one of a few
 * literals (an eventName, a source...), looked up as the exact value of its field or searched
 * for in the raw text by one vectorscan pass, and only the rules whose literal appeared are
 * evaluated in full (Suricata's and YARA's prefilter design) */
#ifndef YS_SIGMA_PREFILTER_H
#define YS_SIGMA_PREFILTER_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "rule.h"

struct ys_sigma_prefilter;
struct ys_sigma_pf_scratch;

int ys_sigma_prefilter_build(struct ys_sigma_rule *const *rules, size_t n,
			     struct ys_sigma_prefilter **out, struct ys_error *err);
void ys_sigma_prefilter_free(struct ys_sigma_prefilter *pf);
int ys_sigma_pf_scratch_new(const struct ys_sigma_prefilter *pf, struct ys_sigma_pf_scratch **out);
void ys_sigma_pf_scratch_free(struct ys_sigma_pf_scratch *s);

/* Sets in cand (ceil(n/64) words) the rules that may match the record (ev, and its raw JSON
 * text); returns how many. Rules without a usable literal are always candidates; so is every
 * rule for a record whose strings use \u or \/ escapes when some literal is searched for. */
size_t ys_sigma_prefilter_scan(const struct ys_sigma_prefilter *pf, struct ys_sigma_pf_scratch *s,
			       const struct ys_event *ev, const char *text, size_t len,
			       uint64_t *cand);
/* How many rules have a literal (the rest always run): for reports and tests. */
size_t ys_sigma_prefilter_covered(const struct ys_sigma_prefilter *pf);
/* How many literals are searched for in the text, and how many fields looked up: for tests. */
size_t ys_sigma_prefilter_searched(const struct ys_sigma_prefilter *pf);
size_t ys_sigma_prefilter_fields(const struct ys_sigma_prefilter *pf);

#endif
