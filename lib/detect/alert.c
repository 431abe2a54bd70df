/* alert.c: alerts as JSON Lines and as text */
#include <stdio.h>
#include <string.h>
#include "../base/color.h"
#include "../base/hash.h"
#include "../json/jlazy.h"
#include "../json/jread.h"
#include "../json/jwrite.h"
#include "alert.h"
#include "../banned.h"

static const char *field(const struct ys_jval *rec, const char *a, const char *b)
{
	const struct ys_jval *v = ys_json_get(rec, a);

	return ys_json_str(b ? ys_json_get(v, b) : v);
}

void ys_alert_subject_of(const struct ys_jval *rec, struct ys_alert_subject *s)
{
	s->time = field(rec, "eventTime", NULL);
	s->id = field(rec, "eventID", NULL);
	s->event_name = field(rec, "eventName", NULL);
	s->principal = field(rec, "userIdentity", "arn");
	if (!s->principal)
		s->principal = field(rec, "userIdentity", "principalId");
	s->source_ip = field(rec, "sourceIPAddress", NULL);
	s->account = field(rec, "recipientAccountId", NULL);
	if (!s->account)
		s->account = field(rec, "userIdentity", "accountId");
	s->region = field(rec, "awsRegion", NULL);
}

void ys_alert_subject_lazy(struct ys_jlazy *l, struct ys_alert_subject *s,
			   struct ys_subject_text *b)
{
	s->time = ys_jlazy_str(l, "eventTime", b->time, sizeof(b->time));
	s->id = ys_jlazy_str(l, "eventID", b->id, sizeof(b->id));
	s->event_name = ys_jlazy_str(l, "eventName", b->event_name, sizeof(b->event_name));
	s->principal = ys_jlazy_str(l, "userIdentity.arn", b->principal, sizeof(b->principal));
	if (!s->principal)
		s->principal = ys_jlazy_str(l, "userIdentity.principalId", b->principal,
					    sizeof(b->principal));
	s->source_ip = ys_jlazy_str(l, "sourceIPAddress", b->source_ip, sizeof(b->source_ip));
	s->account = ys_jlazy_str(l, "recipientAccountId", b->account, sizeof(b->account));
	if (!s->account)
		s->account = ys_jlazy_str(l, "userIdentity.accountId", b->account, sizeof(b->account));
	s->region = ys_jlazy_str(l, "awsRegion", b->region, sizeof(b->region));
}

static void fill(struct ys_alert *a, const struct ys_alert_subject *who, const char *file)
{
	memset(a, 0, sizeof(*a));
	a->time = a->last_time = who->time;
	a->count = 1;
	a->event_ids = &who->id;
	a->nevent_ids = 1;
	a->event_name = who->event_name;
	a->principal = who->principal;
	a->source_ip = who->source_ip;
	a->account = who->account;
	a->region = who->region;
	a->file = file;
}

void ys_alert_of_record(struct ys_alert *a, struct ys_alert_subject *who,
			const struct ys_jval *rec, const char *file)
{
	ys_alert_subject_of(rec, who);
	fill(a, who, file);
}

void ys_alert_of_lazy(struct ys_alert *a, struct ys_alert_subject *who, struct ys_subject_text *buf,
		      struct ys_jlazy *rec, const char *file)
{
	ys_alert_subject_lazy(rec, who, buf);
	fill(a, who, file);
}

void ys_rule_label(const char *name, const char *file, char *out, size_t n)
{
	const char *base = strrchr(file, '/');
	size_t len;

	base = base ? base + 1 : file;
	if (name)
		base = name;
	len = name ? strlen(name) : strcspn(base, ".");
	if (!n)
		return;
	if (len >= n)
		len = n - 1;
	memcpy(out, base, len);
	out[len] = 0;
}

const char *ys_sigma_severity(const char *level)
{
	if (!level)
		return "medium";
	if (!strcmp(level, "informational"))
		return "info";
	if (!strcmp(level, "low") || !strcmp(level, "medium") || !strcmp(level, "high") ||
	    !strcmp(level, "critical"))
		return level;
	return "medium";
}

static void add_line(struct strbuf *sb, const char *s)
{
	if (s)
		strbuf_addstr(sb, s);
	strbuf_addch(sb, '\n');
}

void ys_alert_id(const struct ys_alert *a, char out[YS_ALERT_ID_LEN + 1])
{
	struct strbuf sb = STRBUF_INIT;
	char hex[YS_SHA256_HEX];
	size_t i;
	int named = 0;

	add_line(&sb, a->rule);
	add_line(&sb, a->rule_id);
	add_line(&sb, a->time);
	for (i = 0; i < a->nevent_ids; i++) {
		add_line(&sb, a->event_ids[i]);
		named |= a->event_ids[i] && *a->event_ids[i];
	}
	if (!named) { /* records without an eventID: what the alert says of them */
		add_line(&sb, a->event_name);
		add_line(&sb, a->principal);
		add_line(&sb, a->source_ip);
		add_line(&sb, a->file);
		strbuf_addf(&sb, "%zu\n", a->count);
	}
	ys_sha256_hex(sb.buf, sb.len, hex);
	memcpy(out, hex, YS_ALERT_ID_LEN);
	out[YS_ALERT_ID_LEN] = 0;
	strbuf_release(&sb);
}

/* A key (a literal: no escapes) and its ':'; str: a string or null. */
#define KEY(sb, k) strbuf_add((sb), k, sizeof(k) - 1)

static void str_or_null(struct strbuf *sb, const char *s)
{
	if (s)
		jw_escape(sb, s, strlen(s));
	else
		strbuf_add(sb, "null", 4);
}

/* A JSON array of strings. */
static void str_list(struct strbuf *sb, const char *const *v, size_t n)
{
	size_t i;

	strbuf_addch(sb, '[');
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addch(sb, ',');
		str_or_null(sb, v[i]);
	}
	strbuf_addch(sb, ']');
}

/* Written directly rather than through the JSON writer: an every-rule run writes a million. */
void ys_alert_jsonl(struct strbuf *sb, const struct ys_alert *a)
{
	struct jw w;

	strbuf_addch(sb, '{');
	if (a->id) {
		KEY(sb, "\"id\":");
		str_or_null(sb, a->id);
		strbuf_addch(sb, ',');
	}
	KEY(sb, "\"rule\":");
	str_or_null(sb, a->rule);
	KEY(sb, ",\"rule_id\":");
	str_or_null(sb, a->rule_id);
	KEY(sb, ",\"title\":");
	str_or_null(sb, a->title);
	KEY(sb, ",\"severity\":");
	str_or_null(sb, a->severity);
	KEY(sb, ",\"time\":");
	str_or_null(sb, a->time);
	KEY(sb, ",\"last_time\":");
	str_or_null(sb, a->last_time);
	KEY(sb, ",\"count\":");
	jw_init(&w, sb, 0);
	jw_int(&w, (long long)a->count);
	KEY(sb, ",\"event_ids\":");
	str_list(sb, a->event_ids, a->nevent_ids);
	KEY(sb, ",\"event_name\":");
	str_or_null(sb, a->event_name);
	KEY(sb, ",\"principal\":");
	str_or_null(sb, a->principal);
	KEY(sb, ",\"source_ip\":");
	str_or_null(sb, a->source_ip);
	KEY(sb, ",\"account\":");
	str_or_null(sb, a->account);
	KEY(sb, ",\"region\":");
	str_or_null(sb, a->region);
	KEY(sb, ",\"attack\":");
	str_list(sb, a->attack, a->nattack);
	KEY(sb, ",\"source\":");
	str_or_null(sb, a->source);
	KEY(sb, ",\"file\":");
	str_or_null(sb, a->file);
	if (a->ncalls) {
		size_t i;

		KEY(sb, ",\"calls\":{");
		for (i = 0; i < a->ncalls; i++) {
			if (i)
				strbuf_addch(sb, ',');
			str_or_null(sb, a->call_names[i]);
			strbuf_addch(sb, ':');
			jw_int(&w, (long long)a->call_counts[i]);
		}
		strbuf_addch(sb, '}');
	}
	KEY(sb, "}\n");
}

static void add_or(struct strbuf *sb, const char *s, const char *none)
{
	strbuf_addstr(sb, s ? s : none);
}

/* Appended piece by piece rather than printf'd: an every-rule run writes a million lines. */
void ys_alert_text(struct strbuf *sb, const struct ys_alert *a, int color)
{
	size_t i, n = strlen(a->severity);

	add_or(sb, a->time, "-");
	strbuf_addch(sb, ' ');
	strbuf_addstr(sb, ys_tint_severity(a->severity, color));
	strbuf_add(sb, a->severity, n);
	strbuf_addstr(sb, ys_tint_reset(color));
	for (; n < 8; n++) /* as %-8s */
		strbuf_addch(sb, ' ');
	strbuf_addch(sb, ' ');
	strbuf_addstr(sb, a->title);
	strbuf_add(sb, ": ", 2);
	add_or(sb, a->event_name, "?");
	strbuf_add(sb, " by ", 4);
	add_or(sb, a->principal, "?");
	strbuf_add(sb, " from ", 6);
	add_or(sb, a->source_ip, "?");
	strbuf_add(sb, " in ", 4);
	add_or(sb, a->account, "?");
	strbuf_addch(sb, '/');
	add_or(sb, a->region, "?");
	if (a->count > 1) {
		strbuf_addf(sb, ", %zu events until ", a->count);
		add_or(sb, a->last_time, "?");
	}
	for (i = 0; a->count > 1 && i < a->ncalls && i < 8; i++)
		strbuf_addf(sb, "%s%s×%zu", i ? ", " : "; calls: ", a->call_names[i], a->call_counts[i]);
	if (a->count > 1 && a->ncalls > 8)
		strbuf_addf(sb, " and %zu more", a->ncalls - 8);
	strbuf_add(sb, " [", 2);
	strbuf_addstr(sb, a->rule);
	for (i = 0; i < a->nattack; i++) {
		strbuf_addch(sb, ' ');
		strbuf_addstr(sb, a->attack[i]);
	}
	strbuf_add(sb, "]\n", 2);
}
