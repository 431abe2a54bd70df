/* ignore.c: .yoursideignore files, and the git pre-commit hook */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../base/grow.h"
#include "ignore.h"
#include "../banned.h"

static int add_key(struct ys_ignore *ig, const char *s, size_t len)
{
	if (ys_grow(&ig->keys, &ig->cap, ig->n, sizeof(*ig->keys), 16))
		return YS_ENOMEM;
	if (!(ig->keys[ig->n] = strndup(s, len)))
		return YS_ENOMEM;
	ig->n++;
	return 0;
}

int ys_ignore_load(struct ys_ignore *ig, const char *path, int optional, struct ys_error *err)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!fp) {
		if (optional && errno == ENOENT)
			return 0;
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", path, strerror(errno));
	}
	while ((n = getline(&line, &cap, fp)) >= 0) {
		char *s = line, *e;

		if ((e = strchr(s, '#')))
			*e = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		e = s + strlen(s);
		while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > s && add_key(ig, s, (size_t)(e - s))) {
			free(line);
			fclose(fp);
			return ys_error_set(err, YS_ENOMEM, "out of memory reading '%s'", path);
		}
	}
	free(line);
	fclose(fp);
	return 0;
}

static int ignored(const void *ctx, const struct ys_secret_finding *f)
{
	const struct ys_ignore *ig = ctx;
	size_t i;

	for (i = 0; i < ig->n; i++)
		if (!strcmp(ig->keys[i], f->fingerprint) || !strcmp(ig->keys[i], f->sha256))
			return 1;
	return 0;
}

size_t ys_ignore_apply(const struct ys_ignore *ig, struct ys_secret_results *r)
{
	return ys_secret_results_filter(r, ignored, ig);
}

void ys_ignore_release(struct ys_ignore *ig)
{
	size_t i;

	for (i = 0; i < ig->n; i++)
		free(ig->keys[i]);
	free(ig->keys);
	memset(ig, 0, sizeof(*ig));
}

int ys_install_hook(const char *repo, const char *exe, int force, char *written, size_t wlen,
		    struct ys_error *err)
{
	struct stat st;
	FILE *fp;

	snprintf(written, wlen, "%s/.git/hooks", repo);
	if (stat(written, &st) < 0 || !S_ISDIR(st.st_mode))
		return ys_error_set(err, YS_ENOTFOUND, "'%s' is not a git work tree (no .git/hooks)",
				    repo);
	snprintf(written, wlen, "%s/.git/hooks/pre-commit", repo);
	if (!force && stat(written, &st) == 0)
		return ys_error_set(err, YS_EINVAL,
				    "'%s' exists; use --force to replace it", written);
	if (!(fp = fopen(written, "w")))
		return ys_error_set(err, YS_EIO, "cannot write '%s': %s", written, strerror(errno));
	fprintf(fp,
		"#!/bin/sh\n"
		"# installed by yourside: refuse a commit whose staged changes hold a credential\n"
		"yourside=\"%s\"\n"
		"[ -x \"$yourside\" ] || yourside=yourside\n"
		"exec \"$yourside\" secrets --staged --no-progress .\n",
		exe);
	if (fclose(fp) != 0 || chmod(written, 0755) < 0)
		return ys_error_set(err, YS_EIO, "cannot write '%s': %s", written, strerror(errno));
	return 0;
}
