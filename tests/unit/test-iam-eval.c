/* test-iam-eval.c: the pieces of the IAM evaluator one by one: wildcards (actions, Resource
 * segments, ArnLike), policy variables, condition operators and their missing-key rules,
 * principals, the action catalogue, and decisions built in code */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "iam/catalog.h"
#include "iam/cond.h"
#include "iam/eval.h"
#include "iam/glob.h"
#include "iam/principal.h"
#include "iam/simfile.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "json/jread.h"

static void test_glob(void **state)
{
	(void)state;
	assert_true(ys_glob("s3:get*", "s3:getobject", 0));
	assert_false(ys_glob("s3:get*", "S3:GetObject", 0));
	assert_true(ys_glob("s3:get*", "S3:GetObject", YS_GLOB_ICASE));
	assert_true(ys_glob("a?c", "abc", 0));
	assert_false(ys_glob("a?c", "ac", 0));
	assert_true(ys_glob("*", "", 0));
	assert_true(ys_glob("a**b", "ab", 0));
	/* a '*' inside a segment stays in it; one that ends a segment does not */
	assert_false(ys_glob("arn:aws:ec2:us-*-1:1:i", "arn:aws:ec2:us-east:x-1:1:i", YS_GLOB_SEGMENT));
	assert_true(ys_glob("arn:aws:ec2:us-*-1:1:i", "arn:aws:ec2:us-east-1:1:i", YS_GLOB_SEGMENT));
	assert_true(ys_glob("arn:aws:lambda:*", "arn:aws:lambda:us-east-1:1:function:f", YS_GLOB_SEGMENT));
	assert_true(ys_glob("arn:*:x*y", "arn:q:r:x2y", YS_GLOB_SEGMENT));
	assert_false(ys_glob("arn:x*y", "arn:x:y", YS_GLOB_SEGMENT));
	assert_false(ys_glob("a?b", "a:b", YS_GLOB_SEGMENT));
	/* escapes make wildcards literal */
	assert_true(ys_glob("a\\*b", "a*b", YS_GLOB_ESC));
	assert_false(ys_glob("a\\*b", "axb", YS_GLOB_ESC));
	assert_true(ys_glob("a\\\\b", "a\\b", YS_GLOB_ESC));
}

static void test_arn_like(void **state)
{
	(void)state;
	assert_true(ys_arn_like("arn:aws:s3:::b*", "arn:aws:s3:::bucket", 0));
	assert_true(ys_arn_like("arn:aws:logs:*:1:log-group:*", "arn:aws:logs:eu:1:log-group:a:b", 0));
	assert_false(ys_arn_like("arn:aws:cloudwatch:*:1:alarm:*", "arn:aws:cloudwatch:eu:west:1:alarm:x", 0));
	assert_false(ys_arn_like("arn:aws:s3:::b", "b", 0));
	assert_false(ys_arn_like("b*", "bucket", 0));
	assert_true(ys_arn_like("*", "anything", 0));
	assert_false(ys_arn_like("arn:aws:s3:::B", "arn:aws:s3:::b", 0));
}

static void test_vars(void **state)
{
	const char *alice[] = {"alice"}, *two[] = {"a", "b"}, *star[] = {"x*y"};
	struct ys_ckey k[] = {{"aws:username", alice, 1, 0}, {"aws:TagKeys", two, 2, 1},
			      {"aws:PrincipalTag/t", star, 1, 0}};
	struct ys_ctx ctx = {k, 3, NULL, 0};
	char out[64];

	(void)state;
	assert_int_equal(ys_vars_expand("home/${aws:username}/*", &ctx, 0, out, sizeof(out)), 12);
	assert_string_equal(out, "home/alice/*");
	assert_true(ys_vars_expand("${AWS:UserName}", &ctx, 0, out, sizeof(out)) > 0);
	assert_string_equal(out, "alice");
	assert_int_equal(ys_vars_expand("${aws:userid}", &ctx, 0, out, sizeof(out)), -1);
	assert_true(ys_vars_expand("${aws:userid, 'nobody'}", &ctx, 0, out, sizeof(out)) > 0);
	assert_string_equal(out, "nobody");
	assert_true(ys_vars_expand("${ aws:username , 'x' }", &ctx, 0, out, sizeof(out)) > 0);
	assert_string_equal(out, "alice");
	assert_int_equal(ys_vars_expand("${aws:TagKeys}", &ctx, 0, out, sizeof(out)), -1);
	assert_true(ys_vars_expand("${*}${?}${$}", &ctx, 0, out, sizeof(out)) > 0);
	assert_string_equal(out, "*?$");
	assert_true(ys_vars_expand("${*}${aws:PrincipalTag/t}", &ctx, 1, out, sizeof(out)) > 0);
	assert_string_equal(out, "\\*x\\*y");
	assert_int_equal(ys_vars_expand("${aws:username}", &ctx, 0, out, 4), -1);
	assert_true(ys_vars_expand("no variable ${ here", &ctx, 0, out, sizeof(out)) > 0);
}

/* one condition term from JSON text, evaluated against a context */
static int cond(const char *json, const struct ys_ctx *ctx)
{
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	struct ys_arena a = {0};
	struct ys_cterm *t;
	size_t n;
	int r;

	assert_int_equal(ys_json_parse(json, strlen(json), &doc, &err), 0);
	assert_int_equal(ys_cond_compile(ys_jdoc_root(doc), 1, &a, &t, &n, &err), 0);
	r = ys_cond_eval(t, n, ctx);
	ys_cond_release(t, n);
	ys_arena_release(&a);
	ys_jdoc_free(doc);
	return r;
}

static void test_conditions(void **state)
{
	const char *ip[] = {"10.1.2.3"}, *age[] = {"300"}, *tags[] = {"env", "team"};
	struct ys_ckey k[] = {{"aws:SourceIp", ip, 1, 0}, {"aws:MultiFactorAuthAge", age, 1, 0},
			      {"aws:TagKeys", tags, 2, 1}};
	struct ys_ctx ctx = {k, 3, NULL, 0}, none = {NULL, 0, NULL, 0};

	(void)state;
	assert_true(cond("{\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}", &ctx));
	assert_false(cond("{\"NotIpAddress\": {\"aws:SourceIp\": \"10.0.0.0/8\"}}", &ctx));
	assert_true(cond("{\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": 3600}}", &ctx));
	assert_false(cond("{\"NumericLessThan\": {\"aws:MultiFactorAuthAge\": 3600}}", &none));
	assert_true(cond("{\"NumericLessThanIfExists\": {\"aws:MultiFactorAuthAge\": 3600}}", &none));
	assert_true(cond("{\"StringNotEquals\": {\"aws:RequestedRegion\": \"x\"}}", &none));
	assert_true(cond("{\"Null\": {\"aws:RequestedRegion\": true}}", &ctx));
	assert_false(cond("{\"Null\": {\"aws:SourceIp\": \"true\"}}", &ctx));
	assert_true(cond("{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\", \"team\", \"x\"]}}", &ctx));
	assert_false(cond("{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\"]}}", &ctx));
	assert_true(cond("{\"ForAllValues:StringEquals\": {\"aws:TagKeys\": [\"env\"]}}", &none));
	assert_true(cond("{\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": [\"env\"]}}", &ctx));
	assert_false(cond("{\"ForAnyValue:StringEquals\": {\"aws:TagKeys\": [\"env\"]}}", &none));
	/* a multivalued key needs a set operator */
	assert_false(cond("{\"StringEquals\": {\"aws:TagKeys\": \"env\"}}", &ctx));
	assert_false(cond("{\"StringNotEquals\": {\"aws:TagKeys\": \"x\"}}", &ctx));
	assert_true(cond("{\"DateLessThan\": {\"aws:CurrentTime\": \"2030-01-01\"}, \"Bool\": {\"x:y\": \"TRUE\"}}",
			 &(struct ys_ctx){(struct ys_ckey[]){{"aws:CurrentTime", (const char *[]){"1700000000"}, 1, 0},
							     {"x:y", (const char *[]){"true"}, 1, 0}},
					  2, NULL, 0}));
	assert_true(isnan(ys_cond_date("soon")));
	assert_true(ys_cond_date("1970-01-02") == 86400);
}

static void test_bad_conditions(void **state)
{
	static const char *const bad[] = {
		"{\"StringEqualz\": {\"a:b\": \"x\"}}",
		"{\"NullIfExists\": {\"a:b\": \"true\"}}",
		"{\"Bool\": {\"a:b\": \"maybe\"}}",
		"{\"IpAddress\": {\"aws:SourceIp\": \"10.0.0.0/99\"}}",
		"{\"StringEquals\": {\"a:b\": {\"nested\": 1}}}",
		"{\"StringEquals\": \"x\"}",
		"[]",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct ys_jdoc *doc;
		struct ys_error err = {0};
		struct ys_arena a = {0};
		struct ys_cterm *t;
		size_t n;

		assert_int_equal(ys_json_parse(bad[i], strlen(bad[i]), &doc, &err), 0);
		assert_int_equal(ys_cond_compile(ys_jdoc_root(doc), 1, &a, &t, &n, &err), YS_EPARSE);
		assert_true(err.msg[0] != '\0');
		ys_arena_release(&a);
		ys_jdoc_free(doc);
	}
}

static void test_principals(void **state)
{
	struct ys_pinfo p;

	(void)state;
	assert_int_equal(ys_pinfo_parse("arn:aws:sts::111122223333:assumed-role/app/s1", &p), 0);
	assert_int_equal(p.type, YS_PT_SESSION);
	assert_string_equal(p.role_arn, "arn:aws:iam::111122223333:role/app");
	assert_string_equal(p.account, "111122223333");
	assert_int_equal(ys_pinfo_parse("arn:aws:iam::111122223333:user/a/b/carol", &p), 0);
	assert_int_equal(p.type, YS_PT_USER);
	assert_string_equal(p.name, "carol");
	assert_int_equal(ys_pinfo_parse("arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/R", &p), 0);
	assert_true(p.service_linked);
	assert_int_equal(ys_pinfo_parse("111122223333", &p), 0);
	assert_int_equal(p.type, YS_PT_ROOT);
	assert_int_equal(ys_pinfo_parse("ec2.amazonaws.com", &p), 0);
	assert_int_equal(p.type, YS_PT_SERVICE);
	assert_int_equal(ys_pinfo_parse("*", &p), 0);
	assert_int_equal(p.type, YS_PT_ANONYMOUS);
	assert_int_equal(ys_pinfo_parse("arn:aws:iam::12:user/x", &p), -1);
	assert_int_equal(ys_pinfo_parse("arn:aws:sts::111122223333:assumed-role/app", &p), -1);
	assert_int_equal(ys_pinfo_parse("bob", &p), -1);
	/* identity providers: by ARN, or a built-in one by name */
	assert_int_equal(ys_pinfo_parse("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", &p), 0);
	assert_int_equal(p.type, YS_PT_PROVIDER);
	assert_string_equal(p.name, "token.actions.githubusercontent.com");
	assert_false(p.saml);
	assert_int_equal(ys_pinfo_parse("arn:aws:iam::111122223333:saml-provider/okta", &p), 0);
	assert_true(p.saml);
	assert_string_equal(ys_pinfo_type_name(&p), "SAMLUser");
	assert_int_equal(ys_pinfo_provider("cognito-identity.amazonaws.com", &p), 0);
	assert_int_equal(p.type, YS_PT_PROVIDER);
	assert_int_equal(ys_pinfo_provider("arn:aws:iam::111122223333:role/x", &p), -1);
}

/* a trust policy letting GitHub's OIDC provider in for one repository: only its users, and only
 * with the subject; the statements that would admit it, conditions aside */
static void test_provider_trust(void **state)
{
	static const char trust[] = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
		"\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com\"},"
		"\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":{\"StringLike\":"
		"{\"token.actions.githubusercontent.com:sub\":\"repo:acme/web:*\"}}},"
		"{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"sts:AssumeRole\"}]}";
	static const char *const sub[] = {"repo:acme/web:ref:refs/heads/main"};
	struct ys_ckey k[] = {{"token.actions.githubusercontent.com:sub", sub, 1, 0}};
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	struct ys_pset ps;
	struct ys_cpolicy *t;
	struct ys_pinfo gh, other;
	struct ys_request req = {NULL, "sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111122223333:role/deploy",
				 NULL, {0}, &gh};
	struct ys_decision d;
	size_t idx[4];

	(void)state;
	assert_int_equal(ys_json_parse(trust, strlen(trust), &doc, &err), 0);
	ys_pset_init(&ps);
	assert_non_null(t = ys_pset_read(&ps, "trust", ys_jdoc_root(doc), 1, &err));
	ps.resource = t;
	assert_int_equal(ys_pinfo_parse("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", &gh), 0);
	req.principal = gh.arn;
	assert_int_equal(ys_eval(&ps, &req, 1, &d), 0);
	assert_int_equal(d.verdict, YS_IMPLICIT_DENY); /* no subject */
	req.ctx = (struct ys_ctx){k, 1, NULL, 0};
	assert_int_equal(ys_eval(&ps, &req, 1, &d), 0);
	assert_int_equal(d.verdict, YS_ALLOW);
	assert_int_equal(ys_eval_admitting(t, &req, idx, 4), 1);
	assert_int_equal(idx[0], 0);
	/* another provider is not named */
	assert_int_equal(ys_pinfo_parse("arn:aws:iam::111122223333:oidc-provider/gitlab.com", &other), 0);
	req.pi = &other;
	req.principal = other.arn;
	assert_int_equal(ys_eval(&ps, &req, 1, &d), 0);
	assert_int_equal(d.verdict, YS_IMPLICIT_DENY);
	assert_int_equal(ys_eval_admitting(t, &req, idx, 4), 0);
	/* the other account, by its root, for sts:AssumeRole only */
	req.pi = NULL;
	req.principal = "arn:aws:iam::444455556666:root";
	assert_int_equal(ys_eval_admitting(t, &req, idx, 4), 0);
	req.action = "sts:AssumeRole";
	assert_int_equal(ys_eval_admitting(t, &req, idx, 4), 1);
	assert_int_equal(idx[0], 1);
	req.principal = "not a principal";
	assert_int_equal(ys_eval_admitting(t, &req, idx, 4), -1);
	ys_pset_release(&ps);
	ys_jdoc_free(doc);
}

static void count(const struct ys_action *a, void *ctx)
{
	(void)a;
	++*(size_t *)ctx;
}

static void test_catalog(void **state)
{
	const struct ys_action *a;
	size_t n = 0;

	(void)state;
	assert_non_null(ys_catalog_actions(&n));
	assert_true(n > 15000);
	assert_non_null(a = ys_catalog_find("S3:getobject"));
	assert_string_equal(a->name, "s3:GetObject");
	assert_int_equal(a->level, YS_ACC_READ);
	assert_non_null(a = ys_catalog_find("s3:ListAllMyBuckets"));
	assert_true(a->no_resource);
	assert_int_equal(ys_catalog_find("iam:AttachUserPolicy")->level, YS_ACC_PERMISSIONS);
	assert_null(ys_catalog_find("s3:GetObjekt"));
	n = 0;
	assert_true(ys_catalog_each("s3:Get*Tagging", count, &n) >= 5);
	assert_true(n >= 5);
	assert_true(ys_catalog_each("*:DeleteBucket", NULL, NULL) >= 1);
	assert_true(ys_catalog_service("dynamodb"));
	assert_false(ys_catalog_service("dynamo"));
	assert_true(ys_catalog_rcp_service("s3"));
	assert_false(ys_catalog_rcp_service("ec2"));
	assert_true(ys_catalog_multivalued("aws:tagkeys"));
	assert_true(ys_catalog_multivalued("aws:CalledVia"));
	assert_false(ys_catalog_multivalued("aws:SourceIp"));
}

/* a decision built in code: an SCP level without an allow, then a boundary */
static void test_eval_layers(void **state)
{
	static const char admin[] = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
	static const char s3only[] = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
	struct ys_jdoc *d1, *d2;
	struct ys_error err = {0};
	struct ys_pset ps;
	struct ys_cpolicy *id, *lvl;
	struct ys_level level = {"ou-1", &lvl, 1};
	struct ys_request req = {"arn:aws:iam::111122223333:user/u", "ec2:RunInstances", "*", NULL, {0}, NULL};
	struct ys_decision d;
	char label[128];

	(void)state;
	assert_int_equal(ys_json_parse(admin, strlen(admin), &d1, &err), 0);
	assert_int_equal(ys_json_parse(s3only, strlen(s3only), &d2, &err), 0);
	ys_pset_init(&ps);
	assert_non_null(id = ys_pset_read(&ps, "Admin", ys_jdoc_root(d1), 0, &err));
	assert_non_null(lvl = ys_pset_read(&ps, "S3Only", ys_jdoc_root(d2), 0, &err));
	ps.identity = &id;
	ps.nidentity = 1;
	assert_int_equal(ys_eval(&ps, &req, 1, &d), 0);
	assert_int_equal(d.verdict, YS_ALLOW);
	ps.scp = &level;
	ps.nscp = 1;
	assert_int_equal(ys_eval(&ps, &req, 1, &d), 0);
	assert_int_equal(d.verdict, YS_IMPLICIT_DENY);
	assert_int_equal(d.gap, YS_L_SCP);
	assert_ptr_equal(d.gap_level, &level);
	req.action = "s3:GetObject";
	req.resource = "arn:aws:s3:::b/k";
	assert_int_equal(ys_eval(&ps, &req, 1, &d), 0);
	assert_int_equal(d.verdict, YS_ALLOW);
	assert_int_equal(d.nby, 2);
	ys_because_label(&d.by[0], label, sizeof(label));
	assert_string_equal(label, "scp:ou-1/S3Only#1");
	ys_because_label(&d.by[1], label, sizeof(label));
	assert_string_equal(label, "identity:Admin#1");
	ps.boundary = lvl;
	req.action = "s3:PutObject";
	assert_int_equal(ys_eval(&ps, &req, 0, &d), 0);
	assert_int_equal(d.verdict, YS_ALLOW);
	req.principal = "not a principal";
	assert_int_equal(ys_eval(&ps, &req, 0, &d), -1);
	ps.scp = NULL;
	ps.identity = NULL;
	ys_pset_release(&ps);
	ys_jdoc_free(d1);
	ys_jdoc_free(d2);
}

/* every request of the case files decided fast (stopping at the first deny) and explained:
 * the two must agree */
static void test_fast_agrees(void **state)
{
	static const char *const files[] = {"01-basics", "02-conditions-string", "03-conditions-typed",
		"04-set-operators", "05-variables", "06-boundaries", "07-organizations",
		"08-resource-policies", "09-cross-account", "10-kms-and-trust", "11-session-policies",
		"12-notprincipal", "13-principals"};
	size_t k, i, j, total = 0;

	(void)state;
	for (k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
		char path[512], *text;
		size_t len;
		struct ys_simfile f;
		struct ys_error err = {0};

		snprintf(path, sizeof(path), "%s/tests/iam/%s.json", YS_SOURCE_DIR, files[k]);
		assert_int_equal(ys_read_file(path, 1 << 24, &text, &len, &err), 0);
		assert_int_equal(ys_simfile_load(text, len, &f, &err), 0);
		free(text);
		for (i = 0; i < f.nsets; i++)
			for (j = 0; j < f.sets[i].nreq; j++) {
				struct ys_decision a, b;

				assert_int_equal(ys_eval(&f.sets[i].ps, &f.sets[i].req[j].req, 1, &a), 0);
				assert_int_equal(ys_eval(&f.sets[i].ps, &f.sets[i].req[j].req, 0, &b), 0);
				assert_int_equal(a.verdict, b.verdict);
				if (a.verdict == YS_IMPLICIT_DENY)
					assert_int_equal(a.gap, b.gap);
				total++;
			}
		ys_simfile_release(&f);
	}
	assert_true(total >= 300);
}

/* a policy of more statements than AWS accepts is named and left out; misspelt actions named */
static void test_bad_policies(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	struct ys_pset ps;
	struct ys_cpolicy *cp;
	size_t i;

	(void)state;
	strbuf_addstr(&sb, "{\"Version\":\"2012-10-17\",\"Statement\":[");
	for (i = 0; i <= YS_EVAL_MAX_STATEMENTS; i++)
		strbuf_addf(&sb, "%s{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}", i ? "," : "");
	strbuf_addstr(&sb, "]}");
	assert_int_equal(ys_json_parse(sb.buf, sb.len, &doc, &err), 0);
	ys_pset_init(&ps);
	assert_non_null(cp = ys_pset_read(&ps, "Huge", ys_jdoc_root(doc), 0, &err));
	assert_int_equal(cp->n, 0);
	assert_int_equal(ps.nproblems, 1);
	assert_non_null(strstr(ps.problems[0], "oversized"));
	ys_jdoc_free(doc);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObjekt\",\"ec2:*\",\"x\"],\"Resource\":\"*\"}}");
	assert_int_equal(ys_json_parse(sb.buf, sb.len, &doc, &err), 0);
	assert_non_null(cp = ys_pset_read(&ps, "Typo", ys_jdoc_root(doc), 0, &err));
	assert_int_equal(cp->n, 1);
	assert_int_equal(ps.nproblems, 2);
	assert_non_null(strstr(ps.problems[1], "2 actions AWS does not publish"));
	assert_non_null(strstr(ps.problems[1], "'s3:GetObjekt', 'x'"));
	ys_jdoc_free(doc);
	ys_pset_release(&ps);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glob),
		cmocka_unit_test(test_arn_like),
		cmocka_unit_test(test_vars),
		cmocka_unit_test(test_conditions),
		cmocka_unit_test(test_bad_conditions),
		cmocka_unit_test(test_principals),
		cmocka_unit_test(test_provider_trust),
		cmocka_unit_test(test_catalog),
		cmocka_unit_test(test_eval_layers),
		cmocka_unit_test(test_fast_agrees),
		cmocka_unit_test(test_bad_policies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
