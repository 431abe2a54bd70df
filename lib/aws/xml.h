/* xml.h: the XML AWS answers in (query, EC2 and REST-XML protocols) read into a tree: elements,
 * attributes, text with entities and CDATA resolved; no DOCTYPE (so no entity expansion), a
 * depth limit, every end tag checked */
#ifndef YS_AWS_XML_H
#define YS_AWS_XML_H

#include <stddef.h>
#include "../base/err.h"

#define YS_XML_MAX_DEPTH 128

struct ys_xattr {
	const char *name, *value;
};

struct ys_xnode {
	const char *name; /* as written, prefix included ("xsi:type") */
	const char *text; /* the element's own text, entities resolved ("" when none) */
	size_t textlen;
	struct ys_xattr *attrs;
	size_t nattrs;
	struct ys_xnode *child, *last, *next;
};

struct ys_xdoc;

/* Parses one document. On error returns YS_EPARSE with "byte N: reason" in err. */
int ys_xml_parse(const char *buf, size_t len, struct ys_xdoc **out, struct ys_error *err);
const struct ys_xnode *ys_xml_root(const struct ys_xdoc *doc);
void ys_xml_free(struct ys_xdoc *doc);

/* A name without its namespace prefix ("xsi:type" -> "type"). */
const char *ys_xml_local(const char *name);
/* The first child whose local name is name, or NULL. */
const struct ys_xnode *ys_xml_child(const struct ys_xnode *n, const char *name);
/* The attribute whose name (prefix included) is name, or NULL. */
const char *ys_xml_attr(const struct ys_xnode *n, const char *name);

#endif
