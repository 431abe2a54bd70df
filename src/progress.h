/* progress.h: one line on stderr, redrawn while a long command runs on a terminal */
#ifndef YS_PROGRESS_H
#define YS_PROGRESS_H

#include "base/meter.h"

struct ys_progress;

/* A thread that draws its meter's line on stderr four times a second: what is being done, how
 * far, how fast and, with a total, how long is left. NULL when stderr is not a terminal (or
 * the thread cannot start): nothing is drawn, and the work is given no meter.
 * For tests only: YS_TEST_PROGRESS_DELAY_MS=<ms> makes each unit of work wait that long, so
 * that a small input keeps the line on the screen (tests/check-tty.sh). */
struct ys_progress *ys_progress_start(void);
/* Its meter, for the work to bump; NULL for a NULL p. */
struct ys_meter *ys_progress_meter(struct ys_progress *p);
/* Stops the thread and wipes the line, before the command prints its summary; NULL is fine. */
void ys_progress_stop(struct ys_progress *p);

#endif
