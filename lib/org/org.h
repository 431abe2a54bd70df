/* org.h: an organization folder (what `collect --organization` writes): organization.json, the
 * Organizations calls under organizations/, and one account snapshot folder per account */
#ifndef YS_ORG_H
#define YS_ORG_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../snapshot/snapshot.h"

/* One account of the organization, as organization.json (else list-accounts.json, else the
 * folders themselves) lists it. Every string is the organization's; none is NULL. */
struct ys_org_account {
	char *id;
	char *name;   /* "" when unknown */
	char *status; /* ACTIVE, SUSPENDED, PENDING_CLOSURE, or "" */
	char *result; /* collected, refused, suspended, failed; "" when nothing says */
	char *reason; /* why it was not collected, or "" */
	char *dir;    /* ORG/<id> when that folder is there, else NULL */
};

struct ys_org {
	char *dir;
	char *id;	  /* "o-..." or NULL */
	char *management; /* the management account's id, or NULL */
	char *by;	  /* who collected it (organization.json's "by"), or NULL */
	int64_t time;	  /* when it was collected (organization.json's "time"), or -1 */
	const char *source; /* where the list of accounts came from: "organization.json",
			     * "organizations/list-accounts.json" or "the account folders" */
	struct ys_org_account *acc; /* in the order listed */
	size_t nacc;
	struct ys_snapshot *calls; /* the folder's files, read and kept as a snapshot's are */
	char **problems;
	size_t nproblems, cap_problems;
};

/* Whether dir is an organization folder: it holds organization.json (readable or not). */
int ys_org_is(const char *dir);
/* The organization whose folder holds the snapshot folder dir (collect --organization's
 * layout), or NULL when there is none or it cannot be read (free it with ys_org_free). */
struct ys_org *ys_org_around(const char *dir);
/* Opens dir. Fails only when dir is not a folder: a bad organization.json, an account without
 * its folder or a folder nobody lists are problems (ys_org_problems), and the rest goes on. */
int ys_org_open(const char *dir, struct ys_org **out, struct ys_error *err);
void ys_org_free(struct ys_org *o);

/* What could not be read, one message each, in the order met. */
size_t ys_org_problems(const struct ys_org *o, const char *const **msgs);
void ys_org_problem(struct ys_org *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An account by id, or NULL. */
const struct ys_org_account *ys_org_account(const struct ys_org *o, const char *id);

/* An Organizations call: "organizations/<op>" (resource NULL) or
 * "organizations/<op>/<resource>" (describe-policy/<policy-id>); never NULL. A file that is not
 * JSON is also one of the organization's problems. */
const struct ys_snap_file *ys_org_call(struct ys_org *o, const char *op, const char *resource);

#endif
