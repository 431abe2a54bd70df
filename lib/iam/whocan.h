/* whocan.h: every principal of a snapshot that can make a request: users and roles directly
 * (their groups' policies included), principals that reach an allowed role by assuming roles,
 * one after another, and those a resource or trust policy lets in from outside (another
 * account, an AWS service, anyone) */
#ifndef YS_IAM_WHOCAN_H
#define YS_IAM_WHOCAN_H

#include <stddef.h>
#include "model.h"

#define YS_WHO_MAX_CHAIN 8

struct ys_who {
	const struct ys_mprin *mp; /* a user or role of the snapshot, or NULL: */
	const char *outside;	   /* another account's principal, a service, or "*" (anyone) */
	/* the roles assumed one after another to get there, the last one allowed (empty when
	 * allowed directly) */
	const struct ys_mprin *via[YS_WHO_MAX_CHAIN];
	size_t nvia;
	struct ys_decision d; /* the first step's decision (the request itself when direct) */
	int needs_own;	      /* outside: allowed only if that account's own policies allow too */
};

struct ys_who_list {
	struct ys_who *v;
	size_t n, cap;
	size_t decisions; /* how many requests were decided to find them */
};

/* Fills list (release it with ys_who_list_release). ctx: the request's context keys (also
 * used for each sts:AssumeRole of a chain). -1 without memory. */
int ys_who_can(const struct ys_iam_model *m, const char *action, const char *resource,
	       const struct ys_ctx *ctx, struct ys_who_list *list);
void ys_who_list_release(struct ys_who_list *list);

#endif
