/* fuzz-config-secrets.c: what audit reads inside configuration on arbitrary bytes: EC2 user data
 * (base64, then gzip when it is gzip) scanned as a script, the same bytes as a variables object
 * (lib/checks/config-secrets), and as a resource policy asked who outside may act
 * (lib/checks/exposure) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "base/strbuf.h"
#include "checks/config-secrets.h"
#include "checks/exposure.h"
#include "json/jread.h"

static const char *const actions[] = {"sqs:SendMessage", "kms:Decrypt", "s3:GetObject", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ys_cfg_scan *sc;
	struct strbuf ud = STRBUF_INIT, found = STRBUF_INIT;
	struct ys_error err = {0};
	struct ys_jdoc *doc;
	struct ys_exposure e;
	char *text = malloc(size + 1), words[1024];

	if (!text)
		return 0;
	if (!sc)
		sc = ys_cfg_scan_new(NULL, NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	if (sc && !ys_cfg_user_data(text, &ud))
		ys_cfg_scan_text(sc, ud.buf ? ud.buf : "", ud.len, "user data", &found);
	if (!ys_json_parse((const char *)data, size, &doc, &err)) {
		const struct ys_jval *root = ys_jdoc_root(doc);

		if (sc)
			ys_cfg_scan_vars(sc, root, root->type == YS_J_ARRAY ? "name" : NULL, "value",
					 &found);
		if (!ys_exposure_eval(root, "arn:aws:sqs:eu-west-1:111122223333:q", "111122223333",
				      actions, &e, &err))
			ys_exposure_words(&e, words, sizeof(words));
		ys_jdoc_free(doc);
	}
	strbuf_release(&ud);
	strbuf_release(&found);
	free(text);
	return 0;
}
