/* source-dir.c: a local folder watched with inotify: watches added as folders appear, files read
 * when they are closed after writing or moved in, a new folder (or lost events) walked */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../base/dir.h"
#include "../base/grow.h"
#include "../base/strbuf.h"
#include "source.h"
#include "walk.h"
#include "../banned.h"

struct dir_source {
	struct ys_source base;
	int fd;
	char **path; /* by watch descriptor */
	size_t cap;
	char *root;
	/* what the events named since the last poll: folders to walk, files to read */
	char **walks, **files;
	size_t nwalks, capwalks, nfiles, capfiles;
};

static int add_watch(struct dir_source *d, const char *dir, int depth)
{
	int wd = inotify_add_watch(d->fd, dir,
				   IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ONLYDIR);
	char **names;
	size_t n, i;

	if (wd < 0) {
		ys_warn("cannot watch '%s': %s", dir, strerror(errno));
		return -1;
	}
	while ((size_t)wd >= d->cap) {
		size_t old = d->cap, cap = old ? old * 2 : 64;
		char **np = realloc(d->path, cap * sizeof(*np));

		if (!np)
			return -1;
		memset(np + old, 0, (cap - old) * sizeof(*np));
		d->path = np;
		d->cap = cap;
	}
	free(d->path[wd]);
	if (!(d->path[wd] = strdup(dir)))
		return -1;
	if (depth > 32 || ys_dir_names(dir, &names, &n) < 0)
		return 0;
	for (i = 0; i < n; i++) {
		struct strbuf sub = STRBUF_INIT;
		struct stat sb;

		strbuf_addf(&sub, "%s/%s", dir, names[i]);
		if (lstat(sub.buf, &sb) == 0 && S_ISDIR(sb.st_mode))
			add_watch(d, sub.buf, depth + 1);
		strbuf_release(&sub);
	}
	ys_dir_names_free(names, n);
	return 0;
}

static void push(char ***list, size_t *n, size_t *cap, const char *path)
{
	char *copy = strdup(path);

	if (!copy || ys_grow(list, cap, *n, sizeof(**list), 16)) {
		free(copy);
		ys_warn("out of memory: '%s' is read at the next start", path);
		return;
	}
	(*list)[(*n)++] = copy;
}

/* The events waiting, turned into folders to walk and files to read. */
static void drain(struct dir_source *d)
{
	char buf[64 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t len;

	while ((len = read(d->fd, buf, sizeof(buf))) > 0) {
		char *p;

		for (p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			struct strbuf path = STRBUF_INIT;
			const char *base;

			p += sizeof(*ev) + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) { /* events were lost: the walk finds them */
				push(&d->walks, &d->nwalks, &d->capwalks, d->root);
				continue;
			}
			if (!ev->len || ev->wd < 0 || (size_t)ev->wd >= d->cap || !d->path[ev->wd])
				continue;
			strbuf_addf(&path, "%s/%s", d->path[ev->wd], ev->name);
			base = ev->name;
			if (ev->mask & IN_ISDIR) {
				if (ev->mask & (IN_CREATE | IN_MOVED_TO) && add_watch(d, path.buf, 1) == 0)
					push(&d->walks, &d->nwalks, &d->capwalks, path.buf);
			} else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO) &&
				   ys_name_ends(base, ys_trail_suffixes)) {
				push(&d->files, &d->nfiles, &d->capfiles, path.buf);
			}
			strbuf_release(&path);
		}
	}
	if (len < 0 && errno != EAGAIN && errno != EINTR)
		ys_warn("cannot watch '%s': %s", d->root, strerror(errno));
}

static int dir_poll(struct ys_source *s, struct ys_run *r)
{
	struct dir_source *d = (struct dir_source *)s;
	size_t i;

	drain(d);
	/* a folder just made is often empty yet: said only for files that should be there */
	if (d->nwalks)
		ys_run_paths(r, d->walks, d->nwalks, 0);
	for (i = 0; i < d->nfiles; i++)
		ys_run_file(r, d->files[i]);
	for (i = 0; i < d->nwalks; i++)
		free(d->walks[i]);
	for (i = 0; i < d->nfiles; i++)
		free(d->files[i]);
	d->nwalks = d->nfiles = 0;
	return 0;
}

static void dir_wait(struct ys_source *s, int64_t ms, const struct ys_watch_flags *f)
{
	struct dir_source *d = (struct dir_source *)s;
	struct pollfd pfd = {d->fd, POLLIN, 0};

	/* a second at most: open incidents end by the clock, and a watch stops promptly */
	if (!f->stop && !f->reload)
		poll(&pfd, 1, ms < 1000 ? (int)ms : 1000);
}

static void dir_free(struct ys_source *s)
{
	struct dir_source *d = (struct dir_source *)s;
	size_t i;

	for (i = 0; i < d->cap; i++)
		free(d->path[i]);
	for (i = 0; i < d->nwalks; i++)
		free(d->walks[i]);
	for (i = 0; i < d->nfiles; i++)
		free(d->files[i]);
	free(d->path);
	free(d->walks);
	free(d->files);
	free(d->root);
	if (d->fd >= 0)
		close(d->fd);
	free(d);
}

static const struct ys_source_ops dir_ops = {"folder", dir_poll, dir_wait, dir_free};

int ys_source_dir_new(const char *dir, struct ys_source **out, struct ys_error *err)
{
	struct dir_source *d = calloc(1, sizeof(*d));

	*out = NULL;
	if (!d || !(d->root = strdup(dir))) {
		free(d);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	d->base.ops = &dir_ops;
	snprintf(d->base.what, sizeof(d->base.what), "%s", dir);
	if ((d->fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) < 0 || add_watch(d, dir, 0) < 0) {
		int e = errno;

		dir_free(&d->base);
		return ys_error_set(err, YS_EIO, "cannot watch '%s': %s", dir, strerror(e));
	}
	/* the watches are in place before the first walk: no file slips between them */
	push(&d->walks, &d->nwalks, &d->capwalks, dir);
	*out = &d->base;
	return 0;
}
