/* test-trail-reader.c: CloudTrail files in every layout, plain and gzip, and broken ones */
#define _GNU_SOURCE
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <cmocka.h>
#include "base/file.h"
#include "base/strbuf.h"
#include "json/jread.h"
#include "trail/reader.h"

#define STRATUS YS_SHARED_DATA "/cloudtrail/stratus-red-team-detonation-logs"

static char dir[] = "/tmp/ys-trail-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static void write_file(const char *path, const void *data, size_t len, int gzip)
{
	if (gzip) {
		gzFile g = gzopen(path, "wb");

		assert_non_null(g);
		assert_int_equal(gzwrite(g, data, (unsigned)len), (int)len);
		gzclose(g);
	} else {
		FILE *fp = fopen(path, "wb");

		assert_non_null(fp);
		assert_int_equal(fwrite(data, 1, len, fp), len);
		fclose(fp);
	}
}

struct result {
	size_t records, errors;
	struct strbuf all; /* every record, each ended by \x1e */
	char first_error[512];
};

static void read_all(const char *path, struct result *res)
{
	struct ys_trail_reader *r;
	struct ys_trail_record rec;
	struct ys_error err = {0};
	int rc;

	memset(res, 0, sizeof(*res));
	strbuf_init(&res->all);
	if (ys_trail_open(&r, path, &err)) {
		res->errors++;
		snprintf(res->first_error, sizeof(res->first_error), "%s", err.msg);
		return;
	}
	while ((rc = ys_trail_next(r, &rec, &err)) != 0) {
		if (rc < 0) {
			if (!res->errors++)
				snprintf(res->first_error, sizeof(res->first_error), "%s", err.msg);
			continue;
		}
		res->records++;
		strbuf_add(&res->all, rec.json, rec.len);
		strbuf_addch(&res->all, '\x1e');
	}
	ys_trail_close(r);
}

/* Every Stratus Red Team file, as the array it is, read back record by record. */
static void stratus_arrays(void **state)
{
	DIR *d = opendir(STRATUS);
	struct dirent *e;
	size_t total = 0, files = 0;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[1024];
		struct result res;
		struct ys_jdoc *doc;
		struct ys_error err = {0};
		char *text;
		size_t len;

		if (!strstr(e->d_name, ".json"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", STRATUS, e->d_name);
		read_all(path, &res);
		assert_int_equal(res.errors, 0);
		/* the reference: the same file through the DOM reader */
		assert_int_equal(ys_read_file(path, 64 << 20, &text, &len, &err), 0);
		assert_int_equal(ys_json_parse(text, len, &doc, &err), 0);
		assert_int_equal(ys_jdoc_root(doc)->len, res.records);
		ys_jdoc_free(doc);
		free(text);
		total += res.records;
		files++;
		strbuf_release(&res.all);
	}
	closedir(d);
	assert_int_equal(files, 35);
	assert_int_equal(total, 310);
}

/* One trail in the four layouts, plain and gzip: the same records come out. */
static void layouts_agree(void **state)
{
	struct result ref, res;
	struct strbuf records = STRBUF_INIT, lines = STRBUF_INIT;
	const char *p, *end;
	char path[256];
	int gz;

	(void)state;
	read_all(STRATUS "/aws.execution.ssm-send-command.json", &ref);
	assert_int_equal(ref.records, 56);
	/* build {"Records":[...]} and JSON Lines from the records read */
	strbuf_addstr(&records, "{\"Records\": [");
	for (p = ref.all.buf, end = p + ref.all.len; p < end;) {
		const char *rs = memchr(p, '\x1e', (size_t)(end - p));
		size_t k, start = lines.len;

		strbuf_add(&records, p, (size_t)(rs - p));
		strbuf_addstr(&records, rs + 1 < end ? ",\n" : "");
		/* one line each: a newline outside strings is only white space */
		strbuf_add(&lines, p, (size_t)(rs - p));
		for (k = start; k < lines.len; k++)
			if (lines.buf[k] == '\n')
				lines.buf[k] = ' ';
		strbuf_addch(&lines, '\n');
		p = rs + 1;
	}
	strbuf_addstr(&records, "]}\n");
	for (gz = 0; gz < 2; gz++) {
		snprintf(path, sizeof(path), "%s/records%s.json%s", dir, gz ? "-gz" : "", gz ? ".gz" : "");
		write_file(path, records.buf, records.len, gz);
		read_all(path, &res);
		if (res.errors)
			fail_msg("%s: %s", path, res.first_error);
		assert_string_equal(res.all.buf, ref.all.buf);
		strbuf_release(&res.all);
		snprintf(path, sizeof(path), "%s/lines%s.jsonl%s", dir, gz ? "-gz" : "", gz ? ".gz" : "");
		write_file(path, lines.buf, lines.len, gz);
		read_all(path, &res);
		if (res.errors)
			fail_msg("%s: %s", path, res.first_error);
		assert_int_equal(res.records, ref.records);
		assert_int_equal(res.all.len, ref.all.len);
		strbuf_release(&res.all);
	}
	strbuf_release(&records);
	strbuf_release(&lines);
	strbuf_release(&ref.all);
}

static void truncated_gzip(void **state)
{
	struct strbuf big = STRBUF_INIT;
	struct result res;
	char gzpath[256], cut[256], *data;
	size_t len;
	struct ys_error err = {0};
	int i;

	(void)state;
	strbuf_addstr(&big, "{\"Records\":[");
	for (i = 0; i < 20000; i++)
		strbuf_addf(&big, "%s{\"eventTime\":\"2024-01-01T00:00:%02dZ\",\"eventName\":\"E%d\","
				  "\"padding\":\"%08x%08x%08x\"}",
			    i ? "," : "", i % 60, i, i * 2654435761u, i * 40503u, i ^ 0x5bd1e995);
	strbuf_addstr(&big, "]}");
	snprintf(gzpath, sizeof(gzpath), "%s/whole.json.gz", dir);
	write_file(gzpath, big.buf, big.len, 1);
	assert_int_equal(ys_read_file(gzpath, 64 << 20, &data, &len, &err), 0);
	snprintf(cut, sizeof(cut), "%s/cut.json.gz", dir);
	write_file(cut, data, len / 2, 0);
	free(data);
	read_all(cut, &res);
	/* what came before the cut is read; then one clear error */
	assert_true(res.records > 1000 && res.records < 20000);
	assert_int_equal(res.errors, 1);
	assert_non_null(strstr(res.first_error, "truncated gzip stream at byte"));
	assert_non_null(strstr(res.first_error, "cut.json.gz"));
	strbuf_release(&res.all);
	strbuf_release(&big);
}

static const struct {
	const char *text;
	size_t records;
	const char *error;
} bad[] = {
	{"hello world\n", 0, "byte 0: not CloudTrail JSON (expected '{' or '[')"},
	{"{\"Records\":[{\"a\":1},{\"b\":2}", 2, "unexpected end of input: the array of records"},
	{"[{\"a\":1} {\"b\":2}]", 1, "byte 9: expected ',' or ']' between records"},
	/* JSON Lines: a broken line is reported, the next ones are still read */
	{"{\"a\":1}\n{\"a\":\"\xff\"}\n{\"c\":3}\n", 2, "byte 14: invalid UTF-8 in string"},
	{"{\"a\":1}\n{\"a\":tru}\n{\"c\":3}\n", 2, "byte 13: unexpected character"},
	{"{\"a\":1}\n[1,2]\n{\"c\":3}\n", 2, "byte 8: a record that is not a JSON object"},
	{"[{\"a\":\"\\q\"}]", 0, "byte 7: bad escape in string"},
};

static void broken_files(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char path[256];
		struct result res;

		snprintf(path, sizeof(path), "%s/bad%zu.json", dir, i);
		write_file(path, bad[i].text, strlen(bad[i].text), 0);
		read_all(path, &res);
		if (res.records != bad[i].records || !strstr(res.first_error, bad[i].error))
			fail_msg("case %zu: %zu records, error '%s'", i, res.records, res.first_error);
		assert_non_null(strstr(res.first_error, path));
		strbuf_release(&res.all);
	}
}

/* 100,000 levels of nesting are refused past the tree reader's depth, closed or not, a 50 MB
 * record is refused by name, and the lines after each are still read. */
static void deep_and_huge(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct result res;
	char path[256];
	int i;

	(void)state;
	strbuf_addstr(&sb, "{\"deep\":");
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, '[');
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, ']');
	strbuf_addstr(&sb, "}\n{\"huge\":\"");
	for (i = 0; i < 50 * 1000 * 1000 / 64; i++)
		strbuf_addstr(&sb, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	strbuf_addstr(&sb, "\"}\n{\"after\":1}\n{\"open\":");
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, '{');
	snprintf(path, sizeof(path), "%s/deep.jsonl", dir);
	write_file(path, sb.buf, sb.len, 0);
	read_all(path, &res);
	assert_int_equal(res.records, 1);
	assert_int_equal(res.errors, 3);
	assert_non_null(strstr(res.first_error, "byte 263: nested too deep"));
	assert_non_null(strstr(res.all.buf, "{\"after\":1}"));
	strbuf_release(&res.all);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stratus_arrays),
		cmocka_unit_test(layouts_agree),
		cmocka_unit_test(truncated_gzip),
		cmocka_unit_test(broken_files),
		cmocka_unit_test(deep_and_huge),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
