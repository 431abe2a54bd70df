/* source-git.c: git history scanned blob by blob: each unique blob once, attributed to the first
 * commit that brings it to a path (oldest first), instead of text diffs of every commit */
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/meter.h"
#include "../base/strbuf.h"
#include "history.h"
#include "rawobj.h"
#include "pool.h"
#include "source.h"
#include "../banned.h"

#define MAX_BLOB (64u << 20) /* larger blobs are listed as skipped, to keep memory bounded */

struct blob_job {
	git_oid oid;
	size_t commit; /* index into commits[], or (size_t)-1 for the index (staged) */
	char path[];
};

struct git_scan {
	const char *path;
	struct ys_secret_results *r;
	git_repository **repos; /* one per worker, opened on first use */
	git_oid *commits;
	size_t ncommits, capcommits;
};

struct blob_ctx {
	struct ys_secret_results *r;
	const struct blob_job *job;
};

static int on_hit(void *ctx, const struct ys_secret_hit *h)
{
	struct blob_ctx *c = ctx;

	/* commit details are filled in once the scan ends, only for what was found */
	ys_secret_results_add(c->r, h, c->job->path, NULL, NULL, NULL, 0,
			      (uint64_t)c->job->commit + 1);
	return 0;
}

static void skip_blob(struct git_scan *g, const struct blob_job *j, const char *why)
{
	char oid[GIT_OID_HEXSZ + 1], msg[256];

	git_oid_tostr(oid, sizeof(oid), &j->oid);
	snprintf(msg, sizeof(msg), "blob %.12s: %s", oid, why);
	ys_secret_results_skip(g->r, j->path, msg);
}

static void work_blob(void *arg, int worker, struct ys_secret_scanner *sc, void *item)
{
	struct git_scan *g = arg;
	struct blob_job *j = item;
	struct blob_ctx c = {g->r, j};
	git_blob *blob = NULL;
	git_odb *odb = NULL;
	size_t len = 0;
	git_object_t type;
	char hex[GIT_OID_HEXSZ + 1];
	int rc;

	if (!g->repos[worker] && git_repository_open(&g->repos[worker], g->path) < 0) {
		skip_blob(g, j, "cannot open repository");
		return;
	}
	if (git_repository_odb(&odb, g->repos[worker]) < 0 ||
	    git_odb_read_header(&len, &type, odb, &j->oid) < 0) {
		git_odb_free(odb);
		skip_blob(g, j, "object missing from the repository");
		return;
	}
	git_odb_free(odb);
	if (len > MAX_BLOB) {
		skip_blob(g, j, "larger than 64 MiB");
		return;
	}
	if (git_blob_lookup(&blob, g->repos[worker], &j->oid) < 0) {
		skip_blob(g, j, "cannot read object");
		return;
	}
	if (j->commit != (size_t)-1)
		git_oid_tostr(hex, sizeof(hex), &g->commits[j->commit]);
	ys_secret_scanner_context(sc, j->path, j->commit != (size_t)-1 ? hex : NULL);
	rc = ys_secret_scan_mem(sc, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
				on_hit, &c);
	pthread_mutex_lock(&g->r->mu);
	g->r->blobs++;
	g->r->bytes += (uint64_t)git_blob_rawsize(blob);
	g->r->binary += rc == YS_EUNSUP;
	pthread_mutex_unlock(&g->r->mu);
	if (j->commit == (size_t)-1) /* staged: blobs are the unit */
		ys_meter_add(g->r->meter, 1, (uint64_t)git_blob_rawsize(blob));
	else
		ys_meter_also(g->r->meter, 1, (uint64_t)git_blob_rawsize(blob));
	git_blob_free(blob);
}

/* Blob ids already queued: a blob is scanned once, however many commits hold it. */
struct oidset {
	git_oid *k;
	size_t n, cap;
};

static int oidset_add(struct oidset *s, const git_oid *id)
{
	size_t i;
	uint64_t h;

	if ((s->n + 1) * 2 > s->cap) {
		struct oidset t = {NULL, 0, s->cap ? s->cap * 2 : 1024};

		if (!(t.k = calloc(t.cap, sizeof(*t.k))))
			return -1;
		for (i = 0; i < s->cap; i++)
			if (!git_oid_is_zero(&s->k[i]))
				oidset_add(&t, &s->k[i]);
		free(s->k);
		*s = t;
	}
	memcpy(&h, id->id, sizeof(h));
	for (i = (size_t)h & (s->cap - 1); !git_oid_is_zero(&s->k[i]); i = (i + 1) & (s->cap - 1))
		if (!git_oid_cmp(&s->k[i], id))
			return 0;
	s->k[i] = *id;
	s->n++;
	return 1;
}

static void queue_blob(struct ys_pool *pool, struct oidset *seen, const git_oid *id,
		       const char *path, size_t plen, size_t commit)
{
	struct blob_job *j;

	if (oidset_add(seen, id) != 1)
		return;
	if (!(j = malloc(sizeof(*j) + plen + 1)))
		return;
	j->oid = *id;
	j->commit = commit;
	memcpy(j->path, path, plen);
	j->path[plen] = '\0';
	ys_pool_push(pool, j);
}

static void queue_delta(struct ys_pool *pool, struct oidset *seen, const git_diff_delta *d,
			size_t commit)
{
	if (d->status != GIT_DELTA_ADDED && d->status != GIT_DELTA_MODIFIED &&
	    d->status != GIT_DELTA_RENAMED && d->status != GIT_DELTA_COPIED &&
	    d->status != GIT_DELTA_TYPECHANGE)
		return;
	if (d->new_file.mode != GIT_FILEMODE_BLOB && d->new_file.mode != GIT_FILEMODE_BLOB_EXECUTABLE)
		return;
	queue_blob(pool, seen, &d->new_file.id, d->new_file.path, strlen(d->new_file.path), commit);
}

static void queue_diff(struct ys_pool *pool, struct oidset *seen, git_diff *diff, size_t commit)
{
	size_t i, n = git_diff_num_deltas(diff);

	for (i = 0; i < n; i++)
		queue_delta(pool, seen, git_diff_get_delta(diff, i), commit);
}

struct tree_walk {
	git_odb *odb;
	struct ys_pool *pool;
	struct oidset *seen;
	struct ys_secret_results *r;
	size_t commit;
	struct strbuf path;
	int depth;
};

static git_odb_object *read_tree(struct tree_walk *w, const unsigned char *raw_id)
{
	git_odb_object *o = NULL;
	git_oid id;

	git_oid_fromraw(&id, raw_id);
	if (git_odb_read(&o, w->odb, &id) < 0 || git_odb_object_type(o) != GIT_OBJECT_TREE) {
		git_odb_object_free(o);
		ys_secret_results_skip(w->r, w->path.len ? w->path.buf : ".", "tree object missing");
		return NULL;
	}
	return o;
}

static void compare_raw(struct tree_walk *w, const unsigned char *old_id, const unsigned char *new_id);

/* A new entry, beside the old entry of the same name (or NULL). */
static void walk_entry(struct tree_walk *w, const struct ys_raw_entry *ne, const struct ys_raw_entry *oe)
{
	size_t keep = w->path.len;

	if (oe && !memcmp(oe->id, ne->id, GIT_OID_RAWSZ))
		return;
	if (w->path.len)
		strbuf_addch(&w->path, '/');
	strbuf_add(&w->path, ne->name, ne->len);
	if (YS_RAW_IS_BLOB(ne->mode)) {
		git_oid id;

		git_oid_fromraw(&id, ne->id);
		queue_blob(w->pool, w->seen, &id, w->path.buf, w->path.len, w->commit);
	} else if (YS_RAW_IS_TREE(ne->mode) && w->depth < 512) {
		w->depth++;
		compare_raw(w, oe && YS_RAW_IS_TREE(oe->mode) ? oe->id : NULL, ne->id);
		w->depth--;
	}
	w->path.len = keep;
	w->path.buf[keep] = '\0';
}

/* Queues every blob that the new tree holds and the old one (NULL for none) does not,
 * descending only into subtrees whose ids differ: the cost follows the change, not the size
 * of the tree. Trees are read raw, without building libgit2's tree objects. */
/* How many leading bytes two buffers share. */
static size_t common_prefix(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
	size_t n = an < bn ? an : bn, i = 0;

	while (i + 64 <= n && !memcmp(a + i, b + i, 64))
		i += 64;
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

static void compare_raw(struct tree_walk *w, const unsigned char *old_id, const unsigned char *new_id)
{
	git_odb_object *oo = old_id ? read_tree(w, old_id) : NULL, *no = read_tree(w, new_id);
	const unsigned char *op = NULL, *oend = NULL, *ostart = NULL, *np, *nend;
	struct ys_raw_entry oe, ne;
	int ohave = 0, nhave;

	if (!no) {
		git_odb_object_free(oo);
		return;
	}
	np = git_odb_object_data(no);
	nend = np + git_odb_object_size(no);
	if (oo) {
		const unsigned char *o0 = git_odb_object_data(oo), *q = np, *skip = np;
		size_t d = common_prefix(o0, git_odb_object_size(oo), np, (size_t)(nend - np));

		/* entries wholly inside the common prefix are the same in both trees: skip them */
		while (ys_raw_tree_next(&q, nend, &ne) == 1 && (size_t)(q - np) <= d)
			skip = q;
		op = o0 + (skip - np);
		oend = o0 + git_odb_object_size(oo);
		np = skip;
		ostart = op;
		ohave = ys_raw_tree_next(&op, oend, &oe);
	}
	for (;;) {
		int c = 1;

		/* the rest of both trees the same: nothing more is new */
		if (ohave == 1 && nend - np == oend - ostart && !memcmp(np, ostart, (size_t)(nend - np)))
			break;
		if ((nhave = ys_raw_tree_next(&np, nend, &ne)) != 1)
			break;
		while (ohave == 1 && (c = ys_raw_entry_cmp(&oe, &ne)) < 0) {
			ostart = op; /* gone from the new tree */
			ohave = ys_raw_tree_next(&op, oend, &oe);
		}
		if (ohave != 1)
			c = 1;
		walk_entry(w, &ne, c == 0 ? &oe : NULL);
		if (c == 0) {
			ostart = op;
			ohave = ys_raw_tree_next(&op, oend, &oe);
		}
	}
	if (nhave < 0)
		ys_secret_results_skip(w->r, w->path.len ? w->path.buf : ".", "malformed tree object");
	git_odb_object_free(oo);
	git_odb_object_free(no);
}

static void record_commit(struct git_scan *g, const git_oid *id)
{
	if (g->ncommits == g->capcommits) {
		size_t cap = g->capcommits ? g->capcommits * 2 : 1024;
		git_oid *n = realloc(g->commits, cap * sizeof(*n));

		if (!n)
			return;
		g->commits = n;
		g->capcommits = cap;
	}
	g->commits[g->ncommits++] = *id;
}

static void walk_history(struct git_scan *g, git_repository *repo, const struct ys_history *h,
			 struct ys_pool *pool, struct oidset *seen)
{
	struct tree_walk w = {NULL, pool, seen, g->r, 0, STRBUF_INIT, 0};
	size_t i;

	if (git_repository_odb(&w.odb, repo) < 0) {
		ys_secret_results_skip(g->r, g->path, "cannot open the object database");
		return;
	}
	for (i = 0; i < h->n; i++) {
		const struct ys_history_commit *c = &h->c[i];

		record_commit(g, &c->id);
		w.commit = g->ncommits - 1;
		strbuf_reset(&w.path);
		if (strbuf_grow(&w.path, 256) == 0)
			compare_raw(&w, c->has_parent ? c->parent_tree.id : NULL, c->tree.id);
		pthread_mutex_lock(&g->r->mu);
		g->r->commits++;
		pthread_mutex_unlock(&g->r->mu);
		ys_meter_add(g->r->meter, 1, 0);
	}
	strbuf_release(&w.path);
	git_odb_free(w.odb);
}

/* Says what a shallow or damaged history lacks, rather than passing over it in silence. */
static void note_missing(struct git_scan *g, const struct ys_history *h)
{
	char msg[200];

	if (!h->missing)
		return;
	if (h->shallow)
		snprintf(msg, sizeof(msg),
			 "shallow clone: the history before its oldest commits is not there (%zu "
			 "parent commits); their files count as added by those commits",
			 h->missing);
	else
		snprintf(msg, sizeof(msg), "%zu commits are missing from the repository",
			 h->missing);
	ys_secret_results_skip(g->r, g->path, msg);
}

static int queue_staged(struct git_scan *g, git_repository *repo, struct ys_pool *pool,
			struct oidset *seen, struct ys_error *err)
{
	git_diff_options dopt;
	git_object *head = NULL;
	git_tree *tree = NULL;
	git_index *index = NULL;
	git_diff *diff = NULL;
	int rc = 0;

	git_diff_options_init(&dopt, GIT_DIFF_OPTIONS_VERSION);
	dopt.flags = GIT_DIFF_SKIP_BINARY_CHECK;
	if (git_revparse_single(&head, repo, "HEAD^{tree}") == 0)
		tree = (git_tree *)head; /* no HEAD yet: everything staged is new */
	if (git_repository_index(&index, repo) < 0 ||
	    git_diff_tree_to_index(&diff, repo, tree, index, &dopt) < 0)
		rc = ys_error_set(err, YS_EIO, "'%s': cannot read the index: %s", g->path,
				  git_error_last() ? git_error_last()->message : "unknown error");
	else
		queue_diff(pool, seen, diff, (size_t)-1);
	git_diff_free(diff);
	git_index_free(index);
	git_object_free(head);
	return rc;
}

/* Names the commit, author and date of each finding from its commit index. */
static int fill_commits(struct git_scan *g, git_repository *repo)
{
	size_t i;

	for (i = 0; i < g->r->n; i++) {
		struct ys_secret_finding *f = &g->r->f[i];
		git_commit *c = NULL;
		const git_signature *a;
		char hex[GIT_OID_HEXSZ + 1];

		if (f->order == 0 || f->order > g->ncommits)
			continue;
		git_oid_tostr(hex, sizeof(hex), &g->commits[f->order - 1]);
		if (!(f->commit = strdup(hex)))
			return YS_ENOMEM;
		if (git_commit_lookup(&c, repo, &g->commits[f->order - 1]) < 0)
			continue;
		a = git_commit_author(c);
		f->author = strdup(a->name ? a->name : "");
		f->email = strdup(a->email ? a->email : "");
		f->date = (int64_t)a->when.time;
		git_commit_free(c);
	}
	return 0;
}

int ys_is_git_repo(const char *path)
{
	git_repository *repo = NULL;
	int ok;

	git_libgit2_init();
	ok = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0;
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ok;
}

int ys_secrets_scan_git(const struct ys_secrets_opts *o, const char *path,
			struct ys_secret_results *r, struct ys_error *err)
{
	struct git_scan g = {path, r, NULL, NULL, 0, 0};
	struct oidset seen = {NULL, 0, 0};
	git_repository *repo = NULL;
	struct ys_history hist = {NULL, 0, 0, 0};
	struct ys_error herr = {0};
	struct ys_pool *pool = NULL;
	int rc = 0, i, threads = o->threads < 1 ? 1 : o->threads;

	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB, (size_t)0);
	/* memory stays flat whatever the history's size: libgit2 would keep up to 256 MB of trees
	 * and commits in each repository's cache, and map packs in 1 GB windows up to 8 GB (1.7 GB
	 * at the peak on a rocksdb-sized history; 160 MB with these) */
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)(16 << 20));
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)(32 << 20));
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)(64 << 20));
	/* as git itself when it reads objects: zlib's checksum guards the data, and hashing every
	 * object again with collision-detecting SHA-1 cost three quarters of a history walk */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0) {
		rc = ys_error_set(err, YS_EIO, "cannot open git repository '%s': %s", path,
				  git_error_last() ? git_error_last()->message : "unknown error");
		goto out;
	}
	if (!(g.repos = calloc((size_t)threads, sizeof(*g.repos))) ||
	    ys_pool_start(&pool, threads, o->rs, work_blob, &g)) {
		rc = ys_error_set(err, YS_ENOMEM, "cannot start scanning threads");
		goto out;
	}
	ys_meter_phase(r->meter, o->staged ? "scanning staged files" : "reading history",
		       o->staged ? "blobs" : "commits", 0, NULL);
	if (o->staged) {
		rc = queue_staged(&g, repo, pool, &seen, err);
	} else if ((rc = ys_history_build(repo, o->since, o->range, &hist, &herr)) != 0) {
		rc = ys_error_set(err, rc, "'%s': %s", path, herr.msg);
	} else {
		note_missing(&g, &hist);
		ys_meter_phase(r->meter, "scanning history", "commits", hist.n, "blobs");
		walk_history(&g, repo, &hist, pool, &seen);
	}
	ys_pool_finish(pool);
	pool = NULL;
	if (rc == 0)
		rc = fill_commits(&g, repo);
out:
	if (pool)
		ys_pool_finish(pool);
	if (g.repos)
		for (i = 0; i < threads; i++)
			git_repository_free(g.repos[i]);
	free(g.repos);
	free(g.commits);
	free(seen.k);
	ys_history_release(&hist);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return rc;
}
