/* config-read.c: one gitleaks configuration file's [[rules]], allowlists and disabledRules, each
 * merged over the rules of the file it extends as gitleaks merges them */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../base/grow.h"
#include "config-int.h"
#include "../banned.h"

const struct ys_toml_value *ys_cfg_get(const struct ys_toml_value *table, const char *key)
{
	size_t i, n;

	if (!table || ys_toml_type(table) != YS_TOML_TABLE)
		return NULL;
	n = ys_toml_count(table);
	for (i = 0; i < n; i++)
		if (!strcasecmp(ys_toml_key_at(table, i), key))
			return ys_toml_at(table, i);
	return NULL;
}

/* A string value, or NULL (a value of another type is an error). */
static int get_str(const struct ys_toml_value *t, const char *key, const char **out,
		   const char *file, const char *where, struct ys_error *err)
{
	const struct ys_toml_value *v = ys_cfg_get(t, key);

	*out = NULL;
	if (!v)
		return 0;
	if (ys_toml_type(v) != YS_TOML_STRING)
		return ys_error_set(err, YS_EPARSE, "'%s' line %zu: %s: %s must be a string", file,
				    ys_toml_line(v), where, key);
	*out = ys_toml_str(v, NULL);
	return 0;
}

/* An array of strings, copied (lower-cased when asked), appended to *out. */
static int get_strs(struct ys_secret_config *cfg, const struct ys_toml_value *t, const char *key,
		    int lower, char ***out, size_t *n, const char *file, const char *where,
		    struct ys_error *err)
{
	const struct ys_toml_value *v = ys_cfg_get(t, key);
	size_t i, k, cnt;
	char **a;

	if (!v)
		return 0;
	if (ys_toml_type(v) != YS_TOML_ARRAY)
		return ys_error_set(err, YS_EPARSE, "'%s' line %zu: %s: %s must be a list of strings",
				    file, ys_toml_line(v), where, key);
	cnt = ys_toml_count(v);
	if (!(a = ys_cfg_keep(cfg, calloc(*n + cnt + 1, sizeof(*a)))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (k = 0; k < *n; k++)
		a[k] = (*out)[k];
	for (i = 0; i < cnt; i++) {
		const struct ys_toml_value *s = ys_toml_at(v, i);
		size_t len;
		const char *str;

		if (ys_toml_type(s) != YS_TOML_STRING)
			return ys_error_set(err, YS_EPARSE,
					    "'%s' line %zu: %s: %s must be a list of strings", file,
					    ys_toml_line(s), where, key);
		str = ys_toml_str(s, &len);
		if (!(a[k++] = ys_cfg_strdup(cfg, str, len, lower)))
			return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	*out = a;
	*n = k;
	return 0;
}

static int compile_all(struct ys_secret_config *cfg, char **src, size_t n, pcre2_code ***out,
		       const char *what, struct ys_error *err)
{
	size_t i;

	if (!n)
		return 0;
	if (!(*out = ys_cfg_keep(cfg, calloc(n, sizeof(**out)))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		if (!((*out)[i] = ys_cfg_regex(cfg, src[i], what, err)))
			return YS_EPARSE;
	return 0;
}

/* One allowlist table; `global` allows targetRules. */
static int read_allowlist(struct ys_secret_config *cfg, const struct ys_toml_value *t,
			  const char *file, const char *where, int global,
			  struct ys_secret_allowlist **out, struct ys_error *err)
{
	struct ys_secret_allowlist *a = ys_cfg_keep(cfg, calloc(1, sizeof(*a)));
	char **paths = NULL, **regexes = NULL;
	size_t np = 0, nr = 0, line = ys_toml_line(t);
	const char *cond, *target;
	char what[300];
	int rc;

	if (!a)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	snprintf(what, sizeof(what), "'%s' line %zu: %s", file, line, where);
	if ((rc = get_str(t, "condition", &cond, file, where, err)) ||
	    (rc = get_str(t, "regexTarget", &target, file, where, err)) ||
	    (rc = get_strs(cfg, t, "commits", 1, &a->commits, &a->ncommits, file, where, err)) ||
	    (rc = get_strs(cfg, t, "paths", 0, &paths, &np, file, where, err)) ||
	    (rc = get_strs(cfg, t, "regexes", 0, &regexes, &nr, file, where, err)) ||
	    (rc = get_strs(cfg, t, "stopwords", 1, &a->stopwords, &a->nstopwords, file, where, err)))
		return rc;
	if (global && (rc = get_strs(cfg, t, "targetRules", 0, &a->target_rules,
				     &a->ntarget_rules, file, where, err)))
		return rc;
	if (cond && *cond && strcasecmp(cond, "OR") && strcmp(cond, "||") &&
	    strcasecmp(cond, "AND") && strcmp(cond, "&&"))
		return ys_error_set(err, YS_EPARSE, "%s: unknown condition '%s' (OR or AND)", what,
				    cond);
	a->all = cond && (!strcasecmp(cond, "AND") || !strcmp(cond, "&&"));
	if (target && *target && strcmp(target, "secret") && strcmp(target, "match") &&
	    strcmp(target, "line"))
		return ys_error_set(err, YS_EPARSE,
				    "%s: unknown regexTarget '%s' (secret, match or line)", what,
				    target);
	a->target = !target || !*target || !strcmp(target, "secret") ? YS_ALLOW_SECRET
		    : !strcmp(target, "match")			     ? YS_ALLOW_MATCH
								     : YS_ALLOW_LINE;
	if (!a->ncommits && !np && !nr && !a->nstopwords)
		return ys_error_set(err, YS_EPARSE,
				    "%s: an allowlist needs at least one of commits, paths, "
				    "regexes or stopwords",
				    what);
	if ((rc = compile_all(cfg, paths, np, &a->paths, what, err)) ||
	    (rc = compile_all(cfg, regexes, nr, &a->regexes, what, err)))
		return rc;
	a->npaths = np;
	a->nregexes = nr;
	a->index = cfg->nallowlists++;
	*out = a;
	return 0;
}

static int push_allow(struct ys_secret_config *cfg, struct ys_secret_allowlist ***list, size_t *n,
		      struct ys_secret_allowlist *a)
{
	struct ys_secret_allowlist **l = ys_cfg_keep(cfg, calloc(*n + 1, sizeof(*l)));

	if (!l)
		return YS_ENOMEM;
	if (*n)
		memcpy(l, *list, *n * sizeof(*l));
	l[(*n)++] = a;
	*list = l;
	return 0;
}

/* The old single table ([allowlist]) or the new list ([[allowlists]]), not both. */
static int read_allowlists(struct ys_secret_config *cfg, const struct ys_toml_value *t,
			   const char *file, const char *where, int global,
			   struct ys_secret_allowlist ***list, size_t *n, struct ys_error *err)
{
	const struct ys_toml_value *one = ys_cfg_get(t, "allowlist");
	const struct ys_toml_value *many = ys_cfg_get(t, "allowlists");
	struct ys_secret_allowlist *a;
	size_t i;
	int rc;

	if (one && many)
		return ys_error_set(err, YS_EPARSE,
				    "'%s' line %zu: %s: [%sallowlist] is the old form of "
				    "[[%sallowlists]]: use one of them",
				    file, ys_toml_line(one), where, global ? "" : "rules.",
				    global ? "" : "rules.");
	if (one) {
		if (ys_toml_type(one) != YS_TOML_TABLE)
			return ys_error_set(err, YS_EPARSE, "'%s' line %zu: %s: allowlist must be a table",
					    file, ys_toml_line(one), where);
		if ((rc = read_allowlist(cfg, one, file, where, global, &a, err)))
			return rc;
		return push_allow(cfg, list, n, a) ? ys_error_set(err, YS_ENOMEM, "out of memory") : 0;
	}
	if (!many)
		return 0;
	if (ys_toml_type(many) != YS_TOML_ARRAY)
		return ys_error_set(err, YS_EPARSE, "'%s' line %zu: %s: allowlists must be [[tables]]",
				    file, ys_toml_line(many), where);
	for (i = 0; i < ys_toml_count(many); i++) {
		const struct ys_toml_value *e = ys_toml_at(many, i);

		if (ys_toml_type(e) != YS_TOML_TABLE)
			return ys_error_set(err, YS_EPARSE,
					    "'%s' line %zu: %s: allowlists must be [[tables]]", file,
					    ys_toml_line(e), where);
		if ((rc = read_allowlist(cfg, e, file, where, global, &a, err)))
			return rc;
		if (push_allow(cfg, list, n, a))
			return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	return 0;
}

static struct ys_cfg_rule *find(struct ys_cfg_load *l, const char *id)
{
	size_t i;

	for (i = 0; i < l->nrules; i++)
		if (!strcmp(l->rules[i].id, id))
			return &l->rules[i];
	return NULL;
}

static int number(const struct ys_toml_value *v, double *out)
{
	if (ys_toml_type(v) == YS_TOML_INTEGER)
		*out = (double)ys_toml_int(v);
	else if (ys_toml_type(v) == YS_TOML_FLOAT)
		*out = ys_toml_float(v);
	else
		return -1;
	return 0;
}

/* A [[rules]] entry: a new rule, or one that overrides the fields it sets of the base's rule of
 * the same id and adds its keywords and allowlists. */
static int read_rule(struct ys_cfg_load *l, const struct ys_toml_value *t, const char *file,
		     int depth, struct ys_error *err)
{
	struct ys_secret_config *cfg = l->cfg;
	const char *id, *desc, *regex, *path;
	const struct ys_toml_value *v;
	struct ys_cfg_rule *r;
	char where[200];
	double x;
	int rc;

	if ((rc = get_str(t, "id", &id, file, "rule", err)))
		return rc;
	if (!id || !*id)
		return ys_error_set(err, YS_EPARSE, "'%s' line %zu: a rule has no id", file,
				    ys_toml_line(t));
	snprintf(where, sizeof(where), "rule '%s'", id);
	if ((rc = get_str(t, "description", &desc, file, where, err)) ||
	    (rc = get_str(t, "regex", &regex, file, where, err)) ||
	    (rc = get_str(t, "path", &path, file, where, err)))
		return rc;
	if (!(r = find(l, id))) {
		if (ys_grow(&l->rules, &l->cap, l->nrules, sizeof(*l->rules), 1))
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		r = &l->rules[l->nrules++];
		memset(r, 0, sizeof(*r));
		r->id = id;
	} else if (r->depth == depth) {
		ys_warn("'%s' line %zu: rule '%s' is defined twice: the later one is used", file,
			ys_toml_line(t), id);
		memset(r, 0, sizeof(*r));
		r->id = id;
	}
	r->file = file;
	r->line = ys_toml_line(t);
	r->depth = depth;
	if (!(r->id = ys_cfg_strdup(cfg, id, strlen(id), 0)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (desc && *desc && !(r->description = ys_cfg_strdup(cfg, desc, strlen(desc), 0)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (regex && !(r->regex = ys_cfg_strdup(cfg, regex, strlen(regex), 0)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if (path && !(r->path = ys_cfg_strdup(cfg, path, strlen(path), 0)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	if ((v = ys_cfg_get(t, "entropy"))) {
		if (number(v, &x))
			return ys_error_set(err, YS_EPARSE, "'%s' line %zu: %s: entropy must be a number",
					    file, ys_toml_line(v), where);
		if (x != 0)
			r->entropy = x;
	}
	if ((v = ys_cfg_get(t, "secretGroup"))) {
		if (ys_toml_type(v) != YS_TOML_INTEGER || ys_toml_int(v) < 0 || ys_toml_int(v) > 99)
			return ys_error_set(err, YS_EPARSE,
					    "'%s' line %zu: %s: secretGroup must be a group number",
					    file, ys_toml_line(v), where);
		if (ys_toml_int(v))
			r->group = (int)ys_toml_int(v);
	}
	if ((rc = get_strs(cfg, t, "keywords", 1, (char ***)&r->keywords, &r->nkeywords, file, where,
			   err)))
		return rc;
	if (ys_cfg_get(t, "required") || ys_cfg_get(t, "skipReport"))
		ys_warn("'%s' line %zu: %s: required rules (composite rules) are not supported; "
			"the rule runs on its own",
			file, ys_toml_line(t), where);
	return read_allowlists(cfg, t, file, where, 0, &r->allow, &r->nallow, err);
}

/* [extend] disabledRules: the base's rules of these ids are dropped (and built-in ones off). */
static int read_disabled(struct ys_cfg_load *l, const struct ys_toml_value *ext, const char *file,
			 struct ys_error *err)
{
	struct ys_secret_config *cfg = l->cfg;
	size_t before = cfg->ndisabled, i, k;
	int rc;

	if ((rc = get_strs(cfg, ext, "disabledRules", 0, &cfg->disabled, &cfg->ndisabled, file,
			   "[extend]", err)))
		return rc;
	for (i = before; i < cfg->ndisabled; i++) {
		for (k = 0; k < l->nrules; k++) {
			if (!strcmp(l->rules[k].id, cfg->disabled[i])) {
				l->rules[k] = l->rules[--l->nrules];
				break;
			}
		}
	}
	return 0;
}

int ys_cfg_read_doc(struct ys_cfg_load *l, const struct ys_toml *doc, const char *file, int depth,
		    struct ys_error *err)
{
	const struct ys_toml_value *root = ys_toml_root(doc), *ext, *rules;
	size_t i;
	int rc;

	if ((ext = ys_cfg_get(root, "extend")) && (rc = read_disabled(l, ext, file, err)))
		return rc;
	if ((rules = ys_cfg_get(root, "rules"))) {
		if (ys_toml_type(rules) != YS_TOML_ARRAY)
			return ys_error_set(err, YS_EPARSE, "'%s' line %zu: rules must be [[rules]]",
					    file, ys_toml_line(rules));
		for (i = 0; i < ys_toml_count(rules); i++) {
			const struct ys_toml_value *t = ys_toml_at(rules, i);

			if (ys_toml_type(t) != YS_TOML_TABLE)
				return ys_error_set(err, YS_EPARSE,
						    "'%s' line %zu: rules must be [[rules]]", file,
						    ys_toml_line(t));
			if ((rc = read_rule(l, t, file, depth, err)))
				return rc;
		}
	}
	return read_allowlists(l->cfg, root, file, "global allowlist", 1, &l->cfg->allow,
			       &l->cfg->nallow, err);
}
