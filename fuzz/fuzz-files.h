/* fuzz-files.h: a fuzz target's own folder under /tmp, made once with the folders it needs,
 * whose files each input writes, removed when the fuzzer exits (for targets that read a
 * snapshot, an organization or a trail from disk) */
#ifndef YS_FUZZ_FILES_H
#define YS_FUZZ_FILES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_root[64];

static inline void fuzz_cleanup(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", fuzz_root);
	if (system(cmd))
		return;
}

/* /tmp/<name>-<pid> with each folder of dirs (NULL-terminated, relative) in it, once; 0 when it
 * is there */
static inline int fuzz_root_make(const char *name, const char *const *dirs)
{
	char cmd[512];
	size_t i;

	if (fuzz_root[0])
		return 0;
	snprintf(fuzz_root, sizeof(fuzz_root), "/tmp/%s-%d", name, (int)getpid());
	for (i = 0; dirs[i]; i++) {
		snprintf(cmd, sizeof(cmd), "mkdir -p %s/%s", fuzz_root, dirs[i]);
		if (system(cmd)) {
			fuzz_root[0] = '\0';
			return -1;
		}
	}
	atexit(fuzz_cleanup);
	return 0;
}

/* writes data[len] to the file rel of the folder */
static inline void fuzz_put(const char *rel, const void *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fuzz_root, rel);
	if ((f = fopen(path, "wb"))) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

#endif
