/* checks-opensearch.c: OpenSearch (and Elasticsearch) domains stay off the open internet
 * (their access policies asked through lib/iam's evaluator), encrypt at rest, between nodes and
 * to clients, log errors and audits, run on enough nodes, control access finely and take
 * service software updates */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "exposure.h"
#include "../iam/policy.h"
#include "../banned.h"

static const char *const es_actions[] = {
	"es:ESHttpGet",	   "es:ESHttpPost",  "es:ESHttpPut", "es:ESHttpDelete",
	"es:ESHttpHead",   "es:ESHttpPatch", NULL,
};

typedef void (*domain_fn)(struct ys_audit *a, const char *region, const char *name,
			  const char *arn, const struct ys_jval *d);

struct walk {
	domain_fn fn;
};

/* Calls fn with each domain's DomainStatus (describe-domain). */
static void domain_one(struct ys_audit *a, const char *region, const struct ys_jval *it, void *ctx)
{
	const struct walk *w = ctx;
	const char *name = ys_str(it, "DomainName");
	const struct ys_jval *d, *st;
	char rel[128], arn[256];

	if (!*name)
		return;
	snprintf(rel, sizeof(rel), "%s/opensearch/describe-domain", region);
	ys_about(a, name);
	if ((d = ys_need_x(a, rel, name, region, NULL, NULL))) {
		st = ys_json_get(d, "DomainStatus");
		snprintf(arn, sizeof(arn), "%s", ys_str(st, "ARN"));
		if (!*arn)
			snprintf(arn, sizeof(arn), "arn:aws:es:%s:%s:domain/%s", region, a->account,
				 name);
		w->fn(a, region, name, arn, st);
	}
	ys_about(a, NULL);
}

static void each_domain(struct ys_audit *a, domain_fn fn)
{
	struct walk w = {fn};

	ys_each_item(a, "opensearch/list-domain-names", "DomainNames", domain_one, &w);
}

/* A member's Enabled flag: 1, 0, or -1. */
static int enabled(const struct ys_jval *d, const char *member)
{
	return ys_bool(ys_json_get(d, member), "Enabled");
}

/* OpenSearch.1 */
static void at_rest_one(struct ys_audit *a, const char *region, const char *name,
			const char *arn, const struct ys_jval *d)
{
	if (enabled(d, "EncryptionAtRestOptions") == 1)
		ys_pass(a, arn, region, "domain %s is encrypted at rest", name);
	else
		ys_fail(a, arn, region, "domain %s keeps its indexes, logs and swap unencrypted on "
					"disk", name);
}

void ys_check_opensearch_at_rest(struct ys_audit *a)
{
	each_domain(a, at_rest_one);
}

/* Whether an Allow of the policy holds a condition (an address range, an organization): only for
 * the words of a pass, the evaluator has judged it. */
static int conditioned(const struct ys_jval *pol)
{
	struct ys_policy p;
	struct ys_error err = {0};
	size_t i;
	int c = 0;

	if (ys_policy_parse(pol, &p, &err))
		return 0;
	for (i = 0; i < p.n; i++)
		c |= p.st[i].allow && p.st[i].condition;
	ys_policy_release(&p);
	return c;
}

/* OpenSearch.2: outside a VPC, the access policy is all that stands between the domain and the
 * internet. */
static void public_one(struct ys_audit *a, const char *region, const char *name, const char *arn,
		       const struct ys_jval *d)
{
	const struct ys_jval *pol = ys_json_get(d, "AccessPolicies");
	const char *vpc = ys_str(ys_json_get(d, "VPCOptions"), "VPCId");
	struct ys_exposure e;
	struct ys_error err = {0};
	char res[300], words[600], msg[700], rel[128];

	if (*vpc) {
		ys_pass(a, arn, region, "domain %s is inside VPC %s: the internet cannot reach it",
			name, vpc);
		return;
	}
	if (!pol || (pol->type == YS_J_STRING && !pol->len)) {
		ys_pass(a, arn, region, "domain %s has a public endpoint but no access policy: only "
					"this account's signed requests get in", name);
		return;
	}
	snprintf(res, sizeof(res), "%s/*", arn);
	if (ys_exposure_eval(pol, res, a->account, es_actions, &e, &err)) {
		snprintf(rel, sizeof(rel), "%s/opensearch/describe-domain", region);
		ys_emit(a, YS_F_ERROR, arn, region, "%s",
			ys_bad_file(a, rel, name, err.msg, msg, sizeof(msg)));
		return;
	}
	ys_exposure_words(&e, words, sizeof(words));
	if (e.anyone)
		ys_fail(a, arn, region, "domain %s is on the internet, outside any VPC, and its "
					"access policy lets anyone in: %s", name, words);
	else if (e.n)
		ys_fail(a, arn, region, "domain %s is on the internet, outside any VPC, and its "
					"access policy lets other accounts in: %s", name, words);
	else if (conditioned(pol))
		ys_pass(a, arn, region, "domain %s has a public endpoint, but its access policy lets "
					"in only this account and requests that meet its conditions "
					"(addresses, organization...)", name);
	else
		ys_pass(a, arn, region, "domain %s has a public endpoint, but its access policy lets "
					"nobody outside the account in", name);
}

void ys_check_opensearch_public(struct ys_audit *a)
{
	each_domain(a, public_one);
}

/* OpenSearch.3 */
static void node_to_node_one(struct ys_audit *a, const char *region, const char *name,
			     const char *arn, const struct ys_jval *d)
{
	if (enabled(d, "NodeToNodeEncryptionOptions") == 1)
		ys_pass(a, arn, region, "domain %s encrypts the traffic between its nodes", name);
	else
		ys_fail(a, arn, region, "the nodes of domain %s talk to each other in clear",
			name);
}

void ys_check_opensearch_node_to_node(struct ys_audit *a)
{
	each_domain(a, node_to_node_one);
}

/* OpenSearch.4, .5: a log type published to CloudWatch Logs. */
static void log_verdict(struct ys_audit *a, const char *region, const char *name, const char *arn,
			const struct ys_jval *d, const char *type, const char *what)
{
	const struct ys_jval *l = ys_json_get(ys_json_get(d, "LogPublishingOptions"), type);
	const char *group = ys_str(l, "CloudWatchLogsLogGroupArn");

	if (ys_bool(l, "Enabled") == 1 && *group)
		ys_pass(a, arn, region, "domain %s sends its %s to %s", name, what, group);
	else
		ys_fail(a, arn, region, "domain %s keeps no %s (%s is not published to CloudWatch "
					"Logs)", name, what, type);
}

static void error_logs_one(struct ys_audit *a, const char *region, const char *name,
			   const char *arn, const struct ys_jval *d)
{
	log_verdict(a, region, name, arn, d, "ES_APPLICATION_LOGS", "error logs");
}

void ys_check_opensearch_error_logs(struct ys_audit *a)
{
	each_domain(a, error_logs_one);
}

static void audit_logs_one(struct ys_audit *a, const char *region, const char *name,
			   const char *arn, const struct ys_jval *d)
{
	log_verdict(a, region, name, arn, d, "AUDIT_LOGS", "audit logs");
}

void ys_check_opensearch_audit_logs(struct ys_audit *a)
{
	each_domain(a, audit_logs_one);
}

/* OpenSearch.6 */
static void data_nodes_one(struct ys_audit *a, const char *region, const char *name,
			   const char *arn, const struct ys_jval *d)
{
	const struct ys_jval *c = ys_json_get(d, "ClusterConfig");
	double n = ys_num(c, "InstanceCount");

	if (n >= 3 && ys_bool(c, "ZoneAwarenessEnabled") == 1)
		ys_pass(a, arn, region, "domain %s runs %.0f data nodes across availability zones",
			name, n);
	else if (n >= 3)
		ys_fail(a, arn, region, "domain %s runs %.0f data nodes, all in one availability "
					"zone: losing the zone loses the domain", name, n);
	else
		ys_fail(a, arn, region, "domain %s runs %.0f data node%s: one failure can lose data "
					"or stop it", name, n < 0 ? 0 : n, n == 1 ? "" : "s");
}

void ys_check_opensearch_data_nodes(struct ys_audit *a)
{
	each_domain(a, data_nodes_one);
}

/* ES.7 (OpenSearch.11): three dedicated master nodes. */
static void masters_one(struct ys_audit *a, const char *region, const char *name,
			const char *arn, const struct ys_jval *d)
{
	const struct ys_jval *c = ys_json_get(d, "ClusterConfig");
	double n = ys_num(c, "DedicatedMasterCount");

	if (ys_bool(c, "DedicatedMasterEnabled") != 1)
		ys_fail(a, arn, region, "domain %s has no dedicated master nodes: its data nodes "
					"also manage the cluster, and a busy one can stall it", name);
	else if (n < 3)
		ys_fail(a, arn, region, "domain %s has %.0f dedicated master node%s: losing one "
					"can leave it without a quorum", name, n < 0 ? 0 : n,
			n == 1 ? "" : "s");
	else
		ys_pass(a, arn, region, "domain %s has %.0f dedicated master nodes", name, n);
}

void ys_check_opensearch_masters(struct ys_audit *a)
{
	each_domain(a, masters_one);
}

/* OpenSearch.7 */
static void fgac_one(struct ys_audit *a, const char *region, const char *name, const char *arn,
		     const struct ys_jval *d)
{
	const struct ys_jval *s = ys_json_get(d, "AdvancedSecurityOptions");

	if (ys_bool(s, "Enabled") != 1)
		ys_fail(a, arn, region, "domain %s has no fine-grained access control: whoever its "
					"access policy lets in may read and change every index",
			name);
	else if (ys_bool(s, "AnonymousAuthEnabled") == 1)
		ys_fail(a, arn, region, "domain %s has fine-grained access control but lets "
					"anonymous requests in", name);
	else
		ys_pass(a, arn, region, "domain %s has fine-grained access control", name);
}

void ys_check_opensearch_fgac(struct ys_audit *a)
{
	each_domain(a, fgac_one);
}

/* OpenSearch.8 */
static void tls_one(struct ys_audit *a, const char *region, const char *name, const char *arn,
		    const struct ys_jval *d)
{
	const struct ys_jval *o = ys_json_get(d, "DomainEndpointOptions");
	const char *pol = ys_str(o, "TLSSecurityPolicy");

	if (ys_bool(o, "EnforceHTTPS") != 1)
		ys_fail(a, arn, region, "domain %s takes plain HTTP: requests, passwords and data "
					"cross the network in clear", name);
	else if (strncmp(pol, "Policy-Min-TLS-1-2", 18))
		ys_fail(a, arn, region, "domain %s accepts TLS 1.0 and 1.1 (policy %s)", name,
			*pol ? pol : "none");
	else
		ys_pass(a, arn, region, "domain %s takes HTTPS only, TLS 1.2 or later (%s)", name,
			pol);
}

void ys_check_opensearch_tls(struct ys_audit *a)
{
	each_domain(a, tls_one);
}

/* OpenSearch.10 */
static void software_one(struct ys_audit *a, const char *region, const char *name,
			 const char *arn, const struct ys_jval *d)
{
	const struct ys_jval *s = ys_json_get(d, "ServiceSoftwareOptions");
	const char *cur = ys_str(s, "CurrentVersion"), *next = ys_str(s, "NewVersion");

	if (ys_bool(s, "UpdateAvailable") == 1)
		ys_fail(a, arn, region, "domain %s runs service software %s; %s%s is available "
					"with its fixes", name, *cur ? cur : "of an older release",
			*next ? "update " : "an update", next);
	else
		ys_pass(a, arn, region, "domain %s runs the latest service software%s%s", name,
			*cur ? " " : "", cur);
}

void ys_check_opensearch_software(struct ys_audit *a)
{
	each_domain(a, software_one);
}
