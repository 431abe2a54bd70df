/* watch-s3.c: the poll loop of `detect --follow s3://…`: credentials from the SDKs' chain, the
 * endpoint from AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL (path-style), region cursors from and to
 * the state, a commit after every poll, an interruptible wait between polls */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "aws/creds.h"
#include "aws/http.h"
#include "base/bytes.h"
#include "cmd.h"
#include "detect/watch-s3.h"
#include "watch/s3poll.h"
#include "banned.h"

#define LAG 900 /* each poll looks back this far before the newest file read: files come late */

struct ctx {
	struct detect_run *r;
	char bucket[256];
};

static void object_name(const struct ctx *c, const struct ys_s3obj *o, char *out, size_t n)
{
	snprintf(out, n, "s3://%s/%s", c->bucket, o->key);
}

static int known(void *vc, const struct ys_s3obj *o)
{
	struct ctx *c = vc;
	char name[1400];

	object_name(c, o, name, sizeof(name));
	return detect_run_known(c->r, name, o->size, o->mtime);
}

static int object(void *vc, const struct ys_s3obj *o, int fd)
{
	struct ctx *c = vc;
	struct ys_error err = {0};
	struct ys_bytes *in;
	char name[1400];

	object_name(c, o, name, sizeof(name));
	if (ys_bytes_open_fd(&in, fd, name, &err)) {
		detect_run_problem(c->r, err.msg);
		return 0;
	}
	detect_run_object(c->r, name, o->size, o->mtime, in);
	return 0;
}

static void problem(void *vc, const char *msg)
{
	struct ctx *c = vc;

	detect_run_problem(c->r, msg);
}

static int load_cursor(void *p, const char *scope, int64_t newest)
{
	ys_s3poll_set_cursor(p, scope, newest);
	return 0;
}

static int save_cursor(void *r, const char *scope, int64_t newest)
{
	return detect_run_put_cursor(r, scope, newest) ? 1 : 0;
}

static const char *region(void)
{
	const char *e = getenv("AWS_REGION");

	if (!e || !*e)
		e = getenv("AWS_DEFAULT_REGION");
	return e && *e ? e : "us-east-1";
}

/* Waits seconds, a tenth at a time, unless told to stop. */
static void wait_for(int64_t seconds, volatile sig_atomic_t *stopping)
{
	struct timespec tenth = {0, 100000000L};
	int64_t i;

	for (i = 0; i < seconds * 10 && !*stopping; i++)
		nanosleep(&tenth, NULL);
}

int watch_s3(struct detect_run *r, const struct watch_s3_opts *o, volatile sig_atomic_t *stopping)
{
	struct ys_s3poll_opts po;
	struct ys_aws_creds creds;
	struct ys_creds_opts co = {NULL, NULL};
	struct ys_error err = {0};
	struct ys_s3poll *p;
	struct ctx c = {r, ""};
	char prefix[512], source[256];
	int failed = 0;

	if (ys_s3_url_parse(o->url, c.bucket, sizeof(c.bucket), prefix, sizeof(prefix)))
		return ys_die_usage("--follow '%s': not s3://bucket[/prefix]", o->url);
	if (ys_creds_resolve(&co, &creds, source, sizeof(source), &err))
		return ys_die_usage("--follow %s: %s", o->url, err.msg);
	memset(&po, 0, sizeof(po));
	po.bucket = c.bucket;
	po.prefix = prefix;
	po.region = region();
	po.endpoint = ys_aws_endpoint_env("AWS_ENDPOINT_URL_S3");
	po.creds = &creds;
	po.since = o->since;
	po.lag = LAG;
	if (ys_s3poll_new(&po, &p, &err)) {
		memset(&creds, 0, sizeof(creds));
		return ys_die_usage("%s", err.msg);
	}
	if (r->state && ys_state_each_cursor(r->state, load_cursor, p, &err))
		detect_run_problem(r, err.msg);
	do {
		if ((failed = ys_s3poll_once(p, known, object, problem, &c, &err) != 0))
			detect_run_problem(r, err.msg);
		if (r->state)
			ys_s3poll_each_cursor(p, save_cursor, r);
		/* the poll's batch commits; incidents whose time is over are said */
		detect_run_finish(r, 0);
		if (!o->once)
			wait_for(o->interval, stopping);
	} while (!o->once && !*stopping);
	ys_s3poll_free(p);
	memset(&creds, 0, sizeof(creds));
	return o->once && failed ? 1 : 0;
}
