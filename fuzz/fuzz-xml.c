/* fuzz-xml.c: AWS's XML answers on arbitrary bytes: every node parsed is walked, its names and
 * attributes looked up */
#include <stdint.h>
#include <string.h>
#include "aws/xml.h"

static size_t walk(const struct ys_xnode *n, int depth)
{
	size_t k = 0;

	for (; n && depth < YS_XML_MAX_DEPTH + 2; n = n->next) {
		k += n->textlen + strlen(ys_xml_local(n->name));
		ys_xml_attr(n, "xsi:type");
		ys_xml_child(n, "member");
		k += walk(n->child, depth + 1);
	}
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_xdoc *d;
	struct ys_error err = {0};

	if (!ys_xml_parse((const char *)data, size, &d, &err)) {
		walk(ys_xml_root(d), 0);
		ys_xml_free(d);
	}
	return 0;
}
