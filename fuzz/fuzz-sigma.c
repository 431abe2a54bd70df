/* fuzz-sigma.c: Sigma rules from arbitrary YAML, then matched against a fixed CloudTrail event */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "json/jread.h"
#include "sigma/event-json.h"
#include "sigma/rule.h"

static const char event[] =
	"{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateAccessKey\","
	"\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/a\"},"
	"\"resources\":[{\"ARN\":\"x\"},{\"ARN\":\"y\"}],\"n\":5,\"b\":true,\"z\":null}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ys_jdoc *doc;
	struct ys_sigma_rule *r = NULL;
	struct ys_error err = {0};

	if (!doc && ys_json_parse(event, strlen(event), &doc, &err))
		abort();
	if (ys_sigma_rule_load("fuzz.yml", (const char *)data, size, &r, &err) == 0) {
		struct ys_event ev;

		ys_event_from_json(&ev, ys_jdoc_root(doc));
		ys_sigma_match(r, &ev);
		ys_sigma_rule_free(r);
	} else if (strncmp(err.msg, "'fuzz.yml'", 10)) {
		abort(); /* every message names the rule's file */
	}
	return 0;
}
