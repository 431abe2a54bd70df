/* find.c: every outsider a role's trust policy or a resource's policy names, and what each may
 * do there, decided by the evaluator once with no condition key given (open) and then read from
 * the statements that would let it in (its guards) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "find.h"
#include "guards.h"
#include "../base/grow.h"
#include "../banned.h"

#define MAX_ADMIT 64

/* Whether who may make the request under pol (and its own account's policies, taken to allow
 * it); *guards: what every statement letting it in asks, 0 when one asks nothing it cannot
 * give (then *open). */
static int decide(struct ys_vfind *f, const struct ys_cpolicy *pol, const struct ys_vwho *who,
		  const char *action, const char *resource, unsigned *guards, int *open)
{
	struct ys_pset view;
	struct ys_request req = {who->pi.arn, action, resource, f->own, {0}, &who->pi};
	struct ys_decision d;
	size_t idx[MAX_ADMIT], i;
	long n = ys_eval_admitting(pol, &req, idx, MAX_ADMIT);
	unsigned g = ~0u;

	*guards = 0;
	*open = 0;
	if (n <= 0)
		return 0;
	memset(&view, 0, sizeof(view));
	view.resource = (struct ys_cpolicy *)pol;
	if (who->pi.account[0] && who->pi.type != YS_PT_ROOT) {
		view.identity = (struct ys_cpolicy **)&f->m->outside_policy;
		view.nidentity = 1;
	}
	if (ys_eval(&view, &req, 1, &d))
		return 0;
	if (d.verdict == YS_ALLOW) {
		*open = 1;
		return 1;
	}
	for (i = 0; d.verdict == YS_EXPLICIT_DENY && i < d.nby; i++)
		if (d.by[i].layer == YS_L_RESOURCE && !d.by[i].pol->st[d.by[i].stmt].ncond)
			return 0; /* denied whatever it brings */
	for (i = 0; i < (size_t)n && i < MAX_ADMIT; i++) {
		unsigned s = ys_vguards(&pol->st[idx[i]], f->own);

		if (!s) {
			*open = 1; /* its conditions are none a guard: any caller can meet them */
			return 1;
		}
		g &= s;
	}
	*guards = g;
	return 1;
}

/* the statements that would let who in, conditions aside */
static size_t admitting(const struct ys_cpolicy *pol, const struct ys_vwho *who, const char *action,
			const char *resource, const char *own, const struct ys_cstmt **st, size_t max)
{
	struct ys_request req = {who->pi.arn, action, resource, own, {0}, &who->pi};
	size_t idx[MAX_ADMIT], i;
	long n = ys_eval_admitting(pol, &req, idx, MAX_ADMIT);

	for (i = 0; n > 0 && i < (size_t)n && i < max && i < MAX_ADMIT; i++)
		st[i] = &pol->st[idx[i]];
	return n > 0 ? i : 0;
}

/* the outsiders a policy's Allow statements name, each once */
static size_t candidates(struct ys_vfind *f, const struct ys_cpolicy *pol, struct ys_vwho *w, size_t max)
{
	size_t i, j, k, n = 0, e;

	for (i = 0; i < pol->n; i++) {
		const struct ys_cstmt *s = &pol->st[i];
		const char *const *lists[3] = {s->aws, s->svc, s->fed};
		size_t counts[3] = {s->naws, s->nsvc, s->nfed};

		if (!s->allow || s->broken)
			continue;
		for (k = 0; k < 4; k++)
			for (j = 0; j < (k < 3 ? counts[k] : (size_t)(s->star || s->not_principal)); j++) {
				const char *as = k < 3 ? lists[k][j] : "*";
				struct ys_vwho c;

				memset(&c, 0, sizeof(c));
				c.as = as;
				if (k == 3 || !strcmp(as, "*")) {
					ys_pinfo_parse("*", &c.pi);
					c.kind = YS_VK_ANYONE;
					c.id = "*";
				} else if (k == 2) {
					const struct ys_oidc_issuer *iss;

					if (ys_pinfo_provider(as, &c.pi))
						continue;
					iss = ys_oidc_issuer(c.pi.name);
					c.kind = !c.pi.saml && iss && iss->ci ? YS_VK_CI : YS_VK_IDP;
					c.id = c.pi.name;
				} else if (ys_pinfo_parse(as, &c.pi)) {
					continue; /* a principal since deleted (AROA...), or unreadable */
				} else if (c.pi.type == YS_PT_SERVICE) {
					c.kind = YS_VK_SERVICE;
					c.id = as;
				} else if (c.pi.type == YS_PT_ANONYMOUS) {
					c.kind = YS_VK_ANYONE;
					c.id = "*";
				} else {
					if (!strcmp(c.pi.account, f->own))
						continue; /* one of the account's own */
					c.kind = YS_VK_UNKNOWN;
					c.id = c.pi.account;
				}
				for (e = 0; e < n; e++)
					if (!strcmp(w[e].as, as))
						break;
				if (e == n && n < max) {
					w[n] = c;
					/* the copy's strings point into its own pinfo */
					if (c.id == c.pi.account)
						w[n].id = w[n].pi.account;
					else if (c.id == c.pi.name)
						w[n].id = w[n].pi.name;
					n++;
				}
			}
	}
	return n;
}

static void add_action(char *list, size_t n, const char *a)
{
	size_t used = strlen(list);

	if (used + strlen(a) + 3 < n)
		snprintf(list + used, n - used, "%s%s", used ? ", " : "", a);
}

struct ys_vway *ys_vadd_way(struct ys_vfind *f, const struct ys_vwho *who)
{
	struct ys_vendor *g = ys_vgroup(f, who);
	struct ys_vway *w;

	if (!g || ys_grow(&g->w, &g->cap, g->n, sizeof(*g->w), 4))
		return NULL;
	w = &g->w[g->n++];
	memset(w, 0, sizeof(*w));
	w->prin = -1;
	w->idle_days = -1;
	w->as = ys_vkeep(f->out, who->as);
	return w;
}

#define MAX_WHO 64

int ys_vfind_roles(struct ys_vfind *f)
{
	const struct ys_iam_model *m = f->m;
	size_t i, j;

	for (i = m->nusers; i < m->nprin; i++) {
		const struct ys_mprin *mp = &m->prin[i];
		struct ys_vwho who[MAX_WHO];
		size_t nw;

		if (!mp->trust || mp->pi.service_linked)
			continue;
		f->out->roles++;
		nw = candidates(f, mp->trust, who, MAX_WHO);
		for (j = 0; j < nw; j++) {
			const char *action = who[j].pi.type != YS_PT_PROVIDER ? "sts:AssumeRole"
					     : who[j].pi.saml ? "sts:AssumeRoleWithSAML"
							      : "sts:AssumeRoleWithWebIdentity";
			unsigned guards;
			int open;
			struct ys_vway *w;

			if (!decide(f, mp->trust, &who[j], action, mp->p->arn, &guards, &open) ||
			    (who[j].kind == YS_VK_ANYONE && (guards & YS_VG_OWN)))
				continue; /* "*" pinned to this account's own principals */
			if (!(w = ys_vadd_way(f, &who[j])))
				return -1;
			w->what = "role";
			w->name = ys_vkeep(f->out, mp->p->name);
			w->arn = ys_vkeep(f->out, mp->p->arn);
			w->actions = action;
			w->guards = guards;
			w->open = open;
			w->prin = (long)i;
			w->last_used = *mp->p->last_used ? ys_vkeep(f->out, mp->p->last_used) : NULL;
			w->created = *mp->p->created ? ys_vkeep(f->out, mp->p->created) : NULL;
			if (who[j].kind == YS_VK_CI || who[j].kind == YS_VK_IDP) {
				const struct ys_cstmt *st[MAX_ADMIT];
				const struct ys_oidc_issuer *iss = ys_oidc_issuer(who[j].pi.name);
				size_t ns = admitting(mp->trust, &who[j], action, mp->p->arn, f->own, st, MAX_ADMIT);
				char subj[600];

				if (!who[j].pi.saml) {
					w->scope = ys_oidc_scope(iss, who[j].pi.name, st, ns, subj, sizeof(subj));
					w->subjects = *subj ? ys_vkeep(f->out, subj) : NULL;
					if (w->scope != YS_VS_ANY)
						w->guards |= YS_VG_SUBJECT;
				}
			}
		}
	}
	return 0;
}

/* a kind of resource whose policy the snapshot holds */
struct rkind {
	const char *what;
	const char *list, *items, *key; /* the list call, its items, each one's name (NULL: a string) */
	const char *call;		/* the per-resource call holding the policy */
	const char *member;		/* the policy's path in its answer */
	const char *arn;		/* %R region, %A account, %N name ("%N": the name is the ARN) */
	const char *object;		/* what follows the ARN for object actions (a slash and a star), or NULL */
	struct {
		const char *action;
		unsigned access;
		int object;
	} act[8];
};

#define R YS_BR_READ
#define C YS_BR_CHANGE
#define D YS_BR_DESTROY
#define P YS_BR_PERMISSIONS

static const struct rkind kinds[] = {
	{"bucket", "global/s3/list-buckets", "Buckets", "Name", "global/s3/get-bucket-policy", "Policy",
	 "arn:aws:s3:::%N", "/*",
	 {{"s3:GetObject", R, 1}, {"s3:ListBucket", R, 0}, {"s3:PutObject", C, 1}, {"s3:DeleteObject", D, 1},
	  {"s3:DeleteBucket", D, 0}, {"s3:PutBucketPolicy", P, 0}}},
	{"key", "kms/list-keys", "Keys", "KeyId", "kms/get-key-policy", "Policy", "arn:aws:kms:%R:%A:key/%N",
	 NULL,
	 {{"kms:Decrypt", R, 0}, {"kms:Encrypt", C, 0}, {"kms:ScheduleKeyDeletion", D, 0},
	  {"kms:CreateGrant", P, 0}, {"kms:PutKeyPolicy", P, 0}}},
	{"topic", "sns/list-topics", "Topics", "TopicArn", "sns/get-topic-attributes", "Attributes.Policy",
	 "%N", NULL,
	 {{"sns:Subscribe", R, 0}, {"sns:Publish", C, 0}, {"sns:DeleteTopic", D, 0},
	  {"sns:SetTopicAttributes", P, 0}, {"sns:AddPermission", P, 0}}},
	{"queue", "sqs/list-queues", "QueueUrls", NULL, "sqs/get-queue-attributes", "Attributes.Policy",
	 "arn:aws:sqs:%R:%A:%T", NULL,
	 {{"sqs:ReceiveMessage", R, 0}, {"sqs:SendMessage", C, 0}, {"sqs:DeleteMessage", C, 0},
	  {"sqs:PurgeQueue", D, 0}, {"sqs:DeleteQueue", D, 0}, {"sqs:SetQueueAttributes", P, 0}}},
	{"function", "lambda/list-functions", "Functions", "FunctionName", "lambda/get-policy", "Policy",
	 "arn:aws:lambda:%R:%A:function:%N", NULL,
	 {{"lambda:GetFunction", R, 0}, {"lambda:InvokeFunction", C, 0}, {"lambda:InvokeFunctionUrl", C, 0},
	  {"lambda:UpdateFunctionCode", C, 0}, {"lambda:DeleteFunction", D, 0}, {"lambda:AddPermission", P, 0}}},
	{"repository", "ecr/describe-repositories", "repositories", "repositoryName", "ecr/get-repository-policy",
	 "policyText", "arn:aws:ecr:%R:%A:repository/%N", NULL,
	 {{"ecr:BatchGetImage", R, 0}, {"ecr:PutImage", C, 0}, {"ecr:BatchDeleteImage", D, 0},
	  {"ecr:DeleteRepository", D, 0}, {"ecr:SetRepositoryPolicy", P, 0}}},
	{"secret", "secretsmanager/list-secrets", "SecretList", "ARN", "secretsmanager/get-resource-policy",
	 "ResourcePolicy", "%N", NULL,
	 {{"secretsmanager:GetSecretValue", R, 0}, {"secretsmanager:PutSecretValue", C, 0},
	  {"secretsmanager:DeleteSecret", D, 0}, {"secretsmanager:PutResourcePolicy", P, 0}}},
	{"domain", "opensearch/list-domain-names", "DomainNames", "DomainName", "opensearch/describe-domain",
	 "DomainStatus.AccessPolicies", "arn:aws:es:%R:%A:domain/%N", "/*",
	 {{"es:ESHttpGet", R, 1}, {"es:ESHttpPut", C, 1}, {"es:ESHttpDelete", D, 1},
	  {"es:UpdateDomainConfig", P, 0}}},
	{"file system", "efs/describe-file-systems", "FileSystems", "FileSystemId",
	 "efs/describe-file-system-policy", "Policy", "arn:aws:elasticfilesystem:%R:%A:file-system/%N", NULL,
	 {{"elasticfilesystem:ClientMount", R, 0}, {"elasticfilesystem:ClientWrite", C, 0},
	  {"elasticfilesystem:DeleteFileSystem", D, 0}, {"elasticfilesystem:ClientRootAccess", P, 0},
	  {"elasticfilesystem:PutFileSystemPolicy", P, 0}}},
	{"vault", "glacier/list-vaults", "VaultList", "VaultName", "glacier/get-vault-access-policy",
	 "policy.Policy", "arn:aws:glacier:%R:%A:vaults/%N", NULL,
	 {{"glacier:InitiateJob", R, 0}, {"glacier:GetJobOutput", R, 0}, {"glacier:UploadArchive", C, 0},
	  {"glacier:DeleteArchive", D, 0}, {"glacier:DeleteVault", D, 0},
	  {"glacier:SetVaultAccessPolicy", P, 0}}},
	{"backup vault", "backup/list-backup-vaults", "BackupVaultList", "BackupVaultName",
	 "backup/get-backup-vault-access-policy", "Policy", "arn:aws:backup:%R:%A:backup-vault:%N", NULL,
	 {{"backup:CopyIntoBackupVault", C, 0}, {"backup:DeleteRecoveryPoint", D, 0},
	  {"backup:DeleteBackupVault", D, 0}, {"backup:PutBackupVaultAccessPolicy", P, 0}}},
};

#undef R
#undef C
#undef D
#undef P

/* the ARN of a kind's resource: %R region, %A account, %N name, %T the name's last part */
static void make_arn(const char *fmt, const char *region, const char *acct, const char *name, char *out,
		     size_t n)
{
	size_t o = 0;
	const char *p, *s, *slash;

	for (p = fmt; *p && o + 1 < n; p++) {
		if (*p != '%' || !p[1]) {
			out[o++] = *p;
			continue;
		}
		p++;
		slash = strrchr(name, '/');
		s = *p == 'R' ? region : *p == 'A' ? acct : *p == 'T' && slash ? slash + 1 : name;
		while (*s && o + 1 < n)
			out[o++] = *s++;
	}
	out[o] = '\0';
}

/* an object action: on every object (obj), else on the objects a statement names under the
 * resource (a pattern matches itself, as a bucket path under AWSLogs does) */
static int decide_objects(struct ys_vfind *f, const struct ys_cpolicy *pol, const struct ys_vwho *who,
			  const char *action, const char *arn, const char *obj, unsigned *guards, int *open)
{
	size_t i, r, n = strlen(arn);

	if (decide(f, pol, who, action, obj, guards, open))
		return 1;
	for (i = 0; i < pol->n; i++)
		for (r = 0; r < pol->st[i].nres; r++) {
			const char *pat = pol->st[i].res[r].s;

			if (pol->st[i].allow && !pol->st[i].not_resource && !strncmp(pat, arn, n) && pat[n] == '/' &&
			    decide(f, pol, who, action, pat, guards, open))
				return 1;
		}
	return 0;
}

/* a queue's URL or a topic's or secret's ARN by what ends it: acme-jobs, acme/prod/db-Xr4TqP */
static const char *short_name(const char *name)
{
	const char *e = !strncmp(name, "https://", 8) ? strrchr(name, '/') : !strncmp(name, "arn:", 4)
									   ? strrchr(name, ':') : NULL;

	return e && e[1] ? e + 1 : name;
}

/* one resource: the outsiders its policy names, and what each may do */
static int resource(struct ys_vfind *f, const struct rkind *k, const char *region, const char *name)
{
	char rel[128], arn[600], obj[640], pname[700];
	const struct ys_snap_file *file;
	const struct ys_jval *doc;
	const struct ys_cpolicy *pol;
	struct ys_error err = {0};
	struct ys_vwho who[MAX_WHO];
	size_t nw, j, a;

	snprintf(rel, sizeof(rel), "%s%s%s", region ? region : "", region ? "/" : "", k->call);
	file = ys_snapshot_get_res(f->snap, rel, name);
	if (file->status != YS_SNAP_OK)
		return 0; /* no policy (refused with its "none" code), or not collected */
	doc = ys_json_path(file->root, k->member);
	if (!doc || (doc->type == YS_J_STRING && !doc->len))
		return 0;
	make_arn(k->arn, region ? region : "", f->own, name, arn, sizeof(arn));
	snprintf(pname, sizeof(pname), "%s %s", k->what, short_name(name));
	if (!(pol = ys_pset_read(&f->ps, pname, doc, 1, &err))) {
		char *msg = NULL;

		if (ys_grow(&f->out->problems, &f->out->problems_cap, f->out->nproblems,
			    sizeof(char *), 8) ||
		    !(msg = (char *)ys_vfmt(f->out, "cannot read '%s/%s.json': the policy of %s: %s: its outsiders "
					   "are not known", ys_snapshot_dir(f->snap), file->rel, pname, err.msg)))
			return -1;
		f->out->problems[f->out->nproblems++] = msg;
		return 0;
	}
	f->out->resources++;
	snprintf(obj, sizeof(obj), "%s%s", arn, k->object ? k->object : "");
	nw = candidates(f, pol, who, MAX_WHO);
	for (j = 0; j < nw; j++) {
		char actions[400] = "";
		unsigned access = 0, guards = ~0u, g;
		int open = 0, o, any = 0;
		struct ys_vway *w;

		for (a = 0; a < 8 && k->act[a].action; a++) {
			if (!(k->act[a].object ? decide_objects(f, pol, &who[j], k->act[a].action, arn, obj, &g, &o)
					       : decide(f, pol, &who[j], k->act[a].action, arn, &g, &o)))
				continue;
			if (!o && (g & YS_VG_OWN) && who[j].kind == YS_VK_ANYONE)
				continue; /* "*" only for this account itself (the default SNS policy) */
			any = 1;
			add_action(actions, sizeof(actions), k->act[a].action);
			access |= k->act[a].access;
			open |= o;
			guards &= o ? 0 : g;
		}
		if (!any)
			continue;
		if (!(w = ys_vadd_way(f, &who[j])))
			return -1;
		w->what = k->what;
		w->name = ys_vkeep(f->out, short_name(name));
		w->arn = ys_vkeep(f->out, arn);
		w->region = region ? ys_vkeep(f->out, region) : NULL;
		w->actions = ys_vkeep(f->out, actions);
		w->access = access;
		w->open = open;
		w->guards = guards;
	}
	return 0;
}

/* the names a list answer gives */
static int each_listed(struct ys_vfind *f, const struct rkind *k, const char *region)
{
	char rel[128];
	const struct ys_snap_file *file;
	const struct ys_jval *items;
	size_t i;

	if (!strncmp(k->list, "global/", 7))
		snprintf(rel, sizeof(rel), "%s", k->list);
	else
		snprintf(rel, sizeof(rel), "%s/%s", region, k->list);
	file = ys_snapshot_get(f->snap, rel);
	if (file->status != YS_SNAP_OK || !(items = ys_json_get(file->root, k->items)) ||
	    items->type != YS_J_ARRAY)
		return 0;
	for (i = 0; i < items->len; i++) {
		const struct ys_jval *it = &items->u.items[i];
		const char *name = k->key ? ys_json_str(ys_json_get(it, k->key)) : ys_json_str(it);

		if (name && *name && resource(f, k, strncmp(k->list, "global/", 7) ? region : NULL, name))
			return -1;
	}
	return 0;
}

int ys_vfind_resources(struct ys_vfind *f)
{
	const char *const *regions;
	size_t nr = ys_snapshot_regions(f->snap, &regions), i, r;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (!strncmp(kinds[i].list, "global/", 7)) {
			if (each_listed(f, &kinds[i], NULL))
				return -1;
			continue;
		}
		for (r = 0; r < nr; r++)
			if (each_listed(f, &kinds[i], regions[r]))
				return -1;
	}
	return 0;
}
