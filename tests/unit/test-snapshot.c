/* test-snapshot.c: a snapshot folder's calls (ok, missing, refused, broken), resource file names,
 * permissions, the credential report in its three forms, and IAM policy documents */
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
#include "base/file.h"
#include "base/isotime.h"
#include "iam/policy.h"
#include "snapshot/credreport.h"
#include "snapshot/snapshot.h"

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

static void calls_and_their_states(void **state)
{
	char dir[] = "/tmp/ys-snap-XXXXXX";
	struct ys_snapshot *s;
	struct ys_error err = {0};
	const struct ys_snap_file *f;
	const char *const *names;
	char cmd[600];

	(void)state;
	assert_non_null(mkdtemp(dir));
	put(dir, "account.json", "{\"Account\": \"111122223333\", \"Arn\": \"x\"}");
	put(dir, "snapshot.json", "{\"time\": \"2026-11-20T09:00:00+01:00\"}");
	put(dir, "global/iam/get-account-summary.json", "{\"SummaryMap\": {\"Users\": 3}}");
	put(dir, "global/iam/list-virtual-mfa-devices.error.json",
	    "{\"Error\": {\"Code\": \"AccessDenied\", \"Message\": \"no\"}}");
	put(dir, "eu-west-1/ec2/describe-instances.json", "{\"Reservations\": [}");
	put(dir, "us-gov-west-1/ec2/x.json", "{}");
	put(dir, "notes/x.json", "{}");
	put(dir, "global/s3/get-bucket-policy/%2Eodd%2Fname.json", "{\"Policy\": \"{}\"}");
	assert_int_equal(ys_snapshot_open(dir, &s, &err), 0);

	assert_int_equal(ys_snapshot_regions(s, &names), 2);
	assert_string_equal(names[0], "eu-west-1");
	assert_string_equal(names[1], "us-gov-west-1");
	assert_string_equal(ys_snapshot_account(s), "111122223333");
	assert_int_equal(ys_snapshot_time(s), ys_time_parse("2026-11-20T08:00:00Z"));

	f = ys_snapshot_get(s, "global/iam/get-account-summary");
	assert_int_equal(f->status, YS_SNAP_OK);
	assert_ptr_equal(ys_snapshot_get(s, "global/iam/get-account-summary"), f); /* kept */
	assert_int_equal(ys_snapshot_get(s, "global/iam/nothing")->status, YS_SNAP_MISSING);
	f = ys_snapshot_get(s, "global/iam/list-virtual-mfa-devices");
	assert_int_equal(f->status, YS_SNAP_REFUSED);
	assert_string_equal(f->code, "AccessDenied");
	assert_string_equal(f->message, "no");
	f = ys_snapshot_get(s, "eu-west-1/ec2/describe-instances");
	assert_int_equal(f->status, YS_SNAP_BAD);
	assert_non_null(strstr(f->why, "describe-instances.json': byte 18: unexpected character"));
	f = ys_snapshot_get_res(s, "global/s3/get-bucket-policy", ".odd/name");
	assert_int_equal(f->status, YS_SNAP_OK);

	/* "notes" is not a region; the broken file is listed once, however often it is asked for */
	ys_snapshot_get(s, "eu-west-1/ec2/describe-instances");
	assert_int_equal(ys_snapshot_problems(s, &names), 2);
	assert_non_null(strstr(names[0], "notes': not a region's name"));
	ys_snapshot_free(s);

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(ys_snapshot_open(dir, &s, &err), YS_EIO);
	assert_non_null(strstr(err.msg, "No such file"));
}

static void names_and_permissions(void **state)
{
	char out[128];

	(void)state;
	ys_snapshot_escape("a/b%c", out);
	assert_string_equal(out, "a%2Fb%25c");
	ys_snapshot_escape("..", out);
	assert_string_equal(out, "%2E.");
	ys_snapshot_escape("caf\xc3\xa9 x", out);
	assert_string_equal(out, "caf%C3%A9%20x");
	assert_true(ys_snapshot_is_region("eu-west-1"));
	assert_true(ys_snapshot_is_region("us-gov-east-1"));
	assert_true(ys_snapshot_is_region("ap-southeast-12"));
	assert_false(ys_snapshot_is_region("global"));
	assert_false(ys_snapshot_is_region("eu-west"));
	assert_false(ys_snapshot_is_region("eu-west-1a"));
	assert_false(ys_snapshot_is_region("EU-west-1"));
	assert_false(ys_snapshot_is_region("west-0"));

	ys_snapshot_permission("global/iam/get-account-authorization-details", out, sizeof(out));
	assert_string_equal(out, "iam:GetAccountAuthorizationDetails");
	ys_snapshot_permission("global/iam/list-virtual-mfa-devices", out, sizeof(out));
	assert_string_equal(out, "iam:ListVirtualMFADevices");
	ys_snapshot_permission("eu-west-1/rds/describe-db-instances", out, sizeof(out));
	assert_string_equal(out, "rds:DescribeDBInstances");
	ys_snapshot_permission("global/s3/get-public-access-block/my-bucket", out, sizeof(out));
	assert_string_equal(out, "s3:GetBucketPublicAccessBlock");
	ys_snapshot_permission("global/s3/list-buckets", out, sizeof(out));
	assert_string_equal(out, "s3:ListAllMyBuckets");
	ys_snapshot_permission("us-east-1/accessanalyzer/list-analyzers", out, sizeof(out));
	assert_string_equal(out, "access-analyzer:ListAnalyzers");
	ys_snapshot_permission("us-east-1/cloudtrail/get-trail-status/main", out, sizeof(out));
	assert_string_equal(out, "cloudtrail:GetTrailStatus");
	ys_snapshot_permission("eu-west-1/opensearch/describe-domain/acme-logs", out, sizeof(out));
	assert_string_equal(out, "es:DescribeDomain");
	ys_snapshot_permission("eu-west-1/apigatewayv2/get-routes/a1b2c3", out, sizeof(out));
	assert_string_equal(out, "apigateway:GET");
	ys_snapshot_permission("eu-west-1/rds/describe-db-cluster-snapshot-attributes/s", out,
			       sizeof(out));
	assert_string_equal(out, "rds:DescribeDBClusterSnapshotAttributes");
	ys_snapshot_permission("eu-west-1/efs/describe-file-system-policy/fs-1", out, sizeof(out));
	assert_string_equal(out, "elasticfilesystem:DescribeFileSystemPolicy");
	ys_snapshot_permission("global/iam/get-open-id-connect-provider/arn", out, sizeof(out));
	assert_string_equal(out, "iam:GetOpenIDConnectProvider");
	ys_snapshot_permission("global/iam/list-saml-providers", out, sizeof(out));
	assert_string_equal(out, "iam:ListSAMLProviders");
	ys_snapshot_permission("eu-west-1/glacier/get-vault-access-policy/v", out, sizeof(out));
	assert_string_equal(out, "glacier:GetVaultAccessPolicy");
	ys_snapshot_permission("global/organizations/describe-organization", out, sizeof(out));
	assert_string_equal(out, "organizations:DescribeOrganization");
	ys_snapshot_permission("eu-west-1/lambda/list-function-url-configs/f", out, sizeof(out));
	assert_string_equal(out, "lambda:ListFunctionUrlConfigs");
	ys_snapshot_permission("account", out, sizeof(out));
	assert_string_equal(out, "?");
}

#define HEADER                                                                                    \
	"user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"  \
	"password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"        \
	"access_key_1_last_used_date,access_key_2_active,access_key_2_last_rotated,"              \
	"access_key_2_last_used_date\n"
#define ROOT "<root_account>,arn:aws:iam::1:root,2020-01-01T00:00:00+00:00,not_supported,"        \
	     "2026-01-02T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,false,N/A,N/A\n"
#define BOB "bob,arn:aws:iam::1:user/bob,2021-01-01T00:00:00+00:00,true,no_information,"         \
	    "2021-01-01T00:00:00+00:00,N/A,false,true,2021-01-01T00:05:00+00:00,N/A,true,"       \
	    "2024-01-01T00:00:00+00:00,2026-01-01T12:00:00+00:00\n"

static void check_rows(const struct ys_credreport *r)
{
	assert_int_equal(r->n, 2);
	assert_true(r->users[0].is_root);
	assert_true(r->users[0].password_enabled); /* not_supported, but it logged in */
	assert_true(r->users[0].mfa_active);
	assert_int_equal(r->users[0].password_last_used, ys_time_parse("2026-01-02T00:00:00Z"));
	assert_string_equal(r->users[1].user, "bob");
	assert_false(r->users[1].is_root);
	assert_int_equal(r->users[1].password_last_used, YS_CRED_NEVER);
	assert_true(r->users[1].key[0].active);
	assert_int_equal(r->users[1].key[0].last_used, YS_CRED_NEVER);
	assert_true(r->users[1].key[1].active);
	assert_int_equal(r->users[1].key[1].last_used, ys_time_parse("2026-01-01T12:00:00Z"));
	assert_int_equal(r->users[1].cert[0].last_rotated, YS_CRED_UNKNOWN); /* no such column */
}

static void credential_report_forms(void **state)
{
	static const char csv[] = HEADER ROOT BOB;
	/* base64 of csv, as `aws iam get-credential-report` prints Content */
	char b64[2048], json[2300], crlf[1024];
	struct ys_credreport *r;
	struct ys_error err = {0};
	FILE *p;
	size_t n, i, k;

	(void)state;
	assert_int_equal(ys_credreport_parse(csv, strlen(csv), &r, &err), 0);
	check_rows(r);
	assert_int_equal(r->generated, -1);
	ys_credreport_free(r);

	assert_non_null(p = popen("printf '%s' '" HEADER ROOT BOB "' | base64 -w0", "r"));
	n = fread(b64, 1, sizeof(b64) - 1, p);
	b64[n] = '\0';
	pclose(p);
	assert_int_equal(ys_credreport_parse(b64, n, &r, &err), 0);
	check_rows(r);
	ys_credreport_free(r);

	snprintf(json, sizeof(json),
		 "{\"Content\": \"%s\", \"ReportFormat\": \"text/csv\", \"GeneratedTime\": "
		 "\"2026-01-03T00:00:00Z\"}", b64);
	assert_int_equal(ys_credreport_parse(json, strlen(json), &r, &err), 0);
	check_rows(r);
	assert_int_equal(r->generated, ys_time_parse("2026-01-03T00:00:00Z"));
	ys_credreport_free(r);

	/* CRLF line ends, a blank line, a short row (skipped, said), a quoted field */
	for (i = k = 0; csv[i]; i++) {
		if (csv[i] == '\n')
			crlf[k++] = '\r';
		crlf[k++] = csv[i];
	}
	k += (size_t)snprintf(crlf + k, sizeof(crlf) - k, "\r\nshort,row\r\n");
	assert_int_equal(ys_credreport_parse(crlf, k, &r, &err), 0);
	check_rows(r);
	assert_int_equal(r->nproblems, 1);
	assert_string_equal(r->problems[0], "line 5: 2 fields where the header has 14");
	ys_credreport_free(r);

	assert_int_equal(ys_credreport_parse("name,arn\nx,y\n", 13, &r, &err), YS_EPARSE);
	assert_int_equal(ys_credreport_parse("{\"ReportFormat\": 1}", 19, &r, &err), YS_EPARSE);
	assert_string_equal(err.msg, "no 'Content' member");
	assert_int_equal(ys_credreport_parse("{\"Content\": ", 12, &r, &err), YS_EPARSE);
}

static void credential_report_of_cloudmapper(void **state)
{
	/* a real collector's output: Content already decoded to CSV text */
	char *buf;
	size_t len;
	struct ys_credreport *r;
	struct ys_error err = {0};

	(void)state;
	assert_int_equal(ys_read_file(YS_SHARED_DATA "/posture/samples/cloudmapper-demo/us-east-1/"
						     "iam-get-credential-report.json",
				      1 << 20, &buf, &len, &err),
			 0);
	assert_int_equal(ys_credreport_parse(buf, len, &r, &err), 0);
	assert_true(r->n >= 2);
	assert_true(r->users[0].is_root);
	assert_int_equal(r->nproblems, 0);
	assert_true(r->generated > 0);
	ys_credreport_free(r);
	free(buf);
}

static const struct ys_jval *parse(const char *text, struct ys_jdoc **doc)
{
	struct ys_error err = {0};

	assert_int_equal(ys_json_parse(text, strlen(text), doc, &err), 0);
	return ys_jdoc_root(*doc);
}

static void policy_documents(void **state)
{
	struct ys_jdoc *doc;
	struct ys_policy p;
	struct ys_error err = {0};
	const struct ys_jval *v;

	(void)state;
	/* as the CLI prints it: an object, one statement, NotAction */
	v = parse("{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"NotAction\": "
		  "[\"iam:*\", \"organizations:*\"], \"Resource\": \"*\"}}", &doc);
	assert_int_equal(ys_policy_parse(v, &p, &err), 0);
	assert_int_equal(p.n, 1);
	assert_true(p.st[0].allow);
	assert_true(p.st[0].not_action);
	assert_false(ys_pstmt_action(&p.st[0], "iam:CreateUser"));
	assert_true(ys_pstmt_action(&p.st[0], "ec2:TerminateInstances"));
	assert_true(ys_pstmt_all_resources(&p.st[0]));
	ys_policy_release(&p);
	ys_jdoc_free(doc);

	/* as the IAM API returns it: URL-encoded, with an MFA condition */
	v = parse("\"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A"
		  "%22Deny%22%2C%22Action%22%3A%22ec2%3ATerminate%2A%22%2C%22Resource%22%3A%5B%22arn%3Aaws"
		  "%3Aec2%3A%2A%22%5D%2C%22Condition%22%3A%7B%22BoolIfExists%22%3A%7B%22aws%3AMultiFactor"
		  "AuthPresent%22%3A%22false%22%7D%7D%7D%5D%7D\"",
		  &doc);
	assert_int_equal(ys_policy_parse(v, &p, &err), 0);
	assert_int_equal(p.n, 1);
	assert_false(p.st[0].allow);
	assert_true(p.st[0].mfa_condition);
	assert_true(ys_pstmt_action(&p.st[0], "EC2:TerminateInstances"));
	assert_false(ys_pstmt_action(&p.st[0], "ec2:StopInstances"));
	assert_false(ys_pstmt_all_resources(&p.st[0]));
	ys_policy_release(&p);
	ys_jdoc_free(doc);

	/* S3's GetBucketPolicy: plain JSON in a string */
	v = parse("\"{\\\"Statement\\\": [{\\\"Effect\\\": \\\"Allow\\\", \\\"Principal\\\": \\\"*\\\", "
		  "\\\"Action\\\": \\\"s3:GetObject\\\", \\\"Resource\\\": \\\"arn:aws:s3:::b/*\\\"}]}\"",
		  &doc);
	assert_int_equal(ys_policy_parse(v, &p, &err), 0);
	assert_non_null(p.st[0].principal);
	assert_int_equal(p.st[0].principal->type, YS_J_STRING);
	ys_policy_release(&p);
	ys_jdoc_free(doc);

	/* broken ones say why */
	v = parse("{\"Statement\": [{\"Effect\": \"Maybe\", \"Action\": \"*\"}]}", &doc);
	assert_int_equal(ys_policy_parse(v, &p, &err), YS_EPARSE);
	assert_string_equal(err.msg, "statement 1: Effect is neither Allow nor Deny");
	ys_jdoc_free(doc);
	v = parse("{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": [1]}]}", &doc);
	assert_int_equal(ys_policy_parse(v, &p, &err), YS_EPARSE);
	ys_jdoc_free(doc);
	v = parse("\"%7B%22Statement\"", &doc);
	assert_int_equal(ys_policy_parse(v, &p, &err), YS_EPARSE);
	ys_jdoc_free(doc);
	v = parse("{\"Version\": \"2012-10-17\"}", &doc);
	assert_int_equal(ys_policy_parse(v, &p, &err), YS_EPARSE);
	assert_string_equal(err.msg, "no Statement");
	ys_jdoc_free(doc);
}

static void iam_wildcards(void **state)
{
	(void)state;
	assert_true(ys_iam_match("*", "s3:GetObject"));
	assert_true(ys_iam_match("s3:Get*", "s3:getobject"));
	assert_true(ys_iam_match("s3:*Object", "s3:PutObject"));
	assert_false(ys_iam_match("s3:*Object", "s3:PutObjectAcl"));
	assert_true(ys_iam_match("ec2:?escribe*", "ec2:DescribeInstances"));
	assert_true(ys_iam_match("a*b*c", "axxbyyc"));
	assert_false(ys_iam_match("a*b*c", "axxbyy"));
	assert_true(ys_iam_match("", ""));
	assert_false(ys_iam_match("", "x"));
	assert_true(ys_iam_match("**", ""));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(calls_and_their_states),
		cmocka_unit_test(names_and_permissions),
		cmocka_unit_test(credential_report_forms),
		cmocka_unit_test(credential_report_of_cloudmapper),
		cmocka_unit_test(policy_documents),
		cmocka_unit_test(iam_wildcards),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
