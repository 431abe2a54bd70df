/* org.c: the organization's calls (what the accounts are, and the guardrails over them) and
 * organization.json */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "org.h"
#include "engine.h"
#include "../base/grow.h"
#include "../json/jread.h"
#include "../json/jwrite.h"
#include "../snapshot/snapshot.h"
#include "../banned.h"

/* Organizations has one endpoint, in us-east-1. */
#define HOME "us-east-1"

struct reading {
	const struct ys_aws_shapes *shapes;
	struct ys_org *org;
	size_t cap;
	int listed, oom;
	char (*asked)[72]; /* the children whose parents were asked (accounts, OUs) */
	size_t nasked, capasked;
};

static const char *sstr(const struct ys_jval *o, const char *k)
{
	const char *s = ys_json_str(ys_json_get(o, k));

	return s ? s : "";
}

static void add(struct ys_engine *e, struct reading *r, const char *cli, const char *param,
		const char *value, const char *resource)
{
	const struct ys_aws_op *op = ys_aws_op_find(r->shapes, cli);
	struct ys_aws_param prm = {param, value};
	char rel[768];

	if (!op)
		return;
	if (resource) {
		char *esc = malloc(3 * strlen(resource) + 1);

		if (!esc) {
			r->oom = 1;
			return;
		}
		ys_snapshot_escape(resource, esc);
		snprintf(rel, sizeof(rel), "%s/%s", cli, esc);
		free(esc);
	} else {
		snprintf(rel, sizeof(rel), "%s", cli);
	}
	if (ys_engine_add(e, op, HOME, &prm, param ? 1 : 0, rel, r))
		r->oom = 1;
}

/* The parents of an account or OU, once each: the way up to the root, which the SCPs attached
 * on the way reach. */
static void parents_of(struct ys_engine *e, struct reading *r, const char *child)
{
	size_t i;

	if (!*child || strlen(child) >= sizeof(*r->asked))
		return;
	for (i = 0; i < r->nasked; i++)
		if (!strcmp(r->asked[i], child))
			return;
	if (ys_grow(&r->asked, &r->capasked, r->nasked, sizeof(*r->asked), 16)) {
		r->oom = 1;
		return;
	}
	snprintf(r->asked[r->nasked++], sizeof(*r->asked), "%s", child);
	add(e, r, "organizations/list-parents", "ChildId", child, child);
}

static void accounts(struct reading *r, const struct ys_jval *root)
{
	const struct ys_jval *list = ys_json_get(root, "Accounts");
	struct ys_org *org = r->org;
	size_t i;

	for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
		const struct ys_jval *a = &list->u.items[i];
		struct ys_org_account *acc;

		if (ys_grow(&org->accounts, &r->cap, org->naccounts, sizeof(*org->accounts), 16)) {
			r->oom = 1;
			return;
		}
		acc = &org->accounts[org->naccounts++];
		memset(acc, 0, sizeof(*acc));
		snprintf(acc->id, sizeof(acc->id), "%s", sstr(a, "Id"));
		snprintf(acc->name, sizeof(acc->name), "%s", sstr(a, "Name"));
		snprintf(acc->status, sizeof(acc->status), "%s", sstr(a, "Status"));
	}
	/* without DescribeOrganization, an account's ARN names both:
	 * arn:aws:organizations::<management>:account/<o-id>/<account> */
	if (list && list->type == YS_J_ARRAY && list->len && (!*org->id || !*org->management)) {
		const char *arn = sstr(&list->u.items[0], "Arn"), *m = strstr(arn, "::");
		const char *o = strstr(arn, ":account/");

		if (m && o && o - m - 2 > 0 && o - m - 2 < (long)sizeof(org->management) &&
		    !*org->management)
			snprintf(org->management, sizeof(org->management), "%.*s", (int)(o - m - 2),
				 m + 2);
		if (o && !*org->id)
			snprintf(org->id, sizeof(org->id), "%.*s", (int)strcspn(o + 9, "/"), o + 9);
	}
}

static void done(struct ys_engine *e, const struct ys_call *call, const char *json, size_t len,
		 const char *code, void *ctx)
{
	struct reading *r = ctx;
	const char *cli = call->op->cli;
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	const struct ys_jval *root, *list;
	size_t i;

	if (!strcmp(cli, "organizations/list-accounts")) {
		r->listed = 1;
		if (code)
			snprintf(r->org->refused, sizeof(r->org->refused), "%s", code);
	}
	if (code || !json || ys_json_parse(json, len, &doc, &err))
		return;
	root = ys_jdoc_root(doc);
	if (!strcmp(cli, "organizations/describe-organization")) {
		const struct ys_jval *o = ys_json_get(root, "Organization");

		snprintf(r->org->id, sizeof(r->org->id), "%s", sstr(o, "Id"));
		snprintf(r->org->management, sizeof(r->org->management), "%s",
			 sstr(o, "MasterAccountId"));
	} else if (!strcmp(cli, "organizations/list-accounts")) {
		accounts(r, root);
		list = ys_json_get(root, "Accounts");
		for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++)
			parents_of(e, r, sstr(&list->u.items[i], "Id"));
	} else if (!strcmp(cli, "organizations/list-parents")) {
		list = ys_json_get(root, "Parents");
		for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++)
			if (!strcmp(sstr(&list->u.items[i], "Type"), "ORGANIZATIONAL_UNIT"))
				parents_of(e, r, sstr(&list->u.items[i], "Id"));
	} else if (!strcmp(cli, "organizations/list-policies")) {
		list = ys_json_get(root, "Policies");
		for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++) {
			const char *id = sstr(&list->u.items[i], "Id");

			if (!*id)
				continue;
			add(e, r, "organizations/describe-policy", "PolicyId", id, id);
			add(e, r, "organizations/list-targets-for-policy", "PolicyId", id, id);
		}
	}
	ys_jdoc_free(doc);
}

int ys_org_read(const struct ys_aws_shapes *shapes, const struct ys_org_opts *o,
		struct ys_org *org, struct ys_error *err)
{
	struct reading r = {shapes, org, 0, 0, 0, NULL, 0, 0};
	struct ys_engine_opts eo;
	struct ys_engine *e = NULL;
	int rc;

	memset(org, 0, sizeof(*org));
	memset(&eo, 0, sizeof(eo));
	eo.out = o->out;
	eo.endpoint = o->endpoint;
	eo.creds = o->creds;
	eo.jobs = o->jobs;
	eo.max_attempts = o->max_attempts;
	eo.done = done;
	eo.ctx = &r;
	if ((rc = ys_engine_new(&eo, &e, err)))
		return rc;
	/* DescribeOrganization first: the accounts' list falls back on it being known */
	add(e, &r, "organizations/describe-organization", NULL, NULL, NULL);
	add(e, &r, "organizations/list-accounts", NULL, NULL, NULL);
	add(e, &r, "organizations/list-roots", NULL, NULL, NULL);
	add(e, &r, "organizations/list-policies", "Filter", "SERVICE_CONTROL_POLICY", NULL);
	rc = ys_engine_run(e, err);
	ys_engine_free(e);
	free(r.asked);
	if (!rc && r.oom)
		rc = ys_error_set(err, YS_ENOMEM, "out of memory");
	if (!rc && !r.listed)
		snprintf(org->refused, sizeof(org->refused), "NotAsked");
	if (rc)
		ys_org_release(org);
	return rc;
}

void ys_org_release(struct ys_org *org)
{
	free(org->accounts);
	org->accounts = NULL;
	org->naccounts = 0;
}

const char *ys_org_result_name(enum ys_org_result r)
{
	switch (r) {
	case YS_ORG_COLLECTED:
		return "collected";
	case YS_ORG_REFUSED:
		return "refused";
	case YS_ORG_SUSPENDED:
		return "suspended";
	case YS_ORG_FAILED:
		return "failed";
	case YS_ORG_PENDING:
		break;
	}
	return "failed"; /* never started: the run stopped before it */
}

int ys_org_write(const struct ys_org *org, const char *out, const char *time, const char *by,
		 struct ys_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct jw w;
	size_t i;
	int rc;

	jw_init(&w, &sb, 1);
	jw_set_indent(&w, 4);
	jw_obj_begin(&w);
	jw_key(&w, "organization");
	jw_str_or_null(&w, *org->id ? org->id : NULL);
	jw_key(&w, "management_account");
	jw_str_or_null(&w, *org->management ? org->management : NULL);
	jw_key(&w, "time");
	jw_str(&w, time);
	jw_key(&w, "by");
	jw_str(&w, by);
	jw_key(&w, "accounts");
	jw_arr_begin(&w);
	for (i = 0; i < org->naccounts; i++) {
		const struct ys_org_account *a = &org->accounts[i];

		jw_obj_begin(&w);
		jw_key(&w, "id");
		jw_str(&w, a->id);
		jw_key(&w, "name");
		jw_str(&w, a->name);
		jw_key(&w, "status");
		jw_str(&w, a->status);
		jw_key(&w, "result");
		jw_str(&w, ys_org_result_name(a->result));
		if (a->result != YS_ORG_COLLECTED) {
			jw_key(&w, "reason");
			jw_str(&w, *a->reason ? a->reason : "the run stopped before it");
		}
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addch(&sb, '\n');
	rc = ys_collect_write(out, "organization.json", sb.buf, sb.len, err);
	strbuf_release(&sb);
	return rc;
}
