/* known.c: reading the vendors' account lists (YAML) into one table sorted by account id */
#include <stdlib.h>
#include <string.h>
#include "known.h"
#include "../base/embedded.h"
#include "../base/file.h"
#include "../base/grow.h"
#include "../iam/principal.h"
#include "../yaml/ydoc.h"
#include "../banned.h"

#define BUILTIN "data/known-aws-accounts.yaml"

static const char *keep(struct ys_known *k, const char *s)
{
	char *d;

	if (!s || ys_grow(&k->strs, &k->strs_cap, k->nstrs, sizeof(*k->strs), 64) || !(d = strdup(s)))
		return NULL;
	k->strs[k->nstrs++] = d;
	return d;
}

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct ys_known_account *)a)->id, ((const struct ys_known_account *)b)->id);
}

/* one entry: {name, accounts, source?, type?, enabled?} */
static int entry(struct ys_known *k, const struct ys_ynode *e, const char *where, struct ys_error *err)
{
	const struct ys_ynode *name = ys_ymap_get(e, "name"), *acc = ys_ymap_get(e, "accounts");
	const struct ys_ynode *src = ys_ymap_get(e, "source"), *type = ys_ymap_get(e, "type");
	const struct ys_ynode *on = ys_ymap_get(e, "enabled");
	const char *nm, *first = NULL;
	size_t i;

	if (e->type != YS_Y_MAP || !name || !ys_yscalar(name) || !*ys_yscalar(name))
		return ys_error_set(err, YS_EPARSE, "%s: line %zu: an entry without a name", where, e->line);
	if (!acc || acc->type != YS_Y_LIST)
		return ys_error_set(err, YS_EPARSE, "%s: line %zu: %s has no list of accounts", where,
				    e->line, ys_yscalar(name));
	if (src && src->type == YS_Y_LIST && src->n)
		first = ys_yscalar(src->items[0]);
	else if (src)
		first = ys_yscalar(src);
	if (!(nm = keep(k, ys_yscalar(name))) || (first && !(first = keep(k, first))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < acc->n; i++) {
		const char *id = ys_yscalar(acc->items[i]);
		struct ys_known_account *a;

		if (!id || !ys_is_account_id(id))
			return ys_error_set(err, YS_EPARSE, "%s: line %zu: %s: '%s' is not a 12-digit account id",
					    where, acc->items[i]->line, nm, id ? id : "(a list)");
		if (ys_grow(&k->v, &k->cap, k->n, sizeof(*k->v), 256))
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		a = &k->v[k->n++];
		memset(a, 0, sizeof(*a));
		memcpy(a->id, id, 13);
		a->name = nm;
		a->source = first;
		a->from = where;
		a->aws = type && ys_yscalar(type) && !strcmp(ys_yscalar(type), "aws");
		a->retired = on && ys_yscalar(on) && !strcmp(ys_yscalar(on), "false");
	}
	return 0;
}

/* sorted by id; for an id listed twice the last one read stays */
static void settle(struct ys_known *k)
{
	size_t i, o = 0;

	/* a stable sort (insertion: a few hundred ids), so entries read later come later */
	for (i = 1; i < k->n; i++) {
		struct ys_known_account t = k->v[i];
		size_t j = i;

		while (j > 0 && by_id(&k->v[j - 1], &t) > 0) {
			k->v[j] = k->v[j - 1];
			j--;
		}
		k->v[j] = t;
	}
	for (i = 0; i < k->n; i++) {
		if (o && !strcmp(k->v[o - 1].id, k->v[i].id))
			o--;
		k->v[o++] = k->v[i];
	}
	k->n = o;
}

int ys_known_add_text(struct ys_known *k, const char *text, size_t len, const char *where,
		      struct ys_error *err)
{
	struct ys_ynode *root;
	const char *w;
	size_t i;
	int rc;

	if (!(w = keep(k, where)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if ((rc = ys_yaml_parse(text, len, &root, err))) {
		char why[sizeof(err->msg)];

		memcpy(why, err->msg, sizeof(why));
		return ys_error_set(err, rc, "%s: %s", w, why);
	}
	if (root->type != YS_Y_LIST)
		rc = ys_error_set(err, YS_EPARSE, "%s: line %zu: not a list of vendors", w, root->line);
	for (i = 0; !rc && i < root->n; i++)
		rc = entry(k, root->items[i], w, err);
	ys_ynode_free(root);
	settle(k);
	return rc;
}

int ys_known_builtin(struct ys_known *k, struct ys_error *err)
{
	const struct ys_embedded_file *f = ys_embedded_find(ys_embedded_data, BUILTIN);

	memset(k, 0, sizeof(*k));
	if (!f)
		return ys_error_set(err, YS_EINVAL, BUILTIN " is not compiled in");
	return ys_known_add_text(k, f->text, f->len, "built in", err);
}

int ys_known_add_file(struct ys_known *k, const char *path, struct ys_error *err)
{
	char *buf;
	size_t len;
	int rc;

	if ((rc = ys_read_file(path, 16u << 20, &buf, &len, err)))
		return rc;
	rc = ys_known_add_text(k, buf, len, path, err);
	free(buf);
	return rc;
}

const struct ys_known_account *ys_known_find(const struct ys_known *k, const char *id)
{
	struct ys_known_account key;

	if (!id || !ys_is_account_id(id) || !k->n)
		return NULL;
	memcpy(key.id, id, 13);
	return bsearch(&key, k->v, k->n, sizeof(*k->v), by_id);
}

void ys_known_release(struct ys_known *k)
{
	size_t i;

	for (i = 0; i < k->nstrs; i++)
		free(k->strs[i]);
	free(k->strs);
	free(k->v);
	memset(k, 0, sizeof(*k));
}
