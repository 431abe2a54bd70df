/* decode.h: an AWS answer (XML or JSON, in its service's protocol) turned into what the AWS CLI
 * prints for it (`--output json`): members by their model names, timestamps in ISO 8601, only
 * modeled members; and a refusal's code and message */
#ifndef YS_AWS_DECODE_H
#define YS_AWS_DECODE_H

#include <stddef.h>
#include "shapes.h"
#include "../base/err.h"
#include "../base/strbuf.h"

/* Appends the answer's JSON, as the CLI prints it (4-space indent), to out. YS_EPARSE when the
 * body is not the protocol's (err says where). */
int ys_aws_decode(const struct ys_aws_op *op, const char *body, size_t len, struct strbuf *out,
		  struct ys_error *err);

/* A refusal's code and message from its body (and, for JSON protocols, the x-amzn-ErrorType
 * header's value, or NULL). Unknown parts stay "". */
void ys_aws_decode_error(const struct ys_aws_op *op, const char *body, size_t len,
			 const char *error_type, char *code, size_t ncode, char *msg, size_t nmsg);

#endif
