/* main.c: yourside's entry point: global options, then the subcommand from the table */
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "banned.h"

static void usage(FILE *out)
{
	size_t i;

	fputs("usage: yourside [--version] [--help] <command> [<args>]\n\n"
	      "The customer's side of AWS security: leaked credentials, attacks in CloudTrail,\n"
	      "missing controls, and who is responsible for what.\n\ncommands:\n",
	      out);
	for (i = 0; ys_cmds[i]; i++)
		fprintf(out, "  %-10s %s\n", ys_cmds[i]->name, ys_cmds[i]->summary);
	fputs("\n'yourside help <command>' tells more about one command.\n", out);
}

int main(int argc, char **argv)
{
	const struct ys_cmd *cmd;

	if (argc < 2) {
		usage(stderr);
		return YS_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return YS_EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--version"))
		return ys_cmd_find("version")->run(1, argv + 1);
	cmd = ys_cmd_find(argv[1]);
	if (!cmd) {
		ys_warn("'%s' is not a command; see 'yourside --help'", argv[1]);
		return YS_EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
