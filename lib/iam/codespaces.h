/* codespaces.h: the Code Spaces question: can one principal, directly, by assuming roles or by
 * making itself an administrator, destroy a data store and every backup of it? Data stores are
 * the snapshot's S3 buckets, RDS instances and EFS file systems; their backups the AWS Backup
 * vaults and, for a bucket, the buckets it replicates to. A backup that is locked (Vault Lock,
 * Object Lock, MFA Delete) or kept in another account is out of reach, and keeps its store
 * safe. */
#ifndef YS_IAM_CODESPACES_H
#define YS_IAM_CODESPACES_H

#include <stddef.h>
#include "escalate.h"
#include "model.h"
#include "../snapshot/snapshot.h"

#define YS_CS_MAX_STEPS 3

/* one thing that can be destroyed: the requests that destroy it, any one of the ways */
struct ys_cs_target {
	char kind[16];	  /* "bucket", "db instance", "file system", "backup vault" */
	char arn[512];
	char name[256];
	const char *safe; /* why it cannot be destroyed (locked, another account), or NULL */
	/* ways: each a list of requests that together destroy it */
	struct ys_cs_way {
		const char *action[YS_CS_MAX_STEPS];
		char resource[YS_CS_MAX_STEPS][560];
		size_t n;
	} way[2];
	size_t nway;
};

/* a principal able to destroy a store and all its backups, and how it gets the rights */
struct ys_cs_culprit {
	size_t prin;	  /* index into the model's principals */
	long as;	  /* -1: with its own rights; else the principal (index) it becomes */
	int admin;	  /* by making itself an administrator (the escalation graph's path) */
};

struct ys_cs_store {
	struct ys_cs_target t;
	size_t *backups; /* indexes into the backups */
	size_t nbackups;
	const char *safe_by; /* a backup out of reach keeps it safe: that backup's name, or NULL */
	struct ys_cs_culprit *who;
	size_t nwho;
};

struct ys_codespaces {
	struct ys_cs_store *stores;
	size_t nstores;
	struct ys_cs_target *backups;
	size_t nbackups;
	size_t decisions;
};

/* Finds the stores and backups in snap and, for each store, every principal of m that can
 * destroy it and all its backups (g: the escalation graph of m). -1 without memory. */
int ys_codespaces(struct ys_snapshot *snap, const struct ys_iam_model *m,
		  const struct ys_esc_graph *g, const struct ys_ctx *ctx, struct ys_codespaces *out);
/* Only the stores and backups (no one judged). -1 without memory. */
int ys_codespaces_stores(struct ys_snapshot *snap, const struct ys_iam_model *m,
			 struct ys_codespaces *out);
void ys_codespaces_release(struct ys_codespaces *cs);

/* Whether mp (with its own policies, or as an administrator) can destroy t. */
int ys_cs_destroys(const struct ys_iam_model *m, const struct ys_mprin *mp, int as_admin,
		   const struct ys_cs_target *t, const struct ys_ctx *ctx);

#endif
