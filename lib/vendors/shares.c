/* shares.c: snapshots shared outside the account: an RDS DB or cluster snapshot another account
 * (or everyone) may restore, an EBS snapshot another account (or everyone) may make a volume
 * of; either way, a whole copy of the data leaves with it */
#include <stdio.h>
#include <string.h>
#include "../iam/principal.h"
#include "find.h"
#include "../iam/blast.h"
#include "../banned.h"

struct share {
	const char *what, *list, *items, *key, *call, *result, *attrs, *arn, *action;
	const char *unshare; /* %s region, %s id, %s party */
};

static const struct share shares[] = {
	{"db snapshot", "rds/describe-db-snapshots", "DBSnapshots", "DBSnapshotIdentifier",
	 "rds/describe-db-snapshot-attributes", "DBSnapshotAttributesResult", "DBSnapshotAttributes",
	 "arn:aws:rds:%s:%s:snapshot:%s", "rds:RestoreDBInstanceFromDBSnapshot",
	 "aws rds modify-db-snapshot-attribute --region %s --db-snapshot-identifier %s --attribute-name restore "
	 "--values-to-remove %s"},
	{"db cluster snapshot", "rds/describe-db-cluster-snapshots", "DBClusterSnapshots",
	 "DBClusterSnapshotIdentifier", "rds/describe-db-cluster-snapshot-attributes",
	 "DBClusterSnapshotAttributesResult", "DBClusterSnapshotAttributes", "arn:aws:rds:%s:%s:cluster-snapshot:%s",
	 "rds:RestoreDBClusterFromSnapshot",
	 "aws rds modify-db-cluster-snapshot-attribute --region %s --db-cluster-snapshot-identifier %s "
	 "--attribute-name restore --values-to-remove %s"},
	{"volume snapshot", "ec2/describe-snapshots", "Snapshots", "SnapshotId", "ec2/describe-snapshot-attribute",
	 NULL, "CreateVolumePermissions", "arn:aws:ec2:%s:%s:snapshot/%s", "ec2:CreateVolume",
	 "aws ec2 modify-snapshot-attribute --region %s --snapshot-id %s --attribute createVolumePermission "
	 "--operation-type remove %s"},
};

/* one party a snapshot is shared with: an account id, or "all" */
static int shared_with(struct ys_vfind *f, const struct share *s, const char *region, const char *id,
		       const char *arn, const char *party)
{
	struct ys_vwho who;
	struct ys_vway *w;

	memset(&who, 0, sizeof(who));
	who.as = party;
	if (!strcmp(party, "all")) {
		who.kind = YS_VK_ANYONE;
		who.id = "*";
	} else if (ys_is_account_id(party) && strcmp(party, f->own)) {
		who.kind = YS_VK_UNKNOWN;
		who.id = party;
	} else {
		return 0;
	}
	if (!(w = ys_vadd_way(f, &who)))
		return -1;
	w->what = s->what;
	w->name = ys_vkeep(f->out, id);
	w->arn = ys_vkeep(f->out, arn);
	w->region = ys_vkeep(f->out, region);
	w->actions = s->action;
	w->access = YS_BR_READ;
	w->open = 1;
	if (s->result)
		w->unshare = ys_vfmt(f->out, s->unshare, region, id, party);
	else
		w->unshare = ys_vfmt(f->out, s->unshare, region, id,
				     !strcmp(party, "all") ? "--group-names all" : ys_vfmt(f->out, "--user-ids %s", party));
	return w->name && w->arn && w->region && w->unshare ? 0 : -1;
}

static int one(struct ys_vfind *f, const struct share *s, const char *region, const char *id)
{
	char rel[128], arn[512];
	const struct ys_snap_file *file;
	const struct ys_jval *attrs;
	size_t i, j;

	snprintf(rel, sizeof(rel), "%s/%s", region, s->call);
	file = ys_snapshot_get_res(f->snap, rel, id);
	if (file->status != YS_SNAP_OK)
		return 0;
	attrs = ys_json_get(s->result ? ys_json_get(file->root, s->result) : file->root, s->attrs);
	if (!attrs || attrs->type != YS_J_ARRAY)
		return 0;
	snprintf(arn, sizeof(arn), s->arn, region, s->result ? f->own : "", id);
	for (i = 0; i < attrs->len; i++) {
		const struct ys_jval *a = &attrs->u.items[i], *vals;

		if (!s->result) { /* EBS: {"UserId": ...} or {"Group": "all"} */
			const char *party = ys_json_str(ys_json_get(a, "UserId"));

			if (!party)
				party = ys_json_str(ys_json_get(a, "Group"));
			if (party && shared_with(f, s, region, id, arn, party))
				return -1;
			continue;
		}
		if (!ys_json_str(ys_json_get(a, "AttributeName")) ||
		    strcmp(ys_json_str(ys_json_get(a, "AttributeName")), "restore") ||
		    !(vals = ys_json_get(a, "AttributeValues")) || vals->type != YS_J_ARRAY)
			continue;
		for (j = 0; j < vals->len; j++)
			if (ys_json_str(&vals->u.items[j]) &&
			    shared_with(f, s, region, id, arn, ys_json_str(&vals->u.items[j])))
				return -1;
	}
	return 0;
}

int ys_vfind_shares(struct ys_vfind *f)
{
	const char *const *regions;
	size_t nr = ys_snapshot_regions(f->snap, &regions), r, k, i;

	for (k = 0; k < sizeof(shares) / sizeof(shares[0]); k++)
		for (r = 0; r < nr; r++) {
			char rel[128];
			const struct ys_snap_file *file;
			const struct ys_jval *items;

			snprintf(rel, sizeof(rel), "%s/%s", regions[r], shares[k].list);
			file = ys_snapshot_get(f->snap, rel);
			if (file->status != YS_SNAP_OK || !(items = ys_json_get(file->root, shares[k].items)) ||
			    items->type != YS_J_ARRAY)
				continue;
			for (i = 0; i < items->len; i++) {
				const char *id = ys_json_str(ys_json_get(&items->u.items[i], shares[k].key));

				if (id && *id && one(f, &shares[k], regions[r], id))
					return -1;
			}
		}
	return 0;
}
