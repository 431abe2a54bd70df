/* pool.h: a fixed set of worker threads, each with its own scanner, fed from a bounded queue */
#ifndef YS_SECRETS_POOL_H
#define YS_SECRETS_POOL_H

#include <pthread.h>
#include <stddef.h>
#include "scan.h"

struct ys_pool;

/* Called in worker thread number `worker` for each queued item; the pool frees item afterwards. */
typedef void (*ys_pool_work_fn)(void *arg, int worker, struct ys_secret_scanner *sc, void *item);

int ys_pool_start(struct ys_pool **out, int threads, const struct ys_secret_ruleset *rs,
		  ys_pool_work_fn fn, void *arg);
/* Blocks while the queue is full. Takes ownership of item (malloc'd). */
int ys_pool_push(struct ys_pool *p, void *item);
/* Waits for every queued item, then stops the workers. */
void ys_pool_finish(struct ys_pool *p);

#endif
