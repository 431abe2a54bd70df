/* history.h: audit's history in SQLite: each run's snapshot files (deduplicated, compressed)
 * and findings, so a snapshot can be compared with the one before it */
#ifndef YS_HISTORY_H
#define YS_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../checks/auditdiff.h"

struct ys_history;
struct ys_sql;

int ys_history_open(const char *path, struct ys_history **out, struct ys_error *err);
void ys_history_close(struct ys_history *h);
/* The SQLite connection, for what shares the file and its transactions (the signed log). */
struct ys_sql *ys_history_sql(struct ys_history *h);
int ys_history_begin(struct ys_history *h, struct ys_error *err);
int ys_history_commit(struct ys_history *h, struct ys_error *err);
void ys_history_rollback(struct ys_history *h);

/* The account's newest run: *run (0 when there is none), when its snapshot was taken, and the
 * folder it was read from (into where[n]). */
int ys_history_last(struct ys_history *h, const char *account, int64_t *run, int64_t *taken,
		    char *where, size_t n, struct ys_error *err);
int ys_history_add_run(struct ys_history *h, const char *account, const char *snapshot,
		       int64_t taken, int64_t recorded, int64_t *run, struct ys_error *err);
int ys_history_add_file(struct ys_history *h, int64_t run, const char *rel, const char *text,
			size_t len, struct ys_error *err);
int ys_history_add_finding(struct ys_history *h, int64_t run, const struct ys_dfinding *f,
			   struct ys_error *err);

/* A run's files (rel order) and findings; fn returning nonzero stops with YS_ESTOP. */
typedef int (*ys_hfile_fn)(void *ctx, const char *rel, const char *text, size_t len);
int ys_history_each_file(struct ys_history *h, int64_t run, ys_hfile_fn fn, void *ctx,
			 struct ys_error *err);
typedef int (*ys_dfinding_fn)(void *ctx, const struct ys_dfinding *f);
int ys_history_each_finding(struct ys_history *h, int64_t run, ys_dfinding_fn fn, void *ctx,
			    struct ys_error *err);

/* A run as one side of a comparison; a side recorded as a new run (one transaction). */
int ys_history_side(struct ys_history *h, int64_t run, struct ys_aside *side,
		    struct ys_error *err);
int ys_history_record(struct ys_history *h, const struct ys_aside *side, const char *account,
		      int64_t recorded, int64_t *run, struct ys_error *err);

#endif
