/* test-walk.c: the trail files under the paths given, walked from a real folder: each file once
 * however it is reached (given twice, by its folder and by name, through a link to it or to its
 * folder), in delivery order; a gzip without a suffix read, other files passed over; a broken
 * link and a missing path said and counted; a link back up never followed round */
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
#include "watch/walk.h"

static char root[64];

static void put(const char *rel, const char *body)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	assert_non_null(f = fopen(path, "wb"));
	fputs(body, f);
	fclose(f);
}

static void in(const char *rel, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", root, rel);
}

static int setup(void **state)
{
	char a[256], b[256];

	(void)state;
	snprintf(root, sizeof(root), "/tmp/ys-walk-XXXXXX");
	assert_non_null(mkdtemp(root));
	in("t", a, sizeof(a));
	mkdir(a, 0700);
	in("t/eu", a, sizeof(a));
	mkdir(a, 0700);
	in("t/us", a, sizeof(a));
	mkdir(a, 0700);
	put("t/eu/1_CloudTrail_eu-west-1_20261001T0910Z_b.json.gz", "\x1f\x8b");
	put("t/us/1_CloudTrail_us-east-1_20261001T0905Z_a.json", "{}");
	put("t/us/1_CloudTrail_us-east-1_20261001T0915Z_c.jsonl", "{}");
	put("t/us/firehose-object", "\x1f\x8b");  /* no suffix, gzip: read */
	put("t/us/notes.txt", "not a trail");	    /* neither: passed over */
	put("t/us/README", "plain words");	    /* no suffix, not JSON or gzip: passed over */
	put("t/us/.hidden.json", "{}");		    /* hidden: passed over */
	in("t/us/1_CloudTrail_us-east-1_20261001T0905Z_a.json", a, sizeof(a));
	in("t/eu/same-as-a.json", b, sizeof(b));
	assert_int_equal(symlink(a, b), 0); /* a link to a file: the same file */
	in("t", a, sizeof(a));
	in("t/us/up", b, sizeof(b));
	assert_int_equal(symlink(a, b), 0); /* a link back up: never walked round */
	in("t/missing.json", a, sizeof(a));
	in("t/eu/broken.json", b, sizeof(b));
	assert_int_equal(symlink(a, b), 0); /* a broken link with a trail's suffix: said */
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd);
}

static const char *base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static void test_each_file_once_in_delivery_order(void **state)
{
	struct ys_trail_list l;
	char t[256], us[256], c[256];
	size_t problems = 0;

	(void)state;
	memset(&l, 0, sizeof(l));
	in("t", t, sizeof(t));
	in("t/us", us, sizeof(us));
	in("t/us/1_CloudTrail_us-east-1_20261001T0915Z_c.jsonl", c, sizeof(c));
	ys_trail_list_add(&l, t, 1, &problems);
	ys_trail_list_add(&l, us, 1, &problems); /* again, by a folder inside */
	ys_trail_list_add(&l, c, 1, &problems);	 /* and by name */
	ys_trail_list_order(&l);
	/* the broken link, from t/ and again from t/us/ through the link up (which t/'s walk does
	 * not follow round); the loop itself is no problem */
	assert_int_equal(problems, 2);
	assert_int_equal(l.n, 4);
	/* the files without a time in their names first, as found (a.json by the link in eu/,
	 * its first name), then by delivery time */
	assert_string_equal(base(l.path[0]), "same-as-a.json");
	assert_string_equal(base(l.path[1]), "firehose-object");
	assert_string_equal(base(l.path[2]), "1_CloudTrail_eu-west-1_20261001T0910Z_b.json.gz");
	assert_string_equal(base(l.path[3]), "1_CloudTrail_us-east-1_20261001T0915Z_c.jsonl");
	ys_trail_list_release(&l);
}

static void test_missing_and_empty(void **state)
{
	struct ys_trail_list l;
	char missing[256], empty[256];
	size_t problems = 0;

	(void)state;
	memset(&l, 0, sizeof(l));
	in("nowhere", missing, sizeof(missing));
	in("empty", empty, sizeof(empty));
	mkdir(empty, 0700);
	ys_trail_list_add(&l, missing, 1, &problems);
	assert_int_equal(problems, 1);
	ys_trail_list_add(&l, empty, 1, &problems); /* said, not counted */
	assert_int_equal(problems, 1);
	ys_trail_list_order(&l);
	assert_int_equal(l.n, 0);
	ys_trail_list_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_file_once_in_delivery_order),
		cmocka_unit_test(test_missing_and_empty),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
