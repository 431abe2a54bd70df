/* account.c: the principals and managed policies of get-account-authorization-details, and
 * whether a principal holds an action on every resource */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "account.h"
#include "../base/grow.h"
#include "../banned.h"

/* AWS policies so common that a snapshot which leaves them out is still understood. */
static const struct {
	const char *arn, *name, *doc;
} known[] = {
	{"arn:aws:iam::aws:policy/AdministratorAccess", "AdministratorAccess",
	 "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"},
	{"arn:aws:iam::aws:policy/PowerUserAccess", "PowerUserAccess",
	 "{\"Statement\":[{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"organizations:*\","
	 "\"account:*\"],\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"Action\":["
	 "\"iam:CreateServiceLinkedRole\",\"iam:DeleteServiceLinkedRole\",\"iam:ListRoles\","
	 "\"organizations:DescribeOrganization\",\"account:ListRegions\","
	 "\"account:GetAccountInformation\"],\"Resource\":\"*\"}]}"},
};

#define N_KNOWN (sizeof(known) / sizeof(known[0]))

static const char *str(const struct ys_jval *o, const char *key)
{
	const char *s = ys_json_str(ys_json_get(o, key));

	return s ? s : "";
}

static size_t count(const struct ys_jval *a)
{
	return a && a->type == YS_J_ARRAY ? a->len : 0;
}

static const struct ys_jval *item(const struct ys_jval *a, size_t i)
{
	return a && a->type == YS_J_ARRAY && i < a->len ? &a->u.items[i] : NULL;
}

static void problem(struct ys_account *acct, const char *fmt, const char *a, const char *b,
		    const char *why)
{
	char msg[600], *m;

	snprintf(msg, sizeof(msg), fmt, a, b, why);
	if (ys_grow(&acct->problems, &acct->problems_cap, acct->nproblems,
		    sizeof(char *), 8) == 0 && (m = strdup(msg)))
		acct->problems[acct->nproblems++] = m;
}

/* The strings of a list of objects' key (or of strings, key NULL) into *out. */
static int strings(const struct ys_jval *list, const char *key, const char ***out, size_t *n)
{
	size_t i;

	*n = 0;
	if (!count(list))
		return 0;
	if (!(*out = calloc(count(list), sizeof(char *))))
		return -1;
	for (i = 0; i < count(list); i++) {
		const char *s = key ? str(item(list, i), key) : ys_json_str(item(list, i));

		if (s && *s)
			(*out)[(*n)++] = s;
	}
	return 0;
}

static const char *kind_name(enum ys_pkind k)
{
	return k == YS_P_USER ? "user" : k == YS_P_GROUP ? "group" : "role";
}

static int inline_policies(struct ys_account *acct, struct ys_principal *p,
			   const struct ys_jval *list)
{
	size_t i;
	struct ys_error err;

	if (!count(list))
		return 0;
	if (!(p->inl = calloc(count(list), sizeof(*p->inl))))
		return -1;
	for (i = 0; i < count(list); i++) {
		struct ys_ipolicy *ip = &p->inl[p->ninl++];

		memset(&err, 0, sizeof(err));
		ip->name = str(item(list, i), "PolicyName");
		ip->ok = !ys_policy_parse(ys_json_get(item(list, i), "PolicyDocument"), &ip->doc, &err);
		if (!ip->ok)
			problem(acct, "inline policy %s of %s: %s", ip->name, p->arn, err.msg);
	}
	return 0;
}

static int principal(struct ys_account *acct, struct ys_principal *p, enum ys_pkind kind,
		     const struct ys_jval *o)
{
	static const char *const name_key[] = {"UserName", "GroupName", "RoleName"};
	static const char *const inline_key[] = {"UserPolicyList", "GroupPolicyList",
						 "RolePolicyList"};
	struct ys_error err = {0};

	p->kind = kind;
	p->name = str(o, name_key[kind]);
	p->arn = str(o, "Arn");
	p->path = str(o, "Path");
	if (*str(ys_json_get(o, "PermissionsBoundary"), "PermissionsBoundaryArn"))
		p->boundary = str(ys_json_get(o, "PermissionsBoundary"), "PermissionsBoundaryArn");
	if (inline_policies(acct, p, ys_json_get(o, inline_key[kind])) ||
	    strings(ys_json_get(o, "AttachedManagedPolicies"), "PolicyArn", &p->attached,
		    &p->nattached) ||
	    strings(ys_json_get(o, "GroupList"), NULL, &p->groups, &p->ngroups) ||
	    strings(ys_json_get(o, "InstanceProfileList"), "Arn", &p->profiles, &p->nprofiles))
		return -1;
	if (kind == YS_P_ROLE) {
		p->trust_ok = !ys_policy_parse(ys_json_get(o, "AssumeRolePolicyDocument"), &p->trust,
					       &err);
		if (!p->trust_ok)
			problem(acct, "trust policy of %s%s: %s", p->arn, "", err.msg);
	}
	return 0;
}

static int principals(struct ys_account *acct, const struct ys_jval *list, enum ys_pkind kind,
		      struct ys_principal **out, size_t *n)
{
	size_t i;

	*n = 0;
	if (!count(list))
		return 0;
	if (!(*out = calloc(count(list), sizeof(**out))))
		return -1;
	for (i = 0; i < count(list); i++) {
		if (item(list, i)->type != YS_J_OBJECT)
			continue;
		if (principal(acct, &(*out)[*n], kind, item(list, i)))
			return -1;
		(*n)++;
	}
	return 0;
}

static void managed(struct ys_account *acct, struct ys_mpolicy *mp, const struct ys_jval *o)
{
	const struct ys_jval *versions = ys_json_get(o, "PolicyVersionList"), *doc = NULL;
	const struct ys_jval *ac = ys_json_get(o, "AttachmentCount");
	const char *def = str(o, "DefaultVersionId");
	struct ys_error err = {0};
	size_t i;

	mp->arn = str(o, "Arn");
	mp->name = str(o, "PolicyName");
	mp->aws_managed = !strncmp(mp->arn, "arn:aws:iam::aws:", 17);
	mp->attachments = ac && ac->type == YS_J_NUMBER ? (long)ac->u.num : -1;
	for (i = 0; i < count(versions) && !doc; i++) {
		const struct ys_jval *v = item(versions, i), *d = ys_json_get(v, "IsDefaultVersion");

		if ((d && d->type == YS_J_TRUE) || (*def && !strcmp(str(v, "VersionId"), def)))
			doc = ys_json_get(v, "Document");
	}
	mp->ok = !ys_policy_parse(doc, &mp->doc, &err);
	if (!mp->ok)
		problem(acct, "managed policy %s%s: %s", mp->arn, "",
			doc ? err.msg : "no default version");
}

static int add_known(struct ys_account *acct, size_t *cap)
{
	size_t k, i;
	struct ys_error err = {0};

	for (k = 0; k < N_KNOWN; k++) {
		struct ys_jval text = {YS_J_STRING, strlen(known[k].doc), {.str = known[k].doc}};
		struct ys_mpolicy *mp;

		for (i = 0; i < acct->npol && strcmp(acct->pol[i].arn, known[k].arn); i++)
			;
		if (i < acct->npol)
			continue;
		if (ys_grow(&acct->pol, cap, acct->npol, sizeof(*acct->pol), 4))
			return -1;
		mp = memset(&acct->pol[acct->npol++], 0, sizeof(*mp));
		mp->arn = known[k].arn;
		mp->name = known[k].name;
		mp->aws_managed = 1;
		mp->attachments = -1;
		mp->ok = !ys_policy_parse(&text, &mp->doc, &err);
	}
	return 0;
}

int ys_account_load(const struct ys_jval *root, struct ys_account **out, struct ys_error *err)
{
	struct ys_account *acct = calloc(1, sizeof(*acct));
	const struct ys_jval *pols = ys_json_get(root, "Policies");
	size_t i, cap = 0;

	*out = NULL;
	if (!acct)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (!root || root->type != YS_J_OBJECT) {
		free(acct);
		return ys_error_set(err, YS_EPARSE, "not an object");
	}
	if (principals(acct, ys_json_get(root, "UserDetailList"), YS_P_USER, &acct->users,
		       &acct->nusers) ||
	    principals(acct, ys_json_get(root, "GroupDetailList"), YS_P_GROUP, &acct->groups,
		       &acct->ngroups) ||
	    principals(acct, ys_json_get(root, "RoleDetailList"), YS_P_ROLE, &acct->roles,
		       &acct->nroles))
		goto nomem;
	for (i = 0; i < count(pols); i++) {
		if (item(pols, i)->type != YS_J_OBJECT)
			continue;
		if (ys_grow(&acct->pol, &cap, acct->npol, sizeof(*acct->pol), 16))
			goto nomem;
		memset(&acct->pol[acct->npol], 0, sizeof(*acct->pol));
		managed(acct, &acct->pol[acct->npol++], item(pols, i));
	}
	if (add_known(acct, &cap))
		goto nomem;
	*out = acct;
	return 0;
nomem:
	ys_account_free(acct);
	return ys_error_set(err, YS_ENOMEM, "out of memory");
}

static void free_principals(struct ys_principal *ps, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < ps[i].ninl; j++)
			ys_policy_release(&ps[i].inl[j].doc);
		free(ps[i].inl);
		free(ps[i].attached);
		free(ps[i].groups);
		free(ps[i].profiles);
		ys_policy_release(&ps[i].trust);
	}
	free(ps);
}

void ys_account_free(struct ys_account *acct)
{
	size_t i;

	if (!acct)
		return;
	free_principals(acct->users, acct->nusers);
	free_principals(acct->groups, acct->ngroups);
	free_principals(acct->roles, acct->nroles);
	for (i = 0; i < acct->npol; i++)
		ys_policy_release(&acct->pol[i].doc);
	free(acct->pol);
	for (i = 0; i < acct->nproblems; i++)
		free(acct->problems[i]);
	free(acct->problems);
	free(acct);
}

const struct ys_mpolicy *ys_account_policy(const struct ys_account *acct, const char *arn)
{
	size_t i;

	for (i = 0; i < acct->npol; i++)
		if (!strcmp(acct->pol[i].arn, arn))
			return &acct->pol[i];
	return NULL;
}

const struct ys_principal *ys_account_group(const struct ys_account *acct, const char *name)
{
	size_t i;

	for (i = 0; i < acct->ngroups; i++)
		if (!strcmp(acct->groups[i].name, name))
			return &acct->groups[i];
	return NULL;
}

const struct ys_principal *ys_account_profile_role(const struct ys_account *acct, const char *arn)
{
	size_t i, j;

	for (i = 0; i < acct->nroles; i++)
		for (j = 0; j < acct->roles[i].nprofiles; j++)
			if (!strcmp(acct->roles[i].profiles[j], arn))
				return &acct->roles[i];
	return NULL;
}

static void each_own(const struct ys_account *acct, const struct ys_principal *p,
		     const char *prefix, ys_stmt_fn fn, void *ctx)
{
	char where[300];
	size_t i, j;

	for (i = 0; i < p->ninl; i++) {
		if (!p->inl[i].ok)
			continue;
		snprintf(where, sizeof(where), "%sinline policy %s", prefix, p->inl[i].name);
		for (j = 0; j < p->inl[i].doc.n; j++)
			fn(&p->inl[i].doc.st[j], where, ctx);
	}
	for (i = 0; i < p->nattached; i++) {
		const struct ys_mpolicy *mp = ys_account_policy(acct, p->attached[i]);

		if (!mp || !mp->ok)
			continue;
		snprintf(where, sizeof(where), "%s%s", prefix, mp->name);
		for (j = 0; j < mp->doc.n; j++)
			fn(&mp->doc.st[j], where, ctx);
	}
}

void ys_account_each_stmt(const struct ys_account *acct, const struct ys_principal *p,
			  ys_stmt_fn fn, void *ctx)
{
	char prefix[200];
	size_t i;

	each_own(acct, p, "", fn, ctx);
	for (i = 0; i < p->ngroups; i++) {
		const struct ys_principal *g = ys_account_group(acct, p->groups[i]);

		if (!g)
			continue;
		snprintf(prefix, sizeof(prefix), "group %s: ", g->name);
		each_own(acct, g, prefix, fn, ctx);
	}
}

struct grant_ctx {
	const char *action;
	int denied, guard, full, mfa, cond;
	char where[300];
};

static void grant_stmt(const struct ys_pstmt *s, const char *where, void *ctx)
{
	struct grant_ctx *g = ctx;

	if (!ys_pstmt_action(s, g->action) || !ys_pstmt_all_resources(s))
		return;
	if (!s->allow) {
		if (!s->condition)
			g->denied = 1;
		else if (s->mfa_condition)
			g->guard = 1;
		return;
	}
	if (!s->condition) {
		if (!g->full)
			snprintf(g->where, sizeof(g->where), "%s", where);
		g->full = 1;
	} else if (s->mfa_condition) {
		if (!g->full && !g->mfa)
			snprintf(g->where, sizeof(g->where), "%s", where);
		g->mfa = 1;
	} else {
		if (!g->full && !g->mfa && !g->cond)
			snprintf(g->where, sizeof(g->where), "%s", where);
		g->cond = 1;
	}
}

static enum ys_grant verdict(const struct grant_ctx *g)
{
	if (g->denied)
		return YS_GRANT_NONE;
	if (g->full)
		return g->guard ? YS_GRANT_MFA : YS_GRANT_FULL;
	return g->mfa ? YS_GRANT_MFA : g->cond ? YS_GRANT_COND : YS_GRANT_NONE;
}

enum ys_grant ys_account_grant(const struct ys_account *acct, const struct ys_principal *p,
			       const char *action, char *where, size_t n)
{
	struct grant_ctx g = {.action = action};
	enum ys_grant v;
	size_t j;

	ys_account_each_stmt(acct, p, grant_stmt, &g);
	v = verdict(&g);
	if (v != YS_GRANT_NONE && p->boundary) {
		const struct ys_mpolicy *b = ys_account_policy(acct, p->boundary);
		struct grant_ctx bg = {.action = action};

		for (j = 0; b && b->ok && j < b->doc.n; j++)
			grant_stmt(&b->doc.st[j], b->name, &bg);
		/* an unknown boundary is not assumed to allow */
		if (verdict(&bg) == YS_GRANT_NONE)
			v = YS_GRANT_NONE;
	}
	if (where && n)
		snprintf(where, n, "%s", v == YS_GRANT_NONE ? "" : g.where);
	return v;
}

struct some_ctx {
	const char *action;
	int allowed, denied;
	char where[300];
};

static void some_stmt(const struct ys_pstmt *s, const char *where, void *ctx)
{
	struct some_ctx *c = ctx;

	if (s->condition || !ys_pstmt_action(s, c->action))
		return;
	if (!s->allow) {
		c->denied |= ys_pstmt_all_resources(s);
	} else if (!c->allowed) {
		c->allowed = 1;
		snprintf(c->where, sizeof(c->where), "%s", where);
	}
}

int ys_account_allows_some(const struct ys_account *acct, const struct ys_principal *p,
			   const char *action, char *where, size_t n)
{
	struct some_ctx c = {.action = action};

	ys_account_each_stmt(acct, p, some_stmt, &c);
	if (where && n)
		snprintf(where, n, "%s", c.where);
	return c.allowed && !c.denied;
}

int ys_account_service_role(const struct ys_principal *role, char *svc, size_t n)
{
	size_t i, j;

	for (i = 0; role->trust_ok && i < role->trust.n; i++) {
		const struct ys_pstmt *s = &role->trust.st[i];
		const struct ys_jval *v = ys_json_get(s->principal, "Service");

		if (!s->allow || !v)
			continue;
		if (v->type == YS_J_STRING) {
			snprintf(svc, n, "%s", v->u.str);
			return 1;
		}
		for (j = 0; v->type == YS_J_ARRAY && j < v->len; j++)
			if (v->u.items[j].type == YS_J_STRING) {
				snprintf(svc, n, "%s", v->u.items[j].u.str);
				return 1;
			}
	}
	return 0;
}

const char *ys_account_kind(enum ys_pkind k)
{
	return kind_name(k);
}
