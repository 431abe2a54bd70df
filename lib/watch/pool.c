/* pool.c: the files of a run read on every core: worker threads open, inflate, index and match
 * them ahead (detect/prepare.h), a few files and chunks at most; the caller's thread judges them
 * in order and, while the file it waits for is not ready, prepares too. The detector sees the
 * same records in the same order whatever the number of threads: the same alerts, byte for byte */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "../detect/prepare.h"
#include "pool.h"
#include "../banned.h"

#define DEPTH 2	 /* chunks of one file prepared ahead of the judge */
#define AHEAD 16 /* files a thread's share of the window (most are a chunk) */

struct job {
	const char *path;
	int64_t size, mtime;
	struct ys_prep_file *f;
	struct ys_prepared chunk[DEPTH];
	size_t head, tail;  /* chunks judged, chunks prepared */
	int busy, finished; /* a thread is preparing it; its last chunk is prepared */
	int cancel;	    /* the judge stopped reading it */
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t work_cv; /* workers wait here for work */
	pthread_cond_t done_cv; /* the judge waits here for a chunk, or a file to be let go */
	int idle, judge_waits;
	struct job *jobs; /* the window: files taken, in order, judged from `judged` on */
	size_t window, first, taken; /* jobs[i % window] holds file first + ... */
	int quit;
	const struct ys_ruleset *rs;
	/* the files past the window stat'ed ahead by the workers, so that the judge need not look
	 * each up when it takes it: ahead[i % window] holds path i (its idx) once stat'ed */
	char *const *paths;
	size_t n, next, stat_next; /* the judge takes path next; a worker stats stat_next */
	struct ahead *ahead;
};

struct ahead {
	size_t idx; /* the path it holds, or SIZE_MAX */
	int ok;	    /* stat'ed: size and mtime hold; else the judge looks itself */
	int64_t size, mtime;
};

#define STAT_BATCH 8 /* paths a worker stats ahead at a time */

static int64_t mtime_of(const struct stat *sb)
{
	return (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

/* A few paths past the window stat'ed, if the judge has not taken them yet (lock held on entry
 * and on return); 0: none to stat. */
static int stat_ahead(struct pool *p)
{
	struct ahead got[STAT_BATCH];
	size_t from = p->stat_next < p->next ? p->next : p->stat_next, k, m;

	if (!p->ahead || from >= p->n || from >= p->next + p->window)
		return 0;
	m = p->n - from < STAT_BATCH ? p->n - from : STAT_BATCH;
	if (m > p->next + p->window - from)
		m = p->next + p->window - from;
	p->stat_next = from + m;
	pthread_mutex_unlock(&p->mu);
	for (k = 0; k < m; k++) {
		struct stat sb;

		got[k].idx = from + k;
		got[k].ok = stat(p->paths[from + k], &sb) == 0;
		got[k].size = got[k].ok ? (int64_t)sb.st_size : 0;
		got[k].mtime = got[k].ok ? mtime_of(&sb) : 0;
	}
	pthread_mutex_lock(&p->mu);
	for (k = 0; k < m; k++)
		if (got[k].idx >= p->next) /* not taken in the meantime */
			p->ahead[got[k].idx % p->window] = got[k];
	return 1;
}

/* The first file in the window that can be taken a chunk further (lock held). */
static struct job *next_work(struct pool *p)
{
	size_t i;

	for (i = p->first; i < p->taken; i++) {
		struct job *j = &p->jobs[i % p->window];

		if (!j->busy && !j->finished && (j->cancel || j->tail - j->head < DEPTH))
			return j;
	}
	return NULL;
}

/* One chunk of job j prepared (lock held on entry and on return). */
static void work(struct pool *p, struct ys_preparer *pr, struct job *j)
{
	struct ys_prepared *c = &j->chunk[j->tail % DEPTH];
	int cancel = j->cancel;

	j->busy = 1;
	pthread_mutex_unlock(&p->mu);
	if (cancel) {
		ys_prep_file_close(j->f);
		j->f = NULL;
	} else {
		if (!j->f)
			j->f = ys_prep_file_open(j->path, NULL);
		if (j->f) /* out of memory on the way: the chunk says so, as the file's end */
			ys_prepare(pr, j->f, c);
	}
	pthread_mutex_lock(&p->mu);
	j->busy = 0;
	if (cancel || !j->f) {
		j->finished = 1;
	} else {
		j->tail++;
		j->finished = c->last;
	}
	if (p->judge_waits)
		pthread_cond_signal(&p->done_cv);
}

/* Work waits for the workers: wake one, if one sleeps (lock held). */
static void wake(struct pool *p)
{
	if (p->idle)
		pthread_cond_signal(&p->work_cv);
}

struct worker {
	struct pool *p;
	struct ys_preparer *pr;
	pthread_t th;
	int running;
};

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->p;

	pthread_mutex_lock(&p->mu);
	while (!p->quit) {
		struct job *j;

		if (stat_ahead(p))
			continue;
		if ((j = next_work(p)) != NULL) {
			work(p, w->pr, j);
		} else {
			p->idle++;
			pthread_cond_wait(&p->work_cv, &p->mu);
			p->idle--;
		}
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* The judge's next chunk of the file it reads (NULL: none left); the one before is released. */
struct judging {
	struct pool *p;
	struct ys_preparer *pr; /* the judge's own, to help while it waits */
	struct job *j;
	int started;
};

static const struct ys_prepared *next_chunk(void *ctx)
{
	struct judging *g = ctx;
	struct pool *p = g->p;
	struct job *j = g->j;
	const struct ys_prepared *c = NULL;

	pthread_mutex_lock(&p->mu);
	if (g->started) { /* the chunk before is judged: its room goes back */
		j->head++;
		if (!j->finished)
			wake(p);
	}
	g->started = 1;
	while (j->head == j->tail && !j->finished) {
		struct job *w = !j->busy ? j : next_work(p);

		if (w) {
			work(p, g->pr, w); /* helps, its own file first */
		} else {
			p->judge_waits = 1;
			pthread_cond_wait(&p->done_cv, &p->mu);
			p->judge_waits = 0;
		}
	}
	if (j->head < j->tail)
		c = &j->chunk[j->head % DEPTH];
	pthread_mutex_unlock(&p->mu);
	return c;
}

/* The judge is done with job j: what is left of it is dropped, its slot freed for the next file
 * (its chunks' buffers kept for it) (lock held). */
static void retire(struct pool *p, struct judging *g, struct job *j)
{
	if (!j->finished)
		j->cancel = 1;
	while (!j->finished) {
		if (!j->busy) {
			work(p, g->pr, j);
		} else {
			p->judge_waits = 1;
			pthread_cond_wait(&p->done_cv, &p->mu);
			p->judge_waits = 0;
		}
	}
	ys_prep_file_close(j->f);
	j->f = NULL;
	p->first++;
}

/* Slot j takes the next file. */
static void take(struct job *j, const char *path, int64_t size, int64_t mtime)
{
	j->path = path;
	j->size = size;
	j->mtime = mtime;
	j->head = j->tail = 0;
	j->busy = j->finished = j->cancel = 0;
}

size_t ys_run_pool(struct ys_run *r, char *const *paths, size_t n, int threads)
{
	struct pool p = {.window = (size_t)threads * AHEAD, .rs = r->rs, .paths = paths, .n = n};
	struct worker *w = calloc((size_t)threads, sizeof(*w));
	struct judging g = {&p, NULL, NULL, 0};
	size_t next = 0, ok = 0, i;
	int refilling = 0;

	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.work_cv, NULL);
	pthread_cond_init(&p.done_cv, NULL);
	if (!w || !(p.jobs = calloc(p.window, sizeof(*p.jobs))) ||
	    !(p.ahead = calloc(p.window, sizeof(*p.ahead))) ||
	    ys_preparer_new(p.rs, r->behave_opts, &g.pr))
		goto sequential;
	for (i = 0; i < p.window; i++)
		p.ahead[i].idx = SIZE_MAX;
	for (i = 0; i + 1 < (size_t)threads; i++) {
		w[i].p = &p;
		if (ys_preparer_new(p.rs, r->behave_opts, &w[i].pr))
			break;
		w[i].running = pthread_create(&w[i].th, NULL, worker_run, &w[i]) == 0;
	}
	pthread_mutex_lock(&p.mu);
	while (next < n || p.first < p.taken) {
		struct job *j;
		struct stat sb;
		int64_t size = 0, mtime = 0;
		int rc, known;

		/* the window filled with files to read, in order, once half of it is judged (the
		 * workers are woken once for many files); those read before are passed */
		while (next < n && p.taken - p.first < p.window &&
		       (p.taken - p.first <= p.window / 2 || refilling)) {
			refilling = 1;
			const char *path = paths[next];
			struct ahead *a = &p.ahead[next % p.window];

			if ((known = a->idx == next && a->ok)) {
				size = a->size;
				mtime = a->mtime;
			}
			p.next = ++next;
			pthread_mutex_unlock(&p.mu);
			if (!known && stat(path, &sb) == 0) {
				known = 1;
				size = (int64_t)sb.st_size;
				mtime = mtime_of(&sb);
			}
			/* what cannot be stat'ed, ys_run_file says why */
			rc = known ? ys_run_wanted(r, path, size, mtime) : ys_run_file(r, path);
			pthread_mutex_lock(&p.mu);
			if (rc <= 0) {
				ok += rc == 0;
				continue;
			}
			take(&p.jobs[p.taken++ % p.window], path, size, mtime);
		}
		if (refilling && p.idle)
			pthread_cond_broadcast(&p.work_cv);
		refilling = 0;
		if (p.first == p.taken)
			break;
		j = &p.jobs[p.first % p.window];
		g.j = j;
		g.started = 0;
		pthread_mutex_unlock(&p.mu);
		ok += ys_run_prepared(r, j->path, j->size, j->mtime, next_chunk, &g) >= 0;
		pthread_mutex_lock(&p.mu);
		retire(&p, &g, j);
	}
	p.quit = 1;
	pthread_cond_broadcast(&p.work_cv);
	pthread_mutex_unlock(&p.mu);
	for (i = 0; i + 1 < (size_t)threads; i++) {
		if (w[i].running)
			pthread_join(w[i].th, NULL);
		ys_preparer_free(w[i].pr);
	}
	goto done;
sequential: /* no room for the pool: one file after another */
	for (i = 0; i < n; i++)
		ok += ys_run_file(r, paths[i]) >= 0;
done:
	ys_preparer_free(g.pr);
	for (i = 0; p.jobs && i < p.window * DEPTH; i++)
		ys_prepared_release(&p.jobs[i / DEPTH].chunk[i % DEPTH]);
	free(p.jobs);
	free(p.ahead);
	free(w);
	pthread_mutex_destroy(&p.mu);
	pthread_cond_destroy(&p.work_cv);
	pthread_cond_destroy(&p.done_cv);
	return ok;
}
