/* vendors.h: the vendor chain of one account: every principal outside it that can act in it
 * (other accounts, vendors, anyone, CI systems and identity providers through OIDC or SAML, AWS
 * services), found in its roles' trust policies and its resources' policies, each decided by
 * lib/iam's evaluator; what each can reach (administrator, data stores, backups), and the guard
 * each way in has or lacks (ExternalId, an OIDC subject, a source condition, MFA) */
#ifndef YS_VENDORS_H
#define YS_VENDORS_H

#include <stddef.h>
#include <stdint.h>
#include "known.h"
#include "../base/arena.h"
#include "../base/err.h"
#include "../iam/blast.h"
#include "../iam/model.h"
#include "../org/org.h"
#include "../snapshot/snapshot.h"

/* who the outsider is */
enum ys_vkind {
	YS_VK_ANYONE,  /* "*": every AWS account, or unsigned requests */
	YS_VK_UNKNOWN, /* an account no list and no organization names */
	YS_VK_CI,      /* a CI/CD system's OIDC provider (GitHub Actions, GitLab, ...) */
	YS_VK_IDP,     /* another identity provider (SAML, OIDC) */
	YS_VK_VENDOR,  /* an account the vendors' list names */
	YS_VK_ORG,     /* an account of this account's AWS Organization */
	YS_VK_AWS,     /* an account of AWS's own services (the list's type: aws) */
	YS_VK_SERVICE, /* an AWS service principal (cloudtrail.amazonaws.com) */
};

/* guards: conditions that keep a way in to one party */
enum {
	YS_VG_EXTERNAL_ID = 1, /* sts:ExternalId */
	YS_VG_SUBJECT = 2,     /* an OIDC subject (or the provider's tenancy claim) */
	YS_VG_AUDIENCE = 4,    /* an OIDC audience, SAML:aud */
	YS_VG_SOURCE = 8,      /* aws:SourceAccount, aws:SourceArn, aws:SourceOrgID, aws:SourceOwner */
	YS_VG_MFA = 16,	       /* aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge */
	YS_VG_ORG = 32,	       /* aws:PrincipalOrgID, aws:PrincipalOrgPaths, aws:PrincipalAccount */
	YS_VG_NETWORK = 64,    /* aws:SourceIp, aws:SourceVpc, aws:SourceVpce */
	YS_VG_OWN = 128,       /* a key pinned to this account itself: not an outsider at all */
};

/* how far an OIDC role's subject condition lets in */
enum ys_vscope {
	YS_VS_NONE,	/* not an OIDC way in */
	YS_VS_ANY,	/* no subject, or a wildcard one: anyone the provider serves */
	YS_VS_OWNER,	/* every repository or project of one owner, organization or workspace */
	YS_VS_ANY_REF,	/* named repositories, any branch, tag, environment or pull request */
	YS_VS_PINNED,	/* named repositories and branches or environments */
};

/* one way in: a role it can assume, or a resource whose policy lets it act */
struct ys_vway {
	const char *what;   /* "role", "bucket", "key", "topic", "queue", "function", ... */
	const char *name, *arn;
	const char *region; /* NULL: global */
	const char *as;	    /* the principal as the policy names it */
	const char *actions; /* "sts:AssumeRole"; "s3:GetObject, s3:PutObject" */
	unsigned access;     /* YS_BR_READ|CHANGE|DESTROY|PERMISSIONS */
	unsigned guards;     /* what every allowing statement asks (0 when open) */
	unsigned needs;	     /* what an outsider of its kind should be asked for */
	int open;	     /* some allowing statement asks for nothing it cannot give */
	const char *unshare; /* a snapshot shared: the command that stops it (else NULL) */
	enum ys_vscope scope;
	const char *subjects; /* OIDC: the subjects allowed, as written, or NULL */
	/* roles */
	long prin;	/* the role's index in the model, or -1 */
	int admin;	/* is, or can make itself, an administrator */
	const char *reach; /* "reads bucket a; destroys db instance b", or NULL */
	const char *last_used, *created; /* RoleLastUsed.LastUsedDate, CreateDate, or NULL */
	int64_t idle_days; /* days unused by the snapshot's time (-1: used recently or unknown) */
	int severity;	   /* 0 info, 1 low, 2 medium, 3 high, 4 critical (severity.h) */
	const char *why;   /* in words: the problem, or NULL when there is none */
	const char *fix;   /* the first thing to do, or NULL */
};

struct ys_vendor {
	enum ys_vkind kind;
	const char *id;	    /* account id, "*", a provider (host/path or name), a service */
	const char *name;   /* "Datadog", "prod (this organization)", "GitHub Actions" */
	const char *source; /* where the list found the id, or NULL */
	const char *listed_in; /* "built in", or the --known file that names it */
	struct ys_vway *w;
	size_t n, cap;
	int severity; /* the worst of its ways */
};

struct ys_vendors {
	const char *account;
	const char *org_id;	/* the account's organization (describe-organization), or NULL */
	const char *management; /* its management account, or NULL */
	int64_t now;
	struct ys_vendor *v; /* worst first */
	size_t n, cap;
	size_t roles, resources; /* how many trust and resource policies were read */
	char **problems;	 /* "FILE: reason" for a policy that could not be read */
	size_t nproblems, problems_cap;
	struct ys_arena arena;
};

struct ys_vendors_opts {
	const struct ys_known *known;
	const struct ys_org *org; /* NULL: the account's organization is not known */
	int64_t now;		  /* for unused trusts; 0: the snapshot's time */
	int idle_days;		  /* a trust unused this long is named (90) */
};

/* Finds them. m: the snapshot's model (NULL: read here). -1 without memory (err says). */
int ys_vendors_find(struct ys_snapshot *snap, const struct ys_iam_model *m,
		    const struct ys_vendors_opts *o, struct ys_vendors *out, struct ys_error *err);
void ys_vendors_release(struct ys_vendors *v);

/* "anyone", "unknown account", "CI system", "identity provider", "vendor", "organization
 * account", "AWS", "AWS service" */
const char *ys_vkind_name(enum ys_vkind k);
/* the guard bits in words: "ExternalId, MFA" into out[n] ("" for none) */
const char *ys_vguard_words(unsigned g, char *out, size_t n);

#endif
