/* cmd.c: the table of subcommands, sorted by name */
#include <stdarg.h>
#include <string.h>
#include "cmd.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_detect;
extern const struct ys_cmd ys_cmd_help;
extern const struct ys_cmd ys_cmd_secrets;
extern const struct ys_cmd ys_cmd_version;

const struct ys_cmd *const ys_cmds[] = {
	&ys_cmd_detect,
	&ys_cmd_help,
	&ys_cmd_secrets,
	&ys_cmd_version,
	NULL,
};

const struct ys_cmd *ys_cmd_find(const char *name)
{
	size_t i;

	for (i = 0; ys_cmds[i]; i++)
		if (!strcmp(ys_cmds[i]->name, name))
			return ys_cmds[i];
	return NULL;
}

static void vwarn(const char *fmt, va_list ap)
{
	fputs("yourside: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int ys_die_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	return YS_EXIT_USAGE;
}

void ys_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}
