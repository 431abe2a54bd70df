/* verify.c: checking a trail bucket's copy: digests (place, signature, chain), then log files */
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "verify.h"
#include "verify-impl.h"
#include "../base/bytes.h"
#include "../base/grow.h"
#include "../base/hash.h"
#include "../base/isotime.h"
#include "../banned.h"

static const char *const names[] = {"valid", "modified", "deleted", "moved", "unsigned", "no-key",
				    "invalid", "unchained", "unverified", "pending", "uncovered",
				    "elsewhere"};

const char *ys_vstatus_name(enum ys_vstatus s)
{
	return names[s];
}

int ys_vstatus_bad(enum ys_vstatus s)
{
	return s != YS_V_VALID && s != YS_V_PENDING && s != YS_V_UNCOVERED && s != YS_V_ELSEWHERE;
}

/* the file name of a key, for short mentions */
const char *vbase(const char *key)
{
	const char *s = strrchr(key, '/');

	return s ? s + 1 : key;
}

int vitem_add(struct ys_vresult *r, enum ys_tobj_kind kind, enum ys_vstatus st, const char *key,
	      char *why, const char *digest, int64_t time, int64_t order)
{
	struct ys_vitem *it;

	if (ys_grow(&r->items, &r->cap, r->n, sizeof(*r->items), 64)) {
		free(why);
		return YS_ENOMEM;
	}
	it = &r->items[r->n];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->status = st;
	it->time = time;
	it->order = order;
	if (!(it->key = strdup(key)) || (digest && !(it->digest = strdup(digest)))) {
		free(it->key);
		free(why);
		return YS_ENOMEM;
	}
	it->why = why;
	r->count[kind][st]++;
	r->n++;
	return 0;
}

int vopen_gzip(const char *path, struct ys_bytes **b, struct ys_error *err)
{
	int rc;

	if ((rc = ys_bytes_open(b, path, err)))
		return errno == ENOENT ? YS_ENOTFOUND : rc;
	if (!ys_bytes_is_gzip(*b)) {
		ys_bytes_close(*b);
		return ys_error_set(err, YS_EPARSE, "not gzip");
	}
	return 0;
}

/* SHA-256 of a log file's unzipped bytes: 0, YS_ENOTFOUND, or YS_EPARSE with the reason */
static int log_hash(const char *root, const char *key, char hex[65], struct ys_error *err)
{
	char path[4096], *buf;
	struct ys_bytes *b;
	EVP_MD_CTX *md;
	unsigned char sum[32];
	unsigned int len;
	ssize_t n;
	int rc;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", root, key) >= sizeof(path))
		return ys_error_set(err, YS_EPARSE, "the path is too long");
	if ((rc = vopen_gzip(path, &b, err)))
		return rc;
	if (!(buf = malloc(1 << 16)) || !(md = EVP_MD_CTX_new())) {
		free(buf);
		ys_bytes_close(b);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	while ((n = ys_bytes_read(b, buf, 1 << 16, err)) > 0)
		EVP_DigestUpdate(md, buf, (size_t)n);
	EVP_DigestFinal_ex(md, sum, &len);
	EVP_MD_CTX_free(md);
	free(buf);
	ys_bytes_close(b);
	if (n < 0)
		return YS_EPARSE;
	ys_hex(sum, 32, hex);
	return 0;
}

/* One log file a digest lists: its hash against the listed one. */
static int check_log(const struct ys_vopts *o, struct ys_tbucket *b, struct ys_vresult *r,
		     const struct vdig *g, const struct ys_digest_log *l)
{
	struct ys_error err = {0};
	struct ys_tobj *obj = ys_tbucket_find(b, l->object), parsed;
	char hex[65];
	int64_t t = obj ? obj->time : (ys_tkey_parse(l->object, &parsed) ? g->end : parsed.time);
	int rc, same;
	enum ys_vstatus st;
	char *why = NULL;

	if (obj)
		obj->listed = 1;
	if (l->bucket && strcmp(l->bucket, o->bucket))
		return vitem_add(r, YS_TOBJ_LOG, YS_V_ELSEWHERE, l->object,
				 strbuf_fmt("in bucket %s, not this copy's", l->bucket), g->obj->key, t, g->obj->time);
	rc = log_hash(o->root, l->object, hex, &err);
	ys_meter_also(o->meter, 1, 0);
	if (rc == YS_ENOMEM)
		return rc;
	same = !rc && !strcasecmp(hex, l->hash);
	if (g->status != YS_V_VALID && g->status != YS_V_UNCHAINED) {
		st = YS_V_UNVERIFIED;
		why = strbuf_fmt("its digest is %s; the file %s", ys_vstatus_name(g->status), rc == YS_ENOTFOUND ? "is not in the copy"
					     : rc ? "cannot be read" : same ? "has the hash it lists" : "does not have the hash it lists");
	} else if (rc == YS_ENOTFOUND) {
		st = YS_V_DELETED;
		why = strbuf_fmt("listed by %s, not in the copy", vbase(g->obj->key));
	} else if (rc) {
		st = YS_V_INVALID;
		why = strbuf_fmt("%s", err.msg);
	} else if (!same) {
		st = YS_V_MODIFIED;
		why = strbuf_fmt("its SHA-256 differs from the one %s lists", vbase(g->obj->key));
	} else {
		st = YS_V_VALID;
	}
	return vitem_add(r, YS_TOBJ_LOG, st, l->object, why, g->obj->key, t, g->obj->time);
}

int vcheck_logs(const struct ys_vopts *o, struct ys_tbucket *b, struct ys_vresult *r,
		const struct vdig *g)
{
	size_t i;
	int rc = 0;

	for (i = 0; g->parsed && i < g->d.nlogs && !rc; i++)
		rc = check_log(o, b, r, g, &g->d.logs[i]);
	return rc;
}

static int by_sort(const void *a, const void *b)
{
	const struct ys_vitem *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind == YS_TOBJ_DIGEST ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* the bucket the newest readable digest names */
static void guess_bucket(const struct ys_vopts *o, const struct ys_tbucket *b, struct ys_vresult *r)
{
	size_t i = b->n;

	while (i-- > 0 && !r->bucket[0]) {
		struct vdig g = {.obj = &b->objs[i]};

		if (g.obj->kind != YS_TOBJ_DIGEST || (o->account && strcmp(o->account, g.obj->account)))
			continue;
		if (!vdig_read(o->root, &g) && strlen(g.d.bucket) < sizeof(r->bucket))
			memcpy(r->bucket, g.d.bucket, strlen(g.d.bucket) + 1);
		vdig_release(&g);
	}
	r->bucket_guessed = 1;
}

int ys_trail_verify(const struct ys_vopts *opts, const struct ys_pubkeys *keys,
		    struct ys_vresult *r, struct ys_error *err)
{
	struct ys_vopts copy = *opts, *o = &copy;
	struct ys_tbucket b;
	size_t i, from;
	int rc;

	memset(r, 0, sizeof(*r));
	ys_meter_phase(o->meter, "listing the copy", NULL, 0, NULL);
	if ((rc = ys_tbucket_scan(o->root, &b, err)))
		return rc;
	r->skipped = b.skipped;
	for (i = 0; i < b.n; i++)
		r->logs += b.objs[i].kind == YS_TOBJ_LOG;
	if (o->bucket && strlen(o->bucket) < sizeof(r->bucket))
		memcpy(r->bucket, o->bucket, strlen(o->bucket) + 1);
	else
		guess_bucket(o, &b, r);
	o->bucket = r->bucket;
	for (i = 0; i < b.n && !rc; i++) {
		struct ys_tobj *d = &b.objs[i];
		int64_t lo = o->since, hi = o->until;

		if (d->kind != YS_TOBJ_DIGEST || (o->account && strcmp(o->account, d->account)))
			continue;
		if ((lo >= 0 && d->time < lo) || (hi >= 0 && d->time > hi + 3600))
			continue;
		rc = vstream_add(r, d);
	}
	if (o->meter) {
		size_t n = 0;

		for (i = 0; i < r->nstreams; i++)
			n += r->streams[i].digests;
		ys_meter_phase(o->meter, "verifying digests", "digests", n, "log files");
	}
	/* each trail's digests, then the log files in no digest */
	for (i = 0; i < r->nstreams && !rc; i++) {
		from = r->n;
		rc = vstream_check(o, keys, &b, r, &r->streams[i]);
		if (!rc && r->n > from)
			qsort(r->items + from, r->n - from, sizeof(*r->items), by_sort);
	}
	if (!rc) {
		from = r->n;
		rc = vunsigned_logs(o, &b, r);
		if (!rc && r->n > from)
			qsort(r->items + from, r->n - from, sizeof(*r->items), by_sort);
	}
	ys_tbucket_release(&b);
	if (rc) {
		ys_vresult_release(r);
		return ys_error_set(err, rc, "out of memory");
	}
	return 0;
}

void ys_vresult_release(struct ys_vresult *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->items[i].key);
		free(r->items[i].why);
		free(r->items[i].digest);
	}
	free(r->items);
	free(r->gaps);
	free(r->streams);
	memset(r, 0, sizeof(*r));
}
