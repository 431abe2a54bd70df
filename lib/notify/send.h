/* send.h: one message to one destination: a Slack or webhook POST, an SNS Publish (SigV4);
 * accepted means a 2xx answer */
#ifndef YS_NOTIFY_SEND_H
#define YS_NOTIFY_SEND_H

#include <stddef.h>
#include "../base/err.h"
#include "../json/jread.h"
#include "../aws/shapes.h"
#include "../sigv4/sigv4.h"
#include "dest.h"

struct ys_notify_ctx {
	const struct ys_aws_creds *creds; /* for SNS; NULL when no destination needs them */
	const struct ys_aws_op *publish;  /* sns/publish, looked up once; NULL likewise */
	const char *sns_endpoint;	  /* NULL: AWS's */
	long timeout_ms;
};

/* Tells alerts (parsed, with raw[i] the JSON each came from) to d: Slack and email in one
 * message, a webhook gets each alert's JSON in its own POST (all must be accepted), SNS one
 * Publish. 0 when accepted; YS_EIO with err naming the destination by its label and the
 * answer, never a secret. */
int ys_notify_send(const struct ys_notify_ctx *c, const struct ys_dest *d,
		   const struct ys_jval *const *alerts, const char *const *raw, size_t n,
		   struct ys_error *err);

#endif
