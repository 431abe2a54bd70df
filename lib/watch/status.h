/* status.h: `detect --status --state FILE`: what a watch has read and what waits to be told */
#ifndef YS_WATCH_STATUS_H
#define YS_WATCH_STATUS_H

#include <stdint.h>
#include "../base/err.h"

/* Prints the state's status on stdout: files read, each watched region's newest file and how
 * far behind `now` it is, alerts raised and not yet written, messages waiting per destination
 * with their last error. Returns 0, or a ys_err (err says why). */
int ys_watch_status(const char *state_path, int64_t now, struct ys_error *err);

#endif
