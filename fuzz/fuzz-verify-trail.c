/* fuzz-verify-trail.c: verify-trail's readers from arbitrary bytes: a bucket key's parts, a
 * ListPublicKeys answer, and a one-digest bucket whose digest (gzipped here) and metadata are
 * the bytes before and after the first NUL, checked with the shared test key */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "fuzz-files.h"
#include "trail/bucket.h"
#include "trail/pubkeys.h"
#include "trail/verify.h"

#define DIGEST "AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2024/03/01/" \
	"111122223333_CloudTrail-Digest_eu-west-1_t_eu-west-1_20240301T010000Z.json.gz"
#define KEYS "{\"PublicKeyList\":[{\"Fingerprint\":\"254636a905130b93e75c6bf15988e017\",\"Value\":" \
	"\"MIIBCgKCAQEAqMySjH2UVZRsgT9Fk0xWlITYw9AriHseu0x319h0hPs9AlY1ssiKXU/0sxPLUsMqug3r/thjtPxpqBip" \
	"p7jyGPUJf/WwLxsmCOi0AMhpXt2dDt7diXGRhBBh+azTfx637bXQh8jq+zEpTII3GJW7m4hlne9LXgM9nd+PQosnu5Zdmv" \
	"bhMe5K2XfQ1l0tk1MM68suFemwicukU6pjZVNccS1bo9u/ujZZyssxeao8Olqe9TkjkTNd0fFXv83ii0FHBCaUUTgdkx2H" \
	"RANYV9tNtwYk+6rwYZMAY9GNc9xVcCd763oEYMvkAENHc0GcHPnLuT00Tdacg669QsyfluMyKwIDAQAB\"}]}"

static struct ys_pubkeys keys;

static void put(const char *key, const void *data, size_t len, int zip)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", fuzz_root, key);
	if (zip) {
		gzFile g = gzopen(path, "wb");

		if (g) {
			gzwrite(g, data, (unsigned)len);
			gzclose(g);
		}
		return;
	}
	if ((f = fopen(path, "wb"))) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_error err = {0};
	struct ys_pubkeys k = {0};
	struct ys_vopts o = {0};
	struct ys_vresult r;
	struct ys_tobj obj;
	static const char *const dirs[] = {"AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2024/03/01", NULL};
	char *s = malloc(size + 1);
	const uint8_t *nul = memchr(data, 0, size);
	size_t n1 = nul ? (size_t)(nul - data) : size;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	ys_tkey_parse(s, &obj);
	ys_pubkeys_add_json(&k, (const char *)data, size, "fuzz", &err);
	ys_pubkeys_release(&k);
	free(s);
	if (!fuzz_root[0]) {
		if (fuzz_root_make("fuzz-verify-trail", dirs))
			return 0;
		ys_pubkeys_add_json(&keys, KEYS, strlen(KEYS), "keys", &err);
	}
	put(DIGEST, data, n1, 1);
	put(DIGEST ".head.json", nul ? nul + 1 : (const uint8_t *)"", nul ? size - n1 - 1 : 0, 0);
	o.root = fuzz_root;
	o.since = o.until = -1;
	if (!ys_trail_verify(&o, &keys, &r, &err))
		ys_vresult_release(&r);
	return 0;
}
