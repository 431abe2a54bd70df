/* call.h: one signed AWS call answered: built from the shapes, sent, tried again with backoff
 * when throttled or failing on AWS's side, a refusal named by permission, resource and code */
#ifndef YS_AWS_CALL_H
#define YS_AWS_CALL_H

#include <stddef.h>
#include "http.h"
#include "request.h"

struct ys_aws_target {
	const char *region;
	const char *endpoint; /* NULL: AWS's own */
	const struct ys_aws_creds *creds;
	long timeout_ms;
};

#define YS_AWS_ATTEMPTS 4 /* a throttled or failed call is tried this many times */

/* Waits before the try after `attempt` (400 ms, 1.6 s, 6.4 s). */
/* How long to wait before the try after `attempt` (milliseconds), and that wait slept. */
long ys_aws_backoff_ms(int attempt);
void ys_aws_backoff(int attempt);

/* Calls op; resp holds the answer. 0 for a 2xx answer; else YS_EIO with err saying "<what> on
 * <resource>: refused (HTTP <status>, <code>)", or why nothing was answered. */
int ys_aws_call(const struct ys_aws_target *t, const struct ys_aws_op *op,
		const struct ys_aws_param *params, size_t np, const char *what,
		const char *resource, struct ys_http_response *resp, struct ys_error *err);

#endif
