/* checks-eks.c: EKS clusters keep their API endpoint private, run a Kubernetes version AWS
 * still patches, encrypt Kubernetes secrets with a KMS key and log the API's audit trail */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "checks-containers.h"
#include "../base/isotime.h"
#include "../banned.h"

typedef void (*eks_fn)(struct ys_audit *, const char *region, const struct ys_jval *c);

static void eks_region(struct ys_audit *a, const char *region, const struct ys_jval *root,
		       void *ctx)
{
	const struct ys_jval *names = ys_json_get(root, "clusters"), *d, *c;
	eks_fn fn = *(eks_fn *)ctx;
	char rel[96];
	size_t i;

	snprintf(rel, sizeof(rel), "%s/eks/describe-cluster", region);
	for (i = 0; names && names->type == YS_J_ARRAY && i < names->len; i++) {
		const char *name = ys_json_str(&names->u.items[i]);

		if (!name || !*name)
			continue;
		ys_about(a, name);
		if ((d = ys_need_x(a, rel, name, region, NULL, NULL)) &&
		    (c = ys_json_get(d, "cluster")) && c->type == YS_J_OBJECT)
			fn(a, region, c);
		ys_about(a, NULL);
	}
}

/* Calls fn with each cluster of every region (describe-cluster's "cluster"), its name as subject */
static void each_cluster(struct ys_audit *a, eks_fn fn)
{
	ys_each_region(a, "eks/list-clusters", eks_region, &fn);
}

static void endpoint_one(struct ys_audit *a, const char *region, const struct ys_jval *c)
{
	const struct ys_jval *v = ys_json_get(c, "resourcesVpcConfig");
	const struct ys_jval *cidrs = ys_json_get(v, "publicAccessCidrs");
	const char *name = ys_str(c, "name"), *arn = ys_str(c, "arn");
	char list[256] = "";
	size_t i, k = 0;
	int open = !cidrs || !cidrs->len;

	if (ys_bool(v, "endpointPublicAccess") == 0) {
		ys_pass(a, arn, region, "cluster %s's API endpoint is reachable only from its VPC",
			name);
		return;
	}
	for (i = 0; cidrs && cidrs->type == YS_J_ARRAY && i < cidrs->len; i++) {
		const char *s = ys_json_str(&cidrs->u.items[i]);

		if (!s)
			continue;
		open |= !strcmp(s, "0.0.0.0/0") || !strcmp(s, "::/0");
		if (k < sizeof(list))
			k += (size_t)snprintf(list + k, sizeof(list) - k, "%s%s", k ? ", " : "", s);
	}
	if (open)
		ys_fail(a, arn, region,
			"cluster %s's Kubernetes API endpoint is open to the whole "
			"internet: one leaked kubeconfig or API flaw away from the cluster",
			name);
	else
		ys_fail(a, arn, region,
			"cluster %s's Kubernetes API endpoint is public, limited to "
			"%s",
			name, list);
}

void ys_check_eks_endpoint_public(struct ys_audit *a)
{
	each_cluster(a, endpoint_one);
}

/* Kubernetes versions on Amazon EKS and the days their standard and extended support end, from
 * the Amazon EKS User Guide's "Understand the Kubernetes version lifecycle on EKS" page
 * (Amazon EKS Kubernetes release calendar, as of December 2026; 1.35's dates as endoflife.date
 * gives them). Versions older than the first row left extended support before it did. */
static const struct {
	int minor;
	const char *standard_end, *extended_end;
} k8s[] = {
	{29, "2025-03-23", "2026-03-23"}, {30, "2025-07-23", "2026-07-23"},
	{31, "2025-11-26", "2026-11-26"}, {32, "2026-03-23", "2027-03-23"},
	{33, "2026-07-29", "2027-07-29"}, {34, "2026-12-02", "2027-12-02"},
	{35, "2027-03-27", "2028-03-27"},
};

#define NK8S (sizeof(k8s) / sizeof(k8s[0]))

static int64_t day_time(const char *day)
{
	char t[32];

	snprintf(t, sizeof(t), "%sT00:00:00Z", day);
	return ys_time_parse(t);
}

static void version_one(struct ys_audit *a, const char *region, const struct ys_jval *c)
{
	const char *name = ys_str(c, "name"), *arn = ys_str(c, "arn"), *v = ys_str(c, "version");
	char *end;
	long major = strtol(v, &end, 10), minor = *end == '.' ? strtol(end + 1, NULL, 10) : -1;
	size_t i;

	if (major != 1 || minor < 0) {
		ys_emit(a, YS_F_ERROR, arn, region,
			"cluster %s's version '%s' is not a Kubernetes "
			"version",
			name, v);
		return;
	}
	if (minor < k8s[0].minor) {
		ys_fail(a, arn, region,
			"cluster %s runs Kubernetes %s, out of all support since "
			"before %s: no more security fixes, and AWS may upgrade it at any time",
			name, v, k8s[0].extended_end);
		return;
	}
	for (i = 0; i < NK8S && k8s[i].minor != minor; i++)
		;
	if (i == NK8S) {
		ys_pass(a, arn, region,
			"cluster %s runs Kubernetes %s, newer than 1.%d, the newest "
			"in yourside's calendar of support: in standard support",
			name, v, k8s[NK8S - 1].minor);
	} else if (a->now >= day_time(k8s[i].extended_end)) {
		ys_fail(a, arn, region,
			"cluster %s runs Kubernetes %s, out of all support since %s: "
			"no more security fixes, and AWS may upgrade it at any time",
			name, v, k8s[i].extended_end);
	} else if (a->now >= day_time(k8s[i].standard_end)) {
		ys_pass(a, arn, region,
			"cluster %s runs Kubernetes %s, still patched in extended "
			"support (at extra cost) until %s; standard support ended %s",
			name, v, k8s[i].extended_end, k8s[i].standard_end);
	} else {
		ys_pass(a, arn, region,
			"cluster %s runs Kubernetes %s, in standard support until %s", name, v,
			k8s[i].standard_end);
	}
}

void ys_check_eks_version(struct ys_audit *a)
{
	each_cluster(a, version_one);
}

static void secrets_one(struct ys_audit *a, const char *region, const struct ys_jval *c)
{
	const char *name = ys_str(c, "name"), *arn = ys_str(c, "arn");
	const struct ys_jval *ec = ys_json_get(c, "encryptionConfig"), *e;
	size_t i, j;

	for (i = 0; (e = ys_item(ec, i)); i++) {
		const struct ys_jval *res = ys_json_get(e, "resources");

		for (j = 0; res && res->type == YS_J_ARRAY && j < res->len; j++)
			if (ys_json_str(&res->u.items[j]) &&
			    !strcmp(ys_json_str(&res->u.items[j]), "secrets")) {
				ys_pass(a, arn, region,
					"cluster %s encrypts Kubernetes secrets with "
					"KMS key %s",
					name, ys_str(ys_json_get(e, "provider"), "keyArn"));
				return;
			}
	}
	ys_fail(a, arn, region,
		"cluster %s keeps Kubernetes secrets without envelope encryption "
		"under a KMS key of yours: whoever reads etcd or its backups reads them",
		name);
}

void ys_check_eks_secrets_encrypted(struct ys_audit *a)
{
	each_cluster(a, secrets_one);
}

static void audit_log_one(struct ys_audit *a, const char *region, const struct ys_jval *c)
{
	const char *name = ys_str(c, "name"), *arn = ys_str(c, "arn");
	const struct ys_jval *cl = ys_json_get(ys_json_get(c, "logging"), "clusterLogging"), *l;
	size_t i, j;

	for (i = 0; (l = ys_item(cl, i)); i++) {
		const struct ys_jval *types = ys_json_get(l, "types");

		if (ys_bool(l, "enabled") != 1)
			continue;
		for (j = 0; types && types->type == YS_J_ARRAY && j < types->len; j++)
			if (ys_json_str(&types->u.items[j]) &&
			    !strcmp(ys_json_str(&types->u.items[j]), "audit")) {
				ys_pass(a, arn, region,
					"cluster %s sends its Kubernetes audit log "
					"to CloudWatch Logs",
					name);
				return;
			}
	}
	ys_fail(a, arn, region,
		"cluster %s keeps no Kubernetes audit log: who read a secret, "
		"ran a pod or changed a role stays unknown",
		name);
}

void ys_check_eks_audit_logging(struct ys_audit *a)
{
	each_cluster(a, audit_log_one);
}
