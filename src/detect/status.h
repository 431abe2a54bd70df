/* status.h: `detect --status --state FILE`: what a watch has read and what waits to be told */
#ifndef YS_SRC_DETECT_STATUS_H
#define YS_SRC_DETECT_STATUS_H

#include <stdint.h>

/* Prints the state's status on stdout: files read, each watched region's newest file and how
 * far behind `now` it is, alerts raised and not yet written, messages waiting per destination
 * with their last error. Returns a YS_EXIT_* code. */
int detect_status(const char *state_path, int64_t now);

#endif
