/* iam.h: what the `yourside iam` questions share: their options, and the entry point of each */
#ifndef YS_CMD_IAM_H
#define YS_CMD_IAM_H

#include <stddef.h>
#include "base/strbuf.h"
#include "iam/model.h"
#include "json/jwrite.h"
#include "snapshot/snapshot.h"

struct iam_opts {
	int json, jsonl, dot, policy, quiet;
	int all; /* blast-radius: every service */
	int color; /* text on a terminal (or --color): verdicts tinted */
	int boundary;		/* guardrail: --boundary */
	const char *breakglass; /* guardrail: --break-glass */
	const char *trail, *since, *until; /* unused: --trail, --since, --until */
	struct ys_ckey *ctx; /* --context */
	size_t nctx, capctx;
	const char **args; /* the operands */
	int nargs;
};

/* Reads the options of every question; formats lists what --format may say ("text,json").
 * Returns -1 (after printing the usage) for --help, YS_EXIT_USAGE on a bad option, else 0. */
int iam_parse(int argc, char **argv, const char *formats, struct iam_opts *o);
void iam_opts_release(struct iam_opts *o);

/* Reads a snapshot question's options (nargs operands, the first a snapshot; need says what to
 * give) and the snapshot's IAM, its problems on stderr; -1 to go on, else the exit status. */
int iam_begin(int argc, char **argv, const char *formats, int nargs, const char *need,
	      struct iam_opts *o, struct ys_snapshot **snap, struct ys_iam_model **m);
/* Frees what iam_begin gave and sb; returns rc. */
int iam_end(int rc, struct strbuf *sb, struct iam_opts *o, struct ys_snapshot *snap,
	    struct ys_iam_model *m);
/* A decision's reasons: the deciding statements in words (or the gap), each line after indent. */
void iam_because_text(const struct ys_decision *d, const char *indent, struct strbuf *sb);
/* The same as JSON members: by, gap, why, note. */
void iam_because_json(struct jw *w, const struct ys_decision *d);

/* The tint of a verdict's word (allow green, a deny red) when on is 1, else "". */
const char *iam_tint_verdict(enum ys_verdict v, int on);

/* s as a DOT string: in quotes, '"' and '\\' escaped. */
void iam_dot_str(struct strbuf *sb, const char *s);

int iam_simulate(int argc, char **argv);
int iam_can(int argc, char **argv);
int iam_who_can(int argc, char **argv);
int iam_escalations(int argc, char **argv);
int iam_code_spaces(int argc, char **argv);
int iam_blast_radius(int argc, char **argv);
int iam_guardrail(int argc, char **argv);
int iam_unused(int argc, char **argv);

#endif
