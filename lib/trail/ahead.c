/* ahead.c: the reading thread fills batches (records copied with their index, errors with
 * their messages) in a ring of three; the taker empties them in order and hands each back */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "../base/bytes.h"
#include "ahead.h"
#include "../banned.h"

#define BATCH_RECORDS 256
#define BATCH_TEXT (1u << 20) /* a batch closes past this much text */
#define NBATCHES 3

struct item {
	int rc; /* 1: a record; negative: an error */
	size_t toff, len;
	uint64_t offset;
	size_t index;
	enum ys_trail_format format;
	struct ys_error *err; /* an error's message */
};

struct batch {
	struct item items[BATCH_RECORDS];
	struct ys_jindex *ix; /* one for each record */
	size_t n;
	char *text;
	size_t tlen, tcap;
	int last; /* the file ends after this batch */
	int filled;
};

struct ys_trail_ahead {
	struct ys_trail_reader *tr;
	int threaded;
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	_Atomic int stop; /* set by the taker when it closes early */
	struct batch b[NBATCHES];
	/* the taker's side */
	size_t r, pos;
	struct batch *cur;
	int done;
	enum ys_trail_format format;
};

/* The next record or error into b; 0 when the file has ended. */
static int fill_one(struct ys_trail_ahead *a, struct batch *b)
{
	struct item *it = &b->items[b->n];
	struct ys_trail_record rec;
	struct ys_error err = {0};
	int rc;

	/* the checker indexes the record straight into the batch */
	ys_trail_index_into(a->tr, &b->ix[b->n]);
	if ((rc = ys_trail_next(a->tr, &rec, &err)) == 0)
		return 0;
	memset(it, 0, sizeof(*it));
	it->rc = rc;
	it->format = ys_trail_format(a->tr);
	if (rc > 0 && b->tcap - b->tlen < rec.len) {
		size_t cap = b->tcap ? b->tcap : BATCH_TEXT;
		char *nt;

		while (cap - b->tlen < rec.len)
			cap *= 2;
		if (!(nt = realloc(b->text, cap))) {
			rc = it->rc = ys_error_set(&err, YS_ENOMEM, "out of memory reading ahead");
		} else {
			b->text = nt;
			b->tcap = cap;
		}
	}
	if (rc < 0) {
		if ((it->err = malloc(sizeof(*it->err))))
			*it->err = err;
	} else {
		memcpy(b->text + b->tlen, rec.json, rec.len);
		it->toff = b->tlen;
		it->len = rec.len;
		it->offset = rec.offset;
		it->index = rec.index;
		b->tlen += rec.len;
	}
	b->n++;
	return 1;
}

static void *run(void *arg)
{
	struct ys_trail_ahead *a = arg;
	size_t w = 0;
	int more = 1;

	while (more) {
		struct batch *b = &a->b[w];
		int stopping;

		pthread_mutex_lock(&a->mu);
		while (b->filled && !a->stop)
			pthread_cond_wait(&a->cv, &a->mu);
		stopping = a->stop;
		pthread_mutex_unlock(&a->mu);
		if (stopping)
			break;
		b->n = b->tlen = 0;
		b->last = 0;
		while (b->n < BATCH_RECORDS && b->tlen < BATCH_TEXT && !a->stop)
			if (!fill_one(a, b)) {
				b->last = 1;
				more = 0;
				break;
			}
		pthread_mutex_lock(&a->mu);
		b->filled = 1;
		more &= !a->stop;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		w = (w + 1) % NBATCHES;
	}
	return NULL;
}

int ys_trail_ahead_open(struct ys_trail_ahead **out, const char *path, struct ys_bytes *in,
			int threaded, struct ys_error *err)
{
	struct ys_trail_ahead *a = calloc(1, sizeof(*a));
	int rc, i;

	if (!a) {
		ys_bytes_close(in);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	if ((rc = ys_trail_open_bytes(&a->tr, path, in, err))) {
		free(a);
		return rc;
	}
	if (threaded) {
		for (i = 0; i < NBATCHES; i++)
			if (!(a->b[i].ix = malloc(BATCH_RECORDS * sizeof(*a->b[i].ix))))
				break;
		pthread_mutex_init(&a->mu, NULL);
		pthread_cond_init(&a->cv, NULL);
		/* no room or no thread: the records are read on the taker's thread */
		a->threaded = i == NBATCHES && pthread_create(&a->th, NULL, run, a) == 0;
		if (!a->threaded) {
			pthread_mutex_destroy(&a->mu);
			pthread_cond_destroy(&a->cv);
		}
	}
	*out = a;
	return 0;
}

/* The taker is done with the current batch: back to the reading thread. */
static void hand_back(struct ys_trail_ahead *a)
{
	struct batch *b = a->cur;
	size_t i;

	for (i = 0; i < b->n; i++) {
		free(b->items[i].err);
		b->items[i].err = NULL;
	}
	if (b->last)
		a->done = 1;
	pthread_mutex_lock(&a->mu);
	b->filled = 0;
	pthread_cond_broadcast(&a->cv);
	pthread_mutex_unlock(&a->mu);
	a->cur = NULL;
	a->r = (a->r + 1) % NBATCHES;
}

int ys_trail_ahead_next(struct ys_trail_ahead *a, struct ys_trail_record *rec,
			struct ys_error *err)
{
	if (!a->threaded) {
		int rc = ys_trail_next(a->tr, rec, err);

		a->format = ys_trail_format(a->tr);
		return rc;
	}
	for (;;) {
		if (a->cur && a->pos < a->cur->n) {
			const struct item *it = &a->cur->items[a->pos];

			a->format = it->format;
			if (it->rc < 0) {
				if (it->err)
					*err = *it->err;
				else
					ys_error_set(err, it->rc, "out of memory reading ahead");
				a->pos++;
				return it->rc;
			}
			rec->json = a->cur->text + it->toff;
			rec->len = it->len;
			rec->members = &a->cur->ix[a->pos];
			rec->offset = it->offset;
			rec->index = it->index;
			a->pos++;
			return 1;
		}
		if (a->cur)
			hand_back(a);
		if (a->done)
			return 0;
		pthread_mutex_lock(&a->mu);
		while (!a->b[a->r].filled)
			pthread_cond_wait(&a->cv, &a->mu);
		pthread_mutex_unlock(&a->mu);
		a->cur = &a->b[a->r];
		a->pos = 0;
	}
}

enum ys_trail_format ys_trail_ahead_format(const struct ys_trail_ahead *a)
{
	return a->format;
}

void ys_trail_ahead_close(struct ys_trail_ahead *a)
{
	int i;
	size_t j;

	if (!a)
		return;
	if (a->threaded) {
		pthread_mutex_lock(&a->mu);
		a->stop = 1;
		pthread_cond_broadcast(&a->cv);
		pthread_mutex_unlock(&a->mu);
		pthread_join(a->th, NULL);
		pthread_mutex_destroy(&a->mu);
		pthread_cond_destroy(&a->cv);
	}
	for (i = 0; i < NBATCHES; i++) {
		for (j = 0; j < a->b[i].n; j++)
			free(a->b[i].items[j].err);
		free(a->b[i].text);
		free(a->b[i].ix);
	}
	ys_trail_close(a->tr);
	free(a);
}
