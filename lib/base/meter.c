/* meter.c: a long piece of work's phase set and its progress line held off the terminal */
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "meter.h"
#include "../banned.h"

void ys_meter_init(struct ys_meter *m)
{
	atomic_init(&m->what, NULL);
	atomic_init(&m->unit, NULL);
	atomic_init(&m->also_unit, NULL);
	atomic_init(&m->total, 0);
	atomic_init(&m->since, 0);
	atomic_init(&m->done, 0);
	atomic_init(&m->bytes, 0);
	atomic_init(&m->also, 0);
	pthread_mutex_init(&m->mu, NULL);
	m->shown = 0;
	m->slow_us = 0;
}

void ys_meter_release(struct ys_meter *m)
{
	if (m)
		pthread_mutex_destroy(&m->mu);
}

void ys_meter_phase(struct ys_meter *m, const char *what, const char *unit, uint64_t total,
		    const char *also_unit)
{
	struct timespec ts;

	if (!m)
		return;
	atomic_store(&m->done, 0);
	atomic_store(&m->bytes, 0);
	atomic_store(&m->also, 0);
	atomic_store(&m->total, total);
	atomic_store(&m->unit, unit);
	atomic_store(&m->also_unit, also_unit);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	atomic_store(&m->since, (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
	atomic_store(&m->what, what);
}

void ys_meter_hold(struct ys_meter *m)
{
	if (!m)
		return;
	pthread_mutex_lock(&m->mu);
	if (m->shown) {
		fputs("\r\033[K", stderr);
		m->shown = 0;
	}
}

void ys_meter_unhold(struct ys_meter *m)
{
	if (m)
		pthread_mutex_unlock(&m->mu);
}

void ys_meter_wait(const struct ys_meter *m)
{
	usleep(m->slow_us);
}
