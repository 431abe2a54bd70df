/* collect-org.c: `collect --organization`: the accounts AWS Organizations lists, each collected
 * through a role assumed in it (the caller's own with its own credentials), several at once */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "collect.h"
#include "aws/creds.h"
#include "aws/http.h"
#include "aws/sts.h"
#include "collect/org.h"
#include "banned.h"

/* What a worker is collecting, for the status line. */
struct slot {
	int busy;
	struct ys_engine_stats st;
	size_t in_flight, queued;
};

struct org_run {
	const struct ys_collect_opts *o;
	const struct ys_aws_shapes *shapes;
	const struct ys_aws_creds *creds; /* the caller's */
	char caller[16], partition[32];
	struct ys_org org;
	pthread_mutex_t lock; /* over everything below, and stderr */
	size_t next, ended, active;
	struct ys_engine_stats done; /* the finished accounts' counts */
	struct slot *slots;
	int tty, line_shown;
	int64_t last_line;
};

struct worker {
	struct org_run *r;
	size_t slot;
	pthread_t thread;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Takes the status line off the screen (the lock held). */
static void clear_line(struct org_run *r)
{
	if (r->line_shown)
		fputs(r->tty ? "\r\033[K" : "\n", stderr);
	r->line_shown = 0;
}

/* "collect: <message>" on a line of its own (the lock held). */
static void say(struct org_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct org_run *r, const char *fmt, ...)
{
	va_list ap;

	clear_line(r);
	fputs("collect: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void add_stats(struct ys_engine_stats *to, const struct ys_engine_stats *st)
{
	to->calls += st->calls;
	to->pages += st->pages;
	to->requests += st->requests;
	to->throttled += st->throttled;
	to->retried += st->retried;
	to->refused += st->refused;
	to->failed += st->failed;
	to->bytes += st->bytes;
}

/* The status line: accounts done and in hand, and every engine's calls (the lock held). */
static void status_line(struct org_run *r)
{
	struct ys_engine_stats all = r->done;
	size_t i, busy = 0, in_flight = 0, queued = 0;

	for (i = 0; i < (size_t)r->o->accounts_at_once; i++) {
		if (!r->slots[i].busy)
			continue;
		busy++;
		add_stats(&all, &r->slots[i].st);
		in_flight += r->slots[i].in_flight;
		queued += r->slots[i].queued;
	}
	fprintf(stderr, "\rcollect: %zu of %zu accounts done, %zu in hand; %zu calls done, %zu "
			"refused, %zu in flight, %zu queued, %zu throttled   ",
		r->ended, r->active, busy, all.calls, all.refused, in_flight, queued, all.throttled);
	r->line_shown = 1;
}

static void tick(const struct ys_engine_stats *st, size_t in_flight, size_t queued, int last,
		 void *ctx)
{
	struct worker *w = ctx;
	struct org_run *r = w->r;
	struct slot *s = &r->slots[w->slot];
	int64_t t = now_ms();

	pthread_mutex_lock(&r->lock);
	s->st = *st;
	s->in_flight = in_flight;
	s->queued = queued;
	if (r->o->progress && (last || t - r->last_line >= 200)) {
		r->last_line = t;
		status_line(r);
	}
	pthread_mutex_unlock(&r->lock);
}

/* One account: a role assumed in it (not in the caller's own), then its snapshot. */
static void collect_one(struct worker *w, struct ys_org_account *a)
{
	struct org_run *r = w->r;
	const struct ys_collect_opts *o = r->o;
	struct ys_aws_creds creds;
	struct ys_engine_stats st;
	struct ys_error err = {0};
	struct ys_collect_target t = {NULL, r->creds, tick, w};
	char out[4096], role[700], line[300];
	int own = !strcmp(a->id, r->caller), rc = 0;

	memset(&creds, 0, sizeof(creds));
	memset(&st, 0, sizeof(st));
	snprintf(out, sizeof(out), "%s/%s", o->out, a->id);
	t.out = out;
	if (!own) {
		struct ys_assume req = {role, "yourside-collect", o->external_id, NULL, o->endpoint,
					o->role_name};

		snprintf(role, sizeof(role), "arn:%s:iam::%s:role/%s", r->partition, a->id,
			 o->role_name);
		rc = ys_creds_assume_role(r->shapes, r->creds, &req, &creds, &err);
		t.creds = &creds;
	}
	if (!rc)
		rc = ys_collect_account(o, r->shapes, &t, &st, &err);
	memset(&creds, 0, sizeof(creds));
	pthread_mutex_lock(&r->lock);
	r->slots[w->slot].busy = 0;
	add_stats(&r->done, &st);
	r->ended++;
	if (rc) {
		a->result = rc == YS_EREFUSED ? YS_ORG_REFUSED : YS_ORG_FAILED;
		snprintf(a->reason, sizeof(a->reason), "%s", err.msg);
		say(r, "account %s (%s) [%zu/%zu]: %s", a->id, a->name, r->ended, r->active,
		    a->reason);
	} else {
		a->result = YS_ORG_COLLECTED;
		ys_collect_summary(&st, line, sizeof(line));
		say(r, "account %s (%s) [%zu/%zu]%s: wrote %s: %s", a->id, a->name, r->ended,
		    r->active, own ? ", with the caller's own credentials" : "", out, line);
	}
	pthread_mutex_unlock(&r->lock);
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct org_run *r = w->r;

	for (;;) {
		struct ys_org_account *a = NULL;

		pthread_mutex_lock(&r->lock);
		while (r->next < r->org.naccounts && !a) {
			if (r->org.accounts[r->next].result == YS_ORG_PENDING)
				a = &r->org.accounts[r->next];
			r->next++;
		}
		if (a) {
			memset(&r->slots[w->slot], 0, sizeof(r->slots[w->slot]));
			r->slots[w->slot].busy = 1;
		}
		pthread_mutex_unlock(&r->lock);
		if (!a)
			return NULL;
		collect_one(w, a);
	}
}

static int is_account_id(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return i == 12;
}

/* Sets aside the accounts that cannot be collected: suspended, closing, or oddly named (they
 * are said later, after the organization). */
static void set_aside(struct org_run *r)
{
	size_t i, k;

	for (i = 0; i < r->org.naccounts; i++) {
		struct ys_org_account *a = &r->org.accounts[i];

		for (k = 0; k < i && strcmp(r->org.accounts[k].id, a->id); k++)
			;
		if (!is_account_id(a->id) || k < i) {
			a->result = YS_ORG_FAILED;
			snprintf(a->reason, sizeof(a->reason), "'%s' is not a 12-digit account id, "
				 "or comes twice in the list", a->id);
		} else if (strcmp(a->status, "ACTIVE")) {
			a->result = YS_ORG_SUSPENDED;
			snprintf(a->reason, sizeof(a->reason), "the account is %s: nothing to collect",
				 !strcmp(a->status, "SUSPENDED") ? "suspended" : a->status);
		} else {
			r->active++;
		}
	}
}

/* Who the credentials are: their account, and the partition their ARN is in. */
static int caller_of(struct org_run *r)
{
	struct ys_caller_identity id;
	struct ys_error err = {0};
	const char *p;

	if (ys_sts_get_caller_identity(r->o->endpoint, r->creds, (int64_t)time(NULL), &id, &err))
		return ys_die_usage("cannot ask STS whose credentials these are: %s", err.msg);
	if (!id.live)
		return ys_die_usage("STS refused the credentials (%s)", id.code);
	snprintf(r->caller, sizeof(r->caller), "%s", id.account);
	/* arn:<partition>:... */
	p = strncmp(id.arn, "arn:", 4) ? "aws" : id.arn + 4;
	snprintf(r->partition, sizeof(r->partition), "%.*s", (int)strcspn(p, ":"), p);
	if (!*r->partition)
		snprintf(r->partition, sizeof(r->partition), "aws");
	return 0;
}

/* ListAccounts refused: why, and what to do instead. */
static int not_listed(struct org_run *r)
{
	const char *code = r->org.refused;

	if (!strcmp(code, "AWSOrganizationsNotInUseException"))
		return ys_die_usage("account %s is not in an organization: collect it without "
				    "--organization", r->caller);
	if (!strncmp(code, "AccessDenied", 12))
		return ys_die_usage("AWS Organizations refused to list the accounts (%s): run this "
				    "from the management account or a delegated administrator, as a "
				    "principal allowed organizations:ListAccounts", code);
	return ys_die_usage("cannot list the organization's accounts: AWS Organizations answered "
			    "%s (%s/organizations/list-accounts.error.json)", code, r->o->out);
}

static void run_workers(struct org_run *r)
{
	size_t n = (size_t)r->o->accounts_at_once, started = 0, i;
	struct worker *w = calloc(n, sizeof(*w));

	if (!w)
		return;
	if (n > r->active)
		n = r->active;
	for (i = 0; i < n; i++) {
		w[i] = (struct worker){r, i, 0};
		if (pthread_create(&w[i].thread, NULL, work, &w[i]))
			break;
		started++;
	}
	if (!started && n) /* no thread to be had: one at a time, here */
		work(&w[0]);
	for (i = 0; i < started; i++)
		pthread_join(w[i].thread, NULL);
	free(w);
}

int ys_collect_org(const struct ys_collect_opts *o, const struct ys_aws_shapes *shapes,
		   const struct ys_aws_creds *creds)
{
	struct org_run r;
	struct ys_org_opts oo = {o->out, o->endpoint, creds, o->jobs, o->attempts};
	struct ys_error err = {0};
	time_t started = time(NULL);
	struct tm tm;
	char when[32], mark[4096];
	size_t i, counts[YS_ORG_FAILED + 1] = {0};
	int rc;

	memset(&r, 0, sizeof(r));
	r.o = o;
	r.shapes = shapes;
	r.creds = creds;
	r.tty = isatty(2);
	/* a folder that cannot be written is found now, not after every account; the mark stays
	 * until organization.json is written, as snapshot.json.part does for an account */
	if (ys_collect_write(o->out, "organization.json.part", "", 0, &err))
		return ys_die_usage("%s", err.msg);
	if ((rc = caller_of(&r)))
		return rc;
	if (!oo.endpoint)
		oo.endpoint = ys_aws_endpoint_env("AWS_ENDPOINT_URL_ORGANIZATIONS");
	if (ys_org_read(shapes, &oo, &r.org, &err))
		return ys_die_usage("%s", err.msg);
	if (*r.org.refused) {
		rc = not_listed(&r);
		ys_org_release(&r.org);
		return rc;
	}
	if (!(r.slots = calloc((size_t)o->accounts_at_once, sizeof(*r.slots)))) {
		ys_org_release(&r.org);
		return ys_die_usage("out of memory");
	}
	pthread_mutex_init(&r.lock, NULL);
	set_aside(&r);
	ys_warn("organization %s (management account %s): %zu accounts, %zu active, %d at a time, "
		"through role %s", *r.org.id ? r.org.id : "(not said)",
		*r.org.management ? r.org.management : "(not said)", r.org.naccounts, r.active,
		o->accounts_at_once, o->role_name);
	for (i = 0; i < r.org.naccounts; i++)
		if (r.org.accounts[i].result != YS_ORG_PENDING)
			say(&r, "account %s (%s): %s", r.org.accounts[i].id, r.org.accounts[i].name,
			    r.org.accounts[i].reason);
	run_workers(&r);
	pthread_mutex_lock(&r.lock);
	clear_line(&r);
	pthread_mutex_unlock(&r.lock);
	gmtime_r(&started, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (i = 0; i < r.org.naccounts; i++) {
		if (r.org.accounts[i].result == YS_ORG_PENDING) {
			r.org.accounts[i].result = YS_ORG_FAILED;
			snprintf(r.org.accounts[i].reason, sizeof(r.org.accounts[i].reason),
				 "no thread could be started to collect it");
		}
		counts[r.org.accounts[i].result]++;
	}
	snprintf(mark, sizeof(mark), "%s/organization.json.part", o->out);
	unlink(mark);
	if (ys_org_write(&r.org, o->out, when, "yourside collect " YS_VERSION, &err)) {
		rc = ys_die_usage("%s", err.msg);
	} else {
		ys_warn("wrote %s: %zu accounts collected, %zu refused, %zu suspended, %zu failed",
			o->out, counts[YS_ORG_COLLECTED], counts[YS_ORG_REFUSED],
			counts[YS_ORG_SUSPENDED], counts[YS_ORG_FAILED]);
		rc = counts[YS_ORG_REFUSED] + counts[YS_ORG_FAILED] ? YS_EXIT_FINDINGS
								    : YS_EXIT_CLEAN;
	}
	pthread_mutex_destroy(&r.lock);
	free(r.slots);
	ys_org_release(&r.org);
	return rc;
}
