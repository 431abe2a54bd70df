/* file.c: reading a whole (bounded) file into memory */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "file.h"
#include "strbuf.h"
#include "../banned.h"

int ys_read_file(const char *path, size_t max, char **out, size_t *len, struct ys_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;

	if (fd < 0)
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", path, strerror(errno));
	for (;;) {
		ssize_t n;

		if (strbuf_grow(&sb, 65536)) {
			strbuf_release(&sb);
			if (fd)
				close(fd);
			return ys_error_set(err, YS_ENOMEM, "cannot read '%s': out of memory", path);
		}
		n = read(fd, sb.buf + sb.len, 65536);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			strbuf_release(&sb);
			if (fd)
				close(fd);
			return ys_error_set(err, YS_EIO, "cannot read '%s': %s", path, strerror(e));
		}
		if (n == 0)
			break;
		sb.len += (size_t)n;
		sb.buf[sb.len] = '\0';
		if (sb.len > max) {
			strbuf_release(&sb);
			if (fd)
				close(fd);
			return ys_error_set(err, YS_EINVAL, "cannot read '%s': larger than %zu bytes",
					    path, max);
		}
	}
	if (fd)
		close(fd);
	*out = strbuf_detach(&sb, len);
	return 0;
}
