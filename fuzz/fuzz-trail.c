/* fuzz-trail.c: CloudTrail files (any layout, gzip or not) from arbitrary bytes */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "trail/reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/ys-fuzz-trail-XXXXXX";
	int fd = mkstemp(path), rc, n = 0;
	struct ys_trail_reader *r;
	struct ys_trail_record rec;
	struct ys_error err = {0};

	if (fd < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	if (ys_trail_open(&r, path, &err) == 0) {
		while ((rc = ys_trail_next(r, &rec, &err)) != 0 && n++ < 100000) {
			/* a record is a whole object inside what was read */
			if (rc > 0 && (rec.len == 0 || rec.json[0] != '{' || rec.json[rec.len - 1] != '}'))
				abort();
			if (rc < 0 && strncmp(err.msg, "'/tmp/ys-fuzz-trail-", 20))
				abort(); /* every error names the file */
		}
		ys_trail_close(r);
	}
	unlink(path);
	return 0;
}
