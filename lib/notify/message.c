/* message.c: an alert, or a digest of alerts, in words: the title and how bad first, then who,
 * from where, where, when, what it did, the first step, and the events to look at */
#include <stdio.h>
#include <string.h>
#include "../json/jwrite.h"
#include "message.h"
#include "../banned.h"

#define IDS_SHOWN 10 /* event ids listed; the rest are counted */

static const char *str(const struct ys_jval *a, const char *key)
{
	const char *s = ys_json_str(ys_json_get(a, key));

	return s && *s ? s : NULL;
}

static long long num(const struct ys_jval *a, const char *key)
{
	const struct ys_jval *v = ys_json_get(a, key);

	return v && v->type == YS_J_NUMBER ? (long long)v->u.num : 0;
}

static void upper(struct strbuf *out, const char *s)
{
	for (; s && *s; s++)
		strbuf_addch(out, *s >= 'a' && *s <= 'z' ? (char)(*s - 32) : *s);
}

/* What to do first, by how bad it is and who did it. */
static void first_step(const struct ys_jval *a, struct strbuf *out)
{
	const char *sev = str(a, "severity"), *who = str(a, "principal");

	if (!sev)
		sev = "info";
	if (!strcmp(sev, "critical") || !strcmp(sev, "high"))
		strbuf_addf(out,
			    "If nobody on your team did this, act now: deactivate the access key (or "
			    "revoke the role's active sessions) of %s, then read every event below",
			    who ? who : "whoever made these calls");
	else if (!strcmp(sev, "medium"))
		strbuf_addf(out, "Ask whoever is behind %s whether they did this; if not, treat it as high",
			    who ? who : "these calls");
	else
		strbuf_addstr(out, "Nothing to do unless it surprises you");
}

static void ids(const struct ys_jval *a, struct strbuf *out)
{
	const struct ys_jval *v = ys_json_get(a, "event_ids");
	long long count = num(a, "count");
	size_t i;

	if (!v || v->type != YS_J_ARRAY || !v->len)
		return;
	for (i = 0; i < v->len && i < IDS_SHOWN; i++)
		strbuf_addf(out, "%s%s", i ? ", " : "", ys_json_str(&v->u.items[i]) ? ys_json_str(&v->u.items[i]) : "?");
	if ((long long)i < count)
		strbuf_addf(out, " and %lld more", count - (long long)i);
}

static void calls(const struct ys_jval *a, struct strbuf *out)
{
	const struct ys_jval *v = ys_json_get(a, "calls");
	size_t i;

	for (i = 0; v && v->type == YS_J_OBJECT && i < v->len && i < 8; i++)
		strbuf_addf(out, "%s%s×%lld", i ? ", " : "", v->u.members[i].key,
			    v->u.members[i].val.type == YS_J_NUMBER ? (long long)v->u.members[i].val.u.num : 0);
}

/* One alert's lines; bold: Slack's *…* markup, or none. */
static void one(const struct ys_jval *a, int slack, struct strbuf *out)
{
	const char *b = slack ? "*" : "", *v;
	struct strbuf tmp = STRBUF_INIT;

	strbuf_addstr(out, b);
	upper(out, str(a, "severity") ? str(a, "severity") : "alert");
	strbuf_addf(out, ": %s%s\n", str(a, "title") ? str(a, "title") : "an alert", b);
	if ((v = str(a, "principal")))
		strbuf_addf(out, "Who: %s\n", v);
	if ((v = str(a, "source_ip")))
		strbuf_addf(out, "From: %s\n", v);
	if (str(a, "account") || str(a, "region"))
		strbuf_addf(out, "Where: account %s, %s\n", str(a, "account") ? str(a, "account") : "?",
			    str(a, "region") ? str(a, "region") : "no region");
	if ((v = str(a, "time"))) {
		strbuf_addf(out, "When: %s", v);
		if (str(a, "last_time") && strcmp(str(a, "last_time"), v))
			strbuf_addf(out, " to %s", str(a, "last_time"));
		strbuf_addf(out, " (%lld event%s)\n", num(a, "count"), num(a, "count") == 1 ? "" : "s");
	}
	calls(a, &tmp);
	if (tmp.len)
		strbuf_addf(out, "Calls: %s\n", tmp.buf);
	else if ((v = str(a, "event_name")))
		strbuf_addf(out, "Call: %s\n", v);
	strbuf_reset(&tmp);
	first_step(a, &tmp);
	strbuf_addf(out, "%sFirst step:%s %s\n", b, b, tmp.buf);
	strbuf_reset(&tmp);
	ids(a, &tmp);
	if (tmp.len)
		strbuf_addf(out, "Events: %s\n", tmp.buf);
	strbuf_addf(out, "Rule: %s · alert %s\n", str(a, "rule") ? str(a, "rule") : "?",
		    str(a, "id") ? str(a, "id") : "?");
	strbuf_release(&tmp);
}

void ys_notify_subject(const struct ys_jval *const *alerts, size_t n, struct strbuf *out)
{
	if (n == 1) {
		strbuf_addstr(out, "[yourside] ");
		upper(out, str(alerts[0], "severity") ? str(alerts[0], "severity") : "alert");
		strbuf_addf(out, ": %s", str(alerts[0], "title") ? str(alerts[0], "title") : "an alert");
		if (str(alerts[0], "account"))
			strbuf_addf(out, " in %s", str(alerts[0], "account"));
		return;
	}
	strbuf_addf(out, "[yourside] %zu alerts of low concern in the last hour", n);
}

static void body(const struct ys_jval *const *alerts, size_t n, int slack, struct strbuf *out)
{
	size_t i;

	if (n > 1)
		strbuf_addf(out, "%zu alerts of low concern, gathered so that they come once an hour:\n\n", n);
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addch(out, '\n');
		one(alerts[i], slack, out);
	}
}

void ys_notify_text(const struct ys_jval *const *alerts, size_t n, struct strbuf *out)
{
	body(alerts, n, 0, out);
}

void ys_notify_slack(const struct ys_jval *const *alerts, size_t n, struct strbuf *out)
{
	struct strbuf text = STRBUF_INIT, esc = STRBUF_INIT;
	struct jw w;
	size_t i;

	body(alerts, n, 1, &text);
	for (i = 0; i < text.len; i++) /* Slack's markup reserves these three */
		if (text.buf[i] == '&')
			strbuf_addstr(&esc, "&amp;");
		else if (text.buf[i] == '<')
			strbuf_addstr(&esc, "&lt;");
		else if (text.buf[i] == '>')
			strbuf_addstr(&esc, "&gt;");
		else
			strbuf_addch(&esc, text.buf[i]);
	jw_init(&w, out, 0);
	jw_obj_begin(&w);
	jw_key(&w, "text");
	jw_strn(&w, esc.len ? esc.buf : "", esc.len);
	jw_obj_end(&w);
	strbuf_release(&text);
	strbuf_release(&esc);
}
