/* iam.h: what the `yourside iam` questions share: their options, and the entry point of each */
#ifndef YS_CMD_IAM_H
#define YS_CMD_IAM_H

#include <stddef.h>
#include "iam/context.h"

struct iam_opts {
	int json, jsonl, dot, quiet;
	struct ys_ckey *ctx; /* --context */
	size_t nctx, capctx;
	const char **args; /* the operands */
	int nargs;
};

/* Reads the options of every question; formats lists what --format may say ("text,json").
 * Returns -1 (after printing the usage) for --help, YS_EXIT_USAGE on a bad option, else 0. */
int iam_parse(int argc, char **argv, const char *formats, struct iam_opts *o);
void iam_opts_release(struct iam_opts *o);

int iam_simulate(int argc, char **argv);
int iam_can(int argc, char **argv);
int iam_who_can(int argc, char **argv);

#endif
