/* jread.h: a validating JSON reader (RFC 8259) into a read-only tree held in one arena */
#ifndef YS_JREAD_H
#define YS_JREAD_H

#include <stddef.h>
#include "../base/err.h"

enum ys_jtype { YS_J_NULL, YS_J_FALSE, YS_J_TRUE, YS_J_NUMBER, YS_J_STRING, YS_J_ARRAY, YS_J_OBJECT };

struct ys_jmember;

struct ys_jval {
	enum ys_jtype type;
	size_t len; /* string: bytes; array and object: members */
	union {
		double num;
		const char *str; /* unescaped, NUL-terminated (may hold NUL: use len) */
		const struct ys_jval *items;
		const struct ys_jmember *members;
	} u;
};

struct ys_jmember {
	const char *key;
	size_t klen;
	struct ys_jval val;
};

struct ys_jdoc;

#define YS_JSON_MAX_DEPTH 256

/* Parses one JSON text. On error returns YS_EPARSE with "byte N: reason" in err. */
int ys_json_parse(const char *buf, size_t len, struct ys_jdoc **out, struct ys_error *err);
const struct ys_jval *ys_jdoc_root(const struct ys_jdoc *doc);
void ys_jdoc_free(struct ys_jdoc *doc);

/* The member named key of an object (the last one when repeated), or NULL. */
const struct ys_jval *ys_json_get(const struct ys_jval *obj, const char *key);
/* The member at a path of member names joined by dots ("DistributionList.Items"), or NULL. */
const struct ys_jval *ys_json_path(const struct ys_jval *v, const char *path);
/* The string, or NULL when v is not a string. */
const char *ys_json_str(const struct ys_jval *v);

#endif
