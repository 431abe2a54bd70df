/* plan.h: what `yourside collect` asks AWS, in the snapshot layout audit reads: the account's
 * global calls, every region's, and the calls each answer leads to (per bucket, trail, key,
 * detector, backup plan and vault, file system, Glacier vault, OpenID Connect provider, target
 * group, user; the credential report once AWS has written it) */
#ifndef YS_COLLECT_PLAN_H
#define YS_COLLECT_PLAN_H

#include <stddef.h>
#include "engine.h"

struct ys_plan;

/* regions: the ones to collect, or NULL for every region enabled in the account (asked of EC2).
 * The plan answers the engine's done callback: pass ys_plan_done with the plan as ctx. */
int ys_plan_new(const struct ys_aws_shapes *shapes, const char *const *regions, size_t nregions,
		struct ys_plan **out, struct ys_error *err);
void ys_plan_free(struct ys_plan *p);
/* Queues the first calls. */
int ys_plan_start(struct ys_plan *p, struct ys_engine *e, struct ys_error *err);
void ys_plan_done(struct ys_engine *e, const struct ys_call *call, const char *json, size_t len,
		  const char *code, void *ctx);
/* The regions collected (known once EC2 has answered, when none were given). */
size_t ys_plan_regions(const struct ys_plan *p, const char *const **names);

#endif
