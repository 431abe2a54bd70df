/* checks-routes.c: where the network's routes lead: databases in subnets whose route table sends
 * the internet's traffic to an internet gateway (RDS.46), and transit gateways that accept any
 * VPC shared with them (EC2.23) */
#include <stdio.h>
#include <string.h>
#include "rds.h"
#include "../banned.h"

/* The route table a subnet uses: its own association, else its VPC's main table; or NULL. */
static const struct ys_jval *table_of(const struct ys_jval *tables, const char *subnet,
				      const char *vpc)
{
	const struct ys_jval *main_table = NULL;
	size_t i, k;

	for (i = 0; i < ys_count(tables); i++) {
		const struct ys_jval *t = ys_item(tables, i), *as = ys_json_get(t, "Associations");

		for (k = 0; k < ys_count(as); k++) {
			const struct ys_jval *x = ys_item(as, k);

			if (!strcmp(ys_str(x, "SubnetId"), subnet))
				return t;
			if (ys_bool(x, "Main") == 1 && !strcmp(ys_str(t, "VpcId"), vpc))
				main_table = t;
		}
	}
	return main_table;
}

/* The internet gateway a table sends 0.0.0.0/0 or ::/0 to, or NULL. */
static const char *internet_route(const struct ys_jval *table)
{
	const struct ys_jval *routes = ys_json_get(table, "Routes");
	size_t i;

	for (i = 0; i < ys_count(routes); i++) {
		const struct ys_jval *r = ys_item(routes, i);
		const char *gw = ys_str(r, "GatewayId");

		if (strncmp(gw, "igw-", 4) || !strcmp(ys_str(r, "State"), "blackhole"))
			continue;
		if (!strcmp(ys_str(r, "DestinationCidrBlock"), "0.0.0.0/0") ||
		    !strcmp(ys_str(r, "DestinationIpv6CidrBlock"), "::/0"))
			return gw;
	}
	return NULL;
}

static void db_routes(struct ys_audit *a, const char *region, const struct rds_db *db)
{
	const struct ys_jval *group = ys_json_get(db->j, "DBSubnetGroup");
	const struct ys_jval *subnets = ys_json_get(group, "Subnets"), *rt, *tables;
	const char *vpc = ys_str(group, "VpcId");
	char rel[64];
	size_t i;

	if (!ys_count(subnets)) {
		ys_emit(a, YS_F_SKIP, db->arn, region,
			"database %s: the snapshot lists no subnet group for it, so where its network "
			"leads is not known", db->id);
		return;
	}
	snprintf(rel, sizeof(rel), "%s/ec2/describe-route-tables", region);
	if (!(rt = ys_need(a, rel, region)))
		return;
	tables = ys_json_get(rt, "RouteTables");
	for (i = 0; i < ys_count(subnets); i++) {
		const char *subnet = ys_str(ys_item(subnets, i), "SubnetIdentifier"), *igw;
		const struct ys_jval *t = table_of(tables, subnet, vpc);

		if (t && (igw = internet_route(t))) {
			ys_fail(a, db->arn, region,
				"database %s can be placed in subnet %s, whose route table %s sends the "
				"internet's traffic to internet gateway %s: one setting (publicly "
				"accessible) away from being reachable from anywhere",
				db->id, subnet, ys_str(t, "RouteTableId"), igw);
			return;
		}
	}
	ys_pass(a, db->arn, region,
		"database %s's %zu subnet%s route%s nothing to an internet gateway", db->id,
		ys_count(subnets), ys_count(subnets) == 1 ? "" : "s", ys_count(subnets) == 1 ? "s" : "");
}

void ys_check_rds_public_subnet(struct ys_audit *a)
{
	rds_each_instance(a, db_routes, RDS_ALL);
}

static void tgw_one(struct ys_audit *a, const char *region, const struct ys_jval *g, void *ctx)
{
	const char *id = ys_str(g, "TransitGatewayId"), *arn = ys_str(g, "TransitGatewayArn");
	const char *state = ys_str(g, "State");

	(void)ctx;
	if (!strcmp(state, "deleted") || !strcmp(state, "deleting"))
		return;
	ys_about(a, id);
	if (!strcmp(ys_str(ys_json_get(g, "Options"), "AutoAcceptSharedAttachments"), "enable"))
		ys_fail(a, arn, region,
			"transit gateway %s accepts every VPC attachment shared with it without asking: "
			"any account it is shared with joins its network to yours", id);
	else
		ys_pass(a, arn, region, "transit gateway %s asks before it accepts a VPC attachment",
			id);
	ys_about(a, NULL);
}

void ys_check_tgw_auto_accept(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-transit-gateways", "TransitGateways", tgw_one, NULL);
}
