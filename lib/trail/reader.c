/* reader.c: CloudTrail files record by record: the delivered {"Records":[...]} layout, JSON
 * arrays of records and JSON Lines, plain or gzip, in a buffer that holds at most one record
 * beyond what is being read */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/bytes.h"
#include "reader.h"
#include "../banned.h"

#define READ_CHUNK (128u << 10)

enum state { ST_START, ST_ARRAY_FIRST, ST_ARRAY_NEXT, ST_LINES, ST_TAIL, ST_DONE };

struct ys_trail_reader {
	char *path;
	struct ys_bytes *in;
	char *buf;
	size_t cap, pos, end; /* unread bytes are buf[pos..end) */
	uint64_t base;	      /* file offset of buf[0] */
	int eof;
	enum state st;
	enum ys_trail_format fmt;
	size_t index;
	struct ys_jindex ix; /* the members of the record last read */
};

int ys_trail_open(struct ys_trail_reader **out, const char *path, struct ys_error *err)
{
	return ys_trail_open_bytes(out, path, NULL, err);
}

int ys_trail_open_bytes(struct ys_trail_reader **out, const char *path, struct ys_bytes *in,
			struct ys_error *err)
{
	struct ys_trail_reader *r = calloc(1, sizeof(*r));
	int rc;

	if (!r || !(r->path = strdup(path))) {
		free(r);
		ys_bytes_close(in);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	r->in = in;
	if (!in && (rc = ys_bytes_open(&r->in, r->path, err))) {
		free(r->path);
		free(r);
		return rc;
	}
	*out = r;
	return 0;
}

void ys_trail_close(struct ys_trail_reader *r)
{
	if (!r)
		return;
	ys_bytes_close(r->in);
	free(r->buf);
	free(r->path);
	free(r);
}

enum ys_trail_format ys_trail_format(const struct ys_trail_reader *r)
{
	return r->fmt;
}

/* Reads more input, keeping buf[pos..end); returns 0, or an error. */
static int fill(struct ys_trail_reader *r, struct ys_error *err)
{
	ssize_t n;

	if (r->pos > 0 && (r->pos >= r->cap / 2 || r->end == r->cap)) {
		memmove(r->buf, r->buf + r->pos, r->end - r->pos);
		r->base += r->pos;
		r->end -= r->pos;
		r->pos = 0;
	}
	if (r->cap - r->end < READ_CHUNK) {
		size_t cap = r->cap ? r->cap * 2 : 2 * READ_CHUNK;
		char *nb;

		while (cap - r->end < READ_CHUNK)
			cap *= 2;
		if (cap > 2 * (size_t)YS_TRAIL_MAX_RECORD + 4 * READ_CHUNK)
			cap = 2 * (size_t)YS_TRAIL_MAX_RECORD + 4 * READ_CHUNK;
		if (cap > r->cap) {
			if (!(nb = realloc(r->buf, cap)))
				return ys_error_set(err, YS_ENOMEM, "out of memory reading '%s'", r->path);
			r->buf = nb;
			r->cap = cap;
		}
	}
	n = ys_bytes_read(r->in, r->buf + r->end, r->cap - r->end, err);
	if (n < 0)
		return (int)n;
	if (n == 0)
		r->eof = 1;
	r->end += (size_t)n;
	return 0;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skips white space, reading as needed; returns the next byte, or -1 at the end. */
static int peek(struct ys_trail_reader *r, struct ys_error *err, int *rc)
{
	for (;;) {
		while (r->pos < r->end && is_ws(r->buf[r->pos]))
			r->pos++;
		if (r->pos < r->end)
			return (unsigned char)r->buf[r->pos];
		if (r->eof)
			return -1;
		if ((*rc = fill(r, err)))
			return -1;
	}
}

static int fail_at(struct ys_trail_reader *r, uint64_t off, const char *why, struct ys_error *err)
{
	return ys_error_set(err, YS_EPARSE, "'%s': byte %llu: %s", r->path, (unsigned long long)off,
			    why);
}

/* Which layout: '[' an array; '{' then "Records" the delivered file; any other object JSON
 * Lines (one record a line). */
static int detect(struct ys_trail_reader *r, struct ys_error *err)
{
	int rc = 0, c;

	while (r->end - r->pos < 64 && !r->eof)
		if ((rc = fill(r, err)))
			return rc;
	if (r->end - r->pos >= 3 && !memcmp(r->buf + r->pos, "\xef\xbb\xbf", 3))
		r->pos += 3; /* a byte order mark */
	c = peek(r, err, &rc);
	if (rc)
		return rc;
	if (c < 0) {
		r->st = ST_DONE;
		return 0;
	}
	if (c == '[') {
		r->fmt = YS_TRAIL_ARRAY;
		r->pos++;
		r->st = ST_ARRAY_FIRST;
		return 0;
	}
	if (c != '{')
		return r->st = ST_DONE,
		       fail_at(r, r->base + r->pos, "not CloudTrail JSON (expected '{' or '[')", err);
	{
		size_t q = r->pos + 1;

		while (q < r->end && is_ws(r->buf[q]))
			q++;
		if (r->end - q >= 10 && !memcmp(r->buf + q, "\"Records\"", 9)) {
			q += 9;
			while (q < r->end && is_ws(r->buf[q]))
				q++;
			if (q < r->end && r->buf[q] == ':') {
				q++;
				while (q < r->end && is_ws(r->buf[q]))
					q++;
				if (q < r->end && r->buf[q] == '[') {
					r->fmt = YS_TRAIL_RECORDS;
					r->pos = q + 1;
					r->st = ST_ARRAY_FIRST;
					return 0;
				}
			}
		}
	}
	r->fmt = YS_TRAIL_LINES;
	r->st = ST_LINES;
	return 0;
}

/* The value at pos, whole in the buffer (reading more as needed): its length, or an error. */
static long take_value(struct ys_trail_reader *r, struct ys_error *err)
{
	for (;;) {
		size_t bad = 0;
		const char *why = NULL;
		long n = ys_json_skip(r->buf + r->pos, r->end - r->pos, r->eof, &bad, &why, &r->ix);
		int rc;

		if (n > 0)
			return n;
		if (n < 0)
			return fail_at(r, r->base + r->pos + bad, why, err);
		if (r->end - r->pos > YS_TRAIL_MAX_RECORD)
			return ys_error_set(err, YS_EUNSUP, "'%s': byte %llu: record larger than %u MiB",
					    r->path, (unsigned long long)(r->base + r->pos),
					    YS_TRAIL_MAX_RECORD >> 20);
		if ((rc = fill(r, err)))
			return rc;
	}
}

/* JSON Lines: after a broken or oversized record, go on at the next line. */
static void skip_line(struct ys_trail_reader *r, struct ys_error *err)
{
	struct ys_error ignore = {0};

	for (;;) {
		char *nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);

		if (nl) {
			r->pos = (size_t)(nl - r->buf) + 1;
			return;
		}
		r->pos = r->end;
		if (r->eof || fill(r, &ignore))
			return;
	}
	(void)err;
}

static int emit(struct ys_trail_reader *r, long n, struct ys_trail_record *rec,
		struct ys_error *err)
{
	if (r->buf[r->pos] != '{') {
		uint64_t at = r->base + r->pos;

		r->pos += (size_t)n;
		r->index++;
		return fail_at(r, at, "a record that is not a JSON object", err);
	}
	rec->json = r->buf + r->pos;
	rec->len = (size_t)n;
	rec->members = &r->ix;
	rec->offset = r->base + r->pos;
	rec->index = r->index++;
	r->pos += (size_t)n;
	return 1;
}

int ys_trail_next(struct ys_trail_reader *r, struct ys_trail_record *rec, struct ys_error *err)
{
	int rc = 0, c;
	long n;

	if (r->st == ST_START && (rc = detect(r, err)))
		return rc;
	switch (r->st) {
	case ST_LINES:
		c = peek(r, err, &rc);
		if (rc)
			return r->st = ST_DONE, rc;
		if (c < 0)
			return r->st = ST_DONE, 0;
		n = take_value(r, err);
		if (n < 0) {
			if (n == YS_EPARSE || n == YS_EUNSUP) {
				skip_line(r, err);
				r->index++;
			} else {
				r->st = ST_DONE;
			}
			return (int)n;
		}
		return emit(r, n, rec, err);
	case ST_ARRAY_FIRST:
	case ST_ARRAY_NEXT:
		c = peek(r, err, &rc);
		if (rc)
			return r->st = ST_DONE, rc;
		if (c == ']') {
			r->pos++;
			r->st = r->fmt == YS_TRAIL_RECORDS ? ST_TAIL : ST_DONE;
			return ys_trail_next(r, rec, err);
		}
		if (r->st == ST_ARRAY_NEXT) {
			if (c != ',')
				return r->st = ST_DONE,
				       fail_at(r, r->base + r->pos,
					       c < 0 ? "unexpected end of input: the array of records is "
						       "not closed"
						     : "expected ',' or ']' between records",
					       err);
			r->pos++;
			if (peek(r, err, &rc) < 0 && !rc)
				return r->st = ST_DONE,
				       fail_at(r, r->base + r->pos, "unexpected end of input", err);
		}
		r->st = ST_ARRAY_NEXT;
		n = take_value(r, err);
		if (n < 0)
			return r->st = ST_DONE, (int)n;
		return emit(r, n, rec, err);
	case ST_TAIL:
		/* what follows the records in {"Records":[...]}: other members, then '}' */
		r->st = ST_DONE;
		c = peek(r, err, &rc);
		if (rc)
			return rc;
		if (c == ',' || c == '}')
			return 0;
		return fail_at(r, r->base + r->pos, "expected '}' after the records", err);
	default:
		return 0;
	}
}
