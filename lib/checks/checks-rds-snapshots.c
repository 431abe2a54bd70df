/* checks-rds-snapshots.c: RDS DB and cluster snapshots: who outside the account may restore
 * them (their "restore" attribute: "all" or account ids) and whether they are encrypted */
#include <stdio.h>
#include <string.h>
#include "rds.h"
#include "../base/strbuf.h"
#include "../banned.h"

/* What differs between DB snapshots and cluster snapshots. */
struct snapkind {
	const char *list_call, *list, *id_key, *arn_key, *arn_kind;
	const char *attr_call, *result_key, *attrs_key, *absent, *encrypted_key, *what;
};

static const struct snapkind db_snaps = {
	"rds/describe-db-snapshots", "DBSnapshots", "DBSnapshotIdentifier", "DBSnapshotArn",
	"snapshot", "rds/describe-db-snapshot-attributes", "DBSnapshotAttributesResult",
	"DBSnapshotAttributes", "DBSnapshotNotFound", "Encrypted", "snapshot",
};

static const struct snapkind cluster_snaps = {
	"rds/describe-db-cluster-snapshots", "DBClusterSnapshots", "DBClusterSnapshotIdentifier",
	"DBClusterSnapshotArn", "cluster-snapshot", "rds/describe-db-cluster-snapshot-attributes",
	"DBClusterSnapshotAttributesResult", "DBClusterSnapshotAttributes",
	"DBClusterSnapshotNotFoundFault", "StorageEncrypted", "cluster snapshot",
};

struct snap {
	const struct snapkind *k;
	const char *id, *arn, *region;
	const struct ys_jval *j;
};

/* The "restore" attribute's values of a manual snapshot into *vals (NULL: there is no such
 * attribute, so nobody else may restore it). Returns -1 after a finding, or without one when
 * the snapshot went away since it was listed. */
static int restore_values(struct ys_audit *a, const struct snap *s, const struct ys_jval **vals)
{
	const struct ys_jval *root, *attrs, *at;
	char rel[160], msg[512];
	int gone = 0;
	size_t i;

	*vals = NULL;
	snprintf(rel, sizeof(rel), "%s/%s", s->region, s->k->attr_call);
	if (!(root = ys_need_x(a, rel, s->id, s->region, s->k->absent, &gone)))
		return -1;
	attrs = ys_json_get(ys_json_get(root, s->k->result_key), s->k->attrs_key);
	for (i = 0; attrs && attrs->type == YS_J_ARRAY && i < attrs->len; i++) {
		at = ys_item(attrs, i);
		if (at && !strcmp(ys_str(at, "AttributeName"), "restore")) {
			*vals = ys_json_get(at, "AttributeValues");
			break;
		}
	}
	if ((!attrs || attrs->type != YS_J_ARRAY) || (*vals && (*vals)->type != YS_J_ARRAY)) {
		ys_emit(a, YS_F_ERROR, s->arn, s->region, "%s",
			ys_bad_file(a, rel, s->id,
				    *vals ? "the restore attribute's values are not a list"
					  : "no list of snapshot attributes",
				    msg, sizeof(msg)));
		return -1;
	}
	return 0;
}

static void public_judge(struct ys_audit *a, const struct snap *s)
{
	const char *type = ys_str(s->j, "SnapshotType");
	const struct ys_jval *vals;
	struct strbuf others = STRBUF_INIT;
	int anyone = 0, n = 0;
	size_t i;

	if (!strcmp(type, "automated") || !strcmp(type, "awsbackup")) {
		ys_pass(a, s->arn, s->region, "%s %s was made by %s, and such snapshots "
					      "cannot be shared (only a manual copy of one can)",
			s->k->what, s->id,
			!strcmp(type, "automated") ? "RDS's automated backups" : "AWS Backup");
		return;
	}
	if (strcmp(type, "manual"))
		return; /* "shared", "public": another account's */
	if (restore_values(a, s, &vals))
		return;
	for (i = 0; vals && i < vals->len; i++) {
		const char *v = ys_json_str(&vals->u.items[i]);

		if (!v || !strcmp(v, a->account))
			continue;
		if (!strcmp(v, "all"))
			anyone = 1;
		else
			strbuf_addf(&others, "%s%s", n++ ? ", " : "", v);
	}
	if (anyone && n)
		ys_fail(a, s->arn, s->region, "%s %s can be restored by anyone: any AWS account can "
					      "copy it and read the whole database (it is also shared "
					      "with account%s %s)",
			s->k->what, s->id, n > 1 ? "s" : "", others.buf);
	else if (anyone)
		ys_fail(a, s->arn, s->region, "%s %s can be restored by anyone: any AWS account can "
					      "copy it and read the whole database",
			s->k->what, s->id);
	else if (n)
		ys_fail(a, s->arn, s->region, "%s %s can be restored by account%s %s, outside this "
					      "account: whoever controls %s can read the whole database",
			s->k->what, s->id, n > 1 ? "s" : "", others.buf,
			n > 1 ? "one of them" : "that account");
	else
		ys_pass(a, s->arn, s->region, "%s %s is shared with no other account", s->k->what,
			s->id);
	strbuf_release(&others);
}

static void encrypted_judge(struct ys_audit *a, const struct snap *s)
{
	int db = s->k == &db_snaps;
	const char *of = ys_str(s->j, db ? "DBInstanceIdentifier" : "DBClusterIdentifier");
	const char *whose = db ? "database" : "cluster", *type = ys_str(s->j, "SnapshotType");

	if (!strcmp(type, "shared") || !strcmp(type, "public"))
		return; /* another account's */
	if (ys_bool(s->j, s->k->encrypted_key) == 1)
		ys_pass(a, s->arn, s->region, "%s %s is encrypted", s->k->what, s->id);
	else if (strcmp(type, "manual") && *of)
		ys_fail(a, s->arn, s->region, "%s %s is not encrypted, because its %s %s is not: "
					      "encrypt the %s (see rds-%sencrypted)", s->k->what,
			s->id, whose, of, whose, db ? "" : "cluster-");
	else
		ys_fail(a, s->arn, s->region, "%s %s%s%s%s%s%s is not encrypted: anyone it is shared "
					      "with, or who copies it, reads it as it is", s->k->what,
			s->id, *of ? " (of " : "", *of ? whose : "", *of ? " " : "", of, *of ? ")" : "");
}

struct walk {
	const struct snapkind *k;
	void (*judge)(struct ys_audit *, const struct snap *);
};

static void snap_one(struct ys_audit *a, const char *region, const struct ys_jval *j, void *ctx)
{
	const struct walk *w = ctx;
	struct snap s = {w->k, ys_str(j, w->k->id_key), ys_str(j, w->k->arn_key), region, j};
	char made[320];

	if (rds_not_rds(ys_str(j, "Engine")) || !*s.id)
		return;
	if (!*s.arn) {
		snprintf(made, sizeof(made), "arn:aws:rds:%s:%s:%s:%s", region, a->account,
			 w->k->arn_kind, s.id);
		s.arn = made;
	}
	ys_about(a, s.id);
	w->judge(a, &s);
	ys_about(a, NULL);
}

static void each_snapshot(struct ys_audit *a, const struct snapkind *k,
			  void (*judge)(struct ys_audit *, const struct snap *))
{
	struct walk w = {k, judge};

	ys_each_item(a, k->list_call, k->list, snap_one, &w);
}

/* RDS.1 */
void ys_check_rds_snapshot_public(struct ys_audit *a)
{
	each_snapshot(a, &db_snaps, public_judge);
}

/* RDS.1, for clusters */
void ys_check_rds_cluster_snapshot_public(struct ys_audit *a)
{
	each_snapshot(a, &cluster_snaps, public_judge);
}

/* RDS.4: both kinds */
void ys_check_rds_snapshot_encrypted(struct ys_audit *a)
{
	each_snapshot(a, &db_snaps, encrypted_judge);
	each_snapshot(a, &cluster_snaps, encrypted_judge);
}
