/* scp.c: the organization's SCPs read from the Organizations calls, compiled once; the levels
 * that reach each account; and the evaluator asked whether those levels deny a request */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scp.h"
#include "../base/grow.h"
#include "../json/jread.h"
#include "../banned.h"

/* AWS's own SCP, attached everywhere unless someone detached it: its document is known even
 * when describe-policy was not collected. */
#define FULL_ACCESS_ID "p-FullAWSAccess"
#define FULL_ACCESS_DOC "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"

static const char *jstr(const struct ys_jval *o, const char *k)
{
	return ys_json_str(ys_json_get(o, k));
}

/* Reads text as JSON and compiles it under name; NULL with why set when it is not a policy. */
static struct ys_cpolicy *compile_text(struct ys_pset *ps, const char *name, const char *text, char *why,
				       size_t nwhy)
{
	struct ys_jdoc *doc;
	struct ys_error err = {0};
	struct ys_cpolicy *p;

	if (ys_json_parse(text, strlen(text), &doc, &err)) {
		snprintf(why, nwhy, "%s", err.msg);
		return NULL;
	}
	p = ys_pset_read(ps, name, ys_jdoc_root(doc), 0, &err);
	if (!p)
		snprintf(why, nwhy, "%s", err.msg);
	ys_jdoc_free(doc);
	return p;
}

/* What a call's absence or refusal means, into why; 1 when refused. */
static int explain(struct ys_org *org, const struct ys_snap_file *f, char *why, size_t n)
{
	char rel[300], perm[128];

	if (f->status == YS_SNAP_REFUSED) {
		snprintf(rel, sizeof(rel), "global/%s", f->rel);
		ys_snapshot_permission(rel, perm, sizeof(perm));
		snprintf(why, n, "AWS refused %s (%s): the collector lacked %s", f->rel, f->code, perm);
		return 1;
	}
	if (f->status == YS_SNAP_BAD)
		snprintf(why, n, "%s", f->why);
	else
		snprintf(why, n, "the organization folder '%s' lacks %s.json", org->dir, f->rel);
	return 0;
}

static int read_document(struct ys_org *org, struct ys_org_scps *s, struct ys_org_scp *p, int aws_managed)
{
	const struct ys_snap_file *f = ys_org_call(org, "describe-policy", p->id);
	const char *content;

	if (f->status == YS_SNAP_OK) {
		content = jstr(ys_json_get(f->root, "Policy"), "Content");
		if (!content) {
			snprintf(p->why, sizeof(p->why), "'%s/%s.json' has no Policy.Content", org->dir, f->rel);
		} else if (!(p->pol = compile_text(&s->ps, p->name, content, p->why, sizeof(p->why)))) {
			char why[160];

			snprintf(why, sizeof(why), "%.159s", p->why);
			snprintf(p->why, sizeof(p->why), "'%.80s/%s.json': its Content is not a policy: %s", org->dir,
				 f->rel, why);
		}
		if (!p->pol)
			ys_org_problem(org, "cannot read %s", p->why);
		return 0;
	}
	if (aws_managed && !strcmp(p->id, FULL_ACCESS_ID)) {
		p->pol = compile_text(&s->ps, p->name, FULL_ACCESS_DOC, p->why, sizeof(p->why));
		return p->pol ? 0 : YS_ENOMEM;
	}
	p->refused = explain(org, f, p->why, sizeof(p->why));
	return 0;
}

static int read_targets(struct ys_org *org, struct ys_org_scps *s, struct ys_org_scp *p)
{
	const struct ys_snap_file *f = ys_org_call(org, "list-targets-for-policy", p->id);
	const struct ys_jval *list;
	size_t i;

	if (f->status != YS_SNAP_OK) {
		if (!p->why[0])
			p->refused = explain(org, f, p->why, sizeof(p->why));
		return 0;
	}
	list = ys_json_get(f->root, "Targets");
	if (!list || list->type != YS_J_ARRAY) {
		snprintf(p->why, sizeof(p->why), "'%s/%s.json' has no Targets list", org->dir, f->rel);
		ys_org_problem(org, "cannot read %s", p->why);
		return 0;
	}
	if (list->len && !(p->targets = calloc(list->len, sizeof(*p->targets))))
		return YS_ENOMEM;
	for (i = 0; i < list->len; i++) {
		const char *id = jstr(&list->u.items[i], "TargetId"), *type = jstr(&list->u.items[i], "Type");

		if (!id || !*id)
			continue;
		if (!(p->targets[p->ntargets] = strdup(id)))
			return YS_ENOMEM;
		p->ntargets++;
		if ((type && !strcmp(type, "ORGANIZATIONAL_UNIT")) || !strncmp(id, "ou-", 3))
			s->any_ou = 1;
		if (!s->root && ((type && !strcmp(type, "ROOT")) || !strncmp(id, "r-", 2)) && !(s->root = strdup(id)))
			return YS_ENOMEM;
	}
	p->targets_known = 1;
	return 0;
}

/* list-roots: the root's id, and whether SCPs are enabled there. */
static int read_root(struct ys_org *org, struct ys_org_scps *s)
{
	const struct ys_snap_file *f = ys_org_call(org, "describe-organization", NULL);
	const struct ys_jval *root, *types;
	const char *fs = f->status == YS_SNAP_OK ? jstr(ys_json_get(f->root, "Organization"), "FeatureSet") : NULL;
	size_t i;

	if (fs && !strcmp(fs, "CONSOLIDATED_BILLING")) {
		s->state = YS_SCPS_OFF;
		snprintf(s->why, sizeof(s->why), "the organization has only consolidated billing: it cannot use SCPs");
		return 0;
	}
	f = ys_org_call(org, "list-roots", NULL);
	root = f->status == YS_SNAP_OK ? ys_json_get(f->root, "Roots") : NULL;
	root = root && root->type == YS_J_ARRAY && root->len ? &root->u.items[0] : NULL;
	if (!root)
		return 0;
	if (jstr(root, "Id") && *jstr(root, "Id") && !(s->root = strdup(jstr(root, "Id"))))
		return YS_ENOMEM;
	types = ys_json_get(root, "PolicyTypes");
	if (!types || types->type != YS_J_ARRAY)
		return 0;
	for (i = 0; i < types->len; i++)
		if (!strcmp(jstr(&types->u.items[i], "Type") ? jstr(&types->u.items[i], "Type") : "",
			    "SERVICE_CONTROL_POLICY"))
			break;
	if (i == types->len || strcmp(jstr(&types->u.items[i], "Status") ? jstr(&types->u.items[i], "Status") : "",
				      "ENABLED")) {
		s->state = YS_SCPS_OFF;
		snprintf(s->why, sizeof(s->why), "service control policies are not enabled at the root %s",
			 s->root ? s->root : "");
	}
	return 0;
}

int ys_org_scps_load(struct ys_org *org, struct ys_org_scps *s, struct ys_error *err)
{
	const struct ys_snap_file *f;
	const struct ys_jval *list;
	size_t i;
	int rc = 0;

	memset(s, 0, sizeof(*s));
	ys_pset_init(&s->ps);
	s->ps.quiet_actions = 1;
	if (!(s->allow_all = compile_text(&s->ps, "allow-everything", FULL_ACCESS_DOC, s->why, sizeof(s->why))))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	s->why[0] = '\0';
	if ((rc = read_root(org, s)))
		goto out;
	if (s->state == YS_SCPS_OFF)
		return 0;
	f = ys_org_call(org, "list-policies", NULL);
	if (f->status != YS_SNAP_OK) {
		s->state = f->status == YS_SNAP_BAD ? YS_SCPS_BAD
						    : explain(org, f, s->why, sizeof(s->why)) ? YS_SCPS_REFUSED
											     : YS_SCPS_MISSING;
		if (f->status == YS_SNAP_BAD)
			snprintf(s->why, sizeof(s->why), "%s", f->why);
		return 0;
	}
	list = ys_json_get(f->root, "Policies");
	if (!list || list->type != YS_J_ARRAY) {
		s->state = YS_SCPS_BAD;
		snprintf(s->why, sizeof(s->why), "cannot read '%s/%s.json': no Policies list", org->dir, f->rel);
		ys_org_problem(org, "%s", s->why);
		return 0;
	}
	if (list->len && !(s->v = calloc(list->len, sizeof(*s->v)))) {
		rc = YS_ENOMEM;
		goto out;
	}
	for (i = 0; i < list->len && !rc; i++) {
		const struct ys_jval *it = &list->u.items[i];
		const char *id = jstr(it, "Id"), *name = jstr(it, "Name"), *type = jstr(it, "Type");
		struct ys_org_scp *p;

		if (!id || !*id || (type && strcmp(type, "SERVICE_CONTROL_POLICY")))
			continue;
		p = &s->v[s->n++];
		if (!(p->id = strdup(id)) || !(p->name = strdup(name && *name ? name : id))) {
			rc = YS_ENOMEM;
			break;
		}
		if (!(rc = read_document(org, s, p, ys_json_get(it, "AwsManaged") &&
						      ys_json_get(it, "AwsManaged")->type == YS_J_TRUE)))
			rc = read_targets(org, s, p);
		s->unknown += !p->pol || !p->targets_known;
	}
	for (i = 0; i < s->ps.nproblems; i++)
		ys_org_problem(org, "an SCP of '%s': %s: the statement is left out", org->dir, s->ps.problems[i]);
out:
	if (rc)
		return ys_error_set(err, rc, "out of memory");
	return 0;
}

void ys_org_scps_release(struct ys_org_scps *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		for (j = 0; j < s->v[i].ntargets; j++)
			free(s->v[i].targets[j]);
		free(s->v[i].targets);
		free(s->v[i].id);
		free(s->v[i].name);
	}
	free(s->v);
	free(s->root);
	ys_pset_release(&s->ps);
	memset(s, 0, sizeof(*s));
}

/* Adds a level for target id with every readable policy attached to it. */
static int add_level(struct ys_org_chain *c, const struct ys_org_scps *s, const char *id)
{
	struct ys_level *lv;
	size_t i, j;

	if (ys_grow(&c->lv, &c->cap, c->n, sizeof(*c->lv), 8))
		return YS_ENOMEM;
	lv = memset(&c->lv[c->n++], 0, sizeof(*lv));
	if (!(lv->name = strdup(id)) || (s->n && !(lv->pol = calloc(s->n, sizeof(*lv->pol)))))
		return YS_ENOMEM;
	for (i = 0; i < s->n; i++)
		for (j = 0; s->v[i].pol && j < s->v[i].ntargets; j++)
			if (!strcmp(s->v[i].targets[j], id)) {
				lv->pol[lv->n++] = s->v[i].pol;
				break;
			}
	return 0;
}

/* Whether the chain has a level for id. */
static int has_level(const struct ys_org_chain *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->lv[i].name, id))
			return 1;
	return 0;
}

/* The parent of child from organizations/list-parents/<child>.json, into out; 0 when the file
 * is not there or says nothing. */
static int parent_of(struct ys_org *org, const char *child, char *out, size_t n)
{
	const struct ys_snap_file *f = ys_org_call(org, "list-parents", child);
	const struct ys_jval *list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "Parents") : NULL;
	const char *id;

	if (!list || list->type != YS_J_ARRAY || !list->len || !(id = jstr(&list->u.items[0], "Id")) || !*id)
		return 0;
	snprintf(out, n, "%s", id);
	return 1;
}

int ys_org_chain_of(struct ys_org *org, const struct ys_org_scps *s, const char *account, int every_ou,
		    struct ys_org_chain *c)
{
	char path[YS_ORG_MAX_DEPTH][64], child[64];
	size_t depth = 0, i, j;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	/* walk up from the account to the root */
	snprintf(child, sizeof(child), "%s", account);
	while (depth < YS_ORG_MAX_DEPTH && parent_of(org, child, path[depth], sizeof(path[0]))) {
		snprintf(child, sizeof(child), "%s", path[depth]);
		if (!strncmp(path[depth++], "r-", 2))
			break;
	}
	if (!depth || strncmp(path[depth - 1], "r-", 2)) {
		c->tree_unknown = 1;
		snprintf(c->missing, sizeof(c->missing), "organizations/list-parents/%s.json", child);
		/* the root as the SCPs name it, since the walk did not reach it */
		if (s->root)
			rc = add_level(c, s, s->root);
	}
	for (i = 0; i < depth && !rc; i++)
		rc = add_level(c, s, path[depth - 1 - i]);
	for (i = 0; c->tree_unknown && every_ou && i < s->n && !rc; i++)
		for (j = 0; j < s->v[i].ntargets && !rc; j++)
			if (!strncmp(s->v[i].targets[j], "ou-", 3) && !has_level(c, s->v[i].targets[j]))
				rc = add_level(c, s, s->v[i].targets[j]);
	if (!rc)
		rc = add_level(c, s, account);
	if (rc)
		ys_org_chain_release(c);
	return rc;
}

void ys_org_chain_release(struct ys_org_chain *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free((char *)c->lv[i].name);
		free(c->lv[i].pol);
	}
	free(c->lv);
	memset(c, 0, sizeof(*c));
}

int ys_org_scp_denies(const struct ys_org_scps *s, const struct ys_org_chain *c,
		      const struct ys_org_probe *p, char *by, size_t nby)
{
	char principal[128];
	const char *no[1] = {"false"}, *region[1] = {p->region}, *org[1] = {p->org_id};
	struct ys_ckey keys[5];
	struct ys_pset view = s->ps;
	struct ys_cpolicy *identity[1] = {s->allow_all};
	struct ys_request req;
	struct ys_decision d;
	size_t nk = 0, i, k = 0;
	int denied;

	if (by && nby)
		by[0] = '\0';
	snprintf(principal, sizeof(principal), "arn:aws:iam::%s:user/any-user", p->account);
	if (!p->key_absent)
		keys[nk++] = (struct ys_ckey){"aws:MultiFactorAuthPresent", no, 1, 0};
	keys[nk++] = (struct ys_ckey){"aws:ViaAWSService", no, 1, 0};
	keys[nk++] = (struct ys_ckey){"aws:PrincipalIsAWSService", no, 1, 0};
	if (p->region)
		keys[nk++] = (struct ys_ckey){"aws:RequestedRegion", region, 1, 0};
	if (p->org_id)
		keys[nk++] = (struct ys_ckey){"aws:PrincipalOrgID", org, 1, 0};
	view.identity = identity;
	view.nidentity = 1;
	view.boundary = view.session = view.resource = NULL;
	view.scp = c->lv;
	view.nscp = c->n;
	view.rcp = NULL;
	view.nrcp = 0;
	req = (struct ys_request){principal, p->action, p->resource, NULL, {keys, nk, NULL, 0}, NULL};
	if (ys_eval(&view, &req, 1, &d))
		return -1;
	denied = (d.verdict == YS_EXPLICIT_DENY) || (d.verdict == YS_IMPLICIT_DENY && d.gap == YS_L_SCP);
	if (!denied || !by || !nby)
		return denied;
	if (d.verdict == YS_IMPLICIT_DENY) {
		snprintf(by, nby, "no SCP at %s allows it", d.gap_level ? d.gap_level->name : "a level");
		return 1;
	}
	for (i = 0; i < d.nby; i++) {
		char label[300];

		ys_because_label(&d.by[i], label, sizeof(label));
		if (k < nby)
			k += (size_t)snprintf(by + k, nby - k, "%s%s", i ? ", " : "", label);
	}
	return 1;
}
