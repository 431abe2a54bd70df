/* fuzz-iam-unused.c: CloudTrail records from arbitrary bytes counted for `iam unused`: whose
 * they are (user ARN, access key, role session), the action each needed, their resources, and
 * the reduced policy written from them, for a user and a role of a small snapshot made once */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/strbuf.h"
#include "iam/unused.h"
#include "trail/reader.h"

static struct ys_snapshot *snap;
static struct ys_iam_model *model;

static void put(const char *dir, const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if ((f = fopen(path, "w"))) {
		fputs(text, f);
		fclose(f);
	}
}

static int setup(void)
{
	static char dir[] = "/tmp/ys-fuzz-unused-XXXXXX";
	char sub[600];
	struct ys_error err = {0};

	if (!mkdtemp(dir))
		return -1;
	snprintf(sub, sizeof(sub), "%s/global", dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/global/iam", dir);
	mkdir(sub, 0700);
	snprintf(sub, sizeof(sub), "%s/global/iam/list-access-keys", dir);
	mkdir(sub, 0700);
	put(dir, "account.json", "{\"Account\": \"111122223333\"}");
	put(dir, "global/iam/list-access-keys/u.json",
	    "{\"AccessKeyMetadata\": [{\"UserName\": \"u\", \"AccessKeyId\": \"AKIAFUZZ\"}]}");
	put(dir, "global/iam/get-account-authorization-details.json",
	    "{\"UserDetailList\": [{\"UserName\": \"u\", \"Arn\": \"arn:aws:iam::111122223333:user/u\", "
	    "\"UserPolicyList\": [{\"PolicyName\": \"p\", \"PolicyDocument\": {\"Version\": \"2012-10-17\", "
	    "\"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:*\", \"lambda:*\"], \"Resource\": \"*\"}]}}]}], "
	    "\"GroupDetailList\": [], \"RoleDetailList\": [{\"RoleName\": \"r\", \"Arn\": "
	    "\"arn:aws:iam::111122223333:role/r\", \"AssumeRolePolicyDocument\": {\"Statement\": [{\"Effect\": "
	    "\"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}, "
	    "\"RolePolicyList\": [{\"PolicyName\": \"p\", \"PolicyDocument\": {\"Statement\": [{\"Effect\": "
	    "\"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}}]}], \"Policies\": []}");
	return ys_snapshot_open(dir, &snap, &err) || ys_iam_model_load(snap, &model, &err) ? -1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char path[] = "/tmp/ys-fuzz-unused-trail-XXXXXX";
	int fd, rc, n = 0;
	struct ys_trail_reader *r;
	struct ys_trail_record rec;
	struct ys_error err = {0};
	struct ys_unused u[2];
	struct ys_jlazy lazy;
	size_t k;

	if (!ready)
		ready = setup() ? -1 : 1;
	if (ready < 0 || (fd = mkstemp(path)) < 0)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		unlink(path);
		return 0;
	}
	close(fd);
	for (k = 0; k < 2; k++)
		ys_unused_init(&u[k], model, &model->prin[k], k ? 1700000000 : -1, -1);
	ys_jlazy_init(&lazy);
	if (ys_trail_open(&r, path, &err) == 0) {
		while ((rc = ys_trail_next(r, &rec, &err)) != 0 && n++ < 10000)
			if (rc > 0) {
				ys_jlazy_reset(&lazy, rec.json, rec.len, rec.members);
				for (k = 0; k < 2; k++)
					ys_unused_record(&u[k], &lazy);
			}
		ys_trail_close(r);
	}
	for (k = 0; k < 2; k++) {
		struct strbuf sb = STRBUF_INIT;

		if (!ys_unused_finish(&u[k]))
			ys_unused_policy(&u[k], &sb);
		strbuf_release(&sb);
		ys_unused_release(&u[k]);
	}
	ys_jlazy_release(&lazy);
	unlink(path);
	return 0;
}
