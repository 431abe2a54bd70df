/* iam-guardrail.c: `yourside iam guardrail`: an SCP or permissions boundary written for the
 * snapshot that denies destruction without MFA and keeps backups and the trail out of reach,
 * and who it would stop */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "iam.h"
#include "iam/guardrail.h"
#include "banned.h"

int iam_guardrail(int argc, char **argv)
{
	struct iam_opts o;
	struct ys_snapshot *snap;
	struct ys_iam_model *m;
	struct ys_guardrail gr;
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;
	int rc, boundary = 0;

	if ((rc = iam_begin(argc, argv, "text,json,policy", 1, "iam guardrail: give a snapshot", &o, &snap,
			    &m)) >= 0)
		return rc;
	boundary = o.boundary;
	if (ys_guardrail(snap, m, boundary, o.breakglass, &gr)) {
		ys_warn("out of memory");
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	if (o.json) {
		struct jw w;

		jw_init(&w, &sb, 1);
		jw_obj_begin(&w);
		jw_key(&w, boundary ? "boundary" : "scp");
		jw_raw(&w, gr.policy.buf);
		jw_key(&w, "affected");
		jw_arr_begin(&w);
		for (i = 0; i < gr.nwho; i++) {
			jw_obj_begin(&w);
			jw_key(&w, "principal");
			jw_str(&w, m->prin[gr.who[i].prin].p->arn);
			jw_key(&w, "loses_without_mfa");
			jw_arr_begin(&w);
			for (k = 0; k < gr.who[i].nloss; k++) {
				jw_obj_begin(&w);
				jw_key(&w, "action");
				jw_str(&w, gr.who[i].loss[k].action);
				jw_key(&w, "resource");
				jw_str(&w, gr.who[i].loss[k].resource);
				jw_obj_end(&w);
			}
			jw_arr_end(&w);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
		strbuf_addch(&sb, '\n');
	} else if (o.policy) {
		strbuf_add(&sb, gr.policy.buf, gr.policy.len);
	} else {
		strbuf_addf(&sb, "# the %s (aws %s), for account %s:\n",
			    boundary ? "permissions boundary" : "service control policy",
			    boundary ? "iam put-user-permissions-boundary / put-role-permissions-boundary"
				     : "organizations create-policy --type SERVICE_CONTROL_POLICY",
			    *m->account ? m->account : "?");
		strbuf_add(&sb, gr.policy.buf, gr.policy.len);
		strbuf_addf(&sb, "\n# it would stop %zu principal%s from what they can do today without MFA:\n", gr.nwho,
			    gr.nwho == 1 ? "" : "s");
		for (i = 0; i < gr.nwho; i++) {
			const struct ys_mprin *mp = &m->prin[gr.who[i].prin];

			strbuf_addf(&sb, "#   %s %s:", ys_mprin_kind(mp), mp->p->name);
			for (k = 0; k < gr.who[i].nloss && k < 6; k++)
				strbuf_addf(&sb, "%s %s", k ? "," : "", gr.who[i].loss[k].action);
			if (gr.who[i].nloss > 6)
				strbuf_addf(&sb, " and %zu more", gr.who[i].nloss - 6);
			strbuf_addch(&sb, '\n');
		}
	}
	fwrite(sb.buf, 1, sb.len, stdout);
	ys_guardrail_release(&gr);
	return iam_end(YS_EXIT_CLEAN, &sb, &o, snap, m);
}
