/* plan.c: the calls of a snapshot, and what each answer leads to */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plan.h"
#include "../base/codec.h"
#include "../base/grow.h"
#include "../json/jread.h"
#include "../snapshot/snapshot.h"
#include "../banned.h"

/* Where global services are signed and asked. */
#define HOME "us-east-1"

static const char *const global_calls[] = {
	"iam/get-account-authorization-details", "iam/get-account-password-policy",
	"iam/get-account-summary", "iam/list-virtual-mfa-devices", "iam/list-server-certificates",
	"iam/list-users", "iam/generate-credential-report", "s3/list-buckets",
};

static const char *const region_calls[] = {
	"ec2/describe-instances", "ec2/describe-volumes", "ec2/get-ebs-encryption-by-default",
	"ec2/describe-security-groups", "ec2/describe-network-acls", "ec2/describe-vpcs",
	"ec2/describe-flow-logs", "elb/describe-load-balancers", "elbv2/describe-load-balancers",
	"elbv2/describe-target-groups", "rds/describe-db-instances", "efs/describe-file-systems", "lambda/list-functions",
	"cloudtrail/describe-trails", "logs/describe-metric-filters", "cloudwatch/describe-alarms",
	"configservice/describe-configuration-recorders",
	"configservice/describe-configuration-recorder-status", "guardduty/list-detectors",
	"securityhub/describe-hub", "accessanalyzer/list-analyzers", "kms/list-keys",
	"backup/list-backup-vaults", "backup/list-backup-plans",
};

static const char *const bucket_calls[] = {
	"s3/get-bucket-policy", "s3/get-bucket-acl", "s3/get-public-access-block",
	"s3/get-bucket-versioning", "s3/get-bucket-encryption", "s3/get-bucket-logging",
	"s3/get-object-lock-configuration", "s3/get-bucket-replication",
};

/* An answer's list leading to per-item calls: list[].member becomes param of each call. */
static const struct fanout {
	const char *from, *list, *member; /* member NULL: the list holds strings */
	const char *calls[3], *param[3];
} fanouts[] = {
	{"iam/list-users", "Users", "UserName", {"iam/list-access-keys"}, {"UserName"}},
	{"s3/list-buckets", "Buckets", "Name", {"s3/get-bucket-location"}, {"Bucket"}},
	{"elbv2/describe-target-groups", "TargetGroups", "TargetGroupArn",
	 {"elbv2/describe-target-health"}, {"TargetGroupArn"}},
	{"guardduty/list-detectors", "DetectorIds", NULL, {"guardduty/get-detector"}, {"DetectorId"}},
	{"kms/list-keys", "Keys", "KeyId", {"kms/describe-key", "kms/get-key-rotation-status"},
	 {"KeyId", "KeyId"}},
	{"backup/list-backup-plans", "BackupPlansList", "BackupPlanId", {"backup/get-backup-plan"},
	 {"BackupPlanId"}},
};

struct ys_plan {
	const struct ys_aws_shapes *shapes;
	char **regions;
	size_t nregions, cap;
	int discover;
	int report_tries;
};

int ys_plan_new(const struct ys_aws_shapes *shapes, const char *const *regions, size_t nregions,
		struct ys_plan **out, struct ys_error *err)
{
	struct ys_plan *p = calloc(1, sizeof(*p));
	size_t i;

	if (!p)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	p->shapes = shapes;
	p->discover = !regions;
	for (i = 0; i < nregions; i++) {
		if (ys_grow(&p->regions, &p->cap, p->nregions, sizeof(char *), 8) ||
		    !(p->regions[p->nregions] = strdup(regions[i]))) {
			ys_plan_free(p);
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		}
		p->nregions++;
	}
	*out = p;
	return 0;
}

void ys_plan_free(struct ys_plan *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nregions; i++)
		free(p->regions[i]);
	free(p->regions);
	free(p);
}

size_t ys_plan_regions(const struct ys_plan *p, const char *const **names)
{
	*names = (const char *const *)p->regions;
	return p->nregions;
}

/* Queues cli in region, its answer in "<place>/<cli>" (place: global or the region), or, for a
 * per-resource call (a param whose value names the resource), "<place>/<cli>/<value>". */
static int add_call(struct ys_plan *p, struct ys_engine *e, const char *cli, const char *region,
		    const char *place, const char *param, const char *value, int per_resource,
		    int64_t after)
{
	const struct ys_aws_op *op = ys_aws_op_find(p->shapes, cli);
	struct ys_aws_param prm = {param, value};
	char rel[768];

	if (!op)
		return 0; /* not in this build's table */
	if (value && per_resource) {
		char *esc = malloc(3 * strlen(value) + 1);

		if (!esc)
			return YS_ENOMEM;
		ys_snapshot_escape(value, esc);
		snprintf(rel, sizeof(rel), "%s/%s/%s", place, cli, esc);
		free(esc);
	} else {
		snprintf(rel, sizeof(rel), "%s/%s", place, cli);
	}
	return ys_engine_add_after(e, after, op, region, &prm, value ? 1 : 0, rel, NULL);
}

static int add(struct ys_plan *p, struct ys_engine *e, const char *cli, const char *region,
	       const char *place, const char *param, const char *value, int64_t after)
{
	return add_call(p, e, cli, region, place, param, value, value != NULL, after);
}

static int add_region(struct ys_plan *p, struct ys_engine *e, const char *region)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(region_calls) / sizeof(region_calls[0]) && !rc; i++)
		rc = add(p, e, region_calls[i], region, region, NULL, NULL, 0);
	return rc;
}

int ys_plan_start(struct ys_plan *p, struct ys_engine *e, struct ys_error *err)
{
	const struct ys_aws_op *sts = ys_aws_op_find(p->shapes, "sts/get-caller-identity");
	size_t i;
	/* the caller's identity is account.json, at the snapshot's top */
	int rc = sts ? ys_engine_add(e, sts, HOME, NULL, 0, "account", NULL) : 0;

	for (i = 0; i < sizeof(global_calls) / sizeof(global_calls[0]) && !rc; i++)
		rc = add(p, e, global_calls[i], HOME, "global", NULL, NULL, 0);
	/* the regions enabled in the account, as EC2 in the home region lists them */
	if (!rc && p->discover)
		rc = add(p, e, "ec2/describe-regions", HOME, HOME, NULL, NULL, 0);
	for (i = 0; !rc && i < p->nregions; i++)
		rc = add_region(p, e, p->regions[i]);
	return rc ? ys_error_set(err, YS_ENOMEM, "out of memory") : 0;
}

static const char *sstr(const struct ys_jval *o, const char *k)
{
	const char *s = ys_json_str(ys_json_get(o, k));

	return s ? s : "";
}

static void fan_out(struct ys_plan *p, struct ys_engine *e, const struct fanout *f,
		    const struct ys_call *call, const struct ys_jval *root)
{
	const struct ys_jval *list = ys_json_get(root, f->list);
	int global = !strncmp(f->from, "s3/", 3) || !strncmp(f->from, "iam/", 4);
	size_t i, k;

	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const struct ys_jval *it = &list->u.items[i];
		const char *v = f->member ? sstr(it, f->member) : ys_json_str(it);

		if (!v || !*v)
			continue;
		for (k = 0; k < 3 && f->calls[k]; k++)
			add(p, e, f->calls[k], call->region, global ? "global" : call->region,
			    f->param[k], v, 0);
	}
}

/* A bucket's calls go to the bucket's own region. */
static void bucket_located(struct ys_plan *p, struct ys_engine *e, const struct ys_call *call,
			   const struct ys_jval *root)
{
	const char *loc = sstr(root, "LocationConstraint"), *bucket = call->params[0].value;
	size_t i;

	if (!*loc)
		loc = "us-east-1";
	else if (!strcmp(loc, "EU"))
		loc = "eu-west-1";
	for (i = 0; i < sizeof(bucket_calls) / sizeof(bucket_calls[0]); i++)
		add(p, e, bucket_calls[i], loc, "global", "Bucket", bucket, 0);
}

/* Trails are asked about in their home region. */
static void trails(struct ys_plan *p, struct ys_engine *e, const struct ys_call *call,
		   const struct ys_jval *root)
{
	const struct ys_jval *list = ys_json_get(root, "trailList");
	size_t i;

	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const struct ys_jval *t = &list->u.items[i];
		const char *home = sstr(t, "HomeRegion"), *name = sstr(t, "Name");

		if (!*name || (*home && strcmp(home, call->region)))
			continue;
		add(p, e, "cloudtrail/get-trail-status", call->region, call->region, "Name", name, 0);
		add(p, e, "cloudtrail/get-event-selectors", call->region, call->region, "TrailName",
		    name, 0);
	}
}

static void regions_found(struct ys_plan *p, struct ys_engine *e, const struct ys_jval *root)
{
	const struct ys_jval *list = ys_json_get(root, "Regions");
	size_t i;

	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const char *r = sstr(&list->u.items[i], "RegionName");

		if (!*r || ys_grow(&p->regions, &p->cap, p->nregions, sizeof(char *), 8) ||
		    !(p->regions[p->nregions] = strdup(r)))
			continue;
		p->nregions++;
		add_region(p, e, r);
	}
}

/* The report is written decoded, as credential-report.csv, which audit reads first. */
static void report_arrived(struct ys_engine *e, const struct ys_jval *root)
{
	const char *content = sstr(root, "Content");
	size_t n = strlen(content);
	char *csv = malloc(n + 4);
	struct ys_error err = {0};
	long len;

	if (!csv)
		return;
	len = ys_base64_decode(content, n, (unsigned char *)csv);
	if (len >= 0)
		ys_engine_write(e, "global/iam/credential-report.csv", csv, (size_t)len, &err);
	free(csv);
}

void ys_plan_done(struct ys_engine *e, const struct ys_call *call, const char *json, size_t len,
		  const char *code, void *ctx)
{
	struct ys_plan *p = ctx;
	const char *cli = call->op->cli;
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	const struct ys_jval *root;
	size_t i;

	if (code || !json || ys_json_parse(json, len, &doc, &err))
		return;
	root = ys_jdoc_root(doc);
	if (!strcmp(cli, "sts/get-caller-identity")) {
		ys_engine_set_account(e, sstr(root, "Account"));
		add_call(p, e, "s3control/get-public-access-block", HOME, "global", "AccountId",
			 sstr(root, "Account"), 0, 0);
	} else if (!strcmp(cli, "iam/generate-credential-report")) {
		/* AWS writes the report in a few seconds: ask again until it says COMPLETE */
		if (!strcmp(sstr(root, "State"), "COMPLETE"))
			add(p, e, "iam/get-credential-report", HOME, "global", NULL, NULL, 0);
		else if (p->report_tries++ < 30)
			add(p, e, cli, HOME, "global", NULL, NULL, 2000);
	} else if (!strcmp(cli, "iam/get-credential-report")) {
		report_arrived(e, root);
	} else if (!strcmp(cli, "ec2/describe-regions")) {
		regions_found(p, e, root);
	} else if (!strcmp(cli, "s3/get-bucket-location")) {
		bucket_located(p, e, call, root);
	} else if (!strcmp(cli, "cloudtrail/describe-trails")) {
		trails(p, e, call, root);
	} else {
		for (i = 0; i < sizeof(fanouts) / sizeof(fanouts[0]); i++)
			if (!strcmp(cli, fanouts[i].from))
				fan_out(p, e, &fanouts[i], call, root);
	}
	ys_jdoc_free(doc);
}
