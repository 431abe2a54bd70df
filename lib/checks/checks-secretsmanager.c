/* checks-secretsmanager.c: Secrets Manager secrets rotate (on schedule), are used, and their
 * resource policies let no one outside the account read them */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checks-containers.h"
#include "../base/isotime.h"
#include "../banned.h"

#define MAX_AGE_DAYS 90

/* "today", "1 day ago", "12 days ago" into out[32] */
static const char *ago(long days, char out[32])
{
	if (days <= 0)
		snprintf(out, 32, "today");
	else
		snprintf(out, 32, "%ld day%s ago", days, days == 1 ? "" : "s");
	return out;
}

/* "30 days", "12 hours" into out[32] */
static const char *every(double days, char out[32])
{
	if (days < 1)
		snprintf(out, 32, "%.0f hours", days * 24);
	else
		snprintf(out, 32, "%.0f day%s", days, days == 1 ? "" : "s");
	return out;
}

static void rotation_one(struct ys_audit *a, const char *region, const struct ys_jval *s, void *ctx)
{
	const char *name = ys_str(s, "Name"), *arn = ys_str(s, "ARN");

	(void)ctx;
	ys_about(a, name);
	if (ys_bool(s, "RotationEnabled") == 1)
		ys_pass(a, arn, region, "secret %s rotates automatically", name);
	else
		ys_fail(a, arn, region,
			"secret %s never rotates by itself: a copy that leaked stays "
			"valid until someone changes it by hand",
			name);
	ys_about(a, NULL);
}

void ys_check_secret_rotation(struct ys_audit *a)
{
	ys_each_item(a, "secretsmanager/list-secrets", "SecretList", rotation_one, NULL);
}

/* The rotation period in days: AutomaticallyAfterDays, or a "rate(N days)" / "rate(N hours)"
 * schedule; -1 for a cron schedule */
static double period_days(const struct ys_jval *rules)
{
	const char *e = ys_str(rules, "ScheduleExpression");
	char *end;
	double n;

	if (ys_num(rules, "AutomaticallyAfterDays") > 0)
		return ys_num(rules, "AutomaticallyAfterDays");
	if (strncmp(e, "rate(", 5))
		return -1;
	n = strtod(e + 5, &end);
	if (n <= 0)
		return -1;
	while (*end == ' ')
		end++;
	return !strncmp(end, "hour", 4) ? n / 24 : !strncmp(end, "day", 3) ? n : -1;
}

static void schedule_one(struct ys_audit *a, const char *region, const struct ys_jval *s, void *ctx)
{
	const char *name = ys_str(s, "Name"), *arn = ys_str(s, "ARN");
	const char *last = ys_str(s, "LastRotatedDate");
	double period = period_days(ys_json_get(s, "RotationRules"));
	long age = ys_days_since(a, ys_time_parse(*last ? last : ys_str(s, "CreatedDate")));
	char day[16], p[32], when[32];

	(void)ctx;
	if (ys_bool(s, "RotationEnabled") != 1)
		return; /* no rotation to fail: secretsmanager-rotation judges that */
	ys_about(a, name);
	if (period < 0)
		ys_emit(a, YS_F_SKIP, arn, region,
			"secret %s rotates on a cron schedule (%s), whose "
			"due day yourside does not compute",
			name, ys_str(ys_json_get(s, "RotationRules"), "ScheduleExpression"));
	else if (age < 0)
		ys_emit(a, YS_F_ERROR, arn, region,
			"secret %s has neither a last rotation nor a "
			"creation time",
			name);
	else if (age > period + 1)
		ys_fail(a, arn, region,
			"secret %s should rotate every %s but %s %ld days ago "
			"(%s): its rotation is failing",
			name, every(period, p),
			*last ? "last rotated" : "never rotated since it was created", age,
			ys_day(ys_time_parse(*last ? last : ys_str(s, "CreatedDate")), day));
	else
		ys_pass(a, arn, region, "secret %s rotates every %s and last did %s", name,
			every(period, p), ago(age, when));
	ys_about(a, NULL);
}

void ys_check_secret_rotation_on_time(struct ys_audit *a)
{
	ys_each_item(a, "secretsmanager/list-secrets", "SecretList", schedule_one, NULL);
}

static void unused_one(struct ys_audit *a, const char *region, const struct ys_jval *s, void *ctx)
{
	const char *name = ys_str(s, "Name"), *arn = ys_str(s, "ARN");
	const char *used = ys_str(s, "LastAccessedDate");
	long age = ys_days_since(a, ys_time_parse(*used ? used : ys_str(s, "CreatedDate")));
	char day[16], when[32];

	(void)ctx;
	ys_about(a, name);
	if (age < 0)
		ys_emit(a, YS_F_ERROR, arn, region,
			"secret %s has neither a last access nor a "
			"creation time",
			name);
	else if (age > MAX_AGE_DAYS)
		ys_fail(a, arn, region,
			"secret %s was %s %ld days ago (%s): a credential nobody "
			"uses is one nobody would miss, or notice being used",
			name, *used ? "last read" : "never read since it was created", age,
			ys_day(ys_time_parse(*used ? used : ys_str(s, "CreatedDate")), day));
	else
		ys_pass(a, arn, region, "secret %s was %s %s", name,
			*used ? "last read" : "created", ago(age, when));
	ys_about(a, NULL);
}

void ys_check_secret_unused(struct ys_audit *a)
{
	ys_each_item(a, "secretsmanager/list-secrets", "SecretList", unused_one, NULL);
}

static void age_one(struct ys_audit *a, const char *region, const struct ys_jval *s, void *ctx)
{
	const char *name = ys_str(s, "Name"), *arn = ys_str(s, "ARN");
	const char *last = ys_str(s, "LastRotatedDate");
	long age = ys_days_since(a, ys_time_parse(*last ? last : ys_str(s, "CreatedDate")));
	char day[16], when[32];

	(void)ctx;
	ys_about(a, name);
	if (age < 0)
		ys_emit(a, YS_F_ERROR, arn, region,
			"secret %s has neither a last rotation nor a "
			"creation time",
			name);
	else if (age > MAX_AGE_DAYS)
		ys_fail(a, arn, region, "secret %s was %s %ld days ago (%s), more than %d", name,
			*last ? "last rotated" : "never rotated since it was created", age,
			ys_day(ys_time_parse(*last ? last : ys_str(s, "CreatedDate")), day),
			MAX_AGE_DAYS);
	else
		ys_pass(a, arn, region, "secret %s was %s %s", name,
			*last ? "last rotated" : "created", ago(age, when));
	ys_about(a, NULL);
}

void ys_check_secret_age(struct ys_audit *a)
{
	ys_each_item(a, "secretsmanager/list-secrets", "SecretList", age_one, NULL);
}

/* Reading the secret, and changing or deleting it or its policy */
static const char *const secret_actions[] = {
	"secretsmanager:GetSecretValue",	"secretsmanager:PutSecretValue",
	"secretsmanager:UpdateSecret",	"secretsmanager:DeleteSecret",
	"secretsmanager:PutResourcePolicy", NULL,
};

static void public_one(struct ys_audit *a, const char *region, const struct ys_jval *s, void *ctx)
{
	const char *name = ys_str(s, "Name"), *arn = ys_str(s, "ARN");
	const struct ys_jval *p, *doc;
	char rel[96], what[600];

	(void)ctx;
	if (!*arn)
		return;
	ys_about(a, name);
	snprintf(rel, sizeof(rel), "%s/secretsmanager/get-resource-policy", region);
	snprintf(what, sizeof(what), "secret %s", name);
	if (!(p = ys_need_x(a, rel, arn, region, NULL, NULL)))
		goto out;
	doc = ys_json_get(p, "ResourcePolicy");
	if (!doc || doc->type == YS_J_NULL)
		ys_pass(a, arn, region,
			"secret %s has no resource policy: only this account's own "
			"IAM principals can read it",
			name);
	else
		ys_cx_policy_exposure(a, doc, arn, region, what, rel, arn, secret_actions);
out:
	ys_about(a, NULL);
}

void ys_check_secret_public(struct ys_audit *a)
{
	ys_each_item(a, "secretsmanager/list-secrets", "SecretList", public_one, NULL);
}
