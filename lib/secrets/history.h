/* history.h: the commits to scan, parents before children, from refs, ranges and shallow or
 * damaged repositories alike */
#ifndef YS_SECRETS_HISTORY_H
#define YS_SECRETS_HISTORY_H

#include <git2.h>
#include <stddef.h>
#include "../base/err.h"

struct ys_history_commit {
	git_oid id;
	git_oid tree;
	git_oid parent_tree; /* the first parent's, when has_parent */
	int has_parent;	     /* 0 for a root, and where the first parent is missing (shallow) */
};

struct ys_history {
	struct ys_history_commit *c; /* in order: every parent before its children */
	size_t n;
	size_t missing; /* commits named as parents but absent (a shallow clone's boundary) */
	int shallow;
};

/* Every commit reachable from the refs (or from B of range "A..B"), less those reachable from
 * `since` (or A). Returns YS_EINVAL (err set) for a revision that cannot be resolved. */
int ys_history_build(git_repository *repo, const char *since, const char *range,
		     struct ys_history *h, struct ys_error *err);
void ys_history_release(struct ys_history *h);

#endif
