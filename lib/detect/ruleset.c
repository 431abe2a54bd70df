/* ruleset.c: loading rules from the binary and from directories, one bad rule at a time */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../base/file.h"
#include "../base/grow.h"
#include "embedded.h"
#include "ruleset.h"
#include "../banned.h"

void ys_ruleset_init(struct ys_ruleset *rs)
{
	memset(rs, 0, sizeof(*rs));
}

void ys_ruleset_release(struct ys_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		ys_sigma_rule_free(rs->r[i]);
	free(rs->r);
	free(rs->source);
	for (i = 0; i < rs->nproblems; i++)
		free(rs->problems[i].msg);
	free(rs->problems);
	ys_sigma_prefilter_free(rs->pf);
	memset(rs, 0, sizeof(*rs));
}

int ys_ruleset_compile(struct ys_ruleset *rs, struct ys_error *err)
{
	ys_sigma_prefilter_free(rs->pf);
	rs->pf = NULL;
	return ys_sigma_prefilter_build(rs->r, rs->n, &rs->pf, err);
}

static void problem(struct ys_ruleset *rs, const char *msg, int unsupported)
{
	if (ys_grow(&rs->problems, &rs->capproblems, rs->nproblems, sizeof(*rs->problems), 8))
		return;
	rs->problems[rs->nproblems].msg = strdup(msg);
	rs->problems[rs->nproblems].unsupported = unsupported;
	rs->nproblems++;
}

static int add_rule(struct ys_ruleset *rs, const char *file, const char *text, size_t len,
		    const char *source)
{
	struct ys_sigma_rule *r = NULL;
	struct ys_error err = {0};
	size_t cap = rs->cap;
	int rc = ys_sigma_rule_load(file, text, len, &r, &err);

	if (rc == YS_ENOMEM)
		return rc;
	if (rc) {
		problem(rs, err.msg, rc == YS_EUNSUP);
		return 0;
	}
	if (ys_grow(&rs->r, &rs->cap, rs->n, sizeof(*rs->r), 64) ||
	    ys_grow(&rs->source, &cap, rs->n, sizeof(*rs->source), 64)) {
		ys_sigma_rule_free(r);
		return YS_ENOMEM;
	}
	rs->r[rs->n] = r;
	rs->source[rs->n] = source;
	rs->n++;
	return 0;
}

int ys_ruleset_load_embedded(struct ys_ruleset *rs, int builtin, int sigmahq)
{
	const struct ys_embedded_rule *e;
	int rc;

	for (e = ys_embedded_rules; e->path; e++) {
		int is_builtin = !strncmp(e->path, "rules/builtin/", 14);

		if ((is_builtin && !builtin) || (!is_builtin && !sigmahq))
			continue;
		if ((rc = add_rule(rs, e->path, e->text, e->len, is_builtin ? "builtin" : "sigma")))
			return rc;
	}
	return 0;
}

static int is_rule_file(const char *name)
{
	size_t n = strlen(name);

	return (n > 4 && !strcmp(name + n - 4, ".yml")) || (n > 5 && !strcmp(name + n - 5, ".yaml"));
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(struct ys_ruleset *rs, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (!d) {
		snprintf(path, sizeof(path), "cannot read '%s': %s", dir, strerror(errno));
		problem(rs, path, 0);
		return 0;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || ys_grow(&names, &cap, n, sizeof(*names), 32))
			continue;
		if ((names[n] = strdup(e->d_name)))
			n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (!rc && stat(path, &st) == 0 && S_ISDIR(st.st_mode) && depth < 16) {
			rc = load_dir(rs, path, depth + 1);
		} else if (!rc && is_rule_file(names[i])) {
			struct ys_error err = {0};
			char *text;
			size_t len;

			if (ys_read_file(path, 1 << 20, &text, &len, &err)) {
				problem(rs, err.msg, 0);
			} else {
				rc = add_rule(rs, path, text, len, "sigma");
				free(text);
			}
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int ys_ruleset_load_dir(struct ys_ruleset *rs, const char *dir, struct ys_error *err)
{
	int rc = load_dir(rs, dir, 0);

	return rc ? ys_error_set(err, rc, "out of memory loading rules") : 0;
}
