/* test-notify.c: --notify's destinations (kinds, errors, labels that keep secrets), the words of
 * a message (Slack's markup escaped, a digest's subject) and the queue (an alert queued once per
 * destination) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "json/jread.h"
#include "notify/dest.h"
#include "notify/message.h"
#include "notify/outbox.h"

static void destinations(void **state)
{
	struct ys_dest d;
	struct ys_error err = {0};
	char label[600];

	(void)state;
	assert_int_equal(ys_dest_parse("https://hooks.slack.com/services/T0/B0/XsecretX", &d, &err), 0);
	assert_int_equal(d.kind, YS_DEST_SLACK);
	ys_dest_label(&d, label, sizeof(label));
	assert_string_equal(label, "slack hooks.slack.com");
	assert_int_equal(ys_dest_parse("https://alerts.example.com/in?token=XsecretX", &d, &err), 0);
	assert_int_equal(d.kind, YS_DEST_WEBHOOK);
	ys_dest_label(&d, label, sizeof(label));
	assert_null(strstr(label, "XsecretX"));
	assert_int_equal(ys_dest_parse("slack:http://127.0.0.1:8080/x", &d, &err), 0);
	assert_int_equal(d.kind, YS_DEST_SLACK);
	assert_string_equal(d.url, "http://127.0.0.1:8080/x");
	assert_int_equal(ys_dest_parse("sns:arn:aws:sns:eu-west-1:111122223333:alerts", &d, &err), 0);
	assert_int_equal(d.kind, YS_DEST_SNS);
	assert_string_equal(d.region, "eu-west-1");
	assert_int_equal(ys_dest_parse("smtp://bob:XpwX@mail.example.com:587/?from=a@example.com&to=b@example.com,c@example.com",
				       &d, &err), 0);
	assert_int_equal(d.kind, YS_DEST_EMAIL);
	assert_string_equal(d.url, "smtp://mail.example.com:587");
	assert_string_equal(d.user, "bob");
	assert_string_equal(d.pass, "XpwX");
	assert_string_equal(d.to, "b@example.com,c@example.com");
	ys_dest_label(&d, label, sizeof(label));
	assert_null(strstr(label, "XpwX"));
	/* refused, each with a reason that repeats no secret */
	assert_int_equal(ys_dest_parse("ftp://x", &d, &err), YS_EINVAL);
	assert_int_equal(ys_dest_parse("https://exa mple.com/", &d, &err), YS_EINVAL);
	assert_int_equal(ys_dest_parse("hooks.slack.com/services/T0/B0/XsecretX", &d, &err), YS_EINVAL);
	assert_string_equal(err.msg, "--notify: 'hooks.slack.com/…' is not a URL (slack:https://…, "
				     "webhook:https://…, sns:arn:…, smtp://…)");
	assert_int_equal(ys_dest_parse("sns:arn:aws:sqs:eu-west-1:1:q", &d, &err), YS_EINVAL);
	assert_int_equal(ys_dest_parse("smtp://bob:XpwX@mail/?from=a@example.com", &d, &err), YS_EINVAL);
	assert_null(strstr(err.msg, "XpwX"));
}

static const char alert[] =
	"{\"id\":\"abc123\",\"rule\":\"r\",\"title\":\"Keys <leaked> & used\",\"severity\":\"high\","
	"\"time\":\"2026-11-16T10:10:00Z\",\"last_time\":\"2026-11-16T10:12:00Z\",\"count\":3,"
	"\"event_ids\":[\"e1\",\"e2\",\"e3\"],\"principal\":\"arn:aws:iam::1:user/alice\","
	"\"source_ip\":\"203.0.113.5\",\"account\":\"1\",\"region\":\"eu-west-1\","
	"\"calls\":{\"ListUsers\":2,\"CreateUser\":1}}";

static void words(void **state)
{
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	const struct ys_jval *a[2];
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(ys_json_parse(alert, strlen(alert), &doc, &err), 0);
	a[0] = a[1] = ys_jdoc_root(doc);
	ys_notify_text(a, 1, &sb);
	assert_non_null(strstr(sb.buf, "HIGH: Keys <leaked> & used\n"));
	assert_non_null(strstr(sb.buf, "Who: arn:aws:iam::1:user/alice\n"));
	assert_non_null(strstr(sb.buf, "From: 203.0.113.5\n"));
	assert_non_null(strstr(sb.buf, "Where: account 1, eu-west-1\n"));
	assert_non_null(strstr(sb.buf, "to 2026-11-16T10:12:00Z (3 events)"));
	assert_non_null(strstr(sb.buf, "Calls: ListUsers×2, CreateUser×1\n"));
	assert_non_null(strstr(sb.buf, "First step: If nobody on your team did this"));
	assert_non_null(strstr(sb.buf, "Events: e1, e2, e3\n"));
	strbuf_reset(&sb);
	ys_notify_slack(a, 1, &sb);
	assert_non_null(strstr(sb.buf, "Keys &lt;leaked&gt; &amp; used"));
	strbuf_reset(&sb);
	ys_notify_subject(a, 2, &sb);
	assert_string_equal(sb.buf, "[yourside] 2 alerts of low concern in the last hour");
	strbuf_release(&sb);
	ys_jdoc_free(doc);
}

static void queue(void **state)
{
	struct ys_outbox *o;
	struct ys_error err = {0};
	struct ys_dest d;
	struct ys_outbox_result res;
	struct ys_notify_ctx c = {NULL, NULL, NULL, 1000};

	(void)state;
	assert_int_equal(ys_outbox_open(NULL, &o, &err), 0);
	assert_int_equal(ys_dest_parse("webhook:http://127.0.0.1:1/x", &d, &err), 0);
	assert_int_equal(ys_outbox_add(o, &d, "abc123", alert, strlen(alert), 0, 100, &err), 0);
	assert_int_equal(ys_outbox_add(o, &d, "abc123", alert, strlen(alert), 0, 100, &err), 0);
	assert_int_equal(ys_outbox_add(o, &d, "def456", alert, strlen(alert), 1, 3600, &err), 0);
	/* nothing due before its time: the digest waits */
	assert_int_equal(ys_outbox_deliver(o, &c, &d, 1, 50, 0, NULL, NULL, &res, &err), 0);
	assert_int_equal(res.waiting, 2);
	assert_int_equal(res.sent + res.failed, 0);
	ys_outbox_close(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(destinations),
	    cmocka_unit_test(words),
	    cmocka_unit_test(queue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
