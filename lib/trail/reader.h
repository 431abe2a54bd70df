/* reader.h: CloudTrail records from a file in any shape a pipeline delivers ({"Records":[...]}
 * documents, one or many, concatenated or a line each; JSON arrays; JSON Lines of records;
 * EventBridge events; CloudWatch Logs subscription payloads), plain or gzip, sniffed from the
 * content; one record at a time, in bounded memory */
#ifndef YS_TRAIL_READER_H
#define YS_TRAIL_READER_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../json/jindex.h"

#define YS_TRAIL_MAX_RECORD (8u << 20) /* a larger record is reported and passed over */

struct ys_trail_reader;

struct ys_trail_record {
	const char *json; /* the record's JSON text, valid until the next call */
	size_t len;
	const struct ys_jindex *members; /* where its members lie, valid as long as json */
	uint64_t offset; /* byte offset of the record in the (decompressed) file */
	size_t index;	 /* 0-based position in the file */
};

int ys_trail_open(struct ys_trail_reader **out, const char *path, struct ys_error *err);
/* The same from bytes already opened (ys_bytes_open, perhaps on another thread, which for a
 * small gzip file also inflates it); the reader owns them from here, even on failure. */
struct ys_bytes;
int ys_trail_open_bytes(struct ys_trail_reader **out, const char *path, struct ys_bytes *in,
			struct ys_error *err);
/* The reader let go of its file and reads path, keeping its buffers (and its input's, when it
 * opened the input itself): one file after another on a thread. On failure it stays to be
 * closed, or reopened. */
int ys_trail_reopen(struct ys_trail_reader *r, const char *path, struct ys_error *err);
/* 1 with rec filled, 0 at the end of the file, or a negative ys_err with err naming the file
 * and byte offset. A record is an object with eventName, eventTime or eventSource (in any
 * case); any other object is an error, never a record. After an error the reader goes on where
 * it can trust the input again (the next item of an envelope, the next line that starts a
 * value); after a failure to read (I/O, gzip, memory) the next call returns 0. */
int ys_trail_next(struct ys_trail_reader *r, struct ys_trail_record *rec, struct ys_error *err);
/* After an error: its ys_err when the input itself failed (I/O, a broken gzip stream, memory),
 * so that the file cannot be taken as read whole; 0 when only its content was bad. */
int ys_trail_failed(const struct ys_trail_reader *r);
void ys_trail_close(struct ys_trail_reader *r);

/* Checks one JSON value at text[0..len) and returns its length, 0 when more input is needed,
 * or a negative ys_err with *bad set to the offending offset and *why to the reason. Nesting
 * deeper than YS_JSON_MAX_DEPTH is refused ("nested too deep"), as the tree reader refuses it;
 * strings are checked for escapes and UTF-8. When ix is given and
 * the value is an object, its members are indexed on the way. */
long ys_json_skip(const char *text, size_t len, int final, size_t *bad, const char **why,
		  struct ys_jindex *ix);

#endif
