/* fieldlit.h: the prefilter's literals that belong to a field: values it must equal, in a hash
 * table per field (one lookup per value instead of a search of the whole record), and pieces
 * it must contain, searched for in its values alone (by one vectorscan pass when there are
 * many) */
#ifndef YS_SIGMA_FIELDLIT_H
#define YS_SIGMA_FIELDLIT_H

#include <stddef.h>
#include <stdint.h>
#include <hs/hs.h>
#include "../base/err.h"
#include "rule.h"

struct ys_fieldlit;

#define YS_FIELDLIT_MAX 255 /* longer values are left to the search of the record */
#define YS_FIELDLIT_SEARCH 4 /* a field with this many pieces has them compiled together */

/* How a field's value holds a literal. */
enum { YS_FIELDLIT_CONTAINS, YS_FIELDLIT_EQUALS, YS_FIELDLIT_STARTS };

/* Rule `rule` may match when field (dotted path) holds value as `how` says; value is
 * lower-cased already unless cased. Returns 0, YS_EINVAL when value is too long, or YS_ENOMEM.
 * *set is made on first use. */
int ys_fieldlit_add(struct ys_fieldlit **set, const char *field, int cased, int how,
		    const char *value, size_t len, uint32_t rule);
void ys_fieldlit_free(struct ys_fieldlit *set);
/* After the last add: compiles the pieces of the fields that have many, growing *scratch (may
 * be NULL) to fit them. */
int ys_fieldlit_seal(struct ys_fieldlit *set, hs_scratch_t **scratch, struct ys_error *err);
/* Grows *scratch to fit the compiled pieces (a scratch for another thread). */
int ys_fieldlit_scratch(const struct ys_fieldlit *set, hs_scratch_t **scratch);
/* Sets in cand the rules whose literal one of the event's fields holds; scratch: as grown by
 * the two above. */
void ys_fieldlit_scan(const struct ys_fieldlit *set, const struct ys_event *ev, uint64_t *cand,
		      hs_scratch_t *scratch);
/* How many fields are looked up in each record: for tests. */
size_t ys_fieldlit_nfields(const struct ys_fieldlit *set);

#endif
