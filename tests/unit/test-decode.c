/* test-decode.c: AWS answers in each protocol turned into what the AWS CLI prints: query and EC2
 * XML (wrappers, member and item lists, flattened lists and maps, booleans, numbers), REST-XML
 * (attributes, payloads, a root that is the member), JSON and REST-JSON (wire names, epoch
 * timestamps, nulls left out, a structure as the payload), IAM's URL-encoded policies; and
 * refusals' codes in every protocol */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "aws/decode.h"

static struct ys_aws_shapes *shapes;

static int setup(void **state)
{
	struct ys_error err = {0};

	(void)state;
	return ys_aws_shapes_load(&shapes, &err);
}

static int teardown(void **state)
{
	(void)state;
	ys_aws_shapes_free(shapes);
	return 0;
}

static void expect(const char *cli, const char *body, const char *want)
{
	const struct ys_aws_op *op = ys_aws_op_find(shapes, cli);
	struct strbuf out = STRBUF_INIT;
	struct ys_error err = {0};

	assert_non_null(op);
	assert_int_equal(ys_aws_decode(op, body, strlen(body), &out, &err), 0);
	assert_string_equal(out.buf, want);
	strbuf_release(&out);
}

static void query_and_ec2(void **state)
{
	(void)state;
	expect("iam/get-account-password-policy",
	       "<GetAccountPasswordPolicyResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\n"
	       "  <GetAccountPasswordPolicyResult>\n    <PasswordPolicy>\n"
	       "      <MinimumPasswordLength>8</MinimumPasswordLength>\n"
	       "      <RequireSymbols>false</RequireSymbols>\n      <Unmodeled>x</Unmodeled>\n"
	       "    </PasswordPolicy>\n  </GetAccountPasswordPolicyResult>\n"
	       "  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>\n"
	       "</GetAccountPasswordPolicyResponse>",
	       "{\n    \"PasswordPolicy\": {\n        \"MinimumPasswordLength\": 8,\n"
	       "        \"RequireSymbols\": false\n    }\n}\n");
	expect("ec2/describe-vpcs",
	       "<DescribeVpcsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
	       "<requestId>r</requestId><vpcSet><item><vpcId>vpc-1</vpcId><isDefault>true</isDefault>"
	       "<tagSet><item><key>Name</key><value>a &amp; b</value></item></tagSet></item>"
	       "<item><vpcId>vpc-2</vpcId><tagSet/></item></vpcSet></DescribeVpcsResponse>",
	       "{\n    \"Vpcs\": [\n        {\n            \"VpcId\": \"vpc-1\",\n"
	       "            \"IsDefault\": true,\n"
	       "            \"Tags\": [\n                {\n                    \"Key\": \"Name\",\n"
	       "                    \"Value\": \"a & b\"\n                }\n            ]\n"
	       "        },\n        {\n            \"VpcId\": \"vpc-2\",\n"
	       "            \"Tags\": []\n        }\n    ]\n}\n");
	/* IAM's policies arrive URL-encoded and print as objects; timestamps print as the CLI's */
	expect("iam/get-account-authorization-details",
	       "<GetAccountAuthorizationDetailsResponse><GetAccountAuthorizationDetailsResult>"
	       "<RoleDetailList><member><RoleName>r</RoleName>"
	       "<CreateDate>2020-01-15T10:00:00.250Z</CreateDate><AssumeRolePolicyDocument>"
	       "%7B%22Statement%22%3A%5B%5D%7D</AssumeRolePolicyDocument></member></RoleDetailList>"
	       "<IsTruncated>false</IsTruncated></GetAccountAuthorizationDetailsResult>"
	       "</GetAccountAuthorizationDetailsResponse>",
	       "{\n    \"RoleDetailList\": [\n        {\n            \"RoleName\": \"r\",\n"
	       "            \"CreateDate\": \"2020-01-15T10:00:00.250000+00:00\",\n"
	       "            \"AssumeRolePolicyDocument\": {\n                \"Statement\": []\n"
	       "            }\n        }\n    ],\n    \"IsTruncated\": false\n}\n");
}

static void rest_xml(void **state)
{
	(void)state;
	expect("s3/get-bucket-acl",
	       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessControlPolicy "
	       "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Owner><ID>o</ID></Owner>"
	       "<AccessControlList><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
	       " xsi:type=\"Group\"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI>"
	       "</Grantee><Permission>READ</Permission></Grant></AccessControlList>"
	       "</AccessControlPolicy>",
	       "{\n    \"Owner\": {\n        \"ID\": \"o\"\n    },\n    \"Grants\": [\n        {\n"
	       "            \"Grantee\": {\n                \"Type\": \"Group\",\n"
	       "                \"URI\": \"http://acs.amazonaws.com/groups/global/AllUsers\"\n"
	       "            },\n            \"Permission\": \"READ\"\n        }\n    ]\n}\n");
	expect("s3/get-bucket-policy", "{\"Statement\":[]}",
	       "{\n    \"Policy\": \"{\\\"Statement\\\":[]}\"\n}\n");
	expect("s3/get-bucket-location",
	       "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">eu-west-1"
	       "</LocationConstraint>",
	       "{\n    \"LocationConstraint\": \"eu-west-1\"\n}\n");
	expect("s3/get-public-access-block",
	       "<PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls>"
	       "</PublicAccessBlockConfiguration>",
	       "{\n    \"PublicAccessBlockConfiguration\": {\n        \"BlockPublicAcls\": true\n"
	       "    }\n}\n");
}

static void json_protocols(void **state)
{
	(void)state;
	expect("kms/describe-key",
	       "{\"KeyMetadata\":{\"KeyId\":\"k\",\"CreationDate\":1.580637600118E9,\"Enabled\":true,"
	       "\"Unmodeled\":1}}",
	       "{\n    \"KeyMetadata\": {\n        \"KeyId\": \"k\",\n"
	       "        \"CreationDate\": \"2020-02-02T10:00:00.118000+00:00\",\n"
	       "        \"Enabled\": true\n    }\n}\n");
	expect("guardduty/get-detector",
	       "{\"createdAt\":\"2021-04-01T10:00:00.000Z\",\"status\":\"ENABLED\",\"tags\":{\"a\":\"b\"}}",
	       "{\n    \"CreatedAt\": \"2021-04-01T10:00:00.000Z\",\n    \"Status\": \"ENABLED\",\n"
	       "    \"Tags\": {\n        \"a\": \"b\"\n    }\n}\n");
	expect("guardduty/list-detectors", "", "{}\n");
	/* a member sent as null is left out; Glacier's creation dates are strings, kept as sent */
	expect("glacier/list-vaults",
	       "{\"Marker\":null,\"VaultList\":[{\"VaultName\":\"v\",\"CreationDate\":"
	       "\"2015-04-06T21:23:45.708Z\",\"NumberOfArchives\":1,\"LastInventoryDate\":null}]}",
	       "{\n    \"VaultList\": [\n        {\n            \"VaultName\": \"v\",\n"
	       "            \"CreationDate\": \"2015-04-06T21:23:45.708Z\",\n"
	       "            \"NumberOfArchives\": 1\n        }\n    ]\n}\n");
	/* a structure as the payload: the body is its value */
	expect("glacier/get-vault-access-policy", "{\"Policy\":\"{}\"}",
	       "{\n    \"policy\": {\n        \"Policy\": \"{}\"\n    }\n}\n");
	expect("efs/describe-file-system-policy", "{\"FileSystemId\":\"fs-1\",\"Policy\":\"{}\"}",
	       "{\n    \"FileSystemId\": \"fs-1\",\n    \"Policy\": \"{}\"\n}\n");
}

static char code[64], msg[128];

static void error_of(const char *cli, const char *body, const char *type)
{
	ys_aws_decode_error(ys_aws_op_find(shapes, cli), body, strlen(body), type, code,
			    sizeof(code), msg, sizeof(msg));
}

static void refusals(void **state)
{
	(void)state;
	error_of("iam/get-account-password-policy",
		 "<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>"
		 "no policy</Message></Error><RequestId>1</RequestId></ErrorResponse>", NULL);
	assert_string_equal(code, "NoSuchEntity");
	assert_string_equal(msg, "no policy");
	error_of("ec2/describe-vpcs",
		 "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>m"
		 "</Message></Error></Errors><RequestID>x</RequestID></Response>", NULL);
	assert_string_equal(code, "UnauthorizedOperation");
	error_of("kms/list-keys",
		 "{\"__type\":\"com.amazonaws.kms#AccessDeniedException\",\"message\":\"no\"}", NULL);
	assert_string_equal(code, "AccessDeniedException");
	assert_string_equal(msg, "no");
	error_of("securityhub/describe-hub", "{\"Message\":\"m\"}",
		 "InvalidAccessException:http://internal.amazon.com/coral/");
	assert_string_equal(code, "InvalidAccessException");
	assert_string_equal(msg, "m");
	error_of("s3/get-bucket-policy",
		 "<Error><Code>NoSuchBucketPolicy</Code><Message>none</Message></Error>", NULL);
	assert_string_equal(code, "NoSuchBucketPolicy");
	/* Glacier words its refusals in lower case, without a type header */
	error_of("glacier/get-vault-access-policy",
		 "{\"code\":\"ResourceNotFoundException\",\"message\":\"No vault access policy "
		 "is set for: v\",\"type\":\"Client\"}",
		 NULL);
	assert_string_equal(code, "ResourceNotFoundException");
	error_of("kms/list-keys", "not json", NULL);
	assert_string_equal(code, "");
}

/* SQS's answers as its API reference shows them: the queue list and the attributes map are
 * flattened, each item and entry under its own name (<QueueUrl>, <Attribute><Name/><Value/>) */
static void flattened(void **state)
{
	(void)state;
	expect("sqs/list-queues",
	       "<ListQueuesResponse><ListQueuesResult>"
	       "<QueueUrl>https://sqs.us-east-2.amazonaws.com/123456789012/MyQueue</QueueUrl>"
	       "</ListQueuesResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
	       "</ListQueuesResponse>",
	       "{\n    \"QueueUrls\": [\n        \"https://sqs.us-east-2.amazonaws.com/123456789012/"
	       "MyQueue\"\n    ]\n}\n");
	expect("sqs/get-queue-attributes",
	       "<GetQueueAttributesResponse><GetQueueAttributesResult>"
	       "<Attribute><Name>ReceiveMessageWaitTimeSeconds</Name><Value>2</Value></Attribute>"
	       "<Attribute><Name>Policy</Name><Value>{&quot;Version&quot;:&quot;2012-10-17&quot;}</Value>"
	       "</Attribute></GetQueueAttributesResult></GetQueueAttributesResponse>",
	       "{\n    \"Attributes\": {\n        \"ReceiveMessageWaitTimeSeconds\": \"2\",\n"
	       "        \"Policy\": \"{\\\"Version\\\":\\\"2012-10-17\\\"}\"\n    }\n}\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(query_and_ec2),
		cmocka_unit_test(flattened),
		cmocka_unit_test(rest_xml),
		cmocka_unit_test(json_protocols),
		cmocka_unit_test(refusals),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
