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

/* Each record of ref as a JSON string (for a CloudWatch Logs message). */
static void add_json_string(struct strbuf *sb, const char *p, size_t n)
{
	size_t i;

	strbuf_addch(sb, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == '"' || c == '\\')
			strbuf_addf(sb, "\\%c", c);
		else if (c < 0x20)
			strbuf_addf(sb, "\\u%04x", c);
		else
			strbuf_addch(sb, (char)c);
	}
	strbuf_addch(sb, '"');
}

/* Appends a gzip member holding text (CloudWatch Logs gzips each payload; Firehose and a
 * subscription's consumers concatenate them). */
static void add_gzip_member(struct strbuf *out, const char *text, size_t len)
{
	z_stream z;
	unsigned char buf[1 << 16];
	int rc;

	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (unsigned char *)text;
	z.avail_in = (unsigned)len;
	do {
		z.next_out = buf;
		z.avail_out = sizeof(buf);
		rc = deflate(&z, Z_FINISH);
		strbuf_add(out, (const char *)buf, sizeof(buf) - z.avail_out);
	} while (rc == Z_OK);
	assert_int_equal(rc, Z_STREAM_END);
	deflateEnd(&z);
}

/* The same records in the shapes real pipelines deliver them: concatenated {"Records":[...]}
 * documents (zcat *.json.gz), a document a line (Firehose), EventBridge events a line, and
 * gzip CloudWatch Logs payloads with a control message among them: every record comes out,
 * byte for byte, and nothing else. */
static void pipelines_agree(void **state)
{
	struct result ref, res;
	struct strbuf cat = STRBUF_INIT, fh = STRBUF_INIT, eb = STRBUF_INIT, cwl = STRBUF_INIT,
		      payload = STRBUF_INIT;
	const char *p, *end, *rs;
	char path[256];
	size_t i = 0;

	(void)state;
	read_all(STRATUS "/aws.execution.ssm-send-command.json", &ref);
	assert_int_equal(ref.records, 56);
	payload.len = 0;
	strbuf_addstr(&payload, "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\","
				"\"logEvents\":[{\"id\":\"\",\"timestamp\":1,\"message\":\"CWL CONTROL MESSAGE\"}]}");
	add_gzip_member(&cwl, payload.buf, payload.len);
	for (p = ref.all.buf, end = p + ref.all.len; p < end; p = rs + 1, i++) {
		rs = memchr(p, '\x1e', (size_t)(end - p));
		/* documents of 10 records: concatenated without a newline, and a line each */
		if (i % 10 == 0) {
			strbuf_addstr(&cat, i ? "]}{\"Records\":[" : "{\"Records\":[");
			strbuf_addstr(&fh, i ? "]}\n{\"Records\":[" : "{\"Records\":[");
		} else {
			strbuf_addch(&cat, ',');
			strbuf_addch(&fh, ',');
		}
		strbuf_add(&cat, p, (size_t)(rs - p));
		strbuf_add(&fh, p, (size_t)(rs - p));
		strbuf_addstr(&eb, "{\"version\":\"0\",\"id\":\"e\",\"detail-type\":\"AWS API Call via "
				   "CloudTrail\",\"source\":\"aws.ssm\",\"account\":\"1\",\"detail\":");
		strbuf_add(&eb, p, (size_t)(rs - p));
		strbuf_addstr(&eb, "}\n");
		/* payloads of 7 log events */
		if (i % 7 == 0) {
			if (i) {
				strbuf_addstr(&payload, "]}");
				add_gzip_member(&cwl, payload.buf, payload.len);
			}
			strbuf_reset(&payload);
			strbuf_addstr(&payload, "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":"
						"\"trail\",\"logEvents\":[");
		} else {
			strbuf_addch(&payload, ',');
		}
		strbuf_addf(&payload, "{\"id\":\"%zu\",\"timestamp\":1,\"message\":", i);
		add_json_string(&payload, p, (size_t)(rs - p));
		strbuf_addch(&payload, '}');
	}
	strbuf_addstr(&cat, "]}");
	strbuf_addstr(&fh, "]}\n");
	strbuf_addstr(&payload, "]}");
	add_gzip_member(&cwl, payload.buf, payload.len);
	{
		const struct {
			const char *name;
			struct strbuf *text;
			int gz;
		} shapes[] = {{"cat.json", &cat, 0}, {"cat.json.gz", &cat, 1}, {"firehose.jsonl", &fh, 0},
			      {"eventbridge.jsonl", &eb, 1}, {"cwl.gz", &cwl, 0}};

		for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
			snprintf(path, sizeof(path), "%s/%s", dir, shapes[i].name);
			write_file(path, shapes[i].text->buf, shapes[i].text->len, shapes[i].gz);
			read_all(path, &res);
			if (res.errors)
				fail_msg("%s: %s", path, res.first_error);
			assert_int_equal(res.records, ref.records);
			assert_string_equal(res.all.buf, ref.all.buf);
			strbuf_release(&res.all);
		}
	}
	strbuf_release(&cat);
	strbuf_release(&fh);
	strbuf_release(&eb);
	strbuf_release(&cwl);
	strbuf_release(&payload);
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
	{"{\"Records\":[{\"eventName\":\"A\"},{\"eventName\":\"B\"}", 2,
	 "unexpected end of input: the array of records"},
	{"[{\"eventName\":\"A\"} {\"eventName\":\"B\"}]", 1,
	 "byte 19: expected ',' or ']' between records"},
	/* JSON Lines: a broken line is reported, the next ones are still read */
	{"{\"eventName\":\"A\"}\n{\"eventName\":\"\xff\"}\n{\"eventName\":\"C\"}\n", 2,
	 "byte 32: invalid UTF-8 in string"},
	{"{\"eventName\":\"A\"}\n{\"eventName\":tru}\n{\"eventName\":\"C\"}\n", 2,
	 "byte 31: unexpected character"},
	{"{\"eventName\":\"A\"}\n[1,2]\n{\"eventName\":\"C\"}\n", 2,
	 "byte 19: a record that is not a JSON object"},
	{"[{\"eventName\":\"\\q\"}]", 0, "byte 15: bad escape in string"},
	/* an object that is no record is named, never counted as one */
	{"{\"eventName\":\"A\"}\n{\"a\":1}\n{\"eventTime\":\"2024-01-01T00:00:00Z\"}\n", 2,
	 "byte 18: not a CloudTrail record (no eventName, eventTime or eventSource)"},
	{"{\"detail-type\":\"EC2 Instance State-change Notification\",\"detail\":{\"state\":\"x\"}}", 0,
	 "an EventBridge event (\"EC2 Instance State-change Notification\") that holds no CloudTrail"},
	{"{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"message\":\"not json\"},"
	 "{\"id\":\"2\",\"message\":\"{\\\"eventName\\\":\\\"B\\\"}\"}]}", 1,
	 "a CloudWatch Logs event whose message is not JSON"},
	/* a broken document among concatenated ones: the next one that starts a line is read */
	{"{\"Records\":[{\"eventName\":\"A\"},{\"eventName\":}]}\n{\"Records\":[{\"eventName\":\"C\"}]}\n", 2,
	 "byte 43: unexpected character"},
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

/* One reader reopened file after file (as each preparing thread keeps one) reads each as a reader
 * of its own does: gzip whole and streamed, cut short, plain, broken, missing, in any order. */
static void reopened(void **state)
{
	struct strbuf big = STRBUF_INIT, huge = STRBUF_INIT;
	struct ys_trail_reader *keep = NULL;
	struct ys_error err = {0};
	char paths[8][256], *data;
	size_t len, i, round;
	int k;

	(void)state;
	strbuf_addstr(&big, "{\"Records\":[");
	for (k = 0; k < 20000; k++)
		strbuf_addf(&big, "%s{\"eventTime\":\"2024-01-01T00:00:%02dZ\",\"eventName\":\"E%d\"}",
			    k ? "," : "", k % 60, k);
	strbuf_addstr(&big, "]}");
	snprintf(paths[0], sizeof(paths[0]), "%s/re-big.json.gz", dir);
	write_file(paths[0], big.buf, big.len, 1);
	assert_int_equal(ys_read_file(paths[0], 64 << 20, &data, &len, &err), 0);
	snprintf(paths[1], sizeof(paths[1]), "%s/re-cut.json.gz", dir);
	write_file(paths[1], data, len / 2, 0);
	free(data);
	snprintf(paths[2], sizeof(paths[2]), "%s/re-small.json.gz", dir);
	write_file(paths[2], bad[1].text, strlen(bad[1].text), 1);
	snprintf(paths[3], sizeof(paths[3]), "%s/re-plain.json", dir);
	write_file(paths[3], bad[3].text, strlen(bad[3].text), 0);
	snprintf(paths[4], sizeof(paths[4]), "%s/re-missing.json", dir);
	snprintf(paths[5], sizeof(paths[5]), "%s/re-lines.json", dir);
	write_file(paths[5], bad[10].text, strlen(bad[10].text), 0);
	/* a big member, then a small one whose size is all libdeflate is told of: zlib streams it */
	strbuf_addstr(&huge, "{\"Records\":[");
	for (k = 0; k < 100000; k++)
		strbuf_addf(&huge, "%s{\"eventName\":\"E%d\"}", k ? "," : "", k);
	strbuf_addstr(&huge, "]}\n");
	snprintf(paths[6], sizeof(paths[6]), "%s/re-two.json.gz", dir);
	write_file(paths[6], huge.buf, huge.len, 1);
	{
		gzFile g = gzopen(paths[6], "ab");

		assert_non_null(g);
		assert_true(gzputs(g, "{\"Records\":[{\"eventName\":\"Z\"}]}\n") > 0);
		gzclose(g);
	}
	snprintf(paths[7], sizeof(paths[7]), "%s/re-empty.json", dir);
	write_file(paths[7], "", 0, 0);
	for (round = 0; round < 2; round++) {
		for (i = 0; i < 8; i++) {
			size_t at = round ? 7 - i : i;
			struct result own, re = {0};
			struct ys_trail_record rec;
			int rc;

			read_all(paths[at], &own);
			strbuf_init(&re.all);
			if (!keep ? ys_trail_open(&keep, paths[at], &err) : ys_trail_reopen(keep, paths[at], &err)) {
				re.errors++;
				snprintf(re.first_error, sizeof(re.first_error), "%s", err.msg);
			} else {
				while ((rc = ys_trail_next(keep, &rec, &err)) != 0) {
					if (rc < 0) {
						if (!re.errors++)
							snprintf(re.first_error, sizeof(re.first_error), "%s", err.msg);
						continue;
					}
					re.records++;
					strbuf_add(&re.all, rec.json, rec.len);
					strbuf_addch(&re.all, '\x1e');
				}
			}
			if (own.records != re.records || own.errors != re.errors ||
			    strcmp(own.first_error, re.first_error) ||
			    (own.all.len && strcmp(own.all.buf, re.all.buf)))
				fail_msg("%s: %zu records and '%s' alone, %zu and '%s' reopened", paths[at],
					 own.records, own.first_error, re.records, re.first_error);
			strbuf_release(&own.all);
			strbuf_release(&re.all);
		}
	}
	assert_true(keep != NULL);
	ys_trail_close(keep);
	strbuf_release(&big);
	strbuf_release(&huge);
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
	strbuf_addstr(&sb, "{\"eventName\":\"deep\",\"deep\":");
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, '[');
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, ']');
	strbuf_addstr(&sb, "}\n{\"eventName\":\"huge\",\"huge\":\"");
	for (i = 0; i < 50 * 1000 * 1000 / 64; i++)
		strbuf_addstr(&sb, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	strbuf_addstr(&sb, "\"}\n{\"eventName\":\"after\"}\n{\"open\":");
	for (i = 0; i < 100000; i++)
		strbuf_addch(&sb, '{');
	snprintf(path, sizeof(path), "%s/deep.jsonl", dir);
	write_file(path, sb.buf, sb.len, 0);
	read_all(path, &res);
	assert_int_equal(res.records, 1);
	assert_int_equal(res.errors, 3);
	assert_non_null(strstr(res.first_error, "byte 282: nested too deep"));
	assert_non_null(strstr(res.all.buf, "{\"eventName\":\"after\"}"));
	strbuf_release(&res.all);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stratus_arrays),
		cmocka_unit_test(layouts_agree),
		cmocka_unit_test(pipelines_agree),
		cmocka_unit_test(truncated_gzip),
		cmocka_unit_test(broken_files),
		cmocka_unit_test(reopened),
		cmocka_unit_test(deep_and_huge),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
