/* event-json.h: a JSON document (lib/json/jread) seen as a Sigma event: dotted paths, arrays
 * flattened, every scalar for keyword searches */
#ifndef YS_SIGMA_EVENT_JSON_H
#define YS_SIGMA_EVENT_JSON_H

#include "../json/jread.h"
#include "rule.h"

void ys_event_from_json(struct ys_event *ev, const struct ys_jval *root);

#endif
