/* test-color.c: --color's words, when colour is on (NO_COLOR, TERM=dumb, a tty) and the escapes */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "base/color.h"

static void parses_the_three_words(void **state)
{
	enum ys_color_when w = YS_COLOR_NEVER;

	(void)state;
	assert_int_equal(ys_color_parse("auto", &w), 0);
	assert_int_equal(w, YS_COLOR_AUTO);
	assert_int_equal(ys_color_parse("always", &w), 0);
	assert_int_equal(w, YS_COLOR_ALWAYS);
	assert_int_equal(ys_color_parse("never", &w), 0);
	assert_int_equal(w, YS_COLOR_NEVER);
	assert_int_equal(ys_color_parse("yes", &w), -1);
	assert_int_equal(ys_color_parse("", &w), -1);
	assert_int_equal(ys_color_parse("Always", &w), -1);
	assert_int_equal(ys_color_parse(NULL, &w), -1);
	assert_int_equal(w, YS_COLOR_NEVER);
}

/* A pipe is never a terminal: AUTO says no, ALWAYS says yes whatever NO_COLOR says. */
static void always_and_never_win(void **state)
{
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	unsetenv("NO_COLOR");
	ys_color_set(YS_COLOR_AUTO);
	assert_int_equal(ys_color_on(p[1]), 0);
	ys_color_set(YS_COLOR_ALWAYS);
	setenv("NO_COLOR", "1", 1);
	assert_int_equal(ys_color_on(p[1]), 1);
	ys_color_set(YS_COLOR_NEVER);
	unsetenv("NO_COLOR");
	assert_int_equal(ys_color_on(p[1]), 0);
	ys_color_set(YS_COLOR_AUTO);
	close(p[0]);
	close(p[1]);
}

/* On a pseudo-terminal AUTO is on, unless NO_COLOR is set and non-empty or TERM is dumb. */
static void auto_on_a_terminal(void **state)
{
	int m, s;
	const char *name;

	(void)state;
	m = posix_openpt(O_RDWR | O_NOCTTY);
	if (m < 0 || grantpt(m) || unlockpt(m) || !(name = ptsname(m)) ||
	    (s = open(name, O_RDWR | O_NOCTTY)) < 0) {
		if (m >= 0)
			close(m);
		skip();
		return;
	}
	ys_color_set(YS_COLOR_AUTO);
	setenv("TERM", "xterm-256color", 1);
	unsetenv("NO_COLOR");
	assert_int_equal(ys_color_on(s), 1);
	setenv("NO_COLOR", "", 1);
	assert_int_equal(ys_color_on(s), 1);
	setenv("NO_COLOR", "1", 1);
	assert_int_equal(ys_color_on(s), 0);
	unsetenv("NO_COLOR");
	setenv("TERM", "dumb", 1);
	assert_int_equal(ys_color_on(s), 0);
	unsetenv("TERM");
	assert_int_equal(ys_color_on(s), 1);
	ys_color_set(YS_COLOR_NEVER);
	assert_int_equal(ys_color_on(s), 0);
	ys_color_set(YS_COLOR_AUTO);
	close(s);
	close(m);
}

static void severity_escapes(void **state)
{
	(void)state;
	assert_string_equal(ys_tint_severity("critical", 1), "\033[1;31m");
	assert_string_equal(ys_tint_severity("high", 1), "\033[31m");
	assert_string_equal(ys_tint_severity("medium", 1), "\033[33m");
	assert_string_equal(ys_tint_severity("low", 1), "\033[36m");
	assert_string_equal(ys_tint_severity("info", 1), "\033[2m");
	assert_string_equal(ys_tint_severity("bogus", 1), "");
	assert_string_equal(ys_tint_severity(NULL, 1), "");
	assert_string_equal(ys_tint_severity("critical", 0), "");
	assert_string_equal(ys_tint_reset(1), "\033[0m");
	assert_string_equal(ys_tint_reset(0), "");
	assert_string_equal(ys_tint_good(0), "");
	assert_string_equal(ys_tint_bad(0), "");
	assert_string_equal(ys_tint_bold(0), "");
	assert_string_equal(ys_tint_dim(0), "");
	assert_string_equal(ys_tint_good(1), "\033[32m");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_the_three_words),
		cmocka_unit_test(always_and_never_win),
		cmocka_unit_test(auto_on_a_terminal),
		cmocka_unit_test(severity_escapes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
