/* request.h: one call of data/aws-shapes.json as a signed HTTP request: the endpoint (AWS's, or
 * one given for tests), the route, query, form or JSON body of the protocol, and SigV4 */
#ifndef YS_AWS_REQUEST_H
#define YS_AWS_REQUEST_H

#include <stdint.h>
#include "shapes.h"
#include "../base/err.h"
#include "../base/strbuf.h"
#include "../sigv4/sigv4.h"

/* An input member's value, as text (numbers too). */
struct ys_aws_param {
	const char *name;
	const char *value;
};

#define YS_AWS_MAX_HEADERS 10

struct ys_aws_request {
	const char *method;
	struct strbuf url;
	struct strbuf body;
	struct ys_http_header headers[YS_AWS_MAX_HEADERS];
	size_t nheaders;
	/* storage the headers point into */
	char host[300], amz_date[17], payload_hash[65], target[200], content_type[64];
	struct strbuf authorization;
};

/* Builds and signs op for region with the params set. endpoint: NULL for AWS's own, else a base
 * URL ("http://127.0.0.1:8080") every service shares (S3 then addressed by path). account: for
 * S3 Control's per-account host. Never copies a credential anywhere but the signed headers. */
int ys_aws_request_build(const struct ys_aws_op *op, const char *region, const char *endpoint,
			 const char *account, const struct ys_aws_param *params, size_t nparams,
			 const struct ys_aws_creds *creds, int64_t now, struct ys_aws_request *r,
			 struct ys_error *err);
void ys_aws_request_release(struct ys_aws_request *r);

#endif
