/* test-meter.c: the progress meter: counts bumped from many threads add up, a phase starts them
 * again, a set replaces them, and a NULL meter takes every call */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "base/meter.h"

#define THREADS 8
#define BUMPS 100000

static void *bump(void *v)
{
	struct ys_meter *m = v;
	int i;

	for (i = 0; i < BUMPS; i++) {
		ys_meter_add(m, 1, 10);
		ys_meter_also(m, 2, 0);
	}
	return NULL;
}

static void threads_add_up(void **state)
{
	struct ys_meter m;
	pthread_t t[THREADS];
	int i;

	(void)state;
	ys_meter_init(&m);
	ys_meter_phase(&m, "scanning history", "commits", 5, "blobs");
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, bump, &m), 0);
	for (i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	assert_int_equal(atomic_load(&m.done), THREADS * BUMPS);
	assert_int_equal(atomic_load(&m.bytes), (uint64_t)THREADS * BUMPS * 10);
	assert_int_equal(atomic_load(&m.also), THREADS * BUMPS * 2);
	ys_meter_release(&m);
}

static void phase_starts_again(void **state)
{
	struct ys_meter m;
	int64_t first;

	(void)state;
	ys_meter_init(&m);
	assert_null(atomic_load(&m.what)); /* nothing to draw yet */
	ys_meter_phase(&m, "reading the snapshot", NULL, 0, NULL);
	first = atomic_load(&m.since);
	ys_meter_add(&m, 3, 300);
	ys_meter_phase(&m, "checking", "checks", 219, NULL);
	assert_string_equal(atomic_load(&m.what), "checking");
	assert_string_equal(atomic_load(&m.unit), "checks");
	assert_null(atomic_load(&m.also_unit));
	assert_int_equal(atomic_load(&m.total), 219);
	assert_int_equal(atomic_load(&m.done), 0);
	assert_int_equal(atomic_load(&m.bytes), 0);
	assert_true(atomic_load(&m.since) >= first);
	ys_meter_set(&m, 7, 250, 1000, 2);
	assert_int_equal(atomic_load(&m.done), 7);
	assert_int_equal(atomic_load(&m.total), 250);
	assert_int_equal(atomic_load(&m.bytes), 1000);
	assert_int_equal(atomic_load(&m.also), 2);
	ys_meter_release(&m);
}

static void null_meter(void **state)
{
	(void)state;
	ys_meter_phase(NULL, "checking", "checks", 1, NULL);
	ys_meter_add(NULL, 1, 1);
	ys_meter_also(NULL, 1, 1);
	ys_meter_set(NULL, 1, 1, 1, 1);
	ys_meter_hold(NULL);
	ys_meter_unhold(NULL);
	ys_meter_release(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(threads_add_up),
		cmocka_unit_test(phase_starts_again),
		cmocka_unit_test(null_meter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
