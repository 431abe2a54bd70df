/* guards.h: what a trust or resource policy statement asks of the outsider it lets in (its
 * guards), and the CI systems and identity providers known by their OIDC issuer, with the
 * claim that tells one customer from another and how far a subject condition lets in */
#ifndef YS_VENDORS_GUARDS_H
#define YS_VENDORS_GUARDS_H

#include <stddef.h>
#include "vendors.h"
#include "../iam/eval.h"

/* The guards of a statement's conditions (YS_VG_*): only conditions a request must meet (not
 * IfExists, not ForAllValues, not negated); own: this account's id, for YS_VG_OWN. */
unsigned ys_vguards(const struct ys_cstmt *s, const char *own);

struct ys_oidc_issuer {
	const char *prefix; /* the issuer's host and path, or its start ("oidc.circleci.com/org/") */
	const char *name;   /* "GitHub Actions" */
	int ci;		    /* a CI/CD system */
	int shared;	    /* one issuer for every customer: its tenancy claim alone keeps others out */
	const char *tenancy; /* the claim that names the customer: "sub" or "aud" */
	const char *example; /* a subject that pins one repository and branch */
};

/* The issuer of a provider (host and path, or a built-in provider's name), or NULL. */
const struct ys_oidc_issuer *ys_oidc_issuer(const char *provider);

/* How far the subjects of the statements allowing a provider's users let in, and the subjects
 * themselves ("repo:acme/web:*, repo:acme/api:ref:refs/heads/main") into out[n]. provider: its
 * host and path (the condition keys' prefix); st[n]: the allowing statements. */
enum ys_vscope ys_oidc_scope(const struct ys_oidc_issuer *iss, const char *provider,
			     const struct ys_cstmt *const *st, size_t nst, char *out, size_t n);

#endif
