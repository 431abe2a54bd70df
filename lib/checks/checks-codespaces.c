/* checks-codespaces.c: the Code Spaces check: for each data store, whether one principal can
 * destroy it and every backup of it, directly, by becoming another or by making itself an
 * administrator (lib/iam/codespaces) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check-api.h"
#include "../base/strbuf.h"
#include "../iam/codespaces.h"
#include "../banned.h"

/* the region an ARN names, or NULL (S3) */
static const char *arn_region(const char *arn, char *out, size_t n)
{
	const char *p = arn;
	int i;

	for (i = 0; i < 3 && p; i++)
		if ((p = strchr(p, ':')))
			p++;
	if (!p || *p == ':' || !*p)
		return NULL;
	snprintf(out, n, "%.*s", (int)strcspn(p, ":"), p);
	return out;
}

static void report(struct ys_audit *a, const struct ys_iam_model *m, const struct ys_esc_graph *g,
		   const struct ys_cs_store *s)
{
	struct strbuf sb = STRBUF_INIT;
	char region[64];
	const char *reg = arn_region(s->t.arn, region, sizeof(region));
	size_t i;

	ys_about(a, s->t.name);
	if (s->t.safe || s->safe_by || !s->nwho) {
		ys_pass(a, s->t.arn, reg, "%s %s: %s", s->t.kind, s->t.name,
			s->t.safe ? s->t.safe : s->safe_by ? "a backup is out of reach" : "no single principal can destroy it and its backups");
		ys_about(a, NULL);
		return;
	}
	for (i = 0; i < s->nwho && i < 4; i++) {
		const struct ys_cs_culprit *c = &s->who[i];
		const struct ys_mprin *mp = &m->prin[c->prin];

		strbuf_addf(&sb, "%s%s %s", i ? ", " : "", ys_mprin_kind(mp), mp->p->name);
		if (c->admin && !g->is_admin[c->prin])
			strbuf_addstr(&sb, " (by making itself an administrator)");
		else if (c->admin || g->is_admin[c->prin])
			strbuf_addstr(&sb, " (an administrator)");
		else if (c->as >= 0)
			strbuf_addf(&sb, " (as %s %s)", ys_mprin_kind(&m->prin[c->as]), m->prin[c->as].p->name);
	}
	if (s->nwho > 4)
		strbuf_addf(&sb, " and %zu more", s->nwho - 4);
	if (s->nbackups)
		ys_fail(a, s->t.arn, reg, "%zu principal%s can destroy %s %s and every backup of it (%zu): %s",
			s->nwho, s->nwho == 1 ? "" : "s", s->t.kind, s->t.name, s->nbackups, sb.buf);
	else
		ys_fail(a, s->t.arn, reg, "%s %s has no backup, and %zu principal%s can destroy it: %s",
			s->t.kind, s->t.name, s->nwho, s->nwho == 1 ? "" : "s", sb.buf);
	strbuf_release(&sb);
	ys_about(a, NULL);
}

void ys_check_code_spaces(struct ys_audit *a);

void ys_check_code_spaces(struct ys_audit *a)
{
	struct ys_iam_model *m;
	struct ys_esc_graph g;
	struct ys_codespaces cs;
	struct ys_error err = {0};
	struct ys_ctx ctx = {NULL, 0, NULL, 0};
	size_t i;
	const struct ys_account *acct = ys_need_account(a);

	if (!acct)
		return;
	if (ys_iam_model_with(a->snap, acct, &m, &err)) {
		ys_emit(a, YS_F_ERROR, NULL, NULL, "%s", err.msg);
		return;
	}
	if (ys_escalations(m, &ctx, &g)) {
		ys_emit(a, YS_F_ERROR, NULL, NULL, "out of memory");
		ys_iam_model_free(m);
		return;
	}
	if (ys_codespaces(a->snap, m, &g, &ctx, &cs)) {
		ys_emit(a, YS_F_ERROR, NULL, NULL, "out of memory");
	} else {
		for (i = 0; i < cs.nstores; i++)
			report(a, m, &g, &cs.stores[i]);
		ys_codespaces_release(&cs);
	}
	ys_esc_graph_release(&g);
	ys_iam_model_free(m);
}
