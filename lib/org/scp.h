/* scp.h: the organization's service control policies, where each is attached, the levels of
 * them that reach an account (the root, the OUs above it, the account), and whether those
 * levels deny a request, decided by lib/iam's evaluator with nothing else in the way */
#ifndef YS_ORG_SCP_H
#define YS_ORG_SCP_H

#include <stddef.h>
#include "org.h"
#include "../iam/eval.h"

struct ys_org_scp {
	char *id, *name;
	struct ys_cpolicy *pol; /* NULL: its document could not be read (why: in the problems) */
	char **targets;		/* r-..., ou-..., account ids */
	size_t ntargets;
	int targets_known; /* list-targets-for-policy was read */
	char why[300];	   /* when pol is NULL or the targets are unknown: what is missing */
	int refused;	   /* ... because AWS refused the call */
};

enum ys_scps_state {
	YS_SCPS_OK,
	YS_SCPS_MISSING, /* the folder lacks organizations/list-policies.json */
	YS_SCPS_REFUSED, /* AWS refused list-policies */
	YS_SCPS_BAD,	 /* list-policies.json is not what the CLI prints */
	YS_SCPS_OFF,	 /* the organization cannot use SCPs (all features off, or not enabled at the root) */
};

struct ys_org_scps {
	enum ys_scps_state state;
	char why[600];	/* what is missing, refused or off */
	char *root;	/* the root's id, or NULL when unknown */
	struct ys_org_scp *v;
	size_t n;
	size_t unknown; /* policies whose document or targets could not be read */
	int any_ou;	/* some policy is attached to an organizational unit */
	struct ys_pset ps;		/* the compiled documents */
	struct ys_cpolicy *allow_all;	/* the identity side: everything allowed, so only SCPs decide */
};

/* Reads list-roots, list-policies, and each policy's describe-policy and
 * list-targets-for-policy. What cannot be read is in s->state and s->why, or in the policy's
 * why (and the organization's problems); fails only without memory. */
int ys_org_scps_load(struct ys_org *org, struct ys_org_scps *s, struct ys_error *err);
void ys_org_scps_release(struct ys_org_scps *s);

/* The deepest tree walked: AWS allows five levels of OUs under the root. */
#define YS_ORG_MAX_DEPTH 8

/* The levels of SCPs that reach an account, root first; each level's name is its target id. */
struct ys_org_chain {
	struct ys_level *lv;
	size_t n, cap;
	int tree_unknown; /* organizations/list-parents/<id>.json was missing: the OUs above the
			   * account are not known (then only the root's and the account's SCPs
			   * count, unless every_ou was asked) */
	char missing[300]; /* the list-parents file that was missing */
};

/* The chain of account: the root, the OUs above it as organizations/list-parents/<child>.json
 * says (walked up from the account), and the account. every_ou: when the tree is unknown, put
 * every OU that has SCPs attached above the account, each as its own level (the most any
 * placement could deny). Fails only without memory. */
int ys_org_chain_of(struct ys_org *org, const struct ys_org_scps *s, const char *account, int every_ou,
		    struct ys_org_chain *c);
void ys_org_chain_release(struct ys_org_chain *c);

/* A request by an IAM user of account, without MFA: key_absent 0 says aws:MultiFactorAuthPresent
 * "false" (a console session), 1 leaves the key out (long-term access keys carry none). */
struct ys_org_probe {
	const char *org_id; /* aws:PrincipalOrgID, or NULL */
	const char *account;
	const char *action;
	const char *resource;
	const char *region; /* aws:RequestedRegion */
	int key_absent;
};

/* Whether the chain's SCPs deny the request (explicitly, or by giving no allow at a level): 1
 * denied, 0 not, -1 when the request cannot be made. by gets the deciding statements
 * ("scp:r-ab12/DenyDestroy#1", ...) when denied and by is not NULL. */
int ys_org_scp_denies(const struct ys_org_scps *s, const struct ys_org_chain *c,
		      const struct ys_org_probe *p, char *by, size_t nby);

#endif
