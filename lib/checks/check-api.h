/* check-api.h: what a check's function uses: its snapshot's inputs (a missing or refused input
 * becomes a skip or error finding by itself) and the findings it adds */
#ifndef YS_CHECK_API_H
#define YS_CHECK_API_H

#include <stdint.h>
#include "audit.h"
#include "../json/jread.h"
#include "../snapshot/credreport.h"

#define DAY (24 * 3600)

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
	const char *subject; /* the name a remediation's "<name>" stands for, or NULL */
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
/* The credential report, or NULL after a skip or error finding. */
const struct ys_credreport *ys_need_creds(struct ys_audit *a);

/* Whole days from t to the audit's time; -1 when t is not a time. */
long ys_days_since(const struct ys_audit *a, int64_t t);
/* "2026-01-31" (or "never") into out[16]. */
const char *ys_day(int64_t t, char out[16]);

/* Members of an array of objects, safely: the i-th item, or NULL. */
const struct ys_jval *ys_item(const struct ys_jval *arr, size_t i);
size_t ys_count(const struct ys_jval *arr);
/* A string member, or "" */
const char *ys_str(const struct ys_jval *obj, const char *key);
/* A boolean member: 1, 0, or -1 when absent or not a boolean */
int ys_bool(const struct ys_jval *obj, const char *key);

#endif
