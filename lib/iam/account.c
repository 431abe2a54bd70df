/* account.c: the principals and managed policies of get-account-authorization-details, and
 * whether a principal holds an action on every resource */
#include <stdint.h>
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

/* What one policy says of one action on every resource, as bits. */
enum { S_DENY = 1, S_GUARD = 2, S_FULL = 4, S_MFA = 8, S_COND = 16 };

#define MAX_PROBES 64

struct ys_grant_cache {
	char *probe[MAX_PROBES]; /* the actions asked about, in the order first asked */
	const char *seen[MAX_PROBES]; /* the caller's pointer for each (most callers pass literals) */
	size_t nprobe;
	uint64_t *done; /* per policy: which probes' bits are known */
	uint8_t *bits;	/* per policy, MAX_PROBES each */
	const struct ys_principal **gidx; /* groups by name */
	struct profile {
		const char *arn;
		const struct ys_principal *role;
	} *profiles; /* instance profiles by ARN */
	size_t nprofiles;
};

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
	p->created = str(o, "CreateDate");
	p->last_used = str(ys_json_get(o, "RoleLastUsed"), "LastUsedDate");
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

static int cmp_pol(const void *a, const void *b)
{
	return strcmp(((const struct ys_mpolicy *)a)->arn, ((const struct ys_mpolicy *)b)->arn);
}

static int cmp_grp(const void *a, const void *b)
{
	return strcmp((*(const struct ys_principal *const *)a)->name,
		      (*(const struct ys_principal *const *)b)->name);
}

static const struct ys_principal *find_group(const struct ys_account *acct, const char *name)
{
	size_t lo = 0, hi = acct->ngroups;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(acct->cache->gidx[mid]->name, name);

		if (!c)
			return acct->cache->gidx[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Links each principal to its policies, groups and boundary, counts who attaches each policy,
 * and numbers every policy for the grant cache. */
static int link_principals(struct ys_account *acct, struct ys_principal *ps, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		struct ys_principal *p = &ps[i];

		for (j = 0; j < p->ninl; j++)
			p->inl[j].id = acct->npolicies++;
		if (p->nattached && !(p->pols = calloc(p->nattached, sizeof(*p->pols))))
			return -1;
		for (j = 0; j < p->nattached; j++) {
			struct ys_mpolicy *mp = (struct ys_mpolicy *)ys_account_policy(acct, p->attached[j]);

			p->pols[j] = mp;
			if (mp && !mp->refs++)
				mp->first_ref = p->arn;
		}
		if (p->ngroups && !(p->grps = calloc(p->ngroups, sizeof(*p->grps))))
			return -1;
		for (j = 0; j < p->ngroups; j++)
			p->grps[j] = find_group(acct, p->groups[j]);
		if (p->boundary)
			p->bpol = ys_account_policy(acct, p->boundary);
	}
	return 0;
}

static int cmp_profile(const void *a, const void *b)
{
	return strcmp(((const struct profile *)a)->arn, ((const struct profile *)b)->arn);
}

static int index_profiles(struct ys_account *acct)
{
	struct ys_grant_cache *c = acct->cache;
	size_t i, j, n = 0;

	for (i = 0; i < acct->nroles; i++)
		n += acct->roles[i].nprofiles;
	if (n && !(c->profiles = calloc(n, sizeof(*c->profiles))))
		return -1;
	for (i = 0; i < acct->nroles; i++)
		for (j = 0; j < acct->roles[i].nprofiles; j++) {
			c->profiles[c->nprofiles].arn = acct->roles[i].profiles[j];
			c->profiles[c->nprofiles++].role = &acct->roles[i];
		}
	if (n)
		qsort(c->profiles, n, sizeof(*c->profiles), cmp_profile);
	return 0;
}

static int resolve(struct ys_account *acct)
{
	struct ys_grant_cache *c = calloc(1, sizeof(*c));
	size_t i;

	if (!(acct->cache = c))
		return -1;
	if (acct->npol)
		qsort(acct->pol, acct->npol, sizeof(*acct->pol), cmp_pol);
	for (i = 0; i < acct->npol; i++)
		acct->pol[i].id = i;
	acct->npolicies = acct->npol;
	if (acct->ngroups && !(c->gidx = calloc(acct->ngroups, sizeof(*c->gidx))))
		return -1;
	for (i = 0; i < acct->ngroups; i++)
		c->gidx[i] = &acct->groups[i];
	if (acct->ngroups)
		qsort(c->gidx, acct->ngroups, sizeof(*c->gidx), cmp_grp);
	if (link_principals(acct, acct->users, acct->nusers) ||
	    link_principals(acct, acct->groups, acct->ngroups) ||
	    link_principals(acct, acct->roles, acct->nroles))
		return -1;
	if (index_profiles(acct) ||
	    !(c->done = calloc(acct->npolicies + 1, sizeof(*c->done))) ||
	    !(c->bits = calloc((acct->npolicies + 1) * MAX_PROBES, 1)))
		return -1;
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
	if (add_known(acct, &cap) || resolve(acct))
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
		free(ps[i].pols);
		free(ps[i].groups);
		free(ps[i].grps);
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
	if (acct->cache) {
		for (i = 0; i < acct->cache->nprobe; i++)
			free(acct->cache->probe[i]);
		free(acct->cache->done);
		free(acct->cache->bits);
		free(acct->cache->gidx);
		free(acct->cache->profiles);
		free(acct->cache);
	}
	free(acct);
}

const struct ys_mpolicy *ys_account_policy(const struct ys_account *acct, const char *arn)
{
	size_t lo = 0, hi = acct->npol;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(acct->pol[mid].arn, arn);

		if (!c)
			return &acct->pol[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct ys_principal *ys_account_group(const struct ys_account *acct, const char *name)
{
	return find_group(acct, name);
}

const struct ys_principal *ys_account_profile_role(const struct ys_account *acct, const char *arn)
{
	const struct ys_grant_cache *c = acct->cache;
	size_t lo = 0, hi = c->nprofiles;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(c->profiles[mid].arn, arn);

		if (!r)
			return c->profiles[mid].role;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Where a principal's policy comes from: its group (or NULL), and the policy. */
struct source {
	const struct ys_principal *group;
	const struct ys_ipolicy *inl;
	const struct ys_mpolicy *mp;
};

static const struct ys_policy *source_doc(const struct source *src, size_t *id)
{
	if (src->inl) {
		*id = src->inl->id;
		return src->inl->ok ? &src->inl->doc : NULL;
	}
	*id = src->mp->id;
	return src->mp->ok ? &src->mp->doc : NULL;
}

static void source_name(const struct source *src, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s%s%s", src->group ? "group " : "", src->group ? src->group->name : "",
		 src->group ? ": " : "", src->inl ? "inline policy " : "",
		 src->inl ? src->inl->name : src->mp->name);
}

typedef void (*source_fn)(const struct source *src, void *ctx);

static void each_own(const struct ys_principal *p, const struct ys_principal *group,
		     source_fn fn, void *ctx)
{
	struct source src = {group, NULL, NULL};
	size_t i;

	for (i = 0; i < p->ninl; i++) {
		src.inl = &p->inl[i];
		fn(&src, ctx);
	}
	src.inl = NULL;
	for (i = 0; i < p->nattached; i++)
		if ((src.mp = p->pols[i]))
			fn(&src, ctx);
}

/* Each policy that applies to p: its own, then its groups'. */
static void each_source(const struct ys_principal *p, source_fn fn, void *ctx)
{
	size_t i;

	each_own(p, NULL, fn, ctx);
	for (i = 0; i < p->ngroups; i++)
		if (p->grps[i])
			each_own(p->grps[i], p->grps[i], fn, ctx);
}

struct stmt_ctx {
	ys_stmt_fn fn;
	void *ctx;
};

static void stmt_source(const struct source *src, void *ctx)
{
	struct stmt_ctx *c = ctx;
	const struct ys_policy *doc;
	char where[300];
	size_t id, j;

	if (!(doc = source_doc(src, &id)))
		return;
	source_name(src, where, sizeof(where));
	for (j = 0; j < doc->n; j++)
		c->fn(&doc->st[j], where, c->ctx);
}

void ys_account_each_stmt(const struct ys_account *acct, const struct ys_principal *p,
			  ys_stmt_fn fn, void *ctx)
{
	struct stmt_ctx c = {fn, ctx};

	(void)acct;
	each_source(p, stmt_source, &c);
}

/* What one document says of action on every resource. */
static unsigned doc_bits(const struct ys_policy *doc, const char *action)
{
	unsigned b = 0;
	size_t i;

	for (i = 0; i < doc->n; i++) {
		const struct ys_pstmt *s = &doc->st[i];

		if (!ys_pstmt_action(s, action) || !ys_pstmt_all_resources(s))
			continue;
		if (!s->allow)
			b |= !s->condition ? S_DENY : s->mfa_condition ? S_GUARD : 0;
		else
			b |= !s->condition ? S_FULL : s->mfa_condition ? S_MFA : S_COND;
	}
	return b;
}

/* The cache's number for action (added when new), or -1 when the cache is full. */
static int probe_of(struct ys_grant_cache *c, const char *action)
{
	size_t i;

	for (i = 0; i < c->nprobe; i++)
		if (c->seen[i] == action)
			return (int)i;
	for (i = 0; i < c->nprobe; i++)
		if (!strcmp(c->probe[i], action))
			return (int)i;
	if (c->nprobe == MAX_PROBES || !(c->probe[c->nprobe] = strdup(action)))
		return -1;
	c->seen[c->nprobe] = action;
	return (int)c->nprobe++;
}

/* What a document says of the action, worked out once per policy and probe. */
static unsigned cached_bits(struct ys_grant_cache *c, int k, const struct ys_policy *doc,
			    size_t id, const char *action)
{
	uint64_t bit = (uint64_t)1 << k;

	if (k < 0)
		return doc_bits(doc, action);
	if (!(c->done[id] & bit)) {
		c->bits[id * MAX_PROBES + (size_t)k] = (uint8_t)doc_bits(doc, action);
		c->done[id] |= bit;
	}
	return c->bits[id * MAX_PROBES + (size_t)k];
}

struct grant_ctx {
	struct ys_grant_cache *c;
	int k;
	const char *action;
	unsigned all; /* every policy's bits, or'ed */
	struct source full, mfa, cond; /* the first policy of each kind */
};

static void grant_source(const struct source *src, void *ctx)
{
	struct grant_ctx *g = ctx;
	const struct ys_policy *doc;
	size_t id;
	unsigned b;

	if (!(doc = source_doc(src, &id)))
		return;
	b = cached_bits(g->c, g->k, doc, id, g->action);
	if ((b & S_FULL) && !(g->all & S_FULL))
		g->full = *src;
	if ((b & S_MFA) && !(g->all & S_MFA))
		g->mfa = *src;
	if ((b & S_COND) && !(g->all & S_COND))
		g->cond = *src;
	g->all |= b;
}

static enum ys_grant verdict(unsigned b)
{
	if (b & S_DENY)
		return YS_GRANT_NONE;
	if (b & S_FULL)
		return b & S_GUARD ? YS_GRANT_MFA : YS_GRANT_FULL;
	return b & S_MFA ? YS_GRANT_MFA : b & S_COND ? YS_GRANT_COND : YS_GRANT_NONE;
}

enum ys_grant ys_account_grant(const struct ys_account *acct, const struct ys_principal *p,
			       const char *action, char *where, size_t n)
{
	struct grant_ctx g = {acct->cache, probe_of(acct->cache, action), action, 0, {0}, {0}, {0}};
	const struct source *by;
	enum ys_grant v;

	each_source(p, grant_source, &g);
	v = verdict(g.all);
	if (v != YS_GRANT_NONE && p->boundary) {
		const struct ys_mpolicy *b = p->bpol;

		/* an unknown boundary is not assumed to allow */
		if (!b || !b->ok || verdict(cached_bits(g.c, g.k, &b->doc, b->id, action)) ==
					    YS_GRANT_NONE)
			v = YS_GRANT_NONE;
	}
	if (where && n) {
		by = g.all & S_FULL ? &g.full : g.all & S_MFA ? &g.mfa : &g.cond;
		if (v == YS_GRANT_NONE)
			*where = '\0';
		else
			source_name(by, where, n);
	}
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
