/* checks-elb.c: load balancers (FSBP ELB controls): the listeners and attributes of
 * application, network and gateway load balancers, and those of classic load balancers */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

/* The TLS 1.3 security policies AWS recommends for HTTPS and TLS listeners (the Security Hub
 * ELB.17 control's list and the 2025-09 post-quantum policies of the Elastic Load Balancing
 * guides' "Security policies" pages, as of December 2026). The TLS13-1-0 and TLS13-1-1
 * policies are left out: they still accept TLS 1.0 and 1.1. */
static const char *const recommended[] = {
	"ELBSecurityPolicy-TLS13-1-2-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
};

static int is_recommended(const char *policy)
{
	size_t i;

	for (i = 0; i < sizeof(recommended) / sizeof(recommended[0]); i++)
		if (!strcmp(policy, recommended[i]))
			return 1;
	return 0;
}

/* Appends item to the comma-separated list buf[n] */
static void list_add(char *buf, size_t n, const char *item)
{
	size_t k = strlen(buf);

	if (k < n)
		snprintf(buf + k, n - k, "%s%s", k ? ", " : "", item);
}

/* Whether word is one of the comma-separated words of list */
static int word_in(const char *list, const char *word)
{
	size_t wl = strlen(word);
	const char *p = list;

	while (wl && (p = strstr(p, word))) {
		if ((p == list || p[-1] == ',') && (p[wl] == ',' || !p[wl]))
			return 1;
		p += wl;
	}
	return 0;
}

/* A load balancer of elbv2's describe-load-balancers */
struct lb2 {
	const char *name, *arn, *type, *region;
	const struct ys_jval *raw;
};

typedef void (*lb2_fn)(struct ys_audit *a, const struct lb2 *l);

struct lb2_ctx {
	const char *types; /* "application,network" */
	lb2_fn fn;
};

static void lb2_one(struct ys_audit *a, const char *region, const struct ys_jval *it, void *ctx)
{
	const struct lb2_ctx *c = ctx;
	struct lb2 l = {ys_str(it, "LoadBalancerName"), ys_str(it, "LoadBalancerArn"),
			ys_str(it, "Type"), region, it};

	if (!word_in(c->types, l.type))
		return;
	ys_about(a, l.name);
	c->fn(a, &l);
	ys_about(a, NULL);
}

/* Calls fn for each load balancer of the types (comma-separated) in every region */
static void each_lb2(struct ys_audit *a, const char *types, lb2_fn fn)
{
	struct lb2_ctx c = {types, fn};

	ys_each_item(a, "elbv2/describe-load-balancers", "LoadBalancers", lb2_one, &c);
}

/* The per-resource call "<region>/<call>" about resource, or NULL after a finding */
static const struct ys_jval *need_res(struct ys_audit *a, const char *region, const char *call,
				      const char *resource)
{
	char rel[160];

	snprintf(rel, sizeof(rel), "%s/%s", region, call);
	return ys_need_x(a, rel, resource, region, NULL, NULL);
}

/* The value of the load balancer's attribute key, "" when not listed, NULL after a finding */
static const char *lb2_attr(struct ys_audit *a, const struct lb2 *l, const char *key)
{
	const struct ys_jval *r = need_res(a, l->region, "elbv2/describe-load-balancer-attributes",
					   l->arn);
	const struct ys_jval *list = ys_json_get(r, "Attributes");
	size_t i;

	if (!r)
		return NULL;
	for (i = 0; i < ys_count(list); i++)
		if (!strcmp(ys_str(ys_item(list, i), "Key"), key))
			return ys_str(ys_item(list, i), "Value");
	return "";
}

/* The load balancer's describe-listeners answer, or NULL after a finding */
static const struct ys_jval *lb2_listeners(struct ys_audit *a, const struct lb2 *l)
{
	return need_res(a, l->region, "elbv2/describe-listeners", l->arn);
}

/* Whether a listener's default action redirects to HTTPS */
static int redirects_https(const struct ys_jval *lis)
{
	const struct ys_jval *acts = ys_json_get(lis, "DefaultActions");
	size_t i;

	for (i = 0; i < ys_count(acts); i++) {
		const struct ys_jval *act = ys_item(acts, i);

		if (!strcmp(ys_str(act, "Type"), "redirect") &&
		    !strcmp(ys_str(ys_json_get(act, "RedirectConfig"), "Protocol"), "HTTPS"))
			return 1;
	}
	return 0;
}

/* "HTTP port 80" into out[n] */
static const char *listener_words(const struct ys_jval *lis, char *out, size_t n)
{
	snprintf(out, n, "%s port %.0f", ys_str(lis, "Protocol"), ys_num(lis, "Port"));
	return out;
}

/* ELB.1: an application load balancer's HTTP listeners redirect to HTTPS */
static void redirect_one(struct ys_audit *a, const struct lb2 *l)
{
	const struct ys_jval *r = lb2_listeners(a, l), *list = ys_json_get(r, "Listeners");
	char plain[256] = "", redir[256] = "", w[64];
	size_t i;

	if (!r)
		return;
	for (i = 0; i < ys_count(list); i++) {
		const struct ys_jval *lis = ys_item(list, i);

		if (strcmp(ys_str(lis, "Protocol"), "HTTP"))
			continue;
		snprintf(w, sizeof(w), "port %.0f", ys_num(lis, "Port"));
		list_add(redirects_https(lis) ? redir : plain, sizeof(plain), w);
	}
	if (*plain)
		ys_fail(a, l->arn, l->region,
			"load balancer %s serves plain HTTP on %s instead of redirecting to HTTPS: "
			"what its users send can be read and changed on the way",
			l->name, plain);
	else if (*redir)
		ys_pass(a, l->arn, l->region, "load balancer %s redirects HTTP on %s to HTTPS",
			l->name, redir);
	else
		ys_pass(a, l->arn, l->region, "load balancer %s has no HTTP listener", l->name);
}

void ys_check_elb_http_redirect(struct ys_audit *a)
{
	each_lb2(a, "application", redirect_one);
}

/* ELB.18: listeners of application and network load balancers encrypt (an HTTP listener that
 * only redirects to HTTPS carries nothing) */
static void encrypted_one(struct ys_audit *a, const struct lb2 *l)
{
	const struct ys_jval *r = lb2_listeners(a, l), *list = ys_json_get(r, "Listeners");
	char plain[256] = "", w[64];
	size_t i, n = 0;

	if (!r)
		return;
	for (i = 0; i < ys_count(list); i++) {
		const struct ys_jval *lis = ys_item(list, i);
		const char *proto = ys_str(lis, "Protocol");

		n++;
		if (!strcmp(proto, "HTTPS") || !strcmp(proto, "TLS") ||
		    (!strcmp(proto, "HTTP") && redirects_https(lis)))
			continue;
		list_add(plain, sizeof(plain), listener_words(lis, w, sizeof(w)));
	}
	if (*plain)
		ys_fail(a, l->arn, l->region,
			"load balancer %s takes unencrypted traffic on %s: anyone on the path can "
			"read it", l->name, plain);
	else if (n)
		ys_pass(a, l->arn, l->region, "load balancer %s's %zu listener%s use%s HTTPS or TLS "
					      "(or only redirect to HTTPS)", l->name, n,
			n == 1 ? "" : "s", n == 1 ? "s" : "");
	else
		ys_pass(a, l->arn, l->region, "load balancer %s has no listener", l->name);
}

void ys_check_elb_listeners_encrypted(struct ys_audit *a)
{
	each_lb2(a, "application,network", encrypted_one);
}

/* ELB.17: HTTPS and TLS listeners use one of AWS's recommended TLS 1.3 policies */
static void tls_policy_one(struct ys_audit *a, const struct lb2 *l)
{
	const struct ys_jval *r = lb2_listeners(a, l), *list = ys_json_get(r, "Listeners");
	char old[400] = "", good[256] = "", item[160];
	size_t i;

	if (!r)
		return;
	for (i = 0; i < ys_count(list); i++) {
		const struct ys_jval *lis = ys_item(list, i);
		const char *proto = ys_str(lis, "Protocol"), *pol = ys_str(lis, "SslPolicy");

		if (strcmp(proto, "HTTPS") && strcmp(proto, "TLS"))
			continue;
		if (is_recommended(pol)) {
			list_add(good, sizeof(good), pol);
			continue;
		}
		snprintf(item, sizeof(item), "%s listener on port %.0f uses %s", proto,
			 ys_num(lis, "Port"), *pol ? pol : "no named policy");
		list_add(old, sizeof(old), item);
	}
	if (*old)
		ys_fail(a, l->arn, l->region,
			"load balancer %s's %s, not one of AWS's recommended TLS 1.3 policies: "
			"older protocol versions or weaker ciphers are accepted",
			l->name, old);
	else if (*good)
		ys_pass(a, l->arn, l->region, "load balancer %s uses a recommended TLS policy (%s)",
			l->name, good);
	else
		ys_pass(a, l->arn, l->region, "load balancer %s has no HTTPS or TLS listener",
			l->name);
}

void ys_check_elb_tls_policy(struct ys_audit *a)
{
	each_lb2(a, "application,network", tls_policy_one);
}

/* An on/off attribute of elbv2 load balancers: pass when its value is "true" */
struct flag {
	const char *key, *on, *off;
};

static const struct flag drop_headers = {
	"routing.http.drop_invalid_header_fields.enabled",
	"drops requests whose HTTP headers are invalid",
	"passes requests with invalid HTTP headers on to its targets, a way to smuggle requests "
	"past it"};
static const struct flag deletion = {
	"deletion_protection.enabled", "is protected from deletion",
	"can be deleted by one call or one mistake: deletion protection is off"};

static void flag_one(struct ys_audit *a, const struct lb2 *l, const struct flag *f)
{
	const char *v = lb2_attr(a, l, f->key);

	if (!v)
		return;
	if (!strcmp(v, "true"))
		ys_pass(a, l->arn, l->region, "load balancer %s %s", l->name, f->on);
	else
		ys_fail(a, l->arn, l->region, "load balancer %s %s", l->name, f->off);
}

static void drop_headers_one(struct ys_audit *a, const struct lb2 *l)
{
	flag_one(a, l, &drop_headers);
}

void ys_check_elb_drop_invalid_headers(struct ys_audit *a)
{
	each_lb2(a, "application", drop_headers_one);
}

static void deletion_one(struct ys_audit *a, const struct lb2 *l)
{
	flag_one(a, l, &deletion);
}

void ys_check_elb_deletion_protection(struct ys_audit *a)
{
	each_lb2(a, "application,network,gateway", deletion_one);
}

/* ELB.12 and ELB.14: the desync mitigation mode; AWS's default is defensive */
static void desync_words(struct ys_audit *a, const char *arn, const char *region,
			 const char *kind, const char *name, const char *mode)
{
	if (!*mode)
		ys_pass(a, arn, region, "%s %s uses AWS's default desync mitigation mode "
					"(defensive)", kind, name);
	else if (!strcmp(mode, "defensive") || !strcmp(mode, "strictest"))
		ys_pass(a, arn, region, "%s %s uses the %s desync mitigation mode", kind, name,
			mode);
	else
		ys_fail(a, arn, region, "%s %s's desync mitigation mode is %s: ambiguous requests "
					"(HTTP desync, request smuggling) reach its targets",
			kind, name, mode);
}

static void desync_one(struct ys_audit *a, const struct lb2 *l)
{
	const char *v = lb2_attr(a, l, "routing.http.desync_mitigation_mode");

	if (v)
		desync_words(a, l->arn, l->region, "load balancer", l->name, v);
}

void ys_check_elb_desync_mitigation(struct ys_audit *a)
{
	each_lb2(a, "application", desync_one);
}

/* ELB.10 and ELB.13: zones, from the list of zone objects (elbv2) or names (classic) */
static void zones_words(struct ys_audit *a, const char *arn, const char *region,
			const char *kind, const char *name, const struct ys_jval *zones)
{
	size_t n = ys_count(zones);

	if (!zones)
		ys_emit(a, YS_F_SKIP, arn, region, "%s %s: the snapshot does not list its zones",
			kind, name);
	else if (n >= 2)
		ys_pass(a, arn, region, "%s %s spans %zu availability zones", kind, name, n);
	else
		ys_fail(a, arn, region, "%s %s is in %s availability zone: when it fails, the "
					"service behind it is down", kind, name,
			n ? "a single" : "no");
}

static void zones2_one(struct ys_audit *a, const struct lb2 *l)
{
	zones_words(a, l->arn, l->region, "load balancer", l->name,
		    ys_json_get(l->raw, "AvailabilityZones"));
}

void ys_check_elb_multi_az(struct ys_audit *a)
{
	each_lb2(a, "application,network,gateway", zones2_one);
}

/* ELB.5 for application load balancers */
static void logs2_one(struct ys_audit *a, const struct lb2 *l)
{
	const char *v = lb2_attr(a, l, "access_logs.s3.enabled");

	if (!v)
		return;
	if (!strcmp(v, "true"))
		ys_pass(a, l->arn, l->region, "load balancer %s writes access logs to bucket %s",
			l->name, lb2_attr(a, l, "access_logs.s3.bucket"));
	else
		ys_fail(a, l->arn, l->region, "load balancer %s keeps no access log: who sent "
					      "which request cannot be found afterwards", l->name);
}

/* A classic load balancer of elb's describe-load-balancers */
struct lb1 {
	const char *name, *region;
	char arn[256];
	const struct ys_jval *raw;
};

typedef void (*lb1_fn)(struct ys_audit *a, const struct lb1 *l);

static void lb1_one(struct ys_audit *a, const char *region, const struct ys_jval *it, void *ctx)
{
	lb1_fn fn = *(lb1_fn *)ctx;
	struct lb1 l = {ys_str(it, "LoadBalancerName"), region, "", it};

	snprintf(l.arn, sizeof(l.arn), "arn:aws:elasticloadbalancing:%s:%s:loadbalancer/%s", region,
		 a->account, l.name);
	ys_about(a, l.name);
	fn(a, &l);
	ys_about(a, NULL);
}

static void each_lb1(struct ys_audit *a, lb1_fn fn)
{
	ys_each_item(a, "elb/describe-load-balancers", "LoadBalancerDescriptions", lb1_one, &fn);
}

/* The classic load balancer's LoadBalancerAttributes, or NULL after a finding */
static const struct ys_jval *lb1_attrs(struct ys_audit *a, const struct lb1 *l)
{
	const struct ys_jval *r = need_res(a, l->region, "elb/describe-load-balancer-attributes",
					   l->name);
	const struct ys_jval *at = ys_json_get(r, "LoadBalancerAttributes");

	if (r && !at)
		ys_emit(a, YS_F_ERROR, l->arn, l->region,
			"classic load balancer %s: its attributes hold no LoadBalancerAttributes",
			l->name);
	return at;
}

static void logs1_one(struct ys_audit *a, const struct lb1 *l)
{
	const struct ys_jval *at = lb1_attrs(a, l), *log = ys_json_get(at, "AccessLog");

	if (!at)
		return;
	if (ys_bool(log, "Enabled") == 1)
		ys_pass(a, l->arn, l->region, "classic load balancer %s writes access logs to "
					      "bucket %s", l->name, ys_str(log, "S3BucketName"));
	else
		ys_fail(a, l->arn, l->region, "classic load balancer %s keeps no access log: who "
					      "sent which request cannot be found afterwards",
			l->name);
}

void ys_check_elb_access_logs(struct ys_audit *a)
{
	each_lb2(a, "application", logs2_one);
	each_lb1(a, logs1_one);
}

/* ELB.3: a classic load balancer's listeners are HTTPS or SSL */
static void classic_tls_one(struct ys_audit *a, const struct lb1 *l)
{
	const struct ys_jval *list = ys_json_get(l->raw, "ListenerDescriptions");
	char plain[256] = "", w[64];
	size_t i;

	for (i = 0; i < ys_count(list); i++) {
		const struct ys_jval *lis = ys_json_get(ys_item(list, i), "Listener");
		const char *proto = ys_str(lis, "Protocol");

		if (!strcmp(proto, "HTTPS") || !strcmp(proto, "SSL"))
			continue;
		snprintf(w, sizeof(w), "%s port %.0f", proto, ys_num(lis, "LoadBalancerPort"));
		list_add(plain, sizeof(plain), w);
	}
	if (*plain)
		ys_fail(a, l->arn, l->region, "classic load balancer %s takes unencrypted traffic "
					      "on %s: anyone on the path can read it",
			l->name, plain);
	else
		ys_pass(a, l->arn, l->region, "classic load balancer %s's %zu listener%s use%s "
					      "HTTPS or SSL", l->name, ys_count(list),
			ys_count(list) == 1 ? "" : "s", ys_count(list) == 1 ? "s" : "");
}

void ys_check_elb_classic_listeners_encrypted(struct ys_audit *a)
{
	each_lb1(a, classic_tls_one);
}

static void draining_one(struct ys_audit *a, const struct lb1 *l)
{
	const struct ys_jval *at = lb1_attrs(a, l), *cd = ys_json_get(at, "ConnectionDraining");

	if (!at)
		return;
	if (ys_bool(cd, "Enabled") == 1)
		ys_pass(a, l->arn, l->region, "classic load balancer %s lets requests finish "
					      "(connection draining, %.0f seconds) before removing "
					      "an instance", l->name, ys_num(cd, "Timeout"));
	else
		ys_fail(a, l->arn, l->region, "classic load balancer %s cuts open requests when an "
					      "instance leaves: connection draining is off", l->name);
}

void ys_check_elb_classic_draining(struct ys_audit *a)
{
	each_lb1(a, draining_one);
}

static void cross_zone_one(struct ys_audit *a, const struct lb1 *l)
{
	const struct ys_jval *at = lb1_attrs(a, l);

	if (!at)
		return;
	if (ys_bool(ys_json_get(at, "CrossZoneLoadBalancing"), "Enabled") == 1)
		ys_pass(a, l->arn, l->region, "classic load balancer %s spreads requests over the "
					      "instances of every zone", l->name);
	else
		ys_fail(a, l->arn, l->region, "classic load balancer %s keeps each zone's requests "
					      "in that zone: cross-zone load balancing is off, so "
					      "one zone's instances can be swamped", l->name);
}

void ys_check_elb_classic_cross_zone(struct ys_audit *a)
{
	each_lb1(a, cross_zone_one);
}

static void zones1_one(struct ys_audit *a, const struct lb1 *l)
{
	zones_words(a, l->arn, l->region, "classic load balancer", l->name,
		    ys_json_get(l->raw, "AvailabilityZones"));
}

void ys_check_elb_classic_multi_az(struct ys_audit *a)
{
	each_lb1(a, zones1_one);
}

static void desync1_one(struct ys_audit *a, const struct lb1 *l)
{
	const struct ys_jval *at = lb1_attrs(a, l), *add = ys_json_get(at, "AdditionalAttributes");
	const char *mode = "";
	size_t i;

	if (!at)
		return;
	for (i = 0; i < ys_count(add); i++)
		if (!strcmp(ys_str(ys_item(add, i), "Key"), "elb.http.desyncmitigationmode"))
			mode = ys_str(ys_item(add, i), "Value");
	desync_words(a, l->arn, l->region, "classic load balancer", l->name, mode);
}

void ys_check_elb_classic_desync_mitigation(struct ys_audit *a)
{
	each_lb1(a, desync1_one);
}
