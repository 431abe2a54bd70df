/* progress.h: a line of progress on stderr while a long scan runs on a terminal */
#ifndef YS_PROGRESS_H
#define YS_PROGRESS_H

#include "secrets/results.h"

struct ys_progress;

struct ys_progress *ys_progress_start(struct ys_secret_results *r);
/* Stops the thread and clears the line; NULL is fine. */
void ys_progress_stop(struct ys_progress *p);

#endif
