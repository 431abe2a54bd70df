/* s3-public.h: whether a bucket is open to everyone (its policy, its ACL, and the public access
 * blocks that override both), for every check that asks */
#ifndef YS_S3_PUBLIC_H
#define YS_S3_PUBLIC_H

#include <stddef.h>
#include "check-api.h"

enum ys_s3_exposure { YS_S3_PRIVATE, YS_S3_PUBLIC, YS_S3_UNKNOWN };

/* Reads the bucket's files quietly (no finding): why says how it is public, or which file could
 * not be read. */
enum ys_s3_exposure ys_s3_exposure(struct ys_audit *a, const char *bucket, char *why, size_t n);

/* The account's public access block (s3control), all four settings on: 1, off: 0, unknown: -1 */
int ys_s3_account_block(struct ys_audit *a);

#endif
