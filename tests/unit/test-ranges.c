/* test-ranges.c: AWS's ranges compiled in agree with the shared ip-ranges.json they came from,
 * and the addresses that count as inside a network are the private, loopback and link-local */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "detect/ranges.h"

#define RANGES YS_SHARED_DATA "/aws-ip-ranges/ip-ranges.json"

static int in(const struct ys_aws_ranges *r, const char *ip)
{
	struct ys_addr a;

	assert_int_equal(ys_addr_parse(ip, &a), 0);
	return ys_cidrset_has(&r->set, &a);
}

/* the copy built in and the file it was made from answer alike, and name the same date */
static void builtin_is_the_shared_file(void **state)
{
	static const char *const probes[] = {
		"3.5.140.1",	  "3.5.143.255", "3.5.144.0", "52.95.245.1", "54.239.0.1", "13.248.118.1",
		"8.8.8.8",	  "203.0.113.9", "1.1.1.1",   "18.236.253.47", "2600:1f18::1",
		"2a05:d018::1",	  "2001:db8::1", "::1"};
	struct ys_aws_ranges b, f;
	struct ys_error err = {0};
	char d1[600], d2[600];
	size_t i;

	(void)state;
	assert_int_equal(ys_aws_ranges_builtin(&b, &err), 0);
	assert_int_equal(ys_aws_ranges_load(&f, RANGES, &err), 0);
	assert_true(b.created > 0);
	assert_int_equal(b.created, f.created);
	assert_int_equal(b.set.n, f.set.n);
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++)
		assert_int_equal(in(&b, probes[i]), in(&f, probes[i]));
	assert_true(in(&b, "3.5.140.1"));
	assert_false(in(&b, "203.0.113.9"));
	ys_aws_ranges_describe(&b, d1, sizeof(d1));
	ys_aws_ranges_describe(&f, d2, sizeof(d2));
	assert_string_equal(d1, "2026-08-22 (built in)");
	assert_non_null(strstr(d2, "2026-08-22 ("));
	ys_aws_ranges_release(&b);
	ys_aws_ranges_release(&f);
}

static void internal_addresses(void **state)
{
	static const struct {
		const char *ip;
		int internal;
	} cases[] = {
		{"10.0.0.1", 1},     {"10.255.255.255", 1}, {"11.0.0.1", 0},       {"172.16.0.1", 1},
		{"172.31.255.1", 1}, {"172.32.0.1", 0},	    {"172.15.0.1", 0},     {"192.168.1.1", 1},
		{"192.169.0.1", 0},  {"100.64.0.1", 1},	    {"100.127.255.1", 1},  {"100.128.0.1", 0},
		{"127.0.0.1", 1},    {"169.254.169.254", 1}, {"169.253.0.1", 0},   {"8.8.8.8", 0},
		{"::1", 1},	     {"fd00:ec2::254", 1},  {"fc00::1", 1},	   {"fe80::1", 1},
		{"fec0::1", 0},	     {"2001:db8::1", 0},    {"::ffff:10.0.0.1", 1},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ys_addr a;

		assert_int_equal(ys_addr_parse(cases[i].ip, &a), 0);
		if (ys_addr_is_internal(&a) != cases[i].internal)
			fail_msg("%s: internal %d, want %d", cases[i].ip, ys_addr_is_internal(&a),
				 cases[i].internal);
	}
}

/* a file that is not AWS's list is refused by name */
static void not_ranges(void **state)
{
	struct ys_aws_ranges r;
	struct ys_error err = {0};

	(void)state;
	assert_int_not_equal(ys_aws_ranges_load(&r, YS_SHARED_DATA "/aws-ip-ranges/README.md", &err), 0);
	assert_non_null(strstr(err.msg, "README.md"));
	ys_aws_ranges_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_is_the_shared_file),
		cmocka_unit_test(internal_addresses),
		cmocka_unit_test(not_ranges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
