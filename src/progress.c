/* progress.c: a thread that redraws one stderr line from a meter: phase, count, rate, time left */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include "progress.h"
#include "banned.h"

#define TICK_NS 250000000L /* four lines a second */
#define FIRST_NS 500000000LL /* a command done within this draws nothing */

struct ys_progress {
	struct ys_meter m;
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop;
};

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* 1234567 as "1,234,567" */
static void commas(char *out, size_t size, uint64_t n)
{
	char digits[32];
	size_t len, i, o = 0;

	snprintf(digits, sizeof(digits), "%llu", (unsigned long long)n);
	len = strlen(digits);
	for (i = 0; i < len && o + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = 0;
}

/* 1234567 bytes as "1.2 MB", the size a person reads */
static void amount(char *out, size_t size, double bytes)
{
	if (bytes < 1e3)
		snprintf(out, size, "%.0f bytes", bytes);
	else if (bytes < 1e6)
		snprintf(out, size, "%.0f kB", bytes / 1e3);
	else if (bytes < 1e9)
		snprintf(out, size, "%.1f MB", bytes / 1e6);
	else
		snprintf(out, size, "%.2f GB", bytes / 1e9);
}

/* 75 seconds as "1 min 15 s" */
static void left(char *out, size_t size, double s)
{
	long t = (long)(s + 0.999); /* never "0 s" before the end */

	if (t < 60)
		snprintf(out, size, "%ld s", t);
	else if (t < 3600)
		snprintf(out, size, "%ld min %02ld s", t / 60, t % 60);
	else
		snprintf(out, size, "%ld h %02ld min", t / 3600, t / 60 % 60);
}

/* Appends to line[size], which holds n bytes; the new length (size at most: cut). */
static size_t add(char *line, size_t size, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static size_t add(char *line, size_t size, size_t n, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (n >= size)
		return size;
	va_start(ap, fmt);
	w = vsnprintf(line + n, size - n, fmt, ap);
	va_end(ap);
	return w < 0 ? n : n + (size_t)w < size ? n + (size_t)w : size;
}

/* The line for what the meter says, secs into its phase. */
static void format(const struct ys_meter *m, double secs, char *line, size_t size)
{
	const char *what = atomic_load(&m->what), *unit = atomic_load(&m->unit);
	const char *also_unit = atomic_load(&m->also_unit);
	uint64_t done = atomic_load(&m->done), total = atomic_load(&m->total);
	uint64_t bytes = atomic_load(&m->bytes), also = atomic_load(&m->also);
	char a[32], b[32];
	size_t n;

	if (!unit) { /* a step that cannot be counted: how long it has taken, that it goes on */
		snprintf(line, size, secs < 1 ? "%s" : "%s (%.0f s)", what, secs);
		return;
	}
	commas(a, sizeof(a), done);
	commas(b, sizeof(b), total);
	n = total ? add(line, size, 0, "%s: %s of %s %s (%d%%)", what, a, b, unit,
			(int)(done < total ? done * 100 / total : 100))
		  : add(line, size, 0, "%s: %s %s", what, a, unit);
	if (also_unit) {
		commas(a, sizeof(a), also);
		n = add(line, size, n, ", %s %s", a, also_unit);
	}
	if (bytes) {
		amount(a, sizeof(a), (double)bytes);
		n = add(line, size, n, ", %s", a);
	}
	if (secs < 1) /* too soon for a rate */
		return;
	if (bytes) {
		amount(a, sizeof(a), (double)bytes / secs);
		n = add(line, size, n, ", %s/s", a);
	} else if (done) {
		n = add(line, size, n, done / secs < 10 ? ", %.1f %s/s" : ", %.0f %s/s", done / secs,
			unit);
	}
	if (total && done && done < total) {
		left(a, sizeof(a), secs * (double)(total - done) / (double)done);
		add(line, size, n, ", %s left", a);
	}
}

static int columns(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10)
		return ws.ws_col;
	return 80;
}

static void draw(struct ys_progress *p, int64_t t)
{
	char line[512];
	int width = columns();

	if (!atomic_load(&p->m.what))
		return;
	memcpy(line, "\r\033[K", 4);
	format(&p->m, (double)(t - atomic_load(&p->m.since)) / 1e9, line + 4, sizeof(line) - 4);
	/* never wider than the terminal: a wrapped line could not be wiped */
	if (strlen(line + 4) >= (size_t)width)
		line[4 + width - 1] = 0;
	pthread_mutex_lock(&p->m.mu);
	flockfile(stderr);
	fputs(line, stderr);
	fflush(stderr);
	funlockfile(stderr);
	p->m.shown = 1;
	pthread_mutex_unlock(&p->m.mu);
}

static void *loop(void *v)
{
	struct ys_progress *p = v;
	int64_t began = now_ns();

	pthread_mutex_lock(&p->mu);
	while (!p->stop) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += TICK_NS;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&p->cv, &p->mu, &ts);
		if (!p->stop && now_ns() - began >= FIRST_NS)
			draw(p, now_ns());
	}
	pthread_mutex_unlock(&p->mu);
	pthread_mutex_lock(&p->m.mu);
	if (p->m.shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		p->m.shown = 0;
	}
	pthread_mutex_unlock(&p->m.mu);
	return NULL;
}

struct ys_progress *ys_progress_start(void)
{
	struct ys_progress *p;
	const char *slow = getenv("YS_TEST_PROGRESS_DELAY_MS");

	if (!isatty(STDERR_FILENO) || !(p = calloc(1, sizeof(*p))))
		return NULL;
	ys_meter_init(&p->m);
	if (slow)
		p->m.slow_us = (unsigned)strtoul(slow, NULL, 10) * 1000;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->tid, NULL, loop, p)) {
		ys_meter_release(&p->m);
		free(p);
		return NULL;
	}
	return p;
}

struct ys_meter *ys_progress_meter(struct ys_progress *p)
{
	return p ? &p->m : NULL;
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
	ys_meter_release(&p->m);
	free(p);
}
