/* json.c: the vendor chain as JSON, for tools: every outsider with each way in, its guards,
 * what it reaches, and the words a person reads */
#include <stdio.h>
#include "output.h"
#include "../json/jwrite.h"
#include "../iam/blast.h"
#include "../banned.h"

static void bits(struct jw *jw, const char *key, unsigned g)
{
	static const struct {
		unsigned bit;
		const char *word;
	} words[] = {{YS_VG_EXTERNAL_ID, "external-id"}, {YS_VG_SUBJECT, "subject"}, {YS_VG_AUDIENCE, "audience"},
		     {YS_VG_SOURCE, "source"}, {YS_VG_MFA, "mfa"}, {YS_VG_ORG, "organization"},
		     {YS_VG_NETWORK, "network"}};
	size_t i;

	jw_key(jw, key);
	jw_arr_begin(jw);
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (g & words[i].bit)
			jw_str(jw, words[i].word);
	jw_arr_end(jw);
}

static void access(struct jw *jw, unsigned a)
{
	static const char *const names[] = {"read", "change", "destroy", "permissions"};
	size_t i;

	jw_key(jw, "access");
	jw_arr_begin(jw);
	for (i = 0; i < 4; i++)
		if (a & (1u << i))
			jw_str(jw, names[i]);
	jw_arr_end(jw);
}

static const char *scope_name(enum ys_vscope s)
{
	static const char *const names[] = {NULL, "any", "owner", "any-ref", "pinned"};

	return names[s];
}

static void way(struct jw *jw, const struct ys_vendor *g, const struct ys_vway *w)
{
	int role = w->prin >= 0 && g->kind != YS_VK_SERVICE;

	jw_obj_begin(jw);
	jw_key(jw, "what");
	jw_str(jw, w->what);
	jw_key(jw, "name");
	jw_str(jw, w->name);
	jw_key(jw, "arn");
	jw_str(jw, w->arn);
	jw_key(jw, "region");
	jw_str_or_null(jw, w->region);
	jw_key(jw, "as");
	jw_str(jw, w->as);
	jw_key(jw, "actions");
	jw_str(jw, w->actions);
	access(jw, w->access);
	jw_key(jw, "open");
	jw_bool(jw, w->open);
	bits(jw, "guards", w->guards);
	jw_key(jw, "scope");
	jw_str_or_null(jw, scope_name(w->scope));
	jw_key(jw, "subjects");
	jw_str_or_null(jw, w->subjects);
	if (role) {
		jw_key(jw, "admin");
		jw_bool(jw, w->admin);
		jw_key(jw, "reaches");
		jw_str_or_null(jw, w->reach);
		jw_key(jw, "last_used");
		jw_str_or_null(jw, w->last_used);
		jw_key(jw, "created");
		jw_str_or_null(jw, w->created);
		jw_key(jw, "idle_days");
		if (w->idle_days >= 0)
			jw_int(jw, w->idle_days);
		else
			jw_null(jw);
	}
	jw_key(jw, "severity");
	jw_str(jw, ys_vseverity_name(w->severity));
	jw_key(jw, "why");
	jw_str_or_null(jw, w->why);
	jw_key(jw, "first");
	jw_str_or_null(jw, w->fix);
	jw_obj_end(jw);
}

static void question(void *ctx, const char *q)
{
	jw_str(ctx, q);
}

void ys_vendors_json(struct strbuf *sb, const struct ys_vendors *v)
{
	struct jw jw;
	size_t i, j;

	jw_init(&jw, sb, 1);
	jw_obj_begin(&jw);
	jw_key(&jw, "account");
	jw_str(&jw, v->account);
	jw_key(&jw, "organization");
	jw_str_or_null(&jw, v->org_id);
	jw_key(&jw, "management_account");
	jw_str_or_null(&jw, v->management);
	jw_key(&jw, "trust_policies");
	jw_int(&jw, (long long)v->roles);
	jw_key(&jw, "resource_policies");
	jw_int(&jw, (long long)v->resources);
	jw_key(&jw, "outsiders");
	jw_arr_begin(&jw);
	for (i = 0; i < v->n; i++) {
		const struct ys_vendor *g = &v->v[i];

		jw_obj_begin(&jw);
		jw_key(&jw, "kind");
		jw_str(&jw, ys_vkind_name(g->kind));
		jw_key(&jw, "id");
		jw_str(&jw, g->id);
		jw_key(&jw, "name");
		jw_str(&jw, g->name);
		jw_key(&jw, "source");
		jw_str_or_null(&jw, g->source);
		jw_key(&jw, "severity");
		jw_str(&jw, ys_vseverity_name(g->severity));
		jw_key(&jw, "ways");
		jw_arr_begin(&jw);
		for (j = 0; j < g->n; j++)
			way(&jw, g, &g->w[j]);
		jw_arr_end(&jw);
		jw_key(&jw, "questions");
		jw_arr_begin(&jw);
		ys_vendor_questions(v, g, question, &jw);
		jw_arr_end(&jw);
		jw_obj_end(&jw);
	}
	jw_arr_end(&jw);
	jw_key(&jw, "problems");
	jw_arr_begin(&jw);
	for (i = 0; i < v->nproblems; i++)
		jw_str(&jw, v->problems[i]);
	jw_arr_end(&jw);
	jw_obj_end(&jw);
	strbuf_addch(sb, '\n');
}
