/* fuzz-trail-envelopes.c: arbitrary bytes inside each envelope a pipeline delivers records in:
 * an EventBridge event's detail, a CloudWatch Logs event's message (in a gzip payload), the
 * records of concatenated {"Records":[...]} documents, and JSON Lines of them */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>
#include "base/strbuf.h"
#include "trail/reader.h"

static void add_escaped(struct strbuf *sb, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '"' || p[i] == '\\')
			strbuf_addch(sb, '\\');
		if (p[i] < 0x20)
			strbuf_addf(sb, "\\u%04x", p[i]);
		else
			strbuf_addch(sb, (char)p[i]);
	}
}

static int memmem_ci(const char *p, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (!strncasecmp(p + i, needle, k))
			return 1;
	return 0;
}

static int write_gzip(int fd, const char *text, size_t len)
{
	gzFile g = gzdopen(fd, "wb");
	int ok;

	if (!g)
		return -1;
	ok = len == 0 || gzwrite(g, text, (unsigned)len) == (int)len;
	return gzclose(g) == Z_OK && ok ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/ys-fuzz-envelope-XXXXXX";
	struct strbuf sb = STRBUF_INIT;
	struct ys_trail_reader *r;
	struct ys_trail_record rec;
	struct ys_error err = {0};
	int fd, rc, n = 0, shape;

	if (size < 1)
		return 0;
	shape = data[0] % 4;
	data++, size--;
	switch (shape) {
	case 0:
		strbuf_addstr(&sb, "{\"version\":\"0\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":");
		strbuf_add(&sb, data, size);
		strbuf_addstr(&sb, "}\n");
		break;
	case 1:
		strbuf_addstr(&sb, "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"message\":\"");
		add_escaped(&sb, data, size);
		strbuf_addstr(&sb, "\"}]}");
		break;
	case 2:
		strbuf_addstr(&sb, "{\"Records\":[");
		strbuf_add(&sb, data, size);
		strbuf_addstr(&sb, "]}{\"Records\":[");
		strbuf_add(&sb, data, size);
		strbuf_addstr(&sb, "]}");
		break;
	default:
		strbuf_add(&sb, data, size);
		strbuf_addch(&sb, '\n');
		strbuf_add(&sb, data, size);
		break;
	}
	if ((fd = mkstemp(path)) < 0) {
		strbuf_release(&sb);
		return 0;
	}
	if (shape == 1 ? write_gzip(fd, sb.buf, sb.len) : write(fd, sb.buf, sb.len) != (ssize_t)sb.len) {
		if (shape != 1)
			close(fd);
		unlink(path);
		strbuf_release(&sb);
		return 0;
	}
	if (shape != 1)
		close(fd);
	strbuf_release(&sb);
	if (ys_trail_open(&r, path, &err) == 0) {
		while ((rc = ys_trail_next(r, &rec, &err)) != 0 && n++ < 100000) {
			/* a record is a whole object with one of a record's members */
			if (rc > 0 && (rec.len == 0 || rec.json[0] != '{' || rec.json[rec.len - 1] != '}'))
				abort();
			if (rc > 0 && !memmem_ci(rec.json, rec.len, "\"eventname\"") &&
			    !memmem_ci(rec.json, rec.len, "\"eventtime\"") &&
			    !memmem_ci(rec.json, rec.len, "\"eventsource\""))
				abort();
			if (rc < 0 && strncmp(err.msg, "'/tmp/ys-fuzz-envelope-", 23))
				abort(); /* every error names the file */
		}
		if (n > 100000)
			abort(); /* the reader always moves on */
		ys_trail_close(r);
	}
	unlink(path);
	return 0;
}
