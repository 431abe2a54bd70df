/* prepare.c: a file's records read, indexed and matched against the rules ahead of the detector,
 * a chunk at a time: the record texts side by side, each index kept compact (the members in use
 * at each level), the rules matched, and the reader's problems where it met them */
#include <stdlib.h>
#include <string.h>
#include "../base/bytes.h"
#include "../base/grow.h"
#include "../json/jlazy.h"
#include "../sigma/event-lazy.h"
#include "../sigma/prefilter.h"
#include "../trail/reader.h"
#include "behave.h"
#include "engine.h"
#include "prepare.h"
#include "../banned.h"

struct ys_prep_rec {
	size_t off, len;	 /* the text, in the chunk's text */
	uint64_t offset;	 /* in the (decompressed) file */
	size_t ents;		 /* its index's members, from ents[ents] level by level */
	uint8_t has_ix;
	uint8_t n[YS_JINDEX_LEVELS];
	size_t hits, nhits; /* the rules it matched, from hits[hits] */
	size_t facts;	    /* its facts, from facts[facts], or SIZE_MAX: none */
};

struct ys_prep_problem {
	size_t before; /* met before this record */
	char *msg;
};

struct ys_preparer {
	const struct ys_ruleset *rs;
	struct ys_sigma_pf_scratch *pfs;
	uint64_t *cand;
	uint32_t *hits;
	struct ys_jlazy rec;
	struct ys_behave_reader *behave; /* or NULL */
	struct ys_trail_reader *spare;	 /* a reader done with its file, for the next one */
};

struct ys_prep_file {
	char *path;
	struct ys_bytes *in; /* opened already, or NULL: path is opened by the first chunk */
	struct ys_trail_reader *tr;
	struct ys_error open_err;
	int chunks;
};

int ys_preparer_new(const struct ys_ruleset *rs, const struct ys_behave_opts *behave,
		    struct ys_preparer **out)
{
	struct ys_preparer *p = calloc(1, sizeof(*p));

	if (!p || !(p->cand = calloc(rs->n / 64 + 1, sizeof(*p->cand))) ||
	    !(p->hits = calloc(rs->n + 1, sizeof(*p->hits))) ||
	    (rs->pf && ys_sigma_pf_scratch_new(rs->pf, &p->pfs)) ||
	    (behave && ys_behave_reader_new(behave, &p->behave))) {
		ys_preparer_free(p);
		return YS_ENOMEM;
	}
	p->rs = rs;
	ys_jlazy_init(&p->rec);
	*out = p;
	return 0;
}

void ys_preparer_free(struct ys_preparer *p)
{
	if (!p)
		return;
	ys_jlazy_release(&p->rec);
	ys_behave_reader_free(p->behave);
	ys_trail_close(p->spare);
	ys_sigma_pf_scratch_free(p->pfs);
	free(p->cand);
	free(p->hits);
	free(p);
}

struct ys_prep_file *ys_prep_file_open(const char *path, struct ys_bytes *in)
{
	struct ys_prep_file *f = calloc(1, sizeof(*f));

	if (!f || !(f->path = strdup(path))) {
		free(f);
		ys_bytes_close(in);
		return NULL;
	}
	f->in = in;
	return f;
}

void ys_prep_file_close(struct ys_prep_file *f)
{
	if (!f)
		return;
	if (f->tr)
		ys_trail_close(f->tr);
	ys_bytes_close(f->in);
	free(f->path);
	free(f);
}

/* The file opened by its first chunk, with the thread's spare reader when it has one (its
 * buffers and decompressor kept from the file before). */
static void open_file(struct ys_preparer *p, struct ys_prep_file *f)
{
	struct ys_bytes *in = f->in;

	f->in = NULL;
	if (!in && p->spare) {
		f->tr = p->spare;
		p->spare = NULL;
		if (ys_trail_reopen(f->tr, f->path, &f->open_err)) {
			p->spare = f->tr; /* it can be opened again */
			f->tr = NULL;
		}
		return;
	}
	if (ys_trail_open_bytes(&f->tr, f->path, in, &f->open_err))
		f->tr = NULL;
}

/* The file's last chunk is read: its reader goes back to the thread, or is let go. */
static void done_file(struct ys_preparer *p, struct ys_prep_file *f)
{
	if (!f->tr)
		return;
	if (p->spare)
		ys_trail_close(f->tr);
	else
		p->spare = f->tr;
	f->tr = NULL;
}

static void reset(struct ys_prepared *c, const struct ys_prep_file *f)
{
	size_t i;

	for (i = 0; i < c->nprob; i++)
		free(c->prob[i].msg);
	c->path = f->path;
	c->first = f->chunks == 0;
	c->opened = f->tr != NULL;
	c->last = 0;
	ys_error_clear(&c->err);
	c->len = c->nrec = c->nents = c->nhits = c->nfacts = c->nprob = 0;
}

static int add_problem(struct ys_prepared *c, const char *msg)
{
	if (ys_grow(&c->prob, &c->capprob, c->nprob, sizeof(*c->prob), 4) ||
	    !(c->prob[c->nprob].msg = strdup(msg)))
		return YS_ENOMEM;
	c->prob[c->nprob++].before = c->nrec;
	return 0;
}

/* Room for need elements (ys_grow makes room for one more at a time). */
static int room(void *pp, size_t *cap, size_t need, size_t elem, size_t first)
{
	while (need >= *cap)
		if (ys_grow(pp, cap, *cap, elem, first))
			return YS_ENOMEM;
	return 0;
}

/* The record kept: its text, its index's members in use, the rules it matched, its facts. */
static int add_record(struct ys_preparer *p, struct ys_prepared *c,
		      const struct ys_trail_record *r)
{
	const struct ys_jindex *ix = r->members;
	const struct ys_behave_facts *f = NULL;
	struct ys_prep_rec *k;
	struct ys_event ev;
	size_t nhits, l, nents = 0, words = 0;

	if (ix && !ix->overflow)
		for (l = 0; l < YS_JINDEX_LEVELS; l++)
			nents += ix->n[l];
	if (room(&c->rec, &c->caprec, c->nrec, sizeof(*c->rec), 256) ||
	    room(&c->text, &c->cap, c->len + r->len, 1, 1 << 16) ||
	    room(&c->ents, &c->capents, c->nents + nents, sizeof(*c->ents), 4096) ||
	    room(&c->hits, &c->caphits, c->nhits + p->rs->n, sizeof(*c->hits), 256))
		return YS_ENOMEM;
	ys_jlazy_reset(&p->rec, r->json, r->len, ix);
	ys_event_from_lazy(&ev, &p->rec);
	nhits = ys_detect_match(p->rs, p->pfs, p->cand, &ev, r->json, r->len, p->hits);
	if (p->behave) {
		f = ys_behave_read(p->behave, &p->rec);
		words = f->size / sizeof(*c->facts);
		if (room(&c->facts, &c->capfacts, c->nfacts + words, sizeof(*c->facts), 4096))
			return YS_ENOMEM;
	}
	k = &c->rec[c->nrec++];
	memset(k, 0, sizeof(*k));
	k->off = c->len;
	k->len = r->len;
	k->offset = r->offset;
	memcpy(c->text + c->len, r->json, r->len);
	c->len += r->len;
	k->ents = c->nents;
	if ((k->has_ix = ix && !ix->overflow)) { /* an index that overflowed is not used */
		for (l = 0; l < YS_JINDEX_LEVELS; l++) {
			k->n[l] = (uint8_t)ix->n[l];
			memcpy(c->ents + c->nents, ix->lev[l], ix->n[l] * sizeof(*c->ents));
			c->nents += ix->n[l];
		}
	}
	k->hits = c->nhits;
	k->nhits = nhits;
	memcpy(c->hits + c->nhits, p->hits, nhits * sizeof(*c->hits));
	c->nhits += nhits;
	k->facts = SIZE_MAX;
	if (f) {
		k->facts = c->nfacts;
		memcpy(c->facts + c->nfacts, f, f->size);
		c->nfacts += words;
	}
	return 0;
}

int ys_prepare(struct ys_preparer *p, struct ys_prep_file *f, struct ys_prepared *c)
{
	struct ys_trail_record r;
	struct ys_error err = {0};
	int rc;

	if (!f->chunks)
		open_file(p, f);
	reset(c, f);
	f->chunks++;
	if (!f->tr) {
		c->err = f->open_err;
		c->last = 1;
		return 0;
	}
	while (c->len < YS_PREP_CHUNK) {
		if ((rc = ys_trail_next(f->tr, &r, &err)) == 0) {
			c->last = 1;
			done_file(p, f);
			return 0;
		}
		if (rc > 0)
			rc = add_record(p, c, &r);
		else if (rc != YS_ENOMEM && !ys_trail_failed(f->tr))
			rc = add_problem(c, err.msg); /* bad content: said where it was met */
		if (rc < 0) {
			/* a file that cannot be read ends here, what came before it judged */
			if (rc == YS_ENOMEM)
				ys_error_set(&err, YS_ENOMEM, "'%s': out of memory", f->path);
			c->err = err;
			c->last = 1;
			done_file(p, f);
			return rc == YS_ENOMEM ? YS_ENOMEM : 0;
		}
		ys_error_clear(&err);
	}
	return 0;
}

void ys_prepared_release(struct ys_prepared *c)
{
	size_t i;

	for (i = 0; i < c->nprob; i++)
		free(c->prob[i].msg);
	free(c->prob);
	free(c->text);
	free(c->rec);
	free(c->ents);
	free(c->hits);
	free(c->facts);
	memset(c, 0, sizeof(*c));
}

void ys_prep_cursor_init(struct ys_prep_cursor *c, const struct ys_prepared *p)
{
	memset(c, 0, sizeof(*c));
	c->p = p;
}

int ys_prep_next(struct ys_prep_cursor *c)
{
	const struct ys_prepared *p = c->p;
	const struct ys_prep_rec *k;
	size_t l, at;

	if (c->prob < p->nprob && p->prob[c->prob].before <= c->rec) {
		c->problem = p->prob[c->prob++].msg;
		return -1;
	}
	if (c->rec >= p->nrec)
		return 0;
	k = &p->rec[c->rec++];
	c->json = p->text + k->off;
	c->len = k->len;
	c->offset = k->offset;
	c->hits = p->hits + k->hits;
	c->nhits = k->nhits;
	c->facts = k->facts == SIZE_MAX ? NULL : (const struct ys_behave_facts *)(p->facts + k->facts);
	c->ix = NULL;
	if (k->has_ix) {
		at = k->ents;
		for (l = 0; l < YS_JINDEX_LEVELS; l++) {
			c->view.lev[l] = p->ents + at;
			c->view.n[l] = k->n[l];
			at += k->n[l];
		}
		c->ix = &c->view;
	}
	return 1;
}
