/* behave-read.h: between behave.c and behave-read.c: the reader made from the ranges the detectors
 * judge by, and who a caller is */
#ifndef YS_DETECT_BEHAVE_READ_H
#define YS_DETECT_BEHAVE_READ_H

#include "behave.h"

/* Who made a call, as the detectors judge it (ys_behave_facts.kind). */
enum ys_who_kind { YS_WHO_USER, YS_WHO_PERSON, YS_WHO_INSTANCE, YS_WHO_WORKLOAD };

int ys_behave_reader_of(const struct ys_cidrset *aws, const struct ys_cidrset *own,
			struct ys_behave_reader **out);
/* AWS's ranges changed: the answers remembered were the old ranges'. */
void ys_behave_reader_set_aws(struct ys_behave_reader *r, const struct ys_cidrset *aws);

#endif
