/* checks-ec2-images.c: who may restore the account's EBS snapshots and launch its AMIs, and
 * whether each region blocks public sharing of both */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../base/strbuf.h"
#include "../banned.h"

/* The snapshot's createVolumePermission list, or NULL after the skip or error finding. */
static const struct ys_jval *snapshot_perms(struct ys_audit *a, const char *region, const char *id)
{
	const struct ys_jval *attr;
	char rel[160];

	snprintf(rel, sizeof(rel), "%s/ec2/describe-snapshot-attribute", region);
	if (!(attr = ys_need_x(a, rel, id, region, NULL, NULL)))
		return NULL;
	return ys_json_get(attr, "CreateVolumePermissions");
}

static void snapshot_arn(const char *region, const char *id, char *arn, size_t n)
{
	snprintf(arn, n, "arn:aws:ec2:%s::snapshot/%s", region, id);
}

static void snap_public_one(struct ys_audit *a, const char *region, const struct ys_jval *s,
			    void *ctx)
{
	const char *id = ys_str(s, "SnapshotId"), *vol = ys_str(s, "VolumeId");
	const struct ys_jval *perms;
	char arn[160];
	size_t i;
	int open = 0;

	(void)ctx;
	if (!*id || !(perms = snapshot_perms(a, region, id)))
		return;
	for (i = 0; i < ys_count(perms); i++)
		if (!strcmp(ys_str(ys_item(perms, i), "Group"), "all"))
			open = 1;
	snapshot_arn(region, id, arn, sizeof(arn));
	ys_about(a, id);
	if (open)
		ys_fail(a, arn, region,
			"snapshot %s (of volume %s, %.0f GiB%s) can be restored by any "
			"AWS account: anyone can read that disk",
			id, *vol ? vol : "unknown", ys_num(s, "VolumeSize"),
			ys_bool(s, "Encrypted") == 1 ? ", encrypted" : ", not encrypted");
	else
		ys_pass(a, arn, region, "snapshot %s is not public", id);
	ys_about(a, NULL);
}

void ys_check_ec2_snapshot_public(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-snapshots", "Snapshots", snap_public_one, NULL);
}

static void snap_shared_one(struct ys_audit *a, const char *region, const struct ys_jval *s,
			    void *ctx)
{
	const char *id = ys_str(s, "SnapshotId");
	const struct ys_jval *perms;
	struct strbuf who = STRBUF_INIT;
	char arn[160];
	size_t i, n = 0;
	int open = 0;

	(void)ctx;
	if (!*id || !(perms = snapshot_perms(a, region, id)))
		return;
	for (i = 0; i < ys_count(perms); i++) {
		const char *acct = ys_str(ys_item(perms, i), "UserId");

		if (!strcmp(ys_str(ys_item(perms, i), "Group"), "all"))
			open = 1;

		if (!*acct || !strcmp(acct, a->account))
			continue;
		strbuf_addf(&who, "%s%s", n++ ? ", " : "", acct);
	}
	snapshot_arn(region, id, arn, sizeof(arn));
	ys_about(a, id);
	if (n)
		ys_fail(a, arn, region, "snapshot %s can be restored by %s other account%s: %s", id,
			n == 1 ? "one" : "several", n == 1 ? "" : "s", who.buf);
	else
		ys_pass(a, arn, region, "snapshot %s is shared with no other account by name%s", id,
			open ? " (but it is public: see ec2-snapshot-public)" : "");
	ys_about(a, NULL);
	strbuf_release(&who);
}

void ys_check_ec2_snapshot_shared(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-snapshots", "Snapshots", snap_shared_one, NULL);
}

static void ami_one(struct ys_audit *a, const char *region, const struct ys_jval *img, void *ctx)
{
	const char *id = ys_str(img, "ImageId"), *name = ys_str(img, "Name");
	char arn[160];

	(void)ctx;
	if (!*id)
		return;
	snprintf(arn, sizeof(arn), "arn:aws:ec2:%s::image/%s", region, id);
	ys_about(a, id);
	if (ys_bool(img, "Public") == 1)
		ys_fail(a, arn, region,
			"image %s (%s) is public: any AWS account can launch it and "
			"read its disks",
			id, *name ? name : "no name");
	else
		ys_pass(a, arn, region, "image %s (%s) is not public", id,
			*name ? name : "no name");
	ys_about(a, NULL);
}

void ys_check_ec2_ami_public(struct ys_audit *a)
{
	ys_each_item(a, "ec2/describe-images", "Images", ami_one, NULL);
}

/* A region's block-public-access state, for snapshots or images. */
struct bpa {
	const char *key;  /* the member holding the state */
	const char *what; /* "snapshots", "images" */
	const char *ok;	  /* the other states that pass, told in words */
};

static void bpa_region(struct ys_audit *a, const char *region, const struct ys_jval *root,
		       void *ctx)
{
	const struct bpa *b = ctx;
	const char *st = ys_str(root, b->key);

	ys_about(a, region);
	if (!strcmp(st, "block-all-sharing"))
		ys_pass(a, NULL, region, "%s blocks all public sharing of %s (block-all-sharing)",
			region, b->what);
	else if (!strcmp(st, "block-new-sharing"))
		ys_pass(a, NULL, region, "%s blocks new public sharing of %s (block-new-sharing)%s",
			region, b->what, b->ok);
	else if (!strcmp(st, "unblocked"))
		ys_fail(a, NULL, region, "%s lets anyone in the account make %s public (unblocked)",
			region, b->what);
	else
		ys_emit(a, YS_F_ERROR, NULL, region,
			"%s: unknown block-public-access state '%s' for %s", region, st, b->what);
	ys_about(a, NULL);
}

void ys_check_ec2_snapshot_bpa(struct ys_audit *a)
{
	static const struct bpa b = {"State", "EBS snapshots",
				     ": snapshots made public before stay public"};

	ys_each_region(a, "ec2/get-snapshot-block-public-access-state", bpa_region, (void *)&b);
}

void ys_check_ec2_ami_bpa(struct ys_audit *a)
{
	static const struct bpa b = {"ImageBlockPublicAccessState", "AMIs", ""};

	ys_each_region(a, "ec2/get-image-block-public-access-state", bpa_region, (void *)&b);
}
