/* strbuf.h: a growable byte buffer, always NUL-terminated (after git's strbuf) */
#ifndef YS_STRBUF_H
#define YS_STRBUF_H

#include <stddef.h>

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
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_addstr(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, int c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_reset(struct strbuf *sb);
/* Returns the buffer's text, "" when empty. */
const char *strbuf_str(const struct strbuf *sb);

#endif
