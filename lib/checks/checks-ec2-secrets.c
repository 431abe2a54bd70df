/* checks-ec2-secrets.c: credentials in EC2 user data, each instance's and each launch template
 * version's, decoded (base64, then gzip) and read with yourside's own secrets engine */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../base/strbuf.h"
#include "config-secrets.h"
#include "ec2-each.h"
#include "../banned.h"

/* Scans user data as AWS returns it (base64) into found: the number of credentials, -1 when
 * the engine cannot start, -2 when the data is not base64 or its gzip is broken. */
static int scan_user_data(struct ys_cfg_scan *sc, const char *b64, const char *where,
			  struct strbuf *found)
{
	struct strbuf text = STRBUF_INIT;
	int hits = -2;

	if (!ys_cfg_user_data(b64, &text))
		hits = ys_cfg_scan_text(sc, text.buf ? text.buf : "", text.len, where, found);
	strbuf_release(&text);
	return hits;
}

static void instance_one(struct ys_audit *a, const char *region, const struct ys_jval *inst,
			 const char *arn, const char *who, void *ctx)
{
	struct ys_cfg_scan *sc = ctx;
	const struct ys_jval *attr;
	const char *b64;
	struct strbuf found = STRBUF_INIT;
	char rel[160];
	int hits;

	snprintf(rel, sizeof(rel), "%s/ec2/describe-instance-attribute", region);
	if (!(attr = ys_need_x(a, rel, ys_str(inst, "InstanceId"), region, NULL, NULL)))
		return;
	b64 = ys_str(ys_json_get(attr, "UserData"), "Value");
	if (!*b64) {
		ys_pass(a, arn, region, "instance %s has no user data", who);
		return;
	}
	hits = scan_user_data(sc, b64, "user data", &found);
	if (hits == -2)
		ys_emit(a, YS_F_ERROR, arn, region,
			"instance %s: its user data is not base64, or its "
			"gzip is broken",
			who);
	else if (hits < 0)
		ys_emit(a, YS_F_ERROR, arn, region,
			"instance %s: the secrets engine could not start", who);
	else if (hits)
		ys_fail(a, arn, region, "instance %s keeps %s in its user data: %s", who,
			hits == 1 ? "a credential" : "credentials", found.buf);
	else
		ys_pass(a, arn, region, "the user data of instance %s holds no credential", who);
	strbuf_release(&found);
}

void ys_check_ec2_user_data_secrets(struct ys_audit *a)
{
	struct ys_cfg_scan *sc = ys_cfg_scan_for(a);

	if (!sc)
		return;
	ys_ec2_each_instance(a, instance_one, sc);
}

static void template_one(struct ys_audit *a, const char *region, const struct ys_jval *lt,
			 const struct ys_jval *versions, const char *arn, const char *who,
			 void *ctx)
{
	struct ys_cfg_scan *sc = ctx;
	struct strbuf found = STRBUF_INIT, broken = STRBUF_INIT;
	size_t i, with = 0;
	int hits = 0, h;

	(void)lt;
	for (i = 0; i < ys_count(versions); i++) {
		const struct ys_jval *v = ys_item(versions, i);
		const char *b64 = ys_str(ys_json_get(v, "LaunchTemplateData"), "UserData");
		char where[64];

		if (!*b64)
			continue;
		with++;
		snprintf(where, sizeof(where), "version %.0f's user data",
			 ys_num(v, "VersionNumber"));
		if ((h = scan_user_data(sc, b64, where, &found)) == -1) {
			ys_emit(a, YS_F_ERROR, arn, region,
				"launch template %s: the secrets engine "
				"could not start",
				who);
			goto out;
		}
		if (h == -2)
			strbuf_addf(&broken, "%s%.0f", broken.len ? ", " : "",
				    ys_num(v, "VersionNumber"));
		else
			hits += h;
	}
	if (hits)
		ys_fail(a, arn, region, "launch template %s keeps %s in its user data: %s", who,
			hits == 1 ? "a credential" : "credentials", found.buf);
	else if (broken.len)
		ys_emit(a, YS_F_ERROR, arn, region,
			"launch template %s: the user data of version %s "
			"is not base64, or its gzip is broken",
			who, broken.buf);
	else if (with)
		ys_pass(a, arn, region,
			"launch template %s: no version's user data holds a "
			"credential (%zu of %zu versions have user data)",
			who, with, ys_count(versions));
	else
		ys_pass(a, arn, region,
			"launch template %s: no version has user data (%zu version%s)", who,
			ys_count(versions), ys_count(versions) == 1 ? "" : "s");
out:
	strbuf_release(&found);
	strbuf_release(&broken);
}

void ys_check_ec2_lt_secrets(struct ys_audit *a)
{
	struct ys_cfg_scan *sc = ys_cfg_scan_for(a);

	if (!sc)
		return;
	ys_ec2_each_launch_template(a, template_one, sc);
}
