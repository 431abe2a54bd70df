/* collect.h: one account's collection, which `collect` runs once and `collect --organization`
 * once for each account of the organization (src/cmd/collect-org.c) */
#ifndef YS_CMD_COLLECT_H
#define YS_CMD_COLLECT_H

#include <stddef.h>
#include "aws/shapes.h"
#include "collect/engine.h"

/* collect's options, as parsed. */
struct ys_collect_opts {
	const char *out, *profile, *endpoint;
	char *regions_arg;
	const char **regions;
	size_t nregions;
	int jobs, attempts, progress;
	/* --organization */
	int organization, accounts_at_once;
	const char *role_name, *external_id;
};

/* Where one account's collection goes, with what, and who hears of its progress. */
struct ys_collect_target {
	const char *out; /* the snapshot folder */
	const struct ys_aws_creds *creds;
	ys_engine_tick_fn tick; /* NULL: the engine's own status line, when o->progress */
	void *tick_ctx;
};

/* Collects one account into t->out (snapshot.json last, so a folder without it is unfinished)
 * and fills stats. Returns 0, or an error when the folder cannot be written or the collection
 * could not run. Prints nothing but the engine's status line (o->progress without t->tick);
 * several may run at once, in threads, each with a tick. */
int ys_collect_account(const struct ys_collect_opts *o, const struct ys_aws_shapes *shapes,
		       const struct ys_collect_target *t, struct ys_engine_stats *stats,
		       struct ys_error *err);
/* The one line that says what a collection did: "N calls answered (P pages), ..." */
void ys_collect_summary(const struct ys_engine_stats *st, char *buf, size_t n);
/* `collect --organization`: every account of the organization; returns the exit code. */
int ys_collect_org(const struct ys_collect_opts *o, const struct ys_aws_shapes *shapes,
		   const struct ys_aws_creds *creds);

#endif
