/* fuzz-notice.c: queue message bodies on arbitrary bytes, as `detect --sqs` reads them
 * (lib/watch/notice): S3's events, SNS's envelope, CloudTrail's and EventBridge's notices */
#include <stdint.h>
#include <string.h>
#include "watch/notice.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_error err = {0};
	struct ys_notice n;
	size_t i, seen = 0;

	if (ys_notice_parse((const char *)data, size, &n, &err) == 0) {
		for (i = 0; i < n.n; i++)
			seen += strlen(n.obj[i].bucket) + strlen(n.obj[i].key) + (size_t)(n.obj[i].size & 1);
		ys_notice_release(&n);
	}
	(void)seen;
	return 0;
}
