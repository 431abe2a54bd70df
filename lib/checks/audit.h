/* audit.h: running the posture checks over a snapshot, and the findings they make (DESIGN.md's
 * finding: check, status, severity, resource, region, cis, message, remediation) */
#ifndef YS_AUDIT_H
#define YS_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../snapshot/snapshot.h"

/* In the order findings are listed. */
enum ys_fstatus { YS_F_FAIL, YS_F_ERROR, YS_F_SKIP, YS_F_PASS };

struct ys_audit;

/* One entry of the registry (lib/checks/checks.def). */
struct ys_check {
	const char *id;		 /* "iam-root-access-key" */
	const char *severity;	 /* critical, high, medium, low, info */
	const char *prowler;	 /* Prowler's checks of the same intent, comma-separated: how CIS
				  * controls, which name Prowler's, map to this check */
	const char *title;	 /* what must hold */
	const char *rationale;	 /* why */
	const char *remediation; /* the exact fix */
	const char *doc;	 /* AWS's page */
	void (*run)(struct ys_audit *a);
	int org; /* an organization's check (checks-org.def): runs only over several accounts */
};

#define YS_MAX_CHECKS 256
extern const struct ys_check ys_checks[];
extern const size_t ys_ncheck;
const struct ys_check *ys_check_find(const char *id);
/* How many checks run over one account (org 0), or over an organization (org 1). */
size_t ys_check_count(int org);

struct ys_finding {
	const struct ys_check *check;
	enum ys_fstatus status;
	char *resource; /* an ARN (or the account's); the one allocation that holds the four strings */
	char *region;	/* "global" for IAM, S3 and the account */
	char *message;
	char *remediation; /* the check's, with the subject's name in it */
	const char *account; /* an organization's run: the account the finding is about (NULL for
			      * the organization as a whole when its management account is unknown);
			      * NULL in one account's run */
};

struct ys_secret_hit;

/* A credential a check found inside configuration (config-secrets.h): the check, the resource's
 * name (its subject), where in it ("AWS_ACCESS_KEY_ID", "user data line 3"), and the hit, whose
 * secret is valid only during the call. */
typedef void (*ys_audit_secret_fn)(void *ctx, const struct ys_check *check, const char *subject,
				   const char *where, const struct ys_secret_hit *hit);

struct ys_org;
struct ys_vendors;

struct ys_audit_opts {
	int64_t now;	 /* the time checks measure ages from, or -1: the snapshot's own time
			  * (snapshot.json, else the credential report's), else clock */
	int64_t clock;
	const char *const *only; /* check ids to run (NULL-terminated), or NULL for all */
	ys_audit_secret_fn on_secret; /* told each credential found in configuration, or NULL */
	void *secret_ctx;
	const struct ys_org *org; /* the organization the account is in (names its accounts), or NULL */
	struct ys_meter *meter;	  /* checks run, for the progress line; or NULL */
};

/* Where the time that ages are measured from came from. */
enum ys_now_from { YS_NOW_GIVEN, YS_NOW_SNAPSHOT, YS_NOW_CREDREPORT, YS_NOW_CLOCK };

struct ys_audit_result {
	struct ys_finding *f;
	size_t n;
	const char *account;
	int64_t now;
	enum ys_now_from now_from;
	int org; /* an organization's run: findings carry their account */
	struct ys_vendors *vendors; /* the vendor chain its checks worked out (lib/vendors), or NULL */
};

/* Runs the checks. Problems with the snapshot's files become error or skip findings, and are
 * also listed by ys_snapshot_problems. */
int ys_audit_run(struct ys_snapshot *snap, const struct ys_audit_opts *o,
		 struct ys_audit_result **out, struct ys_error *err);
void ys_audit_result_free(struct ys_audit_result *r);
/* Sorts findings as a result lists them: failures first, the most severe first, then by check,
 * region, resource and account. */
void ys_audit_sort(struct ys_finding *f, size_t n);
const char *ys_fstatus_name(enum ys_fstatus s);
/* "given", "snapshot", "credential-report" or "clock", for JSON */
const char *ys_now_from_name(enum ys_now_from f);
/* The same in words: "when the snapshot was taken (snapshot.json)", ... */
const char *ys_now_from_words(enum ys_now_from f);

#endif
