/* fuzz-map.c: the map over a snapshot whose EC2 instances, S3 buckets and KMS keys answers are
 * arbitrary bytes (split at NULs): the audit runs on it, the map is built, and all three of its
 * outputs are written */
#include <stdint.h>
#include <string.h>
#include "fuzz-files.h"
#include "base/strbuf.h"
#include "checks/audit.h"
#include "map/map.h"
#include "snapshot/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const files[] = {"eu-west-1/ec2/describe-instances.json",
					    "global/s3/list-buckets.json", "eu-west-1/kms/list-keys.json"};
	static const char *const dirs[] = {"eu-west-1/ec2", "eu-west-1/kms", "global/s3", NULL};
	struct ys_error err = {0};
	struct ys_snapshot *snap;
	struct ys_audit_result *res;
	struct ys_audit_opts ao = {-1, 1700000000, NULL, NULL, NULL, NULL, NULL};
	struct ys_map m;
	struct strbuf sb = STRBUF_INIT;
	const uint8_t *p = data, *end = data + size;
	size_t i;

	if (fuzz_root_make("fuzz-map", dirs))
		return 0;
	for (i = 0; i < 3; i++) {
		const uint8_t *z = memchr(p, 0, (size_t)(end - p));
		size_t n = z ? (size_t)(z - p) : (size_t)(end - p);

		fuzz_put(files[i], p, n);
		p = z ? z + 1 : end;
	}
	if (ys_snapshot_open(fuzz_root, &snap, &err))
		return 0;
	if (!ys_audit_run(snap, &ao, &res, &err)) {
		if (!ys_map_build(snap, res, &m, &err)) {
			ys_map_text(&sb, &m, 1); /* tinted: the plain path and the escapes */
			ys_map_json(&sb, &m);
			ys_map_html(&sb, &m);
			ys_map_release(&m);
		}
		ys_audit_result_free(res);
	}
	strbuf_release(&sb);
	ys_snapshot_free(snap);
	return 0;
}
