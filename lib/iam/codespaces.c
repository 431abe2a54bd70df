/* codespaces.c: stores, their backups, and who can destroy both: each target's destroyers are
 * decided once (principals whose policies allow none of its actions are passed over), then
 * combined with what each principal can become */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdint.h>
#include "codespaces.h"
#include "glob.h"
#include "../base/grow.h"
#include "../banned.h"

struct gather {
	struct ys_snapshot *snap;
	const struct ys_iam_model *m;
	struct ys_codespaces *cs;
	size_t capst, capbk;
};

static struct ys_cs_target *new_target(struct ys_cs_target **v, size_t *n, size_t *cap,
				       const char *kind, const char *arn, const char *name)
{
	struct ys_cs_target *t;

	if (ys_grow(v, cap, *n, sizeof(**v), 16))
		return NULL;
	t = memset(&(*v)[(*n)++], 0, sizeof(**v));
	snprintf(t->kind, sizeof(t->kind), "%s", kind);
	snprintf(t->arn, sizeof(t->arn), "%s", arn);
	snprintf(t->name, sizeof(t->name), "%s", name);
	return t;
}

static struct ys_cs_way *way(struct ys_cs_target *t)
{
	return t->nway < 2 ? memset(&t->way[t->nway++], 0, sizeof(t->way[0])) : NULL;
}

static void step(struct ys_cs_way *w, const char *action, const char *fmt, const char *a)
{
	if (!w || w->n >= YS_CS_MAX_STEPS)
		return;
	w->action[w->n] = action;
	snprintf(w->resource[w->n], sizeof(w->resource[0]), fmt, a);
	w->n++;
}

static struct ys_cs_store *new_store(struct gather *gt, const char *kind, const char *arn,
				     const char *name)
{
	struct ys_codespaces *cs = gt->cs;
	struct ys_cs_store *s;

	if (ys_grow(&cs->stores, &gt->capst, cs->nstores, sizeof(*cs->stores), 16))
		return NULL;
	s = memset(&cs->stores[cs->nstores++], 0, sizeof(*s));
	snprintf(s->t.kind, sizeof(s->t.kind), "%s", kind);
	snprintf(s->t.arn, sizeof(s->t.arn), "%s", arn);
	snprintf(s->t.name, sizeof(s->t.name), "%s", name);
	return s;
}

static const char *field(const struct ys_snap_file *f, const char *a, const char *b)
{
	const struct ys_jval *v = f->status == YS_SNAP_OK ? ys_json_get(f->root, a) : NULL;

	return ys_json_str(b ? ys_json_get(v, b) : v);
}

/* the buckets: each a store; what protects it; where it replicates to */
static int buckets(struct gather *gt)
{
	const struct ys_snap_file *f = ys_snapshot_get(gt->snap, "global/s3/list-buckets");
	const struct ys_jval *list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "Buckets") : NULL;
	size_t i;

	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const char *name = ys_json_str(ys_json_get(&list->u.items[i], "Name"));
		const struct ys_snap_file *ver, *lock;
		const char *status, *mfa, *locked;
		struct ys_cs_store *s;
		struct ys_cs_way *w;
		char arn[320];

		if (!name)
			continue;
		snprintf(arn, sizeof(arn), "arn:aws:s3:::%s", name);
		if (!(s = new_store(gt, "bucket", arn, name)))
			return -1;
		ver = ys_snapshot_get_res(gt->snap, "global/s3/get-bucket-versioning", name);
		lock = ys_snapshot_get_res(gt->snap, "global/s3/get-object-lock-configuration", name);
		status = field(ver, "Status", NULL);
		mfa = field(ver, "MFADelete", NULL);
		locked = field(lock, "ObjectLockConfiguration", "ObjectLockEnabled");
		if (locked && !strcmp(locked, "Enabled"))
			s->t.safe = "Object Lock keeps its objects";
		else if (mfa && !strcmp(mfa, "Enabled"))
			s->t.safe = "MFA Delete: deleting a version needs the root user's MFA device";
		w = way(&s->t);
		step(w, "s3:DeleteObject", "arn:aws:s3:::%s/*", name);
		if (status && !strcmp(status, "Enabled"))
			step(w, "s3:DeleteObjectVersion", "arn:aws:s3:::%s/*", name);
		step(way(&s->t), "s3:PutLifecycleConfiguration", "arn:aws:s3:::%s", name);
	}
	return 0;
}

static int region_stores(struct gather *gt, const char *region)
{
	char rel[256];
	const struct ys_snap_file *f;
	const struct ys_jval *list;
	size_t i;

	snprintf(rel, sizeof(rel), "%s/rds/describe-db-instances", region);
	f = ys_snapshot_get(gt->snap, rel);
	list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "DBInstances") : NULL;
	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const struct ys_jval *db = &list->u.items[i], *dp = ys_json_get(db, "DeletionProtection");
		const char *id = ys_json_str(ys_json_get(db, "DBInstanceIdentifier"));
		const char *arn = ys_json_str(ys_json_get(db, "DBInstanceArn"));
		char made[320];
		struct ys_cs_store *s;
		struct ys_cs_way *w;

		if (!id)
			continue;
		if (!arn) {
			snprintf(made, sizeof(made), "arn:aws:rds:%s:%s:db:%s", region, gt->m->account, id);
			arn = made;
		}
		if (!(s = new_store(gt, "db instance", arn, id)))
			return -1;
		w = way(&s->t);
		if (dp && dp->type == YS_J_TRUE)
			step(w, "rds:ModifyDBInstance", "%s", arn);
		step(w, "rds:DeleteDBInstance", "%s", arn);
	}
	snprintf(rel, sizeof(rel), "%s/efs/describe-file-systems", region);
	f = ys_snapshot_get(gt->snap, rel);
	list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "FileSystems") : NULL;
	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const char *id = ys_json_str(ys_json_get(&list->u.items[i], "FileSystemId"));
		const char *arn = ys_json_str(ys_json_get(&list->u.items[i], "FileSystemArn"));
		char made[320];
		struct ys_cs_store *s;

		if (!id)
			continue;
		if (!arn) {
			snprintf(made, sizeof(made), "arn:aws:elasticfilesystem:%s:%s:file-system/%s", region,
				 gt->m->account, id);
			arn = made;
		}
		if (!(s = new_store(gt, "file system", arn, id)))
			return -1;
		step(way(&s->t), "elasticfilesystem:DeleteFileSystem", "%s", arn);
	}
	return 0;
}

/* the vaults of a region, and the copies its backup plans send to another account */
static int region_backups(struct gather *gt, const char *region)
{
	struct ys_codespaces *cs = gt->cs;
	char rel[256];
	const struct ys_snap_file *f;
	const struct ys_jval *list;
	size_t i, j, k;

	snprintf(rel, sizeof(rel), "%s/backup/list-backup-vaults", region);
	f = ys_snapshot_get(gt->snap, rel);
	list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "BackupVaultList") : NULL;
	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const struct ys_jval *v = &list->u.items[i], *lk = ys_json_get(v, "Locked");
		const struct ys_jval *np = ys_json_get(v, "NumberOfRecoveryPoints");
		const char *name = ys_json_str(ys_json_get(v, "BackupVaultName"));
		const char *arn = ys_json_str(ys_json_get(v, "BackupVaultArn"));
		struct ys_cs_target *t;

		if (!name || !arn || (np && np->type == YS_J_NUMBER && np->u.num == 0))
			continue; /* an empty vault holds no backup */
		if (!(t = new_target(&cs->backups, &cs->nbackups, &gt->capbk, "backup vault", arn, name)))
			return -1;
		if (lk && lk->type == YS_J_TRUE)
			t->safe = "Vault Lock keeps its recovery points";
		step(way(t), "backup:DeleteRecoveryPoint", "arn:aws:backup:%s:*:recovery-point:*", region);
	}
	snprintf(rel, sizeof(rel), "%s/backup/list-backup-plans", region);
	f = ys_snapshot_get(gt->snap, rel);
	list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "BackupPlansList") : NULL;
	snprintf(rel, sizeof(rel), "%s/backup/get-backup-plan", region);
	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const char *id = ys_json_str(ys_json_get(&list->u.items[i], "BackupPlanId"));
		const struct ys_snap_file *p = id ? ys_snapshot_get_res(gt->snap, rel, id) : NULL;
		const struct ys_jval *rules = p && p->status == YS_SNAP_OK ?
						      ys_json_get(ys_json_get(p->root, "BackupPlan"), "Rules") : NULL;

		for (j = 0; rules && rules->type == YS_J_ARRAY && j < rules->len; j++) {
			const struct ys_jval *copies = ys_json_get(&rules->u.items[j], "CopyActions");

			for (k = 0; copies && copies->type == YS_J_ARRAY && k < copies->len; k++) {
				const char *dest = ys_json_str(ys_json_get(&copies->u.items[k], "DestinationBackupVaultArn"));
				const char *acct = dest ? strstr(dest, ":backup:") : NULL;
				struct ys_cs_target *t;

				if (!acct || !(acct = strchr(acct + 8, ':')) || !strncmp(acct + 1, gt->m->account, 12))
					continue;
				if (!(t = new_target(&cs->backups, &cs->nbackups, &gt->capbk, "backup vault", dest, dest)))
					return -1;
				t->safe = "a copy in another account";
			}
		}
	}
	return 0;
}

/* which backups keep each store: same-region vaults (any region for buckets), and the buckets
 * a bucket replicates to (in another account: out of reach) */
static int link_backups(struct gather *gt)
{
	struct ys_codespaces *cs = gt->cs;
	size_t i, j;

	for (i = 0; i < cs->nstores; i++) {
		struct ys_cs_store *s = &cs->stores[i];
		char region[64] = "";

		if (!(s->backups = calloc(cs->nbackups + 1, sizeof(size_t))))
			return -1;
		if (!strcmp(s->t.kind, "bucket")) {
			/* a bucket's region, when the snapshot kept get-bucket-location (else: any) */
			const struct ys_snap_file *f = ys_snapshot_get_res(gt->snap, "global/s3/get-bucket-location", s->t.name);
			const struct ys_jval *lc = f->status == YS_SNAP_OK ? ys_json_get(f->root, "LocationConstraint") : NULL;

			if (lc && lc->type == YS_J_NULL)
				snprintf(region, sizeof(region), "us-east-1");
			else if (lc && lc->type == YS_J_STRING)
				snprintf(region, sizeof(region), "%s", strcmp(lc->u.str, "EU") ? lc->u.str : "eu-west-1");
		} else {
			const char *sr = strchr(s->t.arn + 4, ':');

			sr = sr ? strchr(sr + 1, ':') : NULL; /* the region field */
			if (sr)
				snprintf(region, sizeof(region), "%.*s", (int)strcspn(sr + 1, ":"), sr + 1);
		}
		for (j = 0; j < cs->nbackups; j++) {
			const char *r = strstr(cs->backups[j].arn, ":backup:");

			if (!*region || !r || (!strncmp(r + 8, region, strlen(region)) && r[8 + strlen(region)] == ':'))
				s->backups[s->nbackups++] = j;
		}
	}
	for (i = 0; i < cs->nstores; i++) {
		struct ys_cs_store *s = &cs->stores[i];
		const struct ys_snap_file *f;
		const struct ys_jval *rules;

		if (strcmp(s->t.kind, "bucket"))
			continue;
		f = ys_snapshot_get_res(gt->snap, "global/s3/get-bucket-replication", s->t.name);
		rules = f->status == YS_SNAP_OK ? ys_json_get(ys_json_get(f->root, "ReplicationConfiguration"), "Rules") : NULL;
		for (j = 0; rules && rules->type == YS_J_ARRAY && j < rules->len; j++) {
			const struct ys_jval *d = ys_json_get(&rules->u.items[j], "Destination");
			const char *dest = ys_json_str(ys_json_get(d, "Bucket"));
			const char *acct = ys_json_str(ys_json_get(d, "Account"));
			struct ys_cs_target *t;
			size_t k;

			if (!dest || !strncmp(dest, s->t.arn, strlen(s->t.arn) + 1))
				continue;
			for (k = 0; k < cs->nstores; k++)
				if (!strcmp(cs->stores[k].t.arn, dest))
					break;
			size_t *more;

			if (!(t = new_target(&cs->backups, &cs->nbackups, &gt->capbk, "bucket replica", dest,
					     dest + (strncmp(dest, "arn:aws:s3:::", 13) ? 0 : 13))))
				return -1;
			if (acct && strcmp(acct, gt->m->account)) {
				t->safe = "a replica in another account";
			} else if (k < cs->nstores) {
				/* the replica is one of the account's buckets: destroyed as that bucket is */
				memcpy(t, &cs->stores[k].t, sizeof(*t));
				snprintf(t->kind, sizeof(t->kind), "bucket replica");
			} else {
				t->safe = "a replica in a bucket the snapshot does not list";
			}
			if (!(more = realloc(s->backups, (s->nbackups + 1) * sizeof(size_t))))
				return -1;
			s->backups = more;
			s->backups[s->nbackups++] = cs->nbackups - 1;
		}
	}
	return 0;
}

/* ---- who can destroy ---- */

struct judge {
	const struct ys_iam_model *m;
	const struct ys_esc_graph *g;
	const struct ys_ctx *ctx;
	size_t *decisions;
	const char *acts[16]; /* the first action of each way of every target, lower-case */
	char lc[16][64];
	size_t nacts;
	uint16_t *may;	      /* per principal: which of acts some statement allows */
	size_t **reach;	      /* per principal: those it can become (itself first) */
	size_t *nreach;
};

static int act_index(struct judge *j, const char *action)
{
	size_t i;

	for (i = 0; i < j->nacts; i++)
		if (!strcasecmp(j->acts[i], action))
			return (int)i;
	if (j->nacts == 16)
		return -1;
	j->acts[j->nacts] = action;
	ys_lower(action, j->lc[j->nacts], sizeof(j->lc[0]));
	return (int)j->nacts++;
}

/* whether mp (with its own policies, or as an administrator) can destroy t in one of its ways */
static int destroys(struct judge *j, const struct ys_mprin *mp, int as_admin, const struct ys_cs_target *t)
{
	size_t w, k;

	for (w = 0; w < t->nway; w++) {
		int idx = act_index(j, t->way[w].action[0]);

		if (!as_admin && idx >= 0 && j->may && !(j->may[mp - j->m->prin] & (1u << idx)))
			continue; /* no statement allows even the first request */
		for (k = 0; k < t->way[w].n; k++) {
			struct ys_decision d;

			if (as_admin) {
				(*j->decisions)++;
				if (!ys_iam_model_admin_may(j->m, mp, t->way[w].action[k], t->way[w].resource[k], j->ctx))
					break;
			} else {
				(*j->decisions)++;
				if (ys_iam_model_decide(j->m, mp, t->way[w].action[k], t->way[w].resource[k], j->ctx,
							0, &d) != YS_ALLOW)
					break;
			}
		}
		if (k == t->way[w].n)
			return 1;
	}
	return 0;
}

/* per principal: 1 it can destroy t itself, 2 once an administrator, 0 neither */
static unsigned char *destroyers(struct judge *j, const struct ys_cs_target *t)
{
	unsigned char *v = calloc(j->m->nprin + 1, 1);
	size_t i;

	if (!v || t->safe)
		return v;
	for (i = 0; i < j->m->nprin; i++) {
		if (destroys(j, &j->m->prin[i], 0, t))
			v[i] = 1;
		else if (j->g->next[i] >= 0 && destroys(j, &j->m->prin[i], 1, t))
			v[i] = 2;
	}
	return v;
}

/* what each principal can become, and which destructive actions its statements mention */
static int prepare(struct judge *j, const struct ys_codespaces *cs)
{
	const struct ys_esc_graph *g = j->g;
	size_t i, k, w;

	for (i = 0; i < cs->nstores; i++)
		for (w = 0; w < cs->stores[i].t.nway; w++)
			act_index(j, cs->stores[i].t.way[w].action[0]);
	for (i = 0; i < cs->nbackups; i++)
		for (w = 0; w < cs->backups[i].nway; w++)
			act_index(j, cs->backups[i].way[w].action[0]);
	if (!(j->may = calloc(j->m->nprin + 1, sizeof(*j->may))) ||
	    !(j->reach = calloc(j->m->nprin + 1, sizeof(*j->reach))) ||
	    !(j->nreach = calloc(j->m->nprin + 1, sizeof(size_t))))
		return -1;
	for (i = 0; i < j->m->nprin; i++)
		for (k = 0; k < j->nacts; k++)
			if (ys_mprin_may(&j->m->prin[i], j->lc[k]))
				j->may[i] |= (uint16_t)(1u << k);
	for (i = 0; i < g->n; i++) {
		size_t f = g->e[i].from, head = 0;
		unsigned char *seen;

		if (g->e[i].to >= g->nprin || j->reach[f])
			continue;
		if (!(j->reach[f] = calloc(g->nprin + 1, sizeof(size_t))) || !(seen = calloc(g->nprin + 1, 1)))
			return -1;
		j->reach[f][j->nreach[f]++] = f;
		seen[f] = 1;
		while (head < j->nreach[f]) {
			size_t x = j->reach[f][head++];

			for (k = 0; k < g->n; k++)
				if (g->e[k].from == x && g->e[k].to < g->nprin && !seen[g->e[k].to]) {
					seen[g->e[k].to] = 1;
					j->reach[f][j->nreach[f]++] = g->e[k].to;
				}
		}
		free(seen);
	}
	return 0;
}

static void judge_release(struct judge *j)
{
	size_t i;

	for (i = 0; j->reach && i < j->m->nprin; i++)
		free(j->reach[i]);
	free(j->reach);
	free(j->nreach);
	free(j->may);
}

/* the culprits of one store: who (itself, as one it becomes, or as administrator) can destroy
 * it and every backup; okb[q]: q can destroy every backup (1 itself, 2 as administrator) */
static int culprits(struct judge *j, struct ys_cs_store *s, const unsigned char *okb,
		    const size_t *cand, size_t ncand, signed char *own)
{
	const struct ys_iam_model *m = j->m;
	int admin_known = -1; /* whether an administrator destroys it */
	size_t ci, i, k, cap = 0;

	for (ci = 0; ci < ncand; ci++) {
		struct ys_cs_culprit c = {cand[ci], -1, 0};
		size_t one, n;
		const size_t *r;

		i = cand[ci];
		one = i;
		n = j->reach[i] ? j->nreach[i] : 1;
		r = j->reach[i] ? j->reach[i] : &one;
		int found = 0;

		if (j->g->is_admin[i] && okb[i]) {
			/* an administrator destroys what an administrator can (a deny it holds, it can
			 * take away) */
			if (admin_known < 0)
				admin_known = destroys(j, &m->prin[i], 1, &s->t);
			found = admin_known;
			c.admin = 1;
			n = 0;
		}
		for (k = 0; k < n && !found; k++) {
			size_t q = r[k];

			if (okb[q] != 1)
				continue;
			if (!own[q])
				own[q] = destroys(j, &m->prin[q], 0, &s->t) ? 1 : -1;
			if (own[q] == 1) {
				found = 1;
				c.as = q == i ? -1 : (long)q;
			}
		}
		if (!found && j->g->next[i] >= 0 && okb[i]) {
			/* one that can make itself an administrator does what an administrator does */
			if (admin_known < 0)
				admin_known = destroys(j, &m->prin[i], 1, &s->t);
			found = admin_known;
			c.admin = 1;
		}
		if (!found)
			continue;
		if (ys_grow(&s->who, &cap, s->nwho, sizeof(*s->who), 8))
			return -1;
		s->who[s->nwho++] = c;
	}
	for (ci = 0; ci < ncand; ci++) /* own[] is reused for the next store */
		for (k = 0, i = cand[ci]; k < (j->reach[i] ? j->nreach[i] : 1); k++)
			own[j->reach[i] ? j->reach[i][k] : i] = 0;
	return 0;
}

int ys_codespaces_stores(struct ys_snapshot *snap, const struct ys_iam_model *m,
			 struct ys_codespaces *cs)
{
	struct gather gt = {snap, m, cs, 0, 0};
	const char *const *regions;
	size_t nr = ys_snapshot_regions(snap, &regions), i;

	memset(cs, 0, sizeof(*cs));
	if (buckets(&gt))
		goto fail;
	for (i = 0; i < nr; i++)
		if (region_stores(&gt, regions[i]) || region_backups(&gt, regions[i]))
			goto fail;
	if (link_backups(&gt))
		goto fail;
	return 0;
fail:
	ys_codespaces_release(cs);
	return -1;
}

int ys_codespaces(struct ys_snapshot *snap, const struct ys_iam_model *m,
		  const struct ys_esc_graph *g, const struct ys_ctx *ctx, struct ys_codespaces *cs)
{
	struct judge jd = {m, g, ctx, &cs->decisions, {0}, {{0}}, 0, NULL, NULL, NULL};
	size_t i, j, k;
	unsigned char **bk = NULL, *okb = NULL;
	const struct ys_cs_store *last = NULL;
	size_t *cand = NULL, ncand = 0;
	signed char *own = NULL; /* per principal, for one store: 0 unknown, 1 destroys it, -1 not */
	int rc = -1, fresh;

	if (ys_codespaces_stores(snap, m, cs) || prepare(&jd, cs) || !(bk = calloc(cs->nbackups + 1, sizeof(*bk))) ||
	    !(okb = calloc(m->nprin + 1, 1)) || !(cand = calloc(m->nprin + 1, sizeof(size_t))) ||
	    !(own = calloc(m->nprin + 1, 1)))
		goto out;
	for (i = 0; i < cs->nbackups; i++)
		if (!(bk[i] = destroyers(&jd, &cs->backups[i])))
			goto out;
	for (i = 0; i < cs->nstores; i++) {
		struct ys_cs_store *s = &cs->stores[i];

		for (j = 0; j < s->nbackups && !s->safe_by; j++)
			if (cs->backups[s->backups[j]].safe)
				s->safe_by = cs->backups[s->backups[j]].name;
		if (s->t.safe || s->safe_by)
			continue;
		/* stores that share their backups (a region's vaults) share who can destroy them all */
		fresh = !last || last->nbackups != s->nbackups ||
			(s->nbackups && memcmp(last->backups, s->backups, s->nbackups * sizeof(size_t)));
		if (fresh)
			for (k = 0; k < m->nprin; k++) {
				unsigned char v = 1;

				for (j = 0; j < s->nbackups && v; j++)
					v = bk[s->backups[j]][k] > v ? bk[s->backups[j]][k] : bk[s->backups[j]][k] ? v : 0;
				okb[k] = v;
			}
		if (fresh) {
			/* the candidates: those that can destroy every backup, or become one that can */
			ncand = 0;
			for (k = 0; k < m->nprin; k++) {
				int any = okb[k] != 0;

				for (j = 0; !any && jd.reach[k] && j < jd.nreach[k]; j++)
					any = okb[jd.reach[k][j]] == 1;
				if (any)
					cand[ncand++] = k;
			}
		}
		last = s;
		if (culprits(&jd, s, okb, cand, ncand, own))
			goto out;
	}
	rc = 0;
out:
	for (i = 0; bk && i < cs->nbackups; i++)
		free(bk[i]);
	free(bk);
	free(okb);
	free(cand);
	free(own);
	judge_release(&jd);
	if (rc)
		ys_codespaces_release(cs);
	return rc;
}

int ys_cs_destroys(const struct ys_iam_model *m, const struct ys_mprin *mp, int as_admin,
		   const struct ys_cs_target *t, const struct ys_ctx *ctx)
{
	size_t count = 0;
	struct judge jd = {m, NULL, ctx, &count, {0}, {{0}}, 0, NULL, NULL, NULL};

	return !t->safe && destroys(&jd, mp, as_admin, t);
}

void ys_codespaces_release(struct ys_codespaces *cs)
{
	size_t i;

	for (i = 0; i < cs->nstores; i++) {
		free(cs->stores[i].backups);
		free(cs->stores[i].who);
	}
	free(cs->stores);
	free(cs->backups);
	memset(cs, 0, sizeof(*cs));
}
