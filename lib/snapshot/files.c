/* files.c: walking a snapshot folder for its files, in a stable order */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "files.h"
#include "../base/dir.h"
#include "../banned.h"

/* DESIGN.md's layout is <region>/<service>/<operation>/<resource>.json: four levels */
#define MAX_DEPTH 6

int ys_snapshot_files(const char *dir, char ***rels, size_t *n, struct ys_error *err)
{
	struct stat st;
	size_t i, k;

	*rels = NULL;
	*n = 0;
	if (stat(dir, &st))
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return ys_error_set(err, YS_EIO, "cannot read '%s': not a folder", dir);
	if (ys_dir_files(dir, MAX_DEPTH, rels, n, NULL, NULL))
		return errno == ENOMEM ? ys_error_set(err, YS_ENOMEM, "out of memory")
				       : ys_error_set(err, YS_EIO, "cannot read '%s': %s", dir, strerror(errno));
	/* snapshot.json only says when it was taken */
	for (i = k = 0; i < *n; i++)
		if (strcmp((*rels)[i], "snapshot.json"))
			(*rels)[k++] = (*rels)[i];
		else
			free((*rels)[i]);
	*n = k;
	return 0;
}
