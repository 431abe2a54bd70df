/* checks-elasticache.c: ElastiCache clusters and Redis OSS / Valkey replication groups keep
 * backups, take minor upgrades, fail over, encrypt at rest and in transit, ask for a password,
 * and live in a subnet group of their own */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

/* Whether a cluster's or group's engine is Redis OSS or Valkey (Memcached has no backups, no
 * replication groups, no AUTH); groups without Engine (older answers) are Redis. */
static int redis_like(const struct ys_jval *v)
{
	const char *e = ys_str(v, "Engine");

	return !*e || !strcmp(e, "redis") || !strcmp(e, "valkey");
}

/* ElastiCache.1: automatic backups, for replication groups and lone Redis clusters. */
static void backup_verdict(struct ys_audit *a, const char *region, const char *what,
			   const char *name, const char *arn, const struct ys_jval *v)
{
	double days = ys_num(v, "SnapshotRetentionLimit");

	ys_about(a, name);
	if (days >= 1)
		ys_pass(a, arn, region, "%s %s keeps automatic backups for %.0f day%s", what, name,
			days, days == 1 ? "" : "s");
	else
		ys_fail(a, arn, region, "%s %s takes no automatic backup: a bad write, a flush or a "
					"lost node loses its data for good", what, name);
	ys_about(a, NULL);
}

static void backup_group(struct ys_audit *a, const char *region, const struct ys_jval *g, void *ctx)
{
	(void)ctx;
	if (redis_like(g))
		backup_verdict(a, region, "replication group", ys_str(g, "ReplicationGroupId"),
			       ys_str(g, "ARN"), g);
}

static void backup_cluster(struct ys_audit *a, const char *region, const struct ys_jval *c,
			   void *ctx)
{
	(void)ctx;
	if (!*ys_str(c, "ReplicationGroupId") && redis_like(c) && *ys_str(c, "Engine"))
		backup_verdict(a, region, "cluster", ys_str(c, "CacheClusterId"), ys_str(c, "ARN"),
			       c);
}

void ys_check_elasticache_backup(struct ys_audit *a)
{
	ys_each_item(a, "elasticache/describe-replication-groups", "ReplicationGroups",
		     backup_group, NULL);
	ys_each_item(a, "elasticache/describe-cache-clusters", "CacheClusters", backup_cluster,
		     NULL);
}

/* ElastiCache.2: automatic minor version upgrades, for every cluster. */
static void upgrade_cluster(struct ys_audit *a, const char *region, const struct ys_jval *c,
			    void *ctx)
{
	const char *name = ys_str(c, "CacheClusterId"), *arn = ys_str(c, "ARN");
	const char *eng = ys_str(c, "Engine"), *ver = ys_str(c, "EngineVersion");

	(void)ctx;
	ys_about(a, name);
	if (ys_bool(c, "AutoMinorVersionUpgrade") == 1)
		ys_pass(a, arn, region, "cluster %s (%s %s) takes minor version upgrades by itself",
			name, eng, ver);
	else
		ys_fail(a, arn, region, "cluster %s stays on %s %s: the minor versions that fix "
					"security flaws are not applied", name, eng, ver);
	ys_about(a, NULL);
}

void ys_check_elasticache_minor_upgrades(struct ys_audit *a)
{
	ys_each_item(a, "elasticache/describe-cache-clusters", "CacheClusters", upgrade_cluster,
		     NULL);
}

/* ElastiCache.7: no cluster in the default subnet group. */
static void subnet_cluster(struct ys_audit *a, const char *region, const struct ys_jval *c,
			   void *ctx)
{
	const char *name = ys_str(c, "CacheClusterId"), *arn = ys_str(c, "ARN");
	const char *sg = ys_str(c, "CacheSubnetGroupName");

	(void)ctx;
	if (!*sg)
		return;
	ys_about(a, name);
	if (!strcmp(sg, "default"))
		ys_fail(a, arn, region, "cluster %s is in the default subnet group, which takes every "
					"subnet of the default VPC, public ones included", name);
	else
		ys_pass(a, arn, region, "cluster %s is in subnet group %s", name, sg);
	ys_about(a, NULL);
}

void ys_check_elasticache_default_subnet(struct ys_audit *a)
{
	ys_each_item(a, "elasticache/describe-cache-clusters", "CacheClusters", subnet_cluster,
		     NULL);
}

/* The replication-group checks: each Redis OSS / Valkey group, with its region's clusters (for
 * the engine version, which only the member clusters tell). */
typedef void (*group_fn)(struct ys_audit *a, const char *region, const char *name,
			 const char *arn, const struct ys_jval *g);

static void group_one(struct ys_audit *a, const char *region, const struct ys_jval *g, void *ctx)
{
	group_fn fn = *(group_fn *)ctx;
	const char *name = ys_str(g, "ReplicationGroupId");

	if (!redis_like(g))
		return;
	ys_about(a, name);
	fn(a, region, name, ys_str(g, "ARN"), g);
	ys_about(a, NULL);
}

static void each_group(struct ys_audit *a, group_fn fn)
{
	ys_each_item(a, "elasticache/describe-replication-groups", "ReplicationGroups", group_one,
		     &fn);
}

/* ElastiCache.3 */
static void failover_group(struct ys_audit *a, const char *region, const char *name,
			   const char *arn, const struct ys_jval *g)
{
	const char *af = ys_str(g, "AutomaticFailover");

	if (!strcmp(af, "enabled") || !strcmp(af, "enabling"))
		ys_pass(a, arn, region, "replication group %s fails over to a replica by itself",
			name);
	else
		ys_fail(a, arn, region, "replication group %s has no automatic failover: when its "
					"primary node fails, writes stop until someone steps in",
			name);
}

void ys_check_elasticache_failover(struct ys_audit *a)
{
	each_group(a, failover_group);
}

/* ElastiCache.4 */
static void at_rest_group(struct ys_audit *a, const char *region, const char *name,
			  const char *arn, const struct ys_jval *g)
{
	if (ys_bool(g, "AtRestEncryptionEnabled") == 1)
		ys_pass(a, arn, region, "replication group %s is encrypted at rest%s%s", name,
			*ys_str(g, "KmsKeyId") ? " with KMS key " : "", ys_str(g, "KmsKeyId"));
	else
		ys_fail(a, arn, region, "replication group %s keeps its data, backups and swap "
					"unencrypted on disk", name);
}

void ys_check_elasticache_at_rest(struct ys_audit *a)
{
	each_group(a, at_rest_group);
}

/* ElastiCache.5 */
static void in_transit_group(struct ys_audit *a, const char *region, const char *name,
			     const char *arn, const struct ys_jval *g)
{
	const char *mode = ys_str(g, "TransitEncryptionMode");

	if (ys_bool(g, "TransitEncryptionEnabled") != 1)
		ys_fail(a, arn, region, "replication group %s talks to its clients in clear: "
					"whoever sees the traffic reads the data and the password",
			name);
	else if (!strcmp(mode, "preferred"))
		ys_fail(a, arn, region, "replication group %s accepts TLS but still takes "
					"unencrypted connections (transit encryption mode "
					"preferred)", name);
	else
		ys_pass(a, arn, region, "replication group %s accepts only TLS connections", name);
}

void ys_check_elasticache_in_transit(struct ys_audit *a)
{
	each_group(a, in_transit_group);
}

/* ElastiCache.6: the engine version of a group's first member cluster, from the region's
 * describe-cache-clusters, into out[n] ("" when unknown). */
static void group_version(struct ys_audit *a, const char *region, const struct ys_jval *g,
			  char *out, size_t n)
{
	const struct ys_jval *members = ys_json_get(g, "MemberClusters"), *list;
	const struct ys_snap_file *f;
	const char *first = members && members->type == YS_J_ARRAY && members->len ?
				    ys_json_str(&members->u.items[0]) : NULL;
	char rel[128];
	size_t i;

	out[0] = '\0';
	snprintf(rel, sizeof(rel), "%s/elasticache/describe-cache-clusters", region);
	f = ys_snapshot_get(a->snap, rel);
	if (!first || !f || !f->root)
		return;
	list = ys_json_get(f->root, "CacheClusters");
	for (i = 0; i < ys_count(list); i++)
		if (!strcmp(ys_str(ys_item(list, i), "CacheClusterId"), first)) {
			snprintf(out, n, "%s", ys_str(ys_item(list, i), "EngineVersion"));
			return;
		}
}

static void auth_group(struct ys_audit *a, const char *region, const char *name,
		       const char *arn, const struct ys_jval *g)
{
	const struct ys_jval *ug = ys_json_get(g, "UserGroupIds");
	char ver[32], vw[48] = "";

	group_version(a, region, g, ver, sizeof(ver));
	if (*ver)
		snprintf(vw, sizeof(vw), " (version %s)", ver);
	if (ys_bool(g, "AuthTokenEnabled") == 1)
		ys_pass(a, arn, region, "replication group %s%s asks clients for an AUTH token", name,
			vw);
	else if (ys_count(ug))
		ys_pass(a, arn, region, "replication group %s%s signs clients in through user group "
					"%s (RBAC)", name, vw, ys_json_str(&ug->u.items[0]) ?
					ys_json_str(&ug->u.items[0]) : "");
	else if (*ver && strtol(ver, NULL, 10) >= 6)
		ys_fail(a, arn, region, "replication group %s%s has neither an AUTH token nor a user "
					"group: its default user has no password, so whoever "
					"reaches its port reads and writes every key", name, vw);
	else
		ys_fail(a, arn, region, "replication group %s%s asks no password (Redis AUTH is "
					"off): whoever reaches its port reads and writes every key",
			name, vw);
}

void ys_check_elasticache_auth(struct ys_audit *a)
{
	each_group(a, auth_group);
}
