/* stores.c: the data stores of a snapshot (buckets, RDS instances, EFS file systems), their
 * backups (vaults with recovery points, copies in other accounts, replica buckets), what keeps
 * each safe, and the requests that destroy each */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codespaces.h"
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
