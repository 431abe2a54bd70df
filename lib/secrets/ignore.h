/* ignore.h: findings the user has accepted: .yoursideignore files of fingerprints or hashes */
#ifndef YS_SECRETS_IGNORE_H
#define YS_SECRETS_IGNORE_H

#include "../base/err.h"
#include "results.h"

struct ys_ignore {
	char **keys;
	size_t n, cap;
};

/* Adds each line (fingerprint, or a secret's sha256); '#' starts a comment. A missing file is
 * not an error when optional. */
int ys_ignore_load(struct ys_ignore *ig, const char *path, int optional, struct ys_error *err);
/* Drops ignored findings; returns how many. */
size_t ys_ignore_apply(const struct ys_ignore *ig, struct ys_secret_results *r);
void ys_ignore_release(struct ys_ignore *ig);

/* Writes a pre-commit hook that runs `<exe> secrets --staged`. */
int ys_install_hook(const char *repo, const char *exe, int force, char *written, size_t wlen,
		    struct ys_error *err);

#endif
