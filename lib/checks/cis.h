/* cis.h: the CIS AWS Foundations Benchmark's controls (data/cis-aws-controls.tsv, compiled in)
 * and how each maps to yourside's checks: through the Prowler checks both name */
#ifndef YS_CIS_H
#define YS_CIS_H

#include <stddef.h>
#include "audit.h"

struct ys_cis_control {
	const char *id;	     /* "1.10", "EC2.13" */
	const char *title;
	const char *section; /* FSBP: the service */
	const char *severity; /* FSBP's (critical, high, medium, low); "" for CIS */
	int automated;	     /* CIS's own label: Automated or Manual */
	const struct ys_check **checks; /* yourside's checks for it, NULL-terminated */
	size_t nchecks;
};

struct ys_cis {
	char version[16];
	char name[64];	/* "CIS AWS Foundations v3.0", "AWS Foundational Security Best Practices" */
	char label[24]; /* beside a finding's ids: "CIS 3.0", "FSBP" */
	int fsbp;
	struct ys_cis_control *c;
	size_t n;
	char *text; /* the table's text the strings point into */
};

/* The controls of one CIS version ("3.0", "cis-3.0"), or of AWS Foundational Security Best
 * Practices ("fsbp"; data/fsbp-controls.tsv); YS_ENOTFOUND when the tables lack it. */
int ys_cis_load(const char *version, struct ys_cis **out, struct ys_error *err);
void ys_cis_free(struct ys_cis *c);
/* The versions the table holds, space-separated, into out. */
void ys_cis_versions(char *out, size_t n);
/* Whether a check implements a control of c: its control ids, space-separated, into out. */
void ys_cis_ids_of(const struct ys_cis *c, const struct ys_check *k, char *out, size_t n);

/* A control's verdict from the findings: fail when any of its checks failed, error when one
 * could not run, skip when an input was missing, pass when all ran and passed; manual when CIS
 * labels it so and no check implements it; unchecked when CIS labels it automated and yourside
 * has no check for it (said, never counted as a pass). */
enum ys_cis_verdict { YS_CIS_FAIL, YS_CIS_ERROR, YS_CIS_SKIP, YS_CIS_PASS, YS_CIS_MANUAL,
		      YS_CIS_UNCHECKED };
enum ys_cis_verdict ys_cis_verdict(const struct ys_cis_control *c, const struct ys_audit_result *r);
const char *ys_cis_verdict_name(enum ys_cis_verdict v);

#endif
