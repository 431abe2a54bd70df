/* checks-org-accounts.c: which accounts of the organization were audited; one that was refused,
 * failed or has no folder is named with its reason, never counted as passing */
#include <stdio.h>
#include "orgaudit.h"
#include "../banned.h"

void ys_check_org_account_not_audited(struct ys_audit *a)
{
	char arn[64], label[300];
	size_t i;

	for (i = 0; i < a->org->n; i++) {
		const struct ys_org_member *m = &a->org->m[i];

		snprintf(arn, sizeof(arn), "arn:aws:iam::%s:root", m->id);
		ys_org_member_label(m, label, sizeof(label));
		a->about_account = m->id;
		ys_about(a, m->id);
		if (m->audited)
			ys_pass(a, arn, NULL, "account %s was audited from its snapshot '%s'", label, m->dir);
		else if (m->suspended)
			ys_emit(a, YS_F_SKIP, arn, NULL, "account %s was not audited: %s", label, m->why);
		else
			ys_fail(a, arn, NULL, "account %s was not audited: %s; none of its findings is known",
				label, m->why);
	}
	ys_about(a, NULL);
}
