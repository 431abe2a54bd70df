/* rds.h: the RDS checks' walk over DB instances and clusters (Neptune and DocumentDB, which
 * the same calls list, left out) and what they know of each engine family */
#ifndef YS_RDS_H
#define YS_RDS_H

#include "check-api.h"

/* One DB instance or cluster, as a check judges it. */
struct rds_db {
	const char *id;	     /* DBInstanceIdentifier or DBClusterIdentifier */
	const char *arn;     /* its ARN (made from the region when the CLI printed none) */
	const char *engine;  /* "postgres", "aurora-mysql"... */
	const char *cluster; /* an instance's cluster, or NULL */
	const struct ys_jval *j;
};

typedef void (*rds_judge)(struct ys_audit *a, const char *region, const struct rds_db *db);

enum {
	RDS_ALL = 0,
	RDS_NO_MEMBERS = 1,  /* leave out instances of a cluster: the cluster's settings rule them */
	RDS_NO_REPLICAS = 2, /* leave out read replicas: their source's settings rule them */
};

/* Calls fn with each DB instance of every region (flags: RDS_NO_*), ys_about naming it. */
void rds_each_instance(struct ys_audit *a, rds_judge fn, int flags);
/* Calls fn with each DB cluster of every region, ys_about naming it. */
void rds_each_cluster(struct ys_audit *a, rds_judge fn);

enum rds_family { RDS_MYSQL, RDS_MARIADB, RDS_POSTGRES, RDS_ORACLE, RDS_SQLSERVER, RDS_DB2, RDS_OTHER };

/* The family of an engine ("aurora-mysql" is RDS_MYSQL, "oracle-ee-cdb" RDS_ORACLE...). */
enum rds_family rds_family(const char *engine);
/* 1 for Aurora's engines ("aurora", "aurora-mysql", "aurora-postgresql") */
int rds_is_aurora(const char *engine);
/* 1 for the engines RDS lists beside its own but judged by other services' controls */
int rds_not_rds(const char *engine);
/* The engine family's default port, or 0 */
int rds_default_port(enum rds_family f);

/* RDS.24 and RDS.25: fails a database ("database") or cluster whose administrator has the
 * engine's default name */
void rds_judge_admin(struct ys_audit *a, const char *region, const struct rds_db *db,
		     const char *what);

/* Which of the NULL-terminated log types want are missing from a list of log exports
 * (EnabledCloudwatchLogsExports): "audit, general and slowquery" into out; returns how many. */
int rds_logs_missing(const struct ys_jval *exports, const char *const *want, char *out, size_t n);

#endif
