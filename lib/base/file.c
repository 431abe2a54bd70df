/* file.c: reading a whole (bounded) file into memory */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "file.h"
#include "strbuf.h"
#include "../banned.h"

int ys_read_fileat(int dirfd, const char *name, const char *shown, size_t max, char **out,
		   size_t *len, struct ys_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	int fd = strcmp(name, "-") ? openat(dirfd, name, O_RDONLY | O_CLOEXEC) : 0;
	struct stat st;
	int e;

	if (fd < 0) {
		e = errno;
		if (e == ENOENT || e == ENOTDIR)
			return ys_error_set(err, YS_ENOTFOUND, "cannot read '%s': %s", shown, strerror(e));
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", shown, strerror(e));
	}
	/* a regular file is read in one piece of its size (and one more read to see the end) */
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && (size_t)st.st_size <= max &&
	    strbuf_grow(&sb, (size_t)st.st_size + 1)) {
		if (fd)
			close(fd);
		return ys_error_set(err, YS_ENOMEM, "cannot read '%s': out of memory", shown);
	}
	for (;;) {
		ssize_t n;

		if (sb.alloc - sb.len < 2 && strbuf_grow(&sb, 65536)) {
			strbuf_release(&sb);
			if (fd)
				close(fd);
			return ys_error_set(err, YS_ENOMEM, "cannot read '%s': out of memory", shown);
		}
		n = read(fd, sb.buf + sb.len, sb.alloc - sb.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			strbuf_release(&sb);
			if (fd)
				close(fd);
			return ys_error_set(err, YS_EIO, "cannot read '%s': %s", shown, strerror(e));
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
					    shown, max);
		}
	}
	if (fd)
		close(fd);
	if (!sb.buf && strbuf_grow(&sb, 1))
		return ys_error_set(err, YS_ENOMEM, "cannot read '%s': out of memory", shown);
	*out = strbuf_detach(&sb, len);
	return 0;
}

int ys_read_file(const char *path, size_t max, char **out, size_t *len, struct ys_error *err)
{
	int rc = ys_read_fileat(AT_FDCWD, path, path, max, out, len, err);

	/* callers of the plain form treat every failure alike */
	return rc == YS_ENOTFOUND ? YS_EIO : rc;
}
