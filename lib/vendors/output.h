/* output.h: an account's vendor chain as text (grouped by outsider, worst first), JSON, an HTML
 * page, and the questions to send each vendor (Markdown) */
#ifndef YS_VENDORS_OUTPUT_H
#define YS_VENDORS_OUTPUT_H

#include "vendors.h"
#include "../base/strbuf.h"

void ys_vendors_text(struct strbuf *sb, const struct ys_vendors *v);
void ys_vendors_json(struct strbuf *sb, const struct ys_vendors *v);

/* "critical", "high", "medium", "low", "info" */
const char *ys_vseverity_name(int severity);
/* "read, change, destroy, permissions" for YS_BR_* bits into out[n] */
const char *ys_vaccess_words(unsigned access, char *out, size_t n);

#endif
