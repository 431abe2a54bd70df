/* checks-ec2-templates.c: launch templates' default and latest versions: public addresses,
 * IMDSv2 and unencrypted EBS volumes */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../base/strbuf.h"
#include "ec2-each.h"
#include "../banned.h"

struct lt_walk {
	ys_ec2_lt_fn fn;
	void *ctx;
};

static void lt_one(struct ys_audit *a, const char *region, const struct ys_jval *lt, void *ctx)
{
	const struct lt_walk *w = ctx;
	const char *id = ys_str(lt, "LaunchTemplateId"), *name = ys_str(lt, "LaunchTemplateName");
	const struct ys_jval *v;
	char rel[160], arn[256], who[300];

	if (!*id)
		return;
	snprintf(rel, sizeof(rel), "%s/ec2/describe-launch-template-versions", region);
	if (!(v = ys_need_x(a, rel, id, region, NULL, NULL)))
		return;
	snprintf(arn, sizeof(arn), "arn:aws:ec2:%s:%s:launch-template/%s", region, a->account, id);
	if (*name)
		snprintf(who, sizeof(who), "%s (%s)", name, id);
	else
		snprintf(who, sizeof(who), "%s", id);
	ys_about(a, id);
	w->fn(a, region, lt, ys_json_get(v, "LaunchTemplateVersions"), arn, who, w->ctx);
	ys_about(a, NULL);
}

void ys_ec2_each_launch_template(struct ys_audit *a, ys_ec2_lt_fn fn, void *ctx)
{
	struct lt_walk w = {fn, ctx};

	ys_each_item(a, "ec2/describe-launch-templates", "LaunchTemplates", lt_one, &w);
}

/* A setting judged in a version's LaunchTemplateData: NULL when it is fine, else why not
 * (written to out). */
struct lt_rule {
	const char *(*bad)(const struct ys_jval *data, char *out, size_t n);
	const char *good; /* "gives no public IPv4 address" */
};

static const char *public_ip(const struct ys_jval *data, char *out, size_t n)
{
	const struct ys_jval *nics = ys_json_get(data, "NetworkInterfaces");
	size_t i;

	for (i = 0; i < ys_count(nics); i++)
		if (ys_bool(ys_item(nics, i), "AssociatePublicIpAddress") == 1) {
			snprintf(out, n,
				 "gives instances a public IPv4 address (network interface "
				 "%.0f)",
				 ys_num(ys_item(nics, i), "DeviceIndex"));
			return out;
		}
	return NULL;
}

static const char *imdsv1(const struct ys_jval *data, char *out, size_t n)
{
	const struct ys_jval *mo = ys_json_get(data, "MetadataOptions");
	const char *tokens = ys_str(mo, "HttpTokens");

	if (!strcmp(ys_str(mo, "HttpEndpoint"), "disabled") || !strcmp(tokens, "required"))
		return NULL;
	if (*tokens)
		snprintf(out, n, "lets instances take IMDSv1 (HttpTokens %s)", tokens);
	else
		snprintf(out, n,
			 "does not require IMDSv2 (HttpTokens unset: the image's or the "
			 "account's default decides)");
	return out;
}

static const char *plain_ebs(const struct ys_jval *data, char *out, size_t n)
{
	const struct ys_jval *bdm = ys_json_get(data, "BlockDeviceMappings");
	size_t i;

	for (i = 0; i < ys_count(bdm); i++)
		if (ys_bool(ys_json_get(ys_item(bdm, i), "Ebs"), "Encrypted") == 0) {
			const char *dev = ys_str(ys_item(bdm, i), "DeviceName");

			snprintf(out, n, "asks for an unencrypted EBS volume (%s)",
				 *dev ? dev : "no device name");
			return out;
		}
	return NULL;
}

static const struct ys_jval *version(const struct ys_jval *versions, double number)
{
	size_t i;

	for (i = 0; i < ys_count(versions); i++)
		if (ys_num(ys_item(versions, i), "VersionNumber") == number)
			return ys_item(versions, i);
	return NULL;
}

static void rule_one(struct ys_audit *a, const char *region, const struct ys_jval *lt,
		     const struct ys_jval *versions, const char *arn, const char *who, void *ctx)
{
	const struct lt_rule *r = ctx;
	double def = ys_num(lt, "DefaultVersionNumber"), last = ys_num(lt, "LatestVersionNumber");
	const struct ys_jval *dv = version(versions, def), *lv = version(versions, last);
	struct strbuf sb = STRBUF_INIT;
	char why[200], why2[200];

	if (!dv || !lv) {
		ys_emit(a, YS_F_SKIP, arn, region,
			"launch template %s: the snapshot lacks its "
			"version %.0f",
			who, dv ? last : def);
		return;
	}
	if (r->bad(ys_json_get(dv, "LaunchTemplateData"), why, sizeof(why)))
		strbuf_addf(&sb, "version %.0f (the default%s) %s", def,
			    def == last ? " and latest" : "", why);
	if (def != last && r->bad(ys_json_get(lv, "LaunchTemplateData"), why2, sizeof(why2))) {
		if (sb.len && !strcmp(why, why2))
			strbuf_addf(&sb, ", and so does version %.0f (the latest)", last);
		else
			strbuf_addf(&sb, "%sversion %.0f (the latest) %s", sb.len ? "; " : "", last,
				    why2);
	}
	if (sb.len)
		ys_fail(a, arn, region, "launch template %s: %s", who, sb.buf);
	else if (def == last)
		ys_pass(a, arn, region,
			"launch template %s %s in version %.0f (the default and "
			"latest)",
			who, r->good, def);
	else
		ys_pass(a, arn, region,
			"launch template %s %s in versions %.0f (the default) and "
			"%.0f (the latest)",
			who, r->good, def, last);
	strbuf_release(&sb);
}

void ys_check_ec2_lt_public_ip(struct ys_audit *a)
{
	static const struct lt_rule r = {public_ip, "gives no public IPv4 address"};

	ys_ec2_each_launch_template(a, rule_one, (void *)&r);
}

void ys_check_ec2_lt_imdsv2(struct ys_audit *a)
{
	static const struct lt_rule r = {imdsv1, "requires IMDSv2"};

	ys_ec2_each_launch_template(a, rule_one, (void *)&r);
}

void ys_check_ec2_lt_ebs_encrypted(struct ys_audit *a)
{
	static const struct lt_rule r = {plain_ebs, "asks for no unencrypted EBS volume"};

	ys_ec2_each_launch_template(a, rule_one, (void *)&r);
}
