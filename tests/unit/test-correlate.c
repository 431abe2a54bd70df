/* test-correlate.c: Sigma correlations: each type, windows and gaps, order, and broken ones */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/isotime.h"
#include "detect/correlate.h"
#include "detect/ruleset.h"
#include "json/jread.h"
#include "sigma/event-json.h"

/* high: their own alerts are not grouped (see groups()) */
static const char base[] = "title: A\nname: a\nlevel: high\nlogsource: {product: aws}\n"
			   "detection:\n  s:\n    eventName: A\n  condition: s\n---\n"
			   "title: B\nname: b\nlevel: high\nlogsource: {product: aws}\n"
			   "detection:\n  s:\n    eventName: B\n  condition: s\n";

struct got {
	int alerts;
	size_t counts[16];
	char rules[16][64];
};

static int on_alert(void *ctx, const struct ys_alert *a)
{
	struct got *g = ctx;

	if (g->alerts < 16) {
		g->counts[g->alerts] = a->count;
		snprintf(g->rules[g->alerts], sizeof(g->rules[0]), "%s", a->rule);
	}
	g->alerts++;
	return 0;
}

/* Events "A@10 B@20 ..." (name at second), one principal unless "name@t/p". */
static int64_t window; /* the reorder window for run() */

static void run(const char *corr, const char *events, struct got *g)
{
	struct ys_ruleset rs;
	struct ys_error err = {0};
	struct ys_correlator *c;
	char text[4096], *list = strdup(events), *tok, *save = NULL;
	size_t i;

	memset(g, 0, sizeof(*g));
	snprintf(text, sizeof(text), "%s---\n%s", base, corr);
	ys_ruleset_init(&rs);
	assert_int_equal(ys_ruleset_load_text(&rs, "t.yml", text, strlen(text), "builtin"), 0);
	if (rs.nproblems)
		fail_msg("%s", rs.problems[0].msg);
	assert_int_equal(ys_ruleset_compile(&rs, &err), 0);
	assert_int_equal(ys_correlator_new(&rs, window, &c), 0);
	for (tok = strtok_r(list, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char name[8] = "", who[16] = "p", json[512];
		int t = 0;
		struct ys_jdoc *doc;
		struct ys_event ev;
		struct ys_alert_subject subject;

		sscanf(tok, "%7[^@]@%d/%15s", name, &t, who);
		snprintf(json, sizeof(json),
			 "{\"eventName\":\"%s\",\"eventTime\":\"2026-01-01T%02d:%02d:%02dZ\","
			 "\"eventID\":\"%s\",\"userIdentity\":{\"arn\":\"%s\"},\"awsRegion\":\"r%d\"}",
			 name, t / 3600, t / 60 % 60, t % 60, tok, who, t % 7);
		assert_int_equal(ys_json_parse(json, strlen(json), &doc, &err), 0);
		ys_event_from_json(&ev, ys_jdoc_root(doc));
		ys_alert_subject_of(ys_jdoc_root(doc), &subject);
		for (i = 0; i < rs.n; i++)
			if (ys_sigma_match(rs.r[i], &ev) && rs.nrule_corrs[i])
				assert_int_equal(ys_correlator_feed(c, i, &ev, &subject, "f", on_alert, g,
								    &err),
						 0);
		ys_jdoc_free(doc);
	}
	ys_correlator_flush(c, on_alert, g);
	ys_correlator_free(c);
	ys_ruleset_release(&rs);
	free(list);
}

#define COUNT "title: C\nname: c\ncorrelation:\n  type: event_count\n  rules: [a]\n" \
	      "  group-by: [userIdentity.arn]\n  timespan: 60s\n  condition: {gte: 3}\n"

static void event_count(void **state)
{
	struct got g;

	(void)state;
	run(COUNT, "A@0 A@10 A@20", &g);
	assert_int_equal(g.alerts, 1);
	assert_int_equal(g.counts[0], 3);
	assert_string_equal(g.rules[0], "c");
	/* spread wider than the window: nothing */
	run(COUNT, "A@0 A@50 A@100 A@150", &g);
	assert_int_equal(g.alerts, 0);
	/* one incident keeps growing while events keep coming within the timespan */
	run(COUNT, "A@0 A@10 A@20 A@70 A@120 A@170", &g);
	assert_int_equal(g.alerts, 1);
	assert_int_equal(g.counts[0], 6);
	/* a gap ends it; the next burst is a second incident */
	run(COUNT, "A@0 A@10 A@20 A@500 A@510 A@520 A@530", &g);
	assert_int_equal(g.alerts, 2);
	assert_int_equal(g.counts[1], 4);
	/* grouped: two principals, two each, is nothing */
	run(COUNT, "A@0/x A@1/y A@2/x A@3/y", &g);
	assert_int_equal(g.alerts, 0);
	/* the other rule does not count */
	run(COUNT, "A@0 B@1 B@2", &g);
	assert_int_equal(g.alerts, 0);
}

/* Files read out of order: within the reorder window, events are put back in time order. */
static void reordering(void **state)
{
	struct got g;

	(void)state;
	window = 0;
	/* without a window, a late event after a gap splits the incident */
	run(COUNT, "A@0 A@10 A@500 A@20 A@510 A@520", &g);
	assert_int_equal(g.alerts, 1);
	window = 900;
	run(COUNT, "A@0 A@10 A@500 A@20 A@510 A@520", &g);
	assert_int_equal(g.alerts, 2);
	assert_int_equal(g.counts[0], 3);
	assert_int_equal(g.counts[1], 3);
	run("title: O\ncorrelation:\n  type: temporal_ordered\n  rules: [a, b]\n"
	    "  group-by: [userIdentity.arn]\n  timespan: 1m\n",
	    "B@40 A@10", &g);
	assert_int_equal(g.alerts, 1);
	window = 0;
}

static void value_count(void **state)
{
	const char *vc = "title: V\ncorrelation:\n  type: value_count\n  rules: [a]\n"
			 "  group-by: [userIdentity.arn]\n  timespan: 5m\n"
			 "  condition: {field: awsRegion, gte: 3}\n";
	struct got g;

	(void)state;
	run(vc, "A@0 A@1 A@2", &g); /* regions r0 r1 r2 */
	assert_int_equal(g.alerts, 1);
	run(vc, "A@0 A@7 A@14 A@21", &g); /* all r0 */
	assert_int_equal(g.alerts, 0);
}

static void temporal(void **state)
{
	const char *any = "title: T\ncorrelation:\n  type: temporal\n  rules: [a, b]\n"
			  "  group-by: [userIdentity.arn]\n  timespan: 1m\n";
	const char *ordered = "title: O\ncorrelation:\n  type: temporal_ordered\n  rules: [a, b]\n"
			      "  group-by: [userIdentity.arn]\n  timespan: 1m\n";
	struct got g;

	(void)state;
	run(any, "B@0 A@30", &g);
	assert_int_equal(g.alerts, 1);
	run(any, "A@0 B@90", &g);
	assert_int_equal(g.alerts, 0);
	run(ordered, "A@0 B@30", &g);
	assert_int_equal(g.alerts, 1);
	run(ordered, "B@0 A@30", &g);
	assert_int_equal(g.alerts, 0);
	/* by event time, not by arrival */
	run(ordered, "B@30 A@0", &g);
	assert_int_equal(g.alerts, 1);
	run(ordered, "A@0/x B@5/y", &g);
	assert_int_equal(g.alerts, 0);
}

static const struct {
	const char *corr;
	const char *msg;
} broken[] = {
	{"title: X\ncorrelation:\n  type: event_count\n  rules: [a]\n  timespan: 5 minutes\n"
	 "  condition: {gte: 2}\n",
	 "correlation.timespan must be like 30s, 5m, 1h or 1d"},
	{"title: X\ncorrelation:\n  type: event_count\n  rules: [nope]\n  timespan: 5m\n"
	 "  condition: {gte: 2}\n",
	 "correlation names rule 'nope', which is not loaded"},
	{"title: X\ncorrelation:\n  type: sliding\n  rules: [a]\n  timespan: 5m\n", "correlation type 'sliding' is not supported"},
	{"title: X\ncorrelation:\n  type: event_count\n  rules: [a]\n  timespan: 5m\n", "correlation.condition is missing"},
	{"title: X\ncorrelation:\n  type: value_count\n  rules: [a]\n  timespan: 5m\n  condition: {gte: 2}\n",
	 "a value_count correlation needs condition.field"},
	{"title: X\ncorrelation:\n  type: event_count\n  rules: [a]\n  timespan: 5m\n  condition: {gte: many}\n",
	 "correlation.condition.gte: not a number"},
	{"title: X\ncorrelation:\n  type: temporal\n  rules: [a, b]\n  aliases: {x: {a: y}}\n  timespan: 5m\n",
	 "correlation aliases are not supported"},
};

static void broken_correlations(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		struct ys_ruleset rs;
		struct ys_error err = {0};
		char text[2048];

		snprintf(text, sizeof(text), "%s---\n%s", base, broken[i].corr);
		ys_ruleset_init(&rs);
		assert_int_equal(ys_ruleset_load_text(&rs, "t.yml", text, strlen(text), "sigma"), 0);
		assert_int_equal(ys_ruleset_compile(&rs, &err), 0);
		/* the base rules still load; the correlation does not, and says why */
		assert_int_equal(rs.n, 2);
		assert_int_equal(rs.ncorr, 0);
		assert_int_equal(rs.nproblems, 1);
		if (!strstr(rs.problems[0].msg, broken[i].msg) || strncmp(rs.problems[0].msg, "'t.yml'", 7))
			fail_msg("case %zu: %s", i, rs.problems[0].msg);
		ys_ruleset_release(&rs);
	}
}

static void times(void **state)
{
	(void)state;
	assert_int_equal(ys_time_parse("1970-01-01T00:01:00Z"), 60);
	assert_int_equal(ys_time_parse("2024-07-31T13:06:24Z"), 1722431184);
	assert_int_equal(ys_time_parse("2024-02-29T00:00:00Z"), 1709164800);
	assert_int_equal(ys_time_parse("2000-03-01T00:00:00Z"), 951868800);
	assert_int_equal(ys_time_parse("1999-12-31T23:59:59.123Z"), 946684799);
	assert_int_equal(ys_time_parse("2100-03-01T12:00:00Z"), 4107585600);
	assert_int_equal(ys_time_parse("2024-13-01T00:00:00Z"), -1);
	assert_int_equal(ys_time_parse("2024-01-01"), -1);
	assert_int_equal(ys_time_parse("yesterday"), -1);
	assert_int_equal(ys_time_parse(NULL), -1);
	/* zones, as IAM's credential report writes them */
	assert_int_equal(ys_time_parse("2024-07-31T13:06:24+00:00"), 1722431184);
	assert_int_equal(ys_time_parse("2024-07-31T15:06:24+02:00"), 1722431184);
	assert_int_equal(ys_time_parse("2024-07-31T08:36:24-0430"), 1722431184);
	assert_int_equal(ys_time_parse("2024-07-31T13:06:24.5+00"), 1722431184);
	assert_int_equal(ys_time_parse("2024-07-31T13:06:24"), 1722431184);
	assert_int_equal(ys_time_parse("2024-07-31T13:06:24+25:00"), -1);
	assert_int_equal(ys_time_parse("2024-07-31T13:06:24Zjunk"), -1);
}

#define LOW "title: L\nname: l\nlevel: low\nlogsource: {product: aws}\n" \
	    "detection:\n  s:\n    eventName: L\n  condition: s\n"

/* A low or medium rule's own alerts: one per principal and account an hour, fixed windows from
 * the first event, every event in it; a high rule's are not grouped */
static void groups(void **state)
{
	static const char rules[] =
		"title: L\nname: l\nlevel: low\nlogsource: {product: aws}\n"
		"detection:\n  s:\n    eventName: L\n  condition: s\n---\n"
		"title: H\nname: h\nlevel: critical\nlogsource: {product: aws}\n"
		"detection:\n  s:\n    eventName: H\n  condition: s\n";
	struct ys_ruleset rs;
	struct ys_error err = {0};
	struct got g;
	size_t i, groups = 0;

	(void)state;
	ys_ruleset_init(&rs);
	assert_int_equal(ys_ruleset_load_text(&rs, "t.yml", rules, strlen(rules), "sigma"), 0);
	assert_int_equal(ys_ruleset_compile(&rs, &err), 0);
	for (i = 0; i < rs.ncorr; i++)
		groups += rs.corr[i]->group;
	assert_int_equal(groups, 1);
	assert_true(rs.quiet[0]);
	assert_false(rs.quiet[1]);
	ys_ruleset_release(&rs);
	/* steady every 20 minutes for 3 hours (10 events): three windows of an hour */
	run(LOW, "L@0 L@1200 L@2400 L@3600 L@4800 L@6000 L@7200 L@8400 L@9600 L@10800", &g);
	assert_int_equal(g.alerts, 4);
	assert_int_equal(g.counts[0], 3);
	assert_int_equal(g.counts[1], 3);
	assert_int_equal(g.counts[2], 3);
	assert_int_equal(g.counts[3], 1);
	assert_string_equal(g.rules[0], "t");
	/* two principals: a group each */
	run(LOW, "L@0/x L@1/y L@2/x L@3/y", &g);
	assert_int_equal(g.alerts, 2);
	assert_int_equal(g.counts[0], 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(times),
		cmocka_unit_test(event_count),
		cmocka_unit_test(value_count),
		cmocka_unit_test(reordering),
		cmocka_unit_test(temporal),
		cmocka_unit_test(broken_correlations),
		cmocka_unit_test(groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
