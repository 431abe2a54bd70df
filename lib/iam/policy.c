/* policy.c: reading IAM policy documents into statements, and IAM's wildcard matching */
#include <strings.h>
#include <stdlib.h>
#include <string.h>
#include "policy.h"
#include "glob.h"
#include "../base/codec.h"
#include "../base/grow.h"
#include "../banned.h"

int ys_iam_match(const char *p, const char *v)
{
	return ys_glob(p, v, YS_GLOB_ICASE);
}

int ys_pstmt_action(const struct ys_pstmt *s, const char *action)
{
	size_t i;

	for (i = 0; i < s->nactions; i++)
		if (ys_iam_match(s->actions[i], action))
			return !s->not_action;
	return s->not_action;
}

int ys_pstmt_all_resources(const struct ys_pstmt *s)
{
	size_t i;

	if (s->not_resource)
		return 1;
	for (i = 0; i < s->nresources; i++)
		if (!strcmp(s->resources[i], "*"))
			return 1;
	return 0;
}

/* Counts the strings a list holds (a string, or an array of strings); -1 when it is neither. */
static long list_len(const struct ys_jval *v)
{
	size_t i;

	if (!v)
		return 0;
	if (v->type == YS_J_STRING)
		return 1;
	if (v->type != YS_J_ARRAY)
		return -1;
	for (i = 0; i < v->len; i++)
		if (v->u.items[i].type != YS_J_STRING)
			return -1;
	return (long)v->len;
}

static void list_put(const struct ys_jval *v, const char **out)
{
	size_t i;

	if (v && v->type == YS_J_STRING)
		out[0] = v->u.str;
	else if (v)
		for (i = 0; i < v->len; i++)
			out[i] = v->u.items[i].u.str;
}

static int names_mfa(const struct ys_jval *cond)
{
	size_t i, j;

	if (!cond || cond->type != YS_J_OBJECT)
		return 0;
	for (i = 0; i < cond->len; i++) {
		const struct ys_jval *ops = &cond->u.members[i].val;

		if (ops->type != YS_J_OBJECT)
			continue;
		for (j = 0; j < ops->len; j++)
			if (!strncasecmp(ops->u.members[j].key, "aws:MultiFactorAuth", 19))
				return 1;
	}
	return 0;
}

static int read_stmt(const struct ys_jval *o, struct ys_pstmt *s, const char **store, size_t *used,
		     size_t idx, struct ys_error *err)
{
	const char *effect = ys_json_str(ys_json_get(o, "Effect"));
	const struct ys_jval *act = ys_json_get(o, "Action"), *res = ys_json_get(o, "Resource");
	long na, nr;

	if (o->type != YS_J_OBJECT)
		return ys_error_set(err, YS_EPARSE, "statement %zu is not an object", idx + 1);
	if (!effect || (strcmp(effect, "Allow") && strcmp(effect, "Deny")))
		return ys_error_set(err, YS_EPARSE, "statement %zu: Effect is neither Allow nor Deny",
				    idx + 1);
	memset(s, 0, sizeof(*s));
	s->allow = !strcmp(effect, "Allow");
	if (!act && (act = ys_json_get(o, "NotAction")))
		s->not_action = 1;
	if (!res && (res = ys_json_get(o, "NotResource")))
		s->not_resource = 1;
	na = list_len(act);
	nr = list_len(res);
	if (!act || na < 0)
		return ys_error_set(err, YS_EPARSE, "statement %zu: no Action or NotAction list", idx + 1);
	if (nr < 0)
		return ys_error_set(err, YS_EPARSE, "statement %zu: Resource is not a list of strings",
				    idx + 1);
	s->actions = store + *used;
	s->nactions = (size_t)na;
	list_put(act, store + *used);
	*used += (size_t)na;
	s->resources = store + *used;
	s->nresources = (size_t)nr;
	list_put(res, store + *used);
	*used += (size_t)nr;
	if (!(s->principal = ys_json_get(o, "Principal")) &&
	    (s->principal = ys_json_get(o, "NotPrincipal")))
		s->not_principal = 1;
	s->condition = ys_json_get(o, "Condition");
	s->mfa_condition = names_mfa(s->condition);
	s->sid = ys_json_str(ys_json_get(o, "Sid"));
	return 0;
}

int ys_policy_parse(const struct ys_jval *v, struct ys_policy *out, struct ys_error *err)
{
	const struct ys_jval *st, *one = NULL;
	size_t n, i, nstr = 0, used = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!v)
		return ys_error_set(err, YS_EPARSE, "no policy document");
	if (v->type == YS_J_STRING) {
		/* the IAM API URL-encodes documents; S3 returns them as plain JSON text */
		char *text = malloc(v->len + 1);
		size_t len = v->len;

		if (!text)
			return ys_error_set(err, YS_ENOMEM, "out of memory");
		if (memchr(v->u.str, '{', v->len))
			memcpy(text, v->u.str, len);
		else
			len = ys_percent_decode(v->u.str, v->len, text, 0);
		rc = ys_json_parse(text, len, &out->doc, err);
		free(text);
		if (rc)
			return rc;
		v = ys_jdoc_root(out->doc);
	}
	if (v->type != YS_J_OBJECT) {
		ys_policy_release(out);
		return ys_error_set(err, YS_EPARSE, "the document is not a JSON object");
	}
	st = ys_json_get(v, "Statement");
	if (!st) {
		ys_policy_release(out);
		return ys_error_set(err, YS_EPARSE, "no Statement");
	}
	if (st->type == YS_J_OBJECT) {
		one = st;
		n = 1;
	} else if (st->type == YS_J_ARRAY) {
		n = st->len;
	} else {
		ys_policy_release(out);
		return ys_error_set(err, YS_EPARSE, "Statement is neither an object nor a list");
	}
	for (i = 0; i < n; i++) {
		static const char *const lists[] = {"Action", "NotAction", "Resource", "NotResource"};
		const struct ys_jval *o = one ? one : &st->u.items[i];
		size_t k;

		for (k = 0; k < 4; k++) {
			long a = list_len(ys_json_get(o, lists[k]));

			nstr += a > 0 ? (size_t)a : 0;
		}
	}
	if ((n && !(out->st = calloc(n, sizeof(*out->st)))) ||
	    (nstr && !(out->strs = calloc(nstr, sizeof(char *))))) {
		ys_policy_release(out);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++) {
		if ((rc = read_stmt(one ? one : &st->u.items[i], &out->st[i], out->strs, &used, i, err))) {
			ys_policy_release(out);
			return rc;
		}
	}
	out->n = n;
	out->vars = ys_json_str(ys_json_get(v, "Version")) &&
		    !strcmp(ys_json_str(ys_json_get(v, "Version")), "2012-10-17");
	return 0;
}

void ys_policy_release(struct ys_policy *p)
{
	free(p->st);
	free(p->strs);
	ys_jdoc_free(p->doc);
	memset(p, 0, sizeof(*p));
}

const struct ys_jval *ys_pstmt_cond(const struct ys_pstmt *s, const char *op, const char *key,
				    const char **op_found)
{
	const struct ys_jval *cond = s->condition;
	size_t i, j;

	if (!cond || cond->type != YS_J_OBJECT)
		return NULL;
	for (i = 0; i < cond->len; i++) {
		const struct ys_jval *ops = &cond->u.members[i].val;

		if (ops->type != YS_J_OBJECT || (op && strcasecmp(cond->u.members[i].key, op)))
			continue;
		for (j = 0; j < ops->len; j++)
			if (!strcasecmp(ops->u.members[j].key, key)) {
				if (op_found)
					*op_found = cond->u.members[i].key;
				return &ops->u.members[j].val;
			}
	}
	return NULL;
}

/* "*", or a list holding "*" */
static int has_star(const struct ys_jval *v)
{
	size_t i;

	if (!v)
		return 0;
	if (v->type == YS_J_STRING)
		return !strcmp(v->u.str, "*");
	if (v->type != YS_J_ARRAY)
		return 0;
	for (i = 0; i < v->len; i++)
		if (v->u.items[i].type == YS_J_STRING && !strcmp(v->u.items[i].u.str, "*"))
			return 1;
	return 0;
}

int ys_pstmt_everyone(const struct ys_pstmt *s)
{
	if (!s->principal || s->not_principal)
		return s->principal && s->not_principal; /* NotPrincipal: everyone but a few */
	return has_star(s->principal) || has_star(ys_json_get(s->principal, "AWS"));
}
