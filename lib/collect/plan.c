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

/* A call with, where it needs one, an input of fixed value (--owner-ids self). */
struct fixed_call {
	const char *cli, *param, *value;
};

static const struct fixed_call global_calls[] = {
	{"iam/get-account-authorization-details", NULL, NULL}, {"iam/get-account-password-policy", NULL, NULL},
	{"iam/get-account-summary", NULL, NULL}, {"iam/list-virtual-mfa-devices", NULL, NULL},
	{"iam/list-server-certificates", NULL, NULL}, {"iam/list-users", NULL, NULL}, {"iam/generate-credential-report", NULL, NULL},
	{"s3/list-buckets", NULL, NULL}, {"cloudfront/list-distributions", NULL, NULL},
	/* whom the account trusts to sign in, and its organization (a member may ask) */
	{"iam/list-open-id-connect-providers", NULL, NULL}, {"iam/list-saml-providers", NULL, NULL},
	{"organizations/describe-organization", NULL, NULL},
};

static const struct fixed_call region_calls[] = {
	{"ec2/describe-instances", NULL, NULL}, {"ec2/describe-volumes", NULL, NULL}, {"ec2/get-ebs-encryption-by-default", NULL, NULL},
	{"ec2/describe-security-groups", NULL, NULL}, {"ec2/describe-network-acls", NULL, NULL}, {"ec2/describe-vpcs", NULL, NULL},
	{"ec2/describe-subnets", NULL, NULL}, {"ec2/describe-route-tables", NULL, NULL},
	{"ec2/describe-transit-gateways", NULL, NULL}, {"ec2/describe-flow-logs", NULL, NULL},
	{"ec2/describe-snapshots", "OwnerIds", "self"}, {"ec2/describe-images", "Owners", "self"},
	{"ec2/get-snapshot-block-public-access-state", NULL, NULL}, {"ec2/get-image-block-public-access-state", NULL, NULL},
	{"ec2/describe-launch-templates", NULL, NULL}, {"elb/describe-load-balancers", NULL, NULL},
	{"elbv2/describe-load-balancers", NULL, NULL}, {"elbv2/describe-target-groups", NULL, NULL},
	{"rds/describe-db-instances", NULL, NULL}, {"rds/describe-db-clusters", NULL, NULL}, {"rds/describe-db-snapshots", NULL, NULL},
	{"rds/describe-db-cluster-snapshots", NULL, NULL}, {"efs/describe-file-systems", NULL, NULL},
	{"lambda/list-functions", NULL, NULL}, {"cloudtrail/describe-trails", NULL, NULL}, {"logs/describe-metric-filters", NULL, NULL},
	{"cloudwatch/describe-alarms", NULL, NULL}, {"configservice/describe-configuration-recorders", NULL, NULL},
	{"configservice/describe-configuration-recorder-status", NULL, NULL}, {"guardduty/list-detectors", NULL, NULL},
	{"securityhub/describe-hub", NULL, NULL}, {"accessanalyzer/list-analyzers", NULL, NULL}, {"kms/list-keys", NULL, NULL},
	{"backup/list-backup-vaults", NULL, NULL}, {"backup/list-backup-plans", NULL, NULL}, {"sqs/list-queues", NULL, NULL},
	{"sns/list-topics", NULL, NULL}, {"ecr/describe-repositories", NULL, NULL},
	{"ecr/get-registry-scanning-configuration", NULL, NULL}, {"secretsmanager/list-secrets", NULL, NULL},
	{"dynamodb/list-tables", NULL, NULL}, {"ecs/list-clusters", NULL, NULL}, {"ecs/list-task-definitions", NULL, NULL},
	{"eks/list-clusters", NULL, NULL}, {"elasticache/describe-cache-clusters", NULL, NULL},
	{"elasticache/describe-replication-groups", NULL, NULL}, {"opensearch/list-domain-names", NULL, NULL},
	{"apigateway/get-rest-apis", NULL, NULL}, {"apigatewayv2/get-apis", NULL, NULL}, {"codebuild/list-projects", NULL, NULL},
	{"inspector2/batch-get-account-status", NULL, NULL},
	/* "-": the caller's own account */
	{"glacier/list-vaults", "accountId", "-"},
};

static const char *const bucket_calls[] = {
	"s3/get-bucket-policy", "s3/get-bucket-acl", "s3/get-public-access-block",
	"s3/get-bucket-versioning", "s3/get-bucket-encryption", "s3/get-bucket-logging",
	"s3/get-object-lock-configuration", "s3/get-bucket-replication",
	"s3/get-bucket-ownership-controls", "s3/get-bucket-lifecycle-configuration",
};

/* A per-item call: param takes the item's value (its answer's file is named by it), fixed
 * adds an input of fixed value, carry adds the input that named the listing call itself (the
 * cluster a service list came from). */
struct follow {
	const char *cli, *param, *fixed, *value;
	int carry;
};

/* An answer's list leading to per-item calls: list (a path "A.B" for a list inside a member)
 * [].member, or the list's strings when member is NULL. */
static const struct fanout {
	const char *from, *list, *member;
	struct follow to[3];
} fanouts[] = {
	{"iam/list-users", "Users", "UserName", {{"iam/list-access-keys", "UserName", NULL, NULL, 0}}},
	{"s3/list-buckets", "Buckets", "Name", {{"s3/get-bucket-location", "Bucket", NULL, NULL, 0}}},
	{"elbv2/describe-target-groups", "TargetGroups", "TargetGroupArn",
	 {{"elbv2/describe-target-health", "TargetGroupArn", NULL, NULL, 0}}},
	{"elbv2/describe-load-balancers", "LoadBalancers", "LoadBalancerArn",
	 {{"elbv2/describe-listeners", "LoadBalancerArn", NULL, NULL, 0},
	  {"elbv2/describe-load-balancer-attributes", "LoadBalancerArn", NULL, NULL, 0}}},
	{"elb/describe-load-balancers", "LoadBalancerDescriptions", "LoadBalancerName",
	 {{"elb/describe-load-balancer-attributes", "LoadBalancerName", NULL, NULL, 0}}},
	{"guardduty/list-detectors", "DetectorIds", NULL, {{"guardduty/get-detector", "DetectorId", NULL, NULL, 0}}},
	{"kms/list-keys", "Keys", "KeyId",
	 {{"kms/describe-key", "KeyId", NULL, NULL, 0}, {"kms/get-key-rotation-status", "KeyId", NULL, NULL, 0},
	  {"kms/get-key-policy", "KeyId", "PolicyName", "default", 0}}},
	{"backup/list-backup-plans", "BackupPlansList", "BackupPlanId",
	 {{"backup/get-backup-plan", "BackupPlanId", NULL, NULL, 0}}},
	{"lambda/list-functions", "Functions", "FunctionName",
	 {{"lambda/get-policy", "FunctionName", NULL, NULL, 0}, {"lambda/list-function-url-configs", "FunctionName", NULL, NULL, 0}}},
	{"ec2/describe-snapshots", "Snapshots", "SnapshotId",
	 {{"ec2/describe-snapshot-attribute", "SnapshotId", "Attribute", "createVolumePermission", 0}}},
	{"ec2/describe-launch-templates", "LaunchTemplates", "LaunchTemplateId",
	 {{"ec2/describe-launch-template-versions", "LaunchTemplateId", NULL, NULL, 0}}},
	{"rds/describe-db-snapshots", "DBSnapshots", "DBSnapshotIdentifier",
	 {{"rds/describe-db-snapshot-attributes", "DBSnapshotIdentifier", NULL, NULL, 0}}},
	{"rds/describe-db-cluster-snapshots", "DBClusterSnapshots", "DBClusterSnapshotIdentifier",
	 {{"rds/describe-db-cluster-snapshot-attributes", "DBClusterSnapshotIdentifier", NULL, NULL, 0}}},
	{"sqs/list-queues", "QueueUrls", NULL,
	 {{"sqs/get-queue-attributes", "QueueUrl", "AttributeNames", "All", 0}}},
	{"sns/list-topics", "Topics", "TopicArn", {{"sns/get-topic-attributes", "TopicArn", NULL, NULL, 0}}},
	{"ecr/describe-repositories", "repositories", "repositoryName",
	 {{"ecr/get-repository-policy", "repositoryName", NULL, NULL, 0},
	  {"ecr/get-lifecycle-policy", "repositoryName", NULL, NULL, 0}}},
	{"secretsmanager/list-secrets", "SecretList", "ARN",
	 {{"secretsmanager/get-resource-policy", "SecretId", NULL, NULL, 0}}},
	{"dynamodb/list-tables", "TableNames", NULL,
	 {{"dynamodb/describe-table", "TableName", NULL, NULL, 0},
	  {"dynamodb/describe-continuous-backups", "TableName", NULL, NULL, 0}}},
	{"ecs/list-clusters", "clusterArns", NULL,
	 {{"ecs/describe-clusters", "clusters", "include", "SETTINGS", 0},
	  {"ecs/list-services", "cluster", NULL, NULL, 0}}},
	{"ecs/list-services", "serviceArns", NULL, {{"ecs/describe-services", "services", NULL, NULL, 1}}},
	{"ecs/list-task-definitions", "taskDefinitionArns", NULL,
	 {{"ecs/describe-task-definition", "taskDefinition", NULL, NULL, 0}}},
	{"eks/list-clusters", "clusters", NULL, {{"eks/describe-cluster", "name", NULL, NULL, 0}}},
	{"opensearch/list-domain-names", "DomainNames", "DomainName",
	 {{"opensearch/describe-domain", "DomainName", NULL, NULL, 0}}},
	{"cloudfront/list-distributions", "DistributionList.Items", "Id",
	 {{"cloudfront/get-distribution-config", "Id", NULL, NULL, 0}}},
	{"apigateway/get-rest-apis", "items", "id", {{"apigateway/get-stages", "restApiId", NULL, NULL, 0}}},
	{"apigatewayv2/get-apis", "Items", "ApiId",
	 {{"apigatewayv2/get-routes", "ApiId", NULL, NULL, 0}, {"apigatewayv2/get-stages", "ApiId", NULL, NULL, 0}}},
	{"codebuild/list-projects", "projects", NULL, {{"codebuild/batch-get-projects", "names", NULL, NULL, 0}}},
	{"s3control/list-access-points", "AccessPointList", "Name",
	 {{"s3control/get-access-point", "Name", NULL, NULL, 1}}},
	/* resource policies (none set: PolicyNotFound, ResourceNotFoundException) */
	{"efs/describe-file-systems", "FileSystems", "FileSystemId",
	 {{"efs/describe-file-system-policy", "FileSystemId", NULL, NULL, 0}}},
	{"glacier/list-vaults", "VaultList", "VaultName",
	 {{"glacier/get-vault-access-policy", "vaultName", "accountId", "-", 0}}},
	{"backup/list-backup-vaults", "BackupVaultList", "BackupVaultName",
	 {{"backup/get-backup-vault-access-policy", "BackupVaultName", NULL, NULL, 0}}},
	{"iam/list-open-id-connect-providers", "OpenIDConnectProviderList", "Arn",
	 {{"iam/get-open-id-connect-provider", "OpenIDConnectProviderArn", NULL, NULL, 0}}},
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

/* Queues cli in region with params, its answer in "<place>/<cli>" (place: global or the
 * region), or, for a per-resource call, "<place>/<cli>/<resource>". */
static int add_params(struct ys_plan *p, struct ys_engine *e, const char *cli, const char *region,
		      const char *place, const struct ys_aws_param *prm, size_t n,
		      const char *resource, int64_t after)
{
	const struct ys_aws_op *op = ys_aws_op_find(p->shapes, cli);
	char rel[768];

	if (!op)
		return 0; /* not in this build's table */
	if (resource) {
		char *esc = malloc(3 * strlen(resource) + 1);

		if (!esc)
			return YS_ENOMEM;
		ys_snapshot_escape(resource, esc);
		snprintf(rel, sizeof(rel), "%s/%s/%s", place, cli, esc);
		free(esc);
	} else {
		snprintf(rel, sizeof(rel), "%s/%s", place, cli);
	}
	return ys_engine_add_after(e, after, op, region, prm, n, rel, NULL);
}

/* One input at most: a per-resource call when value is given and per_resource, else one call. */
static int add_call(struct ys_plan *p, struct ys_engine *e, const char *cli, const char *region,
		    const char *place, const char *param, const char *value, int per_resource,
		    int64_t after)
{
	struct ys_aws_param prm = {param, value};

	return add_params(p, e, cli, region, place, &prm, value ? 1 : 0,
			  value && per_resource ? value : NULL, after);
}

static int add(struct ys_plan *p, struct ys_engine *e, const char *cli, const char *region,
	       const char *place, const char *param, const char *value, int64_t after)
{
	return add_call(p, e, cli, region, place, param, value, value != NULL, after);
}

/* A call of the tables: with its fixed input, if any, into one file. */
static int add_fixed(struct ys_plan *p, struct ys_engine *e, const struct fixed_call *c,
		     const char *region, const char *place)
{
	return add_call(p, e, c->cli, region, place, c->param, c->value, 0, 0);
}

static int add_region(struct ys_plan *p, struct ys_engine *e, const char *region)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(region_calls) / sizeof(region_calls[0]) && !rc; i++)
		rc = add_fixed(p, e, &region_calls[i], region, region);
	return rc;
}

int ys_plan_start(struct ys_plan *p, struct ys_engine *e, struct ys_error *err)
{
	const struct ys_aws_op *sts = ys_aws_op_find(p->shapes, "sts/get-caller-identity");
	size_t i;
	/* the caller's identity is account.json, at the snapshot's top */
	int rc = sts ? ys_engine_add(e, sts, HOME, NULL, 0, "account", NULL) : 0;

	for (i = 0; i < sizeof(global_calls) / sizeof(global_calls[0]) && !rc; i++)
		rc = add_fixed(p, e, &global_calls[i], HOME, "global");
	/* the account's security contact, one file a contact type */
	if (!rc)
		rc = add(p, e, "account/get-alternate-contact", HOME, "global",
			 "AlternateContactType", "SECURITY", 0);
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
	const struct ys_jval *list = ys_json_path(root, f->list);
	int global = !strncmp(f->from, "s3/", 3) || !strncmp(f->from, "iam/", 4) ||
		     !strncmp(f->from, "cloudfront/", 11);
	size_t i, k;

	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const struct ys_jval *it = &list->u.items[i];
		const char *v = f->member ? sstr(it, f->member) : ys_json_str(it);

		if (!v || !*v)
			continue;
		for (k = 0; k < 3 && f->to[k].cli; k++) {
			const struct follow *t = &f->to[k];
			struct ys_aws_param prm[3] = {{t->param, v}, {NULL, NULL}, {NULL, NULL}};
			size_t n = 1;

			if (t->fixed)
				prm[n++] = (struct ys_aws_param){t->fixed, t->value};
			if (t->carry && call->nparams)
				prm[n++] = call->params[0];
			add_params(p, e, t->cli, call->region, global ? "global" : call->region, prm, n,
				   v, 0);
		}
	}
}

/* Each instance's user data, where credentials get pasted. */
static void instances(struct ys_plan *p, struct ys_engine *e, const struct ys_call *call,
		      const struct ys_jval *root)
{
	const struct ys_jval *res = ys_json_get(root, "Reservations");
	size_t i, k;

	for (i = 0; res && res->type == YS_J_ARRAY && i < res->len; i++) {
		const struct ys_jval *list = ys_json_get(&res->u.items[i], "Instances");

		for (k = 0; list && list->type == YS_J_ARRAY && k < list->len; k++) {
			const char *id = sstr(&list->u.items[k], "InstanceId");
			struct ys_aws_param prm[2] = {{"InstanceId", id}, {"Attribute", "userData"}};

			if (*id)
				add_params(p, e, "ec2/describe-instance-attribute", call->region,
					   call->region, prm, 2, id, 0);
		}
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

/* A region's S3 access points, listed under the account (known once STS has answered). */
static void access_points(struct ys_plan *p, struct ys_engine *e, const char *region)
{
	const char *account = ys_engine_account(e);

	if (account && *account)
		add_call(p, e, "s3control/list-access-points", region, region, "AccountId", account, 0,
			 0);
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
		access_points(p, e, r);
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
		/* Multi-Region Access Points are managed from us-west-2 alone */
		add_call(p, e, "s3control/list-multi-region-access-points", "us-west-2", "global",
			 "AccountId", sstr(root, "Account"), 0, 0);
		for (i = 0; i < p->nregions; i++)
			access_points(p, e, p->regions[i]);
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
		if (!strcmp(cli, "ec2/describe-instances"))
			instances(p, e, call, root);
		for (i = 0; i < sizeof(fanouts) / sizeof(fanouts[0]); i++)
			if (!strcmp(cli, fanouts[i].from))
				fan_out(p, e, &fanouts[i], call, root);
	}
	ys_jdoc_free(doc);
}
