/* iam-snapshot.c: `yourside iam can` and `yourside iam who-can`: one request of a snapshot's
 * principal, decided and explained; every principal that can make a request */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "iam.h"
#include "base/color.h"
#include "base/strbuf.h"
#include "iam/explain.h"
#include "iam/whocan.h"
#include "json/jwrite.h"
#include "snapshot/snapshot.h"
#include "banned.h"

int iam_can(int argc, char **argv)
{
	struct iam_opts o;
	struct ys_snapshot *snap;
	struct ys_iam_model *m;
	const struct ys_mprin *mp;
	struct ys_pset view;
	struct ys_request req;
	struct ys_decision d;
	struct strbuf sb = STRBUF_INIT;
	const char *note;
	char acct[16];
	int rc;

	if ((rc = iam_begin(argc, argv, "text,json", 4,
			"iam can: give a snapshot, a principal, an action and a resource", &o, &snap, &m)) >= 0)
		return rc;
	if (!(mp = ys_iam_model_find(m, o.args[1]))) {
		ys_warn("%s: no user, role or access key '%s' in the snapshot", o.args[0], o.args[1]);
		rc = YS_EXIT_USAGE;
		goto out;
	}
	ys_iam_model_view(m, mp, o.args[2], o.args[3], &view, &note, acct, sizeof(acct));
	req = (struct ys_request){mp->p->arn, o.args[2], o.args[3], acct, {o.ctx, o.nctx, NULL, 0}, &mp->pi};
	if (ys_eval(&view, &req, 1, &d)) {
		ys_warn("%s: '%s' is not a principal ARN yourside reads", o.args[0], mp->p->arn);
		rc = YS_EXIT_USAGE;
		goto out;
	}
	if (note && !d.note)
		d.note = note;
	if (o.json) {
		struct jw w;

		jw_init(&w, &sb, 1);
		jw_obj_begin(&w);
		jw_key(&w, "principal");
		jw_str(&w, mp->p->arn);
		jw_key(&w, "action");
		jw_str(&w, o.args[2]);
		jw_key(&w, "resource");
		jw_str(&w, o.args[3]);
		jw_key(&w, "decision");
		jw_str(&w, ys_verdict_name(d.verdict));
		iam_because_json(&w, &d);
		jw_obj_end(&w);
		strbuf_addch(&sb, '\n');
	} else {
		strbuf_addf(&sb, "%s%s%s: %s %s %s on %s\n", iam_tint_verdict(d.verdict, o.color),
			    ys_verdict_name(d.verdict), ys_tint_reset(o.color), ys_mprin_kind(mp), mp->p->name,
			    o.args[2], o.args[3]);
		iam_because_text(&d, "  ", &sb);
	}
	fwrite(sb.buf, 1, sb.len, stdout);
	rc = d.verdict == YS_ALLOW ? YS_EXIT_CLEAN : YS_EXIT_FINDINGS;
out:
	return iam_end(rc, &sb, &o, snap, m);
}

static const char *who_name(const struct ys_who *w)
{
	if (w->mp)
		return w->mp->p->arn;
	return !strcmp(w->outside, "*") ? "anyone" : w->outside;
}

static const char *who_kind(const struct ys_who *w)
{
	if (w->mp)
		return ys_mprin_kind(w->mp);
	if (!strcmp(w->outside, "*"))
		return "anyone";
	if (strstr(w->outside, ":oidc-provider/") || strstr(w->outside, ":saml-provider/"))
		return "provider";
	return strstr(w->outside, ".amazonaws.com") && !strchr(w->outside, ':') ? "service" : "outside";
}

static void who_text(const struct ys_who *w, struct strbuf *sb)
{
	size_t i;

	if (w->outside && !strcmp(w->outside, "*"))
		strbuf_addstr(sb, "anyone  (no credentials needed, or any AWS principal)");
	else
		strbuf_addf(sb, "%-7s %s", who_kind(w), w->mp ? w->mp->p->name : who_name(w));
	if (w->needs_own)
		strbuf_addstr(sb, " (if its own account's policies allow)");
	for (i = 0; i < w->nvia; i++)
		strbuf_addf(sb, "%s role %s", i ? " ->" : " by assuming", w->via[i]->p->name);
	strbuf_addch(sb, '\n');
	iam_because_text(&w->d, "          ", sb);
}

static void who_json(struct jw *jw, const struct ys_who *w)
{
	size_t i;

	jw_obj_begin(jw);
	jw_key(jw, "principal");
	jw_str(jw, who_name(w));
	jw_key(jw, "kind");
	jw_str(jw, who_kind(w));
	if (w->needs_own) {
		jw_key(jw, "if_own_account_allows");
		jw_bool(jw, 1);
	}
	jw_key(jw, "via");
	jw_arr_begin(jw);
	for (i = 0; i < w->nvia; i++)
		jw_str(jw, w->via[i]->p->arn);
	jw_arr_end(jw);
	iam_because_json(jw, &w->d);
	jw_obj_end(jw);
}

/* who-can as a graph: each principal an arrow to the role it assumes, or to the request */
static void who_dot(const struct ys_who_list *l, const char *action, const char *resource,
		    struct strbuf *sb)
{
	char target[1024];
	size_t i, j;

	snprintf(target, sizeof(target), "%s on %s", action, resource);
	strbuf_addstr(sb, "digraph who_can {\n  rankdir=LR;\n  node [shape=box];\n  ");
	iam_dot_str(sb, target);
	strbuf_addstr(sb, " [shape=doubleoctagon];\n");
	for (i = 0; i < l->n; i++) {
		const struct ys_who *w = &l->v[i];
		const char *from = who_name(w);

		strbuf_addstr(sb, "  ");
		iam_dot_str(sb, from);
		strbuf_addf(sb, " [label=\"%s\\n", who_kind(w));
		for (j = 0; from[j]; j++) {
			if (from[j] == '"' || from[j] == '\\')
				strbuf_addch(sb, '\\');
			strbuf_addch(sb, from[j]);
		}
		strbuf_addstr(sb, "\"];\n");
		/* the first role only: the rest of the chain is that role's own entry */
		if (w->nvia) {
			strbuf_addstr(sb, "  ");
			iam_dot_str(sb, from);
			strbuf_addstr(sb, " -> ");
			iam_dot_str(sb, w->via[0]->p->arn);
			strbuf_addstr(sb, " [label=\"sts:AssumeRole\"];\n");
		} else {
			strbuf_addstr(sb, "  ");
			iam_dot_str(sb, from);
			strbuf_addstr(sb, " -> ");
			iam_dot_str(sb, target);
			strbuf_addstr(sb, ";\n");
		}
	}
	strbuf_addstr(sb, "}\n");
}

int iam_who_can(int argc, char **argv)
{
	struct iam_opts o;
	struct ys_snapshot *snap;
	struct ys_iam_model *m;
	struct ys_who_list l;
	struct strbuf sb = STRBUF_INIT;
	struct ys_ctx ctx;
	size_t i, chained = 0;
	int rc;

	if ((rc = iam_begin(argc, argv, "text,json,dot", 3,
			"iam who-can: give a snapshot, an action and a resource", &o, &snap, &m)) >= 0)
		return rc;
	ctx = (struct ys_ctx){o.ctx, o.nctx, NULL, 0};
	if (ys_who_can(m, o.args[1], o.args[2], &ctx, &l)) {
		ys_warn("out of memory");
		rc = YS_EXIT_USAGE;
		goto out;
	}
	if (o.dot) {
		who_dot(&l, o.args[1], o.args[2], &sb);
	} else if (o.json) {
		struct jw w;

		jw_init(&w, &sb, 1);
		jw_arr_begin(&w);
		for (i = 0; i < l.n; i++)
			who_json(&w, &l.v[i]);
		jw_arr_end(&w);
		strbuf_addch(&sb, '\n');
	} else {
		strbuf_addf(&sb, "who can %s on %s:\n", o.args[1], o.args[2]);
		for (i = 0; i < l.n; i++) {
			who_text(&l.v[i], &sb);
			chained += l.v[i].nvia > 0;
		}
		strbuf_addf(&sb, "%zu principal%s, %zu by assuming roles (%zu requests decided)\n", l.n,
			    l.n == 1 ? "" : "s", chained, l.decisions);
	}
	fwrite(sb.buf, 1, sb.len, stdout);
	ys_who_list_release(&l);
	rc = YS_EXIT_CLEAN;
out:
	return iam_end(rc, &sb, &o, snap, m);
}
