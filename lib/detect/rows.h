/* rows.h: the behaviour detectors' baselines: (kind, subject, value) rows with first and last
 * event time and a count, in a hash table; each subject's values are bounded (the most used kept,
 * the idle ones aged out), and every change is kept for the state, deletions included */
#ifndef YS_DETECT_ROWS_H
#define YS_DETECT_ROWS_H

#include <stddef.h>
#include <stdint.h>
#include "baseline.h"

struct row {
	struct row *next; /* in its bucket */
	struct row *sib;  /* the subject's next value row, from its total row (value "") */
	uint64_t hash;
	char *kind, *subject, *value; /* one allocation: kind\0subject\0value\0 */
	int64_t first, last;
	uint64_t n;
	uint32_t hours;	  /* kind "hour", total row: the hours (UTC) the subject worked, as bits */
	uint32_t nvalues; /* a total row: how many value rows hang from it */
	unsigned changed : 1, dead : 1;
};

struct rows {
	int track; /* keep changes for the state: without it dead rows are freed at once */
	struct row **b;
	size_t nb, nrows;
	struct row **changed; /* rows changed (or dead) since the last ys_rows_each_changed */
	size_t nchanged, capchanged;
};

int ys_rows_init(struct rows *t);
void ys_rows_release(struct rows *t);
/* The row (kind, subject, value); created (count 0) when asked and absent: NULL when absent
 * or out of memory. Value rows hang from the subject's total row, which is made with them. */
struct row *ys_rows_find(struct rows *t, const char *kind, const char *subject, const char *value,
			 int create);
/* The same with the hash of kind and subject made once (ys_rows_subject_hash), for callers that
 * look up one subject's rows twice. */
uint64_t ys_rows_subject_hash(const char *kind, const char *subject);
struct row *ys_rows_find_h(struct rows *t, uint64_t hks, const char *kind, const char *subject,
			   const char *value, int create);
/* Counts an event at time t in r; NULL when r is NULL or memory runs out. */
struct row *ys_rows_count(struct rows *t, struct row *r, int64_t t_ev);
/* Drops the value rows of total whose last event is before `idle`, then the least used beyond
 * `keep` (the oldest among equals). */
void ys_rows_bound(struct rows *t, struct row *total, size_t keep, int64_t idle);
/* Drops a row (a total row with its values); the state hears of it as a row of count 0. */
void ys_rows_kill(struct rows *t, struct row *r);
/* Every row changed since the last call, dead ones with n 0 (then freed); non-zero from fn stops
 * the calls but the rows are forgotten as changed all the same. */
int ys_rows_each_changed(struct rows *t, ys_baseline_fn fn, void *ctx);
/* A row from the state; returns it (NULL: out of memory). */
struct row *ys_rows_load(struct rows *t, const struct ys_baseline_row *in);
/* Calls fn for every total row (value "") of a kind; fn may kill the row it is given. */
void ys_rows_each(struct rows *t, const char *kind, void (*fn)(void *ctx, struct row *r), void *ctx);

#endif
