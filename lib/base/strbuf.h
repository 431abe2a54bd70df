/* strbuf.h: a growable byte buffer, always NUL-terminated (after git's strbuf) */
#ifndef YS_STRBUF_H
#define YS_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

#define STRBUF_INIT {NULL, 0, 0}

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* Detaches the buffer: the caller owns and frees it. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
int strbuf_grow(struct strbuf *sb, size_t extra);
int strbuf_add_slow(struct strbuf *sb, const void *data, size_t len);
/* Appending is inline while there is room (output of many small pieces is a hot path). */
static inline int strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (sb->len + len < sb->alloc && len < sb->alloc) {
		memcpy(sb->buf + sb->len, data, len);
		sb->len += len;
		sb->buf[sb->len] = '\0';
		return 0;
	}
	return strbuf_add_slow(sb, data, len);
}
static inline int strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->len + 1 < sb->alloc) {
		sb->buf[sb->len++] = (char)c;
		sb->buf[sb->len] = '\0';
		return 0;
	}
	return strbuf_add_slow(sb, &(char){(char)c}, 1);
}
int strbuf_addstr(struct strbuf *sb, const char *s);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* A new string, formatted (the caller frees it), or NULL without memory. */
char *strbuf_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void strbuf_reset(struct strbuf *sb);
/* Cuts the text back to len bytes (no-op when it is not longer). */
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Returns the buffer's text, "" when empty. */
const char *strbuf_str(const struct strbuf *sb);

#endif
