/* checks-watchers.c: the services that watch an account, on in every region: AWS Config,
 * GuardDuty, Security Hub and IAM Access Analyzer */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

static void config_one(struct ys_audit *a, const char *region, const struct ys_jval *root,
		       void *ctx)
{
	const struct ys_jval *recs = ys_json_get(root, "ConfigurationRecorders"), *st, *sl;
	char rel[128];
	size_t i, j;

	(void)ctx;
	if (!ys_count(recs)) {
		ys_fail(a, NULL, region, "AWS Config records nothing in %s", region);
		return;
	}
	snprintf(rel, sizeof(rel), "%s/configservice/describe-configuration-recorder-status", region);
	if (!(st = ys_need(a, rel, region)))
		return;
	sl = ys_json_get(st, "ConfigurationRecordersStatus");
	for (i = 0; i < ys_count(recs); i++) {
		const struct ys_jval *r = ys_item(recs, i), *s = NULL;
		const char *name = ys_str(r, "name");
		const struct ys_jval *grp = ys_json_get(r, "recordingGroup");

		for (j = 0; j < ys_count(sl) && !s; j++)
			if (!strcmp(ys_str(ys_item(sl, j), "name"), name))
				s = ys_item(sl, j);
		if (!s || ys_bool(s, "recording") != 1)
			ys_fail(a, NULL, region, "AWS Config's recorder %s in %s is not recording", name,
				region);
		else if (!strcmp(ys_str(s, "lastStatus"), "Failure"))
			ys_fail(a, NULL, region, "AWS Config's recorder %s in %s is failing (%s)", name,
				region, ys_str(s, "lastErrorCode"));
		else if (ys_bool(grp, "allSupported") != 1)
			ys_fail(a, NULL, region, "AWS Config's recorder %s in %s records only some "
						 "resource types", name, region);
		else
			ys_pass(a, NULL, region, "AWS Config records every resource type in %s",
				region);
	}
}

void ys_check_config_recording(struct ys_audit *a)
{
	ys_each_region(a, "configservice/describe-configuration-recorders", config_one, NULL);
}

static void guardduty_one(struct ys_audit *a, const char *region, const struct ys_jval *root,
			  void *ctx)
{
	const struct ys_jval *ids = ys_json_get(root, "DetectorIds"), *d;
	char rel[128];
	size_t i;

	(void)ctx;
	snprintf(rel, sizeof(rel), "%s/guardduty/get-detector", region);
	for (i = 0; i < ys_count(ids); i++) {
		const char *id = ys_json_str(&ids->u.items[i]);

		if (!id || !(d = ys_need_x(a, rel, id, region, NULL, NULL)))
			continue;
		if (!strcmp(ys_str(d, "Status"), "ENABLED")) {
			ys_pass(a, NULL, region, "GuardDuty watches %s (detector %s)", region, id);
			return;
		}
	}
	ys_fail(a, NULL, region, "GuardDuty is %s in %s", ys_count(ids) ? "suspended" : "off",
		region);
}

void ys_check_guardduty(struct ys_audit *a)
{
	ys_each_region(a, "guardduty/list-detectors", guardduty_one, NULL);
}

static void hub_one(struct ys_audit *a, const char *region, const struct ys_jval *ignored,
		    void *ctx)
{
	char rel[128];
	int absent;
	const struct ys_jval *hub;

	(void)ignored;
	(void)ctx;
	snprintf(rel, sizeof(rel), "%s/securityhub/describe-hub", region);
	/* Security Hub answers InvalidAccessException when the account is not subscribed */
	hub = ys_need_x(a, rel, NULL, region, "InvalidAccessException,ResourceNotFoundException",
			&absent);
	if (hub)
		ys_pass(a, *ys_str(hub, "HubArn") ? ys_str(hub, "HubArn") : NULL, region,
			"Security Hub is on in %s", region);
	else if (absent)
		ys_fail(a, NULL, region, "Security Hub is off in %s", region);
}

/* Security Hub has no list call: each region's describe-hub is the evidence. */
static void each_region_plain(struct ys_audit *a, void (*fn)(struct ys_audit *, const char *,
							      const struct ys_jval *, void *))
{
	const char *const *regions;
	size_t n = ys_snapshot_regions(a->snap, &regions), i;

	for (i = 0; i < n; i++)
		fn(a, regions[i], NULL, NULL);
	if (!n)
		ys_emit(a, YS_F_SKIP, NULL, NULL, "the snapshot holds no region");
}

void ys_check_securityhub(struct ys_audit *a)
{
	each_region_plain(a, hub_one);
}

static void analyzer_one(struct ys_audit *a, const char *region, const struct ys_jval *root,
			 void *ctx)
{
	const struct ys_jval *list = ys_json_get(root, "analyzers");
	size_t i;

	(void)ctx;
	for (i = 0; i < ys_count(list); i++) {
		const struct ys_jval *an = ys_item(list, i);

		if (!strcmp(ys_str(an, "status"), "ACTIVE")) {
			ys_pass(a, ys_str(an, "arn"), region, "IAM Access Analyzer %s is active in %s",
				ys_str(an, "name"), region);
			return;
		}
	}
	ys_fail(a, NULL, region, "no active IAM Access Analyzer in %s: resources shared outside "
				 "the account go unnoticed", region);
}

void ys_check_access_analyzer(struct ys_audit *a)
{
	ys_each_region(a, "accessanalyzer/list-analyzers", analyzer_one, NULL);
}
