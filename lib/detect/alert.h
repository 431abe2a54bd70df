/* alert.h: what detect reports (DESIGN.md's alert), and its text and JSON forms */
#ifndef YS_DETECT_ALERT_H
#define YS_DETECT_ALERT_H

#include <stddef.h>
#include "../base/strbuf.h"

#define YS_ALERT_ID_LEN 32

struct ys_alert {
	const char *id;	   /* ys_alert_id, when set */
	const char *rule;  /* the rule's file name without .yml */
	const char *rule_id;
	const char *title;
	const char *severity; /* info, low, medium, high, critical */
	const char *time, *last_time;
	size_t count;
	const char *const *event_ids;
	size_t nevent_ids;
	const char *principal, *source_ip, *account, *region;
	const char *event_name; /* of the first event */
	const char *const *attack;
	size_t nattack;
	const char *source; /* builtin, sigma or behaviour */
	const char *file;   /* the trail file of the first event */
	/* what a stolen session did, most made first (none: ncalls 0) */
	const char *const *call_names;
	const size_t *call_counts;
	size_t ncalls;
};

struct ys_jval;

/* Who did what, where and when, as an alert shows it, read from a CloudTrail record: pointers
 * into the record (NULL when absent). */
struct ys_alert_subject {
	const char *time, *id, *event_name, *principal, *source_ip, *account, *region;
};

void ys_alert_subject_of(const struct ys_jval *rec, struct ys_alert_subject *s);

/* The same read on demand, into text that lives in buf (long values are cut). */
struct ys_subject_text {
	char time[40], id[96], event_name[128], principal[1024], source_ip[128], account[40],
		region[40];
};
struct ys_jlazy;
void ys_alert_subject_lazy(struct ys_jlazy *l, struct ys_alert_subject *s,
			   struct ys_subject_text *buf);
/* An alert about one record read on demand, as ys_alert_of_record. */
void ys_alert_of_lazy(struct ys_alert *a, struct ys_alert_subject *who, struct ys_subject_text *buf,
		      struct ys_jlazy *rec, const char *file);
/* An alert about one record: who, when, where, its event id and file filled in from rec (who
 * holds what the alert points to); the caller names the rule, title, severity, tactics, source. */
void ys_alert_of_record(struct ys_alert *a, struct ys_alert_subject *who,
			const struct ys_jval *rec, const char *file);
/* An alert's rule name: `name` when given, else the rule file's name without folders and
 * extension. */
void ys_rule_label(const char *name, const char *file, char *out, size_t n);

/* The same alert always has the same id, whatever run raised it: hex SHA-256 (truncated) of the
 * rule, the first event time and the event ids (or, without ids, what the alert says). */
void ys_alert_id(const struct ys_alert *a, char out[YS_ALERT_ID_LEN + 1]);
/* One JSON object on one line. */
void ys_alert_jsonl(struct strbuf *sb, const struct ys_alert *a);
/* One readable line. */
void ys_alert_text(struct strbuf *sb, const struct ys_alert *a, int color);
/* Sigma's level as a yourside severity. */
const char *ys_sigma_severity(const char *level);

#endif
