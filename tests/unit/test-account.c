/* test-account.c: an account's principals from get-account-authorization-details, the statements
 * that reach each (own, attached, groups'), and whether an action is held on every resource:
 * conditions, MFA guardrails, explicit denies, permission boundaries, well-known AWS policies */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "iam/account.h"
#include "json/jread.h"

static const char details[] =
	"{\"UserDetailList\": ["
	" {\"UserName\": \"ann\", \"Arn\": \"arn:aws:iam::1:user/ann\", \"Path\": \"/\","
	"  \"GroupList\": [\"ops\"], \"AttachedManagedPolicies\": [], \"UserPolicyList\": []},"
	" {\"UserName\": \"bo\", \"Arn\": \"arn:aws:iam::1:user/bo\", \"Path\": \"/\","
	"  \"GroupList\": [], \"UserPolicyList\": [{\"PolicyName\": \"enc\", \"PolicyDocument\":"
	"  \"%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A*%22%2C"
	"%22Resource%22%3A%22*%22%2C%22Condition%22%3A%7B%22IpAddress%22%3A%7B%22aws%3ASourceIp%22%3A"
	"%2210.0.0.0%2F8%22%7D%7D%7D%5D%7D\"}],"
	"  \"AttachedManagedPolicies\": [{\"PolicyArn\": \"arn:aws:iam::aws:policy/PowerUserAccess\"}],"
	"  \"PermissionsBoundary\": {\"PermissionsBoundaryArn\": \"arn:aws:iam::1:policy/NoEc2\"}},"
	" {\"UserName\": \"cy\", \"Arn\": \"arn:aws:iam::1:user/cy\", \"Path\": \"/\", \"GroupList\": [],"
	"  \"UserPolicyList\": [{\"PolicyName\": \"bad\", \"PolicyDocument\": {\"Statement\": 3}}],"
	"  \"AttachedManagedPolicies\": [{\"PolicyArn\": \"arn:aws:iam::aws:policy/AdministratorAccess\"}]}],"
	"\"GroupDetailList\": [{\"GroupName\": \"ops\", \"Arn\": \"arn:aws:iam::1:group/ops\","
	" \"GroupPolicyList\": [{\"PolicyName\": \"guard\", \"PolicyDocument\": {\"Statement\": ["
	"  {\"Effect\": \"Deny\", \"Action\": \"ec2:Terminate*\", \"Resource\": \"*\", \"Condition\":"
	"   {\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}}},"
	"  {\"Effect\": \"Deny\", \"Action\": \"kms:*\", \"Resource\": \"*\"}]}}],"
	" \"AttachedManagedPolicies\": [{\"PolicyArn\": \"arn:aws:iam::1:policy/Ops\"}]}],"
	"\"RoleDetailList\": [{\"RoleName\": \"web\", \"Arn\": \"arn:aws:iam::1:role/web\", \"Path\": \"/\","
	" \"AssumeRolePolicyDocument\": {\"Statement\": [{\"Effect\": \"Allow\", \"Principal\":"
	"  {\"Service\": [\"ec2.amazonaws.com\"]}, \"Action\": \"sts:AssumeRole\"}]},"
	" \"InstanceProfileList\": [{\"Arn\": \"arn:aws:iam::1:instance-profile/web\"}],"
	" \"RolePolicyList\": [{\"PolicyName\": \"one\", \"PolicyDocument\": {\"Statement\": {\"Effect\":"
	"  \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}}}],"
	" \"AttachedManagedPolicies\": []}],"
	"\"Policies\": [{\"PolicyName\": \"Ops\", \"Arn\": \"arn:aws:iam::1:policy/Ops\", \"AttachmentCount\": 1,"
	" \"DefaultVersionId\": \"v2\", \"PolicyVersionList\": ["
	"  {\"VersionId\": \"v1\", \"IsDefaultVersion\": false, \"Document\": {\"Statement\": []}},"
	"  {\"VersionId\": \"v2\", \"IsDefaultVersion\": true, \"Document\": {\"Statement\": [{\"Effect\":"
	"   \"Allow\", \"Action\": [\"ec2:*\", \"kms:*\"], \"Resource\": \"*\"}]}}]},"
	" {\"PolicyName\": \"NoEc2\", \"Arn\": \"arn:aws:iam::1:policy/NoEc2\", \"DefaultVersionId\": \"v1\","
	"  \"PolicyVersionList\": [{\"VersionId\": \"v1\", \"IsDefaultVersion\": true, \"Document\":"
	"   {\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}}]}]}";

struct fixture {
	struct ys_jdoc *doc;
	struct ys_account *acct;
};

static int setup(void **state)
{
	static struct fixture fx;
	struct ys_error err = {0};

	if (ys_json_parse(details, strlen(details), &fx.doc, &err) ||
	    ys_account_load(ys_jdoc_root(fx.doc), &fx.acct, &err))
		return -1;
	*state = &fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	ys_account_free(fx->acct);
	ys_jdoc_free(fx->doc);
	return 0;
}

static void loads_principals_and_problems(void **state)
{
	const struct ys_account *a = ((struct fixture *)*state)->acct;

	assert_int_equal(a->nusers, 3);
	assert_int_equal(a->ngroups, 1);
	assert_int_equal(a->nroles, 1);
	assert_string_equal(a->users[0].groups[0], "ops");
	assert_string_equal(a->users[1].boundary, "arn:aws:iam::1:policy/NoEc2");
	/* the URL-encoded inline policy is read; cy's broken one is named, the rest kept */
	assert_true(a->users[1].inl[0].ok);
	assert_false(a->users[2].inl[0].ok);
	assert_int_equal(a->nproblems, 1);
	assert_non_null(strstr(a->problems[0], "inline policy bad of arn:aws:iam::1:user/cy"));
	/* the default version, not the first */
	assert_int_equal(ys_account_policy(a, "arn:aws:iam::1:policy/Ops")->doc.n, 1);
	assert_ptr_equal(ys_account_profile_role(a, "arn:aws:iam::1:instance-profile/web"), &a->roles[0]);
	assert_null(ys_account_profile_role(a, "arn:aws:iam::1:instance-profile/none"));
}

static void grants_through_groups_guards_and_denies(void **state)
{
	const struct ys_account *a = ((struct fixture *)*state)->acct;
	const struct ys_principal *ann = &a->users[0];
	char where[300];

	/* ec2:* through the group's policy, but the group's guardrail wants MFA to terminate */
	assert_int_equal(ys_account_grant(a, ann, "ec2:RunInstances", where, sizeof(where)),
			 YS_GRANT_FULL);
	assert_string_equal(where, "group ops: Ops");
	assert_int_equal(ys_account_grant(a, ann, "ec2:TerminateInstances", NULL, 0), YS_GRANT_MFA);
	/* an unconditional deny wins */
	assert_int_equal(ys_account_grant(a, ann, "kms:Decrypt", where, sizeof(where)), YS_GRANT_NONE);
	assert_string_equal(where, "");
	assert_int_equal(ys_account_grant(a, ann, "s3:GetObject", NULL, 0), YS_GRANT_NONE);
}

static void boundaries_conditions_and_known_policies(void **state)
{
	const struct ys_account *a = ((struct fixture *)*state)->acct;
	const struct ys_principal *bo = &a->users[1], *cy = &a->users[2], *web = &a->roles[0];
	char svc[64], where[300];

	/* PowerUserAccess (not in Policies: known) allows ec2, the boundary does not */
	assert_int_equal(ys_account_grant(a, bo, "ec2:TerminateInstances", NULL, 0), YS_GRANT_NONE);
	assert_int_equal(ys_account_grant(a, bo, "s3:DeleteBucket", where, sizeof(where)),
			 YS_GRANT_FULL);
	assert_string_equal(where, "PowerUserAccess");
	assert_int_equal(ys_account_grant(a, bo, "iam:CreateUser", NULL, 0), YS_GRANT_NONE);
	/* AdministratorAccess, known though absent */
	assert_int_equal(ys_account_grant(a, cy, "iam:CreateUser", NULL, 0), YS_GRANT_FULL);
	/* a role's grant on one bucket: not every resource, but some */
	assert_int_equal(ys_account_grant(a, web, "s3:GetObject", NULL, 0), YS_GRANT_NONE);
	assert_true(ys_account_allows_some(a, web, "s3:GetObject", where, sizeof(where)));
	assert_string_equal(where, "inline policy one");
	assert_false(ys_account_allows_some(a, web, "s3:PutObject", NULL, 0));
	assert_true(ys_account_service_role(web, svc, sizeof(svc)));
	assert_string_equal(svc, "ec2.amazonaws.com");
	assert_false(ys_account_service_role(bo, svc, sizeof(svc)));
}

static void not_an_object(void **state)
{
	struct ys_jdoc *doc;
	struct ys_account *acct;
	struct ys_error err = {0};

	(void)state;
	assert_int_equal(ys_json_parse("[1]", 3, &doc, &err), 0);
	assert_int_not_equal(ys_account_load(ys_jdoc_root(doc), &acct, &err), 0);
	assert_null(acct);
	ys_jdoc_free(doc);
	/* an empty object is an empty account, with the well-known policies */
	assert_int_equal(ys_json_parse("{}", 2, &doc, &err), 0);
	assert_int_equal(ys_account_load(ys_jdoc_root(doc), &acct, &err), 0);
	assert_int_equal(acct->nusers, 0);
	assert_non_null(ys_account_policy(acct, "arn:aws:iam::aws:policy/AdministratorAccess"));
	ys_account_free(acct);
	ys_jdoc_free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_principals_and_problems),
		cmocka_unit_test(grants_through_groups_guards_and_denies),
		cmocka_unit_test(boundaries_conditions_and_known_policies),
		cmocka_unit_test(not_an_object),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
