/* toml-tree.c: the TOML reader's tree: values in the arena, arrays that grow, tables' keys in
 * document order with a hash index once they are many, and the lookups callers use */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "toml-impl.h"
#include "../banned.h"

#define TOML_INDEXED 8 /* a table this many keys long gets its hash index */

int ys_toml_new(struct toml_parser *ps, enum ys_toml_type t, const char *at, int depth,
		struct ys_toml_value **out)
{
	struct ys_toml_value *v;

	if (depth > YS_TOML_MAX_DEPTH)
		return ys_toml_fail(ps, at, "nested deeper than %d tables and arrays",
				    YS_TOML_MAX_DEPTH);
	if (!(v = ys_arena_alloc(&ps->doc->arena, sizeof(*v))))
		return ys_toml_nomem(ps);
	memset(v, 0, sizeof(*v));
	v->type = t;
	v->depth = (uint8_t)depth;
	v->line = ys_toml_line_at(ps, at);
	if (t == YS_TOML_TABLE)
		v->u.t.seed = ps->seed;
	*out = v;
	return 0;
}

/* Makes room for one more of n elements of size elem at *pp (capacity *cap) in the arena. */
static int arena_grow(struct toml_parser *ps, void *pp, size_t *cap, size_t n, size_t elem)
{
	void *old, *p;

	if (n < *cap)
		return 0;
	memcpy(&old, pp, sizeof(old));
	if (!(p = ys_arena_alloc(&ps->doc->arena, (*cap ? *cap * 2 : 4) * elem)))
		return ys_toml_nomem(ps);
	if (n)
		memcpy(p, old, n * elem);
	memcpy(pp, &p, sizeof(p));
	*cap = *cap ? *cap * 2 : 4;
	return 0;
}

int ys_toml_push(struct toml_parser *ps, struct ys_toml_value *a, struct ys_toml_value *item)
{
	if (arena_grow(ps, &a->u.a.items, &a->u.a.cap, a->len, sizeof(*a->u.a.items)))
		return ys_toml_nomem(ps);
	a->u.a.items[a->len++] = item;
	return 0;
}

struct toml_entry *ys_toml_find(const struct ys_toml_value *t, const char *key, size_t klen,
				uint64_t h)
{
	struct toml_entry *e;
	size_t i, mask = t->u.t.nslots - 1;

	if (!t->u.t.nslots) {
		for (i = 0; i < t->len; i++) {
			e = &t->u.t.ents[i];
			if (e->hash == h && e->klen == klen && !memcmp(e->key, key, klen))
				return e;
		}
		return NULL;
	}
	for (i = h & mask; t->u.t.slots[i]; i = (i + 1) & mask) {
		e = &t->u.t.ents[t->u.t.slots[i] - 1];
		if (e->hash == h && e->klen == klen && !memcmp(e->key, key, klen))
			return e;
	}
	return NULL;
}

static void place(struct ys_toml_value *t, size_t idx)
{
	size_t mask = t->u.t.nslots - 1, i = t->u.t.ents[idx].hash & mask;

	while (t->u.t.slots[i])
		i = (i + 1) & mask;
	t->u.t.slots[i] = (uint32_t)idx + 1;
}

/* The hash index, twice as large as before, holding every key (kept at most half full) */
static int reindex(struct toml_parser *ps, struct ys_toml_value *t)
{
	size_t n = t->u.t.nslots ? t->u.t.nslots * 2 : 4 * TOML_INDEXED, i;

	if (n > UINT32_MAX || !(t->u.t.slots = ys_arena_alloc(&ps->doc->arena, n * 4)))
		return ys_toml_nomem(ps);
	memset(t->u.t.slots, 0, n * 4);
	t->u.t.nslots = n;
	for (i = 0; i < t->len; i++)
		place(t, i);
	return 0;
}

int ys_toml_insert(struct toml_parser *ps, struct ys_toml_value *t, const struct toml_key_part *kp,
		   struct ys_toml_value *v)
{
	struct toml_entry *e;
	char *key = (char *)kp->s;

	if (kp->bare) {
		if (!(key = ys_arena_alloc(&ps->doc->arena, kp->len + 1)))
			return ys_toml_nomem(ps);
		memcpy(key, kp->s, kp->len);
		key[kp->len] = '\0';
	}
	if (arena_grow(ps, &t->u.t.ents, &t->u.t.cap, t->len, sizeof(*t->u.t.ents)))
		return ys_toml_nomem(ps);
	e = &t->u.t.ents[t->len++];
	e->key = key;
	e->klen = kp->len;
	e->hash = kp->hash;
	e->val = v;
	if (t->len >= TOML_INDEXED && t->len * 2 > t->u.t.nslots)
		return reindex(ps, t);
	if (t->u.t.nslots)
		place(t, t->len - 1);
	return 0;
}

void ys_toml_free(struct ys_toml *doc)
{
	if (!doc)
		return;
	ys_arena_release(&doc->arena);
	free(doc);
}

const struct ys_toml_value *ys_toml_root(const struct ys_toml *doc)
{
	return doc ? doc->root : NULL;
}

enum ys_toml_type ys_toml_type(const struct ys_toml_value *v)
{
	return v->type;
}

const char *ys_toml_type_name(enum ys_toml_type t)
{
	static const char *const names[] = {"string",	 "integer", "float", "boolean",
					    "date-time", "array",   "table"};

	return (unsigned)t < sizeof(names) / sizeof(names[0]) ? names[t] : "unknown";
}

size_t ys_toml_line(const struct ys_toml_value *v)
{
	return v ? v->line : 0;
}

const struct ys_toml_value *ys_toml_get(const struct ys_toml_value *table, const char *key)
{
	const struct toml_entry *e;
	size_t n;

	if (!table || table->type != YS_TOML_TABLE || !key)
		return NULL;
	n = strlen(key);
	e = ys_toml_find(table, key, n, ys_hash_mem(table->u.t.seed, key, n));
	return e ? e->val : NULL;
}

size_t ys_toml_count(const struct ys_toml_value *v)
{
	return v && (v->type == YS_TOML_ARRAY || v->type == YS_TOML_TABLE) ? v->len : 0;
}

const struct ys_toml_value *ys_toml_at(const struct ys_toml_value *v, size_t i)
{
	if (i >= ys_toml_count(v))
		return NULL;
	return v->type == YS_TOML_ARRAY ? v->u.a.items[i] : v->u.t.ents[i].val;
}

const char *ys_toml_key_at(const struct ys_toml_value *table, size_t i)
{
	if (!table || table->type != YS_TOML_TABLE || i >= table->len)
		return NULL;
	return table->u.t.ents[i].key;
}

const char *ys_toml_str(const struct ys_toml_value *v, size_t *len)
{
	int ok = v && v->type == YS_TOML_STRING;

	if (len)
		*len = ok ? v->len : 0;
	return ok ? v->u.s : NULL;
}

const char *ys_toml_datetime(const struct ys_toml_value *v)
{
	return v && v->type == YS_TOML_DATETIME ? v->u.s : NULL;
}

int64_t ys_toml_int(const struct ys_toml_value *v)
{
	return v && v->type == YS_TOML_INTEGER ? v->u.i : 0;
}

double ys_toml_float(const struct ys_toml_value *v)
{
	if (v && v->type == YS_TOML_INTEGER)
		return (double)v->u.i;
	return v && v->type == YS_TOML_FLOAT ? v->u.f : 0.0;
}

int ys_toml_bool(const struct ys_toml_value *v)
{
	return v && v->type == YS_TOML_BOOL ? v->u.b : 0;
}
