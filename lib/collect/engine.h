/* engine.h: many AWS calls in flight at once (libcurl multi, one connection pool), each signed,
 * paged through, retried with backoff and jitter when throttled, and written into a snapshot
 * folder as the AWS CLI prints it (or as .error.json when AWS refuses) */
#ifndef YS_COLLECT_ENGINE_H
#define YS_COLLECT_ENGINE_H

#include <stddef.h>
#include <stdint.h>
#include "../aws/request.h"
#include "../aws/shapes.h"
#include "../base/err.h"

#define YS_CALL_MAX_PARAMS 4

struct ys_engine;

/* One call: the operation, its region and inputs, and the file it fills (no ".json"). */
struct ys_call {
	const struct ys_aws_op *op;
	char region[32];
	struct ys_aws_param params[YS_CALL_MAX_PARAMS + 1]; /* +1: the page token */
	char values[YS_CALL_MAX_PARAMS][512];
	size_t nparams;
	char rel[768];
	void *ctx; /* the plan's, for what follows the call */
};

/* What a finished call gave: the CLI's JSON (all pages merged), or a refusal's code. */
typedef void (*ys_call_done_fn)(struct ys_engine *e, const struct ys_call *call, const char *json,
				size_t len, const char *code, void *ctx);

struct ys_engine_stats {
	size_t calls, pages, requests, throttled, retried, refused, failed, bytes;
};

/* The counts while the engine runs, for a caller that shows several engines as one line. */
typedef void (*ys_engine_tick_fn)(const struct ys_engine_stats *st, size_t in_flight,
				  size_t queued, int last, void *ctx);

struct ys_engine_opts {
	const char *out;      /* the snapshot folder */
	const char *endpoint; /* NULL: AWS's; else every call goes there (tests) */
	const struct ys_aws_creds *creds;
	int jobs;	      /* calls in flight */
	int max_attempts;     /* a throttled call is tried this many times */
	int progress;	      /* a status line on stderr */
	ys_call_done_fn done;
	void *ctx;
	ys_engine_tick_fn tick; /* set: called instead of the status line, every 200 ms and at */
	void *tick_ctx;		/* the end (last 1), whatever progress says */
};

int ys_engine_new(const struct ys_engine_opts *o, struct ys_engine **out, struct ys_error *err);
void ys_engine_free(struct ys_engine *e);
/* Queues a call (copied). params: name/value pairs; rel: where its answer goes. */
int ys_engine_add(struct ys_engine *e, const struct ys_aws_op *op, const char *region,
		  const struct ys_aws_param *params, size_t nparams, const char *rel, void *ctx);
/* The same, to start no sooner than ms from now (a report AWS is still writing). */
int ys_engine_add_after(struct ys_engine *e, int64_t ms, const struct ys_aws_op *op,
			const char *region, const struct ys_aws_param *params, size_t nparams,
			const char *rel, void *ctx);
/* Runs until every call, and every call their answers queued, is done. */
int ys_engine_run(struct ys_engine *e, struct ys_error *err);
const struct ys_engine_stats *ys_engine_stats(const struct ys_engine *e);
/* The account the calls are made in (for S3 Control), once known. */
void ys_engine_set_account(struct ys_engine *e, const char *account);
const char *ys_engine_account(const struct ys_engine *e);
/* Writes text to the snapshot's rel (a path under the folder, extension included). */
int ys_engine_write(struct ys_engine *e, const char *rel, const char *text, size_t len,
		    struct ys_error *err);
/* The same without an engine: dir/rel, its folders made, written whole or not at all. */
int ys_collect_write(const char *dir, const char *rel, const char *text, size_t len,
		     struct ys_error *err);

#endif
