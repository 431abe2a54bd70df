/* lease.h: workers sharing one state split its partitions (a trail's accounts) between them:
 * each partition is leased to one worker at a time, for a while, renewed with every batch it
 * commits; a worker that stops renewing (kill -9, a lost machine) loses its leases when they
 * expire, and the others take them */
#ifndef YS_STORE_LEASE_H
#define YS_STORE_LEASE_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "sql.h"

struct ys_lease {
	const char *worker; /* this worker's name, unique among those sharing the state */
	int64_t ttl;	    /* seconds a lease lasts unless renewed */
};

/* One round, in its own transaction: the worker is alive until now + ttl; the partitions named
 * become known to all; the worker keeps its share of all the known ones (the live workers
 * divided into them, rounded up): its leases renewed, free or expired ones taken (FOR UPDATE
 * SKIP LOCKED: never one another worker is taking; not when take is 0), the ones beyond its
 * share given back. fn is told each partition it holds after the round. 0, or a ys_err (err
 * says why; nothing changed). */
int ys_lease_round(struct ys_sql *db, const struct ys_lease *l, int64_t now, int take,
		   const char *const *names, size_t n, int (*fn)(void *ctx, const char *part),
		   void *ctx, struct ys_error *err);

/* Inside the transaction of a batch: the leases on parts renewed until now + ttl. *lost is set
 * when one of them is no longer this worker's: the batch must then roll back. */
int ys_lease_renew(struct ys_sql *db, const struct ys_lease *l, int64_t now,
		   const char *const *parts, size_t n, int *lost, struct ys_error *err);

/* A clean stop: the worker's leases given back at once, for the others to take. */
int ys_lease_release(struct ys_sql *db, const struct ys_lease *l, struct ys_error *err);

#endif
