/* checks-backup.c: Code Spaces' lesson: backups that the same account (and so the same stolen
 * credential) can delete are not backups. Vault Lock, and copies kept in another account */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../base/strbuf.h"
#include "../banned.h"

static void vault_one(struct ys_audit *a, const char *region, const struct ys_jval *v, void *ctx)
{
	const char *name = ys_str(v, "BackupVaultName"), *arn = ys_str(v, "BackupVaultArn");

	(void)ctx;
	ys_about(a, name);
	if (!strcmp(ys_str(v, "VaultType"), "LOGICALLY_AIR_GAPPED_BACKUP_VAULT"))
		ys_pass(a, arn, region, "vault %s is logically air-gapped (always locked)", name);
	else if (ys_bool(v, "Locked") == 1)
		ys_pass(a, arn, region, "vault %s is under Vault Lock (%.0f days at least)", name,
			ys_num(v, "MinRetentionDays") > 0 ? ys_num(v, "MinRetentionDays") : 0);
	else
		ys_fail(a, arn, region, "vault %s has no Vault Lock: whoever holds the account can "
					"delete its %.0f recovery points", name,
			ys_num(v, "NumberOfRecoveryPoints") > 0 ? ys_num(v, "NumberOfRecoveryPoints")
								 : 0);
	ys_about(a, NULL);
}

void ys_check_vault_lock(struct ys_audit *a)
{
	ys_each_item(a, "backup/list-backup-vaults", "BackupVaultList", vault_one, NULL);
}

struct copies {
	struct strbuf away; /* copies kept outside the account */
	size_t plans, vaults_seen;
	int read_any;
};

static void plan_region(struct ys_audit *a, const char *region, const struct ys_jval *root,
			void *ctx)
{
	struct copies *c = ctx;
	const struct ys_jval *plans = ys_json_get(root, "BackupPlansList"), *plan, *rules;
	char rel[128], acct[16];
	size_t i, j, k;

	c->read_any = 1;
	snprintf(rel, sizeof(rel), "%s/backup/get-backup-plan", region);
	for (i = 0; i < ys_count(plans); i++) {
		const char *id = ys_str(ys_item(plans, i), "BackupPlanId");

		c->plans++;
		if (!*id || !(plan = ys_need_x(a, rel, id, region, NULL, NULL)))
			continue;
		rules = ys_json_get(ys_json_get(plan, "BackupPlan"), "Rules");
		for (j = 0; j < ys_count(rules); j++) {
			const struct ys_jval *r = ys_item(rules, j), *ca = ys_json_get(r, "CopyActions");

			if (*ys_str(r, "TargetLogicallyAirGappedBackupVaultArn"))
				strbuf_addf(&c->away, "%splan %s copies to an air-gapped vault",
					    c->away.len ? "; " : "", ys_str(ys_item(plans, i),
									    "BackupPlanName"));
			for (k = 0; k < ys_count(ca); k++) {
				const char *dest = ys_str(ys_item(ca, k), "DestinationBackupVaultArn");

				if (*ys_arn_account(dest, acct) && strcmp(acct, a->account))
					strbuf_addf(&c->away, "%splan %s copies to account %s",
						    c->away.len ? "; " : "",
						    ys_str(ys_item(plans, i), "BackupPlanName"), acct);
			}
		}
	}
}

/* S3 replication rules whose destination is another account (read quietly: a bucket without
 * replication answers ReplicationConfigurationNotFoundError). */
static void replicas(struct ys_audit *a, struct copies *c)
{
	const struct ys_snap_file *lb = ys_snapshot_get(a->snap, "global/s3/list-buckets");
	const struct ys_jval *list = lb->status == YS_SNAP_OK ? ys_json_get(lb->root, "Buckets") : NULL;
	size_t i, j;

	for (i = 0; i < ys_count(list); i++) {
		const char *name = ys_str(ys_item(list, i), "Name");
		const struct ys_snap_file *f =
			ys_snapshot_get_res(a->snap, "global/s3/get-bucket-replication", name);
		const struct ys_jval *rules;

		if (f->status != YS_SNAP_OK)
			continue;
		rules = ys_json_get(ys_json_get(f->root, "ReplicationConfiguration"), "Rules");
		for (j = 0; j < ys_count(rules); j++) {
			const struct ys_jval *d = ys_json_get(ys_item(rules, j), "Destination");

			if (strcmp(ys_str(ys_item(rules, j), "Status"), "Enabled"))
				continue;
			if (*ys_str(d, "Account") && strcmp(ys_str(d, "Account"), a->account))
				strbuf_addf(&c->away, "%sbucket %s replicates to account %s",
					    c->away.len ? "; " : "", name, ys_str(d, "Account"));
		}
	}
}

void ys_check_backup_elsewhere(struct ys_audit *a)
{
	struct copies c = {STRBUF_INIT, 0, 0, 0};

	ys_each_region(a, "backup/list-backup-plans", plan_region, &c);
	replicas(a, &c);
	if (c.away.len)
		ys_pass(a, NULL, NULL, "backups leave the account: %s", c.away.buf);
	else if (c.read_any)
		ys_fail(a, NULL, NULL, "every backup the snapshot shows (%zu backup plan%s, S3 "
				       "replicas) stays in this account: one stolen admin credential "
				       "deletes data and backups together", c.plans,
			c.plans == 1 ? "" : "s");
	strbuf_release(&c.away);
}
