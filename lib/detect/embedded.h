/* embedded.h: the rule files under rules/, compiled into the binary */
#ifndef YS_DETECT_EMBEDDED_H
#define YS_DETECT_EMBEDDED_H

#include <stddef.h>

struct ys_embedded_rule {
	const char *path; /* rules/builtin/x.yml, rules/sigmahq/y.yml */
	size_t len;
	const char *text;
};

/* Ends with a row whose path is NULL. */
extern const struct ys_embedded_rule ys_embedded_rules[];

#endif
