/* checks-cloudfront.c: CloudFront distributions, read from their full configuration: HTTPS to
 * viewers and origins, certificates and TLS policies, WAF, logs, failover, and origins that are
 * buckets (which must exist and be read through origin access control) or function URLs */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

struct dist {
	const char *id, *arn;
	char label[160]; /* "E2QWRUHAPOMQZL (www.acme.example)" */
	const struct ys_jval *cfg; /* its DistributionConfig */
	const void *ctx;	   /* the check's */
};

typedef void (*dist_fn)(struct ys_audit *a, const struct dist *d);

/* Calls fn with each distribution whose configuration the snapshot holds; the others become
 * skip or error findings. */
static void each_dist_x(struct ys_audit *a, dist_fn fn, const void *ctx)
{
	const struct ys_jval *root = ys_need(a, "global/cloudfront/list-distributions", NULL);
	const struct ys_jval *items, *it, *conf;
	struct dist d;
	size_t i;

	if (!root)
		return;
	d.ctx = ctx;
	items = ys_json_get(ys_json_get(root, "DistributionList"), "Items");
	for (i = 0; i < ys_count(items); i++) {
		const struct ys_jval *aliases;

		if (!(it = ys_item(items, i)))
			continue;
		d.id = ys_str(it, "Id");
		d.arn = ys_str(it, "ARN");
		aliases = ys_json_get(ys_json_get(it, "Aliases"), "Items");
		snprintf(d.label, sizeof(d.label), "%s (%s)", d.id,
			 ys_count(aliases) && ys_json_str(&aliases->u.items[0])
				 ? ys_json_str(&aliases->u.items[0])
				 : ys_str(it, "DomainName"));
		ys_about(a, d.id);
		conf = ys_need_x(a, "global/cloudfront/get-distribution-config", d.id, NULL, NULL,
				 NULL);
		if (conf && (d.cfg = ys_json_get(conf, "DistributionConfig")))
			fn(a, &d);
		ys_about(a, NULL);
	}
}

static void each_dist(struct ys_audit *a, dist_fn fn)
{
	each_dist_x(a, fn, NULL);
}

/* The i-th origin, cache behavior... of a {"Quantity", "Items"} member of the configuration */
static const struct ys_jval *nth(const struct dist *d, const char *member, size_t i)
{
	return ys_item(ys_json_get(ys_json_get(d->cfg, member), "Items"), i);
}

static size_t count(const struct dist *d, const char *member)
{
	return ys_count(ys_json_get(ys_json_get(d->cfg, member), "Items"));
}

/* The i-th cache behavior, the default one first; its path into path[n] */
static const struct ys_jval *behavior(const struct dist *d, size_t i, char *path, size_t n)
{
	const struct ys_jval *b;

	if (!i) {
		snprintf(path, n, "the default behavior");
		return ys_json_get(d->cfg, "DefaultCacheBehavior");
	}
	b = nth(d, "CacheBehaviors", i - 1);
	snprintf(path, n, "path %s", ys_str(b, "PathPattern"));
	return b;
}

/* CloudFront.1 */
static void root_object_one(struct ys_audit *a, const struct dist *d)
{
	const char *obj = ys_str(d->cfg, "DefaultRootObject");

	if (*obj)
		ys_pass(a, d->arn, NULL, "distribution %s answers its root URL with %s", d->label, obj);
	else
		ys_fail(a, d->arn, NULL,
			"distribution %s has no default root object: its root URL goes to the "
			"origin as it is, which may list the origin's files or show its errors",
			d->label);
}

void ys_check_cf_root_object(struct ys_audit *a)
{
	each_dist(a, root_object_one);
}

/* CloudFront.3 */
static void viewer_https_one(struct ys_audit *a, const struct dist *d)
{
	char path[160];
	size_t i;

	for (i = 0; i <= count(d, "CacheBehaviors"); i++) {
		const struct ys_jval *b = behavior(d, i, path, sizeof(path));

		if (!strcmp(ys_str(b, "ViewerProtocolPolicy"), "allow-all")) {
			ys_fail(a, d->arn, NULL,
				"distribution %s serves %s over plain HTTP too (viewer protocol "
				"policy allow-all): anyone on the network path reads or changes it",
				d->label, path);
			return;
		}
	}
	ys_pass(a, d->arn, NULL, "distribution %s serves viewers over HTTPS only (or redirects them)",
		d->label);
}

void ys_check_cf_viewer_https(struct ys_audit *a)
{
	each_dist(a, viewer_https_one);
}

/* CloudFront.4 */
static void failover_one(struct ys_audit *a, const struct dist *d)
{
	size_t i;

	for (i = 0; i < count(d, "OriginGroups"); i++) {
		const struct ys_jval *g = nth(d, "OriginGroups", i);

		if (ys_count(ys_json_get(ys_json_get(g, "Members"), "Items")) >= 2) {
			ys_pass(a, d->arn, NULL,
				"distribution %s fails over between the origins of group %s",
				d->label, ys_str(g, "Id"));
			return;
		}
	}
	ys_fail(a, d->arn, NULL,
		"distribution %s has no origin group of two origins: when its origin fails, "
		"viewers get errors",
		d->label);
}

void ys_check_cf_failover(struct ys_audit *a)
{
	each_dist(a, failover_one);
}

/* CloudFront.5 */
static void logging_one(struct ys_audit *a, const struct dist *d)
{
	const struct ys_jval *l = ys_json_get(d->cfg, "Logging");

	if (ys_bool(l, "Enabled") == 1)
		ys_pass(a, d->arn, NULL, "distribution %s logs its requests to %s", d->label,
			ys_str(l, "Bucket"));
	else
		ys_fail(a, d->arn, NULL,
			"distribution %s keeps no access log: who fetched what, from where, is not "
			"recorded",
			d->label);
}

void ys_check_cf_logging(struct ys_audit *a)
{
	each_dist(a, logging_one);
}

/* CloudFront.6 */
static void waf_one(struct ys_audit *a, const struct dist *d)
{
	const char *acl = ys_str(d->cfg, "WebACLId");

	if (*acl)
		ys_pass(a, d->arn, NULL, "distribution %s is behind the WAF web ACL %s", d->label, acl);
	else
		ys_fail(a, d->arn, NULL,
			"distribution %s has no WAF web ACL: injection attempts, bots and floods "
			"reach its origins unfiltered",
			d->label);
}

void ys_check_cf_waf(struct ys_audit *a)
{
	each_dist(a, waf_one);
}

static int default_cert(const struct dist *d)
{
	return ys_bool(ys_json_get(d->cfg, "ViewerCertificate"), "CloudFrontDefaultCertificate") == 1;
}

/* CloudFront.7 */
static void custom_cert_one(struct ys_audit *a, const struct dist *d)
{
	const struct ys_jval *vc = ys_json_get(d->cfg, "ViewerCertificate");
	const char *acm = ys_str(vc, "ACMCertificateArn"), *iam = ys_str(vc, "IAMCertificateId");

	if (default_cert(d))
		ys_fail(a, d->arn, NULL,
			"distribution %s uses CloudFront's default *.cloudfront.net certificate: "
			"viewers cannot tell your site from any other on CloudFront",
			d->label);
	else
		ys_pass(a, d->arn, NULL, "distribution %s uses its own certificate %s", d->label,
			*acm ? acm : iam);
}

void ys_check_cf_custom_cert(struct ys_audit *a)
{
	each_dist(a, custom_cert_one);
}

/* CloudFront.8 */
static void sni_one(struct ys_audit *a, const struct dist *d)
{
	const char *m = ys_str(ys_json_get(d->cfg, "ViewerCertificate"), "SSLSupportMethod");

	if (default_cert(d))
		ys_pass(a, d->arn, NULL,
			"distribution %s uses CloudFront's default certificate, which needs no "
			"SNI setting",
			d->label);
	else if (!strcmp(m, "sni-only"))
		ys_pass(a, d->arn, NULL, "distribution %s serves HTTPS with SNI", d->label);
	else
		ys_fail(a, d->arn, NULL,
			"distribution %s serves HTTPS from dedicated IP addresses (%s) instead of "
			"SNI: it pays for legacy clients that no longer exist",
			d->label, *m ? m : "no method set");
}

void ys_check_cf_sni(struct ys_audit *a)
{
	each_dist(a, sni_one);
}

/* CloudFront.15 */
static void tls_policy_one(struct ys_audit *a, const struct dist *d)
{
	static const char *const good[] = {"TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"};
	const char *v = ys_str(ys_json_get(d->cfg, "ViewerCertificate"), "MinimumProtocolVersion");
	size_t i;

	if (default_cert(d)) {
		ys_pass(a, d->arn, NULL,
			"distribution %s uses CloudFront's default certificate, whose TLS policy "
			"CloudFront sets (give it your own certificate to choose one)",
			d->label);
		return;
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!strcmp(v, good[i])) {
			ys_pass(a, d->arn, NULL, "distribution %s accepts viewers on %s or newer",
				d->label, v);
			return;
		}
	ys_fail(a, d->arn, NULL,
		"distribution %s accepts viewers on the TLS policy %s, which allows old protocols "
		"or weak ciphers",
		d->label, *v ? v : "(none set)");
}

void ys_check_cf_tls_policy(struct ys_audit *a)
{
	each_dist(a, tls_policy_one);
}

/* The bucket an S3 origin's domain names ("acme-website.s3.eu-west-1.amazonaws.com",
 * "old.s3-website-us-east-1.amazonaws.com") into out[n]: 1 for the REST endpoint, 2 for a
 * website endpoint, 0 when the domain is not a bucket's */
static int s3_bucket(const char *domain, char *out, size_t n)
{
	static const char tail[] = ".amazonaws.com";
	size_t len = strlen(domain), tl = sizeof(tail) - 1;
	const char *p, *last = NULL;

	if (len <= tl || strcmp(domain + len - tl, tail))
		return 0;
	for (p = domain; (p = strstr(p, ".s3")) && p < domain + len - tl; p++)
		if (p[3] == '.' || p[3] == '-')
			last = p;
	if (!last || last == domain)
		return 0;
	snprintf(out, n, "%.*s", (int)(last - domain), domain);
	return strncmp(last + 3, "-website", 8) ? 1 : 2;
}

/* CloudFront.12: an origin at a bucket this account does not hold serves whoever creates a
 * bucket of that name */
static int bucket_listed(const struct ys_jval *list, const char *name)
{
	size_t i;

	for (i = 0; i < ys_count(list); i++)
		if (!strcmp(ys_str(ys_item(list, i), "Name"), name))
			return 1;
	return 0;
}

static void s3_missing_one(struct ys_audit *a, const struct dist *d)
{
	const struct ys_jval *buckets = d->ctx;
	char b[256];
	size_t i, seen = 0;

	for (i = 0; i < count(d, "Origins"); i++) {
		const struct ys_jval *o = nth(d, "Origins", i);

		if (!s3_bucket(ys_str(o, "DomainName"), b, sizeof(b)))
			continue;
		seen++;
		if (!bucket_listed(buckets, b)) {
			ys_fail(a, d->arn, NULL,
				"origin %s of distribution %s points at bucket %s, which this account "
				"does not hold: whoever creates a bucket of that name serves content "
				"under your domain",
				ys_str(o, "Id"), d->label, b);
			return;
		}
	}
	if (seen)
		ys_pass(a, d->arn, NULL,
			"every bucket origin of distribution %s is one of this account's buckets",
			d->label);
	else
		ys_pass(a, d->arn, NULL, "distribution %s has no S3 bucket origin", d->label);
}

void ys_check_cf_s3_missing(struct ys_audit *a)
{
	const struct ys_jval *root = ys_need(a, "global/s3/list-buckets", NULL);

	if (root)
		each_dist_x(a, s3_missing_one, ys_json_get(root, "Buckets"));
}

/* CloudFront.13 and .16: an origin read through origin access control, or else how it is read */
static const char *origin_access(const struct ys_jval *o)
{
	if (*ys_str(o, "OriginAccessControlId"))
		return NULL;
	if (*ys_str(ys_json_get(o, "S3OriginConfig"), "OriginAccessIdentity"))
		return "a legacy origin access identity";
	return "no origin access control, so the origin must let anyone read it";
}

static void s3_oac_one(struct ys_audit *a, const struct dist *d)
{
	char b[256];
	size_t i, seen = 0;

	for (i = 0; i < count(d, "Origins"); i++) {
		const struct ys_jval *o = nth(d, "Origins", i);
		const char *how = origin_access(o);

		if (s3_bucket(ys_str(o, "DomainName"), b, sizeof(b)) != 1)
			continue;
		seen++;
		if (how) {
			ys_fail(a, d->arn, NULL,
				"distribution %s reads bucket %s (origin %s) with %s", d->label, b,
				ys_str(o, "Id"), how);
			return;
		}
	}
	if (seen)
		ys_pass(a, d->arn, NULL,
			"distribution %s reads every bucket origin through origin access control",
			d->label);
	else
		ys_pass(a, d->arn, NULL, "distribution %s has no S3 bucket origin", d->label);
}

void ys_check_cf_s3_oac(struct ys_audit *a)
{
	each_dist(a, s3_oac_one);
}

/* "<id>.lambda-url.<region>.on.aws" */
static int lambda_url(const char *domain)
{
	size_t len = strlen(domain);

	return strstr(domain, ".lambda-url.") && len > 7 && !strcmp(domain + len - 7, ".on.aws");
}

static void lambda_oac_one(struct ys_audit *a, const struct dist *d)
{
	size_t i, seen = 0;

	for (i = 0; i < count(d, "Origins"); i++) {
		const struct ys_jval *o = nth(d, "Origins", i);

		if (!lambda_url(ys_str(o, "DomainName")))
			continue;
		seen++;
		if (origin_access(o)) {
			ys_fail(a, d->arn, NULL,
				"distribution %s calls the function URL %s (origin %s) without origin "
				"access control: the URL must take unsigned calls from anyone, so "
				"the distribution's WAF and rules can be walked around",
				d->label, ys_str(o, "DomainName"), ys_str(o, "Id"));
			return;
		}
	}
	if (seen)
		ys_pass(a, d->arn, NULL,
			"distribution %s calls every function URL origin through origin access "
			"control",
			d->label);
	else
		ys_pass(a, d->arn, NULL, "distribution %s has no Lambda function URL origin", d->label);
}

void ys_check_cf_lambda_oac(struct ys_audit *a)
{
	each_dist(a, lambda_oac_one);
}

/* CloudFront.9: a custom origin reached over plain HTTP: always (http-only), or when the viewer
 * came that way (match-viewer, behind a behavior that allows HTTP) */
static const char *origin_http(const struct dist *d, const struct ys_jval *o)
{
	const char *pol = ys_str(ys_json_get(o, "CustomOriginConfig"), "OriginProtocolPolicy");
	char path[160];
	size_t i;

	if (!strcmp(pol, "http-only"))
		return "always (origin protocol policy http-only)";
	if (strcmp(pol, "match-viewer"))
		return NULL;
	for (i = 0; i <= count(d, "CacheBehaviors"); i++) {
		const struct ys_jval *b = behavior(d, i, path, sizeof(path));

		if (!strcmp(ys_str(b, "TargetOriginId"), ys_str(o, "Id")) &&
		    !strcmp(ys_str(b, "ViewerProtocolPolicy"), "allow-all"))
			return "whenever the viewer uses HTTP (match-viewer, and a behavior "
			       "allows HTTP)";
	}
	return NULL;
}

static void origin_https_one(struct ys_audit *a, const struct dist *d)
{
	size_t i, seen = 0;

	for (i = 0; i < count(d, "Origins"); i++) {
		const struct ys_jval *o = nth(d, "Origins", i);
		const char *when;

		if (!ys_json_get(o, "CustomOriginConfig"))
			continue;
		seen++;
		if ((when = origin_http(d, o))) {
			ys_fail(a, d->arn, NULL,
				"distribution %s reaches origin %s (%s) over plain HTTP %s", d->label,
				ys_str(o, "Id"), ys_str(o, "DomainName"), when);
			return;
		}
	}
	if (seen)
		ys_pass(a, d->arn, NULL, "distribution %s reaches every custom origin over HTTPS",
			d->label);
	else
		ys_pass(a, d->arn, NULL, "distribution %s has no custom origin", d->label);
}

void ys_check_cf_origin_https(struct ys_audit *a)
{
	each_dist(a, origin_https_one);
}

/* CloudFront.10: SSLv3 (FSBP's test), and TLS 1.0 and 1.1, which are deprecated too */
static void origin_ssl_one(struct ys_audit *a, const struct dist *d)
{
	static const char *const old[] = {"SSLv3", "TLSv1", "TLSv1.1"};
	size_t i, j, k, seen = 0;

	for (i = 0; i < count(d, "Origins"); i++) {
		const struct ys_jval *o = nth(d, "Origins", i);
		const struct ys_jval *c = ys_json_get(o, "CustomOriginConfig");
		const struct ys_jval *p = ys_json_get(ys_json_get(c, "OriginSslProtocols"), "Items");

		if (!c || !strcmp(ys_str(c, "OriginProtocolPolicy"), "http-only"))
			continue;
		seen++;
		for (j = 0; j < ys_count(p); j++)
			for (k = 0; k < sizeof(old) / sizeof(old[0]); k++) {
				const char *v = ys_json_str(&p->u.items[j]);

				if (!v || strcmp(v, old[k]))
					continue;
				ys_fail(a, d->arn, NULL,
					"distribution %s lets its connection to origin %s (%s) fall "
					"back to %s, which is broken",
					d->label, ys_str(o, "Id"), ys_str(o, "DomainName"), v);
				return;
			}
	}
	if (seen)
		ys_pass(a, d->arn, NULL,
			"distribution %s talks to every HTTPS origin over TLS 1.2 or newer only",
			d->label);
	else
		ys_pass(a, d->arn, NULL, "distribution %s has no custom origin reached over HTTPS",
			d->label);
}

void ys_check_cf_origin_ssl(struct ys_audit *a)
{
	each_dist(a, origin_ssl_one);
}
