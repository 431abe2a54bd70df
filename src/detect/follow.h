/* follow.h: watch a directory tree (inotify) and hand over each file that is complete */
#ifndef YS_SRC_DETECT_FOLLOW_H
#define YS_SRC_DETECT_FOLLOW_H

struct follow_io {
	/* a file under the tree was written and closed, or moved in */
	void (*on_file)(void *ctx, const char *path);
	/* a directory appeared (its files may predate the watch): walk it */
	void (*on_dir)(void *ctx, const char *path);
	/* nothing happened for a second */
	void (*on_idle)(void *ctx);
	void *ctx;
};

/* Watches dir and everything under it until *stop is set (by a signal); on_dir is called for
 * dir itself once the watches are in place, so no file slips between walk and watch.
 * Returns 0, or -1 with errno when the watch cannot be set up. */
int follow_dir(const char *dir, const struct follow_io *io, volatile int *stop);

#endif
