/* orgaudit.c: auditing every account of an organization (or of the snapshot folders given),
 * then running the organization's checks over them, and gathering every finding into one list */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "orgaudit.h"
#include "config-secrets.h"
#include "../base/grow.h"
#include "../base/meter.h"
#include "../iam/account.h"
#include "../banned.h"

static void problem(struct ys_org_run *r, const char *msg)
{
	char *m;
	size_t i;

	for (i = 0; i < r->nproblems; i++)
		if (!strcmp(r->problems[i], msg))
			return;
	if (!(m = strdup(msg)) || ys_grow(&r->problems, &r->cap_problems, r->nproblems, sizeof(char *), 16)) {
		free(m);
		return;
	}
	r->problems[r->nproblems++] = m;
}

const char *ys_org_member_label(const struct ys_org_member *m, char *out, size_t n)
{
	if (*m->name)
		snprintf(out, n, "%s (%s)", m->id, m->name);
	else
		snprintf(out, n, "%s", m->id);
	return out;
}

const char *ys_org_member_note(const struct ys_org_member *m, const char *note, char *out, size_t n)
{
	if (*m->name)
		snprintf(out, n, "%s (%s; %s)", m->id, m->name, note);
	else
		snprintf(out, n, "%s (%s)", m->id, note);
	return out;
}

static struct ys_org_member *add_member(struct ys_org_run *r, size_t *cap, const char *id, const char *name,
					const char *status, const char *dir)
{
	struct ys_org_member *m;

	if (ys_grow(&r->m, cap, r->n, sizeof(*r->m), 8))
		return NULL;
	m = memset(&r->m[r->n++], 0, sizeof(*m));
	if (!(m->id = strdup(id)) || !(m->name = strdup(name)) || !(m->status = strdup(status)) ||
	    (dir && !(m->dir = strdup(dir))))
		return NULL;
	return m;
}

/* Why an account of the organization folder is not audited, or "" when it can be. */
static void judge(const struct ys_org_account *a, struct ys_org_member *m)
{
	const char *result = a->result;

	if (!strcmp(a->status, "SUSPENDED") || !strcmp(a->status, "PENDING_CLOSURE") ||
	    !strcmp(result, "suspended")) {
		m->suspended = 1;
		snprintf(m->why, sizeof(m->why), "the account is %s%s%s",
			 !strcmp(a->status, "PENDING_CLOSURE") ? "closing" : "suspended", *a->reason ? ": " : "",
			 a->reason);
	} else if (*result && strcmp(result, "collected")) {
		snprintf(m->why, sizeof(m->why), "%s%s%s", result, *a->reason ? ": " : "", a->reason);
	} else if (!a->dir) {
		snprintf(m->why, sizeof(m->why), "the organization folder has no folder %s", a->id);
	}
}

/* An audited snapshot holds every file its checks parsed: with many accounts, that is too much
 * to keep. Once its problems are noted, it is opened again, empty: the organization's checks
 * and the map read the few files they need again. */
static void keep_light(struct ys_org_run *r, struct ys_org_member *m)
{
	struct ys_snapshot *fresh;
	struct ys_error err = {0};
	const char *const *msgs;
	size_t i, n;

	for (n = ys_snapshot_problems(m->snap, &msgs), i = 0; i < n; i++)
		problem(r, msgs[i]);
	if (ys_snapshot_open(m->dir, &fresh, &err))
		return; /* keep the one read */
	ys_snapshot_free(m->snap);
	m->snap = fresh;
	m->r->account = m->id; /* it pointed into the snapshot */
}

/* Opens and audits one member's snapshot; a folder that cannot be audited leaves the member
 * not audited, with why. */
static int audit_member(struct ys_org_run *r, struct ys_org_member *m, const struct ys_audit_opts *o)
{
	struct ys_error err = {0};
	const char *acct;
	size_t i;

	if (ys_snapshot_open(m->dir, &m->snap, &err)) {
		snprintf(m->why, sizeof(m->why), "%s", err.msg);
		problem(r, err.msg);
		return 0;
	}
	acct = ys_snapshot_account(m->snap);
	if (!acct) {
		char msg[700];

		snprintf(msg, sizeof(msg), "'%s': no account.json: it is not an account's snapshot", m->dir);
		snprintf(m->why, sizeof(m->why), "its folder holds no account.json");
		problem(r, msg);
		ys_snapshot_free(m->snap);
		m->snap = NULL;
		return 0;
	}
	if (strcmp(m->id, "unknown") && strcmp(acct, m->id)) {
		char msg[700];

		snprintf(msg, sizeof(msg), "'%s/account.json' names account %s, not %s: it is audited as %s",
			 m->dir, acct, m->id, m->id);
		problem(r, msg);
	}
	if (ys_audit_run(m->snap, o, &m->r, &err)) {
		snprintf(m->why, sizeof(m->why), "%s", err.msg);
		ys_snapshot_free(m->snap);
		m->snap = NULL;
		return err.code == YS_ENOMEM ? YS_ENOMEM : 0;
	}
	m->r->org = 1;
	for (i = 0; i < m->r->n; i++)
		m->r->f[i].account = m->id;
	m->audited = 1;
	r->audited++;
	keep_light(r, m);
	return 0;
}

static int from_org(struct ys_org_run *r, size_t *cap)
{
	size_t i;

	for (i = 0; i < r->org->nacc; i++) {
		const struct ys_org_account *a = &r->org->acc[i];
		struct ys_org_member *m = add_member(r, cap, a->id, a->name, a->status, a->dir);

		if (!m)
			return YS_ENOMEM;
		m->management = r->management && !strcmp(r->management, a->id);
		judge(a, m);
	}
	return 0;
}

static int from_dirs(struct ys_org_run *r, const char *const *dirs, size_t ndirs, size_t *cap)
{
	size_t i;

	for (i = 0; i < ndirs; i++) {
		struct ys_org_member *m = add_member(r, cap, "unknown", "", "", dirs[i]);

		if (!m)
			return YS_ENOMEM;
	}
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every region the audited snapshots hold, once each. */
static int gather_regions(struct ys_org_run *r)
{
	size_t i, j, k, cap = 0;

	for (i = 0; i < r->n; i++) {
		const char *const *names;
		size_t n;

		if (!r->m[i].audited)
			continue;
		n = ys_snapshot_regions(r->m[i].snap, &names);
		for (j = 0; j < n; j++) {
			for (k = 0; k < r->nregions && strcmp(r->regions[k], names[j]); k++)
				;
			if (k < r->nregions)
				continue;
			if (ys_grow(&r->regions, &cap, r->nregions, sizeof(char *), 8) ||
			    !(r->regions[r->nregions] = strdup(names[j])))
				return YS_ENOMEM;
			r->nregions++;
		}
	}
	if (r->nregions)
		qsort(r->regions, r->nregions, sizeof(char *), cmp_str);
	return 0;
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

/* The organization's checks, into r->orgf. */
static void org_checks(struct ys_org_run *r, const struct ys_audit_opts *o)
{
	struct ys_audit a = {0};
	size_t i;

	a.opts = o;
	a.org = r;
	a.now = o->now >= 0 ? o->now : o->clock;
	a.account = r->management ? r->management : "unknown";
	snprintf(a.root_arn, sizeof(a.root_arn), "arn:aws:iam::%s:root", a.account);
	for (i = 0; i < ys_ncheck; i++) {
		if (!ys_checks[i].org || !selected(&ys_checks[i], o->only))
			continue;
		a.cur = &ys_checks[i];
		a.subject = NULL;
		a.about_account = r->management;
		ys_checks[i].run(&a);
	}
	r->orgf = a.f;
	r->norgf = a.n;
}

/* Every finding in one list, sorted. */
static int gather(struct ys_org_run *r, const struct ys_audit_opts *o)
{
	size_t total = r->norgf, i, k = 0;
	const struct ys_org_member *first = NULL;

	for (i = 0; i < r->n; i++)
		if (r->m[i].audited) {
			total += r->m[i].r->n;
			first = first ? first : &r->m[i];
		}
	if (total && !(r->all.f = malloc(total * sizeof(*r->all.f))))
		return YS_ENOMEM;
	for (i = 0; i < r->norgf; i++)
		r->all.f[k++] = r->orgf[i];
	for (i = 0; i < r->n; i++)
		if (r->m[i].audited && r->m[i].r->n) {
			memcpy(r->all.f + k, r->m[i].r->f, r->m[i].r->n * sizeof(*r->all.f));
			k += r->m[i].r->n;
		}
	r->all.n = k;
	ys_audit_sort(r->all.f, r->all.n);
	r->all.org = 1;
	r->all.account = r->management;
	if (first) {
		r->all.now = first->r->now;
		r->all.now_from = first->r->now_from;
	} else {
		r->all.now = o->now >= 0 ? o->now : r->org && r->org->time >= 0 ? r->org->time : o->clock;
		r->all.now_from = o->now >= 0 ? YS_NOW_GIVEN : r->org && r->org->time >= 0 ? YS_NOW_SNAPSHOT
											    : YS_NOW_CLOCK;
	}
	return 0;
}

static void gather_problems(struct ys_org_run *r)
{
	const char *const *msgs;
	size_t i, j, n;

	if (r->org)
		for (n = ys_org_problems(r->org, &msgs), i = 0; i < n; i++)
			problem(r, msgs[i]);
	for (i = 0; i < r->n; i++)
		if (r->m[i].snap)
			for (n = ys_snapshot_problems(r->m[i].snap, &msgs), j = 0; j < n; j++)
				problem(r, msgs[j]);
}

int ys_org_audit(struct ys_org *org, const char *const *dirs, size_t ndirs,
		 const struct ys_audit_opts *o, struct ys_org_run **out, struct ys_error *err)
{
	struct ys_org_run *r = calloc(1, sizeof(*r));
	struct ys_audit_opts mo;
	size_t cap = 0, i, j;
	int rc;

	*out = NULL;
	if (!r) {
		ys_org_free(org);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	r->org = org;
	mo = *o;
	mo.meter = NULL; /* the line counts accounts, not each one's checks */
	if (!mo.org)
		mo.org = org; /* each member's audit names the organization's accounts */
	if (org) {
		r->id = org->id;
		r->management = org->management;
		if ((rc = ys_org_scps_load(org, &r->scps, err)))
			goto fail;
		gather_problems(r); /* the folder's own first */
	}
	snprintf(r->arn, sizeof(r->arn), "arn:aws:organizations::%s:organization/%s",
		 r->management ? r->management : "", r->id ? r->id : "unknown");
	if ((rc = org ? from_org(r, &cap) : from_dirs(r, dirs, ndirs, &cap)))
		goto nomem;
	ys_meter_phase(o->meter, "auditing the organization", "accounts", r->n, NULL);
	for (i = 0; i < r->n; i++) {
		struct ys_org_member *m = &r->m[i];

		if (*m->why || !m->dir) {
			ys_meter_add(o->meter, 1, 0); /* refused or suspended: nothing to read */
			continue;
		}
		rc = audit_member(r, m, &mo);
		ys_meter_add(o->meter, 1, 0);
		if (rc)
			goto nomem;
		if (!org && m->snap && ys_snapshot_account(m->snap)) {
			/* a folder given: its account.json says whose it is */
			const char *acct = ys_snapshot_account(m->snap);

			for (j = 0; j < i && strcmp(r->m[j].id, acct); j++)
				;
			if (j < i) {
				char msg[700];

				snprintf(msg, sizeof(msg), "'%s' and '%s' are both snapshots of account %s: the second is left out",
					 r->m[j].dir, m->dir, acct);
				problem(r, msg);
				snprintf(m->why, sizeof(m->why), "another snapshot of account %s was given first", acct);
				ys_audit_result_free(m->r);
				m->r = NULL;
				m->audited = 0;
				r->audited--;
			}
			free(m->id);
			if (!(m->id = strdup(acct)))
				goto nomem;
			for (j = 0; m->r && j < m->r->n; j++)
				m->r->f[j].account = m->id;
			if (m->r)
				m->r->account = m->id;
		}
	}
	if ((rc = gather_regions(r)))
		goto nomem;
	org_checks(r, o);
	if ((rc = gather(r, o)))
		goto nomem;
	gather_problems(r);
	*out = r;
	return 0;
nomem:
	rc = ys_error_set(err, YS_ENOMEM, "out of memory");
fail:
	ys_org_run_free(r);
	return rc;
}

void ys_org_run_free(struct ys_org_run *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		ys_audit_result_free(r->m[i].r);
		ys_snapshot_free(r->m[i].snap);
		free(r->m[i].id);
		free(r->m[i].name);
		free(r->m[i].status);
		free(r->m[i].dir);
	}
	free(r->m);
	for (i = 0; i < r->norgf; i++)
		free(r->orgf[i].resource);
	free(r->orgf);
	free(r->all.f);
	for (i = 0; i < r->nregions; i++)
		free(r->regions[i]);
	free(r->regions);
	for (i = 0; i < r->nproblems; i++)
		free(r->problems[i]);
	free(r->problems);
	ys_org_scps_release(&r->scps);
	ys_org_free(r->org);
	free(r);
}

void ys_org_view(struct ys_audit *a, const struct ys_org_member *m, struct ys_audit *sub)
{
	memset(sub, 0, sizeof(*sub));
	sub->snap = m->snap;
	sub->now = m->r ? m->r->now : a->now;
	sub->cur = a->cur;
	sub->opts = a->opts;
	sub->account = m->id;
	snprintf(sub->root_arn, sizeof(sub->root_arn), "arn:aws:iam::%s:root", m->id);
}

void ys_org_view_end(struct ys_audit *sub)
{
	size_t i;

	for (i = 0; i < sub->n; i++)
		free(sub->f[i].resource);
	free(sub->f);
	ys_credreport_free(sub->cred);
	ys_account_free(sub->acct);
	ys_cfg_scan_free(sub->cfg);
	ys_audit_vendors_free(sub);
	memset(sub, 0, sizeof(*sub));
}

void ys_org_names_add(struct ys_org_names *l, const char *fmt, ...)
{
	va_list ap;

	if (l->ended || l->n++ >= (l->max ? l->max : YS_ORG_NAMES))
		return;
	if (l->sb.len)
		strbuf_addstr(&l->sb, ", ");
	va_start(ap, fmt);
	strbuf_vaddf(&l->sb, fmt, ap);
	va_end(ap);
}

const char *ys_org_names_str(struct ys_org_names *l)
{
	size_t max = l->max ? l->max : YS_ORG_NAMES;

	if (l->n > max && !l->ended) {
		strbuf_addf(&l->sb, " and %zu more", l->n - max);
		l->ended = 1;
	}
	return strbuf_str(&l->sb);
}

void ys_org_names_release(struct ys_org_names *l)
{
	strbuf_release(&l->sb);
	l->n = 0;
	l->ended = 0;
}
