/* embedded.c: finding a file compiled into the binary */
#include <string.h>
#include "embedded.h"
#include "../banned.h"

const struct ys_embedded_file *ys_embedded_find(const struct ys_embedded_file *files,
						const char *path)
{
	for (; files->path; files++)
		if (!strcmp(files->path, path))
			return files;
	return NULL;
}
