/* source-fs.c: scanning files, directory trees and stdin on a pool of threads */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../base/strbuf.h"
#include "pool.h"
#include "source.h"
#include "../banned.h"

struct fs_job {
	struct ys_secret_results *r;
};

struct file_ctx {
	struct ys_secret_results *r;
	const char *path;
};

static int on_hit(void *ctx, const struct ys_secret_hit *h)
{
	struct file_ctx *c = ctx;

	ys_secret_results_add(c->r, h, c->path, NULL, NULL, NULL, 0, 0);
	return 0;
}

static void count(struct ys_secret_results *r, uint64_t bytes, int binary)
{
	pthread_mutex_lock(&r->mu);
	r->files++;
	r->bytes += bytes;
	r->binary += (uint64_t)binary;
	pthread_mutex_unlock(&r->mu);
}

/* Scans one open descriptor; name is how findings and messages call it. */
static void scan_fd(struct ys_secret_results *r, struct ys_secret_scanner *sc, int fd,
		    const char *name)
{
	struct file_ctx c = {r, name};
	struct ys_error err = {0};
	uint64_t bytes = 0;
	int rc = ys_secret_scan_fd(sc, fd, on_hit, &c, &bytes, &err);

	if (rc == YS_EIO)
		ys_secret_results_skip(r, name, err.msg);
	count(r, bytes, rc == YS_EUNSUP);
}

static void work_file(void *arg, int worker, struct ys_secret_scanner *sc, void *item)
{
	struct fs_job *j = arg;
	const char *path = item;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		ys_secret_results_skip(j->r, path, strerror(errno));
		return;
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	scan_fd(j->r, sc, fd, path);
	close(fd);
}

static void display_path(struct strbuf *sb, const char *dir, const char *name)
{
	strbuf_reset(sb);
	if (strcmp(dir, ".") != 0) {
		strbuf_addstr(sb, dir);
		if (sb->len && sb->buf[sb->len - 1] != '/')
			strbuf_addch(sb, '/');
	}
	strbuf_addstr(sb, name);
}

struct walk {
	struct ys_pool *pool;
	struct ys_secret_results *r;
	char root[PATH_MAX]; /* real path of the tree: symlinks may not lead out of it */
	size_t rootlen;
};

static int inside_root(const struct walk *w, const char *path)
{
	char real[PATH_MAX];

	if (!realpath(path, real))
		return 0;
	return !strncmp(real, w->root, w->rootlen) &&
	       (real[w->rootlen] == '/' || real[w->rootlen] == '\0' || w->rootlen == 1);
}

static void queue_file(struct walk *w, const char *path)
{
	char *item = strdup(path);

	if (item)
		ys_pool_push(w->pool, item);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b); /* an entry starts with its name */
}

static void walk_dir(struct walk *w, const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct entry {
		char *name;
		unsigned char type; /* d_type: DT_UNKNOWN means ask lstat */
	} *names = NULL;
	size_t n = 0, cap = 0, i;
	struct strbuf sb = STRBUF_INIT;

	if (!d) {
		ys_secret_results_skip(w->r, dir, strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, ".git"))
			continue;
		if (n == cap) {
			struct entry *nn = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof(*names));

			if (!nn)
				break;
			names = nn;
		}
		if (!(names[n].name = strdup(e->d_name)))
			break;
		names[n].type = e->d_type;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		struct stat st;

		display_path(&sb, dir, names[i].name);
		/* most file systems say what an entry is; only the others cost an lstat */
		if (names[i].type == DT_REG) {
			queue_file(w, sb.buf);
		} else if (names[i].type == DT_DIR) {
			if (depth < 256)
				walk_dir(w, sb.buf, depth + 1);
			else
				ys_secret_results_skip(w->r, sb.buf, "directory nested too deep");
		} else if (names[i].type != DT_UNKNOWN && names[i].type != DT_LNK) {
			/* a fifo, socket or device: not a file to read */
		} else if (lstat(sb.buf, &st) < 0) {
			ys_secret_results_skip(w->r, sb.buf, strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			/* follow a link only to a file inside the tree */
			if (stat(sb.buf, &st) < 0)
				ys_secret_results_skip(w->r, sb.buf, "broken symbolic link");
			else if (S_ISREG(st.st_mode) && inside_root(w, sb.buf))
				queue_file(w, sb.buf);
			else if (S_ISREG(st.st_mode))
				ys_secret_results_skip(w->r, sb.buf,
						       "symbolic link leads out of the tree");
		} else if (S_ISDIR(st.st_mode)) {
			if (depth < 256)
				walk_dir(w, sb.buf, depth + 1);
			else
				ys_secret_results_skip(w->r, sb.buf, "directory nested too deep");
		} else if (S_ISREG(st.st_mode)) {
			queue_file(w, sb.buf);
		}
		free(names[i].name);
	}
	free(names);
	strbuf_release(&sb);
}

static int scan_stdin(const struct ys_secrets_opts *o, struct ys_secret_results *r)
{
	struct ys_secret_scanner *sc;

	if (ys_secret_scanner_new(o->rs, &sc))
		return YS_ENOMEM;
	scan_fd(r, sc, 0, "-");
	ys_secret_scanner_free(sc);
	return 0;
}

int ys_secrets_scan_path(const struct ys_secrets_opts *o, const char *path,
			 struct ys_secret_results *r, struct ys_error *err)
{
	struct fs_job job = {r};
	struct walk w;
	struct stat st;
	int rc;

	if (!strcmp(path, "-"))
		return scan_stdin(o, r);
	if (stat(path, &st) < 0)
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", path, strerror(errno));
	if (S_ISDIR(st.st_mode) && (o->history || o->staged) && ys_is_git_repo(path))
		return ys_secrets_scan_git(o, path, r, err);
	if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
		return ys_error_set(err, YS_EINVAL, "cannot scan '%s': not a file or directory",
				    path);
	memset(&w, 0, sizeof(w));
	w.r = r;
	if (!realpath(path, w.root))
		return ys_error_set(err, YS_EIO, "cannot resolve '%s': %s", path, strerror(errno));
	w.rootlen = strlen(w.root);
	rc = ys_pool_start(&w.pool, o->threads, o->rs, work_file, &job);
	if (rc)
		return ys_error_set(err, rc, "cannot start scanning threads");
	if (S_ISDIR(st.st_mode))
		walk_dir(&w, path, 0);
	else
		queue_file(&w, path);
	ys_pool_finish(w.pool);
	return 0;
}
