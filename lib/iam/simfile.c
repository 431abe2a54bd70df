/* simfile.c: reading policy test files and checking decisions against what they expect */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "simfile.h"
#include "../banned.h"

struct reader {
	struct ys_simset *set;
	struct ys_arena *a;
	char why[600];
};

static void *alloc(struct reader *rd, size_t n)
{
	return ys_arena_alloc(rd->a, n ? n : 1);
}

static const char *str(struct reader *rd, const struct ys_jval *v)
{
	return v && v->type == YS_J_STRING ? ys_cond_text(v, rd->a) : NULL;
}

/* one named policy; 0, or -1 with the reason in rd->why */
static int policy(struct reader *rd, const char *name, const struct ys_jval *doc, int resource,
		  struct ys_cpolicy **out)
{
	struct ys_error err;

	ys_error_clear(&err);
	if (!(*out = ys_pset_read(&rd->set->ps, name, doc, resource, &err))) {
		snprintf(rd->why, sizeof(rd->why), "policy %s: %s", name, err.msg);
		return -1;
	}
	return 0;
}

/* {"Name": doc, ...} or [{"name": ..., "policy": doc}, ...] */
static int named_list(struct reader *rd, const char *what, const struct ys_jval *v,
		      struct ys_cpolicy ***out, size_t *n)
{
	size_t i, k = v ? v->len : 0;

	*n = 0;
	if (!v)
		return 0;
	if (v->type != YS_J_OBJECT && v->type != YS_J_ARRAY) {
		snprintf(rd->why, sizeof(rd->why), "%s is neither an object of policies nor a list", what);
		return -1;
	}
	if (!(*out = alloc(rd, k * sizeof(**out))))
		return -1;
	for (i = 0; i < k; i++) {
		const char *name;
		const struct ys_jval *doc;

		if (v->type == YS_J_OBJECT) {
			name = v->u.members[i].key;
			doc = &v->u.members[i].val;
		} else {
			name = ys_json_str(ys_json_get(&v->u.items[i], "name"));
			doc = ys_json_get(&v->u.items[i], "policy");
			if (!name || !doc) {
				snprintf(rd->why, sizeof(rd->why), "%s %zu: no name or policy", what, i + 1);
				return -1;
			}
		}
		if (policy(rd, name, doc, 0, &(*out)[i]))
			return -1;
		(*n)++;
	}
	return 0;
}

/* "scp": [{"level": "root", "policies": {...}}, ...] */
static int levels(struct reader *rd, const char *what, const struct ys_jval *v,
		  struct ys_level **out, size_t *n)
{
	size_t i;

	*n = 0;
	if (!v)
		return 0;
	if (v->type != YS_J_ARRAY) {
		snprintf(rd->why, sizeof(rd->why), "%s is not a list of levels", what);
		return -1;
	}
	if (!(*out = alloc(rd, v->len * sizeof(**out))))
		return -1;
	for (i = 0; i < v->len; i++) {
		struct ys_level *lv = &(*out)[i];
		const char *name = ys_json_str(ys_json_get(&v->u.items[i], "level"));

		if (!name) {
			snprintf(rd->why, sizeof(rd->why), "%s level %zu has no \"level\" name", what, i + 1);
			return -1;
		}
		lv->name = str(rd, ys_json_get(&v->u.items[i], "level"));
		if (named_list(rd, what, ys_json_get(&v->u.items[i], "policies"), &lv->pol, &lv->n))
			return -1;
		(*n)++;
	}
	return 0;
}

static int context(struct reader *rd, const struct ys_jval *v, struct ys_ctx *ctx)
{
	struct ys_ckey *k;
	size_t i, j;

	memset(ctx, 0, sizeof(*ctx));
	if (!v)
		return 0;
	if (v->type != YS_J_OBJECT) {
		snprintf(rd->why, sizeof(rd->why), "context is not an object");
		return -1;
	}
	if (!(k = alloc(rd, v->len * sizeof(*k))))
		return -1;
	for (i = 0; i < v->len; i++) {
		const struct ys_jval *val = &v->u.members[i].val;
		size_t n = val->type == YS_J_ARRAY ? val->len : 1;
		const char **vals = alloc(rd, n * sizeof(char *));

		if (!vals)
			return -1;
		for (j = 0; j < n; j++)
			if (!(vals[j] = ys_cond_text(val->type == YS_J_ARRAY ? &val->u.items[j] : val, rd->a))) {
				snprintf(rd->why, sizeof(rd->why), "context key %s: a value is not a string",
					 v->u.members[i].key);
				return -1;
			}
		k[i] = (struct ys_ckey){str(rd, &(struct ys_jval){YS_J_STRING, v->u.members[i].klen,
							     {.str = v->u.members[i].key}}),
					vals, n, val->type == YS_J_ARRAY};
	}
	ctx->k = k;
	ctx->n = v->len;
	return 0;
}

static int request(struct reader *rd, const struct ys_jval *set, const struct ys_jval *o, size_t idx,
		   struct ys_simreq *r)
{
	const struct ys_jval *by = ys_json_get(o, "by");
	size_t i;

	memset(r, 0, sizeof(*r));
	if (o->type != YS_J_OBJECT) {
		snprintf(rd->why, sizeof(rd->why), "request %zu is not an object", idx + 1);
		return -1;
	}
	r->req.principal = str(rd, ys_json_get(o, "principal"));
	if (!r->req.principal)
		r->req.principal = str(rd, ys_json_get(set, "principal"));
	r->req.action = str(rd, ys_json_get(o, "action"));
	r->req.resource = str(rd, ys_json_get(o, "resource"));
	if (!r->req.resource)
		r->req.resource = "*";
	r->req.resource_account = str(rd, ys_json_get(o, "resource_account"));
	if (!r->req.resource_account)
		r->req.resource_account = str(rd, ys_json_get(set, "resource_account"));
	r->expect = str(rd, ys_json_get(o, "expect"));
	r->gap = str(rd, ys_json_get(o, "gap"));
	r->name = str(rd, ys_json_get(o, "name"));
	if (!r->req.principal || !r->req.action) {
		snprintf(rd->why, sizeof(rd->why), "request %zu: no principal or action", idx + 1);
		return -1;
	}
	if (r->expect && strcmp(r->expect, "allow") && strcmp(r->expect, "deny") &&
	    strcmp(r->expect, "explicit deny") && strcmp(r->expect, "implicit deny")) {
		snprintf(rd->why, sizeof(rd->why),
			 "request %zu: expect is not allow, deny, explicit deny or implicit deny", idx + 1);
		return -1;
	}
	if (by) {
		r->has_by = 1;
		if (by->type != YS_J_ARRAY || !(r->by = alloc(rd, by->len * sizeof(char *)))) {
			snprintf(rd->why, sizeof(rd->why), "request %zu: by is not a list", idx + 1);
			return -1;
		}
		for (i = 0; i < by->len; i++)
			if (!(r->by[i] = str(rd, &by->u.items[i]))) {
				snprintf(rd->why, sizeof(rd->why), "request %zu: by holds a non-string", idx + 1);
				return -1;
			}
		r->nby = by->len;
	}
	return context(rd, ys_json_get(o, "context"), &r->req.ctx);
}

static int one_policy(struct reader *rd, const struct ys_jval *set, const char *key, const char *name,
		      int resource, struct ys_cpolicy **out)
{
	const struct ys_jval *v = ys_json_get(set, key);

	*out = NULL;
	return v ? policy(rd, name, v, resource, out) : 0;
}

static int read_set(const struct ys_jval *o, struct ys_simset *set)
{
	struct reader rd = {set, &set->ps.arena, ""};
	const struct ys_jval *reqs = ys_json_get(o, "requests");
	struct ys_pset *ps = &set->ps;
	size_t i;

	ys_pset_init(ps);
	if (o->type != YS_J_OBJECT) {
		snprintf(rd.why, sizeof(rd.why), "not an object");
		goto broken;
	}
	set->description = str(&rd, ys_json_get(o, "description"));
	if (named_list(&rd, "identity", ys_json_get(o, "identity"), &ps->identity, &ps->nidentity) ||
	    one_policy(&rd, o, "boundary", "boundary", 0, &ps->boundary) ||
	    one_policy(&rd, o, "session", "session", 0, &ps->session) ||
	    one_policy(&rd, o, "resource_policy", "resource", 1, &ps->resource) ||
	    levels(&rd, "scp", ys_json_get(o, "scp"), &ps->scp, &ps->nscp) ||
	    levels(&rd, "rcp", ys_json_get(o, "rcp"), &ps->rcp, &ps->nrcp))
		goto broken;
	if (!reqs || reqs->type != YS_J_ARRAY) {
		snprintf(rd.why, sizeof(rd.why), "no list of requests");
		goto broken;
	}
	if (!(set->req = calloc(reqs->len + 1, sizeof(*set->req))))
		return YS_ENOMEM;
	for (i = 0; i < reqs->len; i++, set->nreq++) {
		if (request(&rd, o, &reqs->u.items[i], i, &set->req[i]))
			goto broken;
		if (!ys_pinfo_parse(set->req[i].req.principal, &set->req[i].pi))
			set->req[i].req.pi = &set->req[i].pi;
	}
	return 0;
broken:
	if (!rd.why[0])
		snprintf(rd.why, sizeof(rd.why), "out of memory");
	set->broken = strdup(rd.why);
	return set->broken ? 0 : YS_ENOMEM;
}

int ys_simfile_load(const char *text, size_t len, struct ys_simfile *out, struct ys_error *err)
{
	const struct ys_jval *root;
	size_t i, n;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = ys_json_parse(text, len, &out->doc, err)))
		return rc;
	root = ys_jdoc_root(out->doc);
	if (root->type != YS_J_OBJECT && root->type != YS_J_ARRAY) {
		ys_simfile_release(out);
		return ys_error_set(err, YS_EPARSE, "neither a policy set nor a list of them");
	}
	n = root->type == YS_J_ARRAY ? root->len : 1;
	if (!(out->sets = calloc(n + 1, sizeof(*out->sets)))) {
		ys_simfile_release(out);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++, out->nsets++)
		if (read_set(root->type == YS_J_ARRAY ? &root->u.items[i] : root, &out->sets[i])) {
			out->nsets++;
			ys_simfile_release(out);
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		}
	return 0;
}

void ys_simfile_release(struct ys_simfile *f)
{
	size_t i;

	for (i = 0; i < f->nsets; i++) {
		ys_pset_release(&f->sets[i].ps);
		free(f->sets[i].req);
		free(f->sets[i].broken);
	}
	free(f->sets);
	ys_jdoc_free(f->doc);
	memset(f, 0, sizeof(*f));
}

static int verdict_is(const char *expect, enum ys_verdict v)
{
	if (!strcmp(expect, "deny"))
		return v != YS_ALLOW;
	return !strcmp(expect, ys_verdict_name(v));
}

int ys_simreq_check(const struct ys_simreq *r, const struct ys_decision *d, char *msg, size_t n)
{
	char label[512];
	size_t i, j;

	msg[0] = '\0';
	if (r->expect && !verdict_is(r->expect, d->verdict)) {
		snprintf(msg, n, "expected %s, got %s", r->expect, ys_verdict_name(d->verdict));
		return 0;
	}
	if (r->gap && (d->verdict != YS_IMPLICIT_DENY || strcmp(r->gap, ys_layer_name(d->gap)))) {
		snprintf(msg, n, "expected no allow in %s, got %s", r->gap,
			 d->verdict == YS_IMPLICIT_DENY ? ys_layer_name(d->gap) : ys_verdict_name(d->verdict));
		return 0;
	}
	if (!r->has_by)
		return 1;
	for (i = 0; i < d->nby; i++) {
		ys_because_label(&d->by[i], label, sizeof(label));
		for (j = 0; j < r->nby && strcmp(r->by[j], label); j++)
			;
		if (j == r->nby) {
			snprintf(msg, n, "%s also decided", label);
			return 0;
		}
	}
	for (j = 0; j < r->nby; j++) {
		for (i = 0; i < d->nby; i++) {
			ys_because_label(&d->by[i], label, sizeof(label));
			if (!strcmp(r->by[j], label))
				break;
		}
		if (i == d->nby) {
			snprintf(msg, n, "%s did not decide", r->by[j]);
			return 0;
		}
	}
	return 1;
}
