/* call.c: a signed AWS call with its retries, and a refusal said in words */
#include <time.h>
#include "call.h"
#include "decode.h"
#include "../banned.h"

long ys_aws_backoff_ms(int attempt)
{
	return 100L << (2 * attempt);
}

void ys_aws_backoff(int attempt)
{
	long ms = ys_aws_backoff_ms(attempt);
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

int ys_aws_call(const struct ys_aws_target *t, const struct ys_aws_op *op,
		const struct ys_aws_param *params, size_t np, const char *what,
		const char *resource, struct ys_http_response *resp, struct ys_error *err)
{
	char code[64], msg[8];
	int attempt, rc = 0;

	for (attempt = 1; attempt <= YS_AWS_ATTEMPTS; attempt++) {
		struct ys_aws_request req;

		strbuf_reset(&resp->body);
		resp->status = 0;
		if ((rc = ys_aws_request_build(op, t->region, t->endpoint, NULL, params, np, t->creds,
					       (int64_t)time(NULL), &req, err)))
			return rc;
		rc = ys_http_send(req.method, req.url.buf, req.headers, req.nheaders,
				  req.body.len ? req.body.buf : NULL, req.body.len, t->timeout_ms,
				  resp, err);
		ys_aws_request_release(&req);
		if (!rc && resp->status >= 200 && resp->status < 300)
			return 0;
		if (!rc && resp->status != 500 && resp->status != 503 && resp->status != 429)
			break;
		if (attempt < YS_AWS_ATTEMPTS)
			ys_aws_backoff(attempt);
	}
	if (rc)
		return rc;
	ys_aws_decode_error(op, resp->body.buf, resp->body.len, NULL, code, sizeof(code), msg,
			    sizeof(msg));
	return ys_error_set(err, YS_EIO, "%s on %s: refused (HTTP %ld%s%s)", what, resource,
			    resp->status, *code ? ", " : "", code);
}
