/* verify-chain.c: one trail's digests: read, placed, signed, and linked to the previous one */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "verify-impl.h"
#include "../base/bytes.h"
#include "../base/file.h"
#include "../base/grow.h"
#include "../base/isotime.h"
#include "../base/strbuf.h"
#include "../json/jread.h"
#include "../banned.h"

#define DIGEST_MAX (64u << 20)

static int same_stream(const struct ys_vstream *s, const struct ys_tobj *d)
{
	return !strcmp(s->account, d->account) && !strcmp(s->region, d->region) &&
	       !strcmp(s->home, d->home) && !strcmp(s->trail, d->trail);
}

int vstream_add(struct ys_vresult *r, const struct ys_tobj *d)
{
	struct ys_vstream *s;
	size_t i;

	for (i = 0; i < r->nstreams; i++)
		if (same_stream(&r->streams[i], d)) {
			r->streams[i].digests++;
			return 0;
		}
	if (ys_grow(&r->streams, &r->scap, r->nstreams, sizeof(*r->streams), 4))
		return YS_ENOMEM;
	s = &r->streams[r->nstreams++];
	memset(s, 0, sizeof(*s));
	memcpy(s->account, d->account, sizeof(s->account));
	memcpy(s->region, d->region, sizeof(s->region));
	memcpy(s->home, d->home, sizeof(s->home));
	memcpy(s->trail, d->trail, sizeof(s->trail));
	s->digests = 1;
	s->first = s->last = -1;
	return 0;
}

/* the whole unzipped file, or NULL with the reason in err */
static char *unzip(const char *path, size_t *len, struct ys_error *err)
{
	struct ys_bytes *b;
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	ssize_t n;

	if (vopen_gzip(path, &b, err))
		return NULL;
	while ((n = ys_bytes_read(b, buf, sizeof(buf), err)) > 0 && sb.len <= DIGEST_MAX)
		strbuf_add(&sb, buf, (size_t)n);
	ys_bytes_close(b);
	if (n < 0 || sb.len > DIGEST_MAX) {
		if (n >= 0)
			ys_error_set(err, YS_EPARSE, "larger than %u MB unzipped", DIGEST_MAX >> 20);
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb, len);
}

/* the signature in the object's metadata, as `aws s3api head-object` prints it beside the copy */
static enum ys_vstatus read_signature(const struct ys_vopts *o, struct vdig *g)
{
	struct ys_error err = {0};
	struct ys_jdoc *doc;
	const struct ys_jval *meta;
	const char *sig, *alg;
	char path[4200], *text;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s.head.json", o->root, g->obj->key);
	if (ys_read_file(path, 1 << 20, &text, &len, &err)) {
		g->why = strbuf_fmt("no signature: %s.head.json (the object's metadata) is not in the copy",
			      vbase(g->obj->key));
		return YS_V_UNSIGNED;
	}
	if (ys_json_parse(text, len, &doc, &err)) {
		free(text);
		g->why = strbuf_fmt("%s.head.json: %s", vbase(g->obj->key), err.msg);
		return YS_V_INVALID;
	}
	free(text);
	meta = ys_json_get(ys_jdoc_root(doc), "Metadata");
	sig = ys_json_str(ys_json_get(meta, "signature"));
	alg = ys_json_str(ys_json_get(meta, "signature-algorithm"));
	if (!sig || !alg) {
		g->why = strbuf_fmt("no signature: its metadata has no %s", sig ? "signature-algorithm" : "signature");
		ys_jdoc_free(doc);
		return YS_V_UNSIGNED;
	}
	if (strcmp(alg, "SHA256withRSA")) {
		g->why = strbuf_fmt("signed with %s, not SHA256withRSA", alg);
		ys_jdoc_free(doc);
		return YS_V_INVALID;
	}
	g->signature = strbuf_fmt("%s", sig);
	ys_jdoc_free(doc);
	return g->signature ? YS_V_VALID : YS_V_INVALID;
}

enum ys_vstatus vdig_read(const char *root, struct vdig *g)
{
	struct ys_error err = {0};
	char path[4200];

	snprintf(path, sizeof(path), "%s/%s", root, g->obj->key);
	if (!(g->text = unzip(path, &g->len, &err))) {
		g->why = strbuf_fmt("%s", err.msg);
		return YS_V_INVALID;
	}
	if (ys_digest_parse(g->text, g->len, &g->d, &err)) {
		g->why = strbuf_fmt("not a digest: %s", err.msg);
		return YS_V_INVALID;
	}
	g->parsed = 1;
	return YS_V_VALID;
}

void vdig_release(struct vdig *g)
{
	free(g->why);
	free(g->signature);
	if (g->parsed)
		ys_digest_release(&g->d);
	free(g->text);
	memset(g, 0, sizeof(*g));
}

static enum ys_vstatus load(const struct ys_vopts *o, const struct ys_pubkeys *keys, struct vdig *g)
{
	struct ys_error err = {0};
	struct strbuf sts = STRBUF_INIT;
	const struct ys_pubkey *k;
	enum ys_vstatus st;
	int ok;

	if ((st = vdig_read(o->root, g)) != YS_V_VALID)
		return st;
	g->start = g->d.start ? ys_time_parse(g->d.start) : -1;
	g->end = ys_time_parse(g->d.end);
	if (g->end < 0 || g->start < 0 || !g->d.fingerprint) {
		g->why = strbuf_fmt("not a digest: %s", g->end < 0 || g->start < 0 ? "its times cannot be read"
							    : "no digestPublicKeyFingerprint");
		g->end = g->obj->time;
		g->start = g->end - 3600;
		return YS_V_INVALID;
	}
	if (strcmp(g->d.bucket, o->bucket) || strcmp(g->d.object, g->obj->key)) {
		g->why = strbuf_fmt("it names s3://%s/%s as its place", g->d.bucket, g->d.object);
		return YS_V_MOVED;
	}
	if (g->d.account && strcmp(g->d.account, g->obj->account)) {
		g->why = strbuf_fmt("it is account %s's digest, in account %s's folder", g->d.account,
			      g->obj->account);
		return YS_V_MOVED;
	}
	if ((st = read_signature(o, g)) != YS_V_VALID)
		return st;
	if (!(k = ys_pubkeys_find(keys, g->d.fingerprint))) {
		g->why = strbuf_fmt("no public key with fingerprint %s (give the keys of region %s for its time)",
			      g->d.fingerprint, g->obj->home);
		return YS_V_NOKEY;
	}
	ys_digest_string_to_sign(&g->d, g->text, g->len, &sts);
	ok = ys_digest_verify(sts.buf, sts.len, g->signature, k->der, k->len, &err);
	strbuf_release(&sts);
	if (ok < 0) {
		g->why = strbuf_fmt("%s", err.msg);
		return YS_V_INVALID;
	}
	if (!ok)
		g->why = strbuf_fmt("its signature does not match: changed after CloudTrail signed it");
	return ok ? YS_V_VALID : YS_V_MODIFIED;
}

static int by_time(const void *a, const void *b)
{
	const struct vdig *x = a, *y = b;

	if (x->obj->time != y->obj->time)
		return x->obj->time < y->obj->time ? -1 : 1;
	return strcmp(x->obj->key, y->obj->key);
}

static struct vdig *find(struct vdig *g, size_t m, const char *key)
{
	size_t i;

	for (i = 0; i < m; i++)
		if (!strcmp(g[i].obj->key, key))
			return &g[i];
	return NULL;
}

static int add_gap(struct ys_vresult *r, const struct ys_vstream *s, int64_t from, int64_t to)
{
	struct ys_vgap *gp;

	if (ys_grow(&r->gaps, &r->gcap, r->ngaps, sizeof(*r->gaps), 4))
		return YS_ENOMEM;
	gp = &r->gaps[r->ngaps++];
	memcpy(gp->account, s->account, sizeof(gp->account));
	memcpy(gp->region, s->region, sizeof(gp->region));
	memcpy(gp->trail, s->trail, sizeof(gp->trail));
	gp->from = from;
	gp->to = to;
	return 0;
}

/* the previous digest g names: deleted, elsewhere, or the one it was chained to */
static int link(const struct ys_vopts *o, struct ys_tbucket *b, struct ys_vresult *r,
		const struct ys_vstream *s, struct vdig *all, size_t m, size_t i)
{
	struct vdig *g = &all[i], *p;
	const char *prev = g->d.prev_object;
	struct ys_tobj t;
	int64_t when;

	if (!prev) {
		/* a chain starts here: the hours since the digest before it have none */
		return i > 0 ? add_gap(r, s, all[i - 1].end, g->start) : 0;
	}
	when = ys_tkey_parse(prev, &t) ? g->start : t.time;
	if (g->d.prev_bucket && strcmp(g->d.prev_bucket, o->bucket))
		return vitem_add(r, YS_TOBJ_DIGEST, YS_V_ELSEWHERE, prev,
				 strbuf_fmt("the digest before %s, in bucket %s: not checked", vbase(g->obj->key),
				      g->d.prev_bucket), NULL, when, when);
	if (!(p = find(all, m, prev))) {
		if (ys_tbucket_find(b, prev) || (o->since >= 0 && when < o->since))
			return 0; /* there, but outside the times asked for */
		return vitem_add(r, YS_TOBJ_DIGEST, YS_V_DELETED, prev,
				 strbuf_fmt("named by %s as the digest before it, not in the copy",
				      vbase(g->obj->key)), NULL, when, when);
	}
	p->named = 1;
	if (p->status == YS_V_VALID && g->d.prev_signature &&
	    strcasecmp(g->d.prev_signature, p->signature)) {
		p->status = YS_V_MODIFIED;
		p->why = strbuf_fmt("not the digest %s was chained to: the signatures differ", vbase(g->obj->key));
	}
	return 0;
}

static int emit(struct ys_vresult *r, struct vdig *g)
{
	char *why = g->why;

	g->why = NULL;
	/* where it is, which is when it was delivered unless it was moved */
	return vitem_add(r, YS_TOBJ_DIGEST, g->status, g->obj->key, why, NULL, g->obj->time,
			 g->obj->time);
}

int vstream_check(const struct ys_vopts *o, const struct ys_pubkeys *keys, struct ys_tbucket *b,
		  struct ys_vresult *r, struct ys_vstream *s)
{
	struct vdig *g = calloc(s->digests, sizeof(*g));
	size_t m = 0, i;
	int rc = 0;

	if (!g)
		return YS_ENOMEM;
	for (i = 0; i < b->n && m < s->digests; i++) {
		struct ys_tobj *d = &b->objs[i];

		if (d->kind != YS_TOBJ_DIGEST || !same_stream(s, d))
			continue;
		if ((o->since >= 0 && d->time < o->since) || (o->until >= 0 && d->time > o->until + 3600))
			continue;
		g[m].obj = d;
		g[m].end = d->time;
		g[m].start = d->time - 3600;
		m++;
	}
	qsort(g, m, sizeof(*g), by_time);
	for (i = 0; i < m; i++) {
		g[i].status = load(o, keys, &g[i]);
		if (s->first < 0 || g[i].start < s->first)
			s->first = g[i].start;
		if (g[i].end > s->last)
			s->last = g[i].end;
	}
	for (i = m; i-- > 0 && !rc;)
		if (g[i].status == YS_V_VALID && g[i].parsed)
			rc = link(o, b, r, s, g, m, i);
	/* a valid digest no later one names, while the next one links past it to one in the copy */
	for (i = 0; i + 1 < m; i++)
		if (g[i].status == YS_V_VALID && !g[i].named && g[i + 1].status == YS_V_VALID &&
		    g[i + 1].d.prev_object && find(g, m, g[i + 1].d.prev_object)) {
			g[i].status = YS_V_UNCHAINED;
			g[i].why = strbuf_fmt("no later digest names it: %s links to %s", vbase(g[i + 1].obj->key),
					vbase(g[i + 1].d.prev_object));
		}
	for (i = 0; i < m && !rc; i++) {
		if (!(rc = emit(r, &g[i])))
			rc = vcheck_logs(o, b, r, &g[i]);
		ys_meter_add(o->meter, 1, 0);
	}
	for (i = 0; i < m; i++)
		vdig_release(&g[i]);
	free(g);
	return rc;
}
