/* paths.c: the files under the paths given read into a run in the order CloudTrail delivered
 * them, the next one opened (and a small gzip file inflated) on a thread while one is read */
#include <pthread.h>
#include <string.h>
#include "../base/bytes.h"
#include "walk.h"
#include "../banned.h"

/* The next file opened, and for a small gzip file inflated, on a thread of its own while the one
 * before is read: decompression and detection overlap. One thread for the whole run. */
struct prefetch {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	const char *path; /* asked for, not yet taken */
	struct ys_bytes *in;
	int asked, ready, quit, running;
};

static void *prefetch_run(void *arg)
{
	struct prefetch *pf = arg;
	struct ys_error err = {0};

	pthread_mutex_lock(&pf->mu);
	for (;;) {
		struct ys_bytes *in = NULL;

		while (!pf->asked && !pf->quit)
			pthread_cond_wait(&pf->cv, &pf->mu);
		if (pf->quit)
			break;
		pthread_mutex_unlock(&pf->mu);
		/* an error is met again, and reported, when the reader opens the file itself */
		if (ys_bytes_open(&in, pf->path, &err))
			in = NULL;
		pthread_mutex_lock(&pf->mu);
		pf->in = in;
		pf->asked = 0;
		pf->ready = 1;
		pthread_cond_broadcast(&pf->cv);
	}
	pthread_mutex_unlock(&pf->mu);
	return NULL;
}

static void prefetch_init(struct prefetch *pf)
{
	memset(pf, 0, sizeof(*pf));
	pthread_mutex_init(&pf->mu, NULL);
	pthread_cond_init(&pf->cv, NULL);
	pf->running = pthread_create(&pf->th, NULL, prefetch_run, pf) == 0;
}

static void prefetch_ask(struct prefetch *pf, const char *path)
{
	if (!pf->running)
		return;
	pthread_mutex_lock(&pf->mu);
	pf->path = path;
	pf->asked = 1;
	pf->ready = 0;
	pthread_cond_broadcast(&pf->cv);
	pthread_mutex_unlock(&pf->mu);
}

/* The bytes asked for (NULL: the reader opens the file itself). */
static struct ys_bytes *prefetch_take(struct prefetch *pf)
{
	struct ys_bytes *in;

	if (!pf->running)
		return NULL;
	pthread_mutex_lock(&pf->mu);
	while (pf->asked && !pf->ready)
		pthread_cond_wait(&pf->cv, &pf->mu);
	in = pf->ready ? pf->in : NULL;
	pf->in = NULL;
	pf->ready = 0;
	pthread_mutex_unlock(&pf->mu);
	return in;
}

static void prefetch_stop(struct prefetch *pf)
{
	if (pf->running) {
		ys_bytes_close(prefetch_take(pf));
		pthread_mutex_lock(&pf->mu);
		pf->quit = 1;
		pthread_cond_broadcast(&pf->cv);
		pthread_mutex_unlock(&pf->mu);
		pthread_join(pf->th, NULL);
	}
	pthread_mutex_destroy(&pf->mu);
	pthread_cond_destroy(&pf->cv);
}

size_t ys_run_paths(struct ys_run *run, char *const *paths, size_t npaths, int say_empty)
{
	struct ys_trail_list fl;
	size_t i, ok = 0;

	memset(&fl, 0, sizeof(fl));
	for (i = 0; i < npaths; i++)
		ys_trail_list_add(&fl, paths[i], say_empty, &run->problems);
	ys_trail_list_order(&fl);
	if (fl.n > 1) {
		struct prefetch pf;

		prefetch_init(&pf);
		prefetch_ask(&pf, fl.path[0]);
		for (i = 0; i < fl.n; i++) {
			struct ys_bytes *in = prefetch_take(&pf);

			if (i + 1 < fl.n)
				prefetch_ask(&pf, fl.path[i + 1]);
			ok += ys_run_file_from(run, fl.path[i], in) >= 0;
		}
		prefetch_stop(&pf);
	} else if (fl.n) {
		ok += ys_run_file(run, fl.path[0]) >= 0;
	}
	ys_trail_list_release(&fl);
	return ok;
}
