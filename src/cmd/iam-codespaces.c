/* iam-codespaces.c: `yourside iam code-spaces`: every data store that one principal can destroy
 * together with every backup of it, and how that principal gets there */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "iam.h"
#include "base/color.h"
#include "iam/codespaces.h"
#include "banned.h"

/* how a culprit gets the rights, in words */
static void how(const struct ys_iam_model *m, const struct ys_esc_graph *g,
		const struct ys_cs_culprit *c, struct strbuf *sb)
{
	long e;

	if (c->admin && g->is_admin[c->prin]) {
		strbuf_addstr(sb, "an administrator");
		return;
	}
	if (c->admin) {
		strbuf_addstr(sb, "once it makes itself an administrator:");
		for (e = g->next[c->prin]; e >= 0; e = g->e[e].to < g->nprin ? g->next[g->e[e].to] : -1) {
			const struct ys_esc_edge *ed = &g->e[e];

			strbuf_addf(sb, " %s", ed->how);
			if (ed->to < g->nprin)
				strbuf_addf(sb, " (%s %s),", ys_mprin_kind(&m->prin[ed->to]), m->prin[ed->to].p->name);
		}
		return;
	}
	if (c->as < 0)
		strbuf_addstr(sb, "with its own policies");
	else
		strbuf_addf(sb, "as %s %s, which it can become", ys_mprin_kind(&m->prin[c->as]),
			    m->prin[c->as].p->name);
}

static void text(const struct ys_iam_model *m, const struct ys_esc_graph *g,
		 const struct ys_codespaces *cs, struct strbuf *sb, int on)
{
	size_t i, j, risky = 0;

	for (i = 0; i < cs->nstores; i++) {
		const struct ys_cs_store *s = &cs->stores[i];

		strbuf_addf(sb, "%s %s: ", s->t.kind, s->t.name);
		if (s->t.safe) {
			strbuf_addf(sb, "%ssafe%s: %s\n", ys_tint_good(on), ys_tint_reset(on), s->t.safe);
			continue;
		}
		if (s->safe_by) {
			strbuf_addf(sb, "%ssafe%s: its backup %s is out of reach\n", ys_tint_good(on),
				    ys_tint_reset(on), s->safe_by);
			continue;
		}
		if (!s->nwho) {
			strbuf_addstr(sb, "no single principal can destroy it and all its backups\n");
			continue;
		}
		risky++;
		if (!s->nbackups)
			strbuf_addf(sb, "%sNO BACKUP%s; %zu principal%s can destroy it\n",
				    ys_tint_severity("critical", on), ys_tint_reset(on), s->nwho,
				    s->nwho == 1 ? "" : "s");
		else
			strbuf_addf(sb, "%zu principal%s can destroy it and its %zu backup%s\n", s->nwho,
				    s->nwho == 1 ? "" : "s", s->nbackups, s->nbackups == 1 ? "" : "s");
		for (j = 0; j < s->nbackups; j++)
			strbuf_addf(sb, "    backup: %s %s\n", cs->backups[s->backups[j]].kind,
				    cs->backups[s->backups[j]].arn);
		for (j = 0; j < s->nwho; j++) {
			const struct ys_mprin *mp = &m->prin[s->who[j].prin];

			strbuf_addf(sb, "  %s %s: ", ys_mprin_kind(mp), mp->p->name);
			how(m, g, &s->who[j], sb);
			strbuf_addch(sb, '\n');
		}
	}
	strbuf_addf(sb, "%zu data stores, %zu that one principal can destroy with every backup (%zu requests decided)\n",
		    cs->nstores, risky, cs->decisions);
}

static void target_json(struct jw *w, const struct ys_cs_target *t)
{
	jw_key(w, "kind");
	jw_str(w, t->kind);
	jw_key(w, "name");
	jw_str(w, t->name);
	jw_key(w, "arn");
	jw_str(w, t->arn);
	if (t->safe) {
		jw_key(w, "safe");
		jw_str(w, t->safe);
	}
}

static void json(const struct ys_iam_model *m, const struct ys_esc_graph *g,
		 const struct ys_codespaces *cs, struct strbuf *sb)
{
	struct jw w;
	size_t i, j;

	jw_init(&w, sb, 1);
	jw_arr_begin(&w);
	for (i = 0; i < cs->nstores; i++) {
		const struct ys_cs_store *s = &cs->stores[i];

		jw_obj_begin(&w);
		target_json(&w, &s->t);
		if (s->safe_by) {
			jw_key(&w, "safe");
			jw_str(&w, "a backup is out of reach");
		}
		jw_key(&w, "backups");
		jw_arr_begin(&w);
		for (j = 0; j < s->nbackups; j++) {
			jw_obj_begin(&w);
			target_json(&w, &cs->backups[s->backups[j]]);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_key(&w, "principals");
		jw_arr_begin(&w);
		for (j = 0; j < s->nwho; j++) {
			struct strbuf h = STRBUF_INIT;

			how(m, g, &s->who[j], &h);
			jw_obj_begin(&w);
			jw_key(&w, "principal");
			jw_str(&w, m->prin[s->who[j].prin].p->arn);
			jw_key(&w, "how");
			jw_str(&w, h.buf ? h.buf : "");
			if (s->who[j].as >= 0) {
				jw_key(&w, "as");
				jw_str(&w, m->prin[s->who[j].as].p->arn);
			}
			jw_key(&w, "administrator");
			jw_bool(&w, s->who[j].admin);
			jw_obj_end(&w);
			strbuf_release(&h);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	strbuf_addch(sb, '\n');
}

int iam_code_spaces(int argc, char **argv)
{
	struct iam_opts o;
	struct ys_snapshot *snap;
	struct ys_iam_model *m;
	struct ys_esc_graph g;
	struct ys_codespaces cs;
	struct strbuf sb = STRBUF_INIT;
	struct ys_ctx ctx;
	size_t i;
	int rc, risky = 0;

	if ((rc = iam_begin(argc, argv, "text,json", 1, "iam code-spaces: give a snapshot", &o, &snap, &m)) >= 0)
		return rc;
	ctx = (struct ys_ctx){o.ctx, o.nctx, NULL, 0};
	if (ys_escalations(m, &ctx, &g)) {
		ys_warn("out of memory");
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	if (ys_codespaces(snap, m, &g, &ctx, &cs)) {
		ys_warn("out of memory");
		ys_esc_graph_release(&g);
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	if (o.json)
		json(m, &g, &cs, &sb);
	else
		text(m, &g, &cs, &sb, o.color);
	fwrite(sb.buf, 1, sb.len, stdout);
	for (i = 0; i < cs.nstores; i++)
		risky |= cs.stores[i].nwho > 0;
	ys_codespaces_release(&cs);
	ys_esc_graph_release(&g);
	return iam_end(risky ? YS_EXIT_FINDINGS : YS_EXIT_CLEAN, &sb, &o, snap, m);
}
