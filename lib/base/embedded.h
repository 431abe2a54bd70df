/* embedded.h: files compiled into the binary (rules/, data/), by cmake/embed-files.cmake */
#ifndef YS_EMBEDDED_H
#define YS_EMBEDDED_H

#include <stddef.h>

struct ys_embedded_file {
	const char *path; /* rules/builtin/x.yml, data/cis-aws-controls.tsv */
	size_t len;
	const char *text;
};

/* Each array ends with a row whose path is NULL. */
extern const struct ys_embedded_file ys_embedded_rules[]; /* rules/ */
extern const struct ys_embedded_file ys_embedded_data[];  /* data/ */

/* The file at path in files, or NULL. */
const struct ys_embedded_file *ys_embedded_find(const struct ys_embedded_file *files,
						const char *path);

#endif
