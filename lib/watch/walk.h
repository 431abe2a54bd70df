/* walk.h: the trail files under the paths given, each once, in the order CloudTrail delivered
 * them */
#ifndef YS_WATCH_WALK_H
#define YS_WATCH_WALK_H

#include <stddef.h>
#include <sys/types.h>
#include "run.h"

/* In a directory, the files a trail is made of; a file named on the command line is always
 * read. */
extern const char *const ys_trail_suffixes[];

struct ys_trail_list {
	char **path; /* after ys_trail_list_order: in reading order */
	size_t n, cap;
	dev_t *dev; /* each file's identity, so that one reached twice is read once */
	ino_t *ino;
};

/* Files under path onto the list: directories are walked (links followed, never round a loop);
 * what cannot be read is said on stderr and counted in *problems, and so is (when say_empty)
 * a directory without trail files, without counting. "-" is stdin. */
void ys_trail_list_add(struct ys_trail_list *l, const char *path, int say_empty, size_t *problems);
/* Drops the second and later names of one file (given twice, or reached by two links), then
 * orders the rest by the delivery time in their names (regions and accounts interleaved), so
 * that baselines and correlations see events roughly in time; files without one keep their
 * place before those with one. */
void ys_trail_list_order(struct ys_trail_list *l); /* the last step: add nothing after it */
void ys_trail_list_release(struct ys_trail_list *l);

/* Reads every file under the paths into the run, in the order CloudTrail delivered them (the
 * time in their names; regions and accounts interleaved), so that baselines and correlations
 * see events roughly in time; returns how many could be read or were read before. */
size_t ys_run_paths(struct ys_run *r, char *const *paths, size_t npaths, int say_empty);

#endif
