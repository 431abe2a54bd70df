/* run.h: one `yourside detect` run: the detector, where alerts go, and the state that makes a
 * run resumable (files read, open windows, alerts raised, baselines) */
#ifndef YS_WATCH_RUN_H
#define YS_WATCH_RUN_H

#include <stdint.h>
#include "../base/meter.h"
#include "../base/strbuf.h"
#include "../detect/behave.h"
#include "../detect/engine.h"
#include "../base/sign.h"
#include "../store/lease.h"
#include "../store/state.h"
#include "sink.h"

/* A partition of the trail this run judges (an account, with workers sharing the state; else
 * the only one, ""): its own detector and behaviour baselines, so that no correlation or
 * baseline spans two, and one can be handed to another worker with its state. */
struct ys_run_part {
	char name[32];
	struct ys_detector *det;
	struct ys_behave *behave; /* may be NULL */
};

struct ys_run {
	int jsonl;
	int threads; /* files are prepared on this many (ys_run_paths); 1: all on the caller's */
	struct ys_detector *det;  /* the current partition's */
	struct ys_detect_io io; /* how the detector reaches the run */
	struct ys_behave *behave; /* the current partition's; may be NULL */
	const char *part;	  /* the current partition's name */
	struct ys_run_part *parts;
	size_t nparts, capparts;
	/* how a partition's detector is made */
	const struct ys_ruleset *rs;
	int64_t reorder;
	const struct ys_behave_opts *behave_opts; /* NULL: no behaviour detectors; else bopts */
	struct ys_behave_opts bopts;
	/* a worker among several sharing the state (NULL: this process reads every account) */
	const struct ys_lease *lease;
	int lease_lost; /* a batch found a lease gone: every partition is rebuilt from the state */
	struct ys_state *state;	  /* may be NULL: nothing is kept between runs */
	/* where alerts go besides the output: the signed log, the people told */
	struct ys_sink **sinks;
	size_t nsinks, capsinks;
	struct strbuf signing;	  /* the batch's alerts as JSON Lines, for the sinks */
	int out_fd;		  /* stdout or --output */
	int out_seekable;	  /* a regular file: alerts reach it exactly once */
	int color;		  /* text alerts tint their severity (a terminal, or --color) */
	int write_failed;	  /* alerts could not all be written: exit 2 */
	int64_t out_off;
	int64_t now;	       /* --now: the time it is (open windows close by it, the signed log
				* dates entries by it); -1 for the clock */
	struct strbuf body;    /* scratch: one alert's text */
	struct strbuf pending; /* alerts not yet written: with state, the batch at hand (written
				* after its commit); without, a buffer's worth */
	char **pending_ids;
	char **pending_part; /* beside pending_ids: each alert's partition */
	int *pending_rank; /* beside pending_ids: each alert's severity */
	size_t npending, cappending, caprank, cappart;
	int worst; /* severity rank of the worst alert, -1 for none */
	size_t problems, alerts, files_skipped;
	struct ys_detect_stats st;
	/* with state: files share a transaction until the batch is full (a second, or
	 * YS_RUN_BATCH_FILES files) or the input pauses: one commit a batch, not one a file */
	int in_txn;
	size_t batch_files, batch_max;
	int64_t batch_began; /* CLOCK_MONOTONIC, ns */
	/* without state: the files this run read (hashes of path, size and time), each read once
	 * even when a watch names it again */
	uint64_t *seen;
	size_t nseen, capseen;
	struct ys_meter *meter; /* files read and skipped, for the progress line; or NULL */
};

/* The time it is for this run: --now, else the clock. */
int64_t ys_run_now(const struct ys_run *r);
/* Without state: writes the alerts buffered so far. */
void ys_run_flush(struct ys_run *r);
/* Alerts and problems reach the run through these. */
int ys_run_alert(void *ctx, const struct ys_alert *a);
void ys_run_problem(void *ctx, const char *msg);
int ys_run_corr_record(void *ctx, int64_t t, const char *file, const char *json, size_t len);

/* A partition to judge: its detector made (r->rs, r->reorder, r->behave_opts) and, with state,
 * what an earlier run (or another worker) raised for it but may not have written is written,
 * its baselines loaded and the matches its open windows hold replayed. 0, or a ys_err. */
int ys_run_add_part(struct ys_run *r, const char *name, struct ys_error *err);
/* Without workers: the only partition, "". */
int ys_run_resume(struct ys_run *r, struct ys_error *err);
/* A worker's round (lease.h) between batches, the accounts the source found made known (n may
 * be 0: those known already): the partitions it is given are added, those it no longer holds
 * dropped (their state is in the store, committed, for the worker that takes them). The number
 * of partitions taken (0 without workers), or a negative ys_err said as a problem. */
int ys_run_lease_round(struct ys_run *r, const char *const *accounts, size_t n);
/* The newest event time the behaviour detectors saw in any partition (-1: none). */
int64_t ys_run_newest(const struct ys_run *r);
/* AWS's ranges (reloaded) for every partition's behaviour detectors, and those made later. */
void ys_run_set_aws(struct ys_run *r, const struct ys_cidrset *aws);
/* Does this worker judge this account? Always without workers. */
int ys_run_holds(const struct ys_run *r, const char *account);
/* Does it judge the account this trail file belongs to? Always without workers; never, with
 * them, a file whose name has no account. */
int ys_run_holds_file(const struct ys_run *r, const char *name);
/* The account in a trail file's name (…/AWSLogs/[o-…/]<12 digits>/CloudTrail/…), or 0. */
int ys_trail_account(const char *name, char out[13]);
#define YS_RUN_BATCH_FILES 512 /* files a transaction holds at most */
#define YS_RUN_BATCH_NS 1000000000LL /* and for how long */

/* One file: skipped when the state says it was read; else read, and with state its alerts,
 * matches, baselines and the file's mark land in the batch's transaction, then, once the batch
 * commits, its alerts are written.
 * Returns 1 read, 0 skipped, or a negative ys_err after reporting it. */
int ys_run_file(struct ys_run *r, const char *path);
/* The same for bytes that are not a local file (an S3 object): named by name, known by its size
 * and mtime (ns); size -1 for a stream read once (stdin). Its bytes (NULL: open name) are closed
 * either way. */
struct ys_bytes;
int ys_run_object(struct ys_run *r, const char *name, int64_t size, int64_t mtime,
		      struct ys_bytes *in);
/* Is this object to be read? 1; 0 when the state (or, without state, this run) has read it,
 * counted as skipped; or a negative ys_err after reporting it. Without state it counts as read
 * from here. */
int ys_run_wanted(struct ys_run *r, const char *name, int64_t size, int64_t mtime);
/* The same as ys_run_object for an object ys_run_wanted took, prepared ahead (prepare.h): next
 * gives its chunks in order (NULL: no more), each used until the next call. */
struct ys_prepared;
typedef const struct ys_prepared *(*ys_run_chunk_fn)(void *ctx);
int ys_run_prepared(struct ys_run *r, const char *name, int64_t size, int64_t mtime,
		    ys_run_chunk_fn next, void *ctx);
/* Was this object read already (by this run, or with state by any)? 1, 0, or a negative ys_err. */
int ys_run_known(struct ys_run *r, const char *name, int64_t size, int64_t mtime);
/* With state: was a file of this name read (in any version, by any worker)? 1, 0, or a negative
 * ys_err said as a problem. */
int ys_run_path_known(struct ys_run *r, const char *name);
/* With state: a watched bucket's region folder read up to newest, in the batch at hand. */
int ys_run_put_cursor(struct ys_run *r, const char *scope, int64_t newest);
/* Wall-clock time passed: with state, correlations that ended are reported and the batch
 * commits; without, the end of the input: everything still open is. */
int ys_run_finish(struct ys_run *r, int end_of_input);

/* A sink alerts go to from now on (the run's to free). 0, or YS_ENOMEM. */
int ys_run_add_sink(struct ys_run *r, struct ys_sink *s);
/* The sinks do what is due (everything, digests included, with all). */
void ys_run_deliver(struct ys_run *r, int all);
/* Alerts a kind of sink has finished with ("notify": messages told). */
size_t ys_run_sink_done(const struct ys_run *r, const char *kind);
/* New rules (SIGHUP): what was read is committed, a detector is built on rs and, with state,
 * the matches open windows hold are replayed into it, as a restart would; without state the old
 * detector's open incidents are said first. The old detector is freed: the caller may then free
 * its rules. 0, or a ys_err (err says why) and the old detector goes on. */
struct ys_ruleset;
int ys_run_reload(struct ys_run *r, const struct ys_ruleset *rs, int64_t reorder,
		  struct ys_error *err);
/* A clean stop: the alerts written are marked so. */
int ys_run_close(struct ys_run *r);
/* Frees what the run holds: its detector, baselines, sinks, state and output. */
void ys_run_release(struct ys_run *r);

#endif
