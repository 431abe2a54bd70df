/* s3poll.c: polls a CloudTrail bucket: the accounts and regions under AWSLogs/, then each
 * region's new log files from a cursor that lags the newest file read, each fetched into memory
 * (a memfd) for the caller; throttling retried with backoff, refusals named by the permission */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "../aws/call.h"
#include "../aws/decode.h"
#include "../aws/http.h"
#include "../aws/request.h"
#include "../aws/shapes.h"
#include "../aws/xml.h"
#include "../base/grow.h"
#include "../base/isotime.h"
#include "../trail/bucket.h"
#include "fetch.h"
#include "s3poll.h"
#include "../banned.h"

struct scope {
	char path[512];	 /* [prefix/]AWSLogs/[o-…/]account/CloudTrail/region/ */
	char account[16], region[32];
	int64_t newest; /* -1: never read */
};

struct ys_s3poll {
	struct ys_s3poll_opts o;
	char bucket[256], prefix[512], region[32], endpoint[512];
	struct ys_aws_target target; /* the bucket's region, the endpoint, the credentials */
	struct ys_aws_shapes *shapes;
	const struct ys_aws_op *list, *get;
	struct scope *scopes;
	size_t nscopes, capscopes;
};

int ys_s3_url_parse(const char *url, char *bucket, size_t bn, char *prefix, size_t pn)
{
	const char *b, *slash;
	size_t len;

	if (strncmp(url, "s3://", 5))
		return YS_EINVAL;
	b = url + 5;
	slash = strchr(b, '/');
	len = slash ? (size_t)(slash - b) : strlen(b);
	if (!len || len >= bn || len > 63)
		return YS_EINVAL;
	memcpy(bucket, b, len);
	bucket[len] = 0;
	b = slash ? slash + 1 : "";
	len = strlen(b);
	while (len && b[len - 1] == '/')
		len--;
	if (len >= pn)
		return YS_EINVAL;
	memcpy(prefix, b, len);
	prefix[len] = 0;
	return 0;
}

int ys_s3poll_new(const struct ys_s3poll_opts *o, struct ys_s3poll **out, struct ys_error *err)
{
	struct ys_s3poll *p = calloc(1, sizeof(*p));
	int rc;

	if (!p)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	p->o = *o;
	snprintf(p->bucket, sizeof(p->bucket), "%s", o->bucket);
	snprintf(p->prefix, sizeof(p->prefix), "%s", o->prefix ? o->prefix : "");
	snprintf(p->region, sizeof(p->region), "%s", o->region ? o->region : "us-east-1");
	snprintf(p->endpoint, sizeof(p->endpoint), "%s", o->endpoint ? o->endpoint : "");
	p->o.bucket = p->bucket;
	p->o.prefix = p->prefix;
	p->o.region = p->region;
	p->o.endpoint = o->endpoint ? p->endpoint : NULL;
	if (!p->o.timeout_ms)
		p->o.timeout_ms = 60000;
	p->target = (struct ys_aws_target){p->region, p->o.endpoint, p->o.creds, p->o.timeout_ms};
	if ((rc = ys_aws_shapes_load(&p->shapes, err))) {
		free(p);
		return rc;
	}
	p->list = ys_aws_op_find(p->shapes, "s3/list-objects-v2");
	p->get = ys_aws_op_find(p->shapes, "s3/get-object");
	if (!p->list || !p->get) {
		ys_s3poll_free(p);
		return ys_error_set(err, YS_EINVAL, "s3 calls are not compiled in");
	}
	*out = p;
	return 0;
}

void ys_s3poll_free(struct ys_s3poll *p)
{
	if (!p)
		return;
	ys_aws_shapes_free(p->shapes);
	free(p->scopes);
	free(p);
}

/* "[prefix/]AWSLogs/[o-…/]account/CloudTrail/region/": its account and region; 0 or -1. */
static int parse_scope(const char *path, char *account, size_t an, char *region, size_t rn)
{
	const char *p = strstr(path, "AWSLogs/"), *e;

	if (!p || (p != path && p[-1] != '/'))
		return -1;
	p += 8;
	if (!strncmp(p, "o-", 2) && (e = strchr(p, '/')))
		p = e + 1;
	if (!(e = strchr(p, '/')) || (size_t)(e - p) >= an || e == p ||
	    strspn(p, "0123456789") != (size_t)(e - p))
		return -1;
	snprintf(account, an, "%.*s", (int)(e - p), p);
	p = e + 1;
	if (strncmp(p, "CloudTrail/", 11))
		return -1;
	p += 11;
	if (!(e = strchr(p, '/')) || e[1] || e == p || (size_t)(e - p) >= rn)
		return -1;
	snprintf(region, rn, "%.*s", (int)(e - p), p);
	return 0;
}

static struct scope *scope_of(struct ys_s3poll *p, const char *path, int create)
{
	char account[16], region[32];
	struct scope *s;
	size_t i;

	for (i = 0; i < p->nscopes; i++)
		if (!strcmp(p->scopes[i].path, path))
			return &p->scopes[i];
	if (!create || strlen(path) >= sizeof(s->path) ||
	    parse_scope(path, account, sizeof(account), region, sizeof(region)) ||
	    ys_grow(&p->scopes, &p->capscopes, p->nscopes, sizeof(*p->scopes), 8))
		return NULL;
	s = &p->scopes[p->nscopes++];
	memset(s, 0, sizeof(*s));
	snprintf(s->path, sizeof(s->path), "%s", path);
	snprintf(s->account, sizeof(s->account), "%s", account);
	snprintf(s->region, sizeof(s->region), "%s", region);
	s->newest = -1;
	return s;
}

int ys_s3poll_set_cursor(struct ys_s3poll *p, const char *scope, int64_t newest)
{
	struct scope *s = scope_of(p, scope, 1);

	if (!s)
		return YS_EINVAL;
	if (newest > s->newest)
		s->newest = newest;
	return 0;
}

int ys_s3poll_each_cursor(const struct ys_s3poll *p,
			  int (*fn)(void *ctx, const char *scope, const char *account,
				    int64_t newest),
			  void *ctx)
{
	size_t i;
	int rc;

	for (i = 0; i < p->nscopes; i++)
		if (p->scopes[i].newest >= 0 &&
		    (rc = fn(ctx, p->scopes[i].path, p->scopes[i].account, p->scopes[i].newest)))
			return rc;
	return 0;
}

int ys_s3_list_page(const char *xml, size_t len, const struct ys_s3_page_fns *f, char *token,
		    size_t tn, struct ys_error *err)
{
	struct ys_xdoc *doc;
	const struct ys_xnode *root, *c, *k;
	char key[1024], when[40];
	int rc = 0, truncated = 0;

	*token = 0;
	if ((rc = ys_xml_parse(xml, len, &doc, err)))
		return rc;
	root = ys_xml_root(doc);
	for (c = root ? root->child : NULL; c && !rc; c = c->next) {
		const char *name = ys_xml_local(c->name);

		if (!strcmp(name, "IsTruncated")) {
			truncated = c->textlen == 4 && !memcmp(c->text, "true", 4);
		} else if (!strcmp(name, "NextContinuationToken")) {
			snprintf(token, tn, "%.*s", (int)c->textlen, c->text);
		} else if (!strcmp(name, "CommonPrefixes") && f->dir && (k = ys_xml_child(c, "Prefix"))) {
			snprintf(key, sizeof(key), "%.*s", (int)k->textlen, k->text);
			rc = f->dir(f->ctx, key);
		} else if (!strcmp(name, "Contents") && f->obj && (k = ys_xml_child(c, "Key"))) {
			const struct ys_xnode *sz = ys_xml_child(c, "Size"), *lm = ys_xml_child(c, "LastModified");
			int64_t t;

			snprintf(key, sizeof(key), "%.*s", (int)k->textlen, k->text);
			snprintf(when, sizeof(when), "%.*s", lm ? (int)lm->textlen : 0, lm ? lm->text : "");
			t = ys_time_parse(when);
			rc = f->obj(f->ctx, key, sz ? strtoll(sz->text, NULL, 10) : -1,
				    t < 0 ? 0 : t * 1000000000);
		}
	}
	ys_xml_free(doc);
	if (!truncated)
		*token = 0;
	return rc;
}

/* ListObjectsV2 under prefix (with delimiter "/" when dirs are wanted), every page. */
static int list(struct ys_s3poll *p, const char *prefix, const char *start_after,
		const struct ys_s3_page_fns *f, struct ys_error *err)
{
	struct ys_http_response resp = {0, STRBUF_INIT};
	struct ys_aws_param params[5];
	char token[1024] = "", res[600];
	size_t np;
	int rc = 0;

	snprintf(res, sizeof(res), "arn:aws:s3:::%s", p->bucket);
	do {
		np = 0;
		params[np++] = (struct ys_aws_param){"Bucket", p->bucket};
		params[np++] = (struct ys_aws_param){"Prefix", prefix};
		if (f->dir)
			params[np++] = (struct ys_aws_param){"Delimiter", "/"};
		if (*token)
			params[np++] = (struct ys_aws_param){"ContinuationToken", token};
		else if (start_after && *start_after)
			params[np++] = (struct ys_aws_param){"StartAfter", start_after};
		if ((rc = ys_aws_call(&p->target, p->list, params, np, "s3:ListBucket", res, &resp, err)))
			break;
		rc = ys_s3_list_page(resp.body.buf, resp.body.len, f, token, sizeof(token), err);
	} while (!rc && *token);
	strbuf_release(&resp.body);
	return rc;
}

/* Discovery: AWSLogs/ holds accounts and o-… folders; an account holds CloudTrail/, which holds
 * the regions. */
struct discover {
	struct ys_s3poll *p;
	struct ys_error *err;
	int depth; /* 0: under AWSLogs/, 1: under o-…/, 2: under CloudTrail/ */
};

static int found_dir(void *ctx, const char *prefix)
{
	struct discover *d = ctx, deeper = *d;
	const char *last = prefix + strlen(prefix) - 1, *name = last;
	char sub[600];

	while (name > prefix && name[-1] != '/')
		name--;
	if (d->depth == 2) {
		scope_of(d->p, prefix, 1); /* a region */
		return 0;
	}
	if (d->depth == 0 && !strncmp(name, "o-", 2)) {
		deeper.depth = 1;
		return list(d->p, prefix, NULL, &(struct ys_s3_page_fns){found_dir, NULL, &deeper}, d->err);
	}
	snprintf(sub, sizeof(sub), "%sCloudTrail/", prefix);
	deeper.depth = 2;
	return list(d->p, sub, NULL, &(struct ys_s3_page_fns){found_dir, NULL, &deeper}, d->err);
}

/* A poll's new files, from every region, read in delivery order so that records of different
 * regions reach the detectors roughly in time order (as local folders are read). */
struct pending {
	char *key;
	int64_t size, mtime, time;
	size_t scope;
};

struct region_read {
	struct ys_s3poll *p;
	size_t scope;
	ys_s3poll_known_fn known;
	void *ctx;
	struct pending *v;
	size_t n, cap;
};

static void moved(struct ys_s3poll *p, size_t scope, int64_t t)
{
	if (t > p->scopes[scope].newest)
		p->scopes[scope].newest = t;
}

static int found_object(void *ctx, const char *key, int64_t size, int64_t mtime)
{
	struct region_read *r = ctx;
	struct ys_tobj o;
	struct ys_s3obj obj = {key, size, mtime, 0, r->p->scopes[r->scope].path};
	int rc;

	if (ys_tkey_parse(key, &o) || o.kind != YS_TOBJ_LOG)
		return 0; /* not a log file (a folder marker, a stray object) */
	obj.time = o.time;
	if ((rc = r->known(r->ctx, &obj)) < 0)
		return rc;
	if (rc) {
		moved(r->p, r->scope, o.time);
		return 0;
	}
	if (ys_grow(&r->v, &r->cap, r->n, sizeof(*r->v), 64) || !(r->v[r->n].key = strdup(key)))
		return YS_ENOMEM;
	r->v[r->n].size = size;
	r->v[r->n].mtime = mtime;
	r->v[r->n].time = o.time;
	r->v[r->n].scope = r->scope;
	r->n++;
	return 0;
}

static int by_delivery(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	return x->time < y->time ? -1 : x->time > y->time ? 1 : strcmp(x->key, y->key);
}

/* Each new file fetched and handed over, oldest first (many in flight); one that cannot be
 * fetched is reported and left for the next poll (its region's cursor stops before it). */
struct handing {
	struct ys_s3poll *p;
	struct region_read *r;
	ys_s3poll_object_fn object;
	ys_s3poll_problem_fn problem;
	void *ctx;
	int64_t *held;
};

static int handed(void *vc, size_t i, const struct ys_fetched *got, const struct ys_error *err)
{
	struct handing *h = vc;
	struct pending *f = &h->r->v[i];
	struct ys_s3obj obj = {f->key, f->size, f->mtime, f->time, h->p->scopes[f->scope].path};
	int rc;

	if (got->fd < 0) {
		h->problem(h->ctx, err->msg);
		if (f->time < h->held[f->scope])
			h->held[f->scope] = f->time;
		return 0;
	}
	/* 1: not this worker's (its account given back while the poll read it): held back too */
	if ((rc = h->object(h->ctx, &obj, got->fd)) == 1 && f->time < h->held[f->scope])
		h->held[f->scope] = f->time;
	else if (rc == 0 && f->time < h->held[f->scope])
		moved(h->p, f->scope, f->time);
	return rc < 0 ? rc : 0;
}

static int read_all(struct ys_s3poll *p, struct region_read *r, ys_s3poll_object_fn object,
		    ys_s3poll_problem_fn problem, void *ctx)
{
	int64_t *held = calloc(p->nscopes + 1, sizeof(*held));
	const char **keys = calloc(r->n + 1, sizeof(*keys));
	struct ys_fetch_opts fo = {p->get, p->bucket, p->region, p->o.endpoint, p->o.creds,
				   p->o.timeout_ms, p->o.jobs};
	struct handing h = {p, r, object, problem, ctx, held};
	size_t i;
	int rc;

	if (!held || !keys) {
		free(held);
		free(keys);
		return YS_ENOMEM;
	}
	for (i = 0; i < p->nscopes; i++)
		held[i] = INT64_MAX;
	if (r->n)
		qsort(r->v, r->n, sizeof(*r->v), by_delivery);
	for (i = 0; i < r->n; i++)
		keys[i] = r->v[i].key;
	rc = ys_fetch_all(&fo, keys, r->n, handed, &h);
	/* a region's cursor never passes a file that could not be fetched */
	for (i = 0; i < r->n; i++)
		if (held[r->v[i].scope] == INT64_MAX)
			moved(p, r->v[i].scope, r->v[i].time);
	free(held);
	free(keys);
	return rc < 0 ? rc : 0;
}

/* Where a region's listing starts: its files named from `from` on. */
static void start_after(const struct scope *s, int64_t from, char *out, size_t n)
{
	time_t t = (time_t)(from < 0 ? 0 : from);
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, n, "%s%04d/%02d/%02d/%s_CloudTrail_%s_%04d%02d%02dT%02d%02dZ", s->path,
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, s->account, s->region,
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}

/* The accounts discovery found, each once (NULL when out of memory; *n of them). */
static const char **accounts_of(const struct ys_s3poll *p, size_t *n)
{
	const char **v = calloc(p->nscopes + 1, sizeof(*v));
	size_t i, j;

	*n = 0;
	if (!v)
		return NULL;
	for (i = 0; i < p->nscopes; i++) {
		for (j = 0; j < *n && strcmp(v[j], p->scopes[i].account); j++)
			;
		if (j == *n)
			v[(*n)++] = p->scopes[i].account;
	}
	return v;
}

/* Where an account's regions stand (the oldest of them; INT64_MAX: none read): an account a
 * worker takes from another is no new account, and starts where its own regions stand (or at
 * --since), not where this worker's other accounts do. */
static int64_t oldest_of(const struct ys_s3poll *p, const char *account)
{
	int64_t oldest = INT64_MAX;
	size_t i;

	for (i = 0; i < p->nscopes; i++)
		if (!strcmp(p->scopes[i].account, account) && p->scopes[i].newest >= 0 &&
		    p->scopes[i].newest < oldest)
			oldest = p->scopes[i].newest;
	return oldest;
}

/* The region folders of account (NULL: every one) listed from where each was read up to, and
 * the new files read. */
static int read_scopes(struct ys_s3poll *p, const char *account, int64_t oldest,
		       struct region_read *r, ys_s3poll_object_fn object,
		       ys_s3poll_problem_fn problem, void *ctx, struct ys_error *err)
{
	char after[700];
	size_t i;
	int rc = 0;

	for (i = 0; i < p->nscopes && rc != YS_ENOMEM; i++) {
		struct scope *s = &p->scopes[i];
		struct ys_error e = {0};

		if (account && strcmp(s->account, account))
			continue;
		r->scope = i;
		start_after(s, s->newest >= 0 ? s->newest - p->o.lag
			       : oldest != INT64_MAX ? oldest - p->o.lag : p->o.since,
			    after, sizeof(after));
		rc = list(p, s->path, after, &(struct ys_s3_page_fns){NULL, found_object, r}, &e);
		if (rc == YS_EIO || rc == YS_EPARSE)
			problem(ctx, e.msg); /* the next region, and this one at the next poll */
		else if (rc)
			ys_error_set(err, rc, "%s", e.msg[0] ? e.msg : "out of memory");
	}
	if (rc != YS_ENOMEM && (rc = read_all(p, r, object, problem, ctx)))
		ys_error_set(err, rc, "out of memory");
	for (i = 0; i < r->n; i++)
		free(r->v[i].key);
	r->n = 0;
	return rc == YS_EIO || rc == YS_EPARSE ? 0 : rc;
}

int ys_s3poll_once(struct ys_s3poll *p, ys_s3poll_known_fn known, ys_s3poll_object_fn object,
		   ys_s3poll_problem_fn problem, void *ctx, struct ys_error *err)
{
	struct discover d = {p, err, 0};
	struct region_read r = {p, 0, known, ctx, NULL, 0, 0};
	const char **accounts;
	char root[600];
	int64_t oldest = INT64_MAX;
	size_t i, n;
	int rc = 0;

	snprintf(root, sizeof(root), "%s%sAWSLogs/", p->prefix, *p->prefix ? "/" : "");
	if ((rc = list(p, root, NULL, &(struct ys_s3_page_fns){found_dir, NULL, &d}, err)))
		return rc;
	/* a region that appears while others are read starts where they stand */
	for (i = 0; i < p->nscopes; i++)
		if (p->scopes[i].newest >= 0 && p->scopes[i].newest < oldest)
			oldest = p->scopes[i].newest;
	if (!p->o.share) {
		rc = read_scopes(p, NULL, oldest, &r, object, problem, ctx, err);
		free(r.v);
		return rc;
	}
	/* workers: an account at a time, each after a round, so that a worker that joins gets its
	 * share while the others read a backlog */
	if (!(accounts = accounts_of(p, &n)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < n && !rc; i++) {
		/* the accounts made known in the first round; a round that fails is said, and the
		 * leases held go on */
		p->o.share(ctx, accounts, i ? 0 : n);
		if (p->o.holds(ctx, accounts[i]))
			rc = read_scopes(p, accounts[i], oldest_of(p, accounts[i]), &r, object, problem,
					 ctx, err);
	}
	free(accounts);
	free(r.v);
	return rc;
}
