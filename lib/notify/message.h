/* message.h: alerts told in words a person reads on a phone: what happened, who, from where, in
 * which account and region, how bad, the first thing to do, and the event ids; for Slack, for
 * email and SNS (a subject and plain text), one alert or an hour's digest */
#ifndef YS_NOTIFY_MESSAGE_H
#define YS_NOTIFY_MESSAGE_H

#include <stddef.h>
#include "../base/strbuf.h"
#include "../json/jread.h"

/* alerts: parsed alert JSON objects (DESIGN.md's alert), n of them; more than one is a digest. */
void ys_notify_subject(const struct ys_jval *const *alerts, size_t n, struct strbuf *out);
void ys_notify_text(const struct ys_jval *const *alerts, size_t n, struct strbuf *out);
/* Slack's incoming-webhook payload: {"text": …} in Slack's markup. */
void ys_notify_slack(const struct ys_jval *const *alerts, size_t n, struct strbuf *out);

#endif
