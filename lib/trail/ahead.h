/* ahead.h: a trail reader on a second thread: it reads, checks and indexes a file's records a
 * batch ahead of the one who takes them, who sees exactly what ys_trail_next would give, in
 * the same order (records, and errors with their messages) */
#ifndef YS_TRAIL_AHEAD_H
#define YS_TRAIL_AHEAD_H

#include "reader.h"

struct ys_trail_ahead;

/* Opens path from in (ys_bytes_open; owned from here, even on failure) and, when threaded,
 * starts reading on a thread of its own (without one, or when none can be started, the records
 * are read by ys_trail_ahead_next itself). */
int ys_trail_ahead_open(struct ys_trail_ahead **out, const char *path, struct ys_bytes *in,
			int threaded, struct ys_error *err);
/* As ys_trail_next: 1 with rec filled (valid until the next call), 0 at the end, or a
 * negative ys_err with err set. */
int ys_trail_ahead_next(struct ys_trail_ahead *a, struct ys_trail_record *rec,
			struct ys_error *err);
/* The file's format as the reader knew it when it gave the last record or error. */
enum ys_trail_format ys_trail_ahead_format(const struct ys_trail_ahead *a);
/* Stops the reading thread (if it is still going) and frees everything. */
void ys_trail_ahead_close(struct ys_trail_ahead *a);

#endif
