/* model.h: a snapshot's IAM as the evaluator sees it: every user's and role's policies
 * compiled once (inline, attached, its groups', its boundary), each role's trust policy, the
 * resource policies the snapshot holds (S3 buckets, KMS keys), and the policy set a request of
 * one principal on one resource meets */
#ifndef YS_IAM_MODEL_H
#define YS_IAM_MODEL_H

#include <stddef.h>
#include "account.h"
#include "eval.h"
#include "../snapshot/snapshot.h"

/* a user, or a role (whose requests come from its sessions) */
struct ys_mprin {
	const struct ys_principal *p;
	struct ys_pinfo pi;
	struct ys_cpolicy **id; /* identity policies, named "AdministratorAccess", "inline x",
				 * "group admins: AdministratorAccess" */
	size_t nid;
	struct ys_cpolicy *boundary; /* or NULL */
	struct ys_cpolicy *trust;    /* roles: the trust policy, or NULL */
	unsigned may_assume : 1;     /* some Allow of its names an sts:AssumeRole action */
	unsigned may_iam : 1;	     /* some Allow of its may name an iam: or sts: action */
};

/* a group: its policies (inline and attached), named "group G: ..." */
struct ys_mgroup {
	const struct ys_principal *p;
	struct ys_cpolicy **pol;
	size_t n;
};

/* a resource policy the snapshot holds */
struct ys_mres {
	const char *name; /* bucket name, key id */
	struct ys_cpolicy *pol;
};

struct ys_iam_model {
	const struct ys_account *acct;
	struct ys_account *own; /* acct when the model read it (else borrowed) */
	const char *account; /* the snapshot's account id, or "" */
	struct ys_pset lib;  /* holds every compiled policy; its problems are the model's */
	struct ys_mprin *prin; /* users, then roles */
	size_t nprin, nusers;
	struct ys_mgroup *groups; /* as acct->groups */
	size_t ngroups;
	struct ys_mres *buckets, *keys; /* sorted by name */
	size_t nbuckets, nkeys;
	struct ys_cpolicy *default_key_policy; /* for keys whose policy the snapshot lacks */
	struct ys_cpolicy *outside_policy; /* "their own policies": another account's principals
					    * are taken to allow themselves everything */
	struct ys_access_key {
		const char *id, *user;
	} *keyids; /* access keys from list-access-keys, sorted by id */
	size_t nkeyids;
};

/* Reads the snapshot's IAM (get-account-authorization-details is needed: YS_ENOTFOUND
 * without it) and its bucket and key policies. What cannot be read is listed in
 * model->lib.problems and left out. */
int ys_iam_model_load(struct ys_snapshot *snap, struct ys_iam_model **out, struct ys_error *err);
/* The same from an account already read from the snapshot (borrowed: it must outlive the
 * model), as the audit has one; the problems of its policies are not listed again. */
int ys_iam_model_with(struct ys_snapshot *snap, const struct ys_account *acct,
		      struct ys_iam_model **out, struct ys_error *err);
void ys_iam_model_free(struct ys_iam_model *m);

/* The principal a user gives: an ARN, a user or role name, or an access key id; NULL when
 * none matches. */
const struct ys_mprin *ys_iam_model_find(const struct ys_iam_model *m, const char *who);

/* The policy set a request of mp on resource (for action) meets, written into *view (which
 * borrows the model's policies: never release it); *note says when a policy had to be
 * assumed ("the snapshot has no key policy for ..."), else NULL. Returns the resource's account
 * in acct[n]. */
void ys_iam_model_view(const struct ys_iam_model *m, const struct ys_mprin *mp, const char *action,
		       const char *resource, struct ys_pset *view, const char **note, char *acct,
		       size_t n);

/* Decides mp's request with the policies the snapshot gives it (ys_iam_model_view); the
 * verdict, or -1 when mp's ARN cannot be read. */
int ys_iam_model_decide(const struct ys_iam_model *m, const struct ys_mprin *mp, const char *action,
			const char *resource, const struct ys_ctx *ctx, int explain,
			struct ys_decision *d);

/* Whether some identity policy of mp allows action (lower-case) at all, whatever the resource
 * or conditions: a cheap test before deciding it resource by resource. */
int ys_mprin_may(const struct ys_mprin *mp, const char *action);

/* Whether role's trust policy could let mp in: it names mp, or the account or everyone while
 * mp's own policies allow some sts:AssumeRole (a cheap test before deciding). */
int ys_iam_model_may_enter(const struct ys_iam_model *m, const struct ys_mprin *role,
			   const struct ys_mprin *mp);

/* Whether mp holds action (lower-case) on some resource: some Allow covers it (whatever the
 * resource or conditions), no unconditional Deny on every resource takes it back, and its
 * boundary, if any, does the same. */
int ys_mprin_holds(const struct ys_mprin *mp, const char *action);

/* Whether mp, made an administrator (Allow * on *, no boundary: what it can give itself), may
 * make the request: only the resource's policy can still say no. */
int ys_iam_model_admin_may(const struct ys_iam_model *m, const struct ys_mprin *mp, const char *action,
			   const char *resource, const struct ys_ctx *ctx);

/* "user", "role" */
const char *ys_mprin_kind(const struct ys_mprin *mp);

#endif
