/* chain.c: the vendor chain in brief: each outsider in a line (worst first, its ways in and
 * why), AWS's own services counted, and the SaaS vendors whose keys `secrets` found */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "chain.h"
#include "output.h"
#include "../base/grow.h"
#include "../json/jread.h"
#include "../json/jwrite.h"
#include "../map/map.h"
#include "../secrets/vendor.h"
#include "../banned.h"

static const char *jstr(const struct ys_jval *o, const char *k)
{
	const char *s = ys_json_str(ys_json_get(o, k));

	return s && *s ? s : NULL;
}

static int by_keys(const void *a, const void *b)
{
	const struct ys_saas *x = a, *y = b;

	if (x->keys != y->keys)
		return x->keys < y->keys ? 1 : -1;
	return strcmp(x->vendor, y->vendor);
}

int ys_saas_from_lines(const char *const *lines, size_t n, struct ys_saas_list *out)
{
	size_t i, k;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++) {
		struct ys_jdoc *doc;
		struct ys_error e = {0};
		const struct ys_jval *f, *line, *ver;
		const struct ys_secret_vendor *sv;
		struct ys_saas *s;

		if (!lines[i] || ys_json_parse(lines[i], strlen(lines[i]), &doc, &e))
			continue;
		f = ys_jdoc_root(doc);
		if (!jstr(f, "rule") || !(sv = ys_secret_vendor(jstr(f, "rule"))) || !sv->vendor) {
			ys_jdoc_free(doc);
			continue;
		}
		for (k = 0; k < out->n && strcmp(out->v[k].vendor, sv->vendor); k++)
			;
		if (k == out->n) {
			if (ys_grow(&out->v, &out->cap, out->n, sizeof(*out->v), 8))
				goto nomem;
			s = &out->v[out->n];
			memset(s, 0, sizeof(*s));
			line = ys_json_get(f, "line");
			if (!(s->vendor = strdup(sv->vendor)) || !(s->reaches = strdup(sv->reaches)) ||
			    !(s->where = strbuf_fmt("%s:%.0f", jstr(f, "file") ? jstr(f, "file") : "?",
						    line && line->type == YS_J_NUMBER ? line->u.num : 0))) {
				out->n++;
				goto nomem;
			}
			out->n++;
		}
		s = &out->v[k];
		s->keys++;
		ver = ys_json_get(f, "verified");
		s->live += ver && ((ver->type == YS_J_STRING && !strcmp(ver->u.str, "live")) || ver->type == YS_J_TRUE);
		ys_jdoc_free(doc);
		continue;
nomem:
		ys_jdoc_free(doc);
		ys_saas_release(out);
		return -1;
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_keys);
	return 0;
}

void ys_saas_release(struct ys_saas_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].vendor);
		free(l->v[i].reaches);
		free(l->v[i].where);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static const char *label(const struct ys_vendor *g, char *out, size_t n)
{
	if (g->kind == YS_VK_UNKNOWN)
		snprintf(out, n, "unknown account %s", g->id);
	else
		snprintf(out, n, "%s", g->name);
	return out;
}

static size_t services(const struct ys_vendors *v)
{
	size_t i, n = 0;

	for (i = 0; i < v->n; i++)
		n += v->v[i].kind == YS_VK_SERVICE;
	return n;
}

void ys_chain_text(struct strbuf *sb, const struct ys_vendors *v, const struct ys_saas_list *s)
{
	char name[300];
	size_t i;

	if (v) {
		strbuf_addstr(sb, "\nWho outside the account can act in it (the vendors' side of the line; "
				  "yourside vendors shows each in full):\n");
		if (v->n == services(v))
			strbuf_addstr(sb, "  nobody outside the account\n");
		for (i = 0; i < v->n; i++) {
			const struct ys_vendor *g = &v->v[i];

			if (g->kind == YS_VK_SERVICE)
				continue;
			strbuf_addf(sb, "  %-8s  %s", ys_vseverity_name(g->severity), label(g, name, sizeof(name)));
			if (g->kind != YS_VK_ANYONE && g->kind != YS_VK_UNKNOWN)
				strbuf_addf(sb, " (%s)", ys_vkind_name(g->kind));
			strbuf_addstr(sb, ": ");
			ys_vendor_ways(sb, g, 3);
			strbuf_addch(sb, '\n');
			if (g->n && g->w[0].why)
				strbuf_addf(sb, "            %s\n", g->w[0].why);
		}
		if (services(v))
			strbuf_addf(sb, "  and %zu AWS service%s acting for the account\n", services(v),
				    services(v) == 1 ? "" : "s");
	}
	if (s && s->n) {
		strbuf_addstr(sb, "\nSaaS vendors that hold a key to something of yours (their keys were found in "
				  "your code):\n");
		for (i = 0; i < s->n; i++)
			strbuf_addf(sb, "  %s: %s (%zu key%s%s, first at %s)\n", s->v[i].vendor, s->v[i].reaches,
				    s->v[i].keys, s->v[i].keys == 1 ? "" : "s", s->v[i].live ? ", live" : "",
				    s->v[i].where);
	}
}

void ys_chain_json(struct jw *w, const struct ys_vendors *v, const struct ys_saas_list *s)
{
	size_t i, j;

	jw_key(w, "vendors");
	jw_obj_begin(w);
	jw_key(w, "outsiders");
	if (!v) {
		jw_null(w);
	} else {
		jw_arr_begin(w);
		for (i = 0; i < v->n; i++) {
			const struct ys_vendor *g = &v->v[i];

			jw_obj_begin(w);
			jw_key(w, "kind");
			jw_str(w, ys_vkind_name(g->kind));
			jw_key(w, "id");
			jw_str(w, g->id);
			jw_key(w, "name");
			jw_str(w, g->name);
			jw_key(w, "severity");
			jw_str(w, ys_vseverity_name(g->severity));
			jw_key(w, "ways");
			jw_arr_begin(w);
			for (j = 0; j < g->n; j++) {
				jw_obj_begin(w);
				jw_key(w, "what");
				jw_str(w, g->w[j].what);
				jw_key(w, "arn");
				jw_str(w, g->w[j].arn);
				jw_key(w, "severity");
				jw_str(w, ys_vseverity_name(g->w[j].severity));
				jw_key(w, "why");
				jw_str_or_null(w, g->w[j].why);
				jw_obj_end(w);
			}
			jw_arr_end(w);
			jw_obj_end(w);
		}
		jw_arr_end(w);
	}
	jw_key(w, "saas");
	jw_arr_begin(w);
	for (i = 0; s && i < s->n; i++) {
		jw_obj_begin(w);
		jw_key(w, "vendor");
		jw_str(w, s->v[i].vendor);
		jw_key(w, "reaches");
		jw_str(w, s->v[i].reaches);
		jw_key(w, "keys");
		jw_int(w, (long long)s->v[i].keys);
		jw_key(w, "live");
		jw_int(w, (long long)s->v[i].live);
		jw_key(w, "first");
		jw_str(w, s->v[i].where);
		jw_obj_end(w);
	}
	jw_arr_end(w);
	jw_obj_end(w);
}

static void esc(struct strbuf *sb, const char *s)
{
	ys_html_escape(sb, s ? s : "");
}

void ys_chain_html(struct strbuf *sb, const struct ys_vendors *v, const struct ys_saas_list *s)
{
	char name[300];
	size_t i;

	if (!v && (!s || !s->n))
		return;
	/* its tables' style is every page's (lib/map/page.c) */
	strbuf_addstr(sb, "<h2 id=\"vendors\">Who outside the account can act in it</h2>");
	if (v) {
		strbuf_addstr(sb, "<p>The vendors' side of the line: what the account delegates, and to whom "
				  "(<code>yourside vendors</code> shows each in full, with the questions to send).</p>");
		if (v->n == services(v))
			strbuf_addstr(sb, "<p>Nobody outside the account.</p>");
		else
			strbuf_addstr(sb, "<div class=\"scroll\"><table class=\"vendors cards\"><thead><tr><th>outsider</th><th>kind</th>"
					  "<th>how bad</th><th>ways in</th><th>why</th></tr></thead><tbody>");
		for (i = 0; i < v->n; i++) {
			const struct ys_vendor *g = &v->v[i];
			struct strbuf w = STRBUF_INIT;

			if (g->kind == YS_VK_SERVICE)
				continue;
			strbuf_addf(sb, "<tr class=\"outsider\" data-severity=\"%s\"><td>", ys_vseverity_name(g->severity));
			esc(sb, label(g, name, sizeof(name)));
			strbuf_addstr(sb, "</td><td data-label=\"kind\">");
			esc(sb, ys_vkind_name(g->kind));
			strbuf_addf(sb, "</td><td class=\"sev sev-%s\">%s</td><td data-label=\"ways in\">", ys_vseverity_name(g->severity),
				    ys_vseverity_name(g->severity));
			ys_vendor_ways(&w, g, 3);
			esc(sb, w.buf);
			strbuf_release(&w);
			strbuf_addstr(sb, "</td><td>");
			esc(sb, g->n ? g->w[0].why : NULL);
			strbuf_addstr(sb, "</td></tr>");
		}
		if (v->n != services(v))
			strbuf_addstr(sb, "</tbody></table></div>");
		if (services(v))
			strbuf_addf(sb, "<p>And %zu AWS service%s acting for the account.</p>", services(v),
				    services(v) == 1 ? "" : "s");
	}
	if (s && s->n) {
		strbuf_addstr(sb, "<h3>SaaS vendors that hold a key to something of yours</h3><p>Their keys were "
				  "found in your code: whoever holds one reaches what the vendor keeps for you.</p>"
				  "<div class=\"scroll\"><table class=\"saas cards\"><thead><tr><th>vendor</th><th>what a key reaches</th><th>keys</th>"
				  "<th>first found</th></tr></thead><tbody>");
		for (i = 0; i < s->n; i++) {
			strbuf_addstr(sb, "<tr class=\"saas-vendor\"><td>");
			esc(sb, s->v[i].vendor);
			strbuf_addstr(sb, "</td><td data-label=\"what a key reaches\">");
			esc(sb, s->v[i].reaches);
			strbuf_addf(sb, "</td><td data-label=\"keys\">%zu%s</td><td data-label=\"first found\"><code>", s->v[i].keys, s->v[i].live ? " (live)" : "");
			esc(sb, s->v[i].where);
			strbuf_addstr(sb, "</code></td></tr>");
		}
		strbuf_addstr(sb, "</tbody></table></div>");
	}
}
