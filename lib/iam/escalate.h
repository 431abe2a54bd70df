/* escalate.h: privilege escalation in a snapshot as a graph: which principal can become which
 * (access keys and console passwords for users, trust policies rewritten or trusted roles
 * assumed, roles passed to services it can launch), which can give itself or someone it can
 * become any permission (the administrator), and the shortest path from each principal to
 * administrator, every edge with the statements that allow it. The methods are the known ones
 * (data/privesc-methods.tsv: cloudsplaining's list, after Rhino Security Labs, and
 * pathfinding.cloud's paths). */
#ifndef YS_IAM_ESCALATE_H
#define YS_IAM_ESCALATE_H

#include <stddef.h>
#include "model.h"

#define YS_ESC_MAX_STEPS 4

/* one request an edge needs, decided */
struct ys_esc_step {
	const char *action;
	const char *resource; /* the model's string: the graph lives within the model */
	struct ys_decision d;
};

struct ys_esc_edge {
	size_t from, to;    /* nodes: principals 0..nprin-1, groups after them, then administrator */
	const char *method; /* the method's name in the table ("CreateAccessKey", "iam-012") */
	const char *how;    /* in words: "creates an access key for it" */
	struct ys_esc_step step[YS_ESC_MAX_STEPS];
	size_t nstep;
};

struct ys_esc_graph {
	size_t nprin, ngroups, admin; /* admin: the administrator node's index */
	struct ys_esc_edge *e;
	size_t n, cap;
	long *next;	  /* per principal: the edge on its shortest path to administrator, or -1 */
	unsigned *dist;	  /* per principal: how many edges that path has (0: none) */
	unsigned char *is_admin; /* per principal: administrator already (an edge of its own) */
	size_t decisions;
	char **strs; /* the edges' words that were written for them */
	size_t nstrs, capstrs;
};

/* Builds the graph (release it with ys_esc_graph_release). ctx: context keys every request
 * carries (--context). -1 without memory. */
int ys_escalations(const struct ys_iam_model *m, const struct ys_ctx *ctx, struct ys_esc_graph *g);
void ys_esc_graph_release(struct ys_esc_graph *g);

/* The methods table: how many, and each one's id, name and required actions. */
size_t ys_esc_methods(void);

#endif
