/* test-alert.c: the two ways an alert is written, byte for byte: JSON Lines (escapes, nulls,
 * lists) and the text line (padding, colour, counts, missing values) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "detect/alert.h"

static const char *const ids[] = {"e-1", "e\"2"};
static const char *const attack[] = {"T1078.004", "T1098"};

static void full_alert(struct ys_alert *a)
{
	memset(a, 0, sizeof(*a));
	a->id = "0123456789abcdef";
	a->rule = "iam_backdoor";
	a->rule_id = "b5c1";
	a->title = "Backdoor \\ user";
	a->severity = "high";
	a->time = "2026-11-22T01:02:03Z";
	a->last_time = "2026-11-22T01:04:00Z";
	a->count = 2;
	a->event_ids = ids;
	a->nevent_ids = 2;
	a->principal = "arn:aws:iam::1:user/eve";
	a->source_ip = "203.0.113.9";
	a->account = "111122223333";
	a->region = "eu-west-1";
	a->event_name = "CreateUser";
	a->attack = attack;
	a->nattack = 2;
	a->source = "builtin";
	a->file = "t.json";
}

static void jsonl(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct ys_alert a;

	(void)state;
	full_alert(&a);
	ys_alert_jsonl(&sb, &a);
	assert_string_equal(
	    sb.buf,
	    "{\"id\":\"0123456789abcdef\",\"rule\":\"iam_backdoor\",\"rule_id\":\"b5c1\","
	    "\"title\":\"Backdoor \\\\ user\",\"severity\":\"high\",\"time\":\"2026-11-22T01:02:03Z\","
	    "\"last_time\":\"2026-11-22T01:04:00Z\",\"count\":2,\"event_ids\":[\"e-1\",\"e\\\"2\"],"
	    "\"event_name\":\"CreateUser\",\"principal\":\"arn:aws:iam::1:user/eve\","
	    "\"source_ip\":\"203.0.113.9\",\"account\":\"111122223333\",\"region\":\"eu-west-1\","
	    "\"attack\":[\"T1078.004\",\"T1098\"],\"source\":\"builtin\",\"file\":\"t.json\"}\n");
	strbuf_reset(&sb);
	/* no id, nothing known of the subject, no events, no techniques */
	memset(&a, 0, sizeof(a));
	a.rule = "r";
	a.title = "t";
	a.severity = "low";
	a.source = "sigma";
	ys_alert_jsonl(&sb, &a);
	assert_string_equal(sb.buf,
			    "{\"rule\":\"r\",\"rule_id\":null,\"title\":\"t\",\"severity\":\"low\","
			    "\"time\":null,\"last_time\":null,\"count\":0,\"event_ids\":[],"
			    "\"event_name\":null,\"principal\":null,\"source_ip\":null,"
			    "\"account\":null,\"region\":null,\"attack\":[],\"source\":\"sigma\","
			    "\"file\":null}\n");
	strbuf_release(&sb);
}

static void text(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	struct ys_alert a;

	(void)state;
	full_alert(&a);
	ys_alert_text(&sb, &a, 0);
	assert_string_equal(sb.buf, "2026-11-22T01:02:03Z high     Backdoor \\ user: CreateUser by "
				    "arn:aws:iam::1:user/eve from 203.0.113.9 in "
				    "111122223333/eu-west-1, 2 events until 2026-11-22T01:04:00Z "
				    "[iam_backdoor T1078.004 T1098]\n");
	strbuf_reset(&sb);
	ys_alert_text(&sb, &a, 1);
	/* high is red; the padding stays outside the tint */
	assert_non_null(strstr(sb.buf, " \033[31mhigh\033[0m     Backdoor"));
	strbuf_reset(&sb);
	memset(&a, 0, sizeof(a));
	a.rule = "r";
	a.title = "t";
	a.severity = "critical!";
	a.count = 1;
	ys_alert_text(&sb, &a, 0);
	assert_string_equal(sb.buf, "- critical! t: ? by ? from ? in ?/? [r]\n");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jsonl),
		cmocka_unit_test(text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
