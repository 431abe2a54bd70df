/* inspect.h: built-in detectors whose meaning lies in a request's structure, which Sigma cannot
 * say: a bucket policy statement or ACL grant that opens S3 to everyone */
#ifndef YS_DETECT_INSPECT_H
#define YS_DETECT_INSPECT_H

#include <stddef.h>
#include "../json/jread.h"
#include "engine.h"

/* Could the raw record be one the inspectors look into? (a cheap test before parsing) */
int ys_inspect_candidate(const char *json, size_t len);
/* Alerts for the record through fn; non-zero when fn stopped. */
int ys_inspect_record(const struct ys_jval *rec, const char *file, ys_alert_fn fn, void *ctx);

#endif
