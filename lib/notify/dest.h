/* dest.h: where alerts are told: a Slack incoming webhook, any HTTPS webhook (the alert's JSON),
 * an SNS topic, or email over SMTP with STARTTLS; parsed from --notify's text */
#ifndef YS_NOTIFY_DEST_H
#define YS_NOTIFY_DEST_H

#include <stddef.h>
#include "../base/err.h"

enum ys_dest_kind { YS_DEST_SLACK, YS_DEST_WEBHOOK, YS_DEST_SNS, YS_DEST_EMAIL };

struct ys_dest {
	enum ys_dest_kind kind;
	char text[1024]; /* as given: the state keys deliveries by it */
	char url[1024];	 /* slack, webhook: where to POST; email: the smtp:// or smtps:// server */
	char topic[300], region[32]; /* sns */
	char from[256], to[512];     /* email: the sender, the recipients (comma-separated) */
	char user[256], pass[256];   /* email: the login, when the server wants one */
};

/* One destination:
 *   slack:https://hooks.slack.com/services/…   (or the URL alone, recognised by its host)
 *   webhook:https://…                          (or any other http(s) URL)
 *   sns:arn:aws:sns:<region>:<account>:<topic>
 *   smtp://[user:password@]host[:port]/?from=<address>&to=<address>[,<address>…]
 *     (smtps:// for TLS from the first byte; smtp:// must upgrade with STARTTLS)
 * 0, or YS_EINVAL with err saying what is wrong (never repeating a password). */
int ys_dest_parse(const char *text, struct ys_dest *d, struct ys_error *err);
/* The destination as it may be shown: its kind and host or topic, never a webhook's secret
 * path or a password ("slack hooks.slack.com", "sns arn:…:alerts", "email to ops@…"). */
void ys_dest_label(const struct ys_dest *d, char *out, size_t n);

#endif
