/* event-lazy.h: Sigma's view of a CloudTrail record read on demand (json/jlazy.h): only the
 * values a rule asks for are found and decoded; the same answers as event-json.h */
#ifndef YS_SIGMA_EVENT_LAZY_H
#define YS_SIGMA_EVENT_LAZY_H

#include "../json/jlazy.h"
#include "rule.h"

void ys_event_from_lazy(struct ys_event *ev, struct ys_jlazy *l);

#endif
