/* walk.c: walking the paths given for trail files, once each, and ordering them by delivery */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include "../base/dir.h"
#include "../base/strbuf.h"
#include "walk.h"
#include "../banned.h"

#define MAX_DEPTH 32
#define OVERLAYFS_MAGIC 0x794c7630

const char *const ys_trail_suffixes[] = {".json", ".jsonl", ".ndjson", ".gz", NULL};

/* A file whose name has no suffix (as Firehose names the objects it delivers) is read when its
 * first bytes are gzip's or JSON's. */
static int looks_like_trail(const char *name, const char *path)
{
	unsigned char b[64];
	size_t n, i;
	FILE *f;

	if (strchr(name, '.') || !(f = fopen(path, "rb")))
		return 0;
	n = fread(b, 1, sizeof(b), f);
	fclose(f);
	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return 1;
	for (i = 0; i < n && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t'); i++)
		;
	return i < n && (b[i] == '{' || b[i] == '[');
}

/* A directory being walked, and those above it. */
struct above {
	dev_t dev;
	ino_t ino;
	const struct above *up;
};

/* A trail file found: its path, and the file it is (dev and ino, both 0 for stdin). */
static void add_file(struct ys_trail_list *l, const char *path, dev_t dev, ino_t ino,
		     size_t *problems)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **p = realloc(l->path, cap * sizeof(*p));
		dev_t *d = NULL;
		ino_t *in = NULL;

		if (p)
			l->path = p;
		if (p && (d = realloc(l->dev, cap * sizeof(*d))))
			l->dev = d;
		if (p && d && (in = realloc(l->ino, cap * sizeof(*in))))
			l->ino = in;
		if (!p || !d || !in)
			goto oom;
		l->cap = cap;
	}
	if (!(l->path[l->n] = strdup(path)))
		goto oom;
	l->dev[l->n] = dev;
	l->ino[l->n] = ino;
	l->n++;
	return;
oom:
	ys_warn("out of memory");
	++*problems;
}

static void walk(struct ys_trail_list *l, const char *path, size_t *problems, int depth,
		 const struct above *up, const struct stat *known);

/* The entries of the folder open as dfd (sb its stat): what reading it tells of each (its
 * type and inode) spares a stat for a plain file, which a trail holds by the ten thousand; a
 * link, a folder or a file system that does not say is looked up in the folder. */
static void walk_entries(struct ys_trail_list *l, const char *path, int dfd, const struct stat *sb,
			 size_t *problems, int depth, const struct above *here)
{
	struct ys_dirent *v;
	struct statfs fs;
	size_t n, i;
	/* overlayfs (a container's) may give readdir an inode other than stat's: looked up */
	int told = fstatfs(dfd, &fs) == 0 && fs.f_type != OVERLAYFS_MAGIC;

	if (ys_dir_entries(dfd, &v, &n) < 0) {
		ys_warn("cannot read '%s': %s", path, strerror(errno));
		++*problems;
		return;
	}
	for (i = 0; i < n; i++) {
		struct strbuf sub = STRBUF_INIT;
		struct stat cs;
		int trail = ys_name_ends(v[i].name, ys_trail_suffixes);

		strbuf_addf(&sub, "%s/%s", path, v[i].name);
		if (told && v[i].type == DT_REG && trail) {
			add_file(l, sub.buf, sb->st_dev, (ino_t)v[i].ino, problems);
		} else if (told && v[i].type == DT_REG) {
			if (looks_like_trail(v[i].name, sub.buf))
				add_file(l, sub.buf, sb->st_dev, (ino_t)v[i].ino, problems);
		} else if (fstatat(dfd, v[i].name, &cs, 0) < 0) {
			if (trail) /* a broken link: said */
				walk(l, sub.buf, problems, depth + 1, here, NULL);
		} else if (trail || S_ISDIR(cs.st_mode) ||
			   (S_ISREG(cs.st_mode) && looks_like_trail(v[i].name, sub.buf))) {
			walk(l, sub.buf, problems, depth + 1, here, &cs);
		}
		strbuf_release(&sub);
	}
	ys_dir_entries_free(v, n);
}

/* known: path's stat, found from its directory, or NULL */
static void walk(struct ys_trail_list *l, const char *path, size_t *problems, int depth,
		 const struct above *up, const struct stat *known)
{
	struct stat sb;

	memset(&sb, 0, sizeof(sb));
	if (known)
		sb = *known;
	else if (strcmp(path, "-") && stat(path, &sb) < 0) {
		ys_warn("cannot read '%s': %s", path, strerror(errno));
		++*problems;
		return;
	}
	if (strcmp(path, "-") && S_ISDIR(sb.st_mode)) {
		struct above here = {sb.st_dev, sb.st_ino, up};
		const struct above *a;
		int dfd;

		for (a = up; a; a = a->up)
			if (a->dev == sb.st_dev && a->ino == sb.st_ino)
				return; /* a link back to a folder being walked */
		if (depth > MAX_DEPTH || (dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
			ys_warn("cannot read '%s': %s", path,
				depth > MAX_DEPTH ? "nested too deep" : strerror(errno));
			++*problems;
			return;
		}
		walk_entries(l, path, dfd, &sb, problems, depth, &here);
		close(dfd);
		return;
	}
	add_file(l, path, sb.st_dev, sb.st_ino, problems);
}

void ys_trail_list_add(struct ys_trail_list *l, const char *path, int say_empty, size_t *problems)
{
	size_t before = l->n, had = *problems;

	walk(l, path, problems, 0, NULL, NULL);
	if (say_empty && l->n == before && *problems == had)
		ys_warn("'%s': no trail files in it (*.json, *.jsonl, *.ndjson, *.gz, or gzip or JSON "
			"under a name without a suffix)", path);
}

/* The delivery time in a CloudTrail file's name (..._20261001T0905Z_...): "20261001T0905",
 * or "" when it has none. */
static void name_time(const char *path, char out[14])
{
	const char *base = strrchr(path, '/'), *p;

	base = base ? base + 1 : path;
	out[0] = 0;
	for (p = base; *p; p++) {
		size_t i;

		for (i = 0; i < 13; i++)
			if (i == 8 ? p[i] != 'T' : (p[i] < '0' || p[i] > '9'))
				break;
		if (i == 13 && p[13] == 'Z') {
			memcpy(out, p, 13);
			out[13] = 0;
			return;
		}
	}
}

struct entry {
	char t[14];
	dev_t dev;
	ino_t ino;
	size_t i;
};

static int by_file(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int by_delivery(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->t, y->t);

	return c ? c : x->i < y->i ? -1 : x->i > y->i;
}

void ys_trail_list_order(struct ys_trail_list *l)
{
	struct entry *e = calloc(l->n + 1, sizeof(*e));
	char **sorted;
	size_t i, n = 0;

	if (!e || !(sorted = calloc(l->n + 1, sizeof(*sorted)))) {
		free(e);
		return; /* out of memory: read in the order found, duplicates and all */
	}
	for (i = 0; i < l->n; i++) {
		e[i].dev = l->dev[i];
		e[i].ino = l->ino[i];
		e[i].i = i;
	}
	/* the first name of each file stays (stdin has no identity: always kept) */
	qsort(e, l->n, sizeof(*e), by_file);
	for (i = 0; i < l->n; i++) {
		if (i && (e[i].dev || e[i].ino) && e[i].dev == e[i - 1].dev &&
		    e[i].ino == e[i - 1].ino) {
			free(l->path[e[i].i]);
			l->path[e[i].i] = NULL;
			continue;
		}
		e[n] = e[i];
		name_time(l->path[e[n].i], e[n].t);
		n++;
	}
	qsort(e, n, sizeof(*e), by_delivery);
	for (i = 0; i < n; i++)
		sorted[i] = l->path[e[i].i];
	free(l->path);
	l->path = sorted;
	l->n = n;
	l->cap = l->n + 1;
	free(e);
}

void ys_trail_list_release(struct ys_trail_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->path[i]);
	free(l->path);
	free(l->dev);
	free(l->ino);
	memset(l, 0, sizeof(*l));
}
