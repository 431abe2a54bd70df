/* load.c: a Sigma rule from YAML: metadata, selections with their modifiers, the condition */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/grow.h"
#include "../yaml/ydoc.h"
#include "rule.h"
#include "../banned.h"

struct loader {
	struct ys_sigma_rule *r;
	struct ys_error *err;
	char path[256]; /* the key path being read, for messages */
};

static int lfail(struct loader *l, int code, const char *why, const char *what)
{
	return ys_error_set(l->err, code, "'%s': %s: %s%s%s", l->r->file, l->path, why,
			    what ? " " : "", what ? what : "");
}

static void free_matcher(struct ys_sigma_matcher *m)
{
	size_t i;

	for (i = 0; i < m->nv; i++) {
		free(m->v[i].text);
		free(m->v[i].fieldref);
		pcre2_code_free(m->v[i].re);
	}
	free(m->v);
	free(m->field);
}

void ys_sigma_rule_free(struct ys_sigma_rule *r)
{
	size_t i, j, k;

	if (!r)
		return;
	for (i = 0; i < r->nsel; i++) {
		for (j = 0; j < r->sel[i].n; j++) {
			for (k = 0; k < r->sel[i].c[j].n; k++)
				free_matcher(&r->sel[i].c[j].m[k]);
			free(r->sel[i].c[j].m);
		}
		free(r->sel[i].c);
		free(r->sel[i].name);
	}
	free(r->sel);
	ys_sigma_cond_free(r->cond);
	for (i = 0; i < r->nattack; i++)
		free(r->attack[i]);
	free(r->attack);
	free(r->file);
	free(r->id);
	free(r->title);
	free(r->name);
	free(r->level);
	free(r->status);
	free(r->product);
	free(r->service);
	free(r);
}

struct mods {
	enum ys_sigma_op op;
	int all, cased, re_i, re_m, re_s, base64, base64off, fieldref, exists;
};

static int parse_mods(struct loader *l, char *spec, struct mods *m)
{
	char *save = NULL, *mod;

	memset(m, 0, sizeof(*m));
	m->op = YS_SOP_EQUALS;
	for (mod = strtok_r(spec, "|", &save); mod; mod = strtok_r(NULL, "|", &save)) {
		if (!strcmp(mod, "contains"))
			m->op = YS_SOP_CONTAINS;
		else if (!strcmp(mod, "startswith"))
			m->op = YS_SOP_STARTSWITH;
		else if (!strcmp(mod, "endswith"))
			m->op = YS_SOP_ENDSWITH;
		else if (!strcmp(mod, "re"))
			m->op = YS_SOP_RE;
		else if (!strcmp(mod, "i"))
			m->re_i = 1;
		else if (!strcmp(mod, "m"))
			m->re_m = 1;
		else if (!strcmp(mod, "s"))
			m->re_s = 1;
		else if (!strcmp(mod, "cidr"))
			m->op = YS_SOP_CIDR;
		else if (!strcmp(mod, "exists"))
			m->exists = 1, m->op = YS_SOP_EXISTS;
		else if (!strcmp(mod, "all"))
			m->all = 1;
		else if (!strcmp(mod, "cased"))
			m->cased = 1;
		else if (!strcmp(mod, "base64"))
			m->base64 = 1;
		else if (!strcmp(mod, "base64offset"))
			m->base64off = 1;
		else if (!strcmp(mod, "fieldref"))
			m->fieldref = 1;
		else if (!strcmp(mod, "lt"))
			m->op = YS_SOP_LT;
		else if (!strcmp(mod, "lte"))
			m->op = YS_SOP_LTE;
		else if (!strcmp(mod, "gt"))
			m->op = YS_SOP_GT;
		else if (!strcmp(mod, "gte"))
			m->op = YS_SOP_GTE;
		else if (!strcmp(mod, "expand"))
			return lfail(l, YS_EUNSUP,
				     "the 'expand' modifier needs placeholder values from a pipeline",
				     NULL);
		else if (!strcmp(mod, "windash") || !strncmp(mod, "utf16", 5) || !strcmp(mod, "wide"))
			return lfail(l, YS_EUNSUP, "modifier not supported for JSON logs:", mod);
		else
			return lfail(l, YS_EPARSE, "unknown modifier", mod);
	}
	return 0;
}

static int has_wildcards(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' && (s[1] == '*' || s[1] == '?' || s[1] == '\\'))
			s++;
		else if (*s == '*' || *s == '?')
			return 1;
	}
	return 0;
}

/* Literal text: \* \? \\ stand for themselves. */
static void unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == '\\' && (s[1] == '*' || s[1] == '?' || s[1] == '\\'))
			s++;
		*w++ = *s;
	}
	*w = '\0';
}

static void fold(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static char *base64(const char *s, size_t n, size_t skip_front, size_t skip_back)
{
	static const char d[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t out = 4 * ((n + 2) / 3), i, k = 0;
	char *r = malloc(out + 1);

	if (!r)
		return NULL;
	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)(unsigned char)s[i] << 16;

		v |= i + 1 < n ? (uint32_t)(unsigned char)s[i + 1] << 8 : 0;
		v |= i + 2 < n ? (uint32_t)(unsigned char)s[i + 2] : 0;
		r[k++] = d[(v >> 18) & 63];
		r[k++] = d[(v >> 12) & 63];
		r[k++] = i + 1 < n ? d[(v >> 6) & 63] : '=';
		r[k++] = i + 2 < n ? d[v & 63] : '=';
	}
	r[k] = '\0';
	/* base64offset: drop the characters that depend on neighbouring bytes */
	while (k > 0 && r[k - 1] == '=')
		r[--k] = '\0';
	if (skip_back < k)
		r[k - skip_back] = '\0';
	if (skip_front) {
		memmove(r, r + skip_front, strlen(r + skip_front) + 1);
	}
	return r;
}

static int add_value(struct loader *l, struct ys_sigma_matcher *m, size_t *cap, const struct mods *md,
		     const char *raw)
{
	struct ys_sigma_value v;
	char *text;

	memset(&v, 0, sizeof(v));
	if (md->fieldref) {
		v.fieldref = strdup(raw);
		text = strdup("");
	} else {
		text = strdup(raw);
	}
	if (!text)
		return YS_ENOMEM;
	switch (m->op) {
	case YS_SOP_RE: {
		int ec;
		PCRE2_SIZE off;
		uint32_t opt = (md->re_i ? PCRE2_CASELESS : 0) | (md->re_m ? PCRE2_MULTILINE : 0) |
			       (md->re_s ? PCRE2_DOTALL : 0);

		if (!(v.re = pcre2_compile((PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED, opt, &ec, &off,
					   NULL))) {
			free(text);
			return lfail(l, YS_EPARSE, "bad regular expression", raw);
		}
		pcre2_jit_compile(v.re, PCRE2_JIT_COMPLETE);
		break;
	}
	case YS_SOP_CIDR: {
		char *slash = strchr(text, '/');

		v.v6 = strchr(text, ':') != NULL;
		v.bits = slash ? (int)strtol(slash + 1, NULL, 10) : (v.v6 ? 128 : 32);
		if (slash)
			*slash = '\0';
		if (inet_pton(v.v6 ? AF_INET6 : AF_INET, text, v.net) != 1 || v.bits < 0 ||
		    v.bits > (v.v6 ? 128 : 32)) {
			free(text);
			return lfail(l, YS_EPARSE, "bad network", raw);
		}
		break;
	}
	case YS_SOP_EXISTS:
		v.exists = !strcmp(text, "true") || !strcmp(text, "yes");
		break;
	case YS_SOP_LT:
	case YS_SOP_LTE:
	case YS_SOP_GT:
	case YS_SOP_GTE: {
		char *end;

		v.num = strtod(text, &end);
		if (!*text || *end) {
			free(text);
			return lfail(l, YS_EPARSE, "not a number:", raw);
		}
		break;
	}
	default:
		break;
	}
	v.has_wildcards = m->op != YS_SOP_RE && !md->fieldref && has_wildcards(text);
	if (m->op != YS_SOP_RE && !v.has_wildcards)
		unescape(text);
	if (!m->cased && m->op != YS_SOP_RE)
		fold(text);
	v.text = text;
	v.len = strlen(text);
	if (ys_grow(&m->v, cap, m->nv, sizeof(*m->v), 4)) {
		free(text);
		return YS_ENOMEM;
	}
	m->v[m->nv++] = v;
	return 0;
}

/* Turns contains/startswith/endswith with wildcards inside into a glob. */
static void wildcard_ops(struct ys_sigma_matcher *m)
{
	size_t i;

	for (i = 0; i < m->nv; i++) {
		struct ys_sigma_value *v = &m->v[i];
		char *g;

		if (!v->has_wildcards || (m->op != YS_SOP_CONTAINS && m->op != YS_SOP_STARTSWITH &&
					  m->op != YS_SOP_ENDSWITH))
			continue;
		if (!(g = malloc(v->len + 3)))
			continue;
		snprintf(g, v->len + 3, "%s%s%s", m->op == YS_SOP_STARTSWITH ? "" : "*", v->text,
			 m->op == YS_SOP_ENDSWITH ? "" : "*");
		free(v->text);
		v->text = g;
		v->len = strlen(g);
	}
	for (i = 0; i < m->nv; i++)
		if (m->v[i].has_wildcards)
			break;
	if (i < m->nv && m->nv == 1)
		m->op = YS_SOP_EQUALS;
}

static int raw_values(struct loader *l, const struct ys_ynode *val, const char ***out, size_t *n)
{
	size_t i;

	*n = 0;
	if (val->type == YS_Y_SCALAR) {
		*out = malloc(sizeof(**out));
		if (!*out)
			return YS_ENOMEM;
		(*out)[(*n)++] = val->str;
		return 0;
	}
	if (val->type != YS_Y_LIST)
		return lfail(l, YS_EPARSE, "expected a value or a list of values", NULL);
	*out = calloc(val->n ? val->n : 1, sizeof(**out));
	if (!*out)
		return YS_ENOMEM;
	for (i = 0; i < val->n; i++) {
		if (val->items[i]->type != YS_Y_SCALAR)
			return lfail(l, YS_EPARSE, "expected a list of values", NULL);
		(*out)[(*n)++] = val->items[i]->str;
	}
	return 0;
}

static int build_matcher(struct loader *l, const char *key, const struct ys_ynode *val,
			 struct ys_sigma_matcher *m)
{
	char *spec = strdup(key), *bar;
	const char **vals = NULL;
	size_t nvals = 0, cap = 0, i, k;
	struct mods md;
	int rc;

	memset(m, 0, sizeof(*m));
	if (!spec)
		return YS_ENOMEM;
	bar = strchr(spec, '|');
	m->field = bar ? strndup(spec, (size_t)(bar - spec)) : strdup(spec);
	rc = parse_mods(l, bar ? bar + 1 : spec + strlen(spec), &md);
	free(spec);
	if (rc)
		return rc;
	m->op = md.op;
	m->all = md.all;
	m->cased = md.cased;
	if (md.op == YS_SOP_EQUALS && ys_yis_null(val) && val && val->type == YS_Y_SCALAR) {
		m->op = YS_SOP_NULL;
		m->nv = 1;
		m->v = calloc(1, sizeof(*m->v));
		return m->v ? 0 : YS_ENOMEM;
	}
	if ((rc = raw_values(l, val, &vals, &nvals))) {
		free(vals);
		return rc;
	}
	for (i = 0; i < nvals && !rc; i++) {
		if (md.base64 || md.base64off) {
			size_t n = strlen(vals[i]);

			/* base64offset: the value at each of the three byte offsets */
			for (k = 0; k < (md.base64off ? 3u : 1u) && !rc; k++) {
				char *pad = malloc(n + 3), *enc;

				if (!pad)
					return YS_ENOMEM;
				memset(pad, 'A', k);
				memcpy(pad + k, vals[i], n);
				enc = md.base64off ? base64(pad, n + k, (size_t)((k * 4 + 2) / 3),
							    (n + k) % 3 ? (size_t)(3 - (n + k) % 3) : 0)
						   : base64(pad, n, 0, 0);
				free(pad);
				if (!enc)
					return YS_ENOMEM;
				rc = add_value(l, m, &cap, &md, enc);
				free(enc);
			}
			if (md.base64off && m->op == YS_SOP_EQUALS)
				m->op = YS_SOP_CONTAINS;
		} else {
			rc = add_value(l, m, &cap, &md, vals[i]);
		}
	}
	free(vals);
	if (!rc)
		wildcard_ops(m);
	return rc;
}

static int build_conj(struct loader *l, const struct ys_ynode *map, struct ys_sigma_conj *c)
{
	size_t i, cap = 0, base = strlen(l->path);
	int rc = 0;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < map->n && !rc; i++) {
		if (ys_grow(&c->m, &cap, c->n, sizeof(*c->m), 4))
			return YS_ENOMEM;
		snprintf(l->path + base, sizeof(l->path) - base, ".%s", map->keys[i]);
		rc = build_matcher(l, map->keys[i], map->items[i], &c->m[c->n]);
		c->n++;
		l->path[base] = '\0';
	}
	return rc;
}

/* Keywords: values searched in every field of the event. */
static int build_keywords(struct loader *l, const struct ys_ynode *val, struct ys_sigma_conj *c)
{
	int rc;

	if (!(c->m = calloc(1, sizeof(*c->m))))
		return YS_ENOMEM;
	c->n = 1;
	rc = build_matcher(l, "|contains", val, &c->m[0]);
	free(c->m[0].field);
	c->m[0].field = NULL; /* no field: any value of the event */
	return rc;
}

static int build_selection(struct loader *l, const char *name, const struct ys_ynode *v,
			   struct ys_sigma_selection *s)
{
	size_t i, cap = 0;
	int rc = 0;

	memset(s, 0, sizeof(*s));
	if (!(s->name = strdup(name)))
		return YS_ENOMEM;
	if (v->type == YS_Y_MAP) {
		if (!(s->c = calloc(1, sizeof(*s->c))))
			return YS_ENOMEM;
		s->n = 1;
		return build_conj(l, v, &s->c[0]);
	}
	if (v->type == YS_Y_SCALAR || (v->type == YS_Y_LIST && v->n && v->items[0]->type == YS_Y_SCALAR)) {
		if (!(s->c = calloc(1, sizeof(*s->c))))
			return YS_ENOMEM;
		s->n = 1;
		return build_keywords(l, v, &s->c[0]);
	}
	for (i = 0; i < v->n && !rc; i++) {
		if (v->items[i]->type != YS_Y_MAP)
			return lfail(l, YS_EPARSE, "a list of selections holds something else", NULL);
		if (ys_grow(&s->c, &cap, s->n, sizeof(*s->c), 4))
			return YS_ENOMEM;
		rc = build_conj(l, v->items[i], &s->c[s->n]);
		s->n++;
	}
	return rc;
}

int ys_sigma_attack_tags(char ***attack, size_t *nattack, const struct ys_ynode *tags)
{
	size_t i, cap = 0;

	if (!tags || tags->type != YS_Y_LIST)
		return 0;
	for (i = 0; i < tags->n; i++) {
		const char *t = ys_yscalar(tags->items[i]);
		char *id;

		/* attack.t1098 and attack.t1098.001 are technique ids: T1098, T1098.001 */
		if (!t || strncmp(t, "attack.t", 8) || t[8] < '0' || t[8] > '9')
			continue;
		if (!(id = strdup(t + 7)))
			return YS_ENOMEM;
		id[0] = 'T';
		if (ys_grow(attack, &cap, *nattack, sizeof(**attack), 4)) {
			free(id);
			return YS_ENOMEM;
		}
		(*attack)[(*nattack)++] = id;
	}
	return 0;
}

static int load_detection(struct loader *l, const struct ys_ynode *det)
{
	const struct ys_ynode *cond = ys_ymap_get(det, "condition");
	size_t i, cap = 0;
	int rc = 0;

	if (!cond)
		return lfail(l, YS_EPARSE, "no condition", NULL);
	if (ys_ymap_get(det, "timeframe"))
		return lfail(l, YS_EUNSUP,
			     "'timeframe' belongs to the old aggregation syntax; write a Sigma "
			     "correlation rule",
			     NULL);
	for (i = 0; i < det->n && !rc; i++) {
		if (!strcmp(det->keys[i], "condition"))
			continue;
		if (ys_grow(&l->r->sel, &cap, l->r->nsel, sizeof(*l->r->sel), 4))
			return YS_ENOMEM;
		snprintf(l->path, sizeof(l->path), "detection.%s", det->keys[i]);
		rc = build_selection(l, det->keys[i], det->items[i], &l->r->sel[l->r->nsel]);
		l->r->nsel++;
	}
	if (rc)
		return rc;
	snprintf(l->path, sizeof(l->path), "detection.condition");
	/* several conditions: any of them */
	for (i = 0; i < (cond->type == YS_Y_LIST ? cond->n : 1); i++) {
		const char *text = ys_yscalar(cond->type == YS_Y_LIST ? cond->items[i] : cond);
		struct ys_cond *c = NULL, *both;
		struct ys_error cerr = {0};

		if (!text)
			return lfail(l, YS_EPARSE, "the condition is not text", NULL);
		if ((rc = ys_sigma_cond_parse(text, l->r->sel, l->r->nsel, &c, &cerr)))
			return ys_error_set(l->err, rc, "'%s': detection.condition: %s", l->r->file,
					    cerr.msg);
		if (!l->r->cond) {
			l->r->cond = c;
		} else if ((both = calloc(1, sizeof(*both)))) {
			both->kind = YS_C_OR;
			both->a = l->r->cond;
			both->b = c;
			l->r->cond = both;
		} else {
			ys_sigma_cond_free(c);
			return YS_ENOMEM;
		}
	}
	return 0;
}

int ys_sigma_rule_from_doc(const char *file, const struct ys_ynode *doc,
			   struct ys_sigma_rule **out, struct ys_error *err)
{
	struct ys_sigma_rule *r = calloc(1, sizeof(*r));
	struct loader l;
	const struct ys_ynode *ls, *det;
	int rc;

	if (!r || !(r->file = strdup(file))) {
		free(r);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	memset(&l, 0, sizeof(l));
	l.r = r;
	l.err = err;
	if (doc->type != YS_Y_MAP) {
		rc = ys_error_set(err, YS_EPARSE, "'%s': a Sigma rule is a YAML mapping", file);
		goto out;
	}
	r->title = ys_yscalar_dup(ys_ymap_get(doc, "title"));
	r->id = ys_yscalar_dup(ys_ymap_get(doc, "id"));
	r->name = ys_yscalar_dup(ys_ymap_get(doc, "name"));
	r->level = ys_yscalar_dup(ys_ymap_get(doc, "level"));
	r->status = ys_yscalar_dup(ys_ymap_get(doc, "status"));
	ls = ys_ymap_get(doc, "logsource");
	r->product = ys_yscalar_dup(ys_ymap_get(ls, "product"));
	r->service = ys_yscalar_dup(ys_ymap_get(ls, "service"));
	if (!r->title) {
		rc = ys_error_set(err, YS_EPARSE, "'%s': no title", file);
		goto out;
	}
	if ((rc = ys_sigma_attack_tags(&r->attack, &r->nattack, ys_ymap_get(doc, "tags"))))
		goto out;
	det = ys_ymap_get(doc, "detection");
	snprintf(l.path, sizeof(l.path), "detection");
	if (!det || det->type != YS_Y_MAP) {
		rc = lfail(&l, YS_EPARSE, "missing or not a mapping", NULL);
		goto out;
	}
	rc = load_detection(&l, det);
out:
	if (rc) {
		if (rc == YS_ENOMEM && !err->msg[0])
			ys_error_set(err, rc, "'%s': out of memory", file);
		ys_sigma_rule_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

int ys_sigma_rule_load(const char *file, const char *text, size_t len, struct ys_sigma_rule **out,
		       struct ys_error *err)
{
	struct ys_ynode *doc = NULL;
	struct ys_error yerr = {0};
	int rc;

	if ((rc = ys_yaml_parse(text, len, &doc, &yerr)))
		return ys_error_set(err, rc, "'%s': %s", file, yerr.msg);
	if (ys_ymap_get(doc, "correlation"))
		rc = ys_error_set(err, YS_EUNSUP, "'%s': correlation rules load with their rule set",
				  file);
	else
		rc = ys_sigma_rule_from_doc(file, doc, out, err);
	ys_ynode_free(doc);
	return rc;
}
