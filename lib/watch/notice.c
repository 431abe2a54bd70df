/* notice.c: queue messages read as notices of objects written: S3's Records[].s3, CloudTrail's
 * s3Bucket/s3ObjectKey, EventBridge's detail.bucket/object, each perhaps in SNS's envelope */
#include <stdlib.h>
#include <string.h>
#include "../base/codec.h"
#include "../base/grow.h"
#include "../json/jread.h"
#include "notice.h"
#include "../banned.h"

int ys_url_unescape_form(char *s)
{
	size_t len = strlen(s), i;

	/* strict where the shared decoder is lenient: a bad escape or a NUL is no key */
	for (i = 0; i < len; i++)
		if (s[i] == '%' && (i + 2 >= len || ys_hexval((unsigned char)s[i + 1]) < 0 ||
				    ys_hexval((unsigned char)s[i + 2]) < 0 ||
				    (s[i + 1] == '0' && s[i + 2] == '0')))
			return YS_EPARSE;
	s[ys_percent_decode(s, len, s, 1)] = 0; /* in place: what is written never passes what is read */
	return 0;
}

static int add(struct ys_notice *n, const char *bucket, const char *key, size_t klen, int64_t size,
	       int escaped, struct ys_error *err)
{
	struct ys_notice_obj *o;

	if (!bucket || !*bucket || !key || !klen || strlen(key) != klen)
		return ys_error_set(err, YS_EPARSE, "a notice without a bucket or an object key");
	if (ys_grow(&n->obj, &n->cap, n->n, sizeof(*n->obj), 4))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	o = &n->obj[n->n];
	memset(o, 0, sizeof(*o));
	o->bucket = strdup(bucket);
	o->key = strdup(key);
	o->size = size;
	if (!o->bucket || !o->key) {
		free(o->bucket);
		free(o->key);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	if (escaped && ys_url_unescape_form(o->key)) {
		free(o->bucket);
		free(o->key);
		return ys_error_set(err, YS_EPARSE, "an object key with a bad %%-escape");
	}
	n->n++;
	return 0;
}

static int64_t size_of(const struct ys_jval *v)
{
	return v && v->type == YS_J_NUMBER && v->u.num >= 0 && v->u.num < 9e18 ? (int64_t)v->u.num
									       : -1;
}

/* S3's event notification: {"Records":[{"eventSource":"aws:s3","eventName":"ObjectCreated:Put",
 * "s3":{"bucket":{"name":…},"object":{"key":…,"size":…}}}]} */
static int s3_records(const struct ys_jval *recs, struct ys_notice *n, struct ys_error *err)
{
	size_t i;
	int rc;

	if (recs->type != YS_J_ARRAY)
		return ys_error_set(err, YS_EPARSE, "'Records' is not a list");
	for (i = 0; i < recs->len; i++) {
		const struct ys_jval *r = &recs->u.items[i], *s3 = ys_json_get(r, "s3");
		const char *src = ys_json_str(ys_json_get(r, "eventSource"));
		const char *name = ys_json_str(ys_json_get(r, "eventName"));
		const struct ys_jval *obj = ys_json_get(s3, "object"), *key = ys_json_get(obj, "key");

		if (!src || strcmp(src, "aws:s3") || !s3)
			return ys_error_set(err, YS_EPARSE,
					    "record %zu is not an S3 event (eventSource %s)", i + 1,
					    src ? src : "missing");
		if (!name || strncmp(name, "ObjectCreated:", 14))
			continue; /* a delete, a restore, a replication: nothing new to read */
		if (!key || key->type != YS_J_STRING)
			return ys_error_set(err, YS_EPARSE, "record %zu has no s3.object.key", i + 1);
		if ((rc = add(n, ys_json_str(ys_json_get(ys_json_get(s3, "bucket"), "name")),
			      key->u.str, key->len, size_of(ys_json_get(obj, "size")), 1, err)))
			return rc;
	}
	return 0;
}

static int notice(const struct ys_jval *root, struct ys_notice *n, int depth,
		  struct ys_error *err);

static int parse_text(const char *body, size_t len, struct ys_notice *n, int depth,
		      struct ys_error *err)
{
	struct ys_jdoc *doc;
	int rc;

	if ((rc = ys_json_parse(body, len, &doc, err)))
		return rc == YS_ENOMEM ? rc : YS_EPARSE;
	rc = notice(ys_jdoc_root(doc), n, depth, err);
	ys_jdoc_free(doc);
	return rc;
}

static int notice(const struct ys_jval *root, struct ys_notice *n, int depth,
		  struct ys_error *err)
{
	const struct ys_jval *v;
	const char *type, *event;
	size_t i;
	int rc;

	if (!root || root->type != YS_J_OBJECT)
		return ys_error_set(err, YS_EPARSE, "not a JSON object");
	if ((v = ys_json_get(root, "Records")))
		return s3_records(v, n, err);
	event = ys_json_str(ys_json_get(root, "Event"));
	if (event && !strcmp(event, "s3:TestEvent")) {
		n->test = 1;
		return 0;
	}
	type = ys_json_str(ys_json_get(root, "Type"));
	if (type && !strcmp(type, "Notification") && (v = ys_json_get(root, "Message")) &&
	    v->type == YS_J_STRING) {
		if (depth > 0)
			return ys_error_set(err, YS_EPARSE, "an SNS envelope inside another");
		rc = parse_text(v->u.str, v->len, n, depth + 1, err);
		if (rc == YS_EPARSE && !strncmp(err->msg, "byte ", 5)) {
			char why[sizeof(err->msg)];

			memcpy(why, err->msg, sizeof(why));
			ys_error_set(err, YS_EPARSE, "an SNS notification whose message is not JSON (%s)",
				     why);
		}
		return rc;
	}
	/* CloudTrail's notice of log files delivered: {"s3Bucket":…,"s3ObjectKey":[…]} */
	if ((v = ys_json_get(root, "s3ObjectKey"))) {
		const char *bucket = ys_json_str(ys_json_get(root, "s3Bucket"));

		if (v->type != YS_J_ARRAY)
			return ys_error_set(err, YS_EPARSE, "'s3ObjectKey' is not a list");
		for (i = 0; i < v->len; i++) {
			const struct ys_jval *k = &v->u.items[i];

			if (k->type != YS_J_STRING)
				return ys_error_set(err, YS_EPARSE, "'s3ObjectKey' holds a non-string");
			if ((rc = add(n, bucket, k->u.str, k->len, -1, 0, err)))
				return rc;
		}
		return 0;
	}
	/* EventBridge: {"source":"aws.s3","detail-type":"Object Created","detail":{…}} */
	if ((type = ys_json_str(ys_json_get(root, "source"))) && !strcmp(type, "aws.s3")) {
		const struct ys_jval *d = ys_json_get(root, "detail"), *obj = ys_json_get(d, "object");
		const struct ys_jval *key = ys_json_get(obj, "key");

		type = ys_json_str(ys_json_get(root, "detail-type"));
		if (!type || strcmp(type, "Object Created"))
			return 0;
		if (!key || key->type != YS_J_STRING)
			return ys_error_set(err, YS_EPARSE, "an EventBridge S3 event without detail.object.key");
		return add(n, ys_json_str(ys_json_get(ys_json_get(d, "bucket"), "name")), key->u.str,
			   key->len, size_of(ys_json_get(obj, "size")), 0, err);
	}
	return ys_error_set(err, YS_EPARSE,
			    "not a notice of an object written (S3's event notification, CloudTrail's "
			    "notice through SNS, or EventBridge's Object Created)");
}

int ys_notice_parse(const char *body, size_t len, struct ys_notice *out, struct ys_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = parse_text(body, len, out, 0, err);
	if (rc == YS_EPARSE && !strncmp(err->msg, "byte ", 5)) {
		char why[sizeof(err->msg)];

		memcpy(why, err->msg, sizeof(why));
		ys_error_set(err, YS_EPARSE, "not JSON (%s)", why);
	}
	if (rc)
		ys_notice_release(out);
	return rc;
}

void ys_notice_release(struct ys_notice *n)
{
	size_t i;

	for (i = 0; i < n->n; i++) {
		free(n->obj[i].bucket);
		free(n->obj[i].key);
	}
	free(n->obj);
	memset(n, 0, sizeof(*n));
}
