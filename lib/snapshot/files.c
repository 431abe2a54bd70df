/* files.c: walking a snapshot folder for its files, in a stable order */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "files.h"
#include "../base/dir.h"
#include "../base/grow.h"
#include "../base/strbuf.h"
#include "../banned.h"

/* DESIGN.md's layout is <region>/<service>/<operation>/<resource>.json: four levels */
#define MAX_DEPTH 6

struct walk {
	char **rels;
	size_t n, cap;
	int nomem;
};

static void walk(struct walk *w, const char *root, struct strbuf *rel, int depth)
{
	struct strbuf path = STRBUF_INIT;
	char **names;
	size_t n, i, keep = rel->len;
	struct stat st;

	strbuf_addf(&path, "%s%s%s", root, rel->len ? "/" : "", rel->len ? rel->buf : "");
	if (ys_dir_names(path.buf ? path.buf : root, &names, &n) < 0) {
		strbuf_release(&path);
		return;
	}
	for (i = 0; i < n && !w->nomem; i++) {
		strbuf_addf(rel, "%s%s", keep ? "/" : "", names[i]);
		strbuf_setlen(&path, 0);
		strbuf_addf(&path, "%s/%s", root, rel->buf);
		if (!stat(path.buf, &st)) {
			if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
				walk(w, root, rel, depth + 1);
			} else if (S_ISREG(st.st_mode) && strcmp(rel->buf, "snapshot.json")) {
				char *copy = strdup(rel->buf);

				if (!copy || ys_grow(&w->rels, &w->cap, w->n, sizeof(char *), 64)) {
					free(copy);
					w->nomem = 1;
				} else {
					w->rels[w->n++] = copy;
				}
			}
		}
		strbuf_setlen(rel, keep);
	}
	ys_dir_names_free(names, n);
	strbuf_release(&path);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int ys_snapshot_files(const char *dir, char ***rels, size_t *n, struct ys_error *err)
{
	struct walk w = {0};
	struct strbuf rel = STRBUF_INIT;
	struct stat st;

	*rels = NULL;
	*n = 0;
	if (stat(dir, &st))
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return ys_error_set(err, YS_EIO, "cannot read '%s': not a folder", dir);
	walk(&w, dir, &rel, 0);
	strbuf_release(&rel);
	if (w.nomem) {
		ys_dir_names_free(w.rels, w.n);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	if (w.n)
		qsort(w.rels, w.n, sizeof(char *), cmp);
	*rels = w.rels;
	*n = w.n;
	return 0;
}
