/* iam-blast.c: `yourside iam blast-radius`: what one principal (or the access key that signs
 * as it) can read, change and destroy, after escalation, by data store and by service */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "iam.h"
#include "iam/blast.h"
#include "banned.h"

static const char *yes(unsigned what, unsigned bit)
{
	return what & bit ? "yes" : "-";
}

/* the services where it can do most harm first: re-permission, destroy, then write */
static int by_harm(const void *pa, const void *pb)
{
	const struct ys_br_service *a = *(const struct ys_br_service *const *)pa;
	const struct ys_br_service *b = *(const struct ys_br_service *const *)pb;

	if (a->permissions != b->permissions)
		return a->permissions < b->permissions ? 1 : -1;
	if (a->destroy != b->destroy)
		return a->destroy < b->destroy ? 1 : -1;
	if (a->write != b->write)
		return a->write < b->write ? 1 : -1;
	return strcmp(a->name, b->name);
}

static size_t held_of(const struct ys_br_service *s)
{
	return s->read + s->list + s->write + s->tagging + s->permissions;
}

/* One line of what matters: how many stores it can destroy, read, change, re-permission. */
static void stores_words(const struct ys_blast *b, struct strbuf *sb)
{
	static const struct {
		unsigned bit;
		const char *verb;
	} verbs[] = {{YS_BR_DESTROY, "destroy"}, {YS_BR_READ, "read"}, {YS_BR_CHANGE, "change"},
		     {YS_BR_PERMISSIONS, "re-permission"}};
	size_t i, k, n, said = 0;

	for (k = 0; k < 4; k++) {
		for (i = n = 0; i < b->nst; i++)
			n += (b->st[i].what & verbs[k].bit) != 0;
		if (!n)
			continue;
		strbuf_addf(sb, "%s%s %zu", said++ ? ", " : "  can ", verbs[k].verb, n);
	}
	if (said)
		strbuf_addf(sb, " of the %zu data stores and backups\n", b->nst);
	else if (b->nst)
		strbuf_addf(sb, "  can read, change or destroy none of the %zu data stores and backups\n", b->nst);
}

static void services_text(const struct ys_blast *b, int all, struct strbuf *sb)
{
	const struct ys_br_service **v;
	size_t i, held = 0, whole = 0, shown;

	if (!(v = malloc((b->nsvc ? b->nsvc : 1) * sizeof(*v)))) {
		strbuf_addstr(sb, "\nservices: out of memory to list them\n");
		return;
	}
	for (i = 0; i < b->nsvc; i++)
		if (held_of(&b->svc[i])) {
			v[held++] = &b->svc[i];
			whole += held_of(&b->svc[i]) >= b->svc[i].total;
		}
	if (held)
		qsort(v, held, sizeof(*v), by_harm);
	shown = all || held <= 10 ? held : 10;
	strbuf_addf(sb, "\nholds actions in %zu service%s, every action of %zu", held, held == 1 ? "" : "s", whole);
	if (shown < held)
		strbuf_addf(sb, "; the %zu where it can do most harm (--all lists every one):\n", shown);
	else
		strbuf_addstr(sb, held ? ":\n" : "\n");
	for (i = 0; i < shown; i++) {
		const struct ys_br_service *s = v[i];

		strbuf_addf(sb, "  %-24s %zu of %zu: read %zu, list %zu, write %zu, permissions %zu, tagging %zu; %zu destroy\n",
			    s->name, held_of(s), s->total, s->read, s->list, s->write, s->permissions, s->tagging,
			    s->destroy);
	}
	free(v);
}

static void text(const struct ys_iam_model *m, const struct ys_esc_graph *g, const struct ys_blast *b,
		 const char *asked, int all, struct strbuf *sb)
{
	const struct ys_mprin *mp = &m->prin[b->prin];
	size_t i;

	strbuf_addf(sb, "blast radius of %s %s", ys_mprin_kind(mp), mp->p->name);
	if (strcmp(asked, mp->p->name) && strcmp(asked, mp->p->arn))
		strbuf_addf(sb, " (the principal of %s)", asked);
	strbuf_addch(sb, '\n');
	if (g->is_admin[b->prin])
		strbuf_addstr(sb, "  an administrator: it can give itself any permission\n");
	else if (b->admin)
		strbuf_addf(sb, "  can make itself an administrator in %u step%s (yourside iam escalations shows them)\n",
			    g->dist[b->prin], g->dist[b->prin] == 1 ? "" : "s");
	else
		strbuf_addstr(sb, "  cannot make itself an administrator\n");
	for (i = 0; i < b->nbecomes; i++)
		strbuf_addf(sb, "%s%s %s", i ? ", " : "  can become: ", ys_mprin_kind(&m->prin[b->becomes[i]]),
			    m->prin[b->becomes[i]].p->name);
	if (b->nbecomes)
		strbuf_addch(sb, '\n');
	stores_words(b, sb);
	strbuf_addf(sb, "\n%-48s %-5s %-6s %-7s %s\n", "data stores and backups", "read", "change", "destroy",
		    "permissions");
	for (i = 0; i < b->nst; i++) {
		char name[300];
		unsigned w = b->st[i].what;

		snprintf(name, sizeof(name), "%s %s", b->st[i].t->kind, b->st[i].t->name);
		strbuf_addf(sb, "  %-46s %-5s %-6s %-7s %s", name, yes(w, YS_BR_READ), yes(w, YS_BR_CHANGE),
			    yes(w, YS_BR_DESTROY), yes(w, YS_BR_PERMISSIONS));
		if (b->st[i].t->safe)
			strbuf_addf(sb, "  (safe: %s)", b->st[i].t->safe);
		strbuf_addch(sb, '\n');
	}
	if (b->admin) {
		strbuf_addstr(sb, "\nservices: every action of every service (as an administrator)\n");
		return;
	}
	services_text(b, all, sb);
}

static void json(const struct ys_iam_model *m, const struct ys_esc_graph *g, const struct ys_blast *b,
		 struct strbuf *sb)
{
	static const struct {
		const char *key;
		unsigned bit;
	} bits[] = {{"read", YS_BR_READ}, {"change", YS_BR_CHANGE}, {"destroy", YS_BR_DESTROY},
		    {"permissions", YS_BR_PERMISSIONS}};
	struct jw w;
	size_t i, k;

	jw_init(&w, sb, 1);
	jw_obj_begin(&w);
	jw_key(&w, "principal");
	jw_str(&w, m->prin[b->prin].p->arn);
	jw_key(&w, "administrator");
	jw_bool(&w, g->is_admin[b->prin]);
	jw_key(&w, "can_become_administrator");
	jw_bool(&w, b->admin);
	jw_key(&w, "becomes");
	jw_arr_begin(&w);
	for (i = 0; i < b->nbecomes; i++)
		jw_str(&w, m->prin[b->becomes[i]].p->arn);
	jw_arr_end(&w);
	jw_key(&w, "stores");
	jw_arr_begin(&w);
	for (i = 0; i < b->nst; i++) {
		jw_obj_begin(&w);
		jw_key(&w, "kind");
		jw_str(&w, b->st[i].t->kind);
		jw_key(&w, "name");
		jw_str(&w, b->st[i].t->name);
		jw_key(&w, "arn");
		jw_str(&w, b->st[i].t->arn);
		for (k = 0; k < 4; k++) {
			jw_key(&w, bits[k].key);
			jw_bool(&w, (b->st[i].what & bits[k].bit) != 0);
		}
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "services");
	jw_arr_begin(&w);
	for (i = 0; i < b->nsvc; i++) {
		const struct ys_br_service *s = &b->svc[i];

		if (!b->admin && !(s->read + s->list + s->write + s->tagging + s->permissions))
			continue;
		jw_obj_begin(&w);
		jw_key(&w, "service");
		jw_str(&w, s->name);
		jw_key(&w, "actions");
		jw_int(&w, (long long)s->total);
		jw_key(&w, "read");
		jw_int(&w, (long long)s->read);
		jw_key(&w, "list");
		jw_int(&w, (long long)s->list);
		jw_key(&w, "write");
		jw_int(&w, (long long)s->write);
		jw_key(&w, "permissions");
		jw_int(&w, (long long)s->permissions);
		jw_key(&w, "tagging");
		jw_int(&w, (long long)s->tagging);
		jw_key(&w, "destroy");
		jw_int(&w, (long long)s->destroy);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addch(sb, '\n');
}

int iam_blast_radius(int argc, char **argv)
{
	struct iam_opts o;
	struct ys_snapshot *snap;
	struct ys_iam_model *m;
	struct ys_esc_graph g;
	struct ys_blast b;
	struct strbuf sb = STRBUF_INIT;
	struct ys_ctx ctx;
	const struct ys_mprin *mp;
	int rc;

	if ((rc = iam_begin(argc, argv, "text,json", 2,
			    "iam blast-radius: give a snapshot and a principal (name, ARN or access key id)", &o,
			    &snap, &m)) >= 0)
		return rc;
	if (!(mp = ys_iam_model_find(m, o.args[1]))) {
		ys_warn("%s: no user, role or access key '%s' in the snapshot", o.args[0], o.args[1]);
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	ctx = (struct ys_ctx){o.ctx, o.nctx, NULL, 0};
	if (ys_escalations(m, &ctx, &g)) {
		ys_warn("out of memory");
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	if (ys_blast(snap, m, &g, (size_t)(mp - m->prin), &ctx, &b)) {
		ys_warn("out of memory");
		ys_esc_graph_release(&g);
		return iam_end(YS_EXIT_USAGE, &sb, &o, snap, m);
	}
	if (o.json)
		json(m, &g, &b, &sb);
	else
		text(m, &g, &b, o.args[1], o.all, &sb);
	fwrite(sb.buf, 1, sb.len, stdout);
	ys_blast_release(&b);
	ys_esc_graph_release(&g);
	return iam_end(YS_EXIT_CLEAN, &sb, &o, snap, m);
}
