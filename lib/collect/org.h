/* org.h: what `collect --organization` asks AWS Organizations (the organization, its accounts
 * over every page, its roots, its service control policies and their targets) into the ORG
 * folder's organizations/, the accounts it lists, and organization.json, what became of each */
#ifndef YS_COLLECT_ORG_H
#define YS_COLLECT_ORG_H

#include <stddef.h>
#include "../aws/shapes.h"
#include "../base/err.h"
#include "../sigv4/sigv4.h"

/* What became of an account. */
enum ys_org_result { YS_ORG_PENDING, YS_ORG_COLLECTED, YS_ORG_REFUSED, YS_ORG_SUSPENDED,
		     YS_ORG_FAILED };

struct ys_org_account {
	char id[16];	  /* 12 digits when AWS's answer is sound; check before using it as a path */
	char name[128];
	char status[32];  /* ACTIVE, SUSPENDED, PENDING_CLOSURE */
	enum ys_org_result result;
	char reason[600]; /* why, when not collected */
};

struct ys_org {
	char id[64];	     /* o-..., "" when AWS would not say */
	char management[16]; /* the management account, "" when AWS would not say */
	struct ys_org_account *accounts;
	size_t naccounts;
	char refused[128]; /* ListAccounts' refusal (its code), "" when it answered */
};

struct ys_org_opts {
	const char *out;      /* the ORG folder: its organizations/ is written */
	const char *endpoint; /* NULL: AWS's */
	const struct ys_aws_creds *creds;
	int jobs, max_attempts;
};

/* Asks Organizations in us-east-1, writes each answer (or .error.json) under out/organizations/
 * and fills org. Returns 0 when it ran, even if AWS refused (org->refused says so); an error
 * only when it could not run. */
int ys_org_read(const struct ys_aws_shapes *shapes, const struct ys_org_opts *o,
		struct ys_org *org, struct ys_error *err);
void ys_org_release(struct ys_org *org);
/* "collected", "refused", "suspended", "failed" */
const char *ys_org_result_name(enum ys_org_result r);
/* Writes out/organization.json: the organization, when (time, ISO 8601), by what, and each
 * account with its result and the reason when it was not collected. */
int ys_org_write(const struct ys_org *org, const char *out, const char *time, const char *by,
		 struct ys_error *err);

#endif
