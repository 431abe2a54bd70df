/* org.c: reading an organization folder: organization.json's accounts and what each one's
 * collection gave, else list-accounts.json's, else the account folders found */
#include <errno.h>
#include <stdarg.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "org.h"
#include "../base/dir.h"
#include "../base/file.h"
#include "../base/grow.h"
#include "../base/isotime.h"
#include "../iam/principal.h"
#include "../json/jread.h"
#include "../banned.h"

#define META "organization.json"
#define META_MAX ((size_t)64 << 20)

static int is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

int ys_org_is(const char *dir)
{
	char path[4096];
	struct stat st;

	if (snprintf(path, sizeof(path), "%s/%s", dir, META) >= (int)sizeof(path))
		return 0;
	return !stat(path, &st) && S_ISREG(st.st_mode);
}

struct ys_org *ys_org_around(const char *dir)
{
	struct ys_error err = {0};
	struct ys_org *o = NULL;
	char *copy = strdup(dir), *parent;

	if (!copy)
		return NULL;
	parent = dirname(copy);
	if (!ys_org_is(parent) || ys_org_open(parent, &o, &err))
		o = NULL;
	free(copy);
	return o;
}

void ys_org_problem(struct ys_org *o, const char *fmt, ...)
{
	char msg[1024], *m;
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (i = 0; i < o->nproblems; i++)
		if (!strcmp(o->problems[i], msg))
			return;
	if (!(m = strdup(msg)) || ys_grow(&o->problems, &o->cap_problems, o->nproblems, sizeof(char *), 8)) {
		free(m);
		return;
	}
	o->problems[o->nproblems++] = m;
}

size_t ys_org_problems(const struct ys_org *o, const char *const **msgs)
{
	*msgs = (const char *const *)o->problems;
	return o->nproblems;
}

const struct ys_org_account *ys_org_account(const struct ys_org *o, const char *id)
{
	size_t i;

	for (i = 0; id && i < o->nacc; i++)
		if (!strcmp(o->acc[i].id, id))
			return &o->acc[i];
	return NULL;
}

const struct ys_snap_file *ys_org_call(struct ys_org *o, const char *op, const char *resource)
{
	char rel[256];
	const struct ys_snap_file *f;

	snprintf(rel, sizeof(rel), "organizations/%s", op);
	f = resource ? ys_snapshot_get_res(o->calls, rel, resource) : ys_snapshot_get(o->calls, rel);
	if (f->status == YS_SNAP_BAD)
		ys_org_problem(o, "%s", f->why);
	return f;
}

static char *dup_or_empty(const char *s)
{
	return strdup(s ? s : "");
}

/* Adds an account (its strings copied); a second account of the same id is named and left out. */
static int add(struct ys_org *o, size_t *cap, const char *id, const char *name, const char *status,
	       const char *result, const char *reason, const char *whence)
{
	struct ys_org_account *a;
	char path[4096];

	if (ys_org_account(o, id)) {
		ys_org_problem(o, "'%s/%s': account %s is listed twice: the second is left out", o->dir,
			       whence, id);
		return 0;
	}
	if (ys_grow(&o->acc, cap, o->nacc, sizeof(*o->acc), 8))
		return YS_ENOMEM;
	a = memset(&o->acc[o->nacc], 0, sizeof(*a));
	if (!(a->id = strdup(id)) || !(a->name = dup_or_empty(name)) || !(a->status = dup_or_empty(status)) ||
	    !(a->result = dup_or_empty(result)) || !(a->reason = dup_or_empty(reason))) {
		free(a->id);
		free(a->name);
		free(a->status);
		free(a->result);
		free(a->reason);
		return YS_ENOMEM;
	}
	o->nacc++;
	snprintf(path, sizeof(path), "%s/%s", o->dir, id);
	if (is_dir(path) && !(a->dir = strdup(path)))
		return YS_ENOMEM;
	return 0;
}

static const char *jstr(const struct ys_jval *obj, const char *key)
{
	return ys_json_str(ys_json_get(obj, key));
}

/* A string member that must be a string when present: NULL when absent, named when not one. */
static const char *meta_str(struct ys_org *o, const struct ys_jval *root, const char *key)
{
	const struct ys_jval *v = ys_json_get(root, key);

	if (v && v->type != YS_J_STRING && v->type != YS_J_NULL)
		ys_org_problem(o, "cannot read '%s/%s': \"%s\" is not a string: it is left out", o->dir, META, key);
	return v && v->type == YS_J_STRING && *v->u.str ? v->u.str : NULL;
}

/* organization.json: who and when, and each account with what its collection gave. Returns 1
 * when it lists the accounts, 0 when another source must, or YS_ENOMEM. */
static int read_meta(struct ys_org *o, size_t *cap)
{
	struct ys_error err = {0};
	struct ys_jdoc *doc = NULL;
	const struct ys_jval *root, *list;
	char path[4096], *text = NULL;
	const char *s;
	size_t len, i;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s", o->dir, META);
	if (ys_read_file(path, META_MAX, &text, &len, &err)) {
		ys_org_problem(o, "%s", err.msg);
		return 0;
	}
	if (ys_json_parse(text, len, &doc, &err)) {
		ys_org_problem(o, "cannot read '%s': %s", path, err.msg);
		free(text);
		return 0;
	}
	free(text);
	root = ys_jdoc_root(doc);
	if (root->type != YS_J_OBJECT) {
		ys_org_problem(o, "cannot read '%s': not an object", path);
		goto out;
	}
	if (((s = meta_str(o, root, "organization")) && !(o->id = strdup(s))) ||
	    ((s = meta_str(o, root, "by")) && !(o->by = strdup(s)))) {
		rc = YS_ENOMEM;
		goto out;
	}
	if ((s = meta_str(o, root, "management_account"))) {
		if (!ys_is_account_id(s))
			ys_org_problem(o, "cannot read '%s': management_account '%s' is not an account id", path, s);
		else if (!(o->management = strdup(s))) {
			rc = YS_ENOMEM;
			goto out;
		}
	}
	if ((s = meta_str(o, root, "time")) && (o->time = ys_time_parse(s)) < 0)
		ys_org_problem(o, "cannot read '%s': time '%s' is not an ISO 8601 time", path, s);
	list = ys_json_get(root, "accounts");
	if (!list || list->type != YS_J_ARRAY) {
		ys_org_problem(o, "cannot read '%s': no \"accounts\" list", path);
		goto out;
	}
	for (i = 0; i < list->len && !rc; i++) {
		const struct ys_jval *a = &list->u.items[i];
		const char *id = jstr(a, "id");

		if (a->type != YS_J_OBJECT || !id || !ys_is_account_id(id)) {
			ys_org_problem(o, "cannot read '%s': account %zu has no 12-digit \"id\": it is left out",
				       path, i + 1);
			continue;
		}
		if (!jstr(a, "result"))
			ys_org_problem(o, "cannot read '%s': account %s has no \"result\": it is not audited", path, id);
		rc = add(o, cap, id, jstr(a, "name"), jstr(a, "status"), jstr(a, "result") ? jstr(a, "result") : "unknown",
			 jstr(a, "result") ? jstr(a, "reason") : "organization.json says nothing of its collection",
			 META);
	}
	if (!rc) {
		o->source = META;
		rc = 1;
	}
out:
	ys_jdoc_free(doc);
	return rc;
}

/* organizations/list-accounts.json: every account, none of whose collection is known. */
static int read_list_accounts(struct ys_org *o, size_t *cap)
{
	const struct ys_snap_file *f = ys_org_call(o, "list-accounts", NULL);
	const struct ys_jval *list;
	size_t i;
	int rc = 0;

	if (f->status != YS_SNAP_OK)
		return 0;
	list = ys_json_get(f->root, "Accounts");
	if (!list || list->type != YS_J_ARRAY) {
		ys_org_problem(o, "cannot read '%s/%s.json': no \"Accounts\" list", o->dir, f->rel);
		return 0;
	}
	for (i = 0; i < list->len && !rc; i++) {
		const char *id = jstr(&list->u.items[i], "Id");

		if (!id || !ys_is_account_id(id)) {
			ys_org_problem(o, "cannot read '%s/%s.json': account %zu has no 12-digit Id: it is left out",
				       o->dir, f->rel, i + 1);
			continue;
		}
		rc = add(o, cap, id, jstr(&list->u.items[i], "Name"), jstr(&list->u.items[i], "Status"), "", "",
			 "organizations/list-accounts.json");
	}
	if (!rc) {
		o->source = "organizations/list-accounts.json";
		rc = 1;
	}
	return rc;
}

/* The folders named like account ids. */
static int read_folders(struct ys_org *o, size_t *cap)
{
	char **names;
	size_t n, i;
	int rc = 0;

	if (ys_dir_names(o->dir, &names, &n) < 0)
		return 0;
	for (i = 0; i < n && !rc; i++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s", o->dir, names[i]);
		if (ys_is_account_id(names[i]) && is_dir(path))
			rc = add(o, cap, names[i], "", "", "", "", "the account folders");
	}
	ys_dir_names_free(names, n);
	o->source = "the account folders";
	return rc;
}

/* Folders named like account ids that nothing lists: said, and left out. */
static void unlisted_folders(struct ys_org *o)
{
	char **names;
	size_t n, i;

	if (ys_dir_names(o->dir, &names, &n) < 0)
		return;
	for (i = 0; i < n; i++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s", o->dir, names[i]);
		if (ys_is_account_id(names[i]) && is_dir(path) && !ys_org_account(o, names[i]))
			ys_org_problem(o, "'%s': account %s is not among %s's accounts: it is left out", path,
				       names[i], o->source);
	}
	ys_dir_names_free(names, n);
}

/* Who the organization is, from describe-organization.json where organization.json does not say. */
static int describe(struct ys_org *o)
{
	const struct ys_snap_file *f = ys_org_call(o, "describe-organization", NULL);
	const struct ys_jval *org = f->status == YS_SNAP_OK ? ys_json_get(f->root, "Organization") : NULL;
	const char *s;

	if (!o->id && (s = jstr(org, "Id")) && *s && !(o->id = strdup(s)))
		return YS_ENOMEM;
	if (!o->management && (s = jstr(org, "MasterAccountId")) && ys_is_account_id(s) &&
	    !(o->management = strdup(s)))
		return YS_ENOMEM;
	return 0;
}

int ys_org_open(const char *dir, struct ys_org **out, struct ys_error *err)
{
	struct ys_org *o;
	struct stat st;
	size_t cap = 0, n = strlen(dir);
	int rc;

	*out = NULL;

	if (stat(dir, &st) < 0)
		return ys_error_set(err, YS_EIO, "cannot read '%s': %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return ys_error_set(err, YS_EINVAL, "'%s' is not an organization folder", dir);
	if (!(o = calloc(1, sizeof(*o))) || !(o->dir = strdup(dir)))
		goto nomem;
	while (n > 1 && o->dir[n - 1] == '/')
		o->dir[--n] = '\0';
	o->time = -1;
	if ((rc = ys_snapshot_open_calls(o->dir, &o->calls, err))) {
		ys_org_free(o);
		return rc;
	}
	if ((rc = read_meta(o, &cap)) == 0)
		rc = read_list_accounts(o, &cap);
	if (rc == 0)
		rc = read_folders(o, &cap);
	if (rc < 0 || describe(o))
		goto nomem;
	if (!o->nacc)
		ys_org_problem(o, "'%s': no account found in %s", o->dir,
			       !strcmp(o->source, META) ? "organization.json"
			       : "organization.json, organizations/list-accounts.json or the account folders");
	else if (strcmp(o->source, META))
		ys_org_problem(o, "'%s': the accounts are those %s lists; how each one's collection went is "
			       "unknown, so an account without its folder is not audited", o->dir,
			       !strcmp(o->source, "the account folders") ? "the account folders" : o->source);
	unlisted_folders(o);
	*out = o;
	return 0;
nomem:
	ys_org_free(o);
	return ys_error_set(err, YS_ENOMEM, "out of memory");
}

void ys_org_free(struct ys_org *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->nacc; i++) {
		free(o->acc[i].id);
		free(o->acc[i].name);
		free(o->acc[i].status);
		free(o->acc[i].result);
		free(o->acc[i].reason);
		free(o->acc[i].dir);
	}
	free(o->acc);
	for (i = 0; i < o->nproblems; i++)
		free(o->problems[i]);
	free(o->problems);
	ys_snapshot_free(o->calls);
	free(o->id);
	free(o->management);
	free(o->by);
	free(o->dir);
	free(o);
}
