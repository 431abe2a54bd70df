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

/* The tests' ranges: AWS's a private /15, the account's own a documentation /24. */
static void test_ranges(struct ys_cidrset *aws, struct ys_cidrset *own)
{
	ys_cidrset_init(aws);
	ys_cidrset_init(own);
	assert_int_equal(ys_cidrset_add(aws, "198.18.0.0/15"), 0);
	assert_int_equal(ys_cidrset_add(own, "203.0.113.0/24"), 0);
	ys_cidrset_seal(aws);
	ys_cidrset_seal(own);
}

static struct ys_behave *fresh(const struct ys_cidrset *aws, const struct ys_cidrset *own)
{
	struct ys_behave_opts o;
	struct ys_behave *b;

	ys_behave_defaults(&o);
	o.aws = aws;
	o.own = own;
	assert_int_equal(ys_behave_new(&o, &b), 0);
	ys_behave_keep_changes(b);
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
	feed(b, &g, 15, 10, alice, "198.51.100.10", "Boto3/1.34 Botocore/1.34", NULL);
	assert_int_equal(count(&g, "access-key-new-client"), 1);
	/* once seen, it is known */
	feed(b, &g, 15, 11, alice, "198.51.100.10", "Boto3/1.34 Botocore/1.34", NULL);
	assert_int_equal(g.n, 1);
	/* a new network, two days after the new client was said: said on its own */
	feed(b, &g, 17, 11, alice, "203.0.113.5", "Boto3/1.34 Botocore/1.34", NULL);
	assert_int_equal(count(&g, "credentials-new-network"), 1);
	assert_int_equal(g.n, 2);
	/* a service acting for alice says nothing of her */
	feed(b, &g, 17, 10,
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

/* A feed with an event name of its own and the day's minute, for incidents. */
static void call(struct ys_behave *b, struct got *g, int day, int hour, int minute, const char *name,
		 const char *ident, const char *ip)
{
	char json[2048];
	struct ys_jlazy l;

	snprintf(json, sizeof(json),
		 "{\"eventTime\":\"2026-10-%02dT%02d:%02d:00Z\",\"eventID\":\"e-%d-%d-%d-%s\","
		 "\"eventName\":\"%s\",\"userIdentity\":%s,\"sourceIPAddress\":\"%s\","
		 "\"userAgent\":\"aws-cli/2\"}",
		 day + 1, hour, minute, day, hour, minute, name, name, ident, ip);
	ys_jlazy_init(&l);
	ys_jlazy_reset(&l, json, strlen(json), NULL);
	assert_int_equal(ys_behave_record(b, &l, "t.json", on_alert, g), 0);
	ys_jlazy_release(&l);
}

/* Every alert an incident ended with, kept whole. */
struct ended {
	int n;
	char rule[8][64];
	size_t count[8], nids[8], ncalls[8];
	char first_call[8][64];
};

static int on_end(void *ctx, const struct ys_alert *a)
{
	struct ended *x = ctx;

	if (x->n < 8) {
		snprintf(x->rule[x->n], sizeof(x->rule[0]), "%s", a->rule);
		x->count[x->n] = a->count;
		x->nids[x->n] = a->nevent_ids;
		x->ncalls[x->n] = a->ncalls;
		snprintf(x->first_call[x->n], sizeof(x->first_call[0]), "%s",
			 a->ncalls ? a->call_names[0] : "");
	}
	x->n++;
	return 0;
}

static int count_row(void *ctx, const struct ys_baseline_row *row)
{
	size_t *n = ctx;

	*n += row->n > 0;
	return 0;
}

/* The facts read by a reader of another thread, judged in order, raise what ys_behave_record
 * raises: the read keeps no state but its memories of answers. */
static void facts_read_ahead(void **state)
{
	static const char *const idents[] = {alice, instance, delivered,
					     "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:"
					     "assumed-role/ci/build-7\",\"accessKeyId\":\"ASIACI\"}",
					     "{\"type\":\"AWSService\",\"invokedBy\":\"ec2.amazonaws.com\"}"};
	static const char *const ips[] = {"198.18.0.20", "192.0.2.77", "10.1.2.3", "203.0.113.9",
					  "2001:db8::7", "ec2.amazonaws.com"};
	static const char *const uas[] = {"aws-cli/2.15", "Boto3/1.34", "curl/8.0", ""};
	struct ys_cidrset aws, own;
	struct ys_behave_opts o;
	struct ys_behave *one, *two;
	struct ys_behave_reader *r;
	struct got g1 = {0}, g2 = {0};
	const struct ys_behave_facts *f;
	struct ys_jlazy l;
	char json[2048];
	int i;

	(void)state;
	test_ranges(&aws, &own);
	one = fresh(&aws, &own);
	two = fresh(&aws, &own);
	ys_behave_defaults(&o);
	o.aws = &aws;
	o.own = &own;
	assert_int_equal(ys_behave_reader_new(&o, &r), 0);
	ys_jlazy_init(&l);
	for (i = 0; i < 3000; i++) {
		snprintf(json, sizeof(json),
			 "{\"eventTime\":\"2026-10-%02dT%02d:%02d:00Z\",\"eventName\":\"%s\","
			 "\"eventSource\":\"ssm.amazonaws.com\",\"userIdentity\":%s,"
			 "\"sourceIPAddress\":\"%s\",\"userAgent\":\"%s\"}",
			 1 + i / 120, i / 5 % 24, i % 60, i % 7 ? "ListBuckets" : "SendCommand",
			 idents[i % 5], ips[i / 3 % 6], uas[i / 11 % 4]);
		ys_jlazy_reset(&l, json, strlen(json), NULL);
		assert_int_equal(ys_behave_record(one, &l, "t.json", on_alert, &g1), 0);
		ys_jlazy_reset(&l, json, strlen(json), NULL);
		f = ys_behave_read(r, &l);
		assert_true(f->size % 8 == 0 && f->size <= YS_BEHAVE_FACTS_MAX);
		ys_jlazy_reset(&l, json, strlen(json), NULL);
		assert_int_equal(ys_behave_judge(two, f, &l, "t.json", on_alert, &g2), 0);
	}
	assert_true(g1.n > 0);
	assert_int_equal(g1.n, g2.n);
	for (i = 0; i < g1.n && i < 32; i++)
		assert_string_equal(g1.rules[i], g2.rules[i]);
	/* what a record says, read */
	snprintf(json, sizeof(json),
		 "{\"eventTime\":\"2026-10-01T00:00:00Z\",\"userIdentity\":{\"type\":\"IAMUser\","
		 "\"arn\":\"arn:aws:iam::1:user/alice\",\"accessKeyId\":\"AKIAEXAMPLE\"},"
		 "\"sourceIPAddress\":\"198.51.100.23\",\"userAgent\":\"aws-cli/2.15 Python/3.11\"}");
	ys_jlazy_reset(&l, json, strlen(json), NULL);
	f = ys_behave_read(r, &l);
	assert_true(f->t > 0 && f->caller && f->has_ip && f->outside && !f->internal);
	assert_string_equal(f->s + f->key, "AKIAEXAMPLE");
	assert_string_equal(f->s + f->net, "198.51.0.0/16");
	assert_string_equal(f->s + f->family, "aws-cli");
	assert_int_equal(f->principal, strlen("arn:aws:iam::1:user/alice"));
	ys_jlazy_release(&l);
	ys_behave_reader_free(r);
	ys_behave_free(one);
	ys_behave_free(two);
	ys_cidrset_release(&aws);
	ys_cidrset_release(&own);
}

static void instance_credentials(void **state)
{
	struct ys_cidrset aws, own;
	struct ys_behave *b;
	struct got g = {0};
	struct ended x = {0};

	(void)state;
	test_ranges(&aws, &own);
	b = fresh(&aws, &own);
	feed(b, &g, 0, 1, instance, "198.18.0.20", "aws-sdk-java", NULL);
	feed(b, &g, 0, 2, instance, "198.18.0.20", "aws-sdk-java", NULL);
	assert_int_equal(g.n, 0);
	/* the account's own network, a VPC endpoint, a private address: inside */
	feed(b, &g, 0, 3, instance, "203.0.113.9", "aws-cli", NULL);
	feed(b, &g, 0, 3, instance, "192.0.2.9", "aws-cli", ",\"vpcEndpointId\":\"vpce-1\"");
	feed(b, &g, 0, 3, instance, "10.1.2.3", "aws-cli", NULL);
	assert_int_equal(ys_behave_end(b, 0, 1, on_end, &x), 0);
	assert_int_equal(g.n + x.n, 0);
	/* the credentials, taken, used from elsewhere: one incident, held until it is quiet */
	call(b, &g, 0, 4, 0, "GetCallerIdentity", instance, "192.0.2.77");
	call(b, &g, 0, 4, 5, "ListBuckets", instance, "192.0.2.78");
	call(b, &g, 0, 4, 6, "GetObject", instance, "198.18.0.20"); /* even from its own address */
	call(b, &g, 0, 4, 7, "GetObject", instance, "192.0.2.78");
	assert_int_equal(g.n, 0);
	/* an hour and more later, another call: the first incident has ended */
	call(b, &g, 0, 6, 0, "DescribeInstances", instance, "198.18.0.20");
	assert_int_equal(count(&g, "instance-credentials-outside-aws"), 1);
	/* known by ec2RoleDelivery alone; inside AWS but a second network: the InsideAWS case */
	feed(b, &g, 0, 7, delivered, "198.18.0.30", "aws-sdk-java", NULL);
	feed(b, &g, 0, 8, delivered, "198.19.5.5", "aws-cli", NULL);
	/* a record without an access key cannot be followed: its alert goes out at once */
	assert_int_equal(count(&g, "instance-credentials-new-network"), 1);
	assert_int_equal(ys_behave_end(b, 0, 1, on_end, &x), 0);
	assert_int_equal(x.n, 0);
	assert_int_equal(count(&g, "instance-credentials-outside-aws"), 1);
	ys_behave_free(b);
	ys_cidrset_release(&aws);
	ys_cidrset_release(&own);
}

static int keep(void *ctx, const struct ys_baseline_row *row)
{
	return ys_behave_load(ctx, row);
}

/* The incident holds every call the stolen key made (ids, count, calls), and goes on in the next
 * run through the state; the address that sent a command to instances is where their credentials
 * must not be used */
static void stolen_session(void **state)
{
	struct ys_cidrset aws;
	struct ys_behave *b, *again;
	struct got g = {0};
	struct ended x = {0};
	static const char person[] = "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/ops\","
				     "\"accessKeyId\":\"AKIAEXAMPLEOPS000001\"}";
	int i;

	(void)state;
	ys_cidrset_init(&aws);
	assert_int_equal(ys_cidrset_add(&aws, "198.18.0.0/15"), 0);
	ys_cidrset_seal(&aws);
	b = fresh(&aws, NULL);
	/* ops, inside AWS (198.18.9.9), runs a command on the instance, then its credentials are
	 * used from ops's address */
	call(b, &g, 1, 10, 0, "SendCommand", person, "198.18.9.9");
	call(b, &g, 1, 10, 2, "GetCallerIdentity", instance, "198.18.9.9");
	for (i = 0; i < 5; i++)
		call(b, &g, 1, 10, 3 + i, "ListBuckets", instance, "198.18.9.9");
	assert_int_equal(g.n, 0);
	/* the next run goes on from the state */
	again = fresh(&aws, NULL);
	assert_int_equal(ys_behave_each_changed(b, keep, again), 0);
	for (i = 0; i < 3; i++)
		call(again, &g, 1, 10, 20 + i, "GetObject", instance, "198.18.9.9");
	assert_int_equal(ys_behave_end(again, 0, 1, on_end, &x), 0);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.rule[0], "instance-credentials-from-remote-access");
	assert_int_equal(x.count[0], 9);
	assert_int_equal(x.nids[0], 9);
	assert_int_equal(x.ncalls[0], 3);
	assert_string_equal(x.first_call[0], "ListBuckets");
	/* ended: the state forgets it */
	x.n = 0;
	assert_int_equal(ys_behave_end(again, 0, 1, on_end, &x), 0);
	assert_int_equal(x.n, 0);
	ys_behave_free(b);
	ys_behave_free(again);
	ys_cidrset_release(&aws);
}

/* A Lambda function's role, always inside AWS, suddenly outside; a key dormant for months */
static void workloads_and_dormant_keys(void **state)
{
	struct ys_cidrset aws;
	struct ys_behave *b;
	struct got g = {0};
	struct ended x = {0};
	static const char fn[] = "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:assumed-role/"
				 "thumbnailer-role/thumbnailer\",\"accessKeyId\":\"ASIAEXAMPLEFN0001\"}";
	static const char fn2[] = "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:assumed-role/"
				  "thumbnailer-role/thumbnailer\",\"accessKeyId\":\"ASIAEXAMPLEFN0002\"}";
	int d, h;

	(void)state;
	ys_cidrset_init(&aws);
	assert_int_equal(ys_cidrset_add(&aws, "198.18.0.0/15"), 0);
	ys_cidrset_seal(&aws);
	b = fresh(&aws, NULL);
	for (d = 0; d < 3; d++)
		for (h = 0; h < 24; h += 2)
			call(b, &g, d, h, 0, "GetObject", fn, "198.18.1.1");
	call(b, &g, 3, 1, 0, "ListBuckets", fn2, "192.0.2.200");
	call(b, &g, 3, 1, 1, "GetObject", fn2, "192.0.2.200");
	assert_int_equal(ys_behave_end(b, 0, 1, on_end, &x), 0);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.rule[0], "role-credentials-outside-aws");
	assert_int_equal(x.count[0], 2);
	/* alice's key, last used on day 0, used again on day 0 + 95: said once */
	feed(b, &g, 0, 9, alice, "198.51.100.10", "aws-cli/2", NULL);
	g.n = 0;
	ys_behave_free(b);
	b = fresh(&aws, NULL);
	{
		char json[1024];
		struct ys_jlazy l;

		feed(b, &g, 0, 9, alice, "198.51.100.10", "aws-cli/2", NULL);
		snprintf(json, sizeof(json),
			 "{\"eventTime\":\"2027-01-05T09:30:00Z\",\"eventID\":\"late\",\"eventName\":"
			 "\"ListBuckets\",\"userIdentity\":%s,\"sourceIPAddress\":\"198.51.100.10\","
			 "\"userAgent\":\"aws-cli/2\"}",
			 alice);
		ys_jlazy_init(&l);
		ys_jlazy_reset(&l, json, strlen(json), NULL);
		assert_int_equal(ys_behave_record(b, &l, "t.json", on_alert, &g), 0);
		ys_jlazy_release(&l);
	}
	assert_int_equal(count(&g, "access-key-dormant"), 1);
	ys_behave_free(b);
	ys_cidrset_release(&aws);
}

/* Sessions come and go by the thousand: the baselines are the principal's, not each key's, and
 * stay bounded */
static void bounded(void **state)
{
	struct ys_behave *b = fresh(NULL, NULL);
	struct got g = {0};
	char ident[256], ip[32];
	size_t rows = 0;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		snprintf(ident, sizeof(ident),
			 "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:assumed-role/"
			 "AWSReservedSSO_Admin_0123/dev@example.com\",\"accessKeyId\":\"ASIA%016d\"}",
			 i);
		snprintf(ip, sizeof(ip), "%d.%d.1.1", 20 + i % 200, i / 200 % 250);
		call(b, &g, i / 1000, i / 100 % 24, i % 60, "ListBuckets", ident, ip);
	}
	assert_int_equal(ys_behave_each_changed(b, count_row, &rows), 0);
	/* the person's networks (at most 16), hours, and totals: not a row per session or address */
	assert_true(rows < 64);
	ys_behave_free(b);
}

/* A key flagged by a credential alert (a new kind of client, months unused, AWS's quarantine)
 * and then used from a new network is stolen: one incident of every call it makes from there */
static void flagged_then_new_network(void **state)
{
	struct ys_behave *b = fresh(NULL, NULL);
	struct got g = {0};
	struct ended x = {0};
	static const char bob[] = "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/bob\","
				  "\"accessKeyId\":\"AKIAEXAMPLEBOB000001\"}";
	static const char carol[] = "{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/carol\","
				    "\"accessKeyId\":\"AKIAEXAMPLECAROL0001\"}";
	static const char quarantined[] =
	    ",\"recipientAccountId\":\"1\",\"requestParameters\":{\"userName\":\"bob\","
	    "\"policyArn\":\"arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2\"}";
	static const char aws[] = "{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::1:assumed-role/"
				  "AwsSupport/quarantine\",\"accessKeyId\":\"ASIAEXAMPLEAWS00001\"}";
	char json[2048];
	struct ys_jlazy l;

	(void)state;
	learn(b, &g);
	/* alice: a new kind of client from her own network is said (and flags the key); the
	 * next new network within the day is the thief's */
	feed(b, &g, 15, 10, alice, "198.51.100.10", "python-requests/2.31", NULL);
	assert_int_equal(count(&g, "access-key-new-client"), 1);
	call(b, &g, 15, 12, 0, "GetCallerIdentity", alice, "203.0.113.5");
	call(b, &g, 15, 12, 1, "ListBuckets", alice, "203.0.113.5");
	call(b, &g, 15, 12, 2, "ListBuckets", alice, "198.51.100.10");
	assert_int_equal(count(&g, "credentials-new-network"), 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(ys_behave_end(b, 0, 1, on_end, &x), 0);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.rule[0], "credentials-new-network-after-alert");
	assert_int_equal(x.count[0], 3);
	/* bob and carol have used their keys twice, from one network: too little to judge */
	call(b, &g, 15, 9, 0, "ListBuckets", bob, "192.0.2.10");
	call(b, &g, 15, 9, 1, "ListBuckets", carol, "192.0.2.20");
	/* AWS quarantines bob's key (a failed attempt would not count) */
	snprintf(json, sizeof(json),
		 "{\"eventTime\":\"2026-10-16T09:10:00Z\",\"eventID\":\"q\",\"eventName\":"
		 "\"AttachUserPolicy\",\"userIdentity\":%s,\"sourceIPAddress\":\"AWS Internal\"%s}",
		 aws, quarantined);
	ys_jlazy_init(&l);
	ys_jlazy_reset(&l, json, strlen(json), NULL);
	assert_int_equal(ys_behave_record(b, &l, "t.json", on_alert, &g), 0);
	ys_jlazy_release(&l);
	/* bob's key from a new network: the thief; carol's: nothing to say yet */
	call(b, &g, 15, 9, 20, "ListBuckets", bob, "203.0.113.99");
	call(b, &g, 15, 9, 21, "ListBuckets", carol, "203.0.113.98");
	call(b, &g, 15, 9, 22, "CreateUser", bob, "203.0.113.99");
	assert_int_equal(g.n, 1);
	x.n = 0;
	assert_int_equal(ys_behave_end(b, 0, 1, on_end, &x), 0);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.rule[0], "credentials-new-network-after-alert");
	assert_int_equal(x.count[0], 2);
	ys_behave_free(b);
}

/* The trail's bucket, learned in one run from CreateTrail, is still known in the next */
static void trail_bucket_state(void **state)
{
	struct ys_behave *b = fresh(NULL, NULL), *again = fresh(NULL, NULL);
	struct got g = {0};
	static const char trail[] = ",\"requestParameters\":{\"s3BucketName\":\"logs\"}";
	static const char lifecycle[] = ",\"requestParameters\":{\"bucketName\":\"logs\"}";
	char json[1024];
	struct ys_jlazy l;

	(void)state;
	snprintf(json, sizeof(json),
		 "{\"eventTime\":\"2026-10-01T10:00:00Z\",\"eventID\":\"t\",\"eventName\":"
		 "\"CreateTrail\",\"userIdentity\":%s,\"sourceIPAddress\":\"192.0.2.1\"%s}",
		 alice, trail);
	ys_jlazy_init(&l);
	ys_jlazy_reset(&l, json, strlen(json), NULL);
	assert_int_equal(ys_behave_record(b, &l, "t.json", on_alert, &g), 0);
	assert_int_equal(ys_behave_each_changed(b, keep, again), 0);
	snprintf(json, sizeof(json),
		 "{\"eventTime\":\"2026-10-02T10:00:00Z\",\"eventID\":\"u\",\"eventName\":"
		 "\"DeleteBucketLifecycle\",\"userIdentity\":%s,\"sourceIPAddress\":\"192.0.2.1\"%s}",
		 alice, lifecycle);
	ys_jlazy_reset(&l, json, strlen(json), NULL);
	assert_int_equal(ys_behave_record(again, &l, "t.json", on_alert, &g), 0);
	ys_jlazy_release(&l);
	assert_int_equal(count(&g, "trail-bucket-changed"), 1);
	ys_behave_free(b);
	ys_behave_free(again);
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
	    cmocka_unit_test(facts_read_ahead),
	    cmocka_unit_test(instance_credentials),
	    cmocka_unit_test(stolen_session),
	    cmocka_unit_test(workloads_and_dormant_keys),
	    cmocka_unit_test(bounded),
	    cmocka_unit_test(flagged_then_new_network),
	    cmocka_unit_test(trail_bucket_state),
	    cmocka_unit_test(s3_public),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
