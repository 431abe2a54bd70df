/* prepare.h: the half of detection that keeps no state, done ahead on any thread: a file's
 * records read, indexed and matched against the rules, a bounded chunk at a time, kept in order
 * with the problems the reader met, for a detector to judge in order (ys_detect_prepared) */
#ifndef YS_DETECT_PREPARE_H
#define YS_DETECT_PREPARE_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../json/jindex.h"
#include "ruleset.h"

#define YS_PREP_CHUNK (4u << 20) /* record text a chunk holds before it is handed on */

/* What one thread needs to prepare: the rules' scratch, and a reader for the behaviour detectors
 * of those options (NULL: no facts are read for them). */
struct ys_preparer;
struct ys_behave_opts;
int ys_preparer_new(const struct ys_ruleset *rs, const struct ys_behave_opts *behave,
		    struct ys_preparer **out);
void ys_preparer_free(struct ys_preparer *p);

/* A file being prepared: its reader, kept between chunks. Opening never fails: a file that
 * cannot be opened gives one chunk that says why. */
struct ys_prep_file;
struct ys_bytes;
/* in: bytes already opened (the file owns them from here), or NULL to open path. */
struct ys_prep_file *ys_prep_file_open(const char *path, struct ys_bytes *in);
void ys_prep_file_close(struct ys_prep_file *f);

struct ys_prep_rec;
struct ys_prep_problem;
struct ys_prepared { /* one chunk */
	const char *path;
	int first;	/* the file's first chunk (counted as a file read when opened) */
	int opened;	/* 0: the file could not be opened, err says why */
	int last;	/* the file's last chunk */
	struct ys_error err; /* the last chunk: the reader's failure that ended the file, or 0 */
	char *text;
	size_t len, cap;
	struct ys_prep_rec *rec;
	size_t nrec, caprec;
	struct ys_jent *ents;
	size_t nents, capents;
	uint32_t *hits;
	size_t nhits, caphits;
	uint64_t *facts; /* each record's ys_behave_facts, side by side */
	size_t nfacts, capfacts; /* in words */
	struct ys_prep_problem *prob;
	size_t nprob, capprob;
};

/* The file's next chunk (about YS_PREP_CHUNK of records, at least one) into c, which is reset
 * first. 0, or YS_ENOMEM (c then says so as the file's failure, and is its last chunk). */
int ys_prepare(struct ys_preparer *p, struct ys_prep_file *f, struct ys_prepared *c);
void ys_prepared_release(struct ys_prepared *c);

/* Walking a chunk in the order the reader met things: each record with its index, the rules it
 * matched and its facts, and each problem where the reader met it. */
struct ys_prep_cursor {
	const struct ys_prepared *p;
	size_t rec, prob;
	const char *json, *problem;
	size_t len;
	uint64_t offset;
	const struct ys_jview *ix; /* its index (NULL: none), pointing into the chunk */
	const uint32_t *hits;
	size_t nhits;
	const struct ys_behave_facts *facts; /* what it says to the behaviour detectors, or NULL */
	struct ys_jview view;
};
void ys_prep_cursor_init(struct ys_prep_cursor *c, const struct ys_prepared *p);
/* 1: a record; -1: a problem (c->problem); 0: the end. */
int ys_prep_next(struct ys_prep_cursor *c);

#endif
