/* blast.h: the blast radius of one principal (or of the access key that signs as it): whom it
 * can become, whether it can make itself an administrator, what it can read, change and
 * destroy in each data store of the snapshot, and what it holds in each service */
#ifndef YS_IAM_BLAST_H
#define YS_IAM_BLAST_H

#include <stddef.h>
#include "codespaces.h"
#include "escalate.h"
#include "model.h"

enum { YS_BR_READ = 1, YS_BR_CHANGE = 2, YS_BR_DESTROY = 4, YS_BR_PERMISSIONS = 8 };

struct ys_br_store {
	const struct ys_cs_target *t;
	unsigned what; /* YS_BR_* */
};

struct ys_br_service {
	char name[64];
	size_t read, list, write, tagging, permissions, destroy; /* actions it holds */
	size_t total; /* actions the catalogue knows for the service */
};

struct ys_blast {
	size_t prin;
	size_t *becomes; /* principals it can become (not itself) */
	size_t nbecomes;
	int admin;	 /* is, or can make itself, an administrator */
	struct ys_codespaces stores; /* the snapshot's stores and backups */
	struct ys_br_store *st;	     /* one per store, then one per backup */
	size_t nst;
	struct ys_br_service *svc;
	size_t nsvc;
	int borrowed; /* stores is the caller's (ys_blast_opt) */
};

/* Works out the blast radius of m's principal prin (g: m's escalation graph). -1 without
 * memory. */
int ys_blast(struct ys_snapshot *snap, const struct ys_iam_model *m, const struct ys_esc_graph *g,
	     size_t prin, const struct ys_ctx *ctx, struct ys_blast *out);
/* The same with the stores already read (ys_codespaces_stores, kept by the caller until the
 * blast is released; NULL: read here) and, with YS_BLAST_NO_SERVICES, without the counts by
 * service (svc stays empty): what a caller asking of many principals needs. */
#define YS_BLAST_NO_SERVICES 1u
int ys_blast_opt(struct ys_snapshot *snap, const struct ys_iam_model *m, const struct ys_esc_graph *g,
		 size_t prin, const struct ys_ctx *ctx, const struct ys_codespaces *stores, unsigned flags,
		 struct ys_blast *out);
void ys_blast_release(struct ys_blast *b);

#endif
