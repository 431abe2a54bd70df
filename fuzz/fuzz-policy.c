/* fuzz-policy.c: IAM policy documents on arbitrary bytes, as JSON and as the string forms (plain
 * and URL-encoded) the APIs return; every statement read is matched against an action */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "iam/policy.h"
#include "json/jread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_jdoc *doc;
	struct ys_policy p;
	struct ys_error err = {0};
	struct ys_jval str;
	char *copy;
	size_t i;

	/* the bytes as a document, and the bytes as a string holding one */
	if (!ys_json_parse((const char *)data, size, &doc, &err)) {
		if (!ys_policy_parse(ys_jdoc_root(doc), &p, &err)) {
			for (i = 0; i < p.n; i++) {
				ys_pstmt_action(&p.st[i], "s3:GetObject");
				ys_pstmt_all_resources(&p.st[i]);
			}
			ys_policy_release(&p);
		}
		ys_jdoc_free(doc);
	}
	if (!(copy = malloc(size + 1)))
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	str.type = YS_J_STRING;
	str.len = size;
	str.u.str = copy;
	if (!ys_policy_parse(&str, &p, &err))
		ys_policy_release(&p);
	/* patterns against the text itself */
	ys_iam_match(copy, "ec2:TerminateInstances");
	ys_iam_match("ec2:*", copy);
	free(copy);
	return 0;
}
