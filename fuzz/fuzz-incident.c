/* fuzz-incident.c: incident's readers from arbitrary bytes: the bytes as a secret findings file
 * (JSON Lines) and as a trail file, then the incidents built from both without a snapshot */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "base/strbuf.h"
#include "incident/incident.h"

static void quiet(void *ctx, const char *msg)
{
	(void)ctx;
	(void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct ys_error err = {0};
	struct ys_leaks leaks = {0};
	struct ys_usage use = {0};
	struct ys_incidents in;
	struct strbuf sb = STRBUF_INIT;
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/fuzz-incident-%d.jsonl", (int)getpid());
	if (!(f = fopen(path, "wb")))
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	ys_leaks_read(&leaks, path, quiet, NULL, &err);
	ys_usage_scan(&use, path, "111122223333", quiet, NULL, &err);
	if (!ys_incidents_build(&leaks, NULL, &use, 1700000000, &in, &err)) {
		ys_incidents_text(&sb, &in);
		ys_incidents_json(&sb, &in);
		ys_incidents_release(&in);
	}
	strbuf_release(&sb);
	ys_usage_release(&use);
	ys_leaks_release(&leaks);
	unlink(path);
	return 0;
}
