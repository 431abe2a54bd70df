/* ydoc.h: a YAML document (through libyaml) as a small read-only tree of maps, lists and
 * scalars, each node with its line, for loaders that name where a problem is */
#ifndef YS_YDOC_H
#define YS_YDOC_H

#include <stddef.h>
#include "../base/err.h"

enum ys_ytype { YS_Y_SCALAR, YS_Y_LIST, YS_Y_MAP };

struct ys_ynode {
	enum ys_ytype type;
	size_t line; /* 1-based */
	/* scalar */
	char *str;
	int plain;    /* an unquoted scalar (so "null", "~" and "" mean null) */
	/* list: items; map: keys[i] -> items[i] */
	struct ys_ynode **items;
	char **keys;
	size_t n;
};

/* Parses the first document of text. Errors name the line: "line 4: mapping values are not
 * allowed in this context". */
int ys_yaml_parse(const char *text, size_t len, struct ys_ynode **out, struct ys_error *err);
void ys_ynode_free(struct ys_ynode *n);
/* Every document of a multi-document text ("---" between them). */
int ys_yaml_parse_all(const char *text, size_t len, struct ys_ynode ***out, size_t *n,
		      struct ys_error *err);
void ys_ydocs_free(struct ys_ynode **docs, size_t n);

/* The value under key in a map, or NULL. */
const struct ys_ynode *ys_ymap_get(const struct ys_ynode *map, const char *key);
/* A scalar's text, or NULL. */
const char *ys_yscalar(const struct ys_ynode *n);
/* A copy of a scalar's text (free it), or NULL. */
char *ys_yscalar_dup(const struct ys_ynode *n);
/* True for a YAML null: ~, null, or nothing. */
int ys_yis_null(const struct ys_ynode *n);

#endif
