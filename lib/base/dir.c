/* dir.c: sorted directory listings and name endings */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "dir.h"
#include "grow.h"
#include "../banned.h"

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ys_dir_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int ys_dir_names(const char *dir, char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char *name;

		if (e->d_name[0] == '.')
			continue;
		if (ys_grow(names, &cap, *n, sizeof(**names), 32) || !(name = strdup(e->d_name))) {
			closedir(d);
			ys_dir_names_free(*names, *n);
			*names = NULL;
			*n = 0;
			errno = ENOMEM;
			return -1;
		}
		(*names)[(*n)++] = name;
	}
	closedir(d);
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_names);
	return 0;
}

int ys_name_ends(const char *name, const char *const *endings)
{
	size_t n = strlen(name);

	for (; *endings; endings++) {
		size_t k = strlen(*endings);

		if (n > k && !strcmp(name + n - k, *endings))
			return 1;
	}
	return 0;
}
