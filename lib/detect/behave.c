/* behave.c: the behaviour detectors over one record at a time: who made the call (a person, a
 * workload, an EC2 instance), from where and with what, against baselines kept per principal
 * (never per temporary key), bounded and aged; a key judged stolen becomes one incident */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "alert.h"
#include "behave-read.h"
#include "rows.h"
#include "stolen.h"
#include "trailbucket.h"
#include "../banned.h"

#define NETS_KEPT 16	      /* networks kept per principal: the most used */
#define CLIENTS_KEPT 8	      /* client families kept per principal */
#define IDLE (90 * 86400)     /* a network or client unused this long is forgotten */
#define REMOTE_SPAN 86400     /* an address that ran commands on instances counts this long */
#define INSTANCE_IDLE (7 * 86400) /* an instance quiet this long is forgotten */
#define DORMANT (90 * 86400)  /* an access key unused this long, used again, is said */
#define QUIET 3600	      /* a stolen session's incident ends after an hour without calls */
#define FLAGGED_SPAN 86400    /* a key another detector flagged is suspect this long */
#define QUARANTINE_SPAN (30 * 86400) /* a user whose key AWS quarantined, this long */
#define SWEEP_EVERY 100000    /* records between sweeps of forgotten subjects */

struct ys_behave {
	struct ys_behave_opts o;
	struct rows rows;
	struct ys_stolen *stolen;
	struct ys_behave_reader *reader; /* its own, for ys_behave_record */
	int64_t newest;			    /* the latest event time seen, or -1 */
	int64_t ended;			    /* when quiet incidents were last ended */
	uint64_t since_sweep;
};

void ys_behave_defaults(struct ys_behave_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->key_events = 20;
	o->key_span = 7 * 86400;
	o->hour_events = 100;
	o->hour_span = 14 * 86400;
}

int ys_behave_new(const struct ys_behave_opts *o, struct ys_behave **out)
{
	struct ys_behave *b = calloc(1, sizeof(*b));

	if (!b || ys_rows_init(&b->rows)) {
		free(b);
		return YS_ENOMEM;
	}
	if (ys_stolen_new(&b->rows, QUIET, &b->stolen) ||
	    ys_behave_reader_of(o->aws, o->own, &b->reader)) {
		ys_stolen_free(b->stolen);
		ys_rows_release(&b->rows);
		free(b);
		return YS_ENOMEM;
	}
	b->o = *o;
	b->newest = -1;
	b->ended = -1;
	*out = b;
	return 0;
}

void ys_behave_free(struct ys_behave *b)
{
	if (!b)
		return;
	ys_behave_reader_free(b->reader);
	ys_stolen_free(b->stolen);
	ys_rows_release(&b->rows);
	free(b);
}


void ys_behave_keep_changes(struct ys_behave *b)
{
	b->rows.track = 1;
}

int64_t ys_behave_newest(const struct ys_behave *b)
{
	return b->newest;
}

static int hour_of(const char *value)
{
	return value[0] == 'h' && value[1] >= '0' && value[1] <= '2' && value[2] >= '0' &&
		       value[2] <= '9' && !value[3]
		   ? (value[1] - '0') * 10 + (value[2] - '0')
		   : -1;
}

int ys_behave_load(struct ys_behave *b, const struct ys_baseline_row *row)
{
	struct row *r, *all;
	int h = hour_of(row->value);

	if (!strcmp(row->kind, "stolen"))
		return ys_stolen_load(b->stolen, row);
	if (!(r = ys_rows_load(&b->rows, row)))
		return YS_ENOMEM;
	if (!strcmp(row->kind, "hour") && h >= 0 && h < 24) {
		if (!(all = ys_rows_find(&b->rows, "hour", row->subject, "", 1)))
			return YS_ENOMEM;
		all->hours |= 1u << h;
	}
	return 0;
}

int ys_behave_each_changed(struct ys_behave *b, ys_baseline_fn fn, void *ctx)
{
	return ys_rows_each_changed(&b->rows, fn, ctx);
}

struct seen {
	struct ys_jlazy *rec;
	const char *file;
	int64_t t;
	ys_alert_fn fn;
	void *ctx;
};

static const char *const cloud_accounts[] = {"T1078.004"};
static const char *const instance_creds[] = {"T1552.005", "T1078.004"};
static const char *const stolen_creds[] = {"T1528", "T1078.004"};
static const char *const defense_evasion[] = {"T1562.008"};

enum {
	OUTSIDE_AWS,
	FROM_REMOTE,
	SECOND_NETWORK,
	ROLE_OUTSIDE,
	NEW_NETWORK,
	NEW_CLIENT,
	DORMANT_KEY,
	UNUSUAL_HOUR,
	AFTER_ALERT,
	TRAIL_BUCKET_CHANGED,
	TRAIL_BUCKET_CUT_OFF
};

const struct ys_behave_info ys_behave_detectors[] = {
    [OUTSIDE_AWS] = {"instance-credentials-outside-aws",
		     "EC2 instance credentials used from outside AWS", "high", instance_creds, 2},
    [FROM_REMOTE] = {"instance-credentials-from-remote-access",
		     "EC2 instance credentials used from the address that ran commands on instances",
		     "high", instance_creds, 2},
    [SECOND_NETWORK] = {"instance-credentials-new-network",
			"EC2 instance credentials used from a second network", "high",
			instance_creds, 2},
    [ROLE_OUTSIDE] = {"role-credentials-outside-aws",
		      "A workload's role credentials used from outside AWS", "high", stolen_creds, 2},
    [NEW_NETWORK] = {"credentials-new-network",
		     "Credentials used from a network their owner never used", "medium",
		     cloud_accounts, 1},
    [NEW_CLIENT] = {"access-key-new-client", "Access key used by a kind of client its user never used",
		    "medium", cloud_accounts, 1},
    [DORMANT_KEY] = {"access-key-dormant", "Access key used again after 90 days or more unused",
		     "medium", cloud_accounts, 1},
    [UNUSUAL_HOUR] = {"unusual-hour", "Activity at an hour the principal never works", "low",
		      cloud_accounts, 1},
    [AFTER_ALERT] = {"credentials-new-network-after-alert",
		     "Flagged credentials used from a new network", "high", stolen_creds, 2},
    [TRAIL_BUCKET_CHANGED] = {"trail-bucket-changed",
			      "The bucket that holds the CloudTrail logs changed",
			      "medium", defense_evasion, 1},
    [TRAIL_BUCKET_CUT_OFF] = {"trail-bucket-cut-off",
			      "CloudTrail can no longer write to the bucket that holds its logs",
			      "high", defense_evasion, 1},
    {NULL, NULL, NULL, NULL, 0},
};

static void describe(struct ys_alert *a, int which)
{
	const struct ys_behave_info *d = &ys_behave_detectors[which];

	a->rule = d->rule;
	a->title = d->title;
	a->severity = d->severity;
	a->attack = d->attack;
	a->nattack = d->nattack;
	a->source = "behaviour";
}

static int alert_on(const struct seen *e, int which)
{
	struct ys_alert_subject who;
	struct ys_subject_text text;
	struct ys_alert a;

	ys_alert_of_lazy(&a, &who, &text, e->rec, e->file);
	describe(&a, which);
	return e->fn(e->ctx, &a);
}

/* The trail's bucket changed: the alert names the bucket. */
static int trail_bucket(const struct seen *e, int which)
{
	struct ys_alert_subject who;
	struct ys_subject_text text;
	struct ys_alert a;
	char bucket[128], title[256];

	ys_alert_of_lazy(&a, &who, &text, e->rec, e->file);
	describe(&a, which);
	if (ys_jlazy_str(e->rec, "requestParameters.bucketName", bucket, sizeof(bucket))) {
		snprintf(title, sizeof(title),
			 which == TRAIL_BUCKET_CUT_OFF
			     ? "CloudTrail can no longer write its logs to bucket %s"
			     : "Bucket %s, which holds the CloudTrail logs, changed",
			 bucket);
		a.title = title;
	}
	return e->fn(e->ctx, &a);
}

/* Judged stolen: the incident opens with this call; every later call with the key joins it. */
static int stolen(struct ys_behave *b, const struct seen *e, const char *key, int which)
{
	if (!*key)
		return alert_on(e, which);
	return ys_stolen_open(b->stolen, key, which, e->rec, e->file, e->t);
}

struct ended {
	ys_alert_fn fn;
	void *ctx;
};

static int ended(void *ctx, int which, struct ys_alert *a)
{
	const struct ended *x = ctx;

	describe(a, which);
	return x->fn(x->ctx, a);
}

int ys_behave_end(struct ys_behave *b, int64_t now, int all, ys_alert_fn fn, void *ctx)
{
	struct ended x = {fn, ctx};

	return ys_stolen_end(b->stolen, now, all, ended, &x);
}

/* Is this the first time (kind, subject) shows value, after a baseline long enough to judge?
 * Counts the event either way, keeping the subject's values bounded. Returns 1 (new, judged),
 * 2 (new, the baseline too short to judge but not empty), 0, or YS_ENOMEM. */
static int novel(struct ys_behave *b, const char *kind, const char *subject, const char *value,
		 int64_t t, uint64_t events, int64_t span, size_t keep)
{
	uint64_t hks = ys_rows_subject_hash(kind, subject);
	struct row *all = ys_rows_find_h(&b->rows, hks, kind, subject, "", 1), *r;
	int judged, fresh, known;

	if (!all)
		return YS_ENOMEM;
	judged = all->n >= events && t - all->first >= span;
	known = all->n > 0;
	if (!ys_rows_count(&b->rows, all, t) ||
	    !(r = ys_rows_find_h(&b->rows, hks, kind, subject, value, 1)))
		return YS_ENOMEM;
	fresh = r->n == 0;
	if (!ys_rows_count(&b->rows, r, t))
		return YS_ENOMEM;
	if (fresh && all->nvalues > keep)
		ys_rows_bound(&b->rows, all, keep, t - IDLE);
	return !fresh ? 0 : judged ? 1 : known ? 2 : 0;
}

void ys_behave_set_aws(struct ys_behave *b, const struct ys_cidrset *aws)
{
	b->o.aws = aws;
	ys_behave_reader_set_aws(b->reader, aws);
}

/* An exact address that ran commands on instances lately. */
static int remote_address(struct ys_behave *b, const char *ipstr, int64_t t)
{
	struct row *r = ys_rows_find(&b->rows, "remote-ip", ipstr, "", 0);

	return r && r->last >= t - REMOTE_SPAN && r->first <= t;
}

static int instance(struct ys_behave *b, const struct seen *e, const struct ys_behave_facts *f)
{
	const char *key = f->s + f->key;
	int rc;

	if (f->outside)
		return stolen(b, e, key, OUTSIDE_AWS);
	if (remote_address(b, f->s + f->ipstr, e->t))
		return stolen(b, e, key, FROM_REMOTE);
	if (f->internal)
		return 0; /* its own private address: no network to learn */
	/* the instance's first network is its own; another one is someone else */
	if ((rc = novel(b, "instance-net", f->s + f->arn, f->s + f->net, e->t, 1, 0, NETS_KEPT)) < 0)
		return rc;
	return rc == 1 ? stolen(b, e, key, SECOND_NETWORK) : 0;
}

/* A workload (a role that is not a person nor an instance: Lambda, ECS, CI): outside AWS when it
 * never was is someone else holding its credentials. Its calls are counted by its working hours'
 * row (the same principal); only calls from outside AWS are looked at here. */
static int workload(struct ys_behave *b, const struct seen *e, const char *role, const char *key,
		    int outside)
{
	struct row *all, *out;

	if (!outside)
		return 0;
	all = ys_rows_find(&b->rows, "hour", role, "", 0);
	if (!(out = ys_rows_find(&b->rows, "role-outside", role, "", 1)))
		return YS_ENOMEM;
	if (out->n == 0 && all && all->n > b->o.key_events && e->t - all->first >= 86400) {
		if (!ys_rows_count(&b->rows, out, e->t))
			return YS_ENOMEM;
		return stolen(b, e, key, ROLE_OUTSIDE);
	}
	return ys_rows_count(&b->rows, out, e->t) ? 0 : YS_ENOMEM;
}

/* Marks subject flagged at t by `why` (kind "flagged", value "alert" or "quarantine"). */
static int mark(struct ys_behave *b, const char *subject, const char *why, int64_t t)
{
	uint64_t hks = ys_rows_subject_hash("flagged", subject);

	if (!ys_rows_count(&b->rows, ys_rows_find_h(&b->rows, hks, "flagged", subject, "", 1), t) ||
	    !ys_rows_count(&b->rows, ys_rows_find_h(&b->rows, hks, "flagged", subject, why, 1), t))
		return YS_ENOMEM;
	return 0;
}

/* A credential alert: said, and its subject suspect for a day, so that a new network next is
 * taken for the thief's. */
static int flag(struct ys_behave *b, const struct seen *e, const char *subject, int which)
{
	int rc = mark(b, subject, "alert", e->t);

	return rc ? rc : alert_on(e, which);
}

/* Flagged lately: 2 when AWS quarantined its key within a month, 1 when another detector
 * flagged it within a day, else 0. */
static int flagged(struct ys_behave *b, const char *subject, int64_t t)
{
	uint64_t hks = ys_rows_subject_hash("flagged", subject);
	struct row *a, *q;

	if (!ys_rows_find_h(&b->rows, hks, "flagged", subject, "", 0))
		return 0;
	a = ys_rows_find_h(&b->rows, hks, "flagged", subject, "alert", 0);
	q = ys_rows_find_h(&b->rows, hks, "flagged", subject, "quarantine", 0);
	if (q && q->last <= t && t - q->last < QUARANTINE_SPAN)
		return 2;
	return a && a->last <= t && t - a->last < FLAGGED_SPAN;
}

static int clients(struct ys_behave *b, const struct seen *e, const char *subject, const char *fam)
{
	int rc;

	if ((rc = novel(b, "client", subject, fam, e->t, b->o.key_events, b->o.key_span,
			CLIENTS_KEPT)) < 0)
		return rc;
	return rc == 1 ? flag(b, e, subject, NEW_CLIENT) : 0;
}

/* A long-term key used again after months: a key someone forgot, now someone else's. */
static int dormant(struct ys_behave *b, const struct seen *e, const char *subject, const char *key)
{
	struct row *r = ys_rows_find(&b->rows, "key", key, "", 1);
	int was = r && r->n && e->t - r->last >= DORMANT;

	if (!ys_rows_count(&b->rows, r, e->t))
		return YS_ENOMEM;
	return was ? flag(b, e, subject, DORMANT_KEY) : 0;
}

/* who: the principal (a role, not each of its sessions) */
static int working_hours(struct ys_behave *b, const struct seen *e, const char *who)
{
	char hour[4];
	struct row *all;
	uint64_t hks;
	int h = (int)(e->t % 86400 / 3600), judged;
	uint32_t near = 1u << h | 1u << (h + 23) % 24 | 1u << (h + 1) % 24;

	hks = ys_rows_subject_hash("hour", who);
	if (!(all = ys_rows_find_h(&b->rows, hks, "hour", who, "", 1)))
		return YS_ENOMEM;
	judged = all->n >= b->o.hour_events && e->t - all->first >= b->o.hour_span &&
		 !(all->hours & near);
	if (!ys_rows_count(&b->rows, all, e->t))
		return YS_ENOMEM;
	if (!(all->hours & 1u << h)) { /* a new hour: its own row, for the state */
		hour[0] = 'h';
		hour[1] = (char)('0' + h / 10);
		hour[2] = (char)('0' + h % 10);
		hour[3] = 0;
		if (!ys_rows_count(&b->rows, ys_rows_find_h(&b->rows, hks, "hour", who, hour, 1), e->t))
			return YS_ENOMEM;
		all->hours |= 1u << h;
	}
	return judged ? alert_on(e, UNUSUAL_HOUR) : 0;
}

/* Subjects nobody has heard from in a long while are forgotten: memory stays flat however many
 * sessions, instances and addresses come and go. */
static void forget_idle(void *ctx, struct row *r)
{
	struct ys_behave *b = ctx;
	int64_t idle = !strcmp(r->kind, "remote-ip")	? REMOTE_SPAN
		       : !strcmp(r->kind, "instance-net") ? INSTANCE_IDLE
		       : !strcmp(r->kind, "flagged")	  ? QUARANTINE_SPAN
							  : IDLE;

	if (r->last < b->newest - idle)
		ys_rows_kill(&b->rows, r);
}

static void sweep(struct ys_behave *b)
{
	static const char *const kinds[] = {"remote-ip", "instance-net", "net",	 "client",
					    "role-outside", "key",	 "hour", "flagged"};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		ys_rows_each(&b->rows, kinds[i], forget_idle, b);
}

int ys_behave_judge(struct ys_behave *b, const struct ys_behave_facts *f, struct ys_jlazy *rec,
		    const char *file, ys_alert_fn fn, void *ctx)
{
	const char *key = f->s + f->key, *arn = f->s + f->arn;
	struct seen e = {rec, file, f->t, fn, ctx};
	char subject[1024];
	struct ys_jraw evname;
	int rc, fl;

	if (f->t < 0)
		return 0;
	if (e.t > b->newest)
		b->newest = e.t;
	/* incidents of stolen keys end after an hour without calls; looked at once a minute */
	if (b->ended < 0 || e.t - b->ended >= 60) {
		b->ended = e.t;
		if ((rc = ys_behave_end(b, e.t, 0, fn, ctx)))
			return rc;
	}
	if (++b->since_sweep >= SWEEP_EVERY) {
		b->since_sweep = 0;
		sweep(b);
	}
	/* a key judged stolen: every call it makes is the incident's, and teaches nothing */
	if (*key && (rc = ys_stolen_join(b->stolen, key, rec, e.t)) != 0)
		return rc < 0 ? rc : 0;
	if (f->quarantine && (rc = mark(b, f->s + f->quarantine, "quarantine", e.t)))
		return rc;
	/* the trail's own bucket, whoever changes it */
	if (f->bucket) {
		if (!ys_jlazy_top(rec, "eventName", 9, &evname))
			evname.len = 0;
		if ((rc = ys_trailbucket_record(&b->rows, rec, evname, e.t)) < 0)
			return rc;
		if (rc && (rc = trail_bucket(&e, rc == YS_TRAILBUCKET_CUT_OFF ? TRAIL_BUCKET_CUT_OFF
									     : TRAIL_BUCKET_CHANGED)))
			return rc;
	}
	/* calls that a service makes on someone's behalf say nothing of the caller */
	if (!f->caller)
		return 0;
	if (f->remote &&
	    !ys_rows_count(&b->rows, ys_rows_find(&b->rows, "remote-ip", f->s + f->ipstr, "", 1), e.t))
		return YS_ENOMEM;
	/* an instance works around the clock: no hours to learn; the Systems Manager agent's own
	 * channels (ssmmessages, ec2messages) are the agent's, wherever the instance runs */
	if (f->kind == YS_WHO_INSTANCE)
		return f->has_ip && !f->agent ? instance(b, &e, f) : 0;
	memcpy(subject, arn, f->principal);
	subject[f->principal] = 0;
	if (f->kind == YS_WHO_WORKLOAD) {
		if (f->has_ip && (rc = workload(b, &e, subject, key, f->outside)))
			return rc;
		return working_hours(b, &e, subject);
	}
	/* a person: the session, not the role, is who (a role of Identity Center is many people);
	 * the role's hours are still the role's */
	if ((rc = working_hours(b, &e, subject)))
		return rc;
	if (f->kind == YS_WHO_PERSON)
		snprintf(subject, sizeof(subject), "%s", arn);
	/* a long-term key's client and dormancy first: either flags the key for what follows */
	if (!strncmp(key, "AKIA", 4)) {
		if ((rc = dormant(b, &e, subject, key)) ||
		    (rc = clients(b, &e, subject, f->s + f->family)))
			return rc;
	}
	if (!f->has_ip || f->internal)
		return 0;
	if ((rc = novel(b, "net", subject, f->s + f->net, e.t, b->o.key_events, b->o.key_span,
			NETS_KEPT)) <= 0)
		return rc;
	/* a new network for flagged credentials is the thief's: every call of the key from here on
	 * is one incident (a baseline too short to judge is enough once AWS quarantined the key) */
	if (*key && (fl = flagged(b, subject, e.t)) && (rc == 1 || fl == 2))
		return stolen(b, &e, key, AFTER_ALERT);
	return rc == 1 ? alert_on(&e, NEW_NETWORK) : 0;
}

int ys_behave_record(struct ys_behave *b, struct ys_jlazy *rec, const char *file, ys_alert_fn fn,
		     void *ctx)
{
	return ys_behave_judge(b, ys_behave_read(b->reader, rec), rec, file, fn, ctx);
}
