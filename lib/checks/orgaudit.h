/* orgaudit.h: an organization audited as one: each account's snapshot audited with the
 * account checks, then the organization's checks (checks-org.def) over all of them; or the
 * same over several snapshot folders given one by one */
#ifndef YS_ORGAUDIT_H
#define YS_ORGAUDIT_H

#include <stddef.h>
#include "check-api.h"
#include "../base/strbuf.h"
#include "../org/org.h"
#include "../org/scp.h"

/* One account of the run. */
struct ys_org_member {
	char *id;     /* the account id ("unknown" when a folder given has no account.json) */
	char *name;   /* "" when unknown */
	char *status; /* ACTIVE, SUSPENDED, PENDING_CLOSURE, or "" */
	char *dir;    /* its snapshot folder, or NULL */
	int management;
	int audited;	/* its snapshot was audited: snap and r are set */
	int suspended;	/* not audited because the account is suspended or closing */
	char why[600];	/* not audited: why, in words */
	struct ys_snapshot *snap;
	struct ys_audit_result *r;
};

struct ys_org_run {
	struct ys_org *org;	/* the organization folder, or NULL for snapshot folders given */
	const char *id;		/* "o-..." or NULL */
	const char *management; /* the management account, or NULL */
	char arn[160];		/* the organization as a resource */
	struct ys_org_member *m; /* in the order listed */
	size_t n;
	size_t audited;
	struct ys_org_scps scps; /* read when org is set */
	char **regions;		 /* every region the audited snapshots hold, sorted */
	size_t nregions;
	struct ys_finding *orgf; /* the organization checks' findings, owned here */
	size_t norgf;
	struct ys_audit_result all; /* every finding, the accounts' and the organization's, sorted;
				     * the findings' strings belong to orgf and the accounts' results */
	char **problems;	    /* what could not be read, anywhere */
	size_t nproblems, cap_problems;
};

/* Audits the organization folder org (the run owns it from then on, and frees it) or, with
 * org NULL, the snapshot folders dirs. Accounts that cannot be audited are members with their
 * reason; fails only without memory or when nothing at all can be read. */
int ys_org_audit(struct ys_org *org, const char *const *dirs, size_t ndirs,
		 const struct ys_audit_opts *o, struct ys_org_run **out, struct ys_error *err);
void ys_org_run_free(struct ys_org_run *r);
/* "444455556666 (acme-dev)", or the id alone, into out[n]. */
const char *ys_org_member_label(const struct ys_org_member *m, char *out, size_t n);
/* The same with a note: "444455556666 (acme-dev; not audited)". */
const char *ys_org_member_note(const struct ys_org_member *m, const char *note, char *out, size_t n);

/* -- for the organization's checks -- */

/* An audit of one member's snapshot (sub) for a check of a to read its files with the usual
 * helpers (ys_need, ys_each_region, ys_trails_load); what sub finds is dropped by
 * ys_org_view_end. */
void ys_org_view(struct ys_audit *a, const struct ys_org_member *m, struct ys_audit *sub);
void ys_org_view_end(struct ys_audit *sub);

/* A list of names for a message, "a, b, c", the first YS_ORG_NAMES of them (or max, when set)
 * and then "and N more". */
#define YS_ORG_NAMES 12
struct ys_org_names {
	struct strbuf sb;
	size_t n;
	int ended;  /* "and N more" is written */
	size_t max; /* 0: YS_ORG_NAMES */
};
void ys_org_names_add(struct ys_org_names *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The list ("" when empty); valid until the next add or the release. */
const char *ys_org_names_str(struct ys_org_names *l);
void ys_org_names_release(struct ys_org_names *l);

#endif
