/* account.h: an account's IAM principals (users, groups, roles) and managed policies, read from
 * get-account-authorization-details, with the statements that apply to each; and the coarse
 * question the audit asks of them: is an action allowed on every resource, unconditionally? */
#ifndef YS_IAM_ACCOUNT_H
#define YS_IAM_ACCOUNT_H

#include <stddef.h>
#include "policy.h"
#include "../base/err.h"
#include "../json/jread.h"

/* A managed policy and its default version. */
struct ys_mpolicy {
	const char *arn, *name;
	int aws_managed;  /* arn:aws:iam::aws:policy/... */
	long attachments; /* AttachmentCount, or -1 */
	struct ys_policy doc;
	int ok;		      /* doc was read */
	size_t refs;	      /* principals that attach it in the snapshot */
	const char *first_ref; /* the first one's ARN */
	size_t id;	      /* its place in the account's grant cache */
};

/* An inline policy. */
struct ys_ipolicy {
	const char *name;
	struct ys_policy doc;
	int ok;
	size_t id;
};

enum ys_pkind { YS_P_USER, YS_P_GROUP, YS_P_ROLE };

struct ys_principal {
	enum ys_pkind kind;
	const char *name, *arn, *path;
	struct ys_ipolicy *inl;
	size_t ninl;
	const char **attached; /* managed policy ARNs */
	const struct ys_mpolicy **pols; /* each one's policy, or NULL when the snapshot lacks it */
	size_t nattached;
	const char **groups; /* users: group names */
	const struct ys_principal **grps; /* each one's group, or NULL */
	size_t ngroups;
	struct ys_policy trust; /* roles: AssumeRolePolicyDocument */
	int trust_ok;
	const char **profiles; /* roles: instance profile ARNs */
	size_t nprofiles;
	const char *boundary; /* permissions boundary ARN, or NULL */
	const struct ys_mpolicy *bpol; /* its policy, or NULL */
	const char *created;   /* CreateDate ("" when absent) */
	const char *last_used; /* roles: RoleLastUsed.LastUsedDate ("" when never, or absent) */
};

struct ys_grant_cache;

struct ys_account {
	struct ys_principal *users, *groups, *roles;
	size_t nusers, ngroups, nroles;
	struct ys_mpolicy *pol;
	size_t npol;
	char **problems; /* "policy NAME of user X: reason" */
	size_t nproblems, problems_cap;
	size_t npolicies; /* managed and inline: the grant cache's rows */
	struct ys_grant_cache *cache; /* what each policy says of each action asked about */
};

/* Reads get-account-authorization-details' answer. Strings point into root, which must outlive
 * the account. Unreadable policy documents are listed as problems; the rest is kept. */
int ys_account_load(const struct ys_jval *root, struct ys_account **out, struct ys_error *err);
void ys_account_free(struct ys_account *acct);

/* The managed policy of that ARN, or NULL (a binary search). Well-known AWS policies the
 * snapshot leaves out (AdministratorAccess, PowerUserAccess) are known anyway. */
const struct ys_mpolicy *ys_account_policy(const struct ys_account *acct, const char *arn);
const struct ys_principal *ys_account_group(const struct ys_account *acct, const char *name);
/* The role whose instance profile has that ARN, or NULL. */
const struct ys_principal *ys_account_profile_role(const struct ys_account *acct, const char *arn);

/* Calls fn for each statement of p's policies: inline, attached, and its groups'. where names
 * the policy ("AdministratorAccess", "inline deploy", "group admins: AdministratorAccess"). */
typedef void (*ys_stmt_fn)(const struct ys_pstmt *s, const char *where, void *ctx);
void ys_account_each_stmt(const struct ys_account *acct, const struct ys_principal *p,
			  ys_stmt_fn fn, void *ctx);

/* How p holds action on every resource: */
enum ys_grant {
	YS_GRANT_NONE,	  /* not allowed (or denied without condition) */
	YS_GRANT_MFA,	  /* allowed only with MFA (an Allow's MFA condition, or a Deny guardrail
			   * without MFA) */
	YS_GRANT_COND,	  /* allowed under some other condition */
	YS_GRANT_FULL,	  /* allowed, no condition */
};

/* Coarse: statements whose Resource is "*" (or NotResource) only; a permissions boundary must
 * also allow. where[n] names the granting policy. What each policy says of an action is worked
 * out once and kept (the first 64 actions asked about), so asking for every principal is
 * cheap. */
enum ys_grant ys_account_grant(const struct ys_account *acct, const struct ys_principal *p,
			       const char *action, char *where, size_t n);

/* Whether any unconditional Allow of p covers action on some resource (a bucket, or all). */
int ys_account_allows_some(const struct ys_account *acct, const struct ys_principal *p,
			   const char *action, char *where, size_t n);

/* "user", "group", "role" */
const char *ys_account_kind(enum ys_pkind k);

/* Roles: whether the trust policy lets an AWS service assume it; the first such service in
 * svc[n]. */
int ys_account_service_role(const struct ys_principal *role, char *svc, size_t n);

#endif
