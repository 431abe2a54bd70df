/* checks-dynamodb.c: DynamoDB tables scale with demand (on-demand billing; provisioned
 * capacity's scaling is Application Auto Scaling's, not collected), keep point-in-time
 * recovery, and cannot be deleted in one call */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

typedef void (*table_judge)(struct ys_audit *a, const char *region, const char *name,
			    const char *arn);

/* Calls judge with each table of a region's list-tables, ys_about naming it. */
static void tables_of(struct ys_audit *a, const char *region, const struct ys_jval *root,
		      void *ctx)
{
	const struct ys_jval *names = ys_json_get(root, "TableNames");
	table_judge judge = *(const table_judge *)ctx;
	char arn[320];
	size_t i;

	for (i = 0; names && names->type == YS_J_ARRAY && i < names->len; i++) {
		const char *name = ys_json_str(&names->u.items[i]);

		if (!name || !*name)
			continue;
		snprintf(arn, sizeof(arn), "arn:aws:dynamodb:%s:%s:table/%s", region, a->account,
			 name);
		ys_about(a, name);
		judge(a, region, name, arn);
		ys_about(a, NULL);
	}
}

static void each_table(struct ys_audit *a, table_judge judge)
{
	ys_each_region(a, "dynamodb/list-tables", tables_of, &judge);
}

/* A table's describe-table "Table", or NULL (after a finding, or none when the table went away
 * since it was listed) */
static const struct ys_jval *describe(struct ys_audit *a, const char *region, const char *name,
				      const char *arn)
{
	const struct ys_jval *root, *t;
	char rel[128], msg[512];
	int gone = 0;

	snprintf(rel, sizeof(rel), "%s/dynamodb/describe-table", region);
	if (!(root = ys_need_x(a, rel, name, region, "ResourceNotFoundException", &gone)))
		return NULL;
	if (!(t = ys_json_get(root, "Table")) || t->type != YS_J_OBJECT) {
		ys_emit(a, YS_F_ERROR, arn, region, "%s",
			ys_bad_file(a, rel, name, "no Table object", msg, sizeof(msg)));
		return NULL;
	}
	return t;
}

/* DynamoDB.1 */
static void scaling_one(struct ys_audit *a, const char *region, const char *name, const char *arn)
{
	const struct ys_jval *t = describe(a, region, name, arn);
	const struct ys_jval *pt = ys_json_get(t, "ProvisionedThroughput");

	if (!t)
		return;
	if (!strcmp(ys_str(ys_json_get(t, "BillingModeSummary"), "BillingMode"), "PAY_PER_REQUEST"))
		ys_pass(a, arn, region, "table %s is on-demand: its capacity follows demand by itself",
			name);
	else
		ys_emit(a, YS_F_SKIP, arn, region,
			"table %s has provisioned capacity (%.0f reads, %.0f writes a second): whether "
			"it scales is Application Auto Scaling's, which the snapshot does not hold "
			"(application-autoscaling describe-scalable-targets --service-namespace dynamodb)",
			name, ys_num(pt, "ReadCapacityUnits"), ys_num(pt, "WriteCapacityUnits"));
}

void ys_check_dynamodb_autoscaling(struct ys_audit *a)
{
	each_table(a, scaling_one);
}

/* DynamoDB.2 */
static void pitr_one(struct ys_audit *a, const char *region, const char *name, const char *arn)
{
	const struct ys_jval *root, *d;
	char rel[128], msg[512];
	int gone = 0;

	snprintf(rel, sizeof(rel), "%s/dynamodb/describe-continuous-backups", region);
	if (!(root = ys_need_x(a, rel, name, region, "TableNotFoundException", &gone)))
		return;
	d = ys_json_get(ys_json_get(root, "ContinuousBackupsDescription"),
			"PointInTimeRecoveryDescription");
	if (!*ys_str(d, "PointInTimeRecoveryStatus"))
		ys_emit(a, YS_F_ERROR, arn, region, "%s",
			ys_bad_file(a, rel, name, "no PointInTimeRecoveryStatus", msg, sizeof(msg)));
	else if (!strcmp(ys_str(d, "PointInTimeRecoveryStatus"), "ENABLED"))
		ys_pass(a, arn, region, "table %s keeps point-in-time recovery: it can be restored "
					"to any second of the last %.0f days", name,
			ys_num(d, "RecoveryPeriodInDays") > 0 ? ys_num(d, "RecoveryPeriodInDays") : 35);
	else
		ys_fail(a, arn, region, "table %s has no point-in-time recovery: an item deleted or "
					"overwritten by mistake or by an intruder is gone", name);
}

void ys_check_dynamodb_pitr(struct ys_audit *a)
{
	each_table(a, pitr_one);
}

/* DynamoDB.6 */
static void deletion_one(struct ys_audit *a, const char *region, const char *name, const char *arn)
{
	const struct ys_jval *t = describe(a, region, name, arn);

	if (!t)
		return;
	if (ys_bool(t, "DeletionProtectionEnabled") == 1)
		ys_pass(a, arn, region, "table %s has deletion protection", name);
	else
		ys_fail(a, arn, region, "table %s can be deleted in one call: deletion protection is "
					"off", name);
}

void ys_check_dynamodb_deletion_protection(struct ys_audit *a)
{
	each_table(a, deletion_one);
}
