/* source.h: where a watch's trail files come from (a local folder, the trail's bucket polled, a
 * queue of the bucket's notices), behind one interface, and the loop that drives any of them */
#ifndef YS_WATCH_SOURCE_H
#define YS_WATCH_SOURCE_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "run.h"

/* Set by signals, read between steps: stop after committing; reload rules and ranges. */
struct ys_watch_flags {
	volatile sig_atomic_t stop, reload;
};

struct ys_source;
struct ys_source_ops {
	const char *kind; /* "folder", "s3", "sqs" */
	/* Reads every file that is new into the run. 0, or a ys_err when the source could not be
	 * read at all this time (said through the run's problems). */
	int (*poll)(struct ys_source *s, struct ys_run *r);
	/* Waits up to ms for something new; returns early when there is, or a flag is set. */
	void (*wait)(struct ys_source *s, int64_t ms, const struct ys_watch_flags *f);
	void (*free)(struct ys_source *s);
};
struct ys_source {
	const struct ys_source_ops *ops;
	char what[256]; /* what is watched, for messages: a folder, s3://bucket/prefix, a queue */
};

struct ys_source_opts {
	const char *follow; /* a folder, or s3://bucket[/prefix] */
	const char *sqs;    /* a queue the bucket's notices arrive on (instead of polling) */
	int64_t since;	    /* s3: regions never read, from this time on (seconds) */
	int64_t wait_s;	    /* sqs: how long a receive waits for a message (long polling, 20 s at
			     * most); 0: read what waits until the queue answers empty, and return */
};

/* The source o names, its read position loaded from the run's state. 0, or a ys_err (err says
 * why: a bad URL, no credentials, a folder that cannot be watched). */
int ys_source_open(const struct ys_source_opts *o, struct ys_run *r, struct ys_source **out,
		   struct ys_error *err);
void ys_source_free(struct ys_source *s);

/* The three kinds. */
int ys_source_dir_new(const char *dir, struct ys_source **out, struct ys_error *err);
int ys_source_s3_new(const char *url, int64_t since, struct ys_run *r, struct ys_source **out,
		     struct ys_error *err);
int ys_source_sqs_new(const char *queue_url, int64_t wait_s, struct ys_source **out,
		      struct ys_error *err);

struct ys_watch_opts {
	int64_t interval_ms; /* between polls (a folder and a queue wake early for news) */
	int once;	     /* one poll, then return */
	struct ys_watch_flags *flags;
	/* between polls, when flags->reload was set (and cleared) */
	void (*on_reload)(void *ctx, struct ys_run *r);
	/* after each poll, committed and told: the status line */
	void (*on_poll)(void *ctx, const struct ys_source *s, struct ys_run *r);
	void *ctx;
};

/* Sleeps ms, a tenth of a second at a time, unless a flag is set: the wait of a source that has
 * nothing to wake it (a bucket polled, a queue after a failed receive). */
void ys_watch_sleep(int64_t ms, const struct ys_watch_flags *f);

/* Polls, commits and tells, and waits, until flags->stop (or after one poll with once).
 * Returns 0, or 1 when a --once poll could not read the source. */
int ys_watch(struct ys_source *s, struct ys_run *r, const struct ys_watch_opts *o);

#endif
