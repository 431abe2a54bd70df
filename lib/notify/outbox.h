/* outbox.h: alerts waiting to be told, one row per alert and destination, in the state's SQLite
 * file (queued in the transaction that raised the alert, so none is lost or told twice across
 * kill -9) or in memory without state; urgent ones go at once, the rest in a digest when their
 * hour is over; a destination that fails is tried again later, never dropped */
#ifndef YS_NOTIFY_OUTBOX_H
#define YS_NOTIFY_OUTBOX_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "dest.h"
#include "send.h"

struct ys_sql;
struct ys_outbox;

/* db: the state's connection (the caller's transactions hold the queueing), or NULL for a queue
 * of this process alone. */
int ys_outbox_open(struct ys_sql *db, struct ys_outbox **out, struct ys_error *err);
void ys_outbox_close(struct ys_outbox *o);
/* Queues an alert (its JSON, one line) for d, due at `due` (Unix seconds); digest: told with the
 * other digest alerts due by then. An alert already queued for d is not queued again. */
int ys_outbox_add(struct ys_outbox *o, const struct ys_dest *d, const char *alert_id,
		  const char *json, size_t len, int digest, int64_t due, struct ys_error *err);

struct ys_outbox_result {
	size_t sent, failed, waiting; /* alerts told, alerts whose telling failed, alerts not due */
};
/* Tells every destination what is due by now (everything with all set), each marked as told as
 * soon as the destination takes it; a failure is said through problem, the alerts stay queued
 * and are tried again after a pause that grows with each failure. */
int ys_outbox_deliver(struct ys_outbox *o, const struct ys_notify_ctx *c, const struct ys_dest *dests,
		      size_t ndests, int64_t now, int all, void (*problem)(void *ctx, const char *msg),
		      void *ctx, struct ys_outbox_result *res, struct ys_error *err);

#endif
