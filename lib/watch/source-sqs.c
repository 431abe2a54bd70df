/* source-sqs.c: the trail's new files learned from a queue (S3's event notifications, or
 * CloudTrail's notices through SNS): each message's files fetched and read, and the message
 * deleted only once their alerts are committed; a message that is no notice is said and
 * deleted, one naming a file that is gone is said and deleted, one whose file could not be
 * fetched stays for the queue to hand out again */
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../aws/call.h"
#include "../aws/creds.h"
#include "../aws/decode.h"
#include "../base/bytes.h"
#include "../base/hash.h"
#include "../json/jread.h"
#include "fetch.h"
#include "notice.h"
#include "source.h"
#include "../banned.h"

#define BATCH 10       /* messages a receive takes (SQS's most) */
#define ROUNDS 10      /* receives a watch's poll makes at most */
#define VISIBILITY 300 /* seconds a message is hidden from others while it is read */

struct sqs_source {
	struct ys_source base;
	struct ys_aws_creds creds;
	struct ys_aws_shapes *shapes;
	const struct ys_aws_op *receive, *del, *get, *vis;
	struct ys_aws_target sqs;
	char queue[1024], arn[1200], region[32], endpoint[512], s3_endpoint[512];
	int64_t wait_s; /* 0: read what waits and return */
	int failed;	/* the last receive failed: the loop waits before the next */
};

/* One message of a receive, and what became of it. */
struct message {
	char *id, *handle;
	struct ys_notice notice;
	int keep; /* a file could not be fetched: the queue hands the message out again */
	int elsewhere; /* with workers: it names an account another worker judges: handed back */
};

struct batch {
	struct sqs_source *q;
	struct ys_run *r;
	struct message m[BATCH];
	size_t n;
	/* the files of one bucket being fetched: which message each came from */
	size_t *owner;
	const char **keys;
	const char *bucket;
};

/* "https://sqs.eu-west-1.amazonaws.com/123456789012/trail": its region and ARN, and for a queue
 * that is not AWS's (a test's, an emulator's) its own endpoint. */
static int parse_queue(struct sqs_source *q, const char *url, struct ys_error *err)
{
	char host[300], path[800], account[64] = "", name[256] = "";
	const char *aws;

	if (ys_url_split(url, host, sizeof(host), path, sizeof(path)) ||
	    sscanf(path, "/%63[0-9]/%255[^/?]", account, name) != 2)
		return ys_error_set(err, YS_EINVAL,
				    "--sqs '%s': not a queue URL like "
				    "https://sqs.<region>.amazonaws.com/<account>/<queue>",
				    url);
	snprintf(q->queue, sizeof(q->queue), "%s", url);
	snprintf(q->region, sizeof(q->region), "%s", ys_aws_region_env());
	if ((aws = strstr(host, ".amazonaws.com")) && !aws[14]) {
		if (!strncmp(host, "sqs.", 4) && aws - host - 4 < (long)sizeof(q->region))
			snprintf(q->region, sizeof(q->region), "%.*s", (int)(aws - host - 4), host + 4);
	} else if (!ys_aws_endpoint_env("AWS_ENDPOINT_URL_SQS")) {
		snprintf(q->endpoint, sizeof(q->endpoint), "%.*s%s",
			 (int)(strstr(url, "://") - url + 3), url, host);
	}
	snprintf(q->arn, sizeof(q->arn), "arn:aws:sqs:%s:%s:%s", q->region, account, name);
	return 0;
}

/* A problem said in words and counted by the run. */
static void problem(struct ys_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct ys_run *r, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	ys_run_problem(r, sb.len ? sb.buf : "out of memory");
	strbuf_release(&sb);
}

static int md5_matches(const char *body, size_t len, const char *md5)
{
	unsigned char d[16];
	char hex[33];
	unsigned int n = 0;

	if (!md5 || !*md5)
		return 1;
	if (!EVP_Digest(body, len, d, &n, EVP_md5(), NULL) || n != 16)
		return 0;
	ys_hex(d, sizeof(d), hex);
	return !strcmp(hex, md5);
}

static void release_batch(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->m[i].id);
		free(b->m[i].handle);
		ys_notice_release(&b->m[i].notice);
	}
	b->n = 0;
}

/* The messages of one receive into b: each parsed as a notice; one that is not is said. */
static int receive(struct sqs_source *q, struct batch *b, int64_t wait_s, struct ys_error *err)
{
	char max[8], wait[8], vis[8];
	struct ys_aws_param p[4] = {{"QueueUrl", q->queue}, {"MaxNumberOfMessages", max},
				    {"WaitTimeSeconds", wait}, {"VisibilityTimeout", vis}};
	struct ys_http_response resp = {0, STRBUF_INIT};
	struct strbuf json = STRBUF_INIT;
	struct ys_jdoc *doc = NULL;
	const struct ys_jval *msgs;
	size_t i;
	int rc;

	snprintf(max, sizeof(max), "%d", BATCH);
	snprintf(wait, sizeof(wait), "%lld", (long long)wait_s);
	snprintf(vis, sizeof(vis), "%d", VISIBILITY);
	q->sqs.timeout_ms = (long)(wait_s + 30) * 1000;
	if ((rc = ys_aws_call(&q->sqs, q->receive, p, 4, "sqs:ReceiveMessage", q->arn, &resp, err)))
		goto out;
	if ((rc = ys_aws_decode(q->receive, resp.body.buf, resp.body.len, &json, err)) ||
	    (rc = ys_json_parse(json.buf, json.len, &doc, err))) {
		char why[sizeof(err->msg)];

		memcpy(why, err->msg, sizeof(why));
		rc = ys_error_set(err, YS_EPARSE, "sqs:ReceiveMessage on %s: an answer that does not "
				  "parse (%s)", q->arn, why);
		goto out;
	}
	msgs = ys_json_get(ys_jdoc_root(doc), "Messages");
	for (i = 0; msgs && msgs->type == YS_J_ARRAY && i < msgs->len && b->n < BATCH; i++) {
		const struct ys_jval *m = &msgs->u.items[i], *body = ys_json_get(m, "Body");
		const char *id = ys_json_str(ys_json_get(m, "MessageId"));
		const char *handle = ys_json_str(ys_json_get(m, "ReceiptHandle"));
		struct message *to = &b->m[b->n];
		struct ys_error nerr = {0};

		if (!handle)
			continue;
		memset(to, 0, sizeof(*to));
		to->id = strdup(id ? id : "?");
		to->handle = strdup(handle);
		b->n++;
		if (!to->id || !to->handle) {
			to->keep = 1;
			continue;
		}
		if (!body || body->type != YS_J_STRING ||
		    !md5_matches(body->u.str, body->len,
				 ys_json_str(ys_json_get(m, "MD5OfBody")))) {
			/* damaged on the way: the queue hands it out again */
			problem(b->r, "%s: message %s arrived damaged (its MD5 does not match); it is "
				"read when the queue hands it out again", q->arn, to->id);
			to->keep = 1;
			continue;
		}
		if (ys_notice_parse(body->u.str, body->len, &to->notice, &nerr))
			problem(b->r, "%s: message %s is %s; deleted unread", q->arn, to->id, nerr.msg);
	}
out:
	ys_jdoc_free(doc);
	strbuf_release(&json);
	strbuf_release(&resp.body);
	return rc;
}

static int fetched(void *ctx, size_t i, const struct ys_fetched *f, const struct ys_error *err)
{
	struct batch *b = ctx;
	struct message *m = &b->m[b->owner[i]];
	struct ys_error oerr = {0};
	struct strbuf name = STRBUF_INIT;
	struct ys_bytes *in;

	if (f->fd < 0 && f->status == 404) { /* deleted since: nothing to read, ever */
		problem(b->r, "%s: message %s names s3://%s/%s, which is gone (deleted since); the "
			"message is deleted", b->q->arn, m->id, b->bucket, b->keys[i]);
	} else if (f->fd < 0) {
		problem(b->r, "%s; message %s stays on the queue to be read again", err->msg, m->id);
		m->keep = 1;
	} else if (strbuf_addf(&name, "s3://%s/%s", b->bucket, b->keys[i])) {
		ys_run_problem(b->r, "out of memory");
		m->keep = 1;
	} else if (!ys_run_holds_file(b->r, name.buf)) {
		/* its account went to another worker while the batch was read: for it, unread */
		m->keep = m->elsewhere = 1;
	} else if (ys_bytes_open_fd(&in, f->fd, name.buf, &oerr)) {
		ys_run_problem(b->r, oerr.msg);
		m->keep = 1;
	} else {
		/* a file read before (a message handed out twice) is known to the state and
		 * skipped; a broken one is said by its key and skipped */
		ys_run_object(b->r, name.buf, f->size, f->mtime, in);
	}
	strbuf_release(&name);
	return 0;
}

/* Has another worker read this file (committed)? */
static int read_elsewhere(struct batch *b, const struct ys_notice_obj *o)
{
	struct strbuf name = STRBUF_INIT;
	int known = 0;

	if (!strbuf_addf(&name, "s3://%s/%s", o->bucket, o->key))
		known = ys_run_path_known(b->r, name.buf) > 0;
	strbuf_release(&name);
	return known;
}

/* With workers: a round over the accounts the batch's notices name; a message naming an account
 * another worker holds is handed back to the queue for it, unread. */
static void share(struct batch *b)
{
	char (*acc)[13] = NULL;
	const char **names = NULL;
	size_t total = 0, n = 0, i, j, k;

	for (i = 0; i < b->n; i++)
		total += b->m[i].notice.n;
	if (!total)
		return;
	if (!(acc = calloc(total, sizeof(*acc))) || !(names = calloc(total, sizeof(*names)))) {
		for (i = 0; i < b->n; i++)
			b->m[i].keep = 1;
		goto out;
	}
	for (i = 0; i < b->n; i++)
		for (j = 0; j < b->m[i].notice.n; j++) {
			if (!ys_trail_account(b->m[i].notice.obj[j].key, acc[n]))
				continue;
			for (k = 0; k < n && strcmp(acc[k], acc[n]); k++)
				;
			if (k == n)
				names[n] = acc[n], n++;
		}
	ys_run_lease_round(b->r, names, n);
	/* a message is read by the workers holding its accounts, each its own files; it goes when
	 * every file it names has been read, else back to the queue for the others */
	for (i = 0; i < b->n; i++)
		for (j = 0; j < b->m[i].notice.n; j++) {
			struct ys_notice_obj *o = &b->m[i].notice.obj[j];
			char a[13];

			if (!ys_trail_account(o->key, a)) {
				problem(b->r, "%s: message %s names s3://%s/%s, which is not a CloudTrail "
					"log file's name: workers split the trail by the account in it; the "
					"message stays on the queue", b->q->arn, b->m[i].id, o->bucket, o->key);
				o->skip = b->m[i].keep = 1;
			} else if (!ys_run_holds(b->r, a)) {
				o->skip = 1;
				if (!read_elsewhere(b, o))
					b->m[i].keep = b->m[i].elsewhere = 1;
			}
		}
out:
	free(acc);
	free(names);
}

/* The messages that belong to other workers, visible again for them in a moment (not at once:
 * the queue would hand them straight back). */
static void hand_back(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		struct ys_aws_param p[3] = {{"QueueUrl", b->q->queue}, {"ReceiptHandle", b->m[i].handle},
					    {"VisibilityTimeout", "2"}};
		struct ys_http_response resp = {0, STRBUF_INIT};
		struct ys_error err = {0};

		if (!b->m[i].elsewhere)
			continue;
		b->q->sqs.timeout_ms = 30000;
		if (ys_aws_call(&b->q->sqs, b->q->vis, p, 3, "sqs:ChangeMessageVisibility", b->q->arn,
				&resp, &err))
			problem(b->r, "%s (message %s: another worker's; it comes back when its "
				"visibility ends)", err.msg, b->m[i].id);
		strbuf_release(&resp.body);
	}
}

/* Every file the batch's notices name, fetched a bucket at a time and read. */
static void read_files(struct batch *b)
{
	size_t total = 0, i, j, k;
	const char **buckets;

	for (i = 0; i < b->n; i++)
		total += b->m[i].notice.n;
	if (!total)
		return;
	buckets = calloc(total, sizeof(*buckets));
	b->keys = calloc(total, sizeof(*b->keys));
	b->owner = calloc(total, sizeof(*b->owner));
	if (!buckets || !b->keys || !b->owner) {
		for (i = 0; i < b->n; i++)
			b->m[i].keep = 1;
		goto out;
	}
	for (i = 0, k = 0; i < b->n; i++) /* each bucket once, in the order first named */
		for (j = 0; j < b->m[i].notice.n; j++) {
			size_t s;

			if (b->m[i].notice.obj[j].skip)
				continue;
			for (s = 0; s < k && strcmp(buckets[s], b->m[i].notice.obj[j].bucket); s++)
				;
			if (s == k)
				buckets[k++] = b->m[i].notice.obj[j].bucket;
		}
	for (total = k, k = 0; k < total; k++) {
		struct ys_fetch_opts fo = {b->q->get, buckets[k], b->q->region,
					   b->q->s3_endpoint[0] ? b->q->s3_endpoint : NULL,
					   &b->q->creds, 60000, 0};
		size_t n = 0;

		for (i = 0; i < b->n; i++)
			for (j = 0; j < b->m[i].notice.n; j++)
				if (!b->m[i].notice.obj[j].skip &&
				    !strcmp(b->m[i].notice.obj[j].bucket, buckets[k])) {
					b->keys[n] = b->m[i].notice.obj[j].key;
					b->owner[n++] = i;
				}
		b->bucket = buckets[k];
		if (ys_fetch_all(&fo, b->keys, n, fetched, b))
			for (i = 0; i < b->n; i++)
				b->m[i].keep = 1;
	}
out:
	free(buckets);
	free(b->keys);
	free(b->owner);
	b->keys = NULL;
	b->owner = NULL;
}

/* The messages done with, deleted: after their files' alerts were committed. */
static void delete_done(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		struct ys_aws_param p[2] = {{"QueueUrl", b->q->queue}, {"ReceiptHandle", b->m[i].handle}};
		struct ys_http_response resp = {0, STRBUF_INIT};
		struct ys_error err = {0};

		if (b->m[i].keep)
			continue;
		b->q->sqs.timeout_ms = 30000;
		/* its files are known to the state: when it comes back it is only deleted */
		if (ys_aws_call(&b->q->sqs, b->q->del, p, 2, "sqs:DeleteMessage", b->q->arn, &resp,
				&err))
			problem(b->r, "%s (message %s)", err.msg, b->m[i].id);
		strbuf_release(&resp.body);
	}
}

static int sqs_poll(struct ys_source *s, struct ys_run *r)
{
	struct sqs_source *q = (struct sqs_source *)s;
	struct batch b;
	int round, rc = 0;

	memset(&b, 0, sizeof(b));
	b.q = q;
	b.r = r;
	for (round = 0;; round++) {
		struct ys_error err = {0};
		size_t got;

		/* the first receive waits for news (long polling); the rest take what is there */
		if ((rc = receive(q, &b, round ? 0 : q->wait_s, &err))) {
			ys_run_problem(r, err.msg);
			release_batch(&b);
			q->failed = 1;
			return rc;
		}
		got = b.n;
		if (r->lease)
			share(&b);
		read_files(&b);
		/* the files' alerts commit before any message goes */
		if (got && ys_run_finish(r, 0) == 0)
			delete_done(&b);
		hand_back(&b);
		release_batch(&b);
		/* a watch commits and tells every ROUNDS receives; a --once run reads all there is */
		if (!got || (q->wait_s && round + 1 == ROUNDS))
			break;
	}
	q->failed = 0;
	return 0;
}

/* The receive itself waits for news (long polling): the loop waits only after a failure. */
static void sqs_wait(struct ys_source *s, int64_t ms, const struct ys_watch_flags *f)
{
	struct sqs_source *q = (struct sqs_source *)s;

	if (q->failed)
		ys_watch_sleep(ms, f);
}

static void sqs_free(struct ys_source *s)
{
	struct sqs_source *q = (struct sqs_source *)s;

	ys_aws_shapes_free(q->shapes);
	memset(&q->creds, 0, sizeof(q->creds));
	free(q);
}

static const struct ys_source_ops sqs_ops = {"sqs", sqs_poll, sqs_wait, sqs_free};

int ys_source_sqs_new(const char *queue_url, int64_t wait_s, struct ys_source **out,
		      struct ys_error *err)
{
	struct sqs_source *q = calloc(1, sizeof(*q));
	struct ys_creds_opts co = {NULL, NULL};
	const char *e;
	char source[256];
	int rc;

	*out = NULL;
	if (!q)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	q->base.ops = &sqs_ops;
	q->wait_s = wait_s < 0 ? 0 : wait_s > 20 ? 20 : wait_s;
	snprintf(q->base.what, sizeof(q->base.what), "%s", queue_url);
	if ((rc = parse_queue(q, queue_url, err))) {
		free(q);
		return rc;
	}
	if ((e = ys_aws_endpoint_env("AWS_ENDPOINT_URL_SQS")))
		snprintf(q->endpoint, sizeof(q->endpoint), "%s", e);
	if ((e = ys_aws_endpoint_env("AWS_ENDPOINT_URL_S3")))
		snprintf(q->s3_endpoint, sizeof(q->s3_endpoint), "%s", e);
	if ((rc = ys_creds_resolve(&co, &q->creds, source, sizeof(source), err))) {
		char why[sizeof(err->msg)];

		memcpy(why, err->msg, sizeof(why));
		free(q);
		return ys_error_set(err, rc, "--sqs %s: %s", queue_url, why);
	}
	if ((rc = ys_aws_shapes_load(&q->shapes, err))) {
		sqs_free(&q->base);
		return rc;
	}
	q->receive = ys_aws_op_find(q->shapes, "sqs/receive-message");
	q->del = ys_aws_op_find(q->shapes, "sqs/delete-message");
	q->get = ys_aws_op_find(q->shapes, "s3/get-object");
	q->vis = ys_aws_op_find(q->shapes, "sqs/change-message-visibility");
	if (!q->receive || !q->del || !q->get || !q->vis) {
		sqs_free(&q->base);
		return ys_error_set(err, YS_EINVAL, "sqs and s3 calls are not compiled in");
	}
	q->sqs = (struct ys_aws_target){q->region, q->endpoint[0] ? q->endpoint : NULL, &q->creds,
					30000};
	*out = &q->base;
	return 0;
}
