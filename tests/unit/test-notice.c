/* test-notice.c: queue messages read as notices of files written (--sqs): S3's event notification
 * as AWS documents it (keys URL-encoded, deletes naming nothing), in SNS's envelope, CloudTrail's
 * notice, EventBridge's Object Created, S3's test event, and what is none of them */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "watch/notice.h"

static int parse(const char *body, struct ys_notice *n, struct ys_error *err)
{
	return ys_notice_parse(body, strlen(body), n, err);
}

/* The shape of AWS's documented example (Amazon S3 user guide, "Event message structure"). */
static void s3_event(void **state)
{
	struct ys_notice n;
	struct ys_error err = {0};

	(void)state;
	assert_int_equal(parse("{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\","
			       "\"awsRegion\":\"us-west-2\",\"eventTime\":\"1970-01-01T00:00:00.000Z\","
			       "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"s3SchemaVersion\":\"1.0\","
			       "\"bucket\":{\"name\":\"amzn-s3-demo-bucket\"},\"object\":{\"key\":"
			       "\"AWSLogs/red+flower%2B1%3A2.json.gz\",\"size\":1024}}},"
			       "{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectRemoved:Delete\","
			       "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"gone\"}}}]}",
			       &n, &err),
			 0);
	assert_int_equal(n.n, 1); /* the delete names nothing to read */
	assert_string_equal(n.obj[0].bucket, "amzn-s3-demo-bucket");
	assert_string_equal(n.obj[0].key, "AWSLogs/red flower+1:2.json.gz");
	assert_int_equal(n.obj[0].size, 1024);
	ys_notice_release(&n);
}

static void through_sns(void **state)
{
	struct ys_notice n;
	struct ys_error err = {0};

	(void)state;
	/* CloudTrail's notice of delivered files, as SNS delivers it to a queue */
	assert_int_equal(parse("{\"Type\":\"Notification\",\"MessageId\":\"m\",\"TopicArn\":\"arn\","
			       "\"Message\":\"{\\\"s3Bucket\\\":\\\"trail\\\",\\\"s3ObjectKey\\\":"
			       "[\\\"AWSLogs/1/a+b.json.gz\\\",\\\"AWSLogs/1/c.json.gz\\\"]}\"}",
			       &n, &err),
			 0);
	assert_int_equal(n.n, 2);
	assert_string_equal(n.obj[0].key, "AWSLogs/1/a+b.json.gz"); /* not URL-encoded */
	assert_string_equal(n.obj[1].bucket, "trail");
	assert_int_equal(n.obj[1].size, -1);
	ys_notice_release(&n);
	assert_int_equal(parse("{\"version\":\"0\",\"detail-type\":\"Object Created\",\"source\":"
			       "\"aws.s3\",\"detail\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":"
			       "\"k 1\",\"size\":5}}}",
			       &n, &err),
			 0);
	assert_int_equal(n.n, 1);
	assert_string_equal(n.obj[0].key, "k 1");
	ys_notice_release(&n);
	assert_int_equal(parse("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}", &n, &err), 0);
	assert_int_equal(n.test, 1);
	assert_int_equal(n.n, 0);
	ys_notice_release(&n);
}

static void not_notices(void **state)
{
	struct ys_notice n;
	struct ys_error err = {0};

	(void)state;
	assert_int_equal(parse("hello", &n, &err), YS_EPARSE);
	assert_non_null(strstr(err.msg, "not JSON"));
	assert_int_equal(parse("{\"Records\":[{\"eventSource\":\"iam.amazonaws.com\"}]}", &n, &err),
			 YS_EPARSE);
	assert_non_null(strstr(err.msg, "not an S3 event"));
	assert_int_equal(parse("{\"Type\":\"Notification\",\"Message\":\"plain words\"}", &n, &err),
			 YS_EPARSE);
	assert_non_null(strstr(err.msg, "SNS notification whose message is not JSON"));
	assert_int_equal(parse("{\"a\":1}", &n, &err), YS_EPARSE);
	assert_non_null(strstr(err.msg, "not a notice"));
	/* a bad escape, and one that would cut the key short */
	assert_int_equal(parse("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":"
			       "\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":"
			       "{\"key\":\"a%zz\"}}}]}",
			       &n, &err),
			 YS_EPARSE);
	assert_int_equal(parse("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":"
			       "\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":"
			       "{\"key\":\"a%00b\"}}}]}",
			       &n, &err),
			 YS_EPARSE);
	assert_int_equal(parse("{\"s3Bucket\":\"\",\"s3ObjectKey\":[\"k\"]}", &n, &err), YS_EPARSE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(s3_event),
		cmocka_unit_test(through_sns),
		cmocka_unit_test(not_notices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
