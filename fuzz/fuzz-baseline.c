/* fuzz-baseline.c: baseline reports (JSON, JSON Lines, gitleaks) from arbitrary bytes */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "secrets/baseline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/ys-fuzz-baseline-XXXXXX";
	int fd = mkstemp(path);
	struct ys_baseline b = {0};
	struct ys_error err = {0};

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size)
		ys_baseline_load(&b, path, &err);
	close(fd);
	unlink(path);
	ys_baseline_release(&b);
	return 0;
}
