/* notice.h: what a queue message says was written to a bucket: S3's event notification (raw, or
 * in SNS's envelope), CloudTrail's own notice of the log files it delivered (through SNS), or
 * EventBridge's "Object Created" */
#ifndef YS_WATCH_NOTICE_H
#define YS_WATCH_NOTICE_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

struct ys_notice_obj {
	char *bucket;
	char *key;    /* as S3 names it (S3's own events URL-encode it: decoded here) */
	int64_t size; /* -1 when the notice does not say */
	int skip;     /* for the reader: not read this time (another worker's account) */
};

struct ys_notice {
	struct ys_notice_obj *obj;
	size_t n, cap;
	int test; /* S3's test event, sent when notifications are set up: nothing to read */
};

/* The objects a message body names as written (a delete names none). 0; YS_EPARSE when the body
 * is none of the notices above (err says what it is instead); YS_ENOMEM. */
int ys_notice_parse(const char *body, size_t len, struct ys_notice *out, struct ys_error *err);
void ys_notice_release(struct ys_notice *n);

/* S3's key encoding undone in place ("+" a space, %XX a byte); 0, or YS_EPARSE for a bad escape
 * or one that makes a NUL. */
int ys_url_unescape_form(char *s);

#endif
