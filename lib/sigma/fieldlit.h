/* fieldlit.h: the prefilter's literals that belong to a field: values it must equal, in a hash
 * table per field (one lookup per value instead of a search of the whole record), and pieces
 * it must contain, searched for in its values alone */
#ifndef YS_SIGMA_FIELDLIT_H
#define YS_SIGMA_FIELDLIT_H

#include <stddef.h>
#include <stdint.h>
#include "rule.h"

struct ys_fieldlit;

#define YS_FIELDLIT_MAX 255 /* longer values are left to the search of the record */

/* Rule `rule` may match when field (dotted path) equals value (contains it, when !exact);
 * value is lower-cased already unless cased. Returns 0, YS_EINVAL when value is too long, or
 * YS_ENOMEM. *set is made on first use. */
int ys_fieldlit_add(struct ys_fieldlit **set, const char *field, int cased, int exact,
		    const char *value, size_t len, uint32_t rule);
void ys_fieldlit_free(struct ys_fieldlit *set);
/* Sets in cand the rules whose literal one of the event's fields holds. */
void ys_fieldlit_scan(const struct ys_fieldlit *set, const struct ys_event *ev, uint64_t *cand);
/* How many fields are looked up in each record: for tests. */
size_t ys_fieldlit_nfields(const struct ys_fieldlit *set);

#endif
