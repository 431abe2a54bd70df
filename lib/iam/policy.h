/* policy.h: IAM policy documents (identity and resource policies) as statements, read from a
 * JSON object (as the CLI prints them), a JSON string, or the URL-encoded string the IAM API
 * returns; and IAM's wildcard matching */
#ifndef YS_IAM_POLICY_H
#define YS_IAM_POLICY_H

#include <stddef.h>
#include "../base/err.h"
#include "../json/jread.h"

struct ys_pstmt {
	int allow;		   /* Effect: Allow (1) or Deny (0) */
	int not_action, not_resource; /* the lists are NotAction / NotResource */
	const char **actions;	   /* as written (wildcards kept) */
	size_t nactions;
	const char **resources;
	size_t nresources;
	const struct ys_jval *principal; /* Principal (resource policies), or NULL */
	int not_principal;
	const struct ys_jval *condition; /* or NULL */
	int mfa_condition; /* the condition names aws:MultiFactorAuthPresent or ...Age */
	const char *sid;
};

struct ys_policy {
	struct ys_pstmt *st;
	size_t n;
	struct ys_jdoc *doc; /* when the document came as a string */
	const char **strs;   /* the lists' storage */
	int vars;	     /* Version 2012-10-17: ${...} in Resource and Condition are variables */
};

/* Reads a policy document. v is the object, or a string holding it (URL-encoded or not).
 * On error returns YS_EPARSE with the reason in err (for the caller to name the document). */
int ys_policy_parse(const struct ys_jval *v, struct ys_policy *out, struct ys_error *err);
void ys_policy_release(struct ys_policy *p);

/* IAM's matching for actions: ys_glob with YS_GLOB_ICASE ('*' any run, '?' one character). */
int ys_iam_match(const char *pattern, const char *value);

/* Whether a statement covers the action (Action or NotAction). */
int ys_pstmt_action(const struct ys_pstmt *s, const char *action);
/* Whether a statement covers every resource: Resource "*" (or a NotResource). */
int ys_pstmt_all_resources(const struct ys_pstmt *s);

/* The value a statement's Condition gives key (case-insensitive) under operator op (NULL: any
 * operator, then *op_found names it), or NULL. */
const struct ys_jval *ys_pstmt_cond(const struct ys_pstmt *s, const char *op, const char *key,
				    const char **op_found);
/* Whether the statement's principal is everyone: "*", {"AWS": "*"}, or a NotPrincipal. */
int ys_pstmt_everyone(const struct ys_pstmt *s);

#endif
