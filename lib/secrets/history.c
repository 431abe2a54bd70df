/* history.c: a compact commit graph, walked depth-first into an order where parents come
 * first; parents that are not in the repository (shallow clones) end the walk there */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "history.h"
#include "rawobj.h"
#include "../banned.h"

enum { N_PARSED = 1, N_MISSING = 2, N_HIDDEN = 4, N_DONE = 8, N_ONSTACK = 16 };

struct node {
	git_oid id;
	git_oid tree;
	uint32_t parents; /* index into graph.par */
	uint32_t nparents;
	uint8_t flags;
};

struct graph {
	git_repository *repo;
	git_odb *odb;
	struct node *v;
	size_t n, cap;
	uint32_t *map; /* open addressing: node index + 1, 0 for empty */
	size_t mapcap;
	uint32_t *par;
	size_t npar, parcap;
};

static size_t slot(const git_oid *id, size_t cap)
{
	uint64_t h;

	memcpy(&h, id->id, sizeof(h));
	return (size_t)h & (cap - 1);
}

static int grow_map(struct graph *g)
{
	size_t cap = g->mapcap ? g->mapcap * 2 : 4096, i;
	uint32_t *m = calloc(cap, sizeof(*m));

	if (!m)
		return -1;
	for (i = 0; i < g->n; i++) {
		size_t s = slot(&g->v[i].id, cap);

		while (m[s])
			s = (s + 1) & (cap - 1);
		m[s] = (uint32_t)i + 1;
	}
	free(g->map);
	g->map = m;
	g->mapcap = cap;
	return 0;
}

/* The node for id, made when first seen; (size_t)-1 when out of memory. */
static size_t node_of(struct graph *g, const git_oid *id)
{
	size_t s;

	if ((g->n + 1) * 2 > g->mapcap && grow_map(g))
		return (size_t)-1;
	for (s = slot(id, g->mapcap); g->map[s]; s = (s + 1) & (g->mapcap - 1))
		if (!git_oid_cmp(&g->v[g->map[s] - 1].id, id))
			return g->map[s] - 1;
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 1024;
		struct node *v = realloc(g->v, cap * sizeof(*v));

		if (!v || g->n >= UINT32_MAX - 1)
			return (size_t)-1;
		g->v = v;
		g->cap = cap;
	}
	memset(&g->v[g->n], 0, sizeof(g->v[g->n]));
	g->v[g->n].id = *id;
	g->map[s] = (uint32_t)g->n + 1;
	return g->n++;
}

/* Adds a parent to the commit being parsed. */
static int add_parent(struct graph *g, const git_oid *id)
{
	size_t p;

	if (g->npar == g->parcap) {
		size_t cap = g->parcap ? g->parcap * 2 : 1024;
		uint32_t *np = realloc(g->par, cap * sizeof(*np));

		if (!np)
			return -1;
		g->par = np;
		g->parcap = cap;
	}
	if ((p = node_of(g, id)) == (size_t)-1)
		return -1;
	g->par[g->npar++] = (uint32_t)p;
	return 0;
}

static int on_parent(void *ctx, const git_oid *id)
{
	return add_parent(ctx, id);
}

/* Reads a commit's tree and parents once, from its raw header ("tree <hex>", "parent <hex>"),
 * which is all the walk needs. */
static int parse(struct graph *g, size_t i)
{
	git_odb_object *o = NULL;
	git_oid id = g->v[i].id, tree;
	uint32_t first = (uint32_t)g->npar, np = 0;
	int bad;

	if (g->v[i].flags & (N_PARSED | N_MISSING))
		return 0;
	if (git_odb_read(&o, g->odb, &id) < 0 || git_odb_object_type(o) != GIT_OBJECT_COMMIT) {
		git_odb_object_free(o);
		g->v[i].flags |= N_MISSING;
		return 0;
	}
	/* parents are added as nodes, which may move g->v: i is an index, not a pointer */
	bad = ys_raw_commit_parse(git_odb_object_data(o), git_odb_object_size(o), &tree,
				  on_parent, g, &np);
	git_odb_object_free(o);
	if (bad && np == (uint32_t)-1)
		return -1; /* out of memory */
	if (bad) {
		g->npar = first;
		g->v[i].flags |= N_MISSING;
		return 0;
	}
	g->v[i].tree = tree;
	g->v[i].parents = first;
	g->v[i].nparents = np;
	g->v[i].flags |= N_PARSED;
	return 0;
}

struct frame {
	uint32_t node;
	uint32_t next; /* next parent to visit */
};

/* Depth-first from start: marks hidden (hide) or appends to h in post-order, parents first. */
static int visit(struct graph *g, size_t start, int hide, struct ys_history *h, size_t *hcap)
{
	struct frame *st = NULL;
	size_t n = 0, cap = 0;
	uint8_t mark = hide ? N_HIDDEN : N_DONE;
	int rc = 0;

	if (g->v[start].flags & (mark | N_HIDDEN))
		return 0;
	cap = 256;
	if (!(st = malloc(cap * sizeof(*st))))
		return -1;
	st[n++] = (struct frame){(uint32_t)start, 0};
	g->v[start].flags |= N_ONSTACK;
	while (n > 0) {
		struct frame *f = &st[n - 1];
		struct node *v = &g->v[f->node];

		if (parse(g, f->node)) {
			rc = -1;
			break;
		}
		v = &g->v[f->node]; /* parse may move the nodes */
		if (f->next < v->nparents) {
			uint32_t p = g->par[v->parents + f->next++];

			if (g->v[p].flags & (mark | N_HIDDEN | N_ONSTACK))
				continue;
			if (n == cap) {
				struct frame *ns = realloc(st, 2 * cap * sizeof(*st));

				if (!ns) {
					rc = -1;
					break;
				}
				st = ns;
				cap *= 2;
			}
			g->v[p].flags |= N_ONSTACK;
			st[n++] = (struct frame){p, 0};
			continue;
		}
		/* every parent done: this commit comes next */
		v->flags = (uint8_t)((v->flags & ~N_ONSTACK) | mark);
		n--;
		if (hide || (v->flags & N_MISSING))
			continue;
		if (h->n == *hcap) {
			size_t nc = *hcap ? *hcap * 2 : 1024;
			struct ys_history_commit *c = realloc(h->c, nc * sizeof(*c));

			if (!c) {
				rc = -1;
				break;
			}
			h->c = c;
			*hcap = nc;
		}
		h->c[h->n].id = v->id;
		h->c[h->n].tree = v->tree;
		h->c[h->n].has_parent = 0;
		if (v->nparents > 0) {
			const struct node *p = &g->v[g->par[v->parents]];

			if (p->flags & N_PARSED) {
				h->c[h->n].parent_tree = p->tree;
				h->c[h->n].has_parent = 1;
			}
		}
		h->n++;
	}
	free(st);
	return rc;
}

static int tip(struct graph *g, const git_oid *id, size_t *out)
{
	size_t i = node_of(g, id);

	if (i == (size_t)-1)
		return -1;
	*out = i;
	return 0;
}

static int resolve(git_repository *repo, const char *rev, git_oid *out, struct ys_error *err)
{
	git_object *obj = NULL;

	if (git_revparse_single(&obj, repo, rev) < 0) {
		return ys_error_set(err, YS_EINVAL, "unknown revision '%s'", rev);
	}
	if (git_object_peel((git_object **)&obj, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(obj);
		return ys_error_set(err, YS_EINVAL, "revision '%s' is not a commit", rev);
	}
	*out = *git_object_id(obj);
	git_object_free(obj);
	return 0;
}

/* Every ref that leads to a commit, and HEAD, in the order the refs come. */
static int ref_tips(git_repository *repo, git_oid **out, size_t *n)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	git_oid *v = NULL, head;
	size_t cap = 0;
	git_object *obj;

	*n = 0;
	if (git_reference_iterator_new(&it, repo) == 0) {
		while (git_reference_next(&ref, it) == 0) {
			obj = NULL;
			if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0) {
				if (*n == cap) {
					git_oid *nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));

					if (!nv) {
						git_object_free(obj);
						git_reference_free(ref);
						break;
					}
					v = nv;
				}
				v[(*n)++] = *git_object_id(obj);
				git_object_free(obj);
			}
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
	}
	if (git_reference_name_to_id(&head, repo, "HEAD") == 0) {
		git_oid *nv = realloc(v, (*n + 1) * sizeof(*v));

		if (nv) {
			v = nv;
			v[(*n)++] = head;
		}
	}
	*out = v;
	return 0;
}

int ys_history_build(git_repository *repo, const char *since, const char *range,
		     struct ys_history *h, struct ys_error *err)
{
	struct graph g;
	git_oid *tips = NULL, hid;
	size_t ntips = 0, hcap = 0, i, idx;
	int rc = 0, have_hide = 0;

	memset(&g, 0, sizeof(g));
	memset(h, 0, sizeof(*h));
	g.repo = repo;
	if (git_repository_odb(&g.odb, repo) < 0)
		return ys_error_set(err, YS_EIO, "cannot open the object database");
	h->shallow = git_repository_is_shallow(repo) == 1;
	if (range) {
		const char *dots = strstr(range, "..");
		char a[256];

		if (!dots || dots[2] == '.' || (size_t)(dots - range) >= sizeof(a))
			return ys_error_set(err, YS_EINVAL, "bad revision range '%s' (expected A..B)",
					    range);
		memcpy(a, range, (size_t)(dots - range));
		a[dots - range] = '\0';
		if (!(tips = malloc(sizeof(*tips))))
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		ntips = 1;
		if ((rc = resolve(repo, a[0] ? a : "HEAD", &hid, err)) ||
		    (rc = resolve(repo, dots[2] ? dots + 2 : "HEAD", &tips[0], err)))
			goto out;
		have_hide = 1;
	} else {
		ref_tips(repo, &tips, &ntips);
		if (since) {
			if ((rc = resolve(repo, since, &hid, err)))
				goto out;
			have_hide = 1;
		}
	}
	if (have_hide && (tip(&g, &hid, &idx) || visit(&g, idx, 1, h, &hcap)))
		goto oom;
	for (i = 0; i < ntips; i++)
		if (tip(&g, &tips[i], &idx) || visit(&g, idx, 0, h, &hcap))
			goto oom;
	for (i = 0; i < g.n; i++)
		h->missing += (g.v[i].flags & N_MISSING) != 0;
	goto out;
oom:
	rc = ys_error_set(err, YS_ENOMEM, "out of memory walking the history");
out:
	free(tips);
	git_odb_free(g.odb);
	free(g.v);
	free(g.map);
	free(g.par);
	return rc;
}

void ys_history_release(struct ys_history *h)
{
	free(h->c);
	memset(h, 0, sizeof(*h));
}
