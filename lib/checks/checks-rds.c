/* checks-rds.c: FSBP's controls of RDS DB instances (standby, monitoring, deletion protection,
 * logs, IAM authentication, backups, tags, port, administrator name), and the walk over
 * instances and clusters that the RDS checks share (rds.h) */
#include <stdio.h>
#include <string.h>
#include "rds.h"
#include "../banned.h"

struct walk {
	rds_judge fn;
	int flags;
	const char *kind; /* "db" or "cluster", in a made-up ARN */
};

static void walk_one(struct ys_audit *a, const char *region, const struct ys_jval *j, void *ctx)
{
	const struct walk *w = ctx;
	int cluster = !strcmp(w->kind, "cluster");
	struct rds_db db = {
		.id = ys_str(j, cluster ? "DBClusterIdentifier" : "DBInstanceIdentifier"),
		.arn = ys_str(j, cluster ? "DBClusterArn" : "DBInstanceArn"),
		.engine = ys_str(j, "Engine"),
		.cluster = cluster ? NULL : ys_str(j, "DBClusterIdentifier"),
		.j = j,
	};
	char made[320];

	if (db.cluster && !*db.cluster)
		db.cluster = NULL;
	if (rds_not_rds(db.engine) || ((w->flags & RDS_NO_MEMBERS) && db.cluster) ||
	    ((w->flags & RDS_NO_REPLICAS) && *ys_str(j, "ReadReplicaSourceDBInstanceIdentifier")))
		return;
	if (!*db.arn) {
		snprintf(made, sizeof(made), "arn:aws:rds:%s:%s:%s:%s", region, a->account, w->kind,
			 db.id);
		db.arn = made;
	}
	ys_about(a, db.id);
	w->fn(a, region, &db);
	ys_about(a, NULL);
}

void rds_each_instance(struct ys_audit *a, rds_judge fn, int flags)
{
	struct walk w = {fn, flags, "db"};

	ys_each_item(a, "rds/describe-db-instances", "DBInstances", walk_one, &w);
}

void rds_each_cluster(struct ys_audit *a, rds_judge fn)
{
	struct walk w = {fn, 0, "cluster"};

	ys_each_item(a, "rds/describe-db-clusters", "DBClusters", walk_one, &w);
}

enum rds_family rds_family(const char *e)
{
	if (!strncmp(e, "custom-", 7))
		e += 7;
	if (!strcmp(e, "mysql") || !strcmp(e, "aurora") || !strcmp(e, "aurora-mysql"))
		return RDS_MYSQL;
	if (!strcmp(e, "mariadb"))
		return RDS_MARIADB;
	if (!strcmp(e, "postgres") || !strcmp(e, "aurora-postgresql"))
		return RDS_POSTGRES;
	if (!strncmp(e, "oracle", 6))
		return RDS_ORACLE;
	if (!strncmp(e, "sqlserver", 9))
		return RDS_SQLSERVER;
	if (!strncmp(e, "db2", 3))
		return RDS_DB2;
	return RDS_OTHER;
}

int rds_is_aurora(const char *engine)
{
	return !strncmp(engine, "aurora", 6);
}

int rds_not_rds(const char *engine)
{
	return !strcmp(engine, "neptune") || !strcmp(engine, "docdb");
}

int rds_default_port(enum rds_family f)
{
	static const int port[] = {
		[RDS_MYSQL] = 3306,  [RDS_MARIADB] = 3306,   [RDS_POSTGRES] = 5432,
		[RDS_ORACLE] = 1521, [RDS_SQLSERVER] = 1433, [RDS_DB2] = 50000,
	};

	return f < RDS_OTHER ? port[f] : 0;
}

static int has_export(const struct ys_jval *exports, const char *name)
{
	size_t i;

	for (i = 0; exports && exports->type == YS_J_ARRAY && i < exports->len; i++) {
		const char *s = ys_json_str(&exports->u.items[i]);

		if (s && !strcmp(s, name))
			return 1;
	}
	return 0;
}

int rds_logs_missing(const struct ys_jval *exports, const char *const *want, char *out, size_t n)
{
	const char *const *w;
	size_t len = 0;
	int missing = 0, k = 0;

	for (w = want; *w; w++)
		missing += !has_export(exports, *w);
	out[0] = '\0';
	for (w = want; *w; w++) {
		if (has_export(exports, *w))
			continue;
		k++;
		if (len < n)
			len += (size_t)snprintf(out + len, n - len, "%s%s",
						k == 1 ? "" : k == missing ? " and " : ", ", *w);
	}
	return missing;
}

/* RDS.5: a standby in a second availability zone */
static void multi_az_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	if (ys_bool(db->j, "MultiAZ") == 1)
		ys_pass(a, db->arn, region, "database %s keeps a standby in a second availability "
					    "zone (multi-AZ)", db->id);
	else
		ys_fail(a, db->arn, region, "database %s runs in one availability zone (%s) with no "
					    "standby: an outage there stops it",
			db->id, *ys_str(db->j, "AvailabilityZone") ? ys_str(db->j, "AvailabilityZone")
								   : "unnamed");
}

void ys_check_rds_multi_az(struct ys_audit *a)
{
	rds_each_instance(a, multi_az_one, RDS_NO_MEMBERS);
}

/* RDS.6: enhanced monitoring (every instance, Aurora's too: it is set per instance) */
static void monitoring_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	double every = ys_num(db->j, "MonitoringInterval");

	if (every > 0)
		ys_pass(a, db->arn, region, "database %s sends enhanced monitoring every %.0f seconds",
			db->id, every);
	else
		ys_fail(a, db->arn, region, "database %s has no enhanced monitoring: its operating "
					    "system's processes, memory and CPU are not recorded", db->id);
}

void ys_check_rds_enhanced_monitoring(struct ys_audit *a)
{
	rds_each_instance(a, monitoring_one, RDS_ALL);
}

/* RDS.8: deletion protection (an Aurora instance's is its cluster's: RDS.7) */
static void deletion_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	if (ys_bool(db->j, "DeletionProtection") == 1)
		ys_pass(a, db->arn, region, "database %s has deletion protection", db->id);
	else
		ys_fail(a, db->arn, region, "database %s can be deleted in one call: deletion "
					    "protection is off", db->id);
}

void ys_check_rds_instance_deletion_protection(struct ys_audit *a)
{
	rds_each_instance(a, deletion_one, RDS_NO_MEMBERS);
}

/* RDS.9: the logs Security Hub asks of each engine go to CloudWatch Logs */
static void logs_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	static const char *const mysql[] = {"audit", "error", "general", "slowquery", NULL};
	static const char *const postgres[] = {"postgresql", "upgrade", NULL};
	static const char *const oracle[] = {"alert", "audit", "trace", "listener", NULL};
	static const char *const sqlserver[] = {"error", "agent", NULL};
	static const char *const *const want[] = {
		[RDS_MYSQL] = mysql,   [RDS_MARIADB] = mysql,	  [RDS_POSTGRES] = postgres,
		[RDS_ORACLE] = oracle, [RDS_SQLSERVER] = sqlserver,
	};
	const struct ys_jval *ex = ys_json_get(db->j, "EnabledCloudwatchLogsExports");
	enum rds_family f = rds_family(db->engine);
	char missing[160];

	if (f >= RDS_DB2) { /* no list of Security Hub's: any log counts */
		if (ex && ex->type == YS_J_ARRAY && ex->len)
			ys_pass(a, db->arn, region, "database %s (%s) sends logs to CloudWatch Logs",
				db->id, db->engine);
		else
			ys_fail(a, db->arn, region, "database %s (%s) sends no log to CloudWatch Logs",
				db->id, db->engine);
		return;
	}
	if (!rds_logs_missing(ex, want[f], missing, sizeof(missing))) {
		rds_logs_missing(NULL, want[f], missing, sizeof(missing)); /* all of them */
		ys_pass(a, db->arn, region, "database %s (%s) sends its logs (%s) to CloudWatch Logs",
			db->id, db->engine, missing);
	} else if (!ex || ex->type != YS_J_ARRAY || !ex->len) {
		ys_fail(a, db->arn, region, "database %s (%s) sends none of its logs (%s) to "
					    "CloudWatch Logs: they stay on the instance, for days",
			db->id, db->engine, missing);
	} else {
		ys_fail(a, db->arn, region, "database %s (%s) does not send its %s log%s to "
					    "CloudWatch Logs", db->id, db->engine, missing,
			strchr(missing, ',') ? "s" : "");
	}
}

void ys_check_rds_instance_logs(struct ys_audit *a)
{
	rds_each_instance(a, logs_one, RDS_NO_MEMBERS);
}

/* RDS.10: IAM authentication, on the engines that have it */
static void iam_auth_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	enum rds_family f = rds_family(db->engine);

	if (f != RDS_MYSQL && f != RDS_MARIADB && f != RDS_POSTGRES)
		return; /* the engine has no IAM authentication */
	if (ys_bool(db->j, "IAMDatabaseAuthenticationEnabled") == 1)
		ys_pass(a, db->arn, region, "database %s accepts IAM authentication", db->id);
	else
		ys_fail(a, db->arn, region, "database %s accepts only its own passwords: IAM "
					    "authentication is off", db->id);
}

void ys_check_rds_instance_iam_auth(struct ys_audit *a)
{
	rds_each_instance(a, iam_auth_one, RDS_NO_MEMBERS);
}

/* RDS.11: automated backups kept 7 days or more (a replica's are its source's) */
static void backup_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	double days = ys_num(db->j, "BackupRetentionPeriod");

	if (days >= 7)
		ys_pass(a, db->arn, region, "database %s keeps automated backups for %.0f days",
			db->id, days);
	else if (days > 0)
		ys_fail(a, db->arn, region, "database %s keeps automated backups for only %.0f "
					    "day%s (fewer than 7): damage noticed later cannot be undone",
			db->id, days, days == 1 ? "" : "s");
	else
		ys_fail(a, db->arn, region, "database %s takes no automated backups: it cannot be "
					    "restored to an earlier time", db->id);
}

void ys_check_rds_instance_backup(struct ys_audit *a)
{
	rds_each_instance(a, backup_one, RDS_NO_MEMBERS | RDS_NO_REPLICAS);
}

/* RDS.17: snapshots get the instance's tags */
static void copy_tags_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	if (ys_bool(db->j, "CopyTagsToSnapshot") == 1)
		ys_pass(a, db->arn, region, "database %s copies its tags to its snapshots", db->id);
	else
		ys_fail(a, db->arn, region, "database %s does not copy its tags to its snapshots: "
					    "access rules and inventories that go by tags miss them",
			db->id);
}

void ys_check_rds_instance_copy_tags(struct ys_audit *a)
{
	rds_each_instance(a, copy_tags_one, RDS_NO_MEMBERS);
}

/* RDS.23: not the engine's default port, for instances (an Aurora instance's port is its
 * cluster's) and clusters */
static void port_judge(struct ys_audit *a, const char *region, const struct rds_db *db,
		       const char *what, double port)
{
	int def = rds_default_port(rds_family(db->engine));

	if (!def || port < 0)
		return; /* an engine without a known default, or no port yet (being created) */
	if ((int)port == def)
		ys_fail(a, db->arn, region, "%s %s (%s) listens on %d, its engine's default port: "
					    "the first one scanners try", what, db->id, db->engine, def);
	else
		ys_pass(a, db->arn, region, "%s %s listens on %.0f, not its engine's default %d",
			what, db->id, port, def);
}

static void port_instance(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	port_judge(a, region, db, "database", ys_num(ys_json_get(db->j, "Endpoint"), "Port"));
}

static void port_cluster(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	port_judge(a, region, db, "cluster", ys_num(db->j, "Port"));
}

void ys_check_rds_default_port(struct ys_audit *a)
{
	rds_each_instance(a, port_instance, RDS_NO_MEMBERS);
	rds_each_cluster(a, port_cluster);
}

/* RDS.24 and RDS.25: the administrator is not called what every guesser tries first */
void rds_judge_admin(struct ys_audit *a, const char *region, const struct rds_db *db,
		     const char *what)
{
	const char *user = ys_str(db->j, "MasterUsername");

	if (!*user)
		return; /* the CLI prints none for a replica */
	if (!strcmp(user, "admin") || !strcmp(user, "postgres"))
		ys_fail(a, db->arn, region, "the administrator of %s %s is called '%s', the engine's "
					    "default and the first name password guessers try",
			what, db->id, user);
	else
		ys_pass(a, db->arn, region, "the administrator of %s %s has a name of its own ('%s')",
			what, db->id, user);
}

static void admin_one(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	rds_judge_admin(a, region, db, "database");
}

void ys_check_rds_instance_admin_name(struct ys_audit *a)
{
	rds_each_instance(a, admin_one, RDS_NO_MEMBERS);
}
