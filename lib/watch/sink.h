/* sink.h: where a run's alerts go besides its output (the signed log, the people told): each
 * alert handed to every sink inside the transaction that raises it, so it is kept exactly once
 * with the alert, and each sink's work done after the commit */
#ifndef YS_WATCH_SINK_H
#define YS_WATCH_SINK_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

struct ys_sql;
struct ys_signkey;
struct ys_dest;
struct ys_aws_creds;

struct ys_sink;
struct ys_sink_ops {
	const char *kind; /* "ledger", "notify" */
	/* An alert raised (its id, its JSON line, its severity's rank), in the run's transaction
	 * when it has state; now: the run's time. */
	int (*add)(struct ys_sink *s, const char *id, const char *json, size_t len, int rank,
		   int64_t now, struct ys_error *err);
	/* What was added is committed (or, without state, the input paused): do what is due by
	 * now; all: everything, the run is ending. */
	void (*flush)(struct ys_sink *s, int64_t now, int all);
	void (*free)(struct ys_sink *s);
};
struct ys_sink {
	const struct ys_sink_ops *ops;
	/* a problem that does not stop the run (a destination down), said through the run */
	void (*problem)(void *ctx, const char *msg);
	void *ctx;
	size_t done; /* alerts a flush has finished with (messages told) */
};

/* The state's signed, hash-chained log: each alert appended, signed with key, dated by now. */
int ys_sink_ledger_new(struct ys_sql *db, const char *shown, struct ys_signkey *key,
		       struct ys_sink **out, struct ys_error *err);

/* People told: the destinations (the sink's to free), urgent alerts at once and those of low or
 * info severity in one digest every digest seconds (0: each at once); the queue in db (the
 * state's: told exactly once across kill -9) or in memory (NULL). creds: for SNS, or NULL. */
int ys_sink_notify_new(struct ys_sql *db, struct ys_dest *dests, size_t ndests, int64_t digest,
		       const struct ys_aws_creds *creds, struct ys_sink **out, struct ys_error *err);

#endif
