/* orgsummary.h: an organization's audit at a glance: the organization's own findings, one row
 * per account (worst first), and the controls that fail in the most accounts */
#ifndef YS_ORGSUMMARY_H
#define YS_ORGSUMMARY_H

#include <stddef.h>
#include "orgaudit.h"
#include "../base/strbuf.h"

struct ys_org_row {
	const struct ys_org_member *m;
	size_t fail[5];		  /* failing findings by severity: [4] critical ... [0] info */
	size_t failing, errors, skips;
	const struct ys_finding *worst; /* the most severe failure, or NULL */
};

struct ys_org_failing {
	const struct ys_check *check;
	const struct ys_org_member **who; /* the accounts where it fails, in the rows' order */
	size_t n;
};

struct ys_org_summary {
	const struct ys_org_run *run;
	const struct ys_finding **own; /* the organization checks' findings, worst first */
	size_t nown, own_pass;
	struct ys_org_row *rows; /* accounts not audited first, then the most severe failures first */
	size_t nrows;
	struct ys_org_failing *failing; /* the account checks failing somewhere, most accounts first */
	size_t nfailing;
};

/* Builds the summary of r (which it points into); -1 without memory. */
int ys_org_summary_build(const struct ys_org_run *r, struct ys_org_summary *s);
void ys_org_summary_release(struct ys_org_summary *s);

/* The organization's heading and the three parts as text; all: list the organization checks'
 * passes too. */
void ys_org_summary_text(struct strbuf *sb, const struct ys_org_summary *s, int all);
/* "5 accounts: 3 audited, 1 not audited, 1 suspended" into out[n]. */
const char *ys_org_summary_counts(const struct ys_org_summary *s, char *out, size_t n);
/* An account's row begins in JSON (in an open object): id, name, audited, reason (null when
 * audited), as the report's rows and the map's both give it. */
struct jw;
void ys_org_member_json(struct jw *w, const struct ys_org_member *m);

#endif
