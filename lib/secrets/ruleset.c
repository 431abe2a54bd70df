/* ruleset.c: the detectors compiled once: the built-in rows and a gitleaks configuration's
 * rules, each rule's exact regex, and one multi-pattern database of every trigger */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scan-int.h"
#include "triggerdb.h"
#include "../banned.h"

void ys_secret_ruleset_free(struct ys_secret_ruleset *rs)
{
	size_t i;

	if (!rs)
		return;
	if (rs->db)
		rs->mpm->db_free(rs->db);
	for (i = 0; i < rs->nrules; i++)
		pcre2_code_free(rs->rules[i].re);
	pcre2_code_free(rs->pair_re);
	for (i = 0; i < rs->ngenerated; i++)
		free(rs->generated[i]);
	free(rs->generated);
	free(rs->trig_tag);
	free(rs->always);
	free(rs->rules);
	ys_secret_config_free(rs->cfg);
	free(rs);
}

static pcre2_code *compile_re(const char *expr, struct ys_error *err, const char *id)
{
	PCRE2_SIZE off;
	int ec;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)expr, PCRE2_ZERO_TERMINATED, 0, &ec, &off, NULL);

	if (!re) {
		PCRE2_UCHAR msg[128];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		ys_error_set(err, YS_EPARSE, "rule '%s': cannot compile regex at %zu: %s", id,
			     (size_t)off, (char *)msg);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static int listed(char *const *ids, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(ids[i], id))
			return 1;
	return 0;
}

/* The rule rows: built-in ones first (their index is their tag), then the configuration's. */
static int add_rules(struct ys_secret_ruleset *rs, const struct ys_secret_config *cfg,
		     struct ys_error *err)
{
	size_t i, j, n = YS_RULE_COUNT + (cfg ? cfg->nrules : 0);

	if (n > MAX_RULES)
		return ys_error_set(err, YS_EINVAL, "too many rules: %zu (at most %u)", n, MAX_RULES);
	if (!(rs->rules = calloc(n, sizeof(*rs->rules))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		struct rs_rule *x = &rs->rules[i];
		int builtin = i < YS_RULE_COUNT;

		x->r = builtin ? ys_secret_rules[i] : cfg->rules[i - YS_RULE_COUNT];
		rs->nrules = i + 1;
		if (cfg && builtin) {
			/* without useDefault only the decoders stay: they feed every rule */
			x->off = (!cfg->builtin && (x->r.kind == YS_KIND_LINE || x->r.kind == YS_KIND_BLOCK)) ||
				 listed(cfg->disabled, cfg->ndisabled, x->r.id);
			for (j = 0; j < cfg->next; j++)
				if (!strcmp(cfg->ext_ids[j], x->r.id))
					x->r.ext = cfg->ext_of[j];
		}
		x->canon = (unsigned)i;
		for (j = 0; j < i; j++) {
			if (!rs->rules[j].off && !strcmp(rs->rules[j].r.id, x->r.id)) {
				x->canon = (unsigned)j;
				break;
			}
		}
		if (x->off || (x->r.ext && x->r.ext->path_only))
			continue;
		x->re = builtin ? compile_re(x->r.regex, err, x->r.id)
				: ys_secret_config_regex(x->r.regex, x->r.id, err);
		if (!x->re)
			return YS_EPARSE;
	}
	return 0;
}

/* A keyword as a pattern that finds it in any case. */
static char *literal(const char *word)
{
	size_t n = strlen(word), i;
	char *e = malloc(4 * n + 1), *p = e;

	if (!e)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)word[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			*p++ = (char)c;
		else
			p += snprintf(p, 5, "\\x%02x", c);
	}
	*p = '\0';
	return e;
}

struct trig {
	struct ys_mpm_pattern *pats;
	size_t n, cap;
};

static int push(struct ys_secret_ruleset *rs, struct trig *t, const char *expr, unsigned flags,
		unsigned tag, int owned)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		struct ys_mpm_pattern *p = realloc(t->pats, cap * sizeof(*p));
		unsigned *tt = realloc(rs->trig_tag, cap * sizeof(*tt));
		char **g = realloc(rs->generated, cap * sizeof(*g));

		if (p)
			t->pats = p;
		if (tt)
			rs->trig_tag = tt;
		if (g)
			rs->generated = g;
		if (!p || !tt || !g)
			return YS_ENOMEM;
		t->cap = cap;
	}
	t->pats[t->n].expr = expr;
	t->pats[t->n].flags = flags;
	rs->trig_tag[t->n++] = tag;
	if (owned)
		rs->generated[rs->ngenerated++] = (char *)expr;
	return 0;
}

/* Whether the matcher takes a configuration rule's whole regex as its trigger. */
static int matcher_takes(const struct ys_secret_ruleset *rs, const char *expr)
{
	struct ys_mpm_pattern p = {expr, 0};
	struct ys_error err = {0};
	void *db = NULL;

	if (rs->mpm->compile(&p, 1, &db, &err))
		return 0;
	rs->mpm->db_free(db);
	return 1;
}

/* A configuration rule's triggers: its keywords in any case; without keywords its regex, or
 * (when the matcher cannot take it) every input. */
static int config_triggers(struct ys_secret_ruleset *rs, struct trig *t, unsigned tag)
{
	const struct ys_secret_rule *r = &rs->rules[tag].r;
	const struct ys_secret_rule_ext *x = r->ext;
	size_t k;

	if (rs->rules[tag].off || !x || x->path_only)
		return 0;
	for (k = 0; k < x->nkeywords; k++) {
		char *e = literal(x->keywords[k]);

		if (!e || push(rs, t, e, YS_TRIG_CASELESS, tag, 1)) {
			free(e);
			return YS_ENOMEM;
		}
	}
	if (x->nkeywords)
		return 0;
	if (matcher_takes(rs, r->regex))
		return push(rs, t, r->regex, 0, tag, 0);
	rs->always[rs->nalways++] = tag;
	return 0;
}

/* The base64 forms of ys_secret_b64_words, at each of the three alignments. */
static int b64_triggers(struct ys_secret_ruleset *rs, struct trig *t)
{
	size_t i, j, len;

	for (i = 0; ys_secret_b64_words[i / 3]; i++) {
		const char *w = ys_secret_b64_words[i / 3];
		char frag[64], *expr, *e;

		if (strlen(w) > 28 || (len = ys_b64_fragment(w, (int)(i % 3), frag)) < 4)
			continue;
		if (!(expr = malloc(2 * len + 1)))
			return YS_ENOMEM;
		for (e = expr, j = 0; j < len; j++) {
			if (frag[j] == '+')
				*e++ = '\\';
			*e++ = frag[j];
		}
		*e = '\0';
		if (push(rs, t, expr, 0, YS_RULE_DECODE_B64_WORDS, 1)) {
			free(expr);
			return YS_ENOMEM;
		}
	}
	return 0;
}

static int build_triggers(struct ys_secret_ruleset *rs, struct trig *t)
{
	size_t i;

	if (!(rs->always = calloc(rs->nrules, sizeof(*rs->always))))
		return YS_ENOMEM;
	for (i = 0; i < rs->nrules; i++) {
		const struct rs_rule *x = &rs->rules[i];

		if (i >= YS_RULE_COUNT) {
			if (config_triggers(rs, t, (unsigned)i))
				return YS_ENOMEM;
		} else if (!x->off && x->r.trigger &&
			   push(rs, t, x->r.trigger, x->r.trigger_flags, (unsigned)i, 0)) {
			return YS_ENOMEM;
		}
	}
	rs->ntrig = t->n;
	if (b64_triggers(rs, t))
		return YS_ENOMEM;
	rs->ntrig = t->n;
	return 0;
}

/* Some rule or allowlist looks at where the input came from. */
static int looks_at_paths(const struct ys_secret_config *cfg)
{
	size_t i;

	if (!cfg)
		return 0;
	if (cfg->nallowlists)
		return 1;
	for (i = 0; i < cfg->nrules; i++)
		if (cfg->rules[i].ext && cfg->rules[i].ext->path)
			return 1;
	return 0;
}

/* The database built with yourside when the triggers are the ones it was built for (the built-in
 * detectors, or a configuration that only extends them): loading takes microseconds where
 * compiling takes a tenth of a second, on every run. $YOURSIDE_COMPILE_TRIGGERS=1 compiles. */
static int load_or_compile(struct ys_secret_ruleset *rs, const struct trig *t, struct ys_error *err)
{
	const char *force = getenv("YOURSIDE_COMPILE_TRIGGERS");

	ys_mpm_key(rs->mpm, t->pats, t->n, rs->key);
	if (rs->mpm->load && ys_trigger_db_len && !(force && !strcmp(force, "1")) &&
	    !memcmp(rs->key, ys_trigger_db_key, YS_MPM_KEY_LEN) &&
	    !rs->mpm->load(ys_trigger_db, ys_trigger_db_len, &rs->db)) {
		rs->prebuilt = 1;
		return 0;
	}
	return rs->mpm->compile(t->pats, t->n, &rs->db, err);
}

int ys_secret_ruleset_new_config(struct ys_secret_ruleset **out, const struct ys_mpm_ops *mpm,
				 struct ys_secret_config *cfg, struct ys_error *err)
{
	struct ys_secret_ruleset *rs = calloc(1, sizeof(*rs));
	struct trig t = {0};
	int rc;

	if (!rs) {
		ys_secret_config_free(cfg);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	rs->mpm = mpm;
	rs->cfg = cfg;
	rs->has_paths = looks_at_paths(cfg);
	if ((rc = add_rules(rs, cfg, err)))
		goto fail;
	rs->pair_re = compile_re("(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", err,
				 "aws-secret-access-key");
	if (!rs->pair_re) {
		rc = YS_EPARSE;
		goto fail;
	}
	if (build_triggers(rs, &t)) {
		rc = ys_error_set(err, YS_ENOMEM, "out of memory");
		goto fail;
	}
	if ((rc = load_or_compile(rs, &t, err)))
		goto fail;
	free(t.pats);
	*out = rs;
	return 0;
fail:
	free(t.pats);
	ys_secret_ruleset_free(rs);
	return rc;
}

int ys_secret_ruleset_new(struct ys_secret_ruleset **out, const struct ys_mpm_ops *mpm,
			  struct ys_error *err)
{
	return ys_secret_ruleset_new_config(out, mpm, NULL, err);
}

size_t ys_secret_ruleset_count(const struct ys_secret_ruleset *rs)
{
	return rs->nrules;
}

const struct ys_secret_rule *ys_secret_ruleset_rule(const struct ys_secret_ruleset *rs, size_t i)
{
	const struct rs_rule *x = &rs->rules[i];

	return x->off || x->canon != i ? NULL : &x->r;
}

int ys_secret_ruleset_prebuilt(const struct ys_secret_ruleset *rs)
{
	return rs->prebuilt;
}

int ys_secret_ruleset_save(const struct ys_secret_ruleset *rs, unsigned char key[YS_MPM_KEY_LEN],
			   char **bytes, size_t *len)
{
	if (!rs->mpm->save)
		return YS_EUNSUP;
	memcpy(key, rs->key, YS_MPM_KEY_LEN);
	return rs->mpm->save(rs->db, bytes, len);
}
