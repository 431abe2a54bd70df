/* report.h: audit findings (and a CIS benchmark's controls) as text, JSON, JSON Lines, CSV or
 * SARIF 2.1.0 */
#ifndef YS_CHECKS_REPORT_H
#define YS_CHECKS_REPORT_H

#include <stdio.h>
#include "../base/strbuf.h"
#include "audit.h"
#include "cis.h"

/* Text lists this many resources under a check's heading, then how many more. */
#define YS_GROUP_SHOWN 5

enum ys_audit_format { YS_AFMT_TEXT, YS_AFMT_JSON, YS_AFMT_JSONL, YS_AFMT_CSV, YS_AFMT_SARIF };

struct ys_audit_report_opts {
	enum ys_audit_format format;
	const struct ys_cis *cis;      /* the CIS version whose ids findings carry */
	const struct ys_cis *standard; /* the controls listed (NULL: cis's) */
	int compliance;		       /* list the standard's controls with their verdicts */
	int all;		  /* text: passes too */
	int verbose;		  /* text: every resource of a check, not the first YS_GROUP_SHOWN */
	int color;
	FILE *stream; /* jsonl: written here as it is made, a megabyte at a time (NULL: all in sb) */
};

int ys_audit_format_parse(const char *s, enum ys_audit_format *out);
void ys_audit_report(struct strbuf *sb, const struct ys_audit_result *r,
		     const struct ys_audit_report_opts *o);

/* How many of a standard's automated controls got each verdict (indexed by enum
 * ys_cis_verdict), and the one-line verdict: "CIS AWS Foundations v3.0: not met — 7 of 55
 * automated controls fail". Returns 1 when met. */
int ys_cis_summary(const struct ys_cis *c, const struct ys_audit_result *r, char *line, size_t n);

#endif
