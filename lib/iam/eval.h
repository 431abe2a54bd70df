/* eval.h: IAM's decision on one request, as AWS documents it: explicit deny first; SCPs (each
 * level) and RCPs; resource-based policies (same account: alone for a user or session named
 * exactly, within the boundary and session policy for a role; cross-account: both sides);
 * identity policies, permissions boundary, session policy. Policies are compiled once; a
 * decision allocates nothing. */
#ifndef YS_IAM_EVAL_H
#define YS_IAM_EVAL_H

#include <stddef.h>
#include "cond.h"
#include "context.h"
#include "glob.h"
#include "policy.h"
#include "principal.h"
#include "../base/arena.h"
#include "../base/err.h"

enum ys_layer { YS_L_SCP, YS_L_RCP, YS_L_RESOURCE, YS_L_IDENTITY, YS_L_BOUNDARY, YS_L_SESSION };

/* "scp", "rcp", "resource", "identity", "boundary", "session" */
const char *ys_layer_name(enum ys_layer l);

struct ys_cstmt {
	unsigned char allow, not_action, not_resource, not_principal;
	unsigned char any_resource; /* Resource "*" or none given (resource policies) */
	unsigned char broken;	    /* could not be compiled: never matches (named in problems) */
	struct ys_pat *act; /* lower-case */
	const char **act_src; /* as written */
	size_t nact;
	struct ys_pat *res;
	unsigned char *resvar; /* res[i] holds a variable */
	size_t nres;
	/* Principal / NotPrincipal: "*" (star), AWS ARNs and account ids, services, identity
	 * providers (Federated), others (CanonicalUser) */
	unsigned char has_principal, star;
	const char **aws, **svc, **fed, **other;
	size_t naws, nsvc, nfed, nother;
	struct ys_cterm *cond;
	size_t ncond;
	const char *sid;
};

struct ys_cpolicy {
	const char *name;
	struct ys_cstmt *st;
	size_t n;
};

/* The policies that bear on requests, in one arena. */
struct ys_level {
	const char *name; /* "root", "ou-...", the account */
	struct ys_cpolicy **pol;
	size_t n;
};

struct ys_pset {
	struct ys_cpolicy **identity;
	size_t nidentity;
	struct ys_cpolicy *boundary, *session, *resource; /* each may be NULL */
	struct ys_level *scp, *rcp;			  /* root first, the account last */
	size_t nscp, nrcp;
	struct ys_arena arena;
	char **problems; /* "policy NAME statement N: reason" */
	size_t nproblems, problems_cap;
	int quiet_actions;	 /* do not name actions AWS does not publish (nobody reads it) */
	struct ys_cstmt **conds; /* every statement with a condition, to release */
	size_t nconds, conds_cap;
};

/* More statements than any policy AWS accepts could hold: such a policy is named and left out. */
#define YS_EVAL_MAX_STATEMENTS 1000

void ys_pset_init(struct ys_pset *ps);
void ys_pset_release(struct ys_pset *ps);

/* Compiles a parsed policy under name (copied). resource_policy: statements without Resource
 * apply to the policy's resource. A statement that cannot be compiled is kept broken (it
 * matches nothing) and named in ps->problems; NULL only without memory. */
struct ys_cpolicy *ys_pset_compile(struct ys_pset *ps, const char *name, const struct ys_policy *p,
				   int resource_policy);
/* Reads (ys_policy_parse) and compiles a document; NULL with the reason in err. */
struct ys_cpolicy *ys_pset_read(struct ys_pset *ps, const char *name, const struct ys_jval *doc,
				int resource_policy, struct ys_error *err);

struct ys_request {
	const char *principal; /* ARN (principal.h) */
	const char *action;    /* service:Name */
	const char *resource;  /* ARN, or "*" for actions without one */
	const char *resource_account; /* NULL: the principal's */
	struct ys_ctx ctx;	      /* derived keys are filled in by ys_eval */
	const struct ys_pinfo *pi;    /* the principal already read (ys_pinfo_parse), or NULL */
};

enum ys_verdict { YS_IMPLICIT_DENY, YS_EXPLICIT_DENY, YS_ALLOW };

/* one deciding statement */
struct ys_because {
	enum ys_layer layer;
	const struct ys_level *level; /* SCP and RCP */
	const struct ys_cpolicy *pol;
	size_t stmt; /* from 0 */
};

#define YS_EVAL_MAX_BECAUSE 32

struct ys_decision {
	enum ys_verdict verdict;
	/* implicit deny: the layer that gave no allow (and its level) */
	enum ys_layer gap;
	const struct ys_level *gap_level;
	/* explicit deny: the denying statements; allow: the allowing ones */
	struct ys_because by[YS_EVAL_MAX_BECAUSE];
	size_t nby;
	const char *note; /* a documented rule that decided ("the key policy must allow"), or NULL */
};

/* Decides the request. explain: find every deciding statement (else stop at the first deny and
 * fill in only the verdict and gap). Returns -1 when the principal cannot be read. */
int ys_eval(const struct ys_pset *ps, const struct ys_request *req, int explain,
	    struct ys_decision *d);

/* The Allow statements of p that would let the request in were their conditions met (action,
 * resource and principal match): their indexes into out[max]. Returns how many there are (more
 * than max when out is too short), -1 when the principal cannot be read. */
long ys_eval_admitting(const struct ys_cpolicy *p, const struct ys_request *req, size_t *out,
		       size_t max);

/* "explicit deny", "implicit deny", "allow" */
const char *ys_verdict_name(enum ys_verdict v);

/* "identity:NAME#N" (N from 1), "scp:LEVEL/NAME#N", into out[n]. */
void ys_because_label(const struct ys_because *b, char *out, size_t n);

#endif
