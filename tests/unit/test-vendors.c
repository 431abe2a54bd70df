/* test-vendors.c: the vendor chain's pieces: the shipped list of vendors' account ids, a team's
 * own list taking their place, and bad lists named by file and line */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "vendors/known.h"

static void test_known_builtin(void **state)
{
	struct ys_known k;
	struct ys_error err = {0};
	const struct ys_known_account *a;

	(void)state;
	assert_int_equal(ys_known_builtin(&k, &err), 0);
	assert_int_equal(k.n, 498); /* fwdcloudsec/known_aws_accounts @ c2922afb: 498 ids, none twice */
	assert_non_null(a = ys_known_find(&k, "464622532012"));
	assert_string_equal(a->name, "Datadog");
	assert_false(a->aws);
	assert_non_null(a->source);
	assert_non_null(a = ys_known_find(&k, "858827067514"));
	assert_true(a->retired); /* AWS Log Delivery Service: enabled: false */
	assert_non_null(a = ys_known_find(&k, "086441151436"));
	assert_string_equal(a->name, "CloudTrail");
	assert_true(a->aws);
	assert_null(ys_known_find(&k, "999988887777"));
	assert_null(ys_known_find(&k, "46462253201"));
	assert_null(ys_known_find(&k, NULL));
	ys_known_release(&k);
}

static void test_known_own_list(void **state)
{
	static const char own[] = "- name: 'Acme Contractors'\n  accounts: ['999988887777']\n"
				  "- name: Datadog EU\n  source: [https://example.com]\n  accounts: ['464622532012']\n";
	static const char bad_id[] = "- name: x\n  accounts: ['1234']\n";
	static const char no_name[] = "- accounts: ['123456789012']\n";
	static const char not_list[] = "name: x\n";
	struct ys_known k;
	struct ys_error err = {0};

	(void)state;
	assert_int_equal(ys_known_builtin(&k, &err), 0);
	assert_int_equal(ys_known_add_text(&k, own, strlen(own), "vendors.yaml", &err), 0);
	assert_int_equal(k.n, 499);
	assert_string_equal(ys_known_find(&k, "999988887777")->name, "Acme Contractors");
	assert_string_equal(ys_known_find(&k, "464622532012")->name, "Datadog EU");
	assert_string_equal(ys_known_find(&k, "464622532012")->from, "vendors.yaml");
	assert_string_equal(ys_known_find(&k, "865078226113")->name, "Datadog");
	assert_int_equal(ys_known_add_text(&k, bad_id, strlen(bad_id), "v.yaml", &err), YS_EPARSE);
	assert_string_equal(err.msg, "v.yaml: line 2: x: '1234' is not a 12-digit account id");
	assert_int_equal(ys_known_add_text(&k, no_name, strlen(no_name), "v.yaml", &err), YS_EPARSE);
	assert_string_equal(err.msg, "v.yaml: line 1: an entry without a name");
	assert_int_equal(ys_known_add_text(&k, not_list, strlen(not_list), "v.yaml", &err), YS_EPARSE);
	assert_string_equal(err.msg, "v.yaml: line 1: not a list of vendors");
	assert_int_equal(ys_known_add_file(&k, "/nonexistent/v.yaml", &err), YS_EIO);
	ys_known_release(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_builtin),
		cmocka_unit_test(test_known_own_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
