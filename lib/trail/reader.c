/* reader.c: CloudTrail records from whatever a pipeline delivers, sniffed from the content: the
 * delivered {"Records":[...]} layout (one document or many, concatenated or one a line), JSON
 * arrays, JSON Lines of records, EventBridge events (the record is "detail") and CloudWatch Logs
 * subscription payloads (each log event's message is a record); plain or gzip; in a buffer that
 * holds at most one document beyond what is being read */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../base/bytes.h"
#include "../base/strbuf.h"
#include "../json/jlazy.h"
#include "reader.h"
#include "../banned.h"

#define READ_CHUNK (128u << 10)
#define KEEP_MAX (16u << 20) /* a buffer larger than this is not kept for the next file */

/* ST_TOP: between top-level values; ST_ARRAY_*: inside a top-level array or the streamed
 * {"Records":[...]}; ST_TAIL: after that array, the rest of its object; ST_HELD: a value held
 * whole in the buffer, whose records are being handed out one by one */
enum state { ST_TOP, ST_ARRAY_FIRST, ST_ARRAY_NEXT, ST_TAIL, ST_HELD, ST_DONE };

/* what the items of a held value are: records (or envelopes), or log events with a message */
enum held { HELD_RECORDS, HELD_LOG_EVENTS };

struct ys_trail_reader {
	char *path;
	struct ys_bytes *in;
	int own_in; /* in was opened here from path (ys_trail_reopen may open another into it) */
	char *buf;
	size_t cap, pos, end; /* unread bytes are buf[pos..end) */
	uint64_t base;	      /* file offset of buf[0] */
	int eof;
	int failed; /* the input itself could not be read (I/O, gzip): its ys_err */
	enum state st;
	int streamed_records; /* the array being read is {"Records":[...]}'s: ST_TAIL follows */
	size_t index;
	struct ys_jindex ix; /* the members of the value last checked */
	/* ST_HELD: the value at buf[pos..pos+held); its items from qp to qend still to give */
	size_t held;
	enum held kind;
	const char *qp, *qend;
	struct strbuf msg; /* a log event's message, decoded */
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
	r->own_in = !in;
	strbuf_init(&r->msg);
	if (!in && (rc = ys_bytes_open(&r->in, r->path, err))) {
		free(r->path);
		free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int ys_trail_reopen(struct ys_trail_reader *r, const char *path, struct ys_error *err)
{
	char *p = strdup(path);
	int rc;

	if (!p)
		return r->failed = ys_error_set(err, YS_ENOMEM, "out of memory");
	free(r->path);
	r->path = p;
	r->pos = r->end = 0;
	r->base = 0;
	r->eof = r->failed = 0;
	r->st = ST_TOP;
	r->streamed_records = 0;
	r->index = r->held = 0;
	r->kind = HELD_RECORDS;
	r->qp = r->qend = NULL;
	strbuf_reset(&r->msg);
	if (r->cap > KEEP_MAX) { /* one huge file does not hold its room for good */
		free(r->buf);
		r->buf = NULL;
		r->cap = 0;
	}
	if (r->in && !r->own_in) {
		ys_bytes_close(r->in);
		r->in = NULL;
	}
	r->own_in = 1;
	rc = r->in ? ys_bytes_reopen(r->in, path, err) : ys_bytes_open(&r->in, path, err);
	return rc ? (r->failed = rc) : 0;
}

void ys_trail_close(struct ys_trail_reader *r)
{
	if (!r)
		return;
	ys_bytes_close(r->in);
	strbuf_release(&r->msg);
	free(r->buf);
	free(r->path);
	free(r);
}

int ys_trail_failed(const struct ys_trail_reader *r)
{
	return r->failed;
}

/* Reads more input, keeping buf[pos..end); returns 0, or an error. */
static int fill(struct ys_trail_reader *r, struct ys_error *err)
{
	ssize_t n;

	/* room is made before a read, never a read of a few bytes: each record's look ahead would
	 * otherwise cost a system call of its own near the end of a full buffer */
	if (r->pos > 0 && (r->pos >= r->cap / 2 || r->cap - r->end < READ_CHUNK)) {
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
				return r->failed = ys_error_set(err, YS_ENOMEM, "out of memory reading '%s'", r->path);
			r->buf = nb;
			r->cap = cap;
		}
	}
	n = ys_bytes_read(r->in, r->buf + r->end, r->cap - r->end, err);
	if (n < 0)
		return r->failed = (int)n;
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

/* After a value that cannot be read: on at the next line that starts a value ('{' or '[' in
 * its first column), as JSON Lines and concatenated documents allow; a file of one line ends. */
static void resync(struct ys_trail_reader *r)
{
	struct ys_error ignore = {0};

	r->st = ST_TOP;
	for (;;) {
		char *nl = memchr(r->buf + r->pos, '\n', r->end - r->pos);

		r->pos = nl ? (size_t)(nl - r->buf) + 1 : r->end;
		/* the byte after the newline decides */
		while (r->pos >= r->end && !r->eof)
			if (fill(r, &ignore)) {
				r->st = ST_DONE; /* the input itself failed: nothing more to trust */
				return;
			}
		if (r->pos >= r->end) {
			r->st = ST_DONE;
			return;
		}
		if (nl && (r->buf[r->pos] == '{' || r->buf[r->pos] == '['))
			return;
	}
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

/* Does the object at p, whose members ix holds, have this member? (any case: Athena's exports
 * name them in lower case) */
static int has_member(const char *p, size_t n, const struct ys_jindex *ix, const char *key,
		      struct ys_jraw *out)
{
	size_t i, kl = strlen(key);
	struct ys_jraw v;

	if (ix->overflow) {
		/* more members than the index keeps: look at the text itself */
		if (!ys_jraw_member((struct ys_jraw){p, n, 0}, key, kl, &v))
			return 0;
		if (out)
			*out = v;
		return 1;
	}
	for (i = 0; i < ix->n[0]; i++) {
		const struct ys_jent *e = &ix->lev[0][i];

		if (e->klen == kl && !strncasecmp(p + e->koff, key, kl)) {
			if (out)
				*out = (struct ys_jraw){p + e->voff, e->vlen, 0};
			return 1;
		}
	}
	return 0;
}

enum kind { K_RECORD, K_EVENTBRIDGE, K_RECORDS, K_LOGS, K_CONTROL, K_OTHER };

/* What an object is; for an envelope, *inner is what it holds. */
static enum kind classify(const char *p, size_t n, const struct ys_jindex *ix, struct ys_jraw *inner)
{
	struct ys_jraw v;

	if (has_member(p, n, ix, "eventName", NULL) || has_member(p, n, ix, "eventTime", NULL) ||
	    has_member(p, n, ix, "eventSource", NULL))
		return K_RECORD;
	if (has_member(p, n, ix, "detail-type", NULL) && has_member(p, n, ix, "detail", inner) &&
	    inner->len && inner->p[0] == '{')
		return K_EVENTBRIDGE;
	if (has_member(p, n, ix, "Records", inner) && inner->len && inner->p[0] == '[')
		return K_RECORDS;
	if (has_member(p, n, ix, "messageType", &v)) {
		if (v.len == 14 && !memcmp(v.p, "\"DATA_MESSAGE\"", 14) &&
		    has_member(p, n, ix, "logEvents", inner) && inner->len && inner->p[0] == '[')
			return K_LOGS;
		if (v.len == 17 && !memcmp(v.p, "\"CONTROL_MESSAGE\"", 17))
			return K_CONTROL;
	}
	return K_OTHER;
}

static int not_a_record(struct ys_trail_reader *r, uint64_t off, const char *p, size_t n,
			struct ys_error *err)
{
	struct ys_jraw v;
	char what[200];

	if (ys_jraw_member((struct ys_jraw){p, n, 0}, "detail-type", 11, &v)) {
		snprintf(what, sizeof(what), "an EventBridge event (%.*s) that holds no CloudTrail record",
			 (int)(v.len < 80 ? v.len : 80), v.p);
		return fail_at(r, off, what, err);
	}
	return fail_at(r, off, "not a CloudTrail record (no eventName, eventTime or eventSource)", err);
}

static int give(struct ys_trail_reader *r, const char *p, size_t n, uint64_t off,
		struct ys_trail_record *rec)
{
	rec->json = p;
	rec->len = n;
	rec->members = &r->ix;
	rec->offset = off;
	rec->index = r->index++;
	return 1;
}

/* The object at p, just checked (its members in r->ix): given if it is a record (or holds one,
 * as an EventBridge event its detail); else a named error. depth bounds envelopes in envelopes. */
static int give_value(struct ys_trail_reader *r, const char *p, size_t n, uint64_t off, int depth,
		      struct ys_trail_record *rec, struct ys_error *err);

/* The same for an object not checked yet: checked and indexed on its own first. */
static int give_inner(struct ys_trail_reader *r, const char *p, size_t n, uint64_t off, int depth,
		      struct ys_trail_record *rec, struct ys_error *err)
{
	size_t bad = 0;
	const char *why = NULL;
	long len;

	while (n && is_ws(*p))
		p++, n--;
	len = ys_json_skip(p, n, 1, &bad, &why, &r->ix);
	if (len <= 0) {
		r->index++;
		return fail_at(r, off + bad, why ? why : "unexpected end of input", err);
	}
	return give_value(r, p, (size_t)len, off, depth, rec, err);
}

static int give_value(struct ys_trail_reader *r, const char *p, size_t n, uint64_t off, int depth,
		      struct ys_trail_record *rec, struct ys_error *err)
{
	struct ys_jraw inner;

	if (p[0] != '{') {
		r->index++;
		return fail_at(r, off, "a record that is not a JSON object", err);
	}
	switch (classify(p, n, &r->ix, &inner)) {
	case K_RECORD:
		return give(r, p, n, off, rec);
	case K_EVENTBRIDGE:
		if (depth < 3) {
			int rc = give_inner(r, inner.p, inner.len, off + (uint64_t)(inner.p - p), depth + 1,
					    rec, err);

			/* say what the event was, not only what its detail is not */
			if (rc == YS_EPARSE && strstr(err->msg, ": not a CloudTrail record ("))
				rc = not_a_record(r, off, p, n, err);
			return rc;
		}
		break;
	case K_CONTROL: /* CloudWatch Logs' own control messages hold no records */
		return 0;
	default:
		break;
	}
	r->index++;
	return not_a_record(r, off, p, n, err);
}

/* The next record of the value held: 1, 0 when it has no more (the buffer moves past it), or
 * an error about one item (the rest are still given). */
static int next_held(struct ys_trail_reader *r, struct ys_trail_record *rec, struct ys_error *err)
{
	for (;;) {
		const char *item, *end;
		uint64_t off;
		int rc;

		while (r->qp < r->qend && (is_ws(*r->qp) || *r->qp == ','))
			r->qp++;
		if (r->qp >= r->qend || *r->qp == ']') {
			r->pos += r->held;
			r->held = 0;
			r->st = ST_TOP;
			return 0;
		}
		item = r->qp;
		end = ys_jraw_skip(item, r->qend);
		r->qp = end;
		off = r->base + (uint64_t)(item - r->buf);
		if (r->kind == HELD_RECORDS) {
			rc = give_inner(r, item, (size_t)(end - item), off, 1, rec, err);
		} else {
			struct ys_jraw m;
			const char *text;
			size_t len;

			if (*item != '{' || !ys_jraw_member((struct ys_jraw){item, (size_t)(end - item), 0},
							   "message", 7, &m) ||
			    !(text = ys_jraw_string(m, &r->msg, &len))) {
				r->index++;
				return fail_at(r, off, "a CloudWatch Logs event without a message", err);
			}
			if (text != r->msg.buf) {
				strbuf_reset(&r->msg);
				strbuf_add(&r->msg, text, len);
			}
			rc = give_inner(r, r->msg.buf, r->msg.len, off, 1, rec, err);
			if (rc < 0 && strstr(err->msg, "not a CloudTrail record"))
				ys_error_set(err, YS_EPARSE, "'%s': byte %llu: a CloudWatch Logs event "
							     "whose message is not a CloudTrail record",
					     r->path, (unsigned long long)off);
			else if (rc < 0 && !strstr(err->msg, "not a JSON object"))
				ys_error_set(err, YS_EPARSE, "'%s': byte %llu: a CloudWatch Logs event "
							     "whose message is not JSON",
					     r->path, (unsigned long long)off);
		}
		if (rc)
			return rc;
	}
}

/* A top-level value that is not streamed: a record or an EventBridge event given at once (the
 * buffer holds it until the next call), {"Records":[...]} or a CloudWatch Logs payload held
 * while its records are given. */
static int top_value(struct ys_trail_reader *r, long n, struct ys_trail_record *rec,
		     struct ys_error *err)
{
	const char *p = r->buf + r->pos;
	uint64_t off = r->base + r->pos;
	struct ys_jraw inner;
	enum kind k = *p == '{' ? classify(p, (size_t)n, &r->ix, &inner) : K_OTHER;

	if (k == K_RECORDS || k == K_LOGS) {
		r->held = (size_t)n;
		r->kind = k == K_LOGS ? HELD_LOG_EVENTS : HELD_RECORDS;
		r->qp = inner.p + 1; /* past the array's '[' */
		r->qend = inner.p + inner.len;
		r->st = ST_HELD;
		return 0;
	}
	r->pos += (size_t)n;
	return give_value(r, p, (size_t)n, off, 0, rec, err);
}

/* At the start of a top-level value: '[' an array of records; {"Records":[ streamed record by
 * record (a delivered file may be far larger than the buffer); any other object taken whole.
 * Returns 1 when a streamed array begins, 0 otherwise. */
static int stream_start(struct ys_trail_reader *r, struct ys_error *err, int *rc)
{
	size_t q;

	while (r->end - r->pos < 64 && !r->eof)
		if ((*rc = fill(r, err)))
			return 0;
	if (r->buf[r->pos] == '[') {
		r->pos++;
		r->streamed_records = 0;
		r->st = ST_ARRAY_FIRST;
		return 1;
	}
	q = r->pos + 1;
	while (q < r->end && is_ws(r->buf[q]))
		q++;
	if (r->end - q < 10 || memcmp(r->buf + q, "\"Records\"", 9))
		return 0;
	q += 9;
	while (q < r->end && is_ws(r->buf[q]))
		q++;
	if (q >= r->end || r->buf[q] != ':')
		return 0;
	q++;
	while (q < r->end && is_ws(r->buf[q]))
		q++;
	if (q >= r->end || r->buf[q] != '[')
		return 0;
	r->pos = q + 1;
	r->streamed_records = 1;
	r->st = ST_ARRAY_FIRST;
	return 1;
}

/* After the streamed records: the other members of their object, up to its '}'. */
static int tail(struct ys_trail_reader *r, struct ys_error *err)
{
	int rc = 0, c;
	long n;

	for (;;) {
		c = peek(r, err, &rc);
		if (rc)
			return rc;
		if (c == '}') {
			r->pos++;
			r->st = ST_TOP;
			return 0;
		}
		if (c != ',')
			return fail_at(r, r->base + r->pos,
				       c < 0 ? "unexpected end of input after the records"
					     : "expected '}' after the records",
				       err);
		r->pos++;
		if (peek(r, err, &rc) != '"')
			return rc ? rc : fail_at(r, r->base + r->pos, "expected a member's name", err);
		if ((n = take_value(r, err)) < 0)
			return (int)n;
		r->pos += (size_t)n;
		if (peek(r, err, &rc) != ':')
			return rc ? rc : fail_at(r, r->base + r->pos, "expected ':'", err);
		r->pos++;
		if (peek(r, err, &rc) < 0)
			return rc ? rc : fail_at(r, r->base + r->pos, "unexpected end of input", err);
		if ((n = take_value(r, err)) < 0)
			return (int)n;
		r->pos += (size_t)n;
	}
}

/* An error: the reader goes on at the next value it can trust, or ends. */
static int failed(struct ys_trail_reader *r, int rc)
{
	if (!r->failed && (rc == YS_EPARSE || rc == YS_EUNSUP))
		resync(r);
	else
		r->st = ST_DONE;
	return rc;
}

int ys_trail_next(struct ys_trail_reader *r, struct ys_trail_record *rec, struct ys_error *err)
{
	int rc = 0, c;
	long n;

	for (;;) {
		switch (r->st) {
		case ST_TOP:
			if (r->index == 0 && r->pos == 0 && r->base == 0) {
				while (r->end < 3 && !r->eof)
					if ((rc = fill(r, err)))
						return failed(r, rc);
				if (r->end >= 3 && !memcmp(r->buf, "\xef\xbb\xbf", 3))
					r->pos = 3; /* a byte order mark */
			}
			c = peek(r, err, &rc);
			if (rc)
				return failed(r, rc);
			if (c < 0) {
				r->st = ST_DONE;
				return 0;
			}
			if (c != '{' && c != '[') {
				rc = fail_at(r, r->base + r->pos,
					     "not CloudTrail JSON (expected '{' or '[')", err);
				return failed(r, rc);
			}
			if (stream_start(r, err, &rc))
				continue;
			if (rc)
				return failed(r, rc);
			if ((n = take_value(r, err)) < 0)
				return failed(r, (int)n);
			if ((rc = top_value(r, n, rec, err)) != 0)
				return rc;
			continue;
		case ST_HELD:
			if ((rc = next_held(r, rec, err)) != 0)
				return rc;
			continue;
		case ST_ARRAY_FIRST:
		case ST_ARRAY_NEXT:
			c = peek(r, err, &rc);
			if (rc)
				return failed(r, rc);
			if (c == ']') {
				r->pos++;
				r->st = r->streamed_records ? ST_TAIL : ST_TOP;
				continue;
			}
			if (r->st == ST_ARRAY_NEXT) {
				if (c != ',')
					return failed(r, fail_at(r, r->base + r->pos,
								 c < 0 ? "unexpected end of input: the array "
									 "of records is not closed"
								       : "expected ',' or ']' between records",
								 err));
				r->pos++;
				if (peek(r, err, &rc) < 0)
					return failed(r, rc ? rc : fail_at(r, r->base + r->pos,
									   "unexpected end of input", err));
			}
			r->st = ST_ARRAY_NEXT;
			if ((n = take_value(r, err)) < 0)
				return failed(r, (int)n);
			rc = give_value(r, r->buf + r->pos, (size_t)n, r->base + r->pos, 1, rec, err);
			r->pos += (size_t)n;
			if (rc)
				return rc;
			continue;
		case ST_TAIL:
			if ((rc = tail(r, err)))
				return failed(r, rc);
			continue;
		default:
			return 0;
		}
	}
}
