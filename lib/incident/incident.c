/* incident.c: joining a leaked key to its user, its blast radius and its use into one incident */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "incident.h"
#include "../base/hash.h"
#include "../base/isotime.h"
#include "../iam/blast.h"
#include "../iam/escalate.h"
#include "../iam/model.h"
#include "../banned.h"

static const char *const severities[] = {"", "low", "medium", "high", "critical"};

int ys_severity_of_incident(const struct ys_incident *i)
{
	int r;

	for (r = 4; r > 0; r--)
		if (!strcmp(severities[r], i->severity))
			return r;
	return 0;
}

static void note(struct ys_incidents *in, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct ys_incidents *in, const char *fmt, ...)
{
	va_list ap;

	if (in->nnotes == sizeof(in->notes) / sizeof(*in->notes))
		return;
	va_start(ap, fmt);
	vsnprintf(in->notebuf[in->nnotes], sizeof(in->notebuf[0]), fmt, ap);
	va_end(ap);
	in->notes[in->nnotes] = in->notebuf[in->nnotes];
	in->nnotes++;
}

static int step(struct ys_incident *i, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int step(struct ys_incident *i, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	char **v;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (rc || !(v = realloc(i->steps, (i->nsteps + 1) * sizeof(*v)))) {
		strbuf_release(&sb);
		return YS_ENOMEM;
	}
	i->steps = v;
	i->steps[i->nsteps++] = strbuf_detach(&sb, NULL);
	return 0;
}

/* the key's user, state and creation time, from list-access-keys */
static void owner(struct ys_incident *i, struct ys_snapshot *snap, const struct ys_iam_model *m)
{
	size_t k, j;

	for (k = 0; m && k < m->nkeyids; k++) {
		char hex[YS_SHA256_HEX];
		const struct ys_snap_file *f;
		const struct ys_jval *list;

		ys_sha256_hex(m->keyids[k].id, strlen(m->keyids[k].id), hex);
		if (strcmp(hex, i->leak->hash))
			continue;
		i->in_snapshot = 1;
		snprintf(i->user, sizeof(i->user), "%s", m->keyids[k].user);
		snprintf(i->tail, sizeof(i->tail), "%s", m->keyids[k].id + (strlen(m->keyids[k].id) > 4 ? strlen(m->keyids[k].id) - 4 : 0));
		f = ys_snapshot_get_res(snap, "global/iam/list-access-keys", m->keyids[k].user);
		list = f->status == YS_SNAP_OK ? ys_json_get(f->root, "AccessKeyMetadata") : NULL;
		for (j = 0; list && list->type == YS_J_ARRAY && j < list->len; j++) {
			const struct ys_jval *e = &list->u.items[j];

			if (ys_json_str(ys_json_get(e, "AccessKeyId")) &&
			    !strcmp(ys_json_str(ys_json_get(e, "AccessKeyId")), m->keyids[k].id)) {
				snprintf(i->status, sizeof(i->status), "%s",
					 ys_json_str(ys_json_get(e, "Status")) ? ys_json_str(ys_json_get(e, "Status")) : "");
				snprintf(i->created, sizeof(i->created), "%s",
					 ys_json_str(ys_json_get(e, "CreateDate")) ? ys_json_str(ys_json_get(e, "CreateDate")) : "");
			}
		}
		return;
	}
}

static void blast(struct ys_incident *i, struct ys_snapshot *snap, const struct ys_iam_model *m,
		  const struct ys_esc_graph *g)
{
	const struct ys_mprin *mp = i->in_snapshot ? ys_iam_model_find(m, i->user) : NULL;
	struct ys_ctx ctx = {NULL, 0, NULL, 0};
	struct ys_blast b;
	size_t k;

	if (!mp || ys_blast(snap, m, g, (size_t)(mp - m->prin), &ctx, &b))
		return;
	i->blast = 1;
	i->admin = b.admin;
	i->becomes = b.nbecomes;
	snprintf(i->arn, sizeof(i->arn), "%s", mp->p->arn ? mp->p->arn : "");
	for (k = 0; k < b.nst; k++) {
		i->stores++;
		i->destroy += (b.st[k].what & YS_BR_DESTROY) != 0;
		i->read += (b.st[k].what & YS_BR_READ) != 0;
		i->change += (b.st[k].what & YS_BR_CHANGE) != 0;
	}
	ys_blast_release(&b);
}

static void merge_count(struct ys_use_count *into, size_t *n, size_t max, const struct ys_use_count *from,
			size_t nfrom)
{
	size_t a, b;

	for (a = 0; a < nfrom; a++) {
		for (b = 0; b < *n && strcmp(into[b].name, from[a].name); b++)
			;
		if (b < *n)
			into[b].n += from[a].n;
		else if (*n < max)
			into[(*n)++] = from[a];
	}
}

static void merge(void *ctx, const struct ys_key_use *k)
{
	struct ys_incident *i = ctx;
	size_t a;

	if (k != NULL && k->parent)
		i->sessions++;
	i->calls += k->calls;
	i->refused += k->refused;
	if (k->first >= 0 && (i->first < 0 || k->first < i->first))
		i->first = k->first;
	if (k->last > i->last)
		i->last = k->last;
	merge_count(i->ips, &i->nips, YS_USE_IPS, k->ips, k->nips);
	merge_count(i->events, &i->nevents, YS_USE_EVENTS, k->events, k->nevents);
	for (a = 0; a < k->nnotable && i->nnotable < YS_USE_NOTABLE; a++)
		i->notable[i->nnotable++] = k->notable[a];
	for (a = 0; a < k->nroles && i->nroles < YS_USE_ROLES; a++)
		i->roles[i->nroles++] = k->roles[a];
}

static int by_count(const void *a, const void *b)
{
	const struct ys_use_count *x = a, *y = b;

	return x->n != y->n ? (x->n < y->n ? 1 : -1) : strcmp(x->name, y->name);
}

static int by_time(const void *a, const void *b)
{
	const struct ys_use_notable *x = a, *y = b;

	return x->t != y->t ? (x->t < y->t ? -1 : 1) : strcmp(x->name, y->name);
}

static void judge(struct ys_incident *i, const char *account, int keys_known)
{
	int active = !strcmp(i->status, "Active"), used = i->calls > i->refused;
	char who[200];

	if (i->in_snapshot)
		snprintf(who, sizeof(who), "of IAM user %s", i->user);
	else
		snprintf(who, sizeof(who), "%s%s%s", i->leak->account[0] ? "of account " : "",
			 i->leak->account[0] ? i->leak->account : "",
			 !keys_known ? "" : account && !strcmp(account, i->leak->account) ? " (no longer in it)" : "");
	if ((active || !i->in_snapshot) && i->nnotable && used)
		i->severity = "critical";
	else if (active && (used || i->admin || i->destroy))
		i->severity = "critical";
	else if (active || i->leak->verified == 1 || (used && !i->in_snapshot))
		i->severity = "high";
	else if (!keys_known) /* unknown: a key with its secret is taken to be live */
		i->severity = i->leak->with_secret ? "high" : "medium";
	else if (used || (!i->in_snapshot && i->leak->with_secret && i->leak->account[0] &&
			  account && strcmp(account, i->leak->account)))
		i->severity = "medium";
	else
		i->severity = "low";
	snprintf(i->headline, sizeof(i->headline), "%s access key %s leaked%s%s%s",
		 active ? "an active" : i->in_snapshot ? "an inactive" : i->leak->verified == 1 ? "a live" : "an",
		 who, used ? " and was used" : i->trail ? ", not seen used" : "",
		 used && i->nips ? " from " : "", used && i->nips ? i->ips[0].name : "");
	if (account && i->leak->account[0] && strcmp(account, i->leak->account) && !i->in_snapshot)
		snprintf(i->headline + strlen(i->headline), sizeof(i->headline) - strlen(i->headline),
			 " (another account's key: tell its owner)");
}

static int plan(struct ys_incident *i, int64_t now)
{
	char t[32];
	size_t k;
	int rc = 0;

	ys_format_time(now, t);
	if (!strcmp(i->status, "Active"))
		rc = step(i, "deactivate the key now: aws iam update-access-key --user-name %s "
			     "--access-key-id AKIA...%s --status Inactive (the full id: aws iam list-access-keys "
			     "--user-name %s)", i->user, i->tail, i->user);
	else if (!i->in_snapshot)
		rc = step(i, "find the key's account and user (%s) and deactivate it there; if it is not "
			     "yours, tell its owner (AWS Support can reach them)",
			  i->leak->account[0] ? i->leak->account : "the account is not decoded from the id");
	if (!rc && (i->in_snapshot || i->sessions))
		rc = step(i, "revoke the sessions it made: aws iam put-user-policy --user-name %s "
			     "--policy-name revoke-older-sessions --policy-document '{\"Version\":\"2012-10-17\","
			     "\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
			     "{\"DateLessThan\":{\"aws:TokenIssueTime\":\"%s\"}}}]}'",
			  i->in_snapshot ? i->user : "<user>", t);
	for (k = 0; !rc && k < i->nroles; k++)
		rc = step(i, "revoke the role sessions it started: in the console, Roles > %s > Revoke active "
			     "sessions (the same deny on aws:TokenIssueTime)", strrchr(i->roles[k], '/') ?
			  strrchr(i->roles[k], '/') + 1 : i->roles[k]);
	if (!rc && i->leak->nplaces && i->leak->places[0].config)
		rc = step(i, "take the key out of the account's configuration (%zu place%s, first %s): keep "
			     "what the software needs in Secrets Manager and give it a role instead of a key; "
			     "whoever could read that configuration holds the key, so delete it: aws iam "
			     "delete-access-key, after the software that needs it has its new access",
			  i->leak->nplaces, i->leak->nplaces == 1 ? "" : "s", i->leak->places[0].file);
	else if (!rc)
		rc = step(i, "take the key out of the code and its history (%zu place%s, first %s:%ld): git "
			     "filter-repo, then force-push; a key once public stays public, so delete it: aws iam "
			     "delete-access-key, after the software that needs it has a new one",
			  i->leak->nplaces, i->leak->nplaces == 1 ? "" : "s",
			  i->leak->nplaces && i->leak->places[0].file ? i->leak->places[0].file : "?",
			  i->leak->nplaces ? i->leak->places[0].line : 0);
	if (!rc && i->nnotable)
		rc = step(i, "undo what it changed: the %zu notable call%s listed above (users, keys, "
			     "policies and roles it made are how it comes back)", i->nnotable, i->nnotable == 1 ? "" : "s");
	if (!rc && i->calls) {
		if (i->first >= 0)
			ys_format_time(i->first, t);
		rc = step(i, "inspect everything it did from %s on: yourside detect on the trail, and the "
			     "records with its key id", i->first >= 0 ? t : "its first use");
	}
	if (!rc && (i->admin || i->destroy))
		rc = step(i, "it could %s%s%s: check the account for new principals and policies since "
			     "the leak, and that backups still exist (yourside iam code-spaces)",
			  i->admin ? "make itself an administrator" : "",
			  i->admin && i->destroy ? " and " : "", i->destroy ? "destroy data stores" : "");
	if (!rc && i->calls)
		rc = step(i, "prove the trail these calls come from was not edited: yourside verify-trail");
	return rc;
}

int ys_incidents_build(const struct ys_leaks *leaks, struct ys_snapshot *snap,
		       const struct ys_usage *use, int64_t now, struct ys_incidents *in,
		       struct ys_error *err)
{
	struct ys_iam_model *m = NULL;
	struct ys_esc_graph g;
	struct ys_ctx ctx = {NULL, 0, NULL, 0};
	int have_graph = 0, rc = 0;
	size_t i, a, b;

	memset(in, 0, sizeof(*in));
	if (snap) {
		struct ys_error e = {0};

		in->account = ys_snapshot_account(snap);
		if (ys_iam_model_load(snap, &m, &e)) {
			note(in, "the snapshot's IAM cannot be read (%s): keys are not resolved to users", e.msg);
			m = NULL;
		} else if (!m->nkeyids) {
			note(in, "the snapshot has no global/iam/list-access-keys/: keys are not resolved to users");
		} else if (!ys_escalations(m, &ctx, &g)) {
			have_graph = 1;
		}
		in->keys_known = m && m->nkeyids;
	} else {
		note(in, "no snapshot: keys are not resolved to users, nor their reach worked out");
	}
	if (!use)
		note(in, "no trail: whether the keys were used is not known");
	else if (use->other_account)
		note(in, "%zu record%s of the trail %s from another account (%s), not this snapshot's: left out",
		     use->other_account, use->other_account == 1 ? "" : "s", use->other_account == 1 ? "is" : "are",
		     use->other);
	if (leaks->n && !(in->v = calloc(leaks->n, sizeof(*in->v))))
		rc = ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < leaks->n && !rc; i++) {
		struct ys_incident *x = &in->v[in->n++];
		const struct ys_key_use *k;

		x->leak = &leaks->v[i];
		x->first = x->last = -1;
		x->trail = use != NULL;
		owner(x, snap, m);
		if (have_graph)
			blast(x, snap, m, &g);
		if (use && (k = ys_usage_by_hash(use, x->leak->hash))) {
			merge(x, k);
			ys_usage_children(use, k, merge, x);
		}
		qsort(x->ips, x->nips, sizeof(*x->ips), by_count);
		qsort(x->events, x->nevents, sizeof(*x->events), by_count);
		qsort(x->notable, x->nnotable, sizeof(*x->notable), by_time);
		judge(x, in->account, in->keys_known);
		if (plan(x, now))
			rc = ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	/* worst first, then the most used */
	for (a = 1; a < in->n; a++)
		for (b = a; b > 0; b--) {
			struct ys_incident *p = &in->v[b - 1], *q = &in->v[b], t;
			int sp = ys_severity_of_incident(p), sq = ys_severity_of_incident(q);

			if (sp > sq || (sp == sq && p->calls >= q->calls))
				break;
			t = *p;
			*p = *q;
			*q = t;
		}
	if (have_graph)
		ys_esc_graph_release(&g);
	ys_iam_model_free(m);
	if (rc)
		ys_incidents_release(in);
	return rc;
}

void ys_incidents_release(struct ys_incidents *in)
{
	size_t i, j;

	for (i = 0; i < in->n; i++) {
		for (j = 0; j < in->v[i].nsteps; j++)
			free(in->v[i].steps[j]);
		free(in->v[i].steps);
	}
	free(in->v);
	memset(in, 0, sizeof(*in));
}
