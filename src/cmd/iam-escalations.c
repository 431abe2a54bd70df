/* iam-escalations.c: `yourside iam escalations`: who can become whom, who can make itself an
 * administrator, and each principal's shortest way there, with the statements behind each step */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "iam.h"
#include "iam/escalate.h"
#include "banned.h"

static const char *node_arn(const struct ys_iam_model *m, const struct ys_esc_graph *g, size_t n)
{
	if (n < g->nprin)
		return m->prin[n].p->arn;
	if (n < g->admin)
		return m->groups[n - g->nprin].p->arn;
	return "administrator";
}

static const char *node_name(const struct ys_iam_model *m, const struct ys_esc_graph *g, size_t n)
{
	if (n < g->nprin)
		return m->prin[n].p->name;
	if (n < g->admin)
		return m->groups[n - g->nprin].p->name;
	return "administrator";
}

static const char *node_kind(const struct ys_iam_model *m, const struct ys_esc_graph *g, size_t n)
{
	return n < g->nprin ? ys_mprin_kind(&m->prin[n]) : n < g->admin ? "group" : "";
}

static void step_text(const struct ys_esc_step *st, struct strbuf *sb)
{
	strbuf_addf(sb, "         %s on %s\n", st->action, st->resource);
	iam_because_text(&st->d, "           ", sb);
}

static void edge_text(const struct ys_iam_model *m, const struct ys_esc_graph *g,
		      const struct ys_esc_edge *e, struct strbuf *sb)
{
	size_t i;

	if (e->to == g->admin && g->is_admin[e->from])
		strbuf_addf(sb, "%s %s: %s [%s]\n", node_kind(m, g, e->from), node_name(m, g, e->from),
			    e->how, e->method);
	else if (e->to == g->admin)
		strbuf_addf(sb, "%s %s becomes administrator: %s [%s]\n", node_kind(m, g, e->from),
			    node_name(m, g, e->from), e->how, e->method);
	else
		strbuf_addf(sb, "%s %s becomes %s %s: %s [%s]\n", node_kind(m, g, e->from),
			    node_name(m, g, e->from), node_kind(m, g, e->to), node_name(m, g, e->to), e->how,
			    e->method);
	for (i = 0; i < e->nstep; i++)
		step_text(&e->step[i], sb);
}

/* whether principal a can become principal b along the graph (through any others) */
static int reaches(const struct ys_esc_graph *g, size_t a, size_t b, unsigned char *seen, size_t *queue)
{
	size_t head = 0, tail = 0, i;
	int found = 0;

	queue[tail++] = a;
	seen[a] = 1;
	while (head < tail && !found) {
		size_t x = queue[head++];

		for (i = 0; i < g->n && !found; i++)
			if (g->e[i].from == x && g->e[i].to < g->nprin && !seen[g->e[i].to]) {
				found = g->e[i].to == b;
				seen[g->e[i].to] = 1;
				queue[tail++] = g->e[i].to;
			}
	}
	for (i = 0; i < tail; i++)
		seen[queue[i]] = 0;
	return found;
}

/* principals that can become each other: a circle is followed once, and said */
static void cycles(const struct ys_iam_model *m, const struct ys_esc_graph *g, struct strbuf *sb)
{
	unsigned char *seen = calloc(g->nprin + 1, 1);
	size_t *queue = calloc(g->nprin + 1, sizeof(size_t)), i, said = 0;

	for (i = 0; seen && queue && i < g->n; i++) {
		const struct ys_esc_edge *e = &g->e[i];

		if (e->to >= g->nprin || e->from >= e->to || !reaches(g, e->to, e->from, seen, queue))
			continue;
		if (!said++)
			strbuf_addstr(sb, "\ncircles (each followed once):\n");
		strbuf_addf(sb, "  %s %s and %s %s can become each other\n", node_kind(m, g, e->from),
			    node_name(m, g, e->from), node_kind(m, g, e->to), node_name(m, g, e->to));
	}
	free(seen);
	free(queue);
}

static void text(const struct ys_iam_model *m, const struct ys_esc_graph *g, struct strbuf *sb)
{
	size_t i, k, admins = 0, climbers = 0, others = 0;

	for (i = 0; i < g->nprin; i++)
		admins += g->is_admin[i];
	strbuf_addf(sb, "administrators (can give themselves any permission): %zu\n", admins);
	for (i = 0; i < g->nprin; i++)
		if (g->is_admin[i]) {
			strbuf_addstr(sb, "  ");
			edge_text(m, g, &g->e[g->next[i]], sb);
		}
	for (i = 0; i < g->nprin; i++)
		climbers += !g->is_admin[i] && g->next[i] >= 0;
	strbuf_addf(sb, "\ncan become administrator: %zu\n", climbers);
	for (i = 0; i < g->nprin; i++) {
		long e;

		if (g->is_admin[i] || g->next[i] < 0)
			continue;
		strbuf_addf(sb, "  %s %s, in %u step%s:\n", node_kind(m, g, i), node_name(m, g, i), g->dist[i],
			    g->dist[i] == 1 ? "" : "s");
		for (e = g->next[i], k = 1; e >= 0; k++) {
			const struct ys_esc_edge *ed = &g->e[e];

			strbuf_addf(sb, "    %zu. ", k);
			edge_text(m, g, ed, sb);
			e = ed->to < g->nprin ? g->next[ed->to] : -1;
		}
	}
	for (i = 0; i < g->n; i++)
		others += g->e[i].to != g->admin && (g->e[i].to >= g->nprin || g->next[g->e[i].to] < 0);
	strbuf_addf(sb, "\nother ways to become someone (not up to administrator): %zu\n", others);
	for (i = 0; i < g->n; i++)
		if (g->e[i].to != g->admin && (g->e[i].to >= g->nprin || g->next[g->e[i].to] < 0)) {
			strbuf_addstr(sb, "  ");
			edge_text(m, g, &g->e[i], sb);
		}
	cycles(m, g, sb);
	strbuf_addf(sb, "\n%zu principals, %zu edges (%zu requests decided)\n", g->nprin, g->n, g->decisions);
}

static void json(const struct ys_iam_model *m, const struct ys_esc_graph *g, struct strbuf *sb)
{
	struct jw w;
	size_t i, k;

	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "administrators");
	jw_arr_begin(&w);
	for (i = 0; i < g->nprin; i++)
		if (g->is_admin[i])
			jw_str(&w, node_arn(m, g, i));
	jw_arr_end(&w);
	jw_key(&w, "edges");
	jw_arr_begin(&w);
	for (i = 0; i < g->n; i++) {
		const struct ys_esc_edge *e = &g->e[i];

		jw_obj_begin(&w);
		jw_key(&w, "from");
		jw_str(&w, node_arn(m, g, e->from));
		jw_key(&w, "to");
		jw_str(&w, node_arn(m, g, e->to));
		jw_key(&w, "method");
		jw_str(&w, e->method);
		jw_key(&w, "how");
		jw_str(&w, e->how);
		jw_key(&w, "steps");
		jw_arr_begin(&w);
		for (k = 0; k < e->nstep; k++) {
			jw_obj_begin(&w);
			jw_key(&w, "action");
			jw_str(&w, e->step[k].action);
			jw_key(&w, "resource");
			jw_str(&w, e->step[k].resource);
			iam_because_json(&w, &e->step[k].d);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "paths");
	jw_arr_begin(&w);
	for (i = 0; i < g->nprin; i++) {
		long e;

		if (g->is_admin[i] || g->next[i] < 0)
			continue;
		jw_obj_begin(&w);
		jw_key(&w, "principal");
		jw_str(&w, node_arn(m, g, i));
		jw_key(&w, "edges");
		jw_arr_begin(&w);
		for (e = g->next[i]; e >= 0; e = g->e[e].to < g->nprin ? g->next[g->e[e].to] : -1)
			jw_int(&w, e);
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addch(sb, '\n');
}

static void dot(const struct ys_iam_model *m, const struct ys_esc_graph *g, struct strbuf *sb)
{
	unsigned char *shown = calloc(g->admin + 1, 1);
	size_t i;

	strbuf_addstr(sb, "digraph escalations {\n  rankdir=LR;\n  node [shape=box];\n"
			  "  \"administrator\" [shape=doubleoctagon];\n");
	for (i = 0; shown && i < g->n; i++) {
		const struct ys_esc_edge *e = &g->e[i];
		size_t ends[2] = {e->from, e->to}, k;

		for (k = 0; k < 2; k++)
			if (ends[k] != g->admin && !shown[ends[k]]) {
				shown[ends[k]] = 1;
				strbuf_addstr(sb, "  ");
				iam_dot_str(sb, node_arn(m, g, ends[k]));
				strbuf_addf(sb, " [label=\"%s\\n%s\"];\n", node_kind(m, g, ends[k]), node_name(m, g, ends[k]));
			}
		strbuf_addstr(sb, "  ");
		iam_dot_str(sb, node_arn(m, g, e->from));
		strbuf_addstr(sb, " -> ");
		iam_dot_str(sb, node_arn(m, g, e->to));
		strbuf_addstr(sb, " [label=");
		iam_dot_str(sb, e->method);
		strbuf_addstr(sb, "];\n");
	}
	strbuf_addstr(sb, "}\n");
	free(shown);
}

int iam_escalations(int argc, char **argv)
{
	struct iam_opts o;
	struct ys_snapshot *snap;
	struct ys_iam_model *m;
	struct ys_esc_graph g;
	struct strbuf sb = STRBUF_INIT;
	struct ys_ctx ctx;
	int rc;

	if ((rc = iam_begin(argc, argv, "text,json,dot", 1, "iam escalations: give a snapshot", &o, &snap,
			    &m)) >= 0)
		return rc;
	ctx = (struct ys_ctx){o.ctx, o.nctx, NULL, 0};
	if (ys_escalations(m, &ctx, &g)) {
		ys_warn("out of memory");
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	if (o.dot)
		dot(m, &g, &sb);
	else if (o.json)
		json(m, &g, &sb);
	else
		text(m, &g, &sb);
	fwrite(sb.buf, 1, sb.len, stdout);
	ys_esc_graph_release(&g);
	return iam_end(YS_EXIT_CLEAN, &sb, &o, snap, m);
}
