/* checks-iam-account.c: checks of the account's IAM settings (the password policy) */
#include <string.h>
#include "check-api.h"
#include "../banned.h"

/* The policy, or NULL after a finding: no policy at all is a failure (AWS's default allows
 * 8-character passwords and any reuse), a refused or broken file an error. */
static const struct ys_jval *password_policy(struct ys_audit *a)
{
	const char *rel = "global/iam/get-account-password-policy";
	const struct ys_snap_file *f = ys_snapshot_get(a->snap, rel);
	const struct ys_jval *p;

	/* IAM answers NoSuchEntity when the account has never set a policy */
	if (f->status == YS_SNAP_REFUSED && !strcmp(f->code, "NoSuchEntity")) {
		ys_fail(a, NULL, NULL, "the account has no password policy (AWS's default: 8 "
				       "characters, reuse allowed)");
		return NULL;
	}
	if (!(p = ys_need(a, rel, NULL)))
		return NULL;
	return ys_json_get(p, "PasswordPolicy") ? ys_json_get(p, "PasswordPolicy") : p;
}

static long number(const struct ys_jval *o, const char *key)
{
	const struct ys_jval *v = ys_json_get(o, key);

	return v && v->type == YS_J_NUMBER ? (long)v->u.num : -1;
}

void ys_check_password_length(struct ys_audit *a)
{
	const struct ys_jval *p = password_policy(a);
	long n;

	if (!p)
		return;
	n = number(p, "MinimumPasswordLength");
	if (n >= 14)
		ys_pass(a, NULL, NULL, "passwords need %ld characters", n);
	else if (n < 0)
		ys_fail(a, NULL, NULL, "the password policy sets no minimum length");
	else
		ys_fail(a, NULL, NULL, "passwords need only %ld characters", n);
}

void ys_check_password_reuse(struct ys_audit *a)
{
	const struct ys_jval *p = password_policy(a);
	long n;

	if (!p)
		return;
	n = number(p, "PasswordReusePrevention");
	if (n >= 24)
		ys_pass(a, NULL, NULL, "the last %ld passwords cannot be reused", n);
	else if (n <= 0)
		ys_fail(a, NULL, NULL, "the password policy does not prevent reuse");
	else
		ys_fail(a, NULL, NULL, "only the last %ld passwords cannot be reused", n);
}
