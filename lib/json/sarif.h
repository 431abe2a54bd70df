/* sarif.h: the frame of a SARIF 2.1.0 log with one run of yourside, shared by every report */
#ifndef YS_SARIF_H
#define YS_SARIF_H

#include "jwrite.h"

/* Opens the log, its run, the tool and its driver (name, version, information URI written);
 * the caller adds the driver's "rules". */
void ys_sarif_begin(struct jw *w, struct strbuf *sb);
/* Closes the driver and the tool, and opens the run's "results" array. */
void ys_sarif_results(struct jw *w);
/* Closes the results, the run and the log, and ends the line. */
void ys_sarif_end(struct jw *w);

#endif
