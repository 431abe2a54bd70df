/* checks-iam-creds.c: checks read from IAM's credential report: root's keys, MFA and use;
 * users' MFA, unused, doubled and old credentials */
#include <string.h>
#include "check-api.h"
#include "../banned.h"

/* Root's row of the report, or NULL after the skip or error finding that says why. */
static const struct ys_cred_user *need_root(struct ys_audit *a)
{
	const struct ys_credreport *r = ys_need_creds(a);
	size_t i;

	for (i = 0; r && i < r->n; i++)
		if (r->users[i].is_root)
			return &r->users[i];
	if (r)
		ys_emit(a, YS_F_SKIP, NULL, NULL, "the credential report has no <root_account> row");
	return NULL;
}

/* Calls fn for each IAM user of the report (root aside; only those with a console password
 * when console), with the user named as the findings' subject. Returns how many it called fn
 * for, or -1 when the report is missing (a skip or error finding says so). */
static long each_user(struct ys_audit *a, int console,
		      void (*fn)(struct ys_audit *a, const struct ys_cred_user *u))
{
	const struct ys_credreport *r = ys_need_creds(a);
	size_t i;
	long n = 0;

	if (!r)
		return -1;
	for (i = 0; i < r->n; i++) {
		const struct ys_cred_user *u = &r->users[i];

		if (u->is_root || (console && u->password_enabled != 1))
			continue;
		ys_about(a, u->user);
		fn(a, u);
		n++;
	}
	ys_about(a, NULL);
	return n;
}

void ys_check_root_access_key(struct ys_audit *a)
{
	const struct ys_cred_user *u = need_root(a);
	char d[16];
	int k, any = 0;

	if (!u)
		return;
	for (k = 0; k < 2; k++)
		if (u->key[k].active) {
			ys_fail(a, u->arn, NULL, "root has an active access key (key %d, last used %s)",
				k + 1, ys_day(u->key[k].last_used, d));
			any = 1;
		}
	if (!any)
		ys_pass(a, u->arn, NULL, "root has no active access key");
}

void ys_check_root_mfa(struct ys_audit *a)
{
	const struct ys_cred_user *u = need_root(a);

	if (!u)
		return;
	if (u->mfa_active)
		ys_pass(a, u->arn, NULL, "root has MFA");
	else
		ys_fail(a, u->arn, NULL, "root has no MFA: its password alone opens the account");
}

/* Whether list-virtual-mfa-devices shows a virtual device assigned to root. */
static int root_virtual(const struct ys_jval *list, const char *root_arn)
{
	const struct ys_jval *devs = ys_json_get(list, "VirtualMFADevices"), *d;
	size_t i;

	for (i = 0; i < ys_count(devs); i++) {
		const char *serial;
		size_t n;

		if (!(d = ys_item(devs, i)))
			continue;
		serial = ys_str(d, "SerialNumber");
		n = strlen(serial);
		if (!strcmp(ys_str(ys_json_get(d, "User"), "Arn"), root_arn) ||
		    (n > 25 && !strcmp(serial + n - 25, ":mfa/root-account-mfa-device")))
			return 1;
	}
	return 0;
}

void ys_check_root_hardware_mfa(struct ys_audit *a)
{
	const struct ys_cred_user *u = need_root(a);
	const struct ys_jval *list;

	if (!u)
		return;
	if (!u->mfa_active) {
		ys_fail(a, u->arn, NULL, "root has no MFA at all");
		return;
	}
	if (!(list = ys_need(a, "global/iam/list-virtual-mfa-devices", NULL)))
		return;
	if (root_virtual(list, u->arn))
		ys_fail(a, u->arn, NULL, "root's MFA is a virtual device (an app), not hardware");
	else
		ys_pass(a, u->arn, NULL, "root's MFA is a hardware device");
}

void ys_check_root_recent_use(struct ys_audit *a)
{
	const struct ys_cred_user *u = need_root(a);
	int64_t last;
	const char *how = "its password";
	char d[16];
	int k;

	if (!u)
		return;
	last = u->password_last_used;
	for (k = 0; k < 2; k++)
		if (u->key[k].last_used > last) {
			last = u->key[k].last_used;
			how = k ? "access key 2" : "access key 1";
		}
	if (last >= 0 && ys_days_since(a, last) < 90)
		ys_fail(a, u->arn, NULL, "root was used %ld days before the snapshot (%s, through %s)",
			ys_days_since(a, last), ys_day(last, d), how);
	else if (last < 0)
		ys_pass(a, u->arn, NULL, "root has no recorded use");
	else
		ys_pass(a, u->arn, NULL, "root was last used %s", ys_day(last, d));
}

static void console_mfa(struct ys_audit *a, const struct ys_cred_user *u)
{
	if (u->mfa_active)
		ys_pass(a, u->arn, NULL, "user '%s' has a console password and MFA", u->user);
	else
		ys_fail(a, u->arn, NULL, "user '%s' has a console password and no MFA", u->user);
}

void ys_check_console_mfa(struct ys_audit *a)
{
	if (!each_user(a, 1, console_mfa))
		ys_pass(a, NULL, NULL, "no IAM user has a console password");
}

static void initial_access_key(struct ys_audit *a, const struct ys_cred_user *u)
{
	int k, bad = 0;

	for (k = 0; k < 2; k++)
		if (u->key[k].active && u->key[k].last_used == YS_CRED_NEVER) {
			ys_fail(a, u->arn, NULL, "console user '%s' has access key %d, active and never used",
				u->user, k + 1);
			bad = 1;
		}
	if (!bad)
		ys_pass(a, u->arn, NULL, "console user '%s' has no unused access key", u->user);
}

void ys_check_initial_access_key(struct ys_audit *a)
{
	each_user(a, 1, initial_access_key);
}

/* Days since a credential was last used, or since it was made when it never was. */
static long idle_days(const struct ys_audit *a, int64_t used, int64_t made)
{
	return ys_days_since(a, used >= 0 ? used : made);
}

static void unused_credentials(struct ys_audit *a, const struct ys_cred_user *u)
{
	char d[16];
	int k, bad = 0;
	long idle;

	if (u->password_enabled == 1 && (idle = idle_days(a, u->password_last_used, u->created)) >= 45) {
		ys_fail(a, u->arn, NULL, "user '%s': console password unused for %ld days (last used %s)",
			u->user, idle, ys_day(u->password_last_used, d));
		bad = 1;
	}
	for (k = 0; k < 2; k++)
		if (u->key[k].active &&
		    (idle = idle_days(a, u->key[k].last_used, u->key[k].last_rotated)) >= 45) {
			ys_fail(a, u->arn, NULL,
				"user '%s': access key %d active and unused for %ld days (last used %s)",
				u->user, k + 1, idle, ys_day(u->key[k].last_used, d));
			bad = 1;
		}
	if (!bad)
		ys_pass(a, u->arn, NULL, "user '%s' has no credential idle for 45 days", u->user);
}

void ys_check_unused_credentials(struct ys_audit *a)
{
	each_user(a, 0, unused_credentials);
}

static void two_active_keys(struct ys_audit *a, const struct ys_cred_user *u)
{
	if (u->key[0].active && u->key[1].active)
		ys_fail(a, u->arn, NULL, "user '%s' has two active access keys", u->user);
	else
		ys_pass(a, u->arn, NULL, "user '%s' has at most one active access key", u->user);
}

void ys_check_two_active_keys(struct ys_audit *a)
{
	each_user(a, 0, two_active_keys);
}

static void key_rotation(struct ys_audit *a, const struct ys_cred_user *u)
{
	char d[16];
	int k, bad = 0;
	long age;

	for (k = 0; k < 2; k++)
		if (u->key[k].active && (age = ys_days_since(a, u->key[k].last_rotated)) >= 90) {
			ys_fail(a, u->arn, NULL, "user '%s': access key %d is %ld days old (made %s)",
				u->user, k + 1, age, ys_day(u->key[k].last_rotated, d));
			bad = 1;
		}
	if (!bad)
		ys_pass(a, u->arn, NULL, "user '%s' has no active key older than 90 days", u->user);
}

void ys_check_key_rotation(struct ys_audit *a)
{
	each_user(a, 0, key_rotation);
}
