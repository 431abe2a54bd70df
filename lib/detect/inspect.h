/* inspect.h: built-in detectors whose meaning lies in a request's structure, which Sigma cannot
 * say: a resource policy or role trust policy that lets in anyone or another account, an ACL
 * grant that opens S3 to everyone */
#ifndef YS_DETECT_INSPECT_H
#define YS_DETECT_INSPECT_H

#include <stddef.h>
#include "../json/jread.h"
#include "engine.h"

/* What a call's request opened: the alert's rule (an index for ys_inspect_alert) and the
 * other account let in, if that is what it did. */
struct ys_opened {
	int rule;
	char other[16];
};

/* Does the request (requestParameters) of a call named event_name, in the account that owns the
 * resource, open it to anyone or to another account? 1 with out filled, or 0. */
int ys_inspect_request(const char *event_name, const struct ys_jval *req, const char *account,
		       struct ys_opened *out);
/* The alert's rule, title, severity, techniques and source, when it does. */
void ys_inspect_alert(struct ys_alert *a, const struct ys_opened *o);
/* The same for a whole record (not for failed calls): alerts through fn; non-zero when fn
 * stopped. The built-in rule rules/builtin/yourside_policy_opened.yml picks the records the
 * detector looks into. */
int ys_inspect_record(const struct ys_jval *rec, const char *file, ys_alert_fn fn, void *ctx);

#endif
