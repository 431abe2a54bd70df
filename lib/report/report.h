/* report.h: one report of everything yourside found for an account: the certification verdict,
 * the top risks in plain words, the incidents, the shared-responsibility map, then every
 * finding (audit, secrets, detect alerts, incidents) sorted by risk with its remediation */
#ifndef YS_REPORT_H
#define YS_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../base/strbuf.h"
#include "../checks/audit.h"
#include "../checks/cis.h"
#include "../incident/incident.h"
#include "../map/map.h"

struct jw;
struct ys_org_summary;
struct ys_org_map;
struct ys_vendors;
struct ys_saas_list;

struct ys_risk {
	int rank;	    /* 4 critical, 3 high, 2 medium, 1 low, 0 info */
	const char *source; /* "incident", "alert", "secret", "audit" */
	char *title, *where, *remediation;
	const char *group; /* the heading it is listed under with its kind: an audit finding's
			    * check's problem (problems.h), else its title */
	size_t kin; /* how many risks share the heading: the larger kinds of a severity come first */
};

struct ys_top {
	int rank;
	char *words; /* the risk in plain words */
};

struct ys_report {
	const char *account;
	int64_t generated;
	const struct ys_audit_result *audit; /* or NULL: ages were measured from its now */
	char verdict[512];
	int met;		   /* the standard is met */
	const struct ys_map *map;  /* or NULL */
	const struct ys_incidents *incidents; /* or NULL */
	struct ys_risk *risks;	   /* worst first */
	size_t n, cap;
	struct ys_top top[5];
	size_t ntop;
	size_t by_rank[5];
	size_t by_source[4];
	const char *notes[8];
	size_t nnotes;
	const struct ys_org_summary *org; /* an organization's report: its parts come first */
	const struct ys_org_map *orgmap;  /* and its line, a row per account */
	const struct ys_vendors *vendors; /* who outside the account can act in it, or NULL */
	const struct ys_saas_list *saas;  /* SaaS vendors whose keys were found, or NULL */
	int color; /* text: severities tinted (a terminal) */
};

struct ys_report_in {
	const struct ys_audit_result *audit; /* NULL when no snapshot */
	const struct ys_cis *cis;	     /* the standard */
	const struct ys_map *map;
	const struct ys_incidents *incidents;
	const char *const *secrets; /* JSON Lines texts of secret findings, and of alerts */
	size_t nsecrets;
	const char *const *alerts;
	size_t nalerts;
	const char *account;
	int64_t now;
	const struct ys_org_summary *org; /* or NULL: one account's report */
	const struct ys_org_map *orgmap;
	const struct ys_vendors *vendors; /* or NULL */
	const struct ys_saas_list *saas;  /* or NULL */
};

int ys_report_build(const struct ys_report_in *in, struct ys_report *r, struct ys_error *err);
void ys_report_release(struct ys_report *r);
void ys_report_json(struct strbuf *sb, const struct ys_report *r);
void ys_report_html(struct strbuf *sb, const struct ys_report *r);
void ys_report_text(struct strbuf *sb, const struct ys_report *r);
int ys_rank_of(const char *severity);
/* Where a risk came from, in the order its kinds are told: 0 incident, 1 alert, 2 secret, 3 audit. */
int ys_risk_source(const struct ys_risk *k);
/* How many risks from the i-th on are listed under its heading (they sort together). */
size_t ys_risk_group_len(const struct ys_report *r, size_t i);

/* The organization's parts (lib/report/org.c): its findings, each account worst first, the
 * controls failing in the most accounts. */
void ys_report_org_json(struct jw *w, const struct ys_org_summary *s);
void ys_report_org_html(struct strbuf *sb, const struct ys_org_summary *s);

#endif
