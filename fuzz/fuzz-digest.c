/* fuzz-digest.c: CloudTrail digest files from arbitrary bytes: read, the string to sign made,
 * and a signature made of the same bytes checked against a key made of them too */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/strbuf.h"
#include "trail/digest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_digest d;
	struct ys_error err = {0};
	struct strbuf sb = STRBUF_INIT;
	char *hex = malloc(2 * (size < 64 ? size : 64) + 1);
	size_t i;

	if (!hex)
		return 0;
	for (i = 0; i < size && i < 64; i++) {
		static const char digits[] = "0123456789abcdef";

		hex[2 * i] = digits[data[i] >> 4];
		hex[2 * i + 1] = digits[data[i] & 15];
	}
	hex[2 * i] = '\0';
	if (!ys_digest_parse((const char *)data, size, &d, &err)) {
		ys_digest_string_to_sign(&d, (const char *)data, size, &sb);
		ys_digest_release(&d);
	}
	ys_digest_verify(sb.buf ? sb.buf : "", sb.len, hex, data, size, &err);
	strbuf_release(&sb);
	free(hex);
	return 0;
}
