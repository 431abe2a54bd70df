/* detect-first.h: the first thing to do after a detect run, from the alerts it raised */
#ifndef YS_CMD_DETECT_FIRST_H
#define YS_CMD_DETECT_FIRST_H

#include "base/strbuf.h"
#include "watch/sink.h"

/* A sink that counts the run's alerts, and the high and critical ones by principal; NULL
 * without memory. The run frees it. */
struct ys_sink *detect_first_new(void);
/* "first: 7 of the 9 high or critical alerts are calls of …: if nobody …" (nothing when the
 * run raised no alert). */
void detect_first_words(const struct ys_sink *s, struct strbuf *out);

#endif
