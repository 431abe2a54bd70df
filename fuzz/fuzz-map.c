/* fuzz-map.c: the map over a snapshot whose EC2 instances, S3 buckets and KMS keys answers are
 * arbitrary bytes (split at NULs): the audit runs on it, the map is built, and all three of its
 * outputs are written */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/strbuf.h"
#include "checks/audit.h"
#include "map/map.h"
#include "snapshot/snapshot.h"

static char root[64];

static void put(const char *rel, const void *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if ((f = fopen(path, "wb"))) {
		fwrite(data, 1, len, f);
		fclose(f);
	}
}

static void cleanup(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	if (system(cmd))
		return;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const files[] = {"eu-west-1/ec2/describe-instances.json",
					    "global/s3/list-buckets.json", "eu-west-1/kms/list-keys.json"};
	struct ys_error err = {0};
	struct ys_snapshot *snap;
	struct ys_audit_result *res;
	struct ys_audit_opts ao = {-1, 1700000000, NULL, NULL, NULL, NULL};
	struct ys_map m;
	struct strbuf sb = STRBUF_INIT;
	const uint8_t *p = data, *end = data + size;
	size_t i;

	if (!root[0]) {
		char cmd[160];

		snprintf(root, sizeof(root), "/tmp/fuzz-map-%d", (int)getpid());
		snprintf(cmd, sizeof(cmd), "mkdir -p %s/eu-west-1/ec2 %s/eu-west-1/kms %s/global/s3", root, root, root);
		if (system(cmd))
			return 0;
		atexit(cleanup);
	}
	for (i = 0; i < 3; i++) {
		const uint8_t *z = memchr(p, 0, (size_t)(end - p));
		size_t n = z ? (size_t)(z - p) : (size_t)(end - p);

		put(files[i], p, n);
		p = z ? z + 1 : end;
	}
	if (ys_snapshot_open(root, &snap, &err))
		return 0;
	if (!ys_audit_run(snap, &ao, &res, &err)) {
		if (!ys_map_build(snap, res, &m, &err)) {
			ys_map_text(&sb, &m);
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
