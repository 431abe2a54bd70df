/* test-behave.c: address sets, the behaviour detectors with their baselines, and the S3 policy
 * and ACL inspector */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/cidr.h"
#include "detect/behave.h"
#include "detect/inspect.h"
#include "json/jread.h"

static int has(const struct ys_cidrset *s, const char *ip)
{
	struct ys_addr a;

	assert_int_equal(ys_addr_parse(ip, &a), 0);
	return ys_cidrset_has(s, &a);
}

static void cidr(void **state)
{
	struct ys_cidrset s;
	struct ys_addr a;
	char net[64];

	(void)state;
	ys_cidrset_init(&s);
	assert_int_equal(ys_cidrset_add(&s, "10.0.0.0/8"), 0);
	assert_int_equal(ys_cidrset_add(&s, "10.1.0.0/16"), 0); /* inside the one before */
	assert_int_equal(ys_cidrset_add(&s, "192.0.2.7"), 0);	/* one address */
	assert_int_equal(ys_cidrset_add(&s, "2001:db8::/32"), 0);
	assert_int_equal(ys_cidrset_add(&s, "10.0.0.0/33"), YS_EPARSE);
	assert_int_equal(ys_cidrset_add(&s, "300.0.0.0/8"), YS_EPARSE);
	assert_int_equal(ys_cidrset_add(&s, "/8"), YS_EPARSE);
	assert_int_equal(ys_cidrset_add(&s, "10.0.0.0/x"), YS_EPARSE);
	ys_cidrset_seal(&s);
	assert_int_equal(s.n, 3);
	assert_true(has(&s, "10.0.0.0"));
	assert_true(has(&s, "10.255.255.255"));
	assert_false(has(&s, "11.0.0.0"));
	assert_false(has(&s, "9.255.255.255"));
	assert_true(has(&s, "192.0.2.7"));
	assert_false(has(&s, "192.0.2.8"));
	assert_true(has(&s, "2001:db8:ffff::1"));
	assert_false(has(&s, "2001:db9::1"));
	assert_false(has(&s, "::ffff:11.0.0.1"));
	assert_true(has(&s, "::ffff:10.0.0.1")); /* IPv4-mapped is the same address */
	assert_int_equal(ys_addr_parse("ec2.amazonaws.com", &a), -1);
	assert_int_equal(ys_addr_parse("198.51.100.23", &a), 0);
	ys_addr_network(&a, net, sizeof(net));
	assert_string_equal(net, "198.51.0.0/16");
	assert_int_equal(ys_addr_parse("2001:db8:1:2::9", &a), 0);
	ys_addr_network(&a, net, sizeof(net));
	assert_string_equal(net, "2001:db8::/32");
	ys_cidrset_release(&s);
}

struct got {
	int n;
	char rules[32][64];
};

static int on_alert(void *ctx, const struct ys_alert *a)
{
	struct got *g = ctx;

	if (g->n < 32)
		snprintf(g->rules[g->n], sizeof(g->rules[0]), "%s", a->rule);
	g->n++;
	return 0;
}

/* One record: day (from 2026-10-01), hour, the identity JSON, address, user agent. */
static void feed(struct ys_behave *b, struct got *g, int day, int hour, const char *ident,
		 const char *ip, const char *ua, const char *extra)
{
	char json[2048];
	struct ys_jlazy l;

	snprintf(json, sizeof(json),
		 "{\"eventTime\":\"2026-10-%02dT%02d:30:00Z\",\"eventID\":\"e-%d-%d\","
		 "\"eventName\":\"ListBuckets\",\"userIdentity\":%s,\"sourceIPAddress\":\"%s\","
		 "\"userAgent\":\"%s\"%s}",
		 day + 1, hour, day, hour, ident, ip, ua, extra ? extra : "");
	ys_jlazy_init(&l);
	ys_jlazy_reset(&l, json, strlen(json), NULL);
	assert_int_equal(ys_behave_record(b, &l, "t.json", on_alert, g), 0);
	ys_jlazy_release(&l);
}

static const char alice[] = "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/alice\","
			    "\"accessKeyId\":\"AKIAEXAMPLEALICE0001\"}";
static const char instance[] = "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:assumed-role/"
			       "web/i-0123456789abcdef0\",\"accessKeyId\":\"ASIAEXAMPLE\"}";
static const char delivered[] = "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:assumed-role/"
				"web/anything\",\"sessionContext\":{\"ec2RoleDelivery\":\"2.0\"}}";

static struct ys_behave *fresh(const struct ys_cidrset *aws, const struct ys_cidrset *own)
{
	struct ys_behave_opts o;
	struct ys_behave *b;

	ys_behave_defaults(&o);
	o.aws = aws;
	o.own = own;
	assert_int_equal(ys_behave_new(&o, &b), 0);
	return b;
}

static int count(const struct got *g, const char *rule)
{
	int i, n = 0;

	for (i = 0; i < g->n && i < 32; i++)
		n += !strcmp(g->rules[i], rule);
	return n;
}

/* Fifteen days of alice at 9-11h from one network with one client. */
static void learn(struct ys_behave *b, struct got *g)
{
	int d, h, k;

	for (d = 0; d < 15; d++)
		for (h = 9; h < 12; h++)
			for (k = 0; k < 3; k++)
				feed(b, g, d, h, alice, "198.51.100.10",
				     "aws-cli/2.15.0 Python/3.11", NULL);
}

static void access_keys(void **state)
{
	struct ys_behave *b = fresh(NULL, NULL);
	struct got g = {0};

	(void)state;
	/* before the baseline is long enough, nothing is new */
	feed(b, &g, 0, 10, alice, "192.0.2.66", "python-requests/2.31", NULL);
	assert_int_equal(g.n, 0);
	learn(b, &g);
	assert_int_equal(g.n, 0);
	/* same network, another address in it, same client: quiet */
	feed(b, &g, 15, 10, alice, "198.51.7.7", "aws-cli/2.16.1 Python/3.12", NULL);
	assert_int_equal(g.n, 0);
	/* known from the first day: still quiet */
	feed(b, &g, 15, 10, alice, "192.0.2.1", "python-requests/2.31", NULL);
	assert_int_equal(g.n, 0);
	feed(b, &g, 15, 10, alice, "203.0.113.5", "Boto3/1.34 Botocore/1.34", NULL);
	assert_int_equal(count(&g, "access-key-new-network"), 1);
	assert_int_equal(count(&g, "access-key-new-client"), 1);
	/* once seen, it is known */
	feed(b, &g, 15, 11, alice, "203.0.113.5", "Boto3/1.34 Botocore/1.34", NULL);
	assert_int_equal(g.n, 2);
	/* a service acting for alice says nothing of her */
	feed(b, &g, 15, 10,
	     "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/alice\","
	     "\"accessKeyId\":\"AKIAEXAMPLEALICE0001\",\"invokedBy\":\"x.amazonaws.com\"}",
	     "x.amazonaws.com", "x.amazonaws.com", NULL);
	assert_int_equal(g.n, 2);
	ys_behave_free(b);
}

static int save(void *ctx, const struct ys_baseline_row *row)
{
	return ys_behave_load(ctx, row);
}

static void hours_and_state(void **state)
{
	struct ys_behave *b = fresh(NULL, NULL), *again = fresh(NULL, NULL);
	struct got g = {0};

	(void)state;
	learn(b, &g);
	feed(b, &g, 15, 8, alice, "198.51.100.10", "aws-cli/2", NULL); /* next to 9h: quiet */
	assert_int_equal(g.n, 0);
	/* the baseline, saved and loaded into a new run, judges as the old one would */
	assert_int_equal(ys_behave_each_changed(b, save, again), 0);
	feed(again, &g, 15, 3, alice, "198.51.100.10", "aws-cli/2", NULL);
	assert_int_equal(count(&g, "unusual-hour"), 1);
	assert_int_equal(g.n, 1);
	feed(b, &g, 15, 3, alice, "198.51.100.10", "aws-cli/2", NULL);
	assert_int_equal(count(&g, "unusual-hour"), 2);
	ys_behave_free(b);
	ys_behave_free(again);
}

static void instance_credentials(void **state)
{
	struct ys_cidrset aws, own;
	struct ys_behave *b;
	struct got g = {0};

	(void)state;
	ys_cidrset_init(&aws);
	ys_cidrset_init(&own);
	assert_int_equal(ys_cidrset_add(&aws, "198.18.0.0/15"), 0);
	assert_int_equal(ys_cidrset_add(&own, "203.0.113.0/24"), 0);
	ys_cidrset_seal(&aws);
	ys_cidrset_seal(&own);
	b = fresh(&aws, &own);
	feed(b, &g, 0, 1, instance, "198.18.0.20", "aws-sdk-java", NULL);
	feed(b, &g, 0, 2, instance, "198.18.0.20", "aws-sdk-java", NULL);
	assert_int_equal(g.n, 0);
	/* the account's own network, and a VPC endpoint: inside */
	feed(b, &g, 0, 3, instance, "203.0.113.9", "aws-cli", NULL);
	feed(b, &g, 0, 3, instance, "192.0.2.9", "aws-cli", ",\"vpcEndpointId\":\"vpce-1\"");
	assert_int_equal(g.n, 0);
	/* the credentials, taken, used from elsewhere */
	feed(b, &g, 0, 4, instance, "192.0.2.77", "aws-cli", NULL);
	assert_int_equal(count(&g, "instance-credentials-outside-aws"), 1);
	assert_int_equal(count(&g, "instance-credentials-new-network"), 1);
	feed(b, &g, 0, 4, instance, "192.0.2.78", "aws-cli", NULL);
	assert_int_equal(g.n, 2); /* one alert per network */
	/* known by ec2RoleDelivery alone; inside AWS but a second network: the InsideAWS case */
	feed(b, &g, 0, 5, delivered, "198.18.0.30", "aws-sdk-java", NULL);
	feed(b, &g, 0, 6, delivered, "198.19.5.5", "aws-cli", NULL);
	assert_int_equal(count(&g, "instance-credentials-new-network"), 2);
	assert_int_equal(count(&g, "instance-credentials-outside-aws"), 1);
	ys_behave_free(b);
	ys_cidrset_release(&aws);
	ys_cidrset_release(&own);
}

static int inspect(const char *name, const char *req, const char *extra)
{
	char json[4096];
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	struct got g = {0};

	snprintf(json, sizeof(json),
		 "{\"eventName\":\"%s\",\"eventID\":\"e\",\"requestParameters\":%s%s}", name, req,
		 extra ? extra : "");
	assert_int_equal(ys_json_parse(json, strlen(json), &doc, &err), 0);
	assert_int_equal(ys_inspect_record(ys_jdoc_root(doc), "t", on_alert, &g), 0);
	ys_jdoc_free(doc);
	return g.n;
}

static void s3_public(void **state)
{
	(void)state;
	assert_int_equal(inspect("PutBucketPolicy",
				 "{\"bucketPolicy\":{\"Statement\":{\"Effect\":\"Allow\","
				 "\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}}}",
				 NULL),
			 1);
	assert_int_equal(
	    inspect("PutBucketPolicy",
		    "{\"bucketPolicy\":{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":"
		    "\"*\"},{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::1:"
		    "root\",\"*\"]}}]}}",
		    NULL),
	    1);
	/* logged as the policy's text */
	assert_int_equal(
	    inspect("PutBucketPolicy",
		    "{\"bucketPolicy\":\"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\","
		    "\\\"Principal\\\":\\\"*\\\"}]}\"}",
		    NULL),
	    1);
	/* deny-all-but-TLS, one account, a condition that narrows it, a failed call: not public */
	assert_int_equal(
	    inspect("PutBucketPolicy",
		    "{\"bucketPolicy\":{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":"
		    "\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}}",
		    NULL),
	    0);
	assert_int_equal(
	    inspect("PutBucketPolicy",
		    "{\"bucketPolicy\":{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
		    "{\"AWS\":\"arn:aws:iam::1:root\"}}]}}",
		    NULL),
	    0);
	assert_int_equal(
	    inspect("PutBucketPolicy",
		    "{\"bucketPolicy\":{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
		    "\"*\",\"Condition\":{\"StringEquals\":{\"AWS:SourceVpce\":\"vpce-1\"}}}]}}",
		    NULL),
	    0);
	assert_int_equal(
	    inspect("PutBucketPolicy",
		    "{\"bucketPolicy\":{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
		    "\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"v\"}}}]}}",
		    NULL),
	    1);
	assert_int_equal(
	    inspect("PutBucketPolicy",
		    "{\"bucketPolicy\":{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\"}}}",
		    ",\"errorCode\":\"AccessDenied\""),
	    0);
	assert_int_equal(
	    inspect("PutBucketAcl",
		    "{\"AccessControlPolicy\":{\"AccessControlList\":{\"Grant\":[{\"Grantee\":"
		    "{\"URI\":\"http://acs.amazonaws.com/groups/global/AllUsers\"},"
		    "\"Permission\":\"READ\"}]}}}",
		    NULL),
	    1);
	assert_int_equal(inspect("PutObjectAcl", "{\"x-amz-acl\":[\"public-read\"]}", NULL), 1);
	assert_int_equal(inspect("PutBucketAcl", "{\"x-amz-acl\":[\"private\"]}", NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cidr),
	    cmocka_unit_test(access_keys),
	    cmocka_unit_test(hours_and_state),
	    cmocka_unit_test(instance_credentials),
	    cmocka_unit_test(s3_public),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
