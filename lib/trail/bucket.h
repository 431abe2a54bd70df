/* bucket.h: a local copy of a CloudTrail bucket (what `aws s3 sync s3://bucket DIR` writes): the
 * log and digest files found in it, each named by its S3 key and read from the key's parts
 * ([prefix/]AWSLogs/[org/]account/CloudTrail[-Digest]/region/yyyy/mm/dd/file.json.gz) */
#ifndef YS_TRAIL_BUCKET_H
#define YS_TRAIL_BUCKET_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"

enum ys_tobj_kind { YS_TOBJ_LOG, YS_TOBJ_DIGEST };

struct ys_tobj {
	char *key; /* the path under the copy's root, '/'-separated: the object's S3 key */
	enum ys_tobj_kind kind;
	char account[16], region[32], home[32]; /* home: the trail's home region (digests) */
	char trail[160];			/* digests only */
	int64_t time;				/* from the file name: delivery (logs), end (digests) */
	unsigned listed : 1;			/* logs: named by a digest that was read */
};

struct ys_tbucket {
	struct ys_tobj *objs; /* sorted by key */
	size_t n;
	size_t skipped; /* files under AWSLogs/ that are neither (Insights, other names) */
};

/* Walks root (at most 32 folders deep) and keeps the CloudTrail log and digest files. A folder
 * that cannot be read fails with YS_EIO naming it. */
int ys_tbucket_scan(const char *root, struct ys_tbucket *b, struct ys_error *err);
void ys_tbucket_release(struct ys_tbucket *b);
/* The object with this key, or NULL. */
struct ys_tobj *ys_tbucket_find(const struct ys_tbucket *b, const char *key);

/* Reads a key's parts into o (kind, account, region, trail, time). 0, or -1 when the key is
 * not a CloudTrail log or digest file. */
int ys_tkey_parse(const char *key, struct ys_tobj *o);

#endif
