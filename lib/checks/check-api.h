/* check-api.h: what a check's function uses: its snapshot's inputs (a missing or refused input
 * becomes a skip or error finding by itself) and the findings it adds */
#ifndef YS_CHECK_API_H
#define YS_CHECK_API_H

#include <stdint.h>
#include "audit.h"
#include "../json/jread.h"
#include "../iam/account.h"
#include "../snapshot/credreport.h"

#define DAY (24 * 3600)

struct ys_org_run;

struct ys_audit {
	struct ys_snapshot *snap;
	int64_t now;
	const struct ys_check *cur; /* the check running */
	struct ys_finding *f;
	size_t n, cap;
	const char *account;	/* "123456789012", or "unknown" */
	char root_arn[64];	/* arn:aws:iam::<account>:root: the account as a resource */
	struct ys_credreport *cred;
	int cred_state; /* 0 not read, 1 read, -1 absent or broken (cred_skip, cred_status) */
	enum ys_fstatus cred_status;
	char cred_why[600];
	struct ys_account *acct; /* get-account-authorization-details, once read */
	int acct_state;		 /* 0 not read, 1 read, -1 absent or broken */
	const char *subject; /* the name a remediation's "<name>" stands for, or NULL */
	const struct ys_audit_opts *opts;
	struct ys_cfg_scan *cfg; /* the secrets engine of ys_cfg_scan_for, made on first use */
	struct ys_org_run *org;	 /* organization checks: every account's audit (orgaudit.h);
				  * NULL in one account's run */
	const char *about_account; /* the account findings are about (ys_finding.account) */
	struct ys_vendors *vendors; /* the vendor chain (ys_need_vendors), made on first use */
	int vendors_state;	    /* 0 not made, 1 made, -1 could not be (vendors_why says why) */
	char vendors_why[512];
};

/* Names the subject of the findings that follow (ys_about(a, NULL) ends it). */
static inline void ys_about(struct ys_audit *a, const char *name)
{
	a->subject = name;
}

/* Adds a finding of the running check. resource NULL means the account. */
void ys_emit(struct ys_audit *a, enum ys_fstatus st, const char *resource, const char *region,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define ys_fail(a, res, reg, ...) ys_emit(a, YS_F_FAIL, res, reg, __VA_ARGS__)
#define ys_pass(a, res, reg, ...) ys_emit(a, YS_F_PASS, res, reg, __VA_ARGS__)

/* The parsed call at rel, or NULL after adding the skip (missing) or error (refused, broken)
 * finding that says why, for region (NULL: "global"). */
const struct ys_jval *ys_need(struct ys_audit *a, const char *rel, const char *region);
/* The same for a per-resource call (resource: its name, or NULL for rel alone). A refusal whose
 * code is in absent (comma-separated, e.g. "NoSuchBucketPolicy") means the thing is not set:
 * NULL with *is_absent = 1 and no finding. */
const struct ys_jval *ys_need_x(struct ys_audit *a, const char *rel, const char *resource,
				const char *region, const char *absent, int *is_absent);
/* Calls fn with each region's "<region>/<call>" that the snapshot holds (the others become skip
 * or error findings); a snapshot without regions is one skip. Returns the number of regions. */
size_t ys_each_region(struct ys_audit *a, const char *call,
		      void (*fn)(struct ys_audit *, const char *, const struct ys_jval *, void *),
		      void *ctx);
/* Calls fn with each object of the array member list of every region's call
 * (e.g. "ec2/describe-volumes", "Volumes"). Returns how many there were. */
size_t ys_each_item(struct ys_audit *a, const char *call, const char *list,
		    void (*fn)(struct ys_audit *, const char *, const struct ys_jval *, void *),
		    void *ctx);
/* Calls fn with each bucket of global/s3/list-buckets, its name and ARN, ys_about naming it
 * (a missing or refused list is a skip or error by itself). */
void ys_each_bucket(struct ys_audit *a, void (*fn)(struct ys_audit *, const char *name,
						   const char *arn));

/* The audit's scanner of credentials inside configuration (config-secrets.h), whose finds are
 * also told to the audit's on_secret with the check and its subject; the audit frees it. NULL
 * only without memory. */
struct ys_cfg_scan *ys_cfg_scan_for(struct ys_audit *a);

/* A file the snapshot holds whose content is wrong (a policy document that is not one): writes
 * "cannot read '<dir>/<rel>[/<resource>].json': <why>" to msg, lists it among the snapshot's
 * problems, and returns msg. */
const char *ys_bad_file(struct ys_audit *a, const char *rel, const char *resource,
			const char *why, char *msg, size_t n);
/* The credential report, or NULL after a skip or error finding. */
const struct ys_credreport *ys_need_creds(struct ys_audit *a);

/* The account's IAM principals and policies, or NULL after a skip or error finding. */
const struct ys_account *ys_need_account(struct ys_audit *a);

/* The account's vendor chain (lib/vendors), or NULL after a skip or error finding. */
struct ys_vendors;
const struct ys_vendors *ys_need_vendors(struct ys_audit *a);
void ys_audit_vendors_free(struct ys_audit *a);

/* Whole days from t to the audit's time; -1 when t is not a time. */
long ys_days_since(const struct ys_audit *a, int64_t t);
/* "2026-01-31" (or "never") into out[16]. */
const char *ys_day(int64_t t, char out[16]);
/* The account id of an ARN (its fifth field), in out[16]; "" when it has none. */
const char *ys_arn_account(const char *arn, char out[16]);

/* Members of an array of objects, safely: the i-th item, or NULL. */
const struct ys_jval *ys_item(const struct ys_jval *arr, size_t i);
size_t ys_count(const struct ys_jval *arr);
/* A string member, or "" */
const char *ys_str(const struct ys_jval *obj, const char *key);
/* A number member, or -1 when absent or not a number */
double ys_num(const struct ys_jval *obj, const char *key);
/* A boolean member: 1, 0, or -1 when absent or not a boolean */
int ys_bool(const struct ys_jval *obj, const char *key);

#endif
