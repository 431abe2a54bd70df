/* test-secret-vendor.c: every secret detector's id has a vendor or is listed as having none,
 * the table names only detectors that exist, and a few vendors are the right ones */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "secrets/rules.h"
#include "secrets/vendor.h"

static const struct ys_secret_vendor *rows;
static size_t nrows;

static const struct ys_secret_vendor *row_of(const char *id)
{
	size_t i;

	for (i = 0; i < nrows; i++)
		if (!strcmp(rows[i].rule_id, id))
			return &rows[i];
	return NULL;
}

/* the table as shipped loads with no bad row */
static void loads_cleanly(void **state)
{
	struct ys_error err = {0};
	int rc = ys_secret_vendor_table(&rows, &nrows, &err);

	(void)state;
	if (rc)
		fail_msg("%s", err.msg);
	assert_true(nrows > 150);
}

/* a new detector without a decision fails here: add its id to data/secret-vendors.tsv, with its
 * vendor or with "-" */
static void every_rule_decided(void **state)
{
	size_t i, missing = 0;

	(void)state;
	for (i = 0; i < YS_RULE_COUNT; i++)
		if (!row_of(ys_secret_rules[i].id)) {
			print_error("rule '%s' is not in data/secret-vendors.tsv\n",
				    ys_secret_rules[i].id);
			missing++;
		}
	assert_int_equal(missing, 0);
}

/* no row for a detector that is gone or misspelt */
static void no_stale_rows(void **state)
{
	size_t i, j, stale = 0;

	(void)state;
	for (i = 0; i < nrows; i++) {
		for (j = 0; j < YS_RULE_COUNT && strcmp(ys_secret_rules[j].id, rows[i].rule_id);
		     j++)
			;
		if (j == YS_RULE_COUNT) {
			print_error("'%s' in data/secret-vendors.tsv is no detector's id\n",
				    rows[i].rule_id);
			stale++;
		}
	}
	assert_int_equal(stale, 0);
}

/* Whether a word of vendor (three letters or more) is in text, case aside. */
static int names(const char *vendor, const char *text)
{
	char low[512], word[64];
	size_t i, n;

	snprintf(low, sizeof(low), "%s", text);
	for (i = 0; low[i]; i++)
		low[i] = (char)tolower((unsigned char)low[i]);
	while (*vendor) {
		for (n = 0; isalnum((unsigned char)vendor[n]) && n < sizeof(word) - 1; n++)
			word[n] = (char)tolower((unsigned char)vendor[n]);
		word[n] = '\0';
		if (n >= 3 && strstr(low, word))
			return 1;
		vendor += n ? n : 1;
	}
	return 0;
}

/* a vendor is named by each of its detectors' titles or revoke pages: a row copied beside
 * another and not changed shows here */
static void vendor_named_by_its_rules(void **state)
{
	size_t i, wrong = 0;

	(void)state;
	for (i = 0; i < YS_RULE_COUNT; i++) {
		const struct ys_secret_rule *r = &ys_secret_rules[i];
		const struct ys_secret_vendor *v = ys_secret_vendor(r->id);
		char text[512];

		if (!v)
			continue;
		snprintf(text, sizeof(text), "%s %s", r->title, r->revoke);
		if (!names(v->vendor, text)) {
			print_error("'%s': '%s' named by neither '%s' nor '%s'\n", r->id, v->vendor,
				    r->title, r->revoke);
			wrong++;
		}
	}
	assert_int_equal(wrong, 0);
}

static void spot_checks(void **state)
{
	static const struct {
		const char *id, *vendor;
	} want[] = {
	    {"slack-token", "Slack"},
	    {"slack-webhook-url", "Slack"},
	    {"github-token", "GitHub"},
	    {"github-fine-grained-pat", "GitHub"},
	    {"stripe-key", "Stripe"},
	    {"datadog-api-key", "Datadog"},
	    {"datadog-app-key", "Datadog"},
	    {"terraform-cloud-api-token", "HashiCorp (HCP Terraform)"},
	    {"braintree-access-token", "PayPal (Braintree)"},
	};
	const struct ys_secret_vendor *v;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_non_null(v = ys_secret_vendor(want[i].id));
		assert_string_equal(v->rule_id, want[i].id);
		assert_string_equal(v->vendor, want[i].vendor);
		assert_true(strlen(v->reaches) > 10);
	}
	assert_string_equal(ys_secret_vendor("slack-token")->reaches,
			    "your Slack workspace's messages and channels");
	assert_string_equal(ys_secret_vendor("stripe-key")->reaches,
			    "your payments and customers' card data (Stripe account)");
	assert_string_equal(ys_secret_vendor("github-token")->reaches,
			    "your source code and CI (GitHub)");
}

/* rules that name no vendor are in the table, deliberately, and give NULL */
static void vendorless(void **state)
{
	static const char *const ids[] = {"generic-secret",
					  "private-key",
					  "base64",
					  "percent",
					  "aws-access-key-id",
					  "aws-secret-access-key",
					  "postgres-url-password",
					  "http-basic-auth-url"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		const struct ys_secret_vendor *r = row_of(ids[i]);

		assert_non_null(r);
		assert_null(r->vendor);
		assert_true(*r->reaches);
		assert_null(ys_secret_vendor(ids[i]));
	}
}

static void unknown_ids(void **state)
{
	(void)state;
	assert_null(ys_secret_vendor("no-such-rule"));
	assert_null(ys_secret_vendor(""));
	assert_null(ys_secret_vendor("Slack-Token"));
	assert_null(ys_secret_vendor(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(loads_cleanly), cmocka_unit_test(every_rule_decided),
	    cmocka_unit_test(no_stale_rows), cmocka_unit_test(vendor_named_by_its_rules),
	    cmocka_unit_test(spot_checks),   cmocka_unit_test(vendorless),
	    cmocka_unit_test(unknown_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
