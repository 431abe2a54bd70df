/* progress.c: a thread that redraws one stderr line with files, bytes and commits scanned */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "progress.h"
#include "banned.h"

struct ys_progress {
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
	struct ys_secret_results *r;
};

static void *loop(void *v)
{
	struct ys_progress *p = v;

	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		struct timespec ts;
		unsigned long long files, blobs, commits, bytes;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 250000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&p->cv, &p->mu, &ts);
		if (p->stop)
			break;
		pthread_mutex_lock(&p->r->mu);
		files = p->r->files;
		blobs = p->r->blobs;
		commits = p->r->commits;
		bytes = p->r->bytes;
		pthread_mutex_unlock(&p->r->mu);
		fprintf(stderr, "\r\033[Kscanning: %llu files, %llu commits, %llu blobs, %.1f MB",
			files, commits, blobs, (double)bytes / 1e6);
	}
	pthread_mutex_unlock(&p->mu);
	fputs("\r\033[K", stderr);
	return NULL;
}

struct ys_progress *ys_progress_start(struct ys_secret_results *r)
{
	struct ys_progress *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->r = r;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->tid, NULL, loop, p)) {
		free(p);
		return NULL;
	}
	return p;
}

void ys_progress_stop(struct ys_progress *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->tid, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}
