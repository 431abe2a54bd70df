/* state.h: detect's state, in a SQLite file or on a PostgreSQL server (sql.h): files already read, matches that open correlation
 * windows hold, alerts raised (and whether they reached the output), behaviour baselines */
#ifndef YS_STORE_STATE_H
#define YS_STORE_STATE_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../detect/baseline.h"
#include "sql.h"

struct ys_state;

/* Opens the state: a SQLite file at where (created when new), or the PostgreSQL server where
 * names (postgresql://…); its schema is created or migrated to this version. */
int ys_state_open(const char *where, struct ys_state **out, struct ys_error *err);
void ys_state_close(struct ys_state *s);

/* Everything between begin and commit lands together or not at all (kill -9 included). */
int ys_state_begin(struct ys_state *s, struct ys_error *err);
int ys_state_commit(struct ys_state *s, struct ys_error *err);
int ys_state_rollback(struct ys_state *s);

/* A file is read when its path was recorded with the same size and modification time. */
int ys_state_file_read(struct ys_state *s, const char *path, int64_t size, int64_t mtime, int *done,
		       struct ys_error *err);
/* A file read in any version (whatever its size and time): a path another worker read. */
int ys_state_path_read(struct ys_state *s, const char *path, int *done, struct ys_error *err);
int ys_state_mark_file(struct ys_state *s, const char *path, int64_t size, int64_t mtime,
		       uint64_t records, struct ys_error *err);

/* Matches, alerts and baselines belong to a partition: an account when workers share the state
 * (lease.h), else "". */

/* Records that fed correlations, kept while a window may still need them: replayed, in the
 * order they came, after a restart (or by the worker that takes their partition). */
int ys_state_add_match(struct ys_state *s, const char *part, int64_t t, const char *file,
		       const char *json, size_t len, struct ys_error *err);
typedef int (*ys_state_match_fn)(void *ctx, const char *file, const char *json, size_t len);
int ys_state_each_match(struct ys_state *s, const char *part, ys_state_match_fn fn, void *ctx,
			struct ys_error *err);
/* Forgets a partition's matches older than t (event time, seconds). */
int ys_state_prune_matches(struct ys_state *s, const char *part, int64_t t, struct ys_error *err);

/* Alerts by their id: *seen is set when one with this id was raised before. */
int ys_state_alert_seen(struct ys_state *s, const char *id, int *seen, struct ys_error *err);
/* Whose an alert is: its partition, and the worker whose output it goes to ("": the only one). */
struct ys_state_who {
	const char *part, *worker;
};
/* A raised alert waits, with what it prints and where its output starts (-1: a stream), until
 * ys_state_alerts_written says it reached the output. */
int ys_state_add_alert(struct ys_state *s, const struct ys_state_who *who, const char *id,
		       const char *body, size_t len, int64_t offset, struct ys_error *err);
typedef int (*ys_state_alert_fn)(void *ctx, const char *body, size_t len, int64_t offset,
				 const struct ys_state_who *who);
/* The alerts that were raised but may not have reached an output, oldest first. */
int ys_state_each_unwritten(struct ys_state *s, ys_state_alert_fn fn, void *ctx,
			    struct ys_error *err);
int ys_state_alerts_written(struct ys_state *s, const char *part, struct ys_error *err);

/* The connection, for what shares the state and its transactions (the signed log, the outbox). */
struct ys_sql *ys_state_sql(struct ys_state *s);

/* Behaviour baselines (detect/baseline.h). */
int ys_state_each_baseline(struct ys_state *s, const char *part, ys_baseline_fn fn, void *ctx,
			   struct ys_error *err);
int ys_state_put_baseline(struct ys_state *s, const char *part, const struct ys_baseline_row *row,
			  struct ys_error *err);

/* Where a watched bucket's region folder was read up to (the newest delivery time read in it),
 * kept with the batch that read it; only ever moves forward. */
int ys_state_put_cursor(struct ys_state *s, const char *scope, int64_t newest, struct ys_error *err);
int ys_state_each_cursor(struct ys_state *s, int (*fn)(void *ctx, const char *scope, int64_t newest),
			 void *ctx, struct ys_error *err);

#endif
