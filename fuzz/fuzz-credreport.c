/* fuzz-credreport.c: IAM's credential report reader on arbitrary bytes (CSV, base64, JSON) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "snapshot/credreport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_credreport *r;
	struct ys_error err = {0};
	size_t i;

	if (ys_credreport_parse((const char *)data, size, &r, &err))
		return 0;
	for (i = 0; i < r->n; i++)
		if (!r->users[i].user || !r->users[i].arn)
			abort();
	ys_credreport_free(r);
	return 0;
}
