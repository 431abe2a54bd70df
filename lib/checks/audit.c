/* audit.c: running the registry's checks over a snapshot; the inputs checks ask for, and the
 * findings they add */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check-api.h"
#include "config-secrets.h"
#include "../vendors/vendors.h"
#include "../base/grow.h"
#include "../base/meter.h"
#include "../base/severity.h"
#include "../base/strbuf.h"
#include "../banned.h"

const char *ys_fstatus_name(enum ys_fstatus s)
{
	static const char *const names[] = {"fail", "error", "skip", "pass"};

	return names[s];
}

/* The check's remediation with "<name>" replaced by the subject's name and "<region>" by
 * the finding's region. */
static char *remediation(const struct ys_audit *a, const char *region)
{
	const char *t = a->cur->remediation, *p;
	struct strbuf sb = STRBUF_INIT;

	while ((p = strchr(t, '<'))) {
		strbuf_add(&sb, t, (size_t)(p - t));
		if (a->subject && !strncmp(p, "<name>", 6)) {
			strbuf_addstr(&sb, a->subject);
			t = p + 6;
		} else if (region && strcmp(region, "global") && !strncmp(p, "<region>", 8)) {
			strbuf_addstr(&sb, region);
			t = p + 8;
		} else {
			strbuf_addch(&sb, '<');
			t = p + 1;
		}
	}
	strbuf_addstr(&sb, t);
	return strbuf_detach(&sb, NULL);
}

void ys_emit(struct ys_audit *a, enum ys_fstatus st, const char *resource, const char *region,
	     const char *fmt, ...)
{
	struct ys_finding *f;
	char msg[1024], *fix, *block;
	size_t nres, nreg, nmsg, nfix;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ys_grow(&a->f, &a->cap, a->n, sizeof(*a->f), 64))
		return;
	f = &a->f[a->n];
	f->check = a->cur;
	f->status = st;
	f->account = a->about_account;
	resource = resource && *resource ? resource : a->root_arn;
	region = region ? region : "global";
	if (!(fix = remediation(a, region)))
		return;
	/* the four strings in one block (a large account has hundreds of thousands of findings):
	 * f->resource owns it */
	nres = strlen(resource) + 1;
	nreg = strlen(region) + 1;
	nmsg = strlen(msg) + 1;
	nfix = strlen(fix) + 1;
	if (!(block = malloc(nres + nreg + nmsg + nfix))) {
		free(fix);
		return;
	}
	f->resource = memcpy(block, resource, nres);
	f->region = memcpy(block + nres, region, nreg);
	f->message = memcpy(block + nres + nreg, msg, nmsg);
	f->remediation = memcpy(block + nres + nreg + nmsg, fix, nfix);
	free(fix);
	a->n++;
}

/* Whether code is one of list's comma-separated codes. */
static int code_in(const char *code, const char *list)
{
	size_t n = strlen(code);
	const char *p;

	for (p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, code, n) && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

/* Whether an error code says the caller was not allowed (AccessDenied, UnauthorizedOperation,
 * AuthorizationError...), as opposed to throttling, a network failure or a bad request. */
static int denial(const char *code)
{
	static const char *const words[] = {"Denied", "Unauthorized", "NotAuthorized", "Forbidden",
					    "AuthorizationError"};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(code, words[i]))
			return 1;
	return 0;
}

static const struct ys_jval *need_file(struct ys_audit *a, const struct ys_snap_file *f,
				       const char *region, const char *absent, int *is_absent)
{
	char perm[128];

	if (is_absent)
		*is_absent = 0;
	switch (f->status) {
	case YS_SNAP_OK:
		return f->root;
	case YS_SNAP_MISSING:
		ys_emit(a, YS_F_SKIP, NULL, region, "the snapshot lacks %s.json", f->rel);
		return NULL;
	case YS_SNAP_REFUSED:
		if (absent && is_absent && code_in(f->code, absent)) {
			*is_absent = 1;
			return NULL;
		}
		if (!denial(f->code)) {
			ys_emit(a, YS_F_ERROR, NULL, region, "the call %s failed (%s)%s%s", f->rel,
				f->code, *f->message ? ": " : "", f->message);
			return NULL;
		}
		ys_snapshot_permission(f->rel, perm, sizeof(perm));
		ys_emit(a, YS_F_ERROR, NULL, region, "AWS refused %s (%s): the collector lacked %s%s%s",
			f->rel, f->code, perm, *f->message ? ": " : "", f->message);
		return NULL;
	case YS_SNAP_BAD:
		ys_emit(a, YS_F_ERROR, NULL, region, "%s", f->why);
		return NULL;
	}
	return NULL;
}

const struct ys_jval *ys_need(struct ys_audit *a, const char *rel, const char *region)
{
	return need_file(a, ys_snapshot_get(a->snap, rel), region, NULL, NULL);
}

const struct ys_jval *ys_need_x(struct ys_audit *a, const char *rel, const char *resource,
				const char *region, const char *absent, int *is_absent)
{
	const struct ys_snap_file *f = resource ? ys_snapshot_get_res(a->snap, rel, resource)
						: ys_snapshot_get(a->snap, rel);

	return need_file(a, f, region, absent, is_absent);
}

const char *ys_bad_file(struct ys_audit *a, const char *rel, const char *resource,
			const char *why, char *msg, size_t n)
{
	const struct ys_snap_file *f = resource ? ys_snapshot_get_res(a->snap, rel, resource)
						: ys_snapshot_get(a->snap, rel);

	snprintf(msg, n, "cannot read '%s/%s.json': %s", ys_snapshot_dir(a->snap), f->rel, why);
	ys_snapshot_problem(a->snap, msg);
	return msg;
}

size_t ys_each_region(struct ys_audit *a, const char *call,
		      void (*fn)(struct ys_audit *, const char *, const struct ys_jval *, void *),
		      void *ctx)
{
	const char *const *regions;
	size_t n = ys_snapshot_regions(a->snap, &regions), i;
	const struct ys_jval *root;
	char rel[160];

	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "%s/%s", regions[i], call);
		if ((root = ys_need(a, rel, regions[i])))
			fn(a, regions[i], root, ctx);
	}
	if (!n)
		ys_emit(a, YS_F_SKIP, NULL, NULL, "the snapshot holds no region");
	return n;
}

struct each_item {
	const char *list;
	void (*fn)(struct ys_audit *, const char *, const struct ys_jval *, void *);
	void *ctx;
	size_t seen;
};

static void each_item_of(struct ys_audit *a, const char *region, const struct ys_jval *root,
			 void *ctx)
{
	struct each_item *e = ctx;
	const struct ys_jval *list = ys_json_get(root, e->list), *it;
	size_t i;

	for (i = 0; i < ys_count(list); i++)
		if ((it = ys_item(list, i))) {
			e->seen++;
			e->fn(a, region, it, e->ctx);
		}
}

size_t ys_each_item(struct ys_audit *a, const char *call, const char *list,
		    void (*fn)(struct ys_audit *, const char *, const struct ys_jval *, void *),
		    void *ctx)
{
	struct each_item e = {list, fn, ctx, 0};

	ys_each_region(a, call, each_item_of, &e);
	return e.seen;
}

double ys_num(const struct ys_jval *obj, const char *key)
{
	const struct ys_jval *v = ys_json_get(obj, key);

	return v && v->type == YS_J_NUMBER ? v->u.num : -1;
}

/* The report is global/iam/credential-report.csv (the CSV, or base64 of it), else the CLI's
 * answer as it printed it, global/iam/get-credential-report.json. */
static void load_creds(struct ys_audit *a)
{
	static const char *const files[] = {"global/iam/credential-report.csv",
					    "global/iam/get-credential-report.json"};
	struct ys_error err = {0};
	const struct ys_snap_file *refused;
	const char *text;
	size_t len, i, j;
	int rc = YS_ENOTFOUND;

	a->cred_state = -1;
	a->cred_status = YS_F_SKIP;
	for (i = 0; i < 2 && rc == YS_ENOTFOUND; i++)
		rc = ys_snapshot_text(a->snap, files[i], &text, &len, &err);
	if (rc == YS_ENOTFOUND) {
		refused = ys_snapshot_get(a->snap, "global/iam/get-credential-report");
		if (refused->status == YS_SNAP_REFUSED) {
			a->cred_status = YS_F_ERROR;
			snprintf(a->cred_why, sizeof(a->cred_why),
				 "AWS refused the credential report (%s): the collector lacked "
				 "iam:GenerateCredentialReport and iam:GetCredentialReport",
				 refused->code);
		} else {
			snprintf(a->cred_why, sizeof(a->cred_why),
				 "the snapshot lacks global/iam/credential-report.csv");
		}
		return;
	}
	if (rc) {
		a->cred_status = YS_F_ERROR;
		snprintf(a->cred_why, sizeof(a->cred_why), "%s", err.msg);
		return;
	}
	if ((rc = ys_credreport_parse(text, len, &a->cred, &err))) {
		a->cred_status = YS_F_ERROR;
		snprintf(a->cred_why, sizeof(a->cred_why), "cannot read '%s/%s': %s",
			 ys_snapshot_dir(a->snap), files[i - 1], err.msg);
		ys_snapshot_problem(a->snap, a->cred_why);
		return;
	}
	for (j = 0; j < a->cred->nproblems; j++) {
		char msg[700];

		snprintf(msg, sizeof(msg), "cannot read '%s/%s': %s: the row is skipped",
			 ys_snapshot_dir(a->snap), files[i - 1], a->cred->problems[j]);
		ys_snapshot_problem(a->snap, msg);
	}
	a->cred_state = 1;
	if (a->now < 0 && a->cred->generated >= 0)
		a->now = a->cred->generated;
}

const struct ys_credreport *ys_need_creds(struct ys_audit *a)
{
	if (!a->cred_state)
		load_creds(a);
	if (a->cred_state < 0) {
		ys_emit(a, a->cred_status, NULL, NULL, "%s", a->cred_why);
		return NULL;
	}
	return a->cred;
}

const struct ys_account *ys_need_account(struct ys_audit *a)
{
	static const char rel[] = "global/iam/get-account-authorization-details";
	const struct ys_jval *root = ys_need(a, rel, NULL);
	struct ys_error err = {0};
	char msg[800];
	size_t i;

	if (!root)
		return NULL;
	if (!a->acct_state) {
		a->acct_state = -1;
		if (ys_account_load(root, &a->acct, &err)) {
			snprintf(msg, sizeof(msg), "cannot read '%s/%s.json': %s",
				 ys_snapshot_dir(a->snap), rel, err.msg);
			ys_snapshot_problem(a->snap, msg);
		} else {
			a->acct_state = 1;
			for (i = 0; i < a->acct->nproblems; i++) {
				snprintf(msg, sizeof(msg), "cannot read '%s/%s.json': %s: it is left out",
					 ys_snapshot_dir(a->snap), rel, a->acct->problems[i]);
				ys_snapshot_problem(a->snap, msg);
			}
		}
	}
	if (a->acct_state < 0) {
		ys_emit(a, YS_F_ERROR, NULL, NULL, "cannot read %s.json", rel);
		return NULL;
	}
	return a->acct;
}

long ys_days_since(const struct ys_audit *a, int64_t t)
{
	if (t < 0)
		return -1;
	return t > a->now ? 0 : (long)((a->now - t) / DAY);
}

const char *ys_arn_account(const char *arn, char out[16])
{
	const char *p = arn;
	int i;

	out[0] = '\0';
	for (i = 0; i < 4 && p; i++)
		p = strchr(p, ':') ? strchr(p, ':') + 1 : NULL;
	if (p)
		snprintf(out, 16, "%.*s", (int)strcspn(p, ":"), p);
	return out;
}

const char *ys_day(int64_t t, char out[16])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t < 0 || !gmtime_r(&tt, &tm) || !strftime(out, 16, "%Y-%m-%d", &tm))
		snprintf(out, 16, "never");
	return out;
}

const struct ys_jval *ys_item(const struct ys_jval *arr, size_t i)
{
	if (!arr || arr->type != YS_J_ARRAY || i >= arr->len || arr->u.items[i].type != YS_J_OBJECT)
		return NULL;
	return &arr->u.items[i];
}

size_t ys_count(const struct ys_jval *arr)
{
	return arr && arr->type == YS_J_ARRAY ? arr->len : 0;
}

const char *ys_str(const struct ys_jval *obj, const char *key)
{
	const char *s = ys_json_str(ys_json_get(obj, key));

	return s ? s : "";
}

int ys_bool(const struct ys_jval *obj, const char *key)
{
	const struct ys_jval *v = ys_json_get(obj, key);

	if (!v || (v->type != YS_J_TRUE && v->type != YS_J_FALSE))
		return -1;
	return v->type == YS_J_TRUE;
}

size_t ys_check_count(int org)
{
	size_t i, n = 0;

	for (i = 0; i < ys_ncheck; i++)
		n += ys_checks[i].org == org;
	return n;
}

const struct ys_check *ys_check_find(const char *id)
{
	size_t i;

	for (i = 0; i < ys_ncheck; i++)
		if (!strcmp(ys_checks[i].id, id))
			return &ys_checks[i];
	return NULL;
}

static int selected(const struct ys_check *c, const char *const *only)
{
	if (!only)
		return 1;
	for (; *only; only++)
		if (!strcmp(*only, c->id))
			return 1;
	return 0;
}

/* Each check's place when the registry is sorted by id, and its severity's rank: findings sort
 * on numbers, not strings. */
static int check_order[YS_MAX_CHECKS], check_rank[YS_MAX_CHECKS];

static int cmp_ids(const void *a, const void *b)
{
	return strcmp(ys_checks[*(const int *)a].id, ys_checks[*(const int *)b].id);
}

static void order_checks(void)
{
	int idx[YS_MAX_CHECKS];
	size_t i;

	for (i = 0; i < ys_ncheck; i++)
		idx[i] = (int)i;
	qsort(idx, i, sizeof(int), cmp_ids);
	while (i--) {
		check_order[idx[i]] = (int)i;
		check_rank[i] = ys_severity_rank(ys_checks[i].severity);
	}
}

static int cmp_findings(const void *pa, const void *pb)
{
	const struct ys_finding *a = pa, *b = pb;
	size_t ia = (size_t)(a->check - ys_checks), ib = (size_t)(b->check - ys_checks);
	int c;

	if (a->status != b->status)
		return (int)a->status - (int)b->status;
	if ((c = check_rank[ib] - check_rank[ia]))
		return c;
	if ((c = check_order[ia] - check_order[ib]))
		return c;
	if ((c = strcmp(a->region, b->region)))
		return c;
	if ((c = strcmp(a->resource, b->resource)))
		return c;
	if (!a->account || !b->account)
		return !!a->account - !!b->account;
	return strcmp(a->account, b->account);
}

void ys_audit_sort(struct ys_finding *f, size_t n)
{
	order_checks();
	if (n)
		qsort(f, n, sizeof(*f), cmp_findings);
}

int ys_audit_run(struct ys_snapshot *snap, const struct ys_audit_opts *o,
		 struct ys_audit_result **out, struct ys_error *err)
{
	struct ys_audit a = {0};
	struct ys_audit_result *r = calloc(1, sizeof(*r));
	size_t i;

	if (!r)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	a.snap = snap;
	a.opts = o;
	r->now_from = o->now >= 0 ? YS_NOW_GIVEN : YS_NOW_SNAPSHOT;
	a.now = o->now >= 0 ? o->now : ys_snapshot_time(snap);
	a.account = ys_snapshot_account(snap);
	if (!a.account)
		a.account = "unknown";
	snprintf(a.root_arn, sizeof(a.root_arn), "arn:aws:iam::%s:root", a.account);
	if (a.now < 0) {
		/* the credential report's time, else the caller's clock */
		load_creds(&a);
		r->now_from = YS_NOW_CREDREPORT;
		if (a.now < 0) {
			a.now = o->clock;
			r->now_from = YS_NOW_CLOCK;
		}
	}
	if (o->meter) {
		size_t n = 0;

		for (i = 0; i < ys_ncheck; i++)
			n += !ys_checks[i].org && selected(&ys_checks[i], o->only);
		ys_meter_phase(o->meter, "checking", "checks", n, NULL);
	}
	for (i = 0; i < ys_ncheck; i++) {
		if (ys_checks[i].org || !selected(&ys_checks[i], o->only))
			continue;
		a.cur = &ys_checks[i];
		a.subject = NULL;
		ys_checks[i].run(&a);
		ys_meter_add(o->meter, 1, 0);
	}
	ys_credreport_free(a.cred);
	ys_account_free(a.acct);
	ys_cfg_scan_free(a.cfg);
	if (a.vendors_state > 0) { /* the result keeps it, for the map and the report */
		r->vendors = a.vendors;
		a.vendors = NULL;
	}
	ys_audit_vendors_free(&a);
	order_checks();
	if (a.n)
		qsort(a.f, a.n, sizeof(*a.f), cmp_findings);
	r->f = a.f;
	r->n = a.n;
	r->account = a.account;
	r->now = a.now;
	*out = r;
	return 0;
}

const char *ys_now_from_name(enum ys_now_from f)
{
	static const char *const names[] = {"given", "snapshot", "credential-report", "clock"};

	return names[f];
}

const char *ys_now_from_words(enum ys_now_from f)
{
	static const char *const words[] = {
		"as given by --now", "when the snapshot was taken (snapshot.json)",
		"when the credential report was made (the snapshot has no snapshot.json)",
		"today, by this machine's clock: the snapshot says nothing of when it was taken"};

	return words[f];
}

void ys_audit_result_free(struct ys_audit_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++)
		free(r->f[i].resource); /* the block of its four strings */
	free(r->f);
	if (r->vendors) {
		ys_vendors_release(r->vendors);
		free(r->vendors);
	}
	free(r);
}

/* config-secrets' hit, told to the audit's on_secret with the check and its subject */
static void tell_secret(void *ctx, const char *where, const struct ys_secret_hit *hit)
{
	struct ys_audit *a = ctx;

	if (a->opts && a->opts->on_secret)
		a->opts->on_secret(a->opts->secret_ctx, a->cur, a->subject ? a->subject : "", where,
				   hit);
}

struct ys_cfg_scan *ys_cfg_scan_for(struct ys_audit *a)
{
	/* one engine for every check: its patterns compile once an audit */
	if (!a->cfg)
		a->cfg = ys_cfg_scan_new(tell_secret, a);
	return a->cfg;
}
