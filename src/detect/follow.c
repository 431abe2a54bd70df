/* follow.c: inotify over a directory tree: watches added as directories appear, files handed over
 * when they are closed after writing or moved in */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/dir.h"
#include "base/grow.h"
#include "base/strbuf.h"
#include "cmd.h"
#include "detect/follow.h"
#include "banned.h"

struct watches {
	int fd;
	char **path; /* by watch descriptor */
	size_t cap;
};

static int watch(struct watches *w, const char *dir, int depth)
{
	int wd =
	    inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_ONLYDIR);
	char **names;
	size_t n, i;

	if (wd < 0) {
		ys_warn("cannot watch '%s': %s", dir, strerror(errno));
		return -1;
	}
	while ((size_t)wd >= w->cap) {
		size_t old = w->cap;
		char **np = realloc(w->path, (old ? old * 2 : 64) * sizeof(*np));

		if (!np)
			return -1;
		memset(np + old, 0, ((old ? old * 2 : 64) - old) * sizeof(*np));
		w->path = np;
		w->cap = old ? old * 2 : 64;
	}
	free(w->path[wd]);
	if (!(w->path[wd] = strdup(dir)))
		return -1;
	if (depth > 32 || ys_dir_names(dir, &names, &n) < 0)
		return 0;
	for (i = 0; i < n; i++) {
		struct strbuf sub = STRBUF_INIT;
		struct stat sb;

		strbuf_addf(&sub, "%s/%s", dir, names[i]);
		if (lstat(sub.buf, &sb) == 0 && S_ISDIR(sb.st_mode))
			watch(w, sub.buf, depth + 1);
		strbuf_release(&sub);
	}
	ys_dir_names_free(names, n);
	return 0;
}

static void release(struct watches *w)
{
	size_t i;

	for (i = 0; i < w->cap; i++)
		free(w->path[i]);
	free(w->path);
	close(w->fd);
}

int follow_dir(const char *dir, const struct follow_io *io, volatile int *stop)
{
	struct watches w = {-1, NULL, 0};
	char buf[64 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));

	if ((w.fd = inotify_init1(IN_CLOEXEC)) < 0)
		return -1;
	if (watch(&w, dir, 0) < 0) {
		release(&w);
		return -1;
	}
	io->on_dir(io->ctx, dir);
	while (!*stop) {
		struct pollfd pfd = {w.fd, POLLIN, 0};
		ssize_t len;
		char *p;
		int n = poll(&pfd, 1, 1000);

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0) {
			io->on_idle(io->ctx);
			continue;
		}
		if (n < 0 || (len = read(w.fd, buf, sizeof(buf))) < 0) {
			if (errno == EINTR)
				continue;
			ys_warn("cannot watch '%s': %s", dir, strerror(errno));
			break;
		}
		for (p = buf; p < buf + len && !*stop;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			struct strbuf path = STRBUF_INIT;

			p += sizeof(*ev) + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				/* events were lost: the walk finds what they named */
				io->on_dir(io->ctx, dir);
				continue;
			}
			if (!ev->len || ev->wd < 0 || (size_t)ev->wd >= w.cap || !w.path[ev->wd])
				continue;
			strbuf_addf(&path, "%s/%s", w.path[ev->wd], ev->name);
			if (ev->mask & IN_ISDIR) {
				if (ev->mask & (IN_CREATE | IN_MOVED_TO) &&
				    watch(&w, path.buf, 1) == 0)
					io->on_dir(io->ctx, path.buf);
			} else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
				io->on_file(io->ctx, path.buf);
			}
			strbuf_release(&path);
		}
	}
	release(&w);
	return 0;
}
