/* report.h: secret findings as text, JSON, JSON Lines or SARIF 2.1.0 */
#ifndef YS_SECRETS_REPORT_H
#define YS_SECRETS_REPORT_H

#include "../base/isotime.h"
#include "../base/strbuf.h"
#include "results.h"

enum ys_report_format { YS_FMT_TEXT, YS_FMT_JSON, YS_FMT_JSONL, YS_FMT_SARIF };

struct ys_report_opts {
	enum ys_report_format format;
	int show_secrets; /* print secrets in clear: only when the user asked */
	int color;
	const struct ys_secret_ruleset *rs; /* the rules SARIF lists (NULL: the built-in ones) */
};

int ys_report_format_parse(const char *s, enum ys_report_format *out);
/* Appends the whole report for r to sb. */
void ys_secret_report(struct strbuf *sb, const struct ys_secret_results *r,
		      const struct ys_report_opts *o);

#endif
