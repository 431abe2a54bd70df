/* guards.c: reading a statement's conditions as guards, and OIDC subjects as how far they let
 * in, by the issuer's own subject format */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "guards.h"
#include "../banned.h"

/* whether the term binds: a request without the key, or with any value, fails it */
static int binding(const struct ys_cterm *t)
{
	return !t->neg && !t->ifexists && t->set != YS_CSET_ALL && t->op != YS_COP_NULL && t->nvals;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcasecmp(s + n - m, tail);
}

/* every value names this account (an id, or an ARN in it) */
static int pinned_own(const struct ys_cterm *t, const char *own)
{
	char needle[24];
	size_t i;

	if (!own || !*own)
		return 0;
	snprintf(needle, sizeof(needle), ":%s:", own);
	for (i = 0; i < t->nvals; i++)
		if (strcmp(t->vals[i], own) && !strstr(t->vals[i], needle))
			return 0;
	return 1;
}

unsigned ys_vguards(const struct ys_cstmt *s, const char *own)
{
	static const struct {
		const char *key;
		unsigned bit;
		int may_be_own;
	} keys[] = {
		{"sts:ExternalId", YS_VG_EXTERNAL_ID, 0},     {"aws:SourceAccount", YS_VG_SOURCE, 1},
		{"aws:SourceArn", YS_VG_SOURCE, 1},	      {"aws:SourceOwner", YS_VG_SOURCE, 1},
		{"aws:SourceOrgID", YS_VG_SOURCE, 0},	      {"aws:SourceOrgPaths", YS_VG_SOURCE, 0},
		{"aws:MultiFactorAuthAge", YS_VG_MFA, 0},     {"aws:PrincipalOrgID", YS_VG_ORG, 0},
		{"aws:PrincipalOrgPaths", YS_VG_ORG, 0},      {"aws:PrincipalAccount", YS_VG_ORG, 1},
		{"aws:PrincipalArn", YS_VG_ORG, 1},	      {"aws:SourceIp", YS_VG_NETWORK, 0},
		{"aws:SourceVpc", YS_VG_NETWORK, 0},	      {"aws:SourceVpce", YS_VG_NETWORK, 0},
		{"SAML:aud", YS_VG_AUDIENCE, 0},
	};
	unsigned g = 0;
	size_t i, k;

	for (i = 0; i < s->ncond; i++) {
		const struct ys_cterm *t = &s->cond[i];

		if (!binding(t))
			continue;
		if (!strcasecmp(t->key, "aws:MultiFactorAuthPresent")) {
			if (t->op == YS_COP_BOOL && !strcasecmp(t->vals[0], "true"))
				g |= YS_VG_MFA;
			continue;
		}
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if (!strcasecmp(t->key, keys[k].key)) {
				g |= keys[k].bit;
				if (keys[k].may_be_own && pinned_own(t, own))
					g |= YS_VG_OWN;
				break;
			}
		if (k < sizeof(keys) / sizeof(keys[0]) || !strchr(t->key, '.'))
			continue;
		/* an identity provider's claim: "token.actions.githubusercontent.com:sub" */
		if (ends_with(t->key, ":aud") || ends_with(t->key, ":oaud") || ends_with(t->key, ":azp") ||
		    ends_with(t->key, ":amr"))
			g |= YS_VG_AUDIENCE;
		else
			g |= YS_VG_SUBJECT;
	}
	return g;
}

/* a subject's format: what comes first, where the owner ends, and the field naming the
 * repository or project (after repo_key, or the one after the owner) */
struct shape {
	const char *prefix;
	char owner_sep;
	const char *repo_key;
	char repo_sep; /* '\0': the owner is the repository (Bitbucket's subjects) */
};

static const struct {
	struct ys_oidc_issuer iss;
	struct shape sh;
} issuers[] = {
	{{"token.actions.githubusercontent.com", "GitHub Actions", 1, 1, "sub",
	  "repo:OWNER/REPOSITORY:ref:refs/heads/main"}, {"repo:", '/', NULL, ':'}},
	{{"gitlab.com", "GitLab CI/CD", 1, 1, "sub", "project_path:GROUP/PROJECT:ref_type:branch:ref:main"},
	 {"project_path:", '/', NULL, ':'}},
	{{"app.terraform.io", "HCP Terraform (Terraform Cloud)", 1, 1, "sub",
	  "organization:ORG:project:PROJECT:workspace:WORKSPACE:run_phase:apply"},
	 {"organization:", ':', "workspace:", ':'}},
	{{"agent.buildkite.com", "Buildkite", 1, 1, "sub",
	  "organization:ORG:pipeline:PIPELINE:ref:refs/heads/main:commit:*:step:*"},
	 {"organization:", ':', "pipeline:", ':'}},
	{{"oidc.circleci.com/org/", "CircleCI", 1, 0, "sub", "org/ORG_ID/project/PROJECT_ID/user/*"},
	 {"org/", '/', "project/", '/'}},
	{{"api.bitbucket.org/2.0/workspaces/", "Bitbucket Pipelines", 1, 0, "sub", "{REPOSITORY_UUID}:*"},
	 {"{", '}', NULL, '\0'}},
	{{"vstoken.dev.azure.com/", "Azure DevOps", 1, 0, "sub", "sc://ORG/PROJECT/SERVICE_CONNECTION"},
	 {"sc://", '/', NULL, '/'}},
	{{"oidc.eks.", "an EKS cluster's service accounts", 0, 0, "sub",
	  "system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT"}, {"system:serviceaccount:", ':', NULL, ':'}},
	{{"login.app.env0.com", "env0", 1, 1, "sub", "auth0|YOUR_ORGANIZATION_USER"}, {"", '\0', NULL, '\0'}},
	{{"api.pulumi.com/oidc", "Pulumi", 1, 1, "aud", "YOUR_PULUMI_ORG"}, {"", '\0', NULL, '\0'}},
	{{"oidc.vercel.com", "Vercel", 1, 0, "sub", "owner:TEAM:project:PROJECT:environment:production"},
	 {"owner:", ':', "project:", ':'}},
	{{"sts.windows.net/", "Microsoft Entra ID", 0, 0, "sub", "OBJECT_ID"}, {"", '\0', NULL, '\0'}},
	{{"login.microsoftonline.com/", "Microsoft Entra ID", 0, 0, "sub", "OBJECT_ID"}, {"", '\0', NULL, '\0'}},
	{{"accounts.google.com", "Google", 0, 1, "sub", "GOOGLE_ACCOUNT_ID"}, {"", '\0', NULL, '\0'}},
	{{"cognito-identity.amazonaws.com", "Amazon Cognito identity pools", 0, 1, "aud",
	  "REGION:IDENTITY_POOL_ID"}, {"", '\0', NULL, '\0'}},
	{{"graph.facebook.com", "Facebook", 0, 1, "sub", "APP_ID"}, {"", '\0', NULL, '\0'}},
	{{"www.amazon.com", "Login with Amazon", 0, 1, "sub", "APP_ID"}, {"", '\0', NULL, '\0'}},
};

#define NISSUERS (sizeof(issuers) / sizeof(issuers[0]))

static size_t issuer_index(const char *provider)
{
	size_t i;

	for (i = 0; i < NISSUERS; i++) {
		const char *p = issuers[i].iss.prefix;
		size_t n = strlen(p);

		/* a host exactly (GitHub's may go on with /ENTERPRISE), or a prefix ending in / or . */
		if (!strncmp(provider, p, n) &&
		    (!provider[n] || provider[n] == '/' || p[n - 1] == '/' || p[n - 1] == '.'))
			return i;
	}
	return NISSUERS;
}

const struct ys_oidc_issuer *ys_oidc_issuer(const char *provider)
{
	size_t i = issuer_index(provider);

	return i < NISSUERS ? &issuers[i].iss : NULL;
}

/* how far one subject value lets in */
static enum ys_vscope grade(const struct shape *sh, const char *v)
{
	const char *w = strpbrk(v, "*?"), *p, *owner_end, *repo, *repo_end;
	size_t n = sh ? strlen(sh->prefix) : 0;

	if (!w)
		return YS_VS_PINNED;
	if (!sh || !sh->owner_sep)
		return !strcmp(v, "*") ? YS_VS_ANY : YS_VS_ANY_REF;
	if (strncmp(v, sh->prefix, n) || w < v + n)
		return YS_VS_ANY;
	p = v + n;
	if (!(owner_end = strchr(p, sh->owner_sep)) || w < owner_end)
		return YS_VS_ANY;
	if (!sh->repo_sep)
		return YS_VS_ANY_REF;
	repo = owner_end + 1;
	if (sh->repo_key) {
		const char *k = strstr(owner_end, sh->repo_key);

		if (!k || w < k)
			return YS_VS_OWNER;
		repo = k + strlen(sh->repo_key);
	}
	repo_end = strchr(repo, sh->repo_sep);
	if (!repo_end)
		repo_end = repo + strlen(repo);
	if (w < repo_end)
		return YS_VS_OWNER;
	return YS_VS_ANY_REF;
}

static void add_word(char *out, size_t n, const char *s)
{
	size_t used = strlen(out);

	if (used + 2 + strlen(s) + 4 >= n) {
		if (used + 4 < n && !strstr(out, "..."))
			memcpy(out + used, ", ...", used + 6 <= n ? 6 : 1);
		return;
	}
	snprintf(out + used, n - used, "%s%s", used ? ", " : "", s);
}

enum ys_vscope ys_oidc_scope(const struct ys_oidc_issuer *iss, const char *provider,
			     const struct ys_cstmt *const *st, size_t nst, char *out, size_t n)
{
	size_t idx = issuer_index(provider), i, k, j, plen = strlen(provider);
	const struct shape *sh = idx < NISSUERS ? &issuers[idx].sh : NULL;
	const char *claim = iss ? iss->tenancy : "sub";
	enum ys_vscope worst = YS_VS_PINNED;

	if (n)
		out[0] = '\0';
	if (!nst)
		return YS_VS_ANY;
	for (i = 0; i < nst; i++) {
		enum ys_vscope best = YS_VS_ANY; /* the narrowest term of the statement decides */

		for (k = 0; k < st[i]->ncond; k++) {
			const struct ys_cterm *t = &st[i]->cond[k];
			enum ys_vscope s = YS_VS_PINNED;

			if (!binding(t) || (t->op != YS_COP_STR_EQ && t->op != YS_COP_STR_LIKE) ||
			    strncasecmp(t->key, provider, plen) || t->key[plen] != ':' ||
			    strcasecmp(t->key + plen + 1, claim))
				continue;
			for (j = 0; j < t->nvals; j++) {
				enum ys_vscope g = t->op == YS_COP_STR_EQ ? YS_VS_PINNED
					: grade(strcmp(claim, "sub") ? NULL : sh, t->vals[j]);

				if (g < s)
					s = g;
				add_word(out, n, t->vals[j]);
			}
			if (s > best)
				best = s;
		}
		if (best < worst)
			worst = best;
	}
	return worst;
}
