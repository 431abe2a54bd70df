/* verify-impl.h: what verify.c, verify-chain.c and verify-unsigned.c share (not a public API) */
#ifndef YS_TRAIL_VERIFY_IMPL_H
#define YS_TRAIL_VERIFY_IMPL_H

#include "digest.h"
#include "../base/strbuf.h"
#include "verify.h"

/* A digest file of one trail, read and checked. */
struct vdig {
	struct ys_tobj *obj;
	struct ys_digest d;
	char *text; /* the unzipped digest d points into */
	size_t len;
	int parsed;
	char *signature; /* from the object's metadata (<key>.head.json) */
	enum ys_vstatus status;
	char *why;
	int named; /* a later digest names it as its previous one */
	int64_t start, end;
};

/* Opens a file CloudTrail wrote: it must be gzip. 0; YS_ENOTFOUND when it is not there; else an
 * error with the reason ("not gzip") in err. */
struct ys_bytes;
int vopen_gzip(const char *path, struct ys_bytes **b, struct ys_error *err);
/* Reads g->obj's file (unzipped) and parses it: 0, or a status with g->why set. */
enum ys_vstatus vdig_read(const char *root, struct vdig *g);
void vdig_release(struct vdig *g);

const char *vbase(const char *key);
/* Adds an item (why: malloc'd, taken). YS_ENOMEM or 0. */
int vitem_add(struct ys_vresult *r, enum ys_tobj_kind kind, enum ys_vstatus st, const char *key,
	      char *why, const char *digest, int64_t time, int64_t order);
/* The trail of digest d, added to r->streams when new. */
int vstream_add(struct ys_vresult *r, const struct ys_tobj *d);
/* Checks one trail's digests and the log files they list. */
int vstream_check(const struct ys_vopts *o, const struct ys_pubkeys *keys, struct ys_tbucket *b,
		  struct ys_vresult *r, struct ys_vstream *s);
/* The log files each digest of g lists. */
int vcheck_logs(const struct ys_vopts *o, struct ys_tbucket *b, struct ys_vresult *r,
		const struct vdig *g);
/* Log files no digest lists, judged against the trails' times. */
int vunsigned_logs(const struct ys_vopts *o, struct ys_tbucket *b, struct ys_vresult *r);

#endif
