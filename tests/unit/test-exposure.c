/* test-exposure.c: resource policies asked who outside the account may act: "*" with and without
 * a narrowing condition, another account named by id and by role, a deny that wins, an address condition,
 * and a document that is no policy */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "checks/exposure.h"

#define QUEUE "arn:aws:sqs:eu-west-1:111122223333:jobs"

static const char *const send[] = {"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
				   NULL};

static int ask(const char *policy, struct ys_exposure *e)
{
	struct ys_jval doc = {YS_J_STRING, strlen(policy), {.str = policy}};
	struct ys_error err = {0};

	return ys_exposure_eval(&doc, QUEUE, "111122223333", send, e, &err);
}

static void public_queue(void **state)
{
	struct ys_exposure e;
	char w[256];

	(void)state;
	assert_int_equal(ask("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
			     "\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"" QUEUE
			     "\"}]}", &e), 0);
	assert_int_equal(e.anyone, 1);
	assert_int_equal(e.n, 1);
	assert_string_equal(ys_exposure_words(&e, w, sizeof(w)), "anyone can do sqs:SendMessage");
}

static void narrowed_to_org(void **state)
{
	struct ys_exposure e;

	(void)state;
	assert_int_equal(ask("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
			     "\"Action\":\"sqs:*\",\"Condition\":{\"StringEquals\":"
			     "{\"aws:PrincipalOrgID\":\"o-a1b2c3d4e5\"}}}]}", &e), 0);
	assert_int_equal(e.n, 0);
	assert_int_equal(e.anyone, 0);
}

static void other_account(void **state)
{
	struct ys_exposure e;
	char w[256];

	(void)state;
	assert_int_equal(ask("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
			     "[\"arn:aws:iam::111122223333:root\",\"444455556666\","
			     "\"arn:aws:iam::777788889999:role/reader\"]},\"Action\":\"sqs:*\"}]}",
			     &e), 0);
	assert_int_equal(e.anyone, 0);
	assert_int_equal(e.n, 2);
	assert_string_equal(ys_exposure_words(&e, w, sizeof(w)),
			    "account 444455556666 can do sqs:SendMessage (and 2 more); account "
			    "777788889999 can do sqs:SendMessage (and 2 more)");
}

static void deny_wins(void **state)
{
	struct ys_exposure e;

	(void)state;
	assert_int_equal(ask("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":"
			     "\"sqs:*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sqs:*\","
			     "\"Condition\":{\"StringNotEquals\":{\"aws:PrincipalAccount\":"
			     "\"111122223333\"}}}]}", &e), 0);
	assert_int_equal(e.n, 0);
}

static void source_ip(void **state)
{
	struct ys_exposure e;

	(void)state;
	assert_int_equal(ask("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
			     "\"Action\":\"sqs:ReceiveMessage\",\"Condition\":{\"IpAddress\":"
			     "{\"aws:SourceIp\":\"203.0.113.0/24\"}}},{\"Effect\":\"Allow\","
			     "\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sqs:DeleteMessage\"}]}",
			     &e), 0);
	assert_int_equal(e.anyone, 1);
	assert_int_equal(e.n, 1);
	assert_string_equal(e.o[0].action, "sqs:DeleteMessage");
}

static void not_a_policy(void **state)
{
	struct ys_exposure e;

	(void)state;
	assert_int_not_equal(ask("{\"Statement\": 7", &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(public_queue),	 cmocka_unit_test(narrowed_to_org),
		cmocka_unit_test(other_account), cmocka_unit_test(deny_wins),
		cmocka_unit_test(source_ip), cmocka_unit_test(not_a_policy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
