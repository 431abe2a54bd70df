/* source-s3.c: the trail's bucket polled where it lives: credentials from the SDKs' chain, the
 * endpoint from AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL (path-style), each region's cursor read
 * from and kept in the run's state */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../aws/creds.h"
#include "../aws/http.h"
#include "../base/bytes.h"
#include "s3poll.h"
#include "source.h"
#include "../banned.h"

/* each poll looks back this far before the newest file read: files come late and out of order
 * (CloudTrail promises no order; a quarter of an hour is common, more in an outage), and a look
 * back costs a short listing of keys already known */
#define LAG 3600

struct s3_source {
	struct ys_source base;
	struct ys_s3poll *poll;
	struct ys_aws_creds creds;
	struct ys_run *r;
	char bucket[256];
};

static void object_name(const struct s3_source *c, const struct ys_s3obj *o, char *out, size_t n)
{
	snprintf(out, n, "s3://%s/%s", c->bucket, o->key);
}

static int known(void *vc, const struct ys_s3obj *o)
{
	struct s3_source *c = vc;
	char name[1400];

	object_name(c, o, name, sizeof(name));
	return ys_run_known(c->r, name, o->size, o->mtime);
}

static int object(void *vc, const struct ys_s3obj *o, int fd)
{
	struct s3_source *c = vc;
	struct ys_error err = {0};
	struct ys_bytes *in;
	char name[1400];

	object_name(c, o, name, sizeof(name));
	if (!ys_run_holds_file(c->r, name))
		return 1; /* its account went to another worker: the cursor stays before it */
	if (ys_bytes_open_fd(&in, fd, name, &err)) {
		ys_run_problem(c->r, err.msg);
		return 0;
	}
	ys_run_object(c->r, name, o->size, o->mtime, in);
	return 0;
}

static int load_cursor(void *p, const char *scope, int64_t newest);

/* A worker's round; an account just taken is listed from where its last worker's cursor stands. */
static int share(void *vc, const char *const *accounts, size_t n)
{
	struct s3_source *c = vc;
	struct ys_error err = {0};
	int rc = ys_run_lease_round(c->r, accounts, n);

	if (rc > 0 && ys_state_each_cursor(c->r->state, load_cursor, c->poll, &err))
		ys_run_problem(c->r, err.msg);
	return rc < 0 ? rc : 0;
}

static int holds(void *vc, const char *account)
{
	return ys_run_holds(((struct s3_source *)vc)->r, account);
}

static void problem(void *vc, const char *msg)
{
	struct s3_source *c = vc;

	ys_run_problem(c->r, msg);
}

static int load_cursor(void *p, const char *scope, int64_t newest)
{
	ys_s3poll_set_cursor(p, scope, newest);
	return 0;
}

/* Only the accounts this worker holds: another's cursor is that worker's to move. */
static int save_cursor(void *r, const char *scope, const char *account, int64_t newest)
{
	if (!ys_run_holds(r, account))
		return 0;
	return ys_run_put_cursor(r, scope, newest) ? 1 : 0;
}

static int s3_poll(struct ys_source *s, struct ys_run *r)
{
	struct s3_source *c = (struct s3_source *)s;
	struct ys_error err = {0};
	int rc;

	c->r = r;
	if ((rc = ys_s3poll_once(c->poll, known, object, problem, c, &err)))
		ys_run_problem(r, err.msg);
	if (r->state)
		ys_s3poll_each_cursor(c->poll, save_cursor, r);
	return rc;
}

static void s3_wait(struct ys_source *s, int64_t ms, const struct ys_watch_flags *f)
{
	(void)s;
	ys_watch_sleep(ms, f);
}

static void s3_free(struct ys_source *s)
{
	struct s3_source *c = (struct s3_source *)s;

	ys_s3poll_free(c->poll);
	memset(&c->creds, 0, sizeof(c->creds));
	free(c);
}

static const struct ys_source_ops s3_ops = {"s3", s3_poll, s3_wait, s3_free};

int ys_source_s3_new(const char *url, int64_t since, struct ys_run *r, struct ys_source **out,
		     struct ys_error *err)
{
	struct s3_source *c = calloc(1, sizeof(*c));
	struct ys_s3poll_opts po;
	struct ys_creds_opts co = {NULL, NULL};
	char prefix[512], source[256];
	int rc;

	*out = NULL;
	if (!c)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	c->base.ops = &s3_ops;
	c->r = r;
	snprintf(c->base.what, sizeof(c->base.what), "%s", url);
	if (ys_s3_url_parse(url, c->bucket, sizeof(c->bucket), prefix, sizeof(prefix))) {
		free(c);
		return ys_error_set(err, YS_EINVAL, "--follow '%s': not s3://bucket[/prefix]", url);
	}
	if ((rc = ys_creds_resolve(&co, &c->creds, source, sizeof(source), err))) {
		char why[sizeof(err->msg)];

		snprintf(why, sizeof(why), "%s", err->msg);
		free(c);
		return ys_error_set(err, rc, "--follow %s: %s", url, why);
	}
	memset(&po, 0, sizeof(po));
	po.bucket = c->bucket;
	po.prefix = prefix;
	po.region = ys_aws_region_env();
	po.endpoint = ys_aws_endpoint_env("AWS_ENDPOINT_URL_S3");
	po.creds = &c->creds;
	po.since = since;
	po.lag = LAG;
	if (r->lease) {
		po.share = share;
		po.holds = holds;
	}
	if ((rc = ys_s3poll_new(&po, &c->poll, err))) {
		s3_free(&c->base);
		return rc;
	}
	if (r->state && ys_state_each_cursor(r->state, load_cursor, c->poll, err))
		ys_run_problem(r, err->msg);
	*out = &c->base;
	return 0;
}
