/* cmd-help.c: `yourside help [COMMAND]`: a command's usage, or yourside's own */
#include <stdio.h>
#include "cmd.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_help;

static int run(int argc, char **argv)
{
	const struct ys_cmd *cmd;

	if (argc < 2) { /* a new user's first question: what to run first, and the commands */
		ys_main_usage(stdout);
		return YS_EXIT_CLEAN;
	}
	cmd = ys_cmd_find(argv[1]);
	if (!cmd)
		return ys_die_usage("no such command '%s'", argv[1]);
	fputs(cmd->usage, stdout);
	return YS_EXIT_CLEAN;
}

const struct ys_cmd ys_cmd_help = {
	.name = "help",
	.summary = "show the usage of a command",
	.usage = "usage: yourside help [<command>]\n",
	.run = run,
};
