/* err.h: the one error idiom of lib/: return 0 or a negative enum ys_err, message in struct ys_error */
#ifndef YS_ERR_H
#define YS_ERR_H

#include <stddef.h>

enum ys_err {
	YS_OK = 0,
	YS_ENOMEM = -1,	 /* out of memory */
	YS_EIO = -2,	 /* a file or stream could not be read or written */
	YS_EPARSE = -3,	 /* input is malformed */
	YS_EINVAL = -4,	 /* a caller passed something unusable */
	YS_ENOTFOUND = -5, /* a named thing does not exist */
	YS_EUNSUP = -6,	 /* valid but not supported */
	YS_ESTOP = -7,	 /* a callback asked to stop */
	YS_EREFUSED = -8, /* a service refused the request (access denied, ...) */
};

/* A message for the user: lower-case, no full stop, subject in quotes. */
struct ys_error {
	int code;
	char msg[512];
};

/* Records the message (printf-style) and returns code, so callers write `return ys_error_set(...)`. */
int ys_error_set(struct ys_error *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ys_error_clear(struct ys_error *e);
const char *ys_err_name(int code);
/* "yourside: <message>" on stderr: what a long run meets and goes on past (a watch, a scan). */
void ys_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
