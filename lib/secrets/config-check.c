/* config-check.c: a gitleaks configuration's merged rules checked as gitleaks checks them and
 * turned into the scanner's rules; ids of gitleaks' default rules name yourside's own */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config-int.h"
#include "../banned.h"

/* gitleaks' default rule ids that a configuration extending the default may name, and the
 * built-in detector that finds the same credentials */
static const char *const aliases[][2] = {
	{"generic-api-key", "generic-secret"},	  {"github-pat", "github-token"},
	{"github-oauth", "github-token"},	  {"github-app-token", "github-token"},
	{"github-refresh-token", "github-token"}, {"gitlab-pat", "gitlab-token"},
	{"slack-bot-token", "slack-token"},	  {"slack-user-token", "slack-token"},
	{"slack-legacy-token", "slack-token"},	  {"stripe-access-token", "stripe-key"},
	{"gcp-api-key", "google-api-key"},	  {"aws-access-token", "aws-access-key-id"},
};

/* The built-in detector an id names (its own id, or a gitleaks default rule's), or NULL. */
static const char *builtin_id(const char *id)
{
	size_t i;

	for (i = 0; i < YS_RULE_COUNT; i++)
		if (!strcmp(ys_secret_rules[i].id, id))
			return ys_secret_rules[i].id;
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (!strcmp(aliases[i][0], id))
			return aliases[i][1];
	return NULL;
}

static int add_id(struct ys_secret_config *cfg, const char ***list, size_t n, const char *id)
{
	const char **l = ys_cfg_keep(cfg, calloc(n + 1, sizeof(*l)));

	if (!l)
		return YS_ENOMEM;
	if (n)
		memcpy(l, *list, n * sizeof(*l));
	l[n] = id;
	*list = l;
	return 0;
}

static struct ys_secret_rule_ext *new_ext(struct ys_secret_config *cfg, const struct ys_cfg_rule *r)
{
	struct ys_secret_rule_ext *x = ys_cfg_keep(cfg, calloc(1, sizeof(*x)));

	if (!x)
		return NULL;
	x->entropy = r->entropy;
	x->group = r->group;
	x->keywords = (char **)r->keywords;
	x->nkeywords = r->nkeywords;
	x->allow = r->allow;
	x->nallow = r->nallow;
	return x;
}

/* A rule of id+allowlists (or entropy) on top of a built-in detector. */
static int extend_builtin(struct ys_secret_config *cfg, const struct ys_cfg_rule *r, const char *bid)
{
	struct ys_secret_rule_ext *x = new_ext(cfg, r);
	struct ys_secret_rule_ext **of;

	if (!x || add_id(cfg, &cfg->ext_ids, cfg->next, bid))
		return YS_ENOMEM;
	x->keywords = NULL; /* built-in detectors have their own triggers */
	x->nkeywords = 0;
	if (!(of = ys_cfg_keep(cfg, calloc(cfg->next + 1, sizeof(*of)))))
		return YS_ENOMEM;
	if (cfg->next)
		memcpy(of, cfg->ext_of, cfg->next * sizeof(*of));
	of[cfg->next++] = x;
	cfg->ext_of = of;
	return 0;
}

/* A rule with a regex (or a path alone) of the configuration's own. */
static int own_rule(struct ys_secret_config *cfg, const struct ys_cfg_rule *r,
		    struct ys_secret_rule *out, struct ys_error *err)
{
	struct ys_secret_rule_ext *x = new_ext(cfg, r);
	char what[300];
	uint32_t groups = 0;

	if (!x)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	snprintf(what, sizeof(what), "'%s' line %zu: rule '%s'", r->file, r->line, r->id);
	if (r->path && !(x->path = ys_cfg_regex(cfg, r->path, what, err)))
		return YS_EPARSE;
	x->path_only = !r->regex;
	if (r->regex) {
		pcre2_code *re = ys_secret_config_regex(r->regex, what, err);

		if (!re)
			return YS_EPARSE;
		pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
		pcre2_code_free(re);
		if ((uint32_t)r->group > groups)
			return ys_error_set(err, YS_EPARSE,
					    "%s: secretGroup is %d but its regex has %u group%s", what,
					    r->group, groups, groups == 1 ? "" : "s");
	}
	memset(out, 0, sizeof(*out));
	out->id = r->id;
	out->title = r->description ? r->description : r->id;
	out->severity = "high";
	out->regex = r->regex ? r->regex : "";
	out->kind = YS_KIND_FRAG;
	out->revoke = "";
	out->ext = x;
	return 0;
}

/* A global allowlist's targetRules must name rules that exist. */
static int check_targets(struct ys_secret_config *cfg, struct ys_error *err)
{
	size_t i, k, j;

	for (i = 0; i < cfg->nallow; i++) {
		struct ys_secret_allowlist *a = cfg->allow[i];

		for (k = 0; k < a->ntarget_rules; k++) {
			const char *id = a->target_rules[k], *bid = cfg->builtin ? builtin_id(id) : NULL;
			int found = 0;

			for (j = 0; j < cfg->nrules && !found; j++)
				found = !strcmp(cfg->rules[j].id, id);
			if (!found && !bid)
				return ys_error_set(err, YS_EPARSE,
						    "a global allowlist's targetRules names rule '%s', "
						    "which the configuration does not have",
						    id);
			if (!found)
				a->target_rules[k] = (char *)bid;
		}
	}
	return 0;
}

int ys_cfg_finish(struct ys_cfg_load *l, struct ys_error *err)
{
	struct ys_secret_config *cfg = l->cfg;
	size_t i;
	int rc;

	if (l->nrules && !(cfg->rules = ys_cfg_keep(cfg, calloc(l->nrules, sizeof(*cfg->rules)))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; cfg->builtin && i < cfg->ndisabled; i++)
		if (builtin_id(cfg->disabled[i]))
			cfg->disabled[i] = (char *)builtin_id(cfg->disabled[i]);
	for (i = 0; i < l->nrules; i++) {
		const struct ys_cfg_rule *r = &l->rules[i];
		const char *bid = cfg->builtin ? builtin_id(r->id) : NULL;

		if (!r->regex && !r->path) {
			/* gitleaks lets an extending file name a rule its base lacks */
			if (!bid && l->extends) {
				ys_warn("'%s' line %zu: rule '%s' has neither regex nor path, and no "
					"rule it extends has that id: it finds nothing",
					r->file, r->line, r->id);
				continue;
			}
			if (!bid)
				return ys_error_set(err, YS_EPARSE,
						    "'%s' line %zu: rule '%s' has neither regex nor "
						    "path, so it would find nothing",
						    r->file, r->line, r->id);
			if (extend_builtin(cfg, r, bid))
				return ys_error_set(err, YS_ENOMEM, "out of memory");
			continue;
		}
		/* a rule of its own under a built-in detector's id replaces it */
		if (bid && add_id(cfg, (const char ***)&cfg->disabled, cfg->ndisabled++, bid))
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		if ((rc = own_rule(cfg, r, &cfg->rules[cfg->nrules], err)))
			return rc;
		cfg->nrules++;
	}
	return check_targets(cfg, err);
}

void ys_cfg_load_release(struct ys_cfg_load *l)
{
	free(l->rules);
	l->rules = NULL;
	l->nrules = l->cap = 0;
}
