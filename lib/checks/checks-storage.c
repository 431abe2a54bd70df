/* checks-storage.c: encryption and exposure of block, database and file storage (EBS, RDS, EFS)
 * in every region */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

static void ebs_default_one(struct ys_audit *a, const char *region, const struct ys_jval *root,
			    void *ctx)
{
	(void)ctx;
	if (ys_bool(root, "EbsEncryptionByDefault") == 1)
		ys_pass(a, NULL, region, "new EBS volumes in %s are encrypted by default", region);
	else
		ys_fail(a, NULL, region, "new EBS volumes in %s are not encrypted by default", region);
}

void ys_check_ebs_default_encryption(struct ys_audit *a)
{
	ys_each_region(a, "ec2/get-ebs-encryption-by-default", ebs_default_one, NULL);
}

/* One resource's encryption at rest: what is "volume", "file system"... */
static void judge_encrypted(struct ys_audit *a, const char *arn, const char *region,
			    const char *what, const char *id, int on)
{
	if (on)
		ys_pass(a, arn, region, "%s %s is encrypted", what, id);
	else
		ys_fail(a, arn, region, "%s %s is not encrypted at rest", what, id);
}

static void volume_one(struct ys_audit *a, const char *region, const struct ys_jval *v, void *ctx)
{
	const char *id = ys_str(v, "VolumeId");
	char arn[256];

	(void)ctx;
	snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:volume/%s", region, a->account, id);
	judge_encrypted(a, arn, region, "volume", id, ys_bool(v, "Encrypted") == 1);
}

void ys_check_ebs_volume_encrypted(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-volumes", "Volumes", volume_one, NULL);
}

/* RDS: one of three properties of each DB instance; ctx names which. */
enum rds_prop { RDS_ENCRYPTED, RDS_MINOR_UPGRADE, RDS_PRIVATE };

static void rds_one(struct ys_audit *a, const char *region, const struct ys_jval *db, void *ctx)
{
	enum rds_prop p = *(const enum rds_prop *)ctx;
	const char *id = ys_str(db, "DBInstanceIdentifier"), *arn = ys_str(db, "DBInstanceArn");
	char fallback[256];

	if (!*arn) {
		snprintf(fallback, sizeof(fallback), "arn:aws:rds:%s:%s:db:%s", region, a->account, id);
		arn = fallback;
	}
	ys_about(a, id);
	if (p == RDS_ENCRYPTED) {
		if (ys_bool(db, "StorageEncrypted") == 1)
			ys_pass(a, arn, region, "database %s is encrypted", id);
		else
			ys_fail(a, arn, region, "database %s (%s) is not encrypted", id,
				ys_str(db, "Engine"));
	} else if (p == RDS_MINOR_UPGRADE) {
		if (ys_bool(db, "AutoMinorVersionUpgrade") == 1)
			ys_pass(a, arn, region, "database %s takes minor upgrades", id);
		else
			ys_fail(a, arn, region, "database %s does not take minor version upgrades "
						"(security fixes) by itself", id);
	} else {
		if (ys_bool(db, "PubliclyAccessible") == 1)
			ys_fail(a, arn, region, "database %s is publicly accessible: its address "
						"resolves to a public IP", id);
		else
			ys_pass(a, arn, region, "database %s is not publicly accessible", id);
	}
	ys_about(a, NULL);
}

static void rds_check(struct ys_audit *a, enum rds_prop p)
{
	ys_each_item(a, "rds/describe-db-instances", "DBInstances", rds_one, &p);
}

void ys_check_rds_encrypted(struct ys_audit *a)
{
	rds_check(a, RDS_ENCRYPTED);
}

void ys_check_rds_minor_upgrade(struct ys_audit *a)
{
	rds_check(a, RDS_MINOR_UPGRADE);
}

void ys_check_rds_not_public(struct ys_audit *a)
{
	rds_check(a, RDS_PRIVATE);
}

static void efs_one(struct ys_audit *a, const char *region, const struct ys_jval *fs, void *ctx)
{
	const char *id = ys_str(fs, "FileSystemId"), *arn = ys_str(fs, "FileSystemArn");
	char fallback[256];

	(void)ctx;
	if (!*arn) {
		snprintf(fallback, sizeof(fallback), "arn:aws:elasticfilesystem:%s:%s:file-system/%s",
			 region, a->account, id);
		arn = fallback;
	}
	judge_encrypted(a, arn, region, "file system", id, ys_bool(fs, "Encrypted") == 1);
}

void ys_check_efs_encrypted(struct ys_audit *a)
{
	ys_each_item(a, "efs/describe-file-systems", "FileSystems", efs_one, NULL);
}
