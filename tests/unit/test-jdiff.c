/* test-jdiff.c: snapshot files compared by meaning: member order, volatile fields, lists matched
 * by name or as sets, policies inside strings, repeated keys, the credential report's CSV */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/strbuf.h"
#include "json/jread.h"
#include "snapshot/jdiff.h"

/* Each change as "path: old -> new" lines. */
static void collect(void *ctx, const char *path, const char *old, const char *new_)
{
	strbuf_addf(ctx, "%s: %s -> %s\n", path, old ? old : "-", new_ ? new_ : "-");
}

static char *diff(const char *a, const char *b)
{
	struct ys_jdoc *da, *db;
	struct ys_error err = {0};
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(ys_json_parse(a, strlen(a), &da, &err), 0);
	assert_int_equal(ys_json_parse(b, strlen(b), &db, &err), 0);
	ys_jdiff(ys_jdoc_root(da), ys_jdoc_root(db), collect, &sb);
	ys_jdoc_free(da);
	ys_jdoc_free(db);
	strbuf_addstr(&sb, "");
	return strbuf_detach(&sb, NULL);
}

static void expect(const char *a, const char *b, const char *want)
{
	char *got = diff(a, b);

	assert_string_equal(got, want);
	free(got);
}

static void members_and_volatile_fields(void **state)
{
	(void)state;
	/* order does not matter, volatile fields never change anything */
	expect("{\"a\": 1, \"b\": {\"IsLogging\": true, \"LatestDeliveryTime\": \"x\"}}",
	       "{\"b\": {\"LatestDeliveryTime\": \"y\", \"IsLogging\": true}, \"a\": 1}", "");
	expect("{\"a\": 1, \"gone\": [1]}", "{\"a\": 2, \"new\": null}",
	       "a: 1 -> 2\ngone: [1] -> -\nnew: - -> null\n");
	/* a number is a number however it is written */
	expect("{\"n\": 1.0}", "{\"n\": 1}", "");
	/* one instant however the CLI spells it; a different instant is a change */
	expect("{\"t\": \"2019-03-04T11:00:00Z\"}", "{\"t\": \"2019-03-04T11:00:00.000+00:00\"}", "");
	expect("{\"t\": \"2019-03-04T11:00:00Z\"}", "{\"t\": \"2019-03-04T12:00:00+00:00\"}",
	       "t: \"2019-03-04T11:00:00Z\" -> \"2019-03-04T12:00:00+00:00\"\n");
	/* repeated keys: the last one counts, on both sides */
	expect("{\"k\": 1, \"k\": 2}", "{\"k\": 2}", "");
}

static void lists_by_name_and_as_sets(void **state)
{
	(void)state;
	expect("{\"Users\": [{\"UserName\": \"ann\", \"Mfa\": false}, {\"UserName\": \"bo\"}]}",
	       "{\"Users\": [{\"UserName\": \"cy\"}, {\"Mfa\": true, \"UserName\": \"ann\"}]}",
	       "Users[ann].Mfa: false -> true\nUsers[bo]: {\"UserName\":\"bo\"} -> -\n"
	       "Users[cy]: - -> {\"UserName\":\"cy\"}\n");
	/* no name: a removed rule does not shift the others */
	expect("{\"P\": [{\"Port\": 22}, {\"Port\": 443}, {\"Port\": 80}]}",
	       "{\"P\": [{\"Port\": 443}, {\"Port\": 80}]}", "P[0]: {\"Port\":22} -> -\n");
	expect("{\"G\": [\"a\", \"b\"]}", "{\"G\": [\"b\", \"c\", \"a\"]}", "G[1]: - -> \"c\"\n");
	/* a name that repeats is no name */
	expect("{\"L\": [{\"Name\": \"x\", \"v\": 1}, {\"Name\": \"x\", \"v\": 2}]}",
	       "{\"L\": [{\"Name\": \"x\", \"v\": 2}, {\"Name\": \"x\", \"v\": 1}]}", "");
}

static void policies_inside_strings(void **state)
{
	(void)state;
	expect("{\"Policy\": \"{\\\"Statement\\\": [{\\\"Sid\\\": \\\"A\\\", \\\"Effect\\\": "
	       "\\\"Allow\\\"}]}\"}",
	       "{\"Policy\": \"{\\\"Statement\\\":[{\\\"Effect\\\":\\\"Deny\\\",\\\"Sid\\\":\\\"A\\\"}]}\"}",
	       "Policy.Statement[A].Effect: \"Allow\" -> \"Deny\"\n");
}

static void credential_report_csv(void **state)
{
	const char a[] = "user,arn,mfa_active,password_last_used\n"
			 "<root_account>,arn:r,true,2026-01-01\n"
			 "ann,arn:a,false,2026-01-02\n"
			 "bo,arn:b,true,N/A\n";
	const char b[] = "user,arn,mfa_active,password_last_used\r\n"
			 "<root_account>,arn:r,true,2026-02-01\r\n"
			 "ann,arn:a,true,2026-02-02\r\n"
			 "cy,arn:c,false,N/A\r\n";
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	ys_csvdiff(a, strlen(a), b, strlen(b), collect, &sb);
	assert_string_equal(sb.buf,
			    "[ann].mfa_active: \"false\" -> \"true\"\n"
			    "[bo]: {\"user\":\"bo\",\"arn\":\"arn:b\",\"mfa_active\":\"true\","
			    "\"password_last_used\":\"N/A\"} -> -\n"
			    "[cy]: - -> {\"user\":\"cy\",\"arn\":\"arn:c\",\"mfa_active\":\"false\","
			    "\"password_last_used\":\"N/A\"}\n");
	strbuf_release(&sb);
	/* another header: said once, not row by row */
	ys_csvdiff(a, strlen(a), "user,arn\nann,arn:a\n", 18, collect, &sb);
	assert_non_null(strstr(sb.buf, "(header): "));
	strbuf_release(&sb);
	assert_true(ys_jdiff_volatile("RoleLastUsed"));
	assert_false(ys_jdiff_volatile("Status"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(members_and_volatile_fields),
		cmocka_unit_test(lists_by_name_and_as_sets),
		cmocka_unit_test(policies_inside_strings),
		cmocka_unit_test(credential_report_csv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
