/* checks-kms.c: customer-managed KMS keys rotate their key material, in every region */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

static void key_one(struct ys_audit *a, const char *region, const struct ys_jval *k, void *ctx)
{
	const char *id = ys_str(k, "KeyId"), *arn = ys_str(k, "KeyArn");
	const struct ys_jval *d, *m, *r;
	char rel[128];

	(void)ctx;
	if (!*id)
		return;
	ys_about(a, id);
	snprintf(rel, sizeof(rel), "%s/kms/describe-key", region);
	if (!(d = ys_need_x(a, rel, id, region, NULL, NULL)))
		goto out;
	m = ys_json_get(d, "KeyMetadata");
	/* AWS-managed keys rotate by themselves; asymmetric and HMAC keys cannot rotate */
	if (strcmp(ys_str(m, "KeyManager"), "CUSTOMER") ||
	    strcmp(ys_str(m, "KeyState"), "Enabled") ||
	    (*ys_str(m, "KeySpec") && strcmp(ys_str(m, "KeySpec"), "SYMMETRIC_DEFAULT")) ||
	    !strcmp(ys_str(m, "Origin"), "EXTERNAL"))
		goto out;
	snprintf(rel, sizeof(rel), "%s/kms/get-key-rotation-status", region);
	if (!(r = ys_need_x(a, rel, id, region, NULL, NULL)))
		goto out;
	if (ys_bool(r, "KeyRotationEnabled") == 1)
		ys_pass(a, arn, region, "key %s rotates every %.0f days", id,
			ys_num(r, "RotationPeriodInDays") > 0 ? ys_num(r, "RotationPeriodInDays") : 365);
	else
		ys_fail(a, arn, region, "key %s%s%s%s never rotates its key material", id,
			*ys_str(m, "Description") ? " (" : "", ys_str(m, "Description"),
			*ys_str(m, "Description") ? ")" : "");
out:
	ys_about(a, NULL);
}

void ys_check_kms_rotation(struct ys_audit *a)
{
	ys_each_item(a, "kms/list-keys", "Keys", key_one, NULL);
}
