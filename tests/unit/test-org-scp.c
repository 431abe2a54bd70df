/* test-org-scp.c: an organization folder read (organization.json, its fallbacks) and its SCPs
 * reasoned about: which levels reach an account, and whether they deny a request made without
 * MFA, as a console session (the key false) and as an access key (no key at all) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "org/org.h"
#include "org/scp.h"

static void put(const char *dir, const char *rel, const char *text)
{
	char path[512], *p;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	for (p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static void rm(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

#define FULL "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"*\\\",\\\"Resource\\\":\\\"*\\\"}]}"

/* a policy p-ID named NAME with the document DOC (escaped for a JSON string), attached to TARGETS
 * (a JSON list of {"TargetId", "Type"}) */
static void policy(const char *dir, const char *id, const char *name, const char *doc, const char *targets)
{
	char rel[256], text[4096];

	snprintf(rel, sizeof(rel), "organizations/describe-policy/%s.json", id);
	snprintf(text, sizeof(text), "{\"Policy\": {\"PolicySummary\": {\"Id\": \"%s\", \"Name\": \"%s\"}, "
				     "\"Content\": \"%s\"}}", id, name, doc);
	put(dir, rel, text);
	snprintf(rel, sizeof(rel), "organizations/list-targets-for-policy/%s.json", id);
	snprintf(text, sizeof(text), "{\"Targets\": %s}", targets);
	put(dir, rel, text);
}

static void policies(const char *dir, const char *list)
{
	char text[2048];

	snprintf(text, sizeof(text), "{\"Policies\": [%s]}", list);
	put(dir, "organizations/list-policies.json", text);
}

static const char root_enabled[] = "{\"Roots\": [{\"Id\": \"r-ab12\", \"Name\": \"Root\", \"PolicyTypes\": "
				   "[{\"Type\": \"SERVICE_CONTROL_POLICY\", \"Status\": \"ENABLED\"}]}]}";

/* Opens dir and reads its SCPs. */
static void open_org(const char *dir, struct ys_org **org, struct ys_org_scps *s)
{
	struct ys_error err = {0};

	assert_int_equal(ys_org_open(dir, org, &err), 0);
	assert_int_equal(ys_org_scps_load(*org, s, &err), 0);
}

/* Whether the SCPs reaching account deny action on resource without MFA: key_absent as in
 * struct ys_org_probe. */
static int denies(struct ys_org *org, const struct ys_org_scps *s, const char *account, const char *action,
		  const char *resource, const char *region, int key_absent)
{
	struct ys_org_chain c;
	struct ys_org_probe p = {"o-test", account, action, resource, region, key_absent};
	char by[300];
	int d;

	assert_int_equal(ys_org_chain_of(org, s, account, 0, &c), 0);
	d = ys_org_scp_denies(s, &c, &p, by, sizeof(by));
	ys_org_chain_release(&c);
	return d;
}

static void bool_if_exists_and_bool(void **state)
{
	char dir[] = "/tmp/ys-org-XXXXXX";
	struct ys_org *org;
	struct ys_org_scps s;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put(dir, "organization.json", "{\"organization\": \"o-test\", \"management_account\": \"111111111111\", "
				      "\"accounts\": [{\"id\": \"111111111111\", \"result\": \"collected\"}, "
				      "{\"id\": \"222222222222\", \"name\": \"prod\", \"result\": \"collected\"}]}");
	put(dir, "organizations/list-roots.json", root_enabled);
	policies(dir, "{\"Id\": \"p-FullAWSAccess\", \"Name\": \"FullAWSAccess\", \"AwsManaged\": true}, "
		      "{\"Id\": \"p-ifexists\", \"Name\": \"ifexists\"}, {\"Id\": \"p-bool\", \"Name\": \"bool\"}");
	/* FullAWSAccess's document is not collected: yourside knows it */
	put(dir, "organizations/list-targets-for-policy/p-FullAWSAccess.json",
	    "{\"Targets\": [{\"TargetId\": \"r-ab12\", \"Type\": \"ROOT\"}, {\"TargetId\": \"222222222222\", \"Type\": \"ACCOUNT\"}]}");
	policy(dir, "p-ifexists", "ifexists",
	       "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Action\\\":"
	       "\\\"s3:Delete*\\\",\\\"Resource\\\":\\\"*\\\",\\\"Condition\\\":{\\\"BoolIfExists\\\":"
	       "{\\\"aws:MultiFactorAuthPresent\\\":\\\"false\\\"}}}]}",
	       "[{\"TargetId\": \"r-ab12\", \"Type\": \"ROOT\"}]");
	policy(dir, "p-bool", "bool",
	       "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Action\\\":"
	       "\\\"ec2:TerminateInstances\\\",\\\"Resource\\\":\\\"*\\\",\\\"Condition\\\":{\\\"Bool\\\":"
	       "{\\\"aws:MultiFactorAuthPresent\\\":\\\"false\\\"}}}]}",
	       "[{\"TargetId\": \"222222222222\", \"Type\": \"ACCOUNT\"}]");
	open_org(dir, &org, &s);
	assert_int_equal(s.state, YS_SCPS_OK);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.unknown, 0);
	assert_non_null(s.v[0].pol); /* known without describe-policy */
	assert_string_equal(s.root, "r-ab12");
	assert_string_equal(org->management, "111111111111");
	assert_string_equal(ys_org_account(org, "222222222222")->name, "prod");

	/* BoolIfExists: denied with the key false and with no key at all */
	assert_int_equal(denies(org, &s, "222222222222", "s3:DeleteBucket", "arn:aws:s3:::b", "eu-west-1", 0), 1);
	assert_int_equal(denies(org, &s, "222222222222", "s3:DeleteBucket", "arn:aws:s3:::b", "eu-west-1", 1), 1);
	/* Bool: an access key, which carries no MFA key, escapes it */
	assert_int_equal(denies(org, &s, "222222222222", "ec2:TerminateInstances",
				"arn:aws:ec2:eu-west-1:222222222222:instance/i-1", "eu-west-1", 0), 1);
	assert_int_equal(denies(org, &s, "222222222222", "ec2:TerminateInstances",
				"arn:aws:ec2:eu-west-1:222222222222:instance/i-1", "eu-west-1", 1), 0);
	/* nothing denies the rest */
	assert_int_equal(denies(org, &s, "222222222222", "rds:DeleteDBInstance",
				"arn:aws:rds:eu-west-1:222222222222:db:x", "eu-west-1", 0), 0);
	ys_org_scps_release(&s);
	ys_org_free(org);
	rm(dir);
}

static void levels_and_the_tree(void **state)
{
	char dir[] = "/tmp/ys-org-XXXXXX";
	struct ys_org *org;
	struct ys_org_scps s;
	struct ys_org_chain c;

	(void)state;
	assert_non_null(mkdtemp(dir));
	put(dir, "organization.json", "{\"accounts\": [{\"id\": \"222222222222\", \"result\": \"collected\"}, "
				      "{\"id\": \"333333333333\", \"result\": \"collected\"}, "
				      "{\"id\": \"444444444444\", \"result\": \"collected\"}]}");
	put(dir, "organizations/list-roots.json", root_enabled);
	policies(dir, "{\"Id\": \"p-full\", \"Name\": \"full\"}, {\"Id\": \"p-ou\", \"Name\": \"ou-deny\"}, "
		      "{\"Id\": \"p-region\", \"Name\": \"region\"}");
	/* FullAWSAccess on the root, the OU and two accounts: 444444444444 has no allow of its own */
	policy(dir, "p-full", "full", FULL,
	       "[{\"TargetId\": \"r-ab12\"}, {\"TargetId\": \"ou-ab12-x\"}, {\"TargetId\": \"222222222222\"}, "
	       "{\"TargetId\": \"333333333333\"}]");
	policy(dir, "p-ou", "ou-deny",
	       "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Action\\\":"
	       "\\\"kms:ScheduleKeyDeletion\\\",\\\"Resource\\\":\\\"*\\\",\\\"Condition\\\":{\\\"BoolIfExists\\\":"
	       "{\\\"aws:MultiFactorAuthPresent\\\":\\\"false\\\"},\\\"ArnNotLike\\\":{\\\"aws:PrincipalArn\\\":"
	       "\\\"arn:aws:iam::*:role/break-glass\\\"}}}]}",
	       "[{\"TargetId\": \"ou-ab12-x\", \"Type\": \"ORGANIZATIONAL_UNIT\"}]");
	/* everything outside eu-west-1 refused */
	policy(dir, "p-region", "region",
	       "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"NotAction\\\":"
	       "\\\"iam:*\\\",\\\"Resource\\\":\\\"*\\\",\\\"Condition\\\":{\\\"StringNotEquals\\\":"
	       "{\\\"aws:RequestedRegion\\\":\\\"eu-west-1\\\"}}}]}",
	       "[{\"TargetId\": \"r-ab12\", \"Type\": \"ROOT\"}]");
	open_org(dir, &org, &s);
	assert_true(s.any_ou);

	/* without list-parents: the root and the account only, and the tree said unknown */
	assert_int_equal(ys_org_chain_of(org, &s, "222222222222", 0, &c), 0);
	assert_true(c.tree_unknown);
	assert_string_equal(c.missing, "organizations/list-parents/222222222222.json");
	assert_int_equal(c.n, 2);
	assert_string_equal(c.lv[0].name, "r-ab12");
	assert_int_equal(c.lv[0].n, 2);
	ys_org_chain_release(&c);
	assert_int_equal(denies(org, &s, "222222222222", "kms:ScheduleKeyDeletion",
				"arn:aws:kms:eu-west-1:222222222222:key/k", "eu-west-1", 1), 0);
	/* every OU as a level of its own: the most any placement could deny */
	assert_int_equal(ys_org_chain_of(org, &s, "222222222222", 1, &c), 0);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.lv[1].name, "ou-ab12-x");
	ys_org_chain_release(&c);
	ys_org_scps_release(&s);
	ys_org_free(org);

	/* with list-parents: 222222222222 under the OU, 333333333333 under the root */
	put(dir, "organizations/list-parents/222222222222.json", "{\"Parents\": [{\"Id\": \"ou-ab12-x\", \"Type\": \"ORGANIZATIONAL_UNIT\"}]}");
	put(dir, "organizations/list-parents/ou-ab12-x.json", "{\"Parents\": [{\"Id\": \"r-ab12\", \"Type\": \"ROOT\"}]}");
	put(dir, "organizations/list-parents/333333333333.json", "{\"Parents\": [{\"Id\": \"r-ab12\", \"Type\": \"ROOT\"}]}");
	put(dir, "organizations/list-parents/444444444444.json", "{\"Parents\": [{\"Id\": \"r-ab12\", \"Type\": \"ROOT\"}]}");
	open_org(dir, &org, &s);
	assert_int_equal(ys_org_chain_of(org, &s, "222222222222", 0, &c), 0);
	assert_false(c.tree_unknown);
	assert_int_equal(c.n, 3);
	assert_string_equal(c.lv[0].name, "r-ab12");
	assert_string_equal(c.lv[1].name, "ou-ab12-x");
	assert_string_equal(c.lv[2].name, "222222222222");
	ys_org_chain_release(&c);
	assert_int_equal(denies(org, &s, "222222222222", "kms:ScheduleKeyDeletion",
				"arn:aws:kms:eu-west-1:222222222222:key/k", "eu-west-1", 1), 1);
	assert_int_equal(denies(org, &s, "333333333333", "kms:ScheduleKeyDeletion",
				"arn:aws:kms:eu-west-1:333333333333:key/k", "eu-west-1", 1), 0);
	/* the region SCP denies outside eu-west-1, with or without MFA */
	assert_int_equal(denies(org, &s, "333333333333", "rds:DeleteDBInstance",
				"arn:aws:rds:us-east-1:333333333333:db:x", "us-east-1", 0), 1);
	/* no SCP attached to the account allows anything: every request is denied at its level */
	assert_int_equal(denies(org, &s, "444444444444", "rds:DeleteDBInstance",
				"arn:aws:rds:eu-west-1:444444444444:db:x", "eu-west-1", 0), 1);
	ys_org_scps_release(&s);
	ys_org_free(org);
	rm(dir);
}

static void what_cannot_be_read(void **state)
{
	char dir[] = "/tmp/ys-org-XXXXXX";
	struct ys_org *org;
	struct ys_org_scps s;
	const char *const *msgs;
	size_t n;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* organization.json broken: the accounts come from list-accounts, and it is said */
	put(dir, "organization.json", "{\"accounts\": [");
	put(dir, "organizations/list-accounts.json", "{\"Accounts\": [{\"Id\": \"222222222222\", \"Name\": \"a\", "
						     "\"Status\": \"ACTIVE\"}, {\"Id\": \"nope\"}]}");
	mkdir(dir, 0700);
	put(dir, "222222222222/account.json", "{\"Account\": \"222222222222\"}");
	put(dir, "999999999999/account.json", "{\"Account\": \"999999999999\"}");
	put(dir, "organizations/list-policies.error.json", "{\"Error\": {\"Code\": \"AccessDeniedException\", "
							   "\"Message\": \"no\"}}");
	assert_true(ys_org_is(dir));
	open_org(dir, &org, &s);
	assert_int_equal(org->nacc, 1);
	assert_string_equal(org->acc[0].name, "a");
	assert_non_null(org->acc[0].dir);
	assert_string_equal(org->source, "organizations/list-accounts.json");
	n = ys_org_problems(org, &msgs);
	assert_true(n >= 3);
	assert_non_null(strstr(msgs[0], "organization.json': byte"));
	assert_non_null(strstr(msgs[1], "account 2 has no 12-digit Id"));
	assert_int_equal(s.state, YS_SCPS_REFUSED);
	assert_non_null(strstr(s.why, "organizations:ListPolicies"));
	ys_org_scps_release(&s);
	ys_org_free(org);

	/* SCPs not enabled at the root */
	put(dir, "organizations/list-roots.json", "{\"Roots\": [{\"Id\": \"r-ab12\", \"PolicyTypes\": []}]}");
	open_org(dir, &org, &s);
	assert_int_equal(s.state, YS_SCPS_OFF);
	ys_org_scps_release(&s);
	ys_org_free(org);
	rm(dir);

	/* no list-policies at all; a policy whose targets were not collected */
	assert_non_null(mkdtemp(strcpy(dir, "/tmp/ys-org-XXXXXX")));
	put(dir, "organization.json", "{\"accounts\": []}");
	open_org(dir, &org, &s);
	assert_int_equal(s.state, YS_SCPS_MISSING);
	ys_org_scps_release(&s);
	ys_org_free(org);
	policies(dir, "{\"Id\": \"p-x\", \"Name\": \"x\"}");
	put(dir, "organizations/describe-policy/p-x.json", "{\"Policy\": {\"Content\": \"not a policy\"}}");
	open_org(dir, &org, &s);
	assert_int_equal(s.state, YS_SCPS_OK);
	assert_int_equal(s.unknown, 1);
	assert_null(s.v[0].pol);
	assert_false(s.v[0].targets_known);
	ys_org_scps_release(&s);
	ys_org_free(org);
	rm(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bool_if_exists_and_bool),
		cmocka_unit_test(levels_and_the_tree),
		cmocka_unit_test(what_cannot_be_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
