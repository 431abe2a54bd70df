/* iam-rate.c: decisions a second of yourside's IAM evaluator on one core: every request of a
 * policy test file decided ROUNDS times, fast (stopping at the first deny, as who-can asks)
 * and explained (every deciding statement, as iam simulate prints); the median round.
 * Built by bench/iam.sh against the library. Usage: iam-rate FILE [ROUNDS] */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "base/file.h"
#include "iam/simfile.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* the median of rounds of deciding every request; *allowed counts allows in one round */
static double rate(const struct ys_simfile *f, int explain, int rounds, size_t *n, size_t *allowed)
{
	double *t = calloc((size_t)rounds, sizeof(double)), med;
	int k;

	for (k = 0; k < rounds; k++) {
		double t0 = now();
		size_t i, j;

		*n = *allowed = 0;
		for (i = 0; i < f->nsets; i++)
			for (j = 0; j < f->sets[i].nreq; j++) {
				struct ys_decision d;

				ys_eval(&f->sets[i].ps, &f->sets[i].req[j].req, explain, &d);
				*allowed += d.verdict == YS_ALLOW;
				(*n)++;
			}
		t[k] = now() - t0;
	}
	qsort(t, (size_t)rounds, sizeof(double), cmp);
	med = t[rounds / 2];
	free(t);
	return (double)*n / med;
}

int main(int argc, char **argv)
{
	struct ys_simfile f;
	struct ys_error err = {0};
	char *text;
	size_t len, n, allowed;
	int rounds = argc > 2 ? atoi(argv[2]) : 21;
	double fast, explained;

	if (argc < 2 || ys_read_file(argv[1], (size_t)1 << 30, &text, &len, &err) ||
	    ys_simfile_load(text, len, &f, &err)) {
		fprintf(stderr, "iam-rate: %s\n", argc < 2 ? "usage: iam-rate FILE [ROUNDS]" : err.msg);
		return 2;
	}
	free(text);
	if (rounds < 1)
		rounds = 1;
	fast = rate(&f, 0, rounds, &n, &allowed);
	explained = rate(&f, 1, rounds, &n, &allowed);
	printf("%zu %zu %.0f %.0f\n", n, allowed, fast, explained);
	ys_simfile_release(&f);
	return 0;
}
