/* cmd.c: the table of subcommands, sorted by name */
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include "base/isotime.h"
#include "base/severity.h"
#include "cmd.h"
#include "base/strbuf.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_audit;
extern const struct ys_cmd ys_cmd_collect;
extern const struct ys_cmd ys_cmd_detect;
extern const struct ys_cmd ys_cmd_help;
extern const struct ys_cmd ys_cmd_iam;
extern const struct ys_cmd ys_cmd_incident;
extern const struct ys_cmd ys_cmd_log;
extern const struct ys_cmd ys_cmd_map;
extern const struct ys_cmd ys_cmd_report;
extern const struct ys_cmd ys_cmd_secrets;
extern const struct ys_cmd ys_cmd_vendors;
extern const struct ys_cmd ys_cmd_verify_trail;
extern const struct ys_cmd ys_cmd_version;

const struct ys_cmd *const ys_cmds[] = {
	&ys_cmd_audit,
	&ys_cmd_collect,
	&ys_cmd_detect,
	&ys_cmd_help,
	&ys_cmd_iam,
	&ys_cmd_incident,
	&ys_cmd_log,
	&ys_cmd_map,
	&ys_cmd_report,
	&ys_cmd_secrets,
	&ys_cmd_vendors,
	&ys_cmd_verify_trail,
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

int ys_parse_fail_on(const char *arg)
{
	int rank = strcmp(arg, "none") ? ys_severity_rank(arg) : 5;

	if (rank < 0)
		ys_die_usage("--fail-on takes info, low, medium, high, critical or none, not '%s'", arg);
	return rank;
}

int ys_parse_time_arg(const char *opt, const char *arg, int64_t *out)
{
	if ((*out = ys_time_parse(arg)) < 0)
		return ys_die_usage("%s takes an ISO 8601 time like 2026-01-31T12:00:00Z, not '%s'", opt, arg);
	return 0;
}

int ys_write_output(const char *path, const struct strbuf *sb)
{
	FILE *f = path ? fopen(path, "w") : stdout;

	if (!f)
		return ys_die_usage("cannot write '%s'", path);
	fwrite(sb->buf, 1, sb->len, f);
	if (path && fclose(f))
		return ys_die_usage("cannot write '%s'", path);
	return 0;
}

int ys_several_folders(const char *cmd, int n, char *const *paths)
{
	struct stat st;
	int i;

	for (i = 0; i < n; i++)
		if (stat(paths[i], &st) < 0 || !S_ISDIR(st.st_mode))
			return ys_die_usage("%s takes one snapshot folder, an organization folder, or several "
					    "snapshot folders: '%s' is not a folder", cmd, paths[i]);
	return 0;
}
