/* main.c: yourside's entry point: global options, then the subcommand from the table */
#include <stdio.h>
#include <string.h>
#include "base/color.h"
#include "cmd.h"
#include "banned.h"

/* what a new user runs first on their own account, in this order */
static const char first[] =
	"Start here, on your own account, in this order:\n"
	"  1. yourside collect --out snapshot/        read the account's configuration (read-only:\n"
	"                                             the SecurityAudit policy allows every call)\n"
	"     yourside audit snapshot/                what is missing, worst first, each with its fix\n"
	"     yourside map snapshot/                  what is AWS's to do and what is yours\n"
	"     yourside report --snapshot snapshot/ --format html --output report.html\n"
	"                                             all of it on one page for the whole team\n"
	"  2. yourside secrets ~/src/your-repo        keys leaked in your code and its whole history\n"
	"                                             (each repository; install-hook stops the next)\n"
	"  3. yourside detect trail/                  attacks in your CloudTrail logs (a downloaded\n"
	"                                             folder; --follow s3://BUCKET watches the bucket)\n";

void ys_main_usage(FILE *out)
{
	size_t i;

	fputs("usage: yourside [--version] [--help] [--color[=<when>]] <command> [<args>]\n\n"
	      "The customer's side of AWS security: leaked credentials, attacks in CloudTrail,\n"
	      "missing controls, and who is responsible for what.\n\n",
	      out);
	fputs(first, out);
	fputs("\ncommands:\n", out);
	for (i = 0; ys_cmds[i]; i++)
		fprintf(out, "  %-13s %s\n", ys_cmds[i]->name, ys_cmds[i]->summary);
	fputs("\n--color[=<when>] (auto, always or never; alone: always) and --no-color go before or\n"
	      "after the command; auto colours severities on a terminal unless NO_COLOR is set.\n"
	      "'yourside help <command>' tells more about one command.\n", out);
}

/* --color[=<when>] and --no-color, wherever they stand before a "--", are taken out of argv
 * (the last one wins), so every command accepts them without knowing of them. */
static int take_color(int *argc, char **argv)
{
	enum ys_color_when w;
	int i, j;

	for (i = j = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < *argc)
				argv[j++] = argv[i++];
			break;
		}
		if (!strcmp(argv[i], "--color"))
			w = YS_COLOR_ALWAYS;
		else if (!strcmp(argv[i], "--no-color"))
			w = YS_COLOR_NEVER;
		else if (strncmp(argv[i], "--color=", 8)) {
			argv[j++] = argv[i];
			continue;
		} else if (ys_color_parse(argv[i] + 8, &w))
			return ys_die_usage("--color takes auto, always or never, not '%s'",
					    argv[i] + 8);
		ys_color_set(w);
	}
	argv[j] = NULL;
	*argc = j;
	return 0;
}

int main(int argc, char **argv)
{
	const struct ys_cmd *cmd;

	if (take_color(&argc, argv))
		return YS_EXIT_USAGE;
	if (argc < 2) {
		ys_main_usage(stderr);
		return YS_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		ys_main_usage(stdout);
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
