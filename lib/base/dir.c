/* dir.c: sorted directory listings and name endings */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dir.h"
#include "grow.h"
#include "strbuf.h"
#include "../banned.h"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ys_dir_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int cmp_entries(const void *a, const void *b)
{
	return strcmp(((const struct ys_dirent *)a)->name, ((const struct ys_dirent *)b)->name);
}

void ys_dir_entries_free(struct ys_dirent *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int ys_dir_entries(int dfd, struct ys_dirent **v, size_t *n)
{
	int fd = dup(dfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	size_t cap = 0;

	*v = NULL;
	*n = 0;
	if (!d) {
		int saved = errno;

		if (fd >= 0)
			close(fd);
		errno = saved;
		return -1;
	}
	while ((e = readdir(d))) {
		char *name;

		if (e->d_name[0] == '.')
			continue;
		if (ys_grow(v, &cap, *n, sizeof(**v), 32) || !(name = strdup(e->d_name))) {
			closedir(d);
			ys_dir_entries_free(*v, *n);
			*v = NULL;
			*n = 0;
			errno = ENOMEM;
			return -1;
		}
		(*v)[*n].name = name;
		(*v)[*n].type = e->d_type;
		(*v)[*n].ino = (unsigned long long)e->d_ino;
		(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(*v, *n, sizeof(**v), cmp_entries);
	return 0;
}

/* The names alone: the entries' names kept, their types and inodes let go. */
int ys_dir_names(const char *dir, char ***names, size_t *n)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc, saved;
	struct ys_dirent *v;
	size_t i;

	*names = NULL;
	*n = 0;
	if (dfd < 0)
		return -1;
	rc = ys_dir_entries(dfd, &v, n);
	saved = errno;
	close(dfd);
	errno = saved;
	if (rc < 0)
		return -1;
	if (!(*names = calloc(*n + 1, sizeof(**names)))) {
		ys_dir_entries_free(v, *n);
		*n = 0;
		errno = ENOMEM;
		return -1;
	}
	for (i = 0; i < *n; i++)
		(*names)[i] = v[i].name;
	free(v);
	return 0;
}

int ys_name_ends(const char *name, const char *const *endings)
{
	size_t n = strlen(name);

	for (; *endings; endings++) {
		size_t k = strlen(*endings);

		if (n > k && !strcmp(name + n - k, *endings))
			return 1;
	}
	return 0;
}

struct files {
	char **rels;
	size_t n, cap, unreadable;
	char *first_unreadable;
	int nomem, max_depth, root_errno;
};

static void walk_files(struct files *w, struct strbuf *path, size_t rootlen, int depth)
{
	char **names;
	size_t n, i, len = path->len;

	if (ys_dir_names(path->buf, &names, &n)) {
		if (!depth) {
			w->root_errno = errno ? errno : EIO;
			return;
		}
		w->unreadable++;
		if (!w->first_unreadable) {
			struct strbuf why = STRBUF_INIT;

			if (strbuf_addf(&why, "%s: %s", path->buf, strerror(errno)))
				w->nomem = 1;
			w->first_unreadable = strbuf_detach(&why, NULL);
		}
		return;
	}
	for (i = 0; i < n && !w->nomem; i++) {
		struct stat st;

		strbuf_setlen(path, len);
		if (strbuf_addf(path, "/%s", names[i])) {
			w->nomem = 1;
			break;
		}
		if (stat(path->buf, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			if (depth < w->max_depth)
				walk_files(w, path, rootlen, depth + 1);
		} else if (S_ISREG(st.st_mode)) {
			char *rel = strdup(path->buf + rootlen + 1);

			if (!rel || ys_grow(&w->rels, &w->cap, w->n, sizeof(*w->rels), 64)) {
				free(rel);
				w->nomem = 1;
			} else {
				w->rels[w->n++] = rel;
			}
		}
	}
	strbuf_setlen(path, len);
	ys_dir_names_free(names, n);
}

int ys_dir_files(const char *dir, int max_depth, char ***rels, size_t *n, size_t *unreadable,
		 char **first_unreadable)
{
	struct files w = {0};
	struct strbuf path = STRBUF_INIT;

	*rels = NULL;
	*n = 0;
	w.max_depth = max_depth;
	if (strbuf_addstr(&path, dir)) {
		errno = ENOMEM;
		return -1;
	}
	while (path.len > 1 && path.buf[path.len - 1] == '/')
		strbuf_setlen(&path, path.len - 1);
	walk_files(&w, &path, path.len, 0);
	strbuf_release(&path);
	if (w.root_errno) {
		errno = w.root_errno;
		return -1;
	}
	if (w.nomem) {
		ys_dir_names_free(w.rels, w.n);
		free(w.first_unreadable);
		errno = ENOMEM;
		return -1;
	}
	if (w.n)
		qsort(w.rels, w.n, sizeof(*w.rels), cmp_names);
	*rels = w.rels;
	*n = w.n;
	if (unreadable)
		*unreadable = w.unreadable;
	if (first_unreadable)
		*first_unreadable = w.first_unreadable;
	else
		free(w.first_unreadable);
	return 0;
}
