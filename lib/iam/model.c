/* model.c: compiling a snapshot's IAM for the evaluator */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "model.h"
#include "glob.h"
#include "../base/grow.h"
#include "../banned.h"

static void problem(struct ys_iam_model *m, const char *fmt, const char *a, const char *b)
{
	char msg[1400], *c;

	snprintf(msg, sizeof(msg), fmt, a, b);
	if (!ys_grow(&m->lib.problems, &m->lib.problems_cap, m->lib.nproblems, sizeof(char *), 8) &&
	    (c = strdup(msg)))
		m->lib.problems[m->lib.nproblems++] = c;
}

/* the same statements under another name (a managed policy attached through a group) */
static struct ys_cpolicy *renamed(struct ys_iam_model *m, const struct ys_cpolicy *cp,
				  const char *prefix)
{
	struct ys_cpolicy *r = ys_arena_alloc(&m->lib.arena, sizeof(*r));
	size_t n = strlen(prefix) + strlen(cp->name) + 1;
	char *name = ys_arena_alloc(&m->lib.arena, n);

	if (!r || !name)
		return NULL;
	snprintf(name, n, "%s%s", prefix, cp->name);
	*r = *cp;
	r->name = name;
	return r;
}

static struct ys_cpolicy *compile(struct ys_iam_model *m, const char *name, const struct ys_policy *p,
				  int resource)
{
	return ys_pset_compile(&m->lib, name, p, resource);
}

/* the compiled managed policies, one per acct->pol (NULL where unreadable) */
static struct ys_cpolicy **compile_managed(struct ys_iam_model *m)
{
	struct ys_cpolicy **c = calloc(m->acct->npol + 1, sizeof(*c));
	size_t i;

	for (i = 0; c && i < m->acct->npol; i++)
		if (m->acct->pol[i].ok)
			c[i] = compile(m, m->acct->pol[i].name, &m->acct->pol[i].doc, 0);
	return c;
}

struct plist {
	struct ys_cpolicy **v;
	size_t n, cap;
};

static int push(struct plist *l, struct ys_cpolicy *p)
{
	if (!p)
		return 0; /* unreadable: already a problem */
	if (ys_grow(&l->v, &l->cap, l->n, sizeof(*l->v), 8))
		return -1;
	l->v[l->n++] = p;
	return 0;
}

/* a principal's (or a group's) own policies, inline then attached, names after prefix */
static int own_policies(struct ys_iam_model *m, struct ys_cpolicy **managed,
			const struct ys_principal *p, const char *prefix, struct plist *out)
{
	char name[512];
	size_t i;

	for (i = 0; i < p->ninl; i++) {
		if (!p->inl[i].ok)
			continue;
		snprintf(name, sizeof(name), "%sinline %s", prefix, p->inl[i].name);
		if (push(out, compile(m, name, &p->inl[i].doc, 0)))
			return -1;
	}
	for (i = 0; i < p->nattached; i++) {
		const struct ys_mpolicy *mp = p->pols[i];
		struct ys_cpolicy *cp;

		if (!mp) {
			problem(m, "the policy %s attached to %s is not in the snapshot", p->attached[i],
				p->arn);
			continue;
		}
		cp = managed[mp - m->acct->pol];
		if (cp && *prefix && !(cp = renamed(m, cp, prefix)))
			return -1;
		if (push(out, cp))
			return -1;
	}
	return 0;
}

static int allows_some(struct ys_cpolicy *const *id, size_t n, const char *action)
{
	size_t i, j, k, len = strlen(action);

	for (i = 0; i < n; i++)
		for (j = 0; j < id[i]->n; j++) {
			const struct ys_cstmt *s = &id[i]->st[j];
			int hit = 0;

			for (k = 0; k < s->nact && !hit; k++)
				hit = ys_pat_match(&s->act[k], action, len, 0);
			if (s->allow && !s->broken && hit != s->not_action)
				return 1;
		}
	return 0;
}

/* whether some Allow's action patterns could name an action of IAM or STS (the service part
 * of each pattern matched against "iam" and "sts") */
static int allows_iam(struct ys_cpolicy *const *id, size_t n)
{
	size_t i, j, k;

	for (i = 0; i < n; i++)
		for (j = 0; j < id[i]->n; j++) {
			const struct ys_cstmt *s = &id[i]->st[j];

			if (!s->allow || s->broken)
				continue;
			if (s->not_action)
				return 1; /* all but a few: assume so */
			for (k = 0; k < s->nact; k++) {
				const char *a = s->act[k].s, *colon = memchr(a, ':', s->act[k].len);
				size_t len = colon ? (size_t)(colon - a) : s->act[k].len;

				if (ys_glob_range(a, len, "iam", 3, 0) || ys_glob_range(a, len, "sts", 3, 0))
					return 1;
			}
		}
	return 0;
}

int ys_mprin_may(const struct ys_mprin *mp, const char *action)
{
	return allows_some(mp->id, mp->nid, action);
}

static int build_principal(struct ys_iam_model *m, struct ys_cpolicy **managed,
			   struct ys_cpolicy ***groups, size_t *ngroups, const struct ys_principal *p,
			   struct ys_mprin *mp)
{
	struct plist l = {0};
	size_t i, j;

	mp->p = p;
	if (ys_pinfo_parse(p->arn, &mp->pi))
		problem(m, "the ARN of %s is not one yourside reads: %s", p->name, p->arn);
	if (own_policies(m, managed, p, "", &l))
		return -1;
	for (i = 0; i < p->ngroups; i++) {
		const struct ys_principal *g = p->grps[i];

		if (!g)
			continue;
		for (j = 0; j < ngroups[g - m->acct->groups]; j++)
			if (push(&l, groups[g - m->acct->groups][j]))
				return -1;
	}
	mp->id = l.v;
	mp->nid = l.n;
	if (p->boundary && !p->bpol)
		problem(m, "the permissions boundary %s of %s is not in the snapshot", p->boundary, p->arn);
	if (p->bpol)
		mp->boundary = managed[p->bpol - m->acct->pol];
	if (p->kind == YS_P_ROLE && p->trust_ok)
		mp->trust = compile(m, "trust", &p->trust, 1);
	mp->may_assume = allows_some(mp->id, mp->nid, "sts:assumerole");
	mp->may_iam = allows_iam(mp->id, mp->nid);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct ys_mres *)a)->name, ((const struct ys_mres *)b)->name);
}

static int add_res(struct ys_iam_model *m, struct ys_mres **v, size_t *n, size_t *cap,
		   const char *name, const char *what, const struct ys_jval *doc)
{
	char label[600];
	struct ys_error err = {0};
	struct ys_cpolicy *cp;

	snprintf(label, sizeof(label), "%s %.500s", what, name);
	if (!(cp = ys_pset_read(&m->lib, label, doc, 1, &err))) {
		if (err.code == YS_ENOMEM)
			return -1;
		problem(m, "the policy of %s: %s", label, err.msg);
		return 0;
	}
	if (ys_grow(v, cap, *n, sizeof(**v), 16))
		return -1;
	(*v)[(*n)++] = (struct ys_mres){name, cp};
	return 0;
}

static int load_buckets(struct ys_iam_model *m, struct ys_snapshot *snap)
{
	const struct ys_snap_file *f = ys_snapshot_get(snap, "global/s3/list-buckets");
	const struct ys_jval *list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "Buckets") : NULL;
	size_t i, cap = 0;

	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const char *name = ys_json_str(ys_json_get(&list->u.items[i], "Name"));
		const struct ys_snap_file *p;

		if (!name)
			continue;
		p = ys_snapshot_get_res(snap, "global/s3/get-bucket-policy", name);
		if (p->status == YS_SNAP_OK &&
		    add_res(m, &m->buckets, &m->nbuckets, &cap, name, "bucket", ys_json_get(p->root, "Policy")))
			return -1;
	}
	if (m->nbuckets > 1)
		qsort(m->buckets, m->nbuckets, sizeof(*m->buckets), by_name);
	return 0;
}

static int load_keys(struct ys_iam_model *m, struct ys_snapshot *snap)
{
	const char *const *regions;
	size_t nr = ys_snapshot_regions(snap, &regions), r, i, cap = 0;
	char rel[256], doc[512];
	struct ys_error err = {0};

	for (r = 0; r < nr; r++) {
		const struct ys_snap_file *f;
		const struct ys_jval *list;

		snprintf(rel, sizeof(rel), "%s/kms/list-keys", regions[r]);
		f = ys_snapshot_get(snap, rel);
		list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "Keys") : NULL;
		snprintf(rel, sizeof(rel), "%s/kms/get-key-policy", regions[r]);
		for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
			const char *id = ys_json_str(ys_json_get(&list->u.items[i], "KeyId"));
			const struct ys_snap_file *p;

			if (!id)
				continue;
			p = ys_snapshot_get_res(snap, rel, id);
			if (p->status == YS_SNAP_OK &&
			    add_res(m, &m->keys, &m->nkeys, &cap, id, "key", ys_json_get(p->root, "Policy")))
				return -1;
		}
	}
	if (m->nkeys > 1)
		qsort(m->keys, m->nkeys, sizeof(*m->keys), by_name);
	/* AWS's default key policy: the account's IAM policies decide */
	snprintf(doc, sizeof(doc),
		 "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Enable IAM User Permissions\","
		 "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::%s:root\"},"
		 "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}",
		 *m->account ? m->account : "000000000000");
	m->default_key_policy = ys_pset_read(&m->lib, "default key policy",
					     &(struct ys_jval){YS_J_STRING, strlen(doc), {.str = doc}}, 1, &err);
	snprintf(doc, sizeof(doc), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
		 "\"Action\":\"*\",\"Resource\":\"*\"}]}");
	m->outside_policy = ys_pset_read(&m->lib, "their own policies (not in the snapshot)",
					 &(struct ys_jval){YS_J_STRING, strlen(doc), {.str = doc}}, 0, &err);
	return m->default_key_policy && m->outside_policy ? 0 : -1;
}

static int by_keyid(const void *a, const void *b)
{
	return strcmp(((const struct ys_access_key *)a)->id, ((const struct ys_access_key *)b)->id);
}

static int load_access_keys(struct ys_iam_model *m, struct ys_snapshot *snap)
{
	size_t i, j, cap = 0;

	for (i = 0; i < m->nusers; i++) {
		const char *user = m->prin[i].p->name;
		const struct ys_snap_file *f = ys_snapshot_get_res(snap, "global/iam/list-access-keys", user);
		const struct ys_jval *list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "AccessKeyMetadata") : NULL;

		for (j = 0; list && list->type == YS_J_ARRAY && j < list->len; j++) {
			const char *id = ys_json_str(ys_json_get(&list->u.items[j], "AccessKeyId"));

			if (!id)
				continue;
			if (ys_grow(&m->keyids, &cap, m->nkeyids, sizeof(*m->keyids), 16))
				return -1;
			m->keyids[m->nkeyids++] = (struct ys_access_key){id, user};
		}
	}
	if (m->nkeyids > 1)
		qsort(m->keyids, m->nkeyids, sizeof(*m->keyids), by_keyid);
	return 0;
}

static int build(struct ys_iam_model *m, struct ys_snapshot *snap)
{
	const struct ys_account *a = m->acct;
	struct ys_cpolicy **managed = compile_managed(m), ***groups = NULL;
	size_t *ngroups = NULL, i;
	int rc = -1;

	if (!managed || !(groups = calloc(a->ngroups + 1, sizeof(*groups))) ||
	    !(ngroups = calloc(a->ngroups + 1, sizeof(*ngroups))))
		goto out;
	if (!(m->groups = calloc(a->ngroups + 1, sizeof(*m->groups))))
		goto out;
	m->ngroups = a->ngroups;
	for (i = 0; i < a->ngroups; i++) {
		char prefix[300];
		struct plist l = {0};

		snprintf(prefix, sizeof(prefix), "group %s: ", a->groups[i].name);
		m->groups[i].p = &a->groups[i];
		if (own_policies(m, managed, &a->groups[i], prefix, &l))
			goto out;
		groups[i] = m->groups[i].pol = l.v;
		ngroups[i] = m->groups[i].n = l.n;
	}
	m->nusers = a->nusers;
	m->nprin = a->nusers + a->nroles;
	if (!(m->prin = calloc(m->nprin + 1, sizeof(*m->prin))))
		goto out;
	for (i = 0; i < a->nusers; i++)
		if (build_principal(m, managed, groups, ngroups, &a->users[i], &m->prin[i]))
			goto out;
	for (i = 0; i < a->nroles; i++)
		if (build_principal(m, managed, groups, ngroups, &a->roles[i], &m->prin[a->nusers + i]))
			goto out;
	rc = load_buckets(m, snap) || load_keys(m, snap) || load_access_keys(m, snap) ? -1 : 0;
out:
	free(groups);
	free(ngroups);
	free(managed);
	return rc;
}

static int make(struct ys_snapshot *snap, const struct ys_account *acct, int quiet,
		struct ys_iam_model **out, struct ys_error *err)
{
	struct ys_iam_model *m;
	const char *id = ys_snapshot_account(snap);

	*out = NULL;
	if (!(m = calloc(1, sizeof(*m))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	ys_pset_init(&m->lib);
	m->lib.quiet_actions = quiet;
	m->account = id ? id : "";
	m->acct = acct;
	if (build(m, snap)) {
		ys_iam_model_free(m);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	if (!*m->account && m->nprin)
		m->account = m->prin[0].pi.account;
	*out = m;
	return 0;
}

int ys_iam_model_load(struct ys_snapshot *snap, struct ys_iam_model **out, struct ys_error *err)
{
	static const char rel[] = "global/iam/get-account-authorization-details";
	const struct ys_snap_file *f = ys_snapshot_get(snap, rel);
	struct ys_account *own;
	size_t i;
	int rc;

	*out = NULL;
	if (f->status == YS_SNAP_MISSING)
		return ys_error_set(err, YS_ENOTFOUND, "'%s/%s.json': not in the snapshot; IAM cannot be read without it",
				    ys_snapshot_dir(snap), rel);
	if (f->status == YS_SNAP_REFUSED)
		return ys_error_set(err, YS_ENOTFOUND, "'%s/%s': AWS refused the call (%s): %s",
				    ys_snapshot_dir(snap), rel, f->code, f->message ? f->message : "");
	if (f->status == YS_SNAP_BAD)
		return ys_error_set(err, YS_EPARSE, "%s", f->why);
	if (ys_account_load(f->root, &own, err))
		return err->code ? err->code : YS_EPARSE;
	rc = make(snap, own, 0, out, err);
	if (rc) {
		ys_account_free(own);
		return rc;
	}
	(*out)->own = own;
	for (i = 0; i < own->nproblems; i++)
		problem(*out, "%s%s", own->problems[i], "");
	return 0;
}

int ys_iam_model_with(struct ys_snapshot *snap, const struct ys_account *acct,
		      struct ys_iam_model **out, struct ys_error *err)
{
	size_t i;
	int rc = make(snap, acct, 1, out, err);

	/* several checks build a model: the snapshot says each problem once, with the file */
	for (i = 0; !rc && i < (*out)->lib.nproblems; i++) {
		char msg[1600];

		snprintf(msg, sizeof(msg), "'%s/global/iam/get-account-authorization-details.json': %s: IAM "
			 "decisions leave it out", ys_snapshot_dir(snap), (*out)->lib.problems[i]);
		ys_snapshot_problem(snap, msg);
	}
	return rc;
}

void ys_iam_model_free(struct ys_iam_model *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nprin; i++)
		free(m->prin[i].id);
	free(m->prin);
	for (i = 0; i < m->ngroups; i++)
		free(m->groups[i].pol);
	free(m->groups);
	free(m->buckets);
	free(m->keys);
	free(m->keyids);
	ys_pset_release(&m->lib);
	ys_account_free(m->own);
	free(m);
}

int ys_iam_model_decide(const struct ys_iam_model *m, const struct ys_mprin *mp, const char *action,
			const char *resource, const struct ys_ctx *ctx, int explain,
			struct ys_decision *d)
{
	struct ys_pset view;
	struct ys_request req;
	const char *note;
	char acct[16];

	ys_iam_model_view(m, mp, action, resource, &view, &note, acct, sizeof(acct));
	req = (struct ys_request){mp->p->arn, action, resource, acct, *ctx, &mp->pi};
	if (ys_eval(&view, &req, explain, d))
		return -1;
	if (note && !d->note)
		d->note = note;
	return (int)d->verdict;
}

/* whether a trust policy could let mp in: it names mp (or mp's role), or the account or
 * everyone while mp's own policies allow some sts:AssumeRole */
int ys_iam_model_may_enter(const struct ys_iam_model *m, const struct ys_mprin *role,
			   const struct ys_mprin *mp)
{
	const struct ys_cpolicy *trust = role->trust;
	size_t i, j;

	if (!trust)
		return 0;
	for (i = 0; i < trust->n; i++) {
		const struct ys_cstmt *s = &trust->st[i];

		if (!s->allow)
			continue;
		if (s->star || s->not_principal)
			return mp->may_assume;
		for (j = 0; j < s->naws; j++) {
			const char *e = s->aws[j];
			size_t n = strlen(m->account);

			if (!strcmp(e, mp->p->arn))
				return 1;
			if (!strcmp(e, m->account) ||
			    (!strncmp(e, "arn:aws:iam::", 13) && !strncmp(e + 13, m->account, n) &&
			     !strcmp(e + 13 + n, ":root")))
				if (mp->may_assume)
					return 1;
		}
	}
	return 0;
}

/* whether some Allow of mp covers action (any resource, any condition), no Deny on every
 * resource without condition takes it back, and the boundary (if any) allows it too */
int ys_mprin_holds(const struct ys_mprin *mp, const char *lc)
{
	size_t i, j, k, len = strlen(lc);
	int allow = 0;

	for (i = 0; i < mp->nid; i++)
		for (j = 0; j < mp->id[i]->n; j++) {
			const struct ys_cstmt *s = &mp->id[i]->st[j];
			int hit = 0;

			for (k = 0; k < s->nact && !hit; k++)
				hit = ys_pat_match(&s->act[k], lc, len, 0);
			if (s->broken || hit == s->not_action)
				continue;
			if (!s->allow && s->any_resource && !s->not_resource && !s->ncond)
				return 0;
			allow |= s->allow;
		}
	if (allow && mp->boundary) {
		struct ys_mprin b = *mp;

		b.id = &b.boundary;
		b.nid = 1;
		b.boundary = NULL;
		return ys_mprin_holds(&b, lc);
	}
	return allow;
}

int ys_iam_model_admin_may(const struct ys_iam_model *m, const struct ys_mprin *mp, const char *action,
			   const char *resource, const struct ys_ctx *ctx)
{
	struct ys_pset view;
	struct ys_request req;
	struct ys_decision d;
	const char *note;
	char acct[16];

	ys_iam_model_view(m, mp, action, resource, &view, &note, acct, sizeof(acct));
	if (!view.resource)
		return 1; /* only a resource policy can stop an administrator */
	view.identity = (struct ys_cpolicy **)&m->outside_policy;
	view.nidentity = 1;
	view.boundary = NULL;
	req = (struct ys_request){mp->p->arn, action, resource, acct, *ctx, &mp->pi};
	return !ys_eval(&view, &req, 0, &d) && d.verdict == YS_ALLOW;
}

const char *ys_mprin_kind(const struct ys_mprin *mp)
{
	return mp->p->kind == YS_P_USER ? "user" : "role";
}

static const struct ys_mres *find_res(const struct ys_mres *v, size_t n, const char *name)
{
	struct ys_mres key = {name, NULL};

	return n ? bsearch(&key, v, n, sizeof(*v), by_name) : NULL;
}

const struct ys_mprin *ys_iam_model_find(const struct ys_iam_model *m, const char *who)
{
	struct ys_pinfo pi;
	size_t i;

	if (!strncmp(who, "arn:", 4) && !ys_pinfo_parse(who, &pi)) {
		for (i = 0; i < m->nprin; i++) {
			const struct ys_mprin *mp = &m->prin[i];

			if (!strcmp(mp->p->arn, who) ||
			    (pi.type == YS_PT_SESSION && mp->p->kind == YS_P_ROLE && !strcmp(mp->p->name, pi.name) &&
			     !strcmp(mp->pi.account, pi.account)))
				return mp;
		}
		return NULL;
	}
	if ((!strncmp(who, "AKIA", 4) || !strncmp(who, "ASIA", 4)) && m->nkeyids) {
		struct ys_access_key key = {who, NULL}, *k;

		k = bsearch(&key, m->keyids, m->nkeyids, sizeof(*k), by_keyid);
		if (k)
			return ys_iam_model_find(m, k->user);
	}
	for (i = 0; i < m->nprin; i++)
		if (!strcmp(m->prin[i].p->name, who))
			return &m->prin[i];
	return NULL;
}

/* the role an ARN names (any path), or NULL */
static const struct ys_mprin *role_of(const struct ys_iam_model *m, const char *arn)
{
	struct ys_pinfo pi;
	size_t i;

	if (ys_pinfo_parse(arn, &pi) || pi.type != YS_PT_ROLE)
		return NULL;
	for (i = m->nusers; i < m->nprin; i++)
		if (!strcmp(m->prin[i].p->name, pi.name) && !strcmp(m->prin[i].pi.account, pi.account))
			return &m->prin[i];
	return NULL;
}

void ys_iam_model_view(const struct ys_iam_model *m, const struct ys_mprin *mp, const char *action,
		       const char *resource, struct ys_pset *view, const char **note, char *acct,
		       size_t n)
{
	const char *f[6], *p = resource;
	int i;

	memset(view, 0, sizeof(*view));
	*note = NULL;
	if (mp) {
		view->identity = mp->id;
		view->nidentity = mp->nid;
		view->boundary = mp->boundary;
	}
	snprintf(acct, n, "%s", m->account);
	for (i = 0; i < 6; i++) {
		f[i] = p;
		if (i < 5 && !(p = strchr(p, ':')))
			return;
		p++;
	}
	if (f[4][0] != ':' && f[5] - f[4] == 13)
		snprintf(acct, n, "%.12s", f[4]);
	if (!strncmp(f[2], "s3:", 3)) {
		char bucket[256];
		size_t len = strcspn(f[5], "/");
		const struct ys_mres *r;

		if (len < sizeof(bucket)) {
			memcpy(bucket, f[5], len);
			bucket[len] = '\0';
			if ((r = find_res(m->buckets, m->nbuckets, bucket)))
				view->resource = r->pol;
		}
	} else if (!strncmp(f[2], "kms:", 4) && !strncmp(f[5], "key/", 4)) {
		const struct ys_mres *r = find_res(m->keys, m->nkeys, f[5] + 4);

		if (r) {
			view->resource = r->pol;
		} else {
			view->resource = m->default_key_policy;
			*note = "the snapshot has no policy for this key: AWS's default key policy assumed";
		}
	} else if (!strncmp(f[2], "iam:", 4) && !strncasecmp(action, "sts:", 4)) {
		const struct ys_mprin *role = role_of(m, resource);

		if (role)
			view->resource = role->trust;
	}
}
