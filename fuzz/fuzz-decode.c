/* fuzz-decode.c: AWS answers on arbitrary bytes, as each call collect makes would read them (the
 * first byte picks the call): decoded as an answer and as a refusal */
#include <stdint.h>
#include <stdlib.h>
#include "aws/decode.h"

static const char *const calls[] = {
	"iam/get-account-authorization-details", "ec2/describe-instances", "s3/get-bucket-acl",
	"s3/get-bucket-policy", "s3/get-bucket-location", "cloudtrail/describe-trails",
	"kms/describe-key", "guardduty/get-detector", "elbv2/describe-target-health",
	"backup/get-backup-plan", "s3control/get-public-access-block", "logs/describe-metric-filters",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ys_aws_shapes *shapes;
	const struct ys_aws_op *op;
	struct strbuf out = STRBUF_INIT;
	struct ys_error err = {0};
	char code[64], msg[256];

	if (!shapes && ys_aws_shapes_load(&shapes, &err))
		abort();
	if (size < 1)
		return 0;
	op = ys_aws_op_find(shapes, calls[data[0] % (sizeof(calls) / sizeof(calls[0]))]);
	ys_aws_decode(op, (const char *)data + 1, size - 1, &out, &err);
	strbuf_release(&out);
	ys_aws_decode_error(op, (const char *)data + 1, size - 1, NULL, code, sizeof(code), msg,
			    sizeof(msg));
	return 0;
}
