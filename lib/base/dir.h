/* dir.h: a directory's entry names, sorted, so that what is walked never depends on the file
 * system's order; and name endings */
#ifndef YS_DIR_H
#define YS_DIR_H

#include <stddef.h>

/* The names in dir but "." and those starting with "." (hidden), sorted bytewise. Returns 0, or
 * -1 with errno set when dir cannot be read. Free with ys_dir_names_free. */
int ys_dir_names(const char *dir, char ***names, size_t *n);
void ys_dir_names_free(char **names, size_t n);
/* True when name ends with one of the NULL-terminated endings (and is longer than it). */
int ys_name_ends(const char *name, const char *const *endings);

#endif
