/* output.h: an account's vendor chain as text (grouped by outsider, worst first), JSON, an HTML
 * page, and the questions to send each vendor (Markdown) */
#ifndef YS_VENDORS_OUTPUT_H
#define YS_VENDORS_OUTPUT_H

#include "vendors.h"
#include "../base/strbuf.h"

/* color: each severity word tinted (base/color.h) */
void ys_vendors_text(struct strbuf *sb, const struct ys_vendors *v, int color);
void ys_vendors_json(struct strbuf *sb, const struct ys_vendors *v);

/* The questions to send each vendor, unknown account and outside sign-in, as Markdown. */
void ys_vendors_questions_md(struct strbuf *sb, const struct ys_vendors *v);
/* Whether g gets questions (vendors, unknown accounts, CI systems, identity providers), and
 * each of its questions given to fn; returns how many. */
int ys_vendor_asked(const struct ys_vendor *g);
size_t ys_vendor_questions(const struct ys_vendors *v, const struct ys_vendor *g,
			   void (*fn)(void *ctx, const char *q), void *ctx);
/* One page (self-contained: no script, nothing fetched): the outsiders, worst first, and the
 * questions for each vendor. */
void ys_vendors_html(struct strbuf *sb, const struct ys_vendors *v);

/* An outsider's first max ways in, in words: "role deploy, bucket acme-trail and 2 more". */
void ys_vendor_ways(struct strbuf *sb, const struct ys_vendor *g, size_t max);

/* "critical", "high", "medium", "low", "info" */
const char *ys_vseverity_name(int severity);
/* "read, change, destroy, permissions" for YS_BR_* bits into out[n] */
const char *ys_vaccess_words(unsigned access, char *out, size_t n);

#endif
