/* unused.h: what a principal was granted against what it used, read from CloudTrail: the
 * records it made (its user ARN or access keys, or its role's sessions), their actions with
 * how often, when last, and on which resources; the granted actions never used; and a reduced
 * policy of the used ones to replace its own */
#ifndef YS_IAM_UNUSED_H
#define YS_IAM_UNUSED_H

#include <stddef.h>
#include <stdint.h>
#include "model.h"
#include "../base/strbuf.h"
#include "../json/jlazy.h"

#define YS_UNUSED_MAX_RES 16

struct ys_used {
	char action[200];	 /* as the catalogue names it, or "service:EventName" */
	int known;		 /* the catalogue knows it */
	int held;		 /* its policies grant it today (else the reduced policy leaves it out) */
	size_t count;
	char last[40];		 /* the latest eventTime */
	char *res[YS_UNUSED_MAX_RES]; /* the resources its records named */
	size_t nres;
	int any_resource;	 /* a record named none, or too many: "*" */
};

struct ys_unused {
	const struct ys_iam_model *m;
	const struct ys_mprin *mp;
	int64_t since, until;	 /* the window (-1: open) */
	size_t records, matched, denied; /* read, made by the principal, refused by AWS */
	char first[40], last[40]; /* the window the matched records span */
	struct ys_used *used;
	size_t nused, capused;
	size_t granted;		 /* actions it holds (the catalogue's) */
	struct ys_unused_svc {
		char name[64];
		size_t granted, used, by_level[5]; /* unused, by access level R L W T P */
	} *svc;
	size_t nsvc, capsvc;
};

void ys_unused_init(struct ys_unused *u, const struct ys_iam_model *m, const struct ys_mprin *mp,
		    int64_t since, int64_t until);
/* One CloudTrail record: counted when the principal made it inside the window. */
void ys_unused_record(struct ys_unused *u, struct ys_jlazy *rec);
/* After the last record: what it holds, and what of it went unused, by service. -1 without
 * memory. */
int ys_unused_finish(struct ys_unused *u);
/* The reduced policy: the used actions (on the resources they touched when every record named
 * some, else "*"), as a JSON document into sb. */
void ys_unused_policy(const struct ys_unused *u, struct strbuf *sb);
void ys_unused_release(struct ys_unused *u);

#endif
