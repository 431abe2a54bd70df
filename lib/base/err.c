/* err.c: recording library errors for the caller to print, and saying on stderr what a long run
 * meets and goes on past */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include "err.h"
#include "../banned.h"

int ys_error_set(struct ys_error *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

void ys_error_clear(struct ys_error *e)
{
	if (!e)
		return;
	e->code = 0;
	e->msg[0] = '\0';
}

const char *ys_err_name(int code)
{
	switch (code) {
	case YS_OK:
		return "ok";
	case YS_ENOMEM:
		return "out of memory";
	case YS_EIO:
		return "input/output error";
	case YS_EPARSE:
		return "malformed input";
	case YS_EINVAL:
		return "invalid argument";
	case YS_ENOTFOUND:
		return "not found";
	case YS_EUNSUP:
		return "not supported";
	case YS_ESTOP:
		return "stopped";
	case YS_EREFUSED:
		return "refused";
	}
	return "unknown error";
}

void ys_warn(const char *fmt, ...)
{
	static int tty = -1;
	va_list ap;

	if (tty < 0)
		tty = isatty(STDERR_FILENO);
	/* on a terminal, over a watch's status line (a line of its own otherwise) */
	flockfile(stderr); /* whole, never cut by a progress line drawn from another thread */
	fputs(tty ? "\r\033[Kyourside: " : "yourside: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	funlockfile(stderr);
}
