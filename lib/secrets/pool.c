/* pool.c: worker threads for scanning, each owning a scanner (YARA's one scanner per thread) */
#include <stdlib.h>
#include "pool.h"
#include "../base/err.h"
#include "../banned.h"

#define QUEUE_LEN 1024

struct ys_pool {
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	void *q[QUEUE_LEN];
	size_t head, count;
	int done;
	int pusher_waits; /* the walker sleeps until the queue is half empty */
	int nthreads;
	int nsc; /* scanners made, one per thread asked */
	pthread_t *tid;
	struct ys_secret_scanner **sc;
	ys_pool_work_fn fn;
	void *arg;
};

struct worker {
	struct ys_pool *p;
	int i;
};

static void *worker_main(void *v)
{
	struct worker *w = v;
	struct ys_pool *p = w->p;
	struct ys_secret_scanner *sc = p->sc[w->i];
	int w_i = w->i;

	free(w);
	for (;;) {
		void *item;

		pthread_mutex_lock(&p->mu);
		while (p->count == 0 && !p->done)
			pthread_cond_wait(&p->not_empty, &p->mu);
		if (p->count == 0) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		item = p->q[p->head];
		p->head = (p->head + 1) % QUEUE_LEN;
		p->count--;
		/* the walker is woken once the queue is half empty, not after every file: woken
		 * for each, it and the workers took turns on two cores, a switch a file */
		if (p->pusher_waits && p->count <= QUEUE_LEN / 2)
			pthread_cond_signal(&p->not_full);
		pthread_mutex_unlock(&p->mu);
		p->fn(p->arg, w_i, sc, item);
		free(item);
	}
	return NULL;
}

int ys_pool_start(struct ys_pool **out, int threads, const struct ys_secret_ruleset *rs,
		  ys_pool_work_fn fn, void *arg)
{
	struct ys_pool *p = calloc(1, sizeof(*p));
	int i;

	if (threads < 1)
		threads = 1;
	if (!p)
		return YS_ENOMEM;
	p->tid = calloc((size_t)threads, sizeof(*p->tid));
	p->sc = calloc((size_t)threads, sizeof(*p->sc));
	if (!p->tid || !p->sc)
		goto fail;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->not_empty, NULL);
	pthread_cond_init(&p->not_full, NULL);
	p->fn = fn;
	p->arg = arg;
	p->nsc = threads;
	for (i = 0; i < threads; i++)
		if (ys_secret_scanner_new(rs, &p->sc[i]))
			goto fail;
	for (i = 0; i < threads; i++) {
		struct worker *w = malloc(sizeof(*w));

		if (!w)
			break;
		w->p = p;
		w->i = i;
		if (pthread_create(&p->tid[i], NULL, worker_main, w)) {
			free(w);
			break;
		}
		p->nthreads++;
	}
	if (p->nthreads == 0)
		goto fail;
	*out = p;
	return 0;
fail:
	if (p->sc)
		for (i = 0; i < threads; i++)
			ys_secret_scanner_free(p->sc[i]);
	free(p->sc);
	free(p->tid);
	free(p);
	return YS_ENOMEM;
}

int ys_pool_push(struct ys_pool *p, void *item)
{
	pthread_mutex_lock(&p->mu);
	if (p->count == QUEUE_LEN) {
		p->pusher_waits = 1;
		while (p->count > QUEUE_LEN / 2)
			pthread_cond_wait(&p->not_full, &p->mu);
		p->pusher_waits = 0;
	}
	p->q[(p->head + p->count) % QUEUE_LEN] = item;
	p->count++;
	pthread_cond_signal(&p->not_empty);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

void ys_pool_finish(struct ys_pool *p)
{
	int i;

	pthread_mutex_lock(&p->mu);
	p->done = 1;
	pthread_cond_broadcast(&p->not_empty);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nthreads; i++)
		pthread_join(p->tid[i], NULL);
	for (i = 0; i < p->nsc; i++)
		ys_secret_scanner_free(p->sc[i]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->not_empty);
	pthread_cond_destroy(&p->not_full);
	free(p->sc);
	free(p->tid);
	free(p);
}
