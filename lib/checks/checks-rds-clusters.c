/* checks-rds-clusters.c: FSBP's controls of RDS DB clusters (Aurora and Multi-AZ clusters):
 * deletion protection, IAM authentication, backtracking, availability zones, tags, the
 * administrator's name, encryption, minor upgrades, and the logs sent to CloudWatch Logs */
#include <stdio.h>
#include <string.h>
#include "rds.h"
#include "../banned.h"

/* RDS.7 */
static void deletion_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	if (ys_bool(db->j, "DeletionProtection") == 1)
		ys_pass(a, db->arn, region, "cluster %s has deletion protection", db->id);
	else
		ys_fail(a, db->arn, region, "cluster %s can be deleted in one call: deletion "
					    "protection is off", db->id);
}

void ys_check_rds_cluster_deletion_protection(struct ys_audit *a)
{
	rds_each_cluster(a, deletion_one);
}

/* RDS.12 */
static void iam_auth_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	if (ys_bool(db->j, "IAMDatabaseAuthenticationEnabled") == 1)
		ys_pass(a, db->arn, region, "cluster %s accepts IAM authentication", db->id);
	else
		ys_fail(a, db->arn, region, "cluster %s accepts only its own passwords: IAM "
					    "authentication is off", db->id);
}

void ys_check_rds_cluster_iam_auth(struct ys_audit *a)
{
	rds_each_cluster(a, iam_auth_one);
}

/* RDS.14: Aurora MySQL only (no other engine can backtrack) */
static void backtrack_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	double window = ys_num(db->j, "BacktrackWindow");

	if (!rds_is_aurora(db->engine) || rds_family(db->engine) != RDS_MYSQL)
		return;
	if (window > 0)
		ys_pass(a, db->arn, region, "cluster %s can be rewound up to %.0f hours (backtracking)",
			db->id, window / 3600);
	else
		ys_fail(a, db->arn, region, "cluster %s cannot be rewound in place: backtracking is "
					    "off, so undoing a bad change means restoring a copy", db->id);
}

void ys_check_rds_cluster_backtrack(struct ys_audit *a)
{
	rds_each_cluster(a, backtrack_one);
}

/* RDS.15 */
static void multi_az_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	if (ys_bool(db->j, "MultiAZ") == 1)
		ys_pass(a, db->arn, region, "cluster %s has instances in more than one availability "
					    "zone", db->id);
	else
		ys_fail(a, db->arn, region, "cluster %s has its instances in one availability zone: "
					    "an outage there stops it, with no replica elsewhere to "
					    "take over", db->id);
}

void ys_check_rds_cluster_multi_az(struct ys_audit *a)
{
	rds_each_cluster(a, multi_az_one);
}

/* RDS.16 */
static void copy_tags_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	if (ys_bool(db->j, "CopyTagsToSnapshot") == 1)
		ys_pass(a, db->arn, region, "cluster %s copies its tags to its snapshots", db->id);
	else
		ys_fail(a, db->arn, region, "cluster %s does not copy its tags to its snapshots: "
					    "access rules and inventories that go by tags miss them",
			db->id);
}

void ys_check_rds_cluster_copy_tags(struct ys_audit *a)
{
	rds_each_cluster(a, copy_tags_one);
}

/* RDS.24 */
static void admin_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	rds_judge_admin(a, region, db, "cluster");
}

void ys_check_rds_cluster_admin_name(struct ys_audit *a)
{
	rds_each_cluster(a, admin_one);
}

/* RDS.27 */
static void encrypted_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	if (ys_bool(db->j, "StorageEncrypted") == 1)
		ys_pass(a, db->arn, region, "cluster %s is encrypted", db->id);
	else
		ys_fail(a, db->arn, region, "cluster %s (%s) is not encrypted at rest: nor are its "
					    "backups and snapshots", db->id, db->engine);
}

void ys_check_rds_cluster_encrypted(struct ys_audit *a)
{
	rds_each_cluster(a, encrypted_one);
}

/* RDS.35 */
static void minor_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	if (ys_bool(db->j, "AutoMinorVersionUpgrade") == 1)
		ys_pass(a, db->arn, region, "cluster %s takes minor upgrades", db->id);
	else
		ys_fail(a, db->arn, region, "cluster %s does not take minor version upgrades "
					    "(security fixes) by itself", db->id);
}

void ys_check_rds_cluster_minor_upgrade(struct ys_audit *a)
{
	rds_each_cluster(a, minor_one);
}

/* RDS.34 (Aurora MySQL: the audit log) and RDS.37 (Aurora PostgreSQL: the postgresql log);
 * want is the family the check is about */
static void logs_judge(struct ys_audit *a, const char *region, const struct rds_db *db,
		       enum rds_family want)
{
	static const char *const mysql[] = {"audit", NULL}, *const postgres[] = {"postgresql", NULL};
	const struct ys_jval *ex = ys_json_get(db->j, "EnabledCloudwatchLogsExports");
	char missing[64];

	if (!rds_is_aurora(db->engine) || rds_family(db->engine) != want)
		return;
	if (rds_logs_missing(ex, want == RDS_MYSQL ? mysql : postgres, missing, sizeof(missing)))
		ys_fail(a, db->arn, region, "cluster %s (%s) does not send its %s log to CloudWatch "
					    "Logs: %s", db->id, db->engine, missing,
			want == RDS_MYSQL ? "who connected and what they ran is not kept"
					  : "errors, slow queries and connections stay in the cluster");
	else
		ys_pass(a, db->arn, region, "cluster %s (%s) sends its %s log to CloudWatch Logs",
			db->id, db->engine, want == RDS_MYSQL ? "audit" : "postgresql");
}

static void audit_log_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	logs_judge(a, region, db, RDS_MYSQL);
}

static void pg_log_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	logs_judge(a, region, db, RDS_POSTGRES);
}

void ys_check_rds_cluster_audit_log(struct ys_audit *a)
{
	rds_each_cluster(a, audit_log_one);
}

void ys_check_rds_cluster_pg_log(struct ys_audit *a)
{
	rds_each_cluster(a, pg_log_one);
}
