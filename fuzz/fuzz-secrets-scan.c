/* fuzz-secrets-scan.c: the secret scanner on arbitrary bytes, in memory and streamed */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "secrets/scan.h"

static struct ys_secret_ruleset *rs;
static struct ys_secret_scanner *sc;

static int on_hit(void *ctx, const struct ys_secret_hit *h)
{
	size_t *n = ctx;

	/* every hit must point at real bytes with a sane place */
	if (!h->secret || h->secret_len == 0 || h->line == 0 || h->column == 0)
		abort();
	(*n)++;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t n1 = 0, n2 = 0;
	int fds[2];

	if (!rs) {
		struct ys_error err = {0};

		if (ys_secret_ruleset_new(&rs, &ys_mpm_vectorscan, &err) ||
		    ys_secret_scanner_new(rs, &sc))
			abort();
	}
	ys_secret_scan_mem(sc, (const char *)data, size, on_hit, &n1);
	/* the streamed path must find the same on input small enough to fit one chunk */
	if (size < 60000 && pipe(fds) == 0) {
		struct ys_error err = {0};
		uint64_t bytes;

		if (write(fds[1], data, size) != (ssize_t)size)
			abort();
		close(fds[1]);
		ys_secret_scan_fd(sc, fds[0], on_hit, &n2, &bytes, &err);
		close(fds[0]);
		if (n1 != n2)
			abort();
	}
	return 0;
}
