/* pool.h: a run's files read on every core, judged in order (the same alerts as one thread) */
#ifndef YS_WATCH_POOL_H
#define YS_WATCH_POOL_H

#include <stddef.h>
#include "run.h"

/* The files at paths (in the order to judge them) through run r, prepared on `threads` threads
 * (the caller's among them) and judged on the caller's. Returns how many were read or passed as
 * read before, as ys_run_file counts them. */
size_t ys_run_pool(struct ys_run *r, char *const *paths, size_t n, int threads);

#endif
