/* fieldlit.c: per field, an open-addressed hash table from a value to the rules that need it,
 * and the pieces its values must contain */
#define _GNU_SOURCE
#include <hs/hs.h>
#include <stdlib.h>
#include <string.h>
#include "../base/err.h"
#include "../base/grow.h"
#include "../base/hash.h"
#include "fieldlit.h"
#include "../banned.h"

struct slot {
	char *text; /* NULL: empty */
	size_t len;
	uint64_t hash;
	uint32_t *rules;
	size_t nrules, cap;
	int starts; /* a piece the value must start with, not merely contain */
};

struct field {
	char *path;
	int cased;
	struct slot *slots; /* values to equal */
	size_t nslots, used, maxlen; /* nslots a power of two, at most half used */
	struct slot *pieces; /* values to contain */
	size_t npieces, cappieces;
	hs_database_t *db; /* the pieces, when there are many: one vectorscan pass a value */
};

struct ys_fieldlit {
	struct field *f;
	size_t n, cap;
};

static uint64_t hash_bytes(const char *s, size_t len)
{
	return ys_hash_mem(YS_HASH_SEED, s, len);
}

static struct slot *probe(const struct field *f, const char *s, size_t len, uint64_t h)
{
	size_t i = (size_t)h & (f->nslots - 1);

	for (;; i = (i + 1) & (f->nslots - 1)) {
		struct slot *sl = &f->slots[i];

		if (!sl->text || (sl->hash == h && sl->len == len && !memcmp(sl->text, s, len)))
			return sl;
	}
}

static int grow_table(struct field *f)
{
	size_t i, n = f->nslots ? f->nslots * 2 : 16;
	struct field bigger = *f;

	if (!(bigger.slots = calloc(n, sizeof(*bigger.slots))))
		return YS_ENOMEM;
	bigger.nslots = n;
	for (i = 0; i < f->nslots; i++)
		if (f->slots[i].text)
			*probe(&bigger, f->slots[i].text, f->slots[i].len, f->slots[i].hash) =
			    f->slots[i];
	free(f->slots);
	*f = bigger;
	return 0;
}

static struct field *field_of(struct ys_fieldlit *set, const char *path, int cased)
{
	struct field *f;
	size_t i;

	for (i = 0; i < set->n; i++)
		if (set->f[i].cased == cased && !strcmp(set->f[i].path, path))
			return &set->f[i];
	if (ys_grow(&set->f, &set->cap, set->n, sizeof(*set->f), 4))
		return NULL;
	f = &set->f[set->n];
	memset(f, 0, sizeof(*f));
	if (!(f->path = strdup(path)) || grow_table(f)) {
		free(f->path);
		return NULL;
	}
	f->cased = cased;
	set->n++;
	return f;
}

/* The piece's slot, made when new. */
static struct slot *piece_of(struct field *f, const char *value, size_t len, int starts)
{
	size_t i;

	for (i = 0; i < f->npieces; i++)
		if (f->pieces[i].len == len && f->pieces[i].starts == starts &&
		    !memcmp(f->pieces[i].text, value, len))
			return &f->pieces[i];
	if (ys_grow(&f->pieces, &f->cappieces, f->npieces, sizeof(*f->pieces), 4))
		return NULL;
	memset(&f->pieces[f->npieces], 0, sizeof(*f->pieces));
	f->pieces[f->npieces].starts = starts;
	return &f->pieces[f->npieces++];
}

int ys_fieldlit_add(struct ys_fieldlit **set, const char *field, int cased, int how,
		    const char *value, size_t len, uint32_t rule)
{
	int exact = how == YS_FIELDLIT_EQUALS;
	struct field *f;
	struct slot *sl;
	uint64_t h = hash_bytes(value, len);

	if (len > YS_FIELDLIT_MAX)
		return YS_EINVAL;
	if (!*set && !(*set = calloc(1, sizeof(**set))))
		return YS_ENOMEM;
	if (!(f = field_of(*set, field, cased)))
		return YS_ENOMEM;
	if (exact) {
		if ((f->used + 1) * 2 > f->nslots && grow_table(f))
			return YS_ENOMEM;
		sl = probe(f, value, len, h);
	} else if (!(sl = piece_of(f, value, len, how == YS_FIELDLIT_STARTS))) {
		return YS_ENOMEM;
	}
	if (!sl->text) {
		if (!(sl->text = malloc(len + 1)))
			return YS_ENOMEM;
		memcpy(sl->text, value, len);
		sl->text[len] = '\0';
		sl->len = len;
		sl->hash = h;
		if (exact) {
			f->used++;
			if (len > f->maxlen)
				f->maxlen = len;
		}
	}
	if (sl->nrules && sl->rules[sl->nrules - 1] == rule)
		return 0;
	if (ys_grow(&sl->rules, &sl->cap, sl->nrules, sizeof(*sl->rules), 2))
		return YS_ENOMEM;
	sl->rules[sl->nrules++] = rule;
	return 0;
}

void ys_fieldlit_free(struct ys_fieldlit *set)
{
	size_t i, j;

	if (!set)
		return;
	for (i = 0; i < set->n; i++) {
		struct field *f = &set->f[i];

		for (j = 0; j < f->nslots; j++) {
			free(f->slots[j].text);
			free(f->slots[j].rules);
		}
		for (j = 0; j < f->npieces; j++) {
			free(f->pieces[j].text);
			free(f->pieces[j].rules);
		}
		free(f->slots);
		free(f->pieces);
		free(f->path);
		if (f->db)
			hs_free_database(f->db);
	}
	free(set->f);
	free(set);
}

static void mark(const struct slot *sl, uint64_t *cand)
{
	size_t i;

	for (i = 0; i < sl->nrules; i++)
		cand[sl->rules[i] / 64] |= (uint64_t)1 << (sl->rules[i] % 64);
}

int ys_fieldlit_seal(struct ys_fieldlit *set, hs_scratch_t **scratch, struct ys_error *err)
{
	size_t i, j;

	for (i = 0; set && i < set->n; i++) {
		struct field *f = &set->f[i];
		const char **lits;
		unsigned *flags, *ids;
		size_t *lens;
		hs_compile_error_t *cerr = NULL;
		int rc = 0;

		if (f->npieces < YS_FIELDLIT_SEARCH || f->db)
			continue;
		lits = calloc(f->npieces, sizeof(*lits));
		flags = calloc(f->npieces, sizeof(*flags));
		ids = calloc(f->npieces, sizeof(*ids));
		lens = calloc(f->npieces, sizeof(*lens));
		if (lits && flags && ids && lens) {
			for (j = 0; j < f->npieces; j++) {
				lits[j] = f->pieces[j].text;
				lens[j] = f->pieces[j].len;
				ids[j] = (unsigned)j;
				flags[j] = HS_FLAG_SINGLEMATCH; /* values are lower-cased already */
			}
			if (hs_compile_lit_multi(lits, flags, ids, lens, (unsigned)f->npieces,
						 HS_MODE_BLOCK, NULL, &f->db, &cerr) != HS_SUCCESS) {
				rc = ys_error_set(err, YS_EINVAL,
						  "cannot compile the literals of field '%s': %s",
						  f->path, cerr ? cerr->message : "unknown");
				hs_free_compile_error(cerr);
				f->db = NULL;
			} else if (scratch && hs_alloc_scratch(f->db, scratch) != HS_SUCCESS) {
				rc = ys_error_set(err, YS_ENOMEM, "out of memory");
			}
		} else {
			rc = ys_error_set(err, YS_ENOMEM, "out of memory");
		}
		free(lits);
		free(flags);
		free(ids);
		free(lens);
		if (rc)
			return rc;
	}
	return 0;
}

int ys_fieldlit_scratch(const struct ys_fieldlit *set, hs_scratch_t **scratch)
{
	size_t i;

	for (i = 0; set && i < set->n; i++)
		if (set->f[i].db && hs_alloc_scratch(set->f[i].db, scratch) != HS_SUCCESS)
			return YS_ENOMEM;
	return 0;
}

struct scan {
	const struct field *f;
	uint64_t *cand;
	hs_scratch_t *scratch;
};

static int on_piece(unsigned id, unsigned long long from, unsigned long long to, unsigned flags,
		    void *ctx)
{
	const struct scan *sc = ctx;

	(void)from;
	(void)to;
	(void)flags;
	mark(&sc->f->pieces[id], sc->cand);
	return 0;
}

static int on_value(void *ctx, const struct ys_evalue *v)
{
	const struct scan *sc = ctx;
	const struct field *f = sc->f;
	char small[512], *low = small;
	const char *s = v->s;
	const struct slot *sl;
	size_t i;

	/* as the matcher: null and containers equal and contain nothing */
	if (v->type == YS_EV_NULL || v->type == YS_EV_OTHER ||
	    (v->len > f->maxlen && !f->npieces))
		return 0;
	if (!f->cased) {
		if (v->len > sizeof(small) && !(low = malloc(v->len)))
			return 0;
		for (i = 0; i < v->len; i++)
			low[i] = v->s[i] >= 'A' && v->s[i] <= 'Z' ? (char)(v->s[i] - 'A' + 'a') : v->s[i];
		s = low;
	}
	if (v->len <= f->maxlen) {
		sl = probe(f, s, v->len, hash_bytes(s, v->len));
		if (sl->text)
			mark(sl, sc->cand);
	}
	if (f->db && sc->scratch && v->len <= 0xffffffffu)
		hs_scan(f->db, s, (unsigned)v->len, 0, sc->scratch, on_piece, ctx);
	else
		for (i = 0; i < f->npieces; i++)
			if (f->pieces[i].starts ? v->len >= f->pieces[i].len &&
						      !memcmp(s, f->pieces[i].text, f->pieces[i].len)
						: memmem(s, v->len, f->pieces[i].text, f->pieces[i].len) != NULL)
				mark(&f->pieces[i], sc->cand);
	if (low != small)
		free(low);
	return 0;
}

void ys_fieldlit_scan(const struct ys_fieldlit *set, const struct ys_event *ev, uint64_t *cand,
		      hs_scratch_t *scratch)
{
	size_t i;

	for (i = 0; set && i < set->n; i++) {
		struct scan sc = {&set->f[i], cand, scratch};

		ev->each(ev, set->f[i].path, on_value, &sc);
	}
}

size_t ys_fieldlit_nfields(const struct ys_fieldlit *set)
{
	return set ? set->n : 0;
}
