/* file.h: reading a whole (bounded) file into memory */
#ifndef YS_FILE_H
#define YS_FILE_H

#include <stddef.h>
#include "err.h"

/* Reads path ("-" for stdin) into a malloc'd, NUL-terminated buffer of at most max bytes. */
int ys_read_file(const char *path, size_t max, char **out, size_t *len, struct ys_error *err);

/* The same for name under the folder dirfd (AT_FDCWD: the current one); messages name it shown.
 * A name that is not there fails with YS_ENOTFOUND. */
int ys_read_fileat(int dirfd, const char *name, const char *shown, size_t max, char **out,
		   size_t *len, struct ys_error *err);

#endif
