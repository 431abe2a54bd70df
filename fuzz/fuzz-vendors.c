/* fuzz-vendors.c: the vendor chain over a snapshot whose roles (get-account-authorization-
 * details), one bucket's policy answer and one queue's attributes are arbitrary bytes (split at
 * NULs), with a vendors' list of the same bytes' last part: every trust and resource policy read,
 * each outsider decided, named and weighed, then written as text and JSON */
#include <stdint.h>
#include <string.h>
#include "fuzz-files.h"
#include "base/strbuf.h"
#include "snapshot/snapshot.h"
#include "vendors/output.h"
#include "vendors/vendors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const files[] = {"global/iam/get-account-authorization-details.json",
					    "global/s3/get-bucket-policy/b.json",
					    "eu-west-1/sqs/get-queue-attributes/https:%2F%2Fsqs.eu-west-1.amazonaws.com%2F111122223333%2Fq.json"};
	static const char buckets[] = "{\"Buckets\":[{\"Name\":\"b\"}]}";
	static const char queues[] = "{\"QueueUrls\":[\"https://sqs.eu-west-1.amazonaws.com/111122223333/q\"]}";
	static const char account[] = "{\"Account\":\"111122223333\"}";
	static const char *const dirs[] = {"global/iam", "global/s3/get-bucket-policy",
					   "eu-west-1/sqs/get-queue-attributes", NULL};
	struct ys_error err = {0};
	struct ys_snapshot *snap;
	struct ys_known known;
	struct ys_vendors v;
	struct ys_vendors_opts vo = {0};
	struct strbuf sb = STRBUF_INIT;
	const uint8_t *p = data, *end = data + size;
	size_t i;

	if (!fuzz_root[0]) {
		if (fuzz_root_make("fuzz-vendors", dirs))
			return 0;
		fuzz_put("global/s3/list-buckets.json", buckets, strlen(buckets));
		fuzz_put("eu-west-1/sqs/list-queues.json", queues, strlen(queues));
		fuzz_put("account.json", account, strlen(account));
	}
	for (i = 0; i < 3; i++) {
		const uint8_t *z = memchr(p, 0, (size_t)(end - p));
		size_t n = z ? (size_t)(z - p) : (size_t)(end - p);

		fuzz_put(files[i], p, n);
		p = z ? z + 1 : end;
	}
	if (ys_known_builtin(&known, &err))
		return 0;
	ys_known_add_text(&known, (const char *)p, (size_t)(end - p), "fuzz.yaml", &err);
	vo.known = &known;
	vo.now = 1700000000;
	vo.idle_days = 90;
	if (!ys_snapshot_open(fuzz_root, &snap, &err)) {
		if (!ys_vendors_find(snap, NULL, &vo, &v, &err)) {
			ys_vendors_text(&sb, &v, 1); /* tinted: the plain path and the escapes */
			ys_vendors_json(&sb, &v);
			ys_vendors_release(&v);
		}
		ys_snapshot_free(snap);
	}
	strbuf_release(&sb);
	ys_known_release(&known);
	return 0;
}
