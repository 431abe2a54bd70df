/* test-problems.c: every check says what is wrong when it fails, in its own words */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "checks/problems.h"

static void every_check_has_its_problem(void **state)
{
	size_t i, missing = 0;

	(void)state;
	for (i = 0; i < ys_ncheck; i++) {
		const char *w = ys_check_problem(&ys_checks[i]);

		if (w == ys_checks[i].title) {
			print_message("no problem words for %s\n", ys_checks[i].id);
			missing++;
			continue;
		}
		/* a heading, not a negated title */
		assert_true(strncmp(w, "not ", 4) != 0);
		assert_true(strstr(w, "not true") == NULL);
		assert_true(*w && w[strlen(w) - 1] != '.');
	}
	assert_int_equal(missing, 0);
}

/* an id the table does not hold (or a table out of order, which bsearch misses) falls back to
 * the title: the first test then counts it as missing */
static void an_unknown_check_gets_its_title(void **state)
{
	static const struct ys_check odd = {"zz-no-such-check", "low", "", "a title", "", "", "", NULL, 0};

	(void)state;
	assert_ptr_equal(ys_check_problem(&odd), odd.title);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_check_has_its_problem),
		cmocka_unit_test(an_unknown_check_gets_its_title),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
