/* fuzz-sigma.c: Sigma rule files (rules and correlations, several YAML documents) from arbitrary
 * bytes, compiled with their prefilter, then run over a fixed CloudTrail event */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "detect/correlate.h"
#include "detect/ruleset.h"
#include "json/jread.h"
#include "sigma/event-json.h"
#include "sigma/rule.h"

static const char event[] =
	"{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateAccessKey\","
	"\"eventTime\":\"2026-01-01T00:00:00Z\",\"eventID\":\"e1\","
	"\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/a\"},"
	"\"resources\":[{\"ARN\":\"x\"},{\"ARN\":\"y\"}],\"n\":5,\"b\":true,\"z\":null}";

static int on_alert(void *ctx, const struct ys_alert *a)
{
	(void)ctx;
	if (!a->rule || !a->title || !a->severity)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ys_jdoc *doc;
	struct ys_ruleset rs;
	struct ys_error err = {0};
	struct ys_correlator *c = NULL;
	struct ys_event ev;
	struct ys_alert_subject who;
	size_t i;

	if (!doc && ys_json_parse(event, strlen(event), &doc, &err))
		abort();
	ys_ruleset_init(&rs);
	if (ys_ruleset_load_text(&rs, "fuzz.yml", (const char *)data, size, "sigma") ||
	    ys_ruleset_compile(&rs, &err) || ys_correlator_new(&rs, 60, &c)) {
		ys_ruleset_release(&rs);
		return 0;
	}
	for (i = 0; i < rs.nproblems; i++)
		if (strncmp(rs.problems[i].msg, "'fuzz.yml'", 10))
			abort(); /* every message names the rule's file */
	ys_event_from_json(&ev, ys_jdoc_root(doc));
	ys_alert_subject_of(ys_jdoc_root(doc), &who);
	for (i = 0; i < rs.n; i++)
		if (ys_sigma_match(rs.r[i], &ev) && rs.nrule_corrs[i])
			ys_correlator_feed(c, i, &ev, &who, "f", on_alert, NULL, &err);
	ys_correlator_flush(c, on_alert, NULL);
	ys_correlator_free(c);
	ys_ruleset_release(&rs);
	return 0;
}
