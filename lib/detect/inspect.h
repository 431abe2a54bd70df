/* inspect.h: built-in detectors whose meaning lies in a request's structure, which Sigma cannot
 * say: a bucket policy statement or ACL grant that opens S3 to everyone */
#ifndef YS_DETECT_INSPECT_H
#define YS_DETECT_INSPECT_H

#include <stddef.h>
#include "../json/jread.h"
#include "engine.h"

/* Does the request (requestParameters) of a call named event_name open S3 to everyone? */
int ys_inspect_request(const char *event_name, const struct ys_jval *req);
/* The alert's rule, title, severity, techniques and source, when it does. */
void ys_inspect_alert(struct ys_alert *a);
/* The same for a whole record (not for failed calls): alerts through fn; non-zero when fn
 * stopped. The built-in rule rules/builtin/yourside_s3_public.yml picks the records the
 * detector looks into. */
int ys_inspect_record(const struct ys_jval *rec, const char *file, ys_alert_fn fn, void *ctx);

#endif
