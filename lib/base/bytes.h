/* bytes.h: a file's bytes, decompressed when it is gzip (libdeflate for whole files that fit,
 * zlib streaming for the rest), from a path or stdin */
#ifndef YS_BYTES_H
#define YS_BYTES_H

#include <stddef.h>
#include <sys/types.h>
#include "err.h"

struct ys_bytes;

/* Opens path ("-" for stdin). Gzip is recognised by its magic bytes, not by its name. */
int ys_bytes_open(struct ys_bytes **out, const char *path, struct ys_error *err);
/* Reads up to want decompressed bytes: the count, 0 at the end, or a negative ys_err with err
 * naming the file and the compressed byte offset ("truncated gzip stream at byte 4096"). */
ssize_t ys_bytes_read(struct ys_bytes *b, char *buf, size_t want, struct ys_error *err);
/* The same from an open file (a memfd holding an object), read from where it stands; fd stays
 * the caller's (a duplicate is read). name names it in messages. */
int ys_bytes_open_fd(struct ys_bytes **out, int fd, const char *name, struct ys_error *err);
/* b let go of the file it read and opens path, keeping its buffers and decompressor (one file
 * after another on a thread). On failure b stays to be closed, or reopened. */
int ys_bytes_reopen(struct ys_bytes *b, const char *path, struct ys_error *err);
int ys_bytes_is_gzip(const struct ys_bytes *b);
void ys_bytes_close(struct ys_bytes *b);

#endif
