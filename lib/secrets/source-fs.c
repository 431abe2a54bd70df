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
#include <stdatomic.h>
#include "../base/grow.h"
#include "../base/meter.h"
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
	ys_meter_add(r->meter, 1, bytes);
}

/* Scans one open descriptor; name is how findings and messages call it. */
static void scan_fd(struct ys_secret_results *r, struct ys_secret_scanner *sc, int fd,
		    const char *name, int regular)
{
	struct file_ctx c = {r, name};
	struct ys_error err = {0};
	uint64_t bytes = 0;
	int rc;

	ys_secret_scanner_context(sc, name, NULL);
	rc = (regular ? ys_secret_scan_file : ys_secret_scan_fd)(sc, fd, on_hit, &c, &bytes, &err);

	if (rc == YS_EIO)
		ys_secret_results_skip(r, name, err.msg);
	count(r, bytes, rc == YS_EUNSUP);
}

/* An open directory that queued files are opened from (openat: one path component to look up,
 * not the whole path); closed when the walker and every queued file are done with it. */
struct dir_ref {
	int fd;
	atomic_int refs;
};

static void dir_unref(struct dir_ref *d)
{
	if (d && atomic_fetch_sub(&d->refs, 1) == 1) {
		close(d->fd);
		free(d);
	}
}

struct file_item {
	struct dir_ref *dir; /* NULL: open path as it is */
	size_t name;	     /* where the last component starts in path */
	char path[];	     /* as findings name it */
};

static void work_file(void *arg, int worker, struct ys_secret_scanner *sc, void *item)
{
	struct fs_job *j = arg;
	struct file_item *it = item;
	int fd = it->dir ? openat(it->dir->fd, it->path + it->name, O_RDONLY | O_NOCTTY | O_CLOEXEC)
			 : open(it->path, O_RDONLY | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		ys_secret_results_skip(j->r, it->path, strerror(errno));
	} else {
		scan_fd(j->r, sc, fd, it->path, 1);
		close(fd);
	}
	dir_unref(it->dir);
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

static void queue_file(struct walk *w, struct dir_ref *dir, const char *path, size_t name)
{
	size_t len = strlen(path);
	struct file_item *it = malloc(sizeof(*it) + len + 1);

	if (!it)
		return;
	if (dir)
		atomic_fetch_add(&dir->refs, 1);
	it->dir = dir;
	it->name = name;
	memcpy(it->path, path, len + 1);
	ys_pool_push(w->pool, it);
}

struct entry {
	char *name;
	unsigned char type; /* d_type: DT_UNKNOWN means ask fstatat */
};

static int cmp_entries(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* The names in a directory, sorted, so that output never depends on the file system's order. */
static struct entry *list_dir(int fd, size_t *n)
{
	DIR *d;
	struct dirent *e;
	struct entry *v = NULL;
	size_t cap = 0;
	int dupfd = dup(fd);

	*n = 0;
	if (dupfd < 0 || !(d = fdopendir(dupfd))) {
		if (dupfd >= 0)
			close(dupfd);
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || !strcmp(e->d_name, ".git"))
			continue;
		if (ys_grow(&v, &cap, *n, sizeof(*v), 32) || !(v[*n].name = strdup(e->d_name)))
			break;
		v[(*n)++].type = e->d_type;
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_entries);
	return v;
}

/* Walks the directory open at fd (taking it over), shown as dir. */
static void walk_dir(struct walk *w, int fd, const char *dir, int depth)
{
	struct dir_ref *ref = malloc(sizeof(*ref));
	struct strbuf sb = STRBUF_INIT;
	struct entry *names;
	size_t n, i;

	if (!ref) {
		close(fd);
		return;
	}
	ref->fd = fd;
	atomic_init(&ref->refs, 1);
	names = list_dir(fd, &n);
	for (i = 0; i < n; i++) {
		struct stat st;
		unsigned char type = names[i].type;

		display_path(&sb, dir, names[i].name);
		/* most file systems say what an entry is; only the others cost a stat */
		if (type == DT_UNKNOWN && fstatat(fd, names[i].name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			ys_secret_results_skip(w->r, sb.buf, strerror(errno));
		else if (type == DT_UNKNOWN)
			type = S_ISREG(st.st_mode)   ? DT_REG
			       : S_ISDIR(st.st_mode) ? DT_DIR
			       : S_ISLNK(st.st_mode) ? DT_LNK
						     : DT_FIFO;
		if (type == DT_REG) {
			queue_file(w, ref, sb.buf, sb.len - strlen(names[i].name));
		} else if (type == DT_DIR) {
			int sub = openat(fd, names[i].name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (sub < 0) {
				ys_secret_results_skip(w->r, sb.buf, strerror(errno));
			} else if (depth >= 256) {
				close(sub);
				ys_secret_results_skip(w->r, sb.buf, "directory nested too deep");
			} else {
				walk_dir(w, sub, sb.buf, depth + 1);
			}
		} else if (type == DT_LNK) {
			/* follow a link only to a file inside the tree */
			if (fstatat(fd, names[i].name, &st, 0) < 0)
				ys_secret_results_skip(w->r, sb.buf, "broken symbolic link");
			else if (S_ISREG(st.st_mode) && inside_root(w, sb.buf))
				queue_file(w, ref, sb.buf, sb.len - strlen(names[i].name));
			else if (S_ISREG(st.st_mode))
				ys_secret_results_skip(w->r, sb.buf,
						       "symbolic link leads out of the tree");
		}
		free(names[i].name);
	}
	free(names);
	strbuf_release(&sb);
	dir_unref(ref);
}

static int scan_stdin(const struct ys_secrets_opts *o, struct ys_secret_results *r)
{
	struct ys_secret_scanner *sc;

	if (ys_secret_scanner_new(o->rs, &sc))
		return YS_ENOMEM;
	scan_fd(r, sc, 0, "-", 0);
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
	ys_meter_phase(r->meter, "scanning files", "files", 0, NULL);
	rc = ys_pool_start(&w.pool, o->threads, o->rs, work_file, &job);
	if (rc)
		return ys_error_set(err, rc, "cannot start scanning threads");
	if (S_ISDIR(st.st_mode)) {
		int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

		if (fd < 0)
			ys_secret_results_skip(r, path, strerror(errno));
		else
			walk_dir(&w, fd, path, 0);
	} else {
		queue_file(&w, NULL, path, 0);
	}
	ys_pool_finish(w.pool);
	return 0;
}
