/* cmd.h: the command table.
 *
 * Adding a command takes four things (after git's builtin.h):
 *  1. src/cmd/cmd-<name>.c exporting `const struct ys_cmd ys_cmd_<name>`;
 *  2. its row in the table in src/cmd.c (kept sorted);
 *  3. docs/cmd/<name>.md, whose usage block matches the command's usage string;
 *  4. a case folder tests/cases/<name>/<case>/.
 */
#ifndef YS_CMD_H
#define YS_CMD_H

#include <stdint.h>
#include <stdio.h>
#include "base/err.h"

/* Exit codes shared by every command. */
enum ys_exit { YS_EXIT_CLEAN = 0, YS_EXIT_FINDINGS = 1, YS_EXIT_USAGE = 2 };

struct ys_cmd {
	const char *name;
	const char *summary; /* one line for `yourside --help` */
	const char *usage;   /* the full --help text */
	int (*run)(int argc, char **argv);
};

const struct ys_cmd *ys_cmd_find(const char *name);
extern const struct ys_cmd *const ys_cmds[];

/* Prints "yourside: <message>" on stderr; returns YS_EXIT_USAGE. */
/* yourside's own usage: the first steps, then every command (main.c; `help` alone says it too). */
void ys_main_usage(FILE *out);
int ys_die_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An option's ISO 8601 time into *out: 0, or YS_EXIT_USAGE after saying what is wrong. */
int ys_parse_time_arg(const char *opt, const char *arg, int64_t *out);
/* Several folders given to audit, report or map (an organization's accounts one by one): 0 when
 * each is a folder, else YS_EXIT_USAGE after naming the one that is not. */
int ys_several_folders(const char *cmd, int n, char *const *paths);
/* Writes sb to path (NULL: stdout): 0, or YS_EXIT_USAGE after saying it cannot. */
struct strbuf;
int ys_write_output(const char *path, const struct strbuf *sb);
/* --fail-on's argument: a severity's rank, 5 for none, or -1 after saying what is wrong. */
int ys_parse_fail_on(const char *arg);

#endif
