/* meter.h: how far a long piece of work has come, in counters any thread may bump, for a progress line */
#ifndef YS_METER_H
#define YS_METER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

/* Every function takes a NULL meter and does nothing: work that nobody watches pays one
 * branch. Counters are relaxed atomics: bump them once a file, a commit or a check, never
 * once a byte. */
struct ys_meter {
	/* the phase: what is being done ("checking"), in which units ("checks"), out of how many
	 * (0: not known), and a second count beside it ("blobs"; NULL: none) */
	_Atomic(const char *) what, unit, also_unit;
	_Atomic uint64_t total;
	_Atomic int64_t since;	/* when the phase began (CLOCK_MONOTONIC, ns): its rate's start */
	_Atomic uint64_t done, bytes, also;
	/* the line on stderr (src/progress.c draws it under mu) */
	pthread_mutex_t mu;
	int shown;
	/* tests only (YS_TEST_PROGRESS_DELAY_MS, src/progress.h): each unit waits this long, so
	 * that a test on a small input sees the line; 0 otherwise */
	unsigned slow_us;
};

void ys_meter_init(struct ys_meter *m);
void ys_meter_wait(const struct ys_meter *m); /* slow_us */
void ys_meter_release(struct ys_meter *m);
/* A new phase: done, bytes and also start from 0. */
void ys_meter_phase(struct ys_meter *m, const char *what, const char *unit, uint64_t total,
		    const char *also_unit);
static inline void ys_meter_add(struct ys_meter *m, uint64_t n, uint64_t bytes)
{
	if (!m)
		return;
	if (n)
		atomic_fetch_add_explicit(&m->done, n, memory_order_relaxed);
	if (n && m->slow_us)
		ys_meter_wait(m);
	if (bytes)
		atomic_fetch_add_explicit(&m->bytes, bytes, memory_order_relaxed);
}
static inline void ys_meter_also(struct ys_meter *m, uint64_t n, uint64_t bytes)
{
	if (!m)
		return;
	atomic_fetch_add_explicit(&m->also, n, memory_order_relaxed);
	if (bytes)
		atomic_fetch_add_explicit(&m->bytes, bytes, memory_order_relaxed);
}
/* For work that keeps its own counts: the phase's counts (and total) as they stand. */
static inline void ys_meter_set(struct ys_meter *m, uint64_t done, uint64_t total, uint64_t bytes,
				uint64_t also)
{
	if (!m)
		return;
	atomic_store_explicit(&m->done, done, memory_order_relaxed);
	atomic_store_explicit(&m->total, total, memory_order_relaxed);
	atomic_store_explicit(&m->bytes, bytes, memory_order_relaxed);
	atomic_store_explicit(&m->also, also, memory_order_relaxed);
}
/* Before writing to the terminal the line is drawn on (alerts as they come): the line is wiped
 * and stays off until ys_meter_unhold, which the next redraw follows. */
void ys_meter_hold(struct ys_meter *m);
void ys_meter_unhold(struct ys_meter *m);

#endif
