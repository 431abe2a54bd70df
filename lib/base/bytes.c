/* bytes.c: a file's bytes, decompressed when it is gzip */
#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "bytes.h"
#include "../banned.h"

#define INBUF (256u << 10)
#define WHOLE_MAX_IN (32u << 20)   /* gzip files up to this size are inflated at once */
#define WHOLE_MAX_OUT (256u << 20) /* ... when they say they hold no more than this */
#define KEEP_MAX (16u << 20)	   /* buffers larger than this are not kept for the next file */

struct ys_bytes {
	char *path;
	int fd;
	int gzip;
	/* whole-file mode (whole_mode): the decompressed bytes */
	int whole_mode;
	char *whole;
	size_t wlen, wpos, wcap;
	unsigned char *data; /* the compressed file, read whole */
	size_t datacap;
	struct libdeflate_decompressor *dec; /* kept from one file to the next (ys_bytes_reopen) */
	/* streaming mode */
	z_stream z;
	int zinit, zend;
	unsigned char *in;
	size_t inlen;	    /* bytes of input held in `in` */
	uint64_t consumed;  /* compressed bytes consumed before `in` */
	int ineof;
};

static int fill_input(struct ys_bytes *b, struct ys_error *err)
{
	ssize_t n;

	if (b->z.avail_in > 0) {
		memmove(b->in, b->z.next_in, b->z.avail_in);
	}
	b->consumed += b->inlen - b->z.avail_in;
	b->inlen = b->z.avail_in;
	do {
		n = read(b->fd, b->in + b->inlen, INBUF - b->inlen);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", b->path, strerror(errno));
	if (n == 0)
		b->ineof = 1;
	b->inlen += (size_t)n;
	b->z.next_in = b->in;
	b->z.avail_in = (uInt)b->inlen;
	return 0;
}

/* Small gzip files: read whole and inflate with libdeflate, member after member. */
static int inflate_whole(struct ys_bytes *b, const unsigned char *data, size_t len,
			 struct ys_error *err)
{
	struct libdeflate_decompressor *d = b->dec ? b->dec : (b->dec = libdeflate_alloc_decompressor());
	size_t off = 0, cap = 0;

	if (!d)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	while (off < len) {
		uint32_t isize;
		size_t in_used = 0, out_len = 0;
		enum libdeflate_result r;
		char *nw;

		if (len - off < 18) {
			return ys_error_set(err, YS_EPARSE, "'%s': truncated gzip stream at byte %zu",
					    b->path, len);
		}
		memcpy(&isize, data + len - 4, 4); /* the last member's size: a hint only */
		if (cap < b->wlen + isize + 1) {
			cap = b->wlen + (isize > 65536 ? isize : 65536) + 1;
			if (cap > WHOLE_MAX_OUT + 1)
				return YS_EUNSUP;
			if (cap > b->wcap) {
				if (!(nw = realloc(b->whole, cap)))
					return YS_EUNSUP;
				b->whole = nw;
				b->wcap = cap;
			}
		}
		/* the room given is what this file's sizes ask for, whatever a file before left */
		r = libdeflate_gzip_decompress_ex(d, data + off, len - off, b->whole + b->wlen,
						  cap - b->wlen - 1, &in_used, &out_len);
		if (r == LIBDEFLATE_INSUFFICIENT_SPACE)
			return YS_EUNSUP; /* let zlib stream it */
		if (r != LIBDEFLATE_SUCCESS)
			return YS_EUNSUP; /* zlib names the byte where it breaks */
		b->wlen += out_len;
		off += in_used;
	}
	return 0;
}

static int try_whole(struct ys_bytes *b, struct ys_error *err)
{
	struct stat st;
	unsigned char *data;
	size_t got = 0;
	int rc;

	if (fstat(b->fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > WHOLE_MAX_IN)
		return YS_EUNSUP;
	if ((size_t)st.st_size + 1 > b->datacap) {
		free(b->data);
		b->datacap = 0;
		if (!(b->data = malloc((size_t)st.st_size + 1)))
			return YS_EUNSUP;
		b->datacap = (size_t)st.st_size + 1;
	}
	data = b->data;
	while (got < (size_t)st.st_size) {
		ssize_t n = pread(b->fd, data + got, (size_t)st.st_size - got, (off_t)got);

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	rc = got == (size_t)st.st_size ? inflate_whole(b, data, got, err) : YS_EUNSUP;
	if (rc)
		b->wlen = 0;
	else
		b->whole_mode = 1;
	return rc == YS_EUNSUP ? YS_EUNSUP : rc;
}

/* b->fd is open: the first bytes say whether it is gzip, and how it will be read. On failure
 * b is the caller's to close or reopen. */
static int begin(struct ys_bytes *b, struct ys_error *err)
{
	ssize_t n;

	if (!b->in && !(b->in = malloc(INBUF)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	do {
		n = read(b->fd, b->in, 2);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", b->path, strerror(errno));
	b->inlen = (size_t)n;
	b->gzip = n == 2 && b->in[0] == 0x1f && b->in[1] == 0x8b;
	if (b->gzip && b->fd != 0 && try_whole(b, err) == 0)
		return 0;
	if (b->gzip) {
		if (inflateInit2(&b->z, 15 + 16) != Z_OK)
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		b->zinit = 1;
		b->z.next_in = b->in;
		b->z.avail_in = (uInt)b->inlen;
	}
	return 0;
}

/* The file read is let go; the buffers and the decompressor stay for the next one. */
static void end(struct ys_bytes *b)
{
	if (b->zinit)
		inflateEnd(&b->z);
	if (b->fd > 0)
		close(b->fd);
	free(b->path);
	b->path = NULL;
	b->fd = -1;
	b->gzip = b->zinit = b->zend = b->ineof = b->whole_mode = 0;
	memset(&b->z, 0, sizeof(b->z));
	b->inlen = b->wlen = b->wpos = 0;
	b->consumed = 0;
	if (b->wcap > KEEP_MAX) { /* one huge file does not hold its room for good */
		free(b->whole);
		b->whole = NULL;
		b->wcap = 0;
	}
	if (b->datacap > KEEP_MAX) {
		free(b->data);
		b->data = NULL;
		b->datacap = 0;
	}
}

static int open_path(struct ys_bytes *b, const char *path, struct ys_error *err)
{
	if (!(b->path = strdup(path)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	b->fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (b->fd < 0)
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", path, strerror(errno));
	return begin(b, err);
}

int ys_bytes_open(struct ys_bytes **out, const char *path, struct ys_error *err)
{
	struct ys_bytes *b = calloc(1, sizeof(*b));
	int rc;

	if (!b)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	b->fd = -1;
	if ((rc = open_path(b, path, err))) {
		ys_bytes_close(b);
		return rc;
	}
	*out = b;
	return 0;
}

int ys_bytes_reopen(struct ys_bytes *b, const char *path, struct ys_error *err)
{
	end(b);
	return open_path(b, path, err);
}

int ys_bytes_open_fd(struct ys_bytes **out, int fd, const char *name, struct ys_error *err)
{
	struct ys_bytes *b = calloc(1, sizeof(*b));
	int rc;

	if (!b || !(b->path = strdup(name))) {
		free(b);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	if ((b->fd = fcntl(fd, F_DUPFD_CLOEXEC, 3)) < 0) {
		ys_error_set(err, YS_EIO, "cannot read '%s': %s", name, strerror(errno));
		free(b->path);
		free(b);
		return YS_EIO;
	}
	if ((rc = begin(b, err))) {
		ys_bytes_close(b);
		return rc;
	}
	*out = b;
	return 0;
}

int ys_bytes_is_gzip(const struct ys_bytes *b)
{
	return b->gzip;
}

static ssize_t read_plain(struct ys_bytes *b, char *buf, size_t want, struct ys_error *err)
{
	size_t got = 0;
	ssize_t n;

	/* the two bytes read to look for gzip's magic come first */
	if (b->inlen > 0) {
		got = b->inlen < want ? b->inlen : want;
		memcpy(buf, b->in, got);
		memmove(b->in, b->in + got, b->inlen - got);
		b->inlen -= got;
		if (got == want)
			return (ssize_t)got;
	}
	do {
		n = read(b->fd, buf + got, want - got);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", b->path, strerror(errno));
	return (ssize_t)(got + (size_t)n);
}

static ssize_t read_gzip(struct ys_bytes *b, char *buf, size_t want, struct ys_error *err)
{
	b->z.next_out = (Bytef *)buf;
	b->z.avail_out = (uInt)want;
	while (b->z.avail_out == want && !b->zend) {
		int zr;

		if (b->z.avail_in == 0) {
			if (b->ineof)
				return ys_error_set(err, YS_EPARSE,
						    "'%s': truncated gzip stream at byte %llu", b->path,
						    (unsigned long long)(b->consumed + b->inlen));
			if (fill_input(b, err))
				return YS_EIO;
			if (b->z.avail_in == 0 && b->ineof)
				continue;
		}
		zr = inflate(&b->z, Z_NO_FLUSH);
		if (zr == Z_STREAM_END) {
			/* another member may follow, as concatenated gzip files do */
			if (b->z.avail_in == 0 && !b->ineof && fill_input(b, err))
				return YS_EIO;
			if (b->z.avail_in == 0) {
				b->zend = 1;
			} else {
				inflateReset(&b->z);
			}
		} else if (zr != Z_OK && zr != Z_BUF_ERROR) {
			return ys_error_set(err, YS_EPARSE, "'%s': corrupt gzip stream at byte %llu: %s",
					    b->path,
					    (unsigned long long)(b->consumed + b->inlen - b->z.avail_in),
					    b->z.msg ? b->z.msg : "bad data");
		}
	}
	return (ssize_t)(want - b->z.avail_out);
}

ssize_t ys_bytes_read(struct ys_bytes *b, char *buf, size_t want, struct ys_error *err)
{
	if (want > 0x40000000u)
		want = 0x40000000u;
	if (b->whole_mode) {
		size_t n = b->wlen - b->wpos < want ? b->wlen - b->wpos : want;

		memcpy(buf, b->whole + b->wpos, n);
		b->wpos += n;
		return (ssize_t)n;
	}
	return b->gzip ? read_gzip(b, buf, want, err) : read_plain(b, buf, want, err);
}

void ys_bytes_close(struct ys_bytes *b)
{
	if (!b)
		return;
	end(b);
	if (b->dec)
		libdeflate_free_decompressor(b->dec);
	free(b->in);
	free(b->whole);
	free(b->data);
	free(b);
}
