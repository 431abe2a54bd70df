/* corr.c: loading Sigma correlation rules */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/grow.h"
#include "../yaml/ydoc.h"
#include "corr.h"
#include "rule.h"
#include "../banned.h"

void ys_sigma_corr_free(struct ys_sigma_corr *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nrules; i++)
		free(c->rules[i]);
	for (i = 0; i < c->ngroup; i++)
		free(c->group_by[i]);
	for (i = 0; i < c->nattack; i++)
		free(c->attack[i]);
	free(c->rules);
	free(c->group_by);
	free(c->attack);
	free(c->file);
	free(c->id);
	free(c->name);
	free(c->title);
	free(c->level);
	free(c->field);
	free(c);
}

int64_t ys_sigma_timespan(const char *s)
{
	char *end;
	long long v;

	if (!s || !*s)
		return -1;
	v = strtoll(s, &end, 10);
	if (end == s || v <= 0 || strlen(end) != 1)
		return -1;
	switch (*end) {
	case 's':
		return v;
	case 'm':
		return v * 60;
	case 'h':
		return v * 3600;
	case 'd':
		return v * 86400;
	}
	return -1;
}

int ys_corr_compare(enum ys_corr_op op, long long value, long long threshold)
{
	switch (op) {
	case YS_CMP_GT:
		return value > threshold;
	case YS_CMP_GTE:
		return value >= threshold;
	case YS_CMP_LT:
		return value < threshold;
	case YS_CMP_LTE:
		return value <= threshold;
	case YS_CMP_EQ:
		return value == threshold;
	}
	return 0;
}

/* A scalar or a list of scalars, as strings. */
static int strings(const struct ys_ynode *n, char ***out, size_t *count)
{
	size_t i, cap = 0;

	*count = 0;
	if (!n)
		return 0;
	if (n->type == YS_Y_SCALAR) {
		if (ys_grow(out, &cap, 0, sizeof(**out), 1) || !((*out)[0] = strdup(n->str)))
			return YS_ENOMEM;
		*count = 1;
		return 0;
	}
	if (n->type != YS_Y_LIST)
		return YS_EPARSE;
	for (i = 0; i < n->n; i++) {
		if (n->items[i]->type != YS_Y_SCALAR)
			return YS_EPARSE;
		if (ys_grow(out, &cap, *count, sizeof(**out), 4) ||
		    !((*out)[*count] = strdup(n->items[i]->str)))
			return YS_ENOMEM;
		(*count)++;
	}
	return 0;
}

static int parse_condition(struct ys_sigma_corr *c, const struct ys_ynode *cond, const char *file,
			   struct ys_error *err)
{
	static const struct {
		const char *k;
		enum ys_corr_op op;
	} ops[] = {{"gt", YS_CMP_GT}, {"gte", YS_CMP_GTE}, {"lt", YS_CMP_LT}, {"lte", YS_CMP_LTE},
		   {"eq", YS_CMP_EQ}};
	size_t i, j, found = 0;

	if (!cond) {
		if (c->type == YS_CORR_TEMPORAL || c->type == YS_CORR_TEMPORAL_ORDERED) {
			/* all the rules, by default */
			c->op = YS_CMP_GTE;
			c->threshold = (long long)c->nrules;
			return 0;
		}
		return ys_error_set(err, YS_EPARSE, "'%s': correlation.condition is missing", file);
	}
	if (cond->type != YS_Y_MAP)
		return ys_error_set(err, YS_EPARSE, "'%s': correlation.condition is not a mapping",
				    file);
	for (i = 0; i < cond->n; i++) {
		if (!strcmp(cond->keys[i], "field")) {
			free(c->field);
			c->field = ys_yscalar_dup(cond->items[i]);
			continue;
		}
		for (j = 0; j < sizeof(ops) / sizeof(ops[0]); j++) {
			if (!strcmp(cond->keys[i], ops[j].k)) {
				const char *v = ys_yscalar(cond->items[i]);
				char *end;

				c->op = ops[j].op;
				c->threshold = v ? strtoll(v, &end, 10) : 0;
				if (!v || !*v || *end)
					return ys_error_set(err, YS_EPARSE,
							    "'%s': correlation.condition.%s: not a number",
							    file, ops[j].k);
				found++;
				break;
			}
		}
		if (j == sizeof(ops) / sizeof(ops[0]))
			return ys_error_set(err, YS_EPARSE, "'%s': correlation.condition.%s: unknown",
					    file, cond->keys[i]);
	}
	if (found != 1)
		return ys_error_set(err, YS_EPARSE,
				    "'%s': correlation.condition needs one of gt, gte, lt, lte, eq",
				    file);
	if (c->type == YS_CORR_VALUE_COUNT && !c->field)
		return ys_error_set(err, YS_EPARSE,
				    "'%s': a value_count correlation needs condition.field", file);
	return 0;
}

int ys_sigma_corr_from_doc(const char *file, const struct ys_ynode *doc,
			   struct ys_sigma_corr **out, struct ys_error *err)
{
	const struct ys_ynode *cr = ys_ymap_get(doc, "correlation");
	struct ys_sigma_corr *c = calloc(1, sizeof(*c));
	const char *type, *gen;
	int rc = 0;

	if (!c || !(c->file = strdup(file))) {
		free(c);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	c->title = ys_yscalar_dup(ys_ymap_get(doc, "title"));
	c->id = ys_yscalar_dup(ys_ymap_get(doc, "id"));
	c->name = ys_yscalar_dup(ys_ymap_get(doc, "name"));
	c->level = ys_yscalar_dup(ys_ymap_get(doc, "level"));
	type = ys_yscalar(ys_ymap_get(cr, "type"));
	if (!c->title) {
		rc = ys_error_set(err, YS_EPARSE, "'%s': no title", file);
		goto out;
	}
	if (!cr || cr->type != YS_Y_MAP || !type) {
		rc = ys_error_set(err, YS_EPARSE, "'%s': correlation needs a type", file);
		goto out;
	}
	if (!strcmp(type, "event_count"))
		c->type = YS_CORR_EVENT_COUNT;
	else if (!strcmp(type, "value_count"))
		c->type = YS_CORR_VALUE_COUNT;
	else if (!strcmp(type, "temporal"))
		c->type = YS_CORR_TEMPORAL;
	else if (!strcmp(type, "temporal_ordered"))
		c->type = YS_CORR_TEMPORAL_ORDERED;
	else {
		rc = ys_error_set(err, YS_EUNSUP, "'%s': correlation type '%s' is not supported", file,
				  type);
		goto out;
	}
	if (ys_ymap_get(cr, "aliases")) {
		rc = ys_error_set(err, YS_EUNSUP, "'%s': correlation aliases are not supported", file);
		goto out;
	}
	if ((rc = strings(ys_ymap_get(cr, "rules"), &c->rules, &c->nrules)) || c->nrules == 0) {
		rc = ys_error_set(err, rc == YS_ENOMEM ? rc : YS_EPARSE,
				  "'%s': correlation.rules must name the rules it correlates", file);
		goto out;
	}
	if ((rc = strings(ys_ymap_get(cr, "group-by"), &c->group_by, &c->ngroup))) {
		rc = ys_error_set(err, rc, "'%s': correlation.group-by must be a list of fields", file);
		goto out;
	}
	c->timespan = ys_sigma_timespan(ys_yscalar(ys_ymap_get(cr, "timespan")));
	if (c->timespan < 0) {
		rc = ys_error_set(err, YS_EPARSE,
				  "'%s': correlation.timespan must be like 30s, 5m, 1h or 1d", file);
		goto out;
	}
	gen = ys_yscalar(ys_ymap_get(cr, "generate"));
	c->generate = gen && !strcmp(gen, "true");
	if ((rc = parse_condition(c, ys_ymap_get(cr, "condition"), file, err)))
		goto out;
	rc = ys_sigma_attack_tags(&c->attack, &c->nattack, ys_ymap_get(doc, "tags"));
out:
	if (rc) {
		ys_sigma_corr_free(c);
		return rc;
	}
	*out = c;
	return 0;
}
