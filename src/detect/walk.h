/* walk.h: the trail files under the paths given, each once, in the order CloudTrail delivered
 * them */
#ifndef YS_SRC_DETECT_WALK_H
#define YS_SRC_DETECT_WALK_H

#include <stddef.h>
#include <sys/types.h>

/* In a directory, the files a trail is made of; a file named on the command line is always
 * read. */
extern const char *const trail_suffixes[];

struct trail_list {
	char **path; /* after trail_list_order: in reading order */
	size_t n, cap;
	dev_t *dev; /* each file's identity, so that one reached twice is read once */
	ino_t *ino;
};

/* Files under path onto the list: directories are walked (links followed, never round a loop);
 * what cannot be read is said on stderr and counted in *problems, and so is (when say_empty)
 * a directory without trail files, without counting. "-" is stdin. */
void trail_list_add(struct trail_list *l, const char *path, int say_empty, size_t *problems);
/* Drops the second and later names of one file (given twice, or reached by two links), then
 * orders the rest by the delivery time in their names (regions and accounts interleaved), so
 * that baselines and correlations see events roughly in time; files without one keep their
 * place before those with one. */
void trail_list_order(struct trail_list *l); /* the last step: add nothing after it */
void trail_list_release(struct trail_list *l);

#endif
