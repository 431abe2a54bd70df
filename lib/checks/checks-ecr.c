/* checks-ecr.c: private ECR repositories are not open to other accounts, scan their images,
 * keep tags immutable and expire old images */
#include <stdio.h>
#include <string.h>
#include "checks-containers.h"
#include "../banned.h"

/* Pulling, pushing and taking over a repository */
static const char *const repo_actions[] = {
	"ecr:BatchGetImage",
	"ecr:GetDownloadUrlForLayer",
	"ecr:BatchCheckLayerAvailability",
	"ecr:PutImage",
	"ecr:InitiateLayerUpload",
	"ecr:UploadLayerPart",
	"ecr:CompleteLayerUpload",
	"ecr:BatchDeleteImage",
	"ecr:DeleteRepository",
	"ecr:SetRepositoryPolicy",
	NULL,
};

static void public_one(struct ys_audit *a, const char *region, const struct ys_jval *r, void *ctx)
{
	const char *name = ys_str(r, "repositoryName"), *arn = ys_str(r, "repositoryArn");
	const struct ys_jval *p;
	char rel[96], what[320];
	int absent;

	(void)ctx;
	if (!*name)
		return;
	ys_about(a, name);
	snprintf(rel, sizeof(rel), "%s/ecr/get-repository-policy", region);
	p = ys_need_x(a, rel, name, region, "RepositoryPolicyNotFoundException", &absent);
	snprintf(what, sizeof(what), "repository %s", name);
	if (absent)
		ys_pass(a, arn, region,
			"repository %s has no policy: only this account's own IAM "
			"principals can reach it",
			name);
	else if (p)
		ys_cx_policy_exposure(a, ys_json_get(p, "policyText"), arn, region, what, rel, name,
				      repo_actions);
	ys_about(a, NULL);
}

void ys_check_ecr_public(struct ys_audit *a)
{
	ys_each_item(a, "ecr/describe-repositories", "repositories", public_one, NULL);
}

/* The registry's rule that scans repository name on push or continuously, or NULL */
static const struct ys_jval *scan_rule(const struct ys_jval *cfg, const char *name)
{
	const struct ys_jval *rules = ys_json_get(cfg, "rules"), *r;
	size_t i, j;

	for (i = 0; (r = ys_item(rules, i)); i++) {
		const struct ys_jval *fl = ys_json_get(r, "repositoryFilters");
		const char *freq = ys_str(r, "scanFrequency");

		if (strcmp(freq, "SCAN_ON_PUSH") && strcmp(freq, "CONTINUOUS_SCAN"))
			continue;
		for (j = 0; j < ys_count(fl); j++)
			if (ys_cx_wildcard(ys_str(ys_item(fl, j), "filter"), name))
				return ys_item(fl, j);
	}
	return NULL;
}

static void scan_one(struct ys_audit *a, const char *region, const struct ys_jval *r, void *ctx)
{
	const char *name = ys_str(r, "repositoryName"), *arn = ys_str(r, "repositoryArn");
	int on_push = ys_bool(ys_json_get(r, "imageScanningConfiguration"), "scanOnPush") == 1;
	const struct ys_snap_file *f;
	const struct ys_jval *cfg, *hit;
	char rel[96];

	(void)ctx;
	ys_about(a, name);
	snprintf(rel, sizeof(rel), "%s/ecr/get-registry-scanning-configuration", region);
	f = ys_snapshot_get(a->snap, rel);
	if (f->status != YS_SNAP_OK) {
		if (on_push) /* the registry's default, basic scanning, honours the repository's */
			ys_pass(a, arn, region, "repository %s scans each image pushed to it",
				name);
		else if (ys_need(a, rel, region))
			ys_fail(a, arn, region, "repository %s never scans its images", name);
		goto out;
	}
	cfg = ys_json_get(f->root, "scanningConfiguration");
	if ((hit = scan_rule(cfg, name)))
		ys_pass(a, arn, region,
			"repository %s is scanned by the registry's %s scanning "
			"(filter %s)",
			name, !strcmp(ys_str(cfg, "scanType"), "ENHANCED") ? "enhanced" : "basic",
			ys_str(hit, "filter"));
	else if (!strcmp(ys_str(cfg, "scanType"), "ENHANCED"))
		ys_fail(a, arn, region,
			"repository %s matches none of the registry's enhanced "
			"scanning filters: its images are never scanned",
			name);
	else if (on_push)
		ys_pass(a, arn, region, "repository %s scans each image pushed to it", name);
	else
		ys_fail(a, arn, region,
			"repository %s never scans its images: neither scan on push "
			"nor a registry scanning rule covers it",
			name);
out:
	ys_about(a, NULL);
}

void ys_check_ecr_scan(struct ys_audit *a)
{
	ys_each_item(a, "ecr/describe-repositories", "repositories", scan_one, NULL);
}

static void immutable_one(struct ys_audit *a, const char *region, const struct ys_jval *r,
			  void *ctx)
{
	const char *name = ys_str(r, "repositoryName"), *arn = ys_str(r, "repositoryArn");
	const char *m = ys_str(r, "imageTagMutability");

	(void)ctx;
	ys_about(a, name);
	if (!strncmp(m, "IMMUTABLE", 9))
		ys_pass(a, arn, region, "repository %s's tags are immutable%s", name,
			m[9] ? " (but for its exclusions)" : "");
	else
		ys_fail(a, arn, region,
			"repository %s lets a push move an existing tag: whoever can "
			"push can swap the image behind a tag that is already deployed",
			name);
	ys_about(a, NULL);
}

void ys_check_ecr_immutable(struct ys_audit *a)
{
	ys_each_item(a, "ecr/describe-repositories", "repositories", immutable_one, NULL);
}

static void lifecycle_one(struct ys_audit *a, const char *region, const struct ys_jval *r,
			  void *ctx)
{
	const char *name = ys_str(r, "repositoryName"), *arn = ys_str(r, "repositoryArn");
	char rel[96];
	int absent;

	(void)ctx;
	ys_about(a, name);
	snprintf(rel, sizeof(rel), "%s/ecr/get-lifecycle-policy", region);
	if (ys_need_x(a, rel, name, region, "LifecyclePolicyNotFoundException", &absent))
		ys_pass(a, arn, region, "repository %s has a lifecycle policy expiring old images",
			name);
	else if (absent)
		ys_fail(a, arn, region,
			"repository %s has no lifecycle policy: old images, with "
			"their unpatched flaws, stay pullable forever",
			name);
	ys_about(a, NULL);
}

void ys_check_ecr_lifecycle(struct ys_audit *a)
{
	ys_each_item(a, "ecr/describe-repositories", "repositories", lifecycle_one, NULL);
}
