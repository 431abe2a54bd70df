/* source.h: where secrets are scanned: files, directory trees, stdin and git repositories */
#ifndef YS_SECRETS_SOURCE_H
#define YS_SECRETS_SOURCE_H

#include "../base/err.h"
#include "results.h"
#include "scan.h"

struct ys_secrets_opts {
	const struct ys_secret_ruleset *rs;
	int threads;	   /* scanning threads, at least 1 */
	int history;	   /* a git repository: scan its history (else its working tree) */
	int staged;	   /* a git repository: scan what is staged */
	const char *since; /* history: only commits not reachable from this revision */
	const char *range; /* history: A..B */
};

/* Scans a file, a directory tree, "-" (stdin) or a git repository. Unreadable parts are added to
 * r's skips and the scan goes on; an error is returned only when path itself cannot be used. */
int ys_secrets_scan_path(const struct ys_secrets_opts *o, const char *path,
			 struct ys_secret_results *r, struct ys_error *err);

/* Git history, staged changes or a revision range (source-git.c). */
int ys_secrets_scan_git(const struct ys_secrets_opts *o, const char *path,
			struct ys_secret_results *r, struct ys_error *err);
/* True when path is the top of a git work tree or a bare repository. */
int ys_is_git_repo(const char *path);

#endif
