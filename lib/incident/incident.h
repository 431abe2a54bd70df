/* incident.h: one story instead of three findings: a leaked access key (secrets) → its IAM user
 * and the key's state (snapshot) → what it can reach (iam blast radius) → whether CloudTrail shows
 * it used, from where, doing what, since when (trail) → a severity and the ordered steps that
 * contain it */
#ifndef YS_INCIDENT_H
#define YS_INCIDENT_H

#include <stddef.h>
#include <stdint.h>
#include "leaks.h"
#include "usage.h"
#include "../base/err.h"
#include "../base/strbuf.h"
#include "../snapshot/snapshot.h"

struct ys_incident {
	const struct ys_leak *leak;
	const char *severity; /* critical, high, medium, low */
	char headline[2048];
	/* the account's side (snapshot) */
	int in_snapshot;	     /* the key is one of the snapshot's */
	char user[128], arn[300];    /* its IAM user */
	char status[16], created[32]; /* Active or Inactive, and when it was made */
	char tail[8];		     /* the id's last four characters */
	/* what it can reach */
	int blast, admin;	/* blast: worked out */
	size_t destroy, read, change, stores, becomes;
	/* what it did (trail) */
	int trail;		/* a trail was read */
	size_t calls, refused, sessions;
	int64_t first, last;
	struct ys_use_count ips[YS_USE_IPS], events[YS_USE_EVENTS];
	size_t nips, nevents;
	struct ys_use_notable notable[YS_USE_NOTABLE];
	size_t nnotable;
	const char *roles[YS_USE_ROLES];
	size_t nroles;
	/* what to do, in order */
	char **steps;
	size_t nsteps;
};

struct ys_incidents {
	struct ys_incident *v; /* worst first */
	size_t n;
	const char *account; /* the snapshot's, or NULL */
	int keys_known;	     /* the snapshot lists the account's access keys */
	const char *notes[8]; /* what could not be checked, in words */
	size_t nnotes;
	char notebuf[8][256];
};

/* Builds one incident per leaked key. snap and use may be NULL (not given); now dates the
 * session-revoking policy. */
int ys_incidents_build(const struct ys_leaks *leaks, struct ys_snapshot *snap,
		       const struct ys_usage *use, int64_t now, struct ys_incidents *out,
		       struct ys_error *err);
void ys_incidents_release(struct ys_incidents *in);
int ys_severity_of_incident(const struct ys_incident *i); /* 4 critical ... 1 low */

void ys_incidents_text(struct strbuf *sb, const struct ys_incidents *in);
/* The same, each incident's severity tinted when color is 1 (base/color.h). */
void ys_incidents_text_color(struct strbuf *sb, const struct ys_incidents *in, int color);
void ys_incidents_json(struct strbuf *sb, const struct ys_incidents *in);

#endif
