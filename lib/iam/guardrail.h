/* guardrail.h: a guardrail tailored to a snapshot: an SCP (or a permissions boundary) that
 * denies destruction without MFA, keeps the backups (vaults, replica buckets) and the audit
 * trail out of everyone's reach but a break-glass role, and the list of principals it would
 * stop, each with what it would no longer do without MFA */
#ifndef YS_IAM_GUARDRAIL_H
#define YS_IAM_GUARDRAIL_H

#include <stddef.h>
#include "codespaces.h"
#include "model.h"
#include "../base/strbuf.h"

struct ys_gr_loss {
	const char *action;
	char resource[600];
};

struct ys_gr_affected {
	size_t prin;
	struct ys_gr_loss *loss;
	size_t nloss;
};

struct ys_guardrail {
	struct strbuf policy; /* the policy document, JSON */
	struct ys_gr_affected *who;
	size_t nwho;
	size_t decisions;
};

/* Writes the guardrail for snap (boundary: as a permissions boundary, with an Allow of the
 * rest; else an SCP) and decides, for every principal, the requests it denies: those the
 * principal can make today without MFA. breakglass names the role left free to manage
 * backups (a role name; NULL: "break-glass"). -1 without memory. */
int ys_guardrail(struct ys_snapshot *snap, const struct ys_iam_model *m, int boundary,
		 const char *breakglass, struct ys_guardrail *out);
void ys_guardrail_release(struct ys_guardrail *g);

#endif
