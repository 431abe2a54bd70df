/* text.c: the vendor chain for a person: each outsider under one heading, worst first, each way
 * in under it with what it reaches, the guard it has or lacks, why it matters and the first
 * thing to do; AWS's own services summed up at the end */
#include <stdio.h>
#include <string.h>
#include "output.h"
#include "../base/color.h"
#include "../iam/blast.h"
#include "../banned.h"

const char *ys_vseverity_name(int severity)
{
	static const char *const names[] = {"info", "low", "medium", "high", "critical"};

	return severity >= 0 && severity <= 4 ? names[severity] : "info";
}

const char *ys_vaccess_words(unsigned access, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s%s", access & YS_BR_READ ? "read, " : "", access & YS_BR_CHANGE ? "change, " : "",
		 access & YS_BR_DESTROY ? "destroy, " : "", access & YS_BR_PERMISSIONS ? "permissions, " : "");
	if (strlen(out) >= 2)
		out[strlen(out) - 2] = '\0';
	return out;
}

void ys_vendor_ways(struct strbuf *sb, const struct ys_vendor *g, size_t max)
{
	size_t i;

	for (i = 0; i < g->n && i < max; i++)
		strbuf_addf(sb, "%s%s %s", i ? ", " : "", g->w[i].what, g->w[i].name);
	if (g->n > max)
		strbuf_addf(sb, " and %zu more", g->n - max);
}

/* A severity's word, tinted when color is 1, padded to width as %-*s would (outside the tint). */
static void severity_word(struct strbuf *sb, int severity, int color, int width)
{
	const char *name = ys_vseverity_name(severity);

	strbuf_addf(sb, "%s%s%s%*s", ys_tint_severity(name, color), name, ys_tint_reset(color),
		    width > (int)strlen(name) ? width - (int)strlen(name) : 0, "");
}

/* arn:aws:iam::ACCOUNT:root: the account itself, said by the heading */
static int is_root(const char *as)
{
	size_t n = strlen(as);

	return n > 5 && !strcmp(as + n - 5, ":root");
}

static void way(struct strbuf *sb, const struct ys_vendor *g, const struct ys_vway *w, int color)
{
	char guards[160];

	strbuf_addf(sb, "  %s %s", w->what, w->name);
	if (w->region)
		strbuf_addf(sb, " (%s)", w->region);
	strbuf_addf(sb, ": %s", w->actions);
	if (strcmp(w->as, g->id) && g->kind != YS_VK_CI && g->kind != YS_VK_IDP && !is_root(w->as) && !w->unshare)
		strbuf_addf(sb, ", as %s", w->as);
	ys_vguard_words(w->guards, guards, sizeof(guards));
	strbuf_addf(sb, "; guard: %s\n", w->open || !*guards ? "none" : guards);
	if (w->subjects)
		strbuf_addf(sb, "    subjects: %s\n", w->subjects);
	if (w->prin >= 0 && g->kind != YS_VK_SERVICE)
		strbuf_addf(sb, "    reaches: %s\n", w->reach ? w->reach : "no data store or backup");
	if (w->prin >= 0 && g->kind != YS_VK_SERVICE) {
		if (w->last_used)
			strbuf_addf(sb, "    last used: %.10s", w->last_used);
		else
			strbuf_addstr(sb, "    last used: never");
		if (w->idle_days >= 90)
			strbuf_addf(sb, " (%lld days before the snapshot: unused, remove it if no one needs it)",
				    (long long)w->idle_days);
		strbuf_addch(sb, '\n');
	}
	if (w->why) {
		strbuf_addstr(sb, "    ");
		severity_word(sb, w->severity, color, 0);
		strbuf_addf(sb, ": %s\n", w->why);
	}
	if (w->fix)
		strbuf_addf(sb, "    first: %s\n", w->fix);
}

void ys_vendors_text(struct strbuf *sb, const struct ys_vendors *v, int color)
{
	size_t i, j, outsiders = 0, services = 0;

	for (i = 0; i < v->n; i++)
		*(v->v[i].kind == YS_VK_SERVICE ? &services : &outsiders) += 1;
	if (outsiders)
		strbuf_addf(sb, "account %s: %zu outsider%s can act in it", v->account, outsiders,
			    outsiders == 1 ? "" : "s");
	else
		strbuf_addf(sb, "account %s: nobody outside the account can act in it", v->account);
	strbuf_addf(sb, " (read from %zu trust polic%s and %zu resource polic%s)\n", v->roles,
		    v->roles == 1 ? "y" : "ies", v->resources, v->resources == 1 ? "y" : "ies");
	for (i = 0; i < v->n; i++) {
		const struct ys_vendor *g = &v->v[i];

		if (g->kind == YS_VK_SERVICE)
			continue;
		strbuf_addch(sb, '\n');
		severity_word(sb, g->severity, color, 8);
		strbuf_addf(sb, "  %s", g->name);
		if (g->kind == YS_VK_UNKNOWN)
			strbuf_addf(sb, " %s", g->id);
		else if ((g->kind == YS_VK_CI || g->kind == YS_VK_IDP) && !strstr(g->name, g->id))
			strbuf_addf(sb, " (OIDC provider %s)", g->id);
		else if (g->kind != YS_VK_CI && g->kind != YS_VK_IDP && strcmp(g->name, g->id) && strcmp(g->id, "*"))
			strbuf_addf(sb, " (%s %s)", ys_vkind_name(g->kind), g->id);
		strbuf_addch(sb, '\n');
		if (g->listed_in && strcmp(g->listed_in, "built in"))
			strbuf_addf(sb, "  named by %s%s%s\n", g->listed_in, g->source ? " after " : "",
				    g->source ? g->source : "");
		else if (g->source)
			strbuf_addf(sb, "  named by the vendors' list after %s\n", g->source);
		for (j = 0; j < g->n; j++)
			way(sb, g, &g->w[j], color);
	}
	if (services) {
		strbuf_addf(sb, "\nAWS services that act in the account for you (%zu):\n", services);
		for (i = 0; i < v->n; i++) {
			const struct ys_vendor *g = &v->v[i];

			if (g->kind != YS_VK_SERVICE)
				continue;
			strbuf_addf(sb, "  %s: ", g->id);
			ys_vendor_ways(sb, g, 5);
			strbuf_addch(sb, '\n');
			for (j = 0; j < g->n; j++)
				if (g->w[j].why) {
					strbuf_addstr(sb, "    ");
					severity_word(sb, g->w[j].severity, color, 0);
					strbuf_addf(sb, ": %s\n    first: %s\n", g->w[j].why, g->w[j].fix);
				}
		}
	}
	for (i = 0; i < v->nproblems; i++)
		strbuf_addf(sb, "%s%s\n", i ? "" : "\n", v->problems[i]);
}
