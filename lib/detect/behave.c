/* behave.c: the behaviour detectors over one record at a time, their baselines in a hash table
 * that the state loads and saves */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../base/isotime.h"
#include "../base/file.h"
#include "../base/grow.h"
#include "../base/hash.h"
#include "alert.h"
#include "behave.h"
#include "correlate.h"
#include "ranges.h"
#include "../banned.h"

#define FIRST_BUCKETS 4096 /* doubled whenever there are more rows than buckets */

struct row {
	struct row *next;
	uint64_t hash;
	char *kind, *subject, *value; /* one allocation: kind\0subject\0value\0 */
	int64_t first, last;
	uint64_t n;
	int changed;
	uint32_t hours; /* kind "hour", value "": the hours (UTC) the subject worked, as bits */
};

struct ys_behave {
	struct ys_behave_opts o;
	struct row **b;
	size_t nb, nrows;
	struct row **changed;
	size_t nchanged, capchanged;
	char last_ua[256], last_family[64]; /* user agents repeat: the last one's family */
	int64_t newest;			    /* the latest event time seen, or -1 */
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

	if (!b || !(b->b = calloc(FIRST_BUCKETS, sizeof(*b->b)))) {
		free(b);
		return YS_ENOMEM;
	}
	b->nb = FIRST_BUCKETS;
	b->o = *o;
	b->newest = -1;
	*out = b;
	return 0;
}

void ys_behave_free(struct ys_behave *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->nb; i++) {
		while (b->b[i]) {
			struct row *r = b->b[i];

			b->b[i] = r->next;
			free(r->kind);
			free(r);
		}
	}
	free(b->changed);
	free(b->b);
	free(b);
}

/* Twice the buckets, the rows spread over them again (nothing changes when memory runs out). */
static void grow(struct ys_behave *b)
{
	size_t nb = b->nb * 2, i;
	struct row **t = calloc(nb, sizeof(*t)), *r, *next;

	if (!t)
		return;
	for (i = 0; i < b->nb; i++) {
		for (r = b->b[i]; r; r = next) {
			next = r->next;
			r->next = t[r->hash % nb];
			t[r->hash % nb] = r;
		}
	}
	free(b->b);
	b->b = t;
	b->nb = nb;
}

/* Rows are hashed by kind and subject, then value: callers that look up one subject's rows
 * twice hash its name once. */
static uint64_t hash_ks(const char *k, const char *s)
{
	return ys_hash_str(ys_hash_str(YS_HASH_SEED, k), s);
}

static struct row *find_h(struct ys_behave *b, uint64_t hks, const char *k, const char *s,
			  const char *v, int create)
{
	size_t kl, sl, vl = strlen(v);
	uint64_t h = ys_hash_mem(hks, v, vl);
	struct row *r, **bucket = &b->b[h % b->nb];

	for (r = *bucket; r; r = r->next)
		if (r->hash == h && !strcmp(r->kind, k) && !strcmp(r->subject, s) &&
		    !strcmp(r->value, v))
			return r;
	if (!create || !(r = calloc(1, sizeof(*r))))
		return NULL;
	kl = strlen(k);
	sl = strlen(s);
	if (!(r->kind = malloc(kl + sl + vl + 3))) {
		free(r);
		return NULL;
	}
	memcpy(r->kind, k, kl + 1);
	r->subject = r->kind + kl + 1;
	memcpy(r->subject, s, sl + 1);
	r->value = r->subject + sl + 1;
	memcpy(r->value, v, vl + 1);
	r->hash = h;
	r->next = *bucket;
	*bucket = r;
	if (++b->nrows > b->nb)
		grow(b);
	return r;
}

static struct row *find(struct ys_behave *b, const char *k, const char *s, const char *v,
			int create)
{
	return find_h(b, hash_ks(k, s), k, s, v, create);
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
	struct row *r = find(b, row->kind, row->subject, row->value, 1);
	int h = hour_of(row->value);

	if (!r)
		return YS_ENOMEM;
	r->first = row->first;
	r->last = row->last;
	r->n = row->n;
	if (!strcmp(row->kind, "hour") && h >= 0 && h < 24) {
		struct row *all = find(b, "hour", row->subject, "", 1);

		if (!all)
			return YS_ENOMEM;
		all->hours |= 1u << h;
	}
	return 0;
}

/* Counts an event at time t in row r (NULL: out of memory, passed on). */
static struct row *count(struct ys_behave *b, struct row *r, int64_t t)
{
	if (!r)
		return NULL;
	if (r->n == 0 || t < r->first)
		r->first = t;
	if (r->n == 0 || t > r->last)
		r->last = t;
	r->n++;
	if (!r->changed) {
		if (ys_grow(&b->changed, &b->capchanged, b->nchanged, sizeof(*b->changed), 256))
			return NULL;
		b->changed[b->nchanged++] = r;
		r->changed = 1;
	}
	return r;
}

int64_t ys_behave_newest(const struct ys_behave *b)
{
	return b->newest;
}

int ys_behave_each_changed(struct ys_behave *b, ys_baseline_fn fn, void *ctx)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < b->nchanged; i++) {
		struct row *r = b->changed[i];
		struct ys_baseline_row out = {r->kind,	r->subject, r->value,
					      r->first, r->last,    r->n};

		r->changed = 0;
		if (!rc)
			rc = fn(ctx, &out);
	}
	b->nchanged = 0;
	return rc;
}

/* The kind of client a user agent names: aws-cli, boto3, terraform, browser, ... */
static void ua_family(const char *ua, char *out, size_t n)
{
	static const char *const known[][2] = {
	    {"kali", "kali-linux"},
	    {"parrot", "parrot-os"},
	    {"pentoo", "pentoo"},
	    {"terraform", "terraform"},
	    {"pulumi", "pulumi"},
	    {"aws-cli", "aws-cli"},
	    {"boto3", "boto3"},
	    {"botocore", "botocore"},
	    {"stratus-red-team", "stratus-red-team"},
	    {"console.amazonaws.com", "aws-console"},
	    {"signin.amazonaws.com", "aws-console"},
	    {"aws internal", "aws-internal"},
	    {"mozilla/", "browser"},
	    {"curl/", "curl"},
	    {"python-requests", "python-requests"},
	};
	char low[256];
	size_t i, len;

	if (!ua || !*ua) {
		snprintf(out, n, "none");
		return;
	}
	for (i = 0; ua[i] && i < sizeof(low) - 1; i++)
		low[i] = (char)tolower((unsigned char)ua[i]);
	low[i] = 0;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strstr(low, known[i][0])) {
			snprintf(out, n, "%s", known[i][1]);
			return;
		}
	}
	/* aws-sdk-go/1.44 → aws-sdk-go; otherwise the first product token */
	len = strcspn(low + strspn(low, "[( "), "/ [();");
	snprintf(out, n, "%.*s", (int)(len > 40 ? 40 : len), low + strspn(low, "[( "));
	if (!*out)
		snprintf(out, n, "other");
}

/* arn:aws:sts::1:assumed-role/Role/session → arn:aws:sts::1:assumed-role/Role */
static void principal_of(const char *arn, char *out, size_t n)
{
	const char *ar = strstr(arn, ":assumed-role/"), *slash;
	size_t len = ar && (slash = strchr(ar + 14, '/')) ? (size_t)(slash - arn) : strlen(arn);

	if (len >= n)
		len = n - 1;
	memcpy(out, arn, len);
	out[len] = 0;
}

/* EC2 hands an instance its role's credentials in a session named after the instance. */
static int instance_session(struct ys_jlazy *l, struct ys_jraw who, const char *type,
			    const char *arn)
{
	struct ys_jraw v;
	const char *s;
	size_t i;

	if (strcmp(type, "AssumedRole") || !(s = strrchr(arn, '/')))
		return 0;
	if (ys_jlazy_member(l, who, "sessionContext", 14, &v) &&
	    ys_jlazy_member(l, v, "ec2RoleDelivery", 15, &v))
		return 1;
	s++;
	if (strncmp(s, "i-", 2) || strlen(s) < 10)
		return 0;
	for (i = 2; s[i]; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
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

enum { OUTSIDE_AWS, SECOND_NETWORK, KEY_NETWORK, KEY_CLIENT, UNUSUAL_HOUR };

const struct ys_behave_info ys_behave_detectors[] = {
    [OUTSIDE_AWS] = {"instance-credentials-outside-aws",
		     "EC2 instance credentials used from outside AWS", "high", instance_creds, 2},
    [SECOND_NETWORK] = {"instance-credentials-new-network",
			"EC2 instance credentials used from a second network", "high",
			instance_creds, 2},
    [KEY_NETWORK] = {"access-key-new-network", "Access key used from a network it never used",
		     "medium", cloud_accounts, 1},
    [KEY_CLIENT] = {"access-key-new-client", "Access key used by a kind of client it never used",
		    "medium", cloud_accounts, 1},
    [UNUSUAL_HOUR] = {"unusual-hour", "Activity at an hour the principal never works", "low",
		      cloud_accounts, 1},
    {NULL, NULL, NULL, NULL, 0},
};

static int alert_on(const struct seen *e, int which)
{
	const struct ys_behave_info *d = &ys_behave_detectors[which];
	struct ys_alert_subject who;
	struct ys_subject_text text;
	struct ys_alert a;

	ys_alert_of_lazy(&a, &who, &text, e->rec, e->file);
	a.rule = d->rule;
	a.title = d->title;
	a.severity = d->severity;
	a.attack = d->attack;
	a.nattack = d->nattack;
	a.source = "behaviour";
	return e->fn(e->ctx, &a);
}

/* Is this the first time (kind, subject) shows value, after a baseline long enough to judge?
 * Counts the event either way. Returns 1 (new, judged), 0, or YS_ENOMEM. */
static int novel(struct ys_behave *b, const char *kind, const char *subject, const char *value,
		 int64_t t, uint64_t events, int64_t span)
{
	uint64_t hks = hash_ks(kind, subject);
	struct row *all = find_h(b, hks, kind, subject, "", 1), *r;
	int judged, fresh;

	if (!all)
		return YS_ENOMEM;
	judged = all->n >= events && t - all->first >= span;
	if (!count(b, all, t) || !(r = find_h(b, hks, kind, subject, value, 1)))
		return YS_ENOMEM;
	fresh = r->n == 0;
	if (!count(b, r, t))
		return YS_ENOMEM;
	return judged && fresh;
}

static int ec2_credentials(struct ys_behave *b, const struct seen *e, const char *session,
			   const struct ys_addr *ip, const char *net)
{
	int rc;

	if (b->o.aws && b->o.aws->n && !ys_cidrset_has(b->o.aws, ip) && !ys_addr_is_internal(ip) &&
	    !find(b, "ec2-outside", session, net, 0)) {
		if (!count(b, find(b, "ec2-outside", session, net, 1), e->t))
			return YS_ENOMEM;
		if ((rc = alert_on(e, OUTSIDE_AWS)))
			return rc;
	}
	/* the instance's first network is its own; another one is someone else */
	if ((rc = novel(b, "ec2-net", session, net, e->t, 1, 0)) < 0)
		return rc;
	if (rc == 1)
		return alert_on(e, SECOND_NETWORK);
	return 0;
}

static int access_key(struct ys_behave *b, const struct seen *e, const char *key, const char *net,
		      const char *ua)
{
	char fam[64];
	int rc;

	if (net) {
		if ((rc = novel(b, "key-net", key, net, e->t, b->o.key_events, b->o.key_span)) < 0)
			return rc;
		if (rc == 1 && (rc = alert_on(e, KEY_NETWORK)))
			return rc;
	}
	if (ua && !strcmp(ua, b->last_ua)) {
		memcpy(fam, b->last_family, sizeof(fam));
	} else {
		ua_family(ua, fam, sizeof(fam));
		if (ua && strlen(ua) < sizeof(b->last_ua)) {
			memcpy(b->last_ua, ua, strlen(ua) + 1);
			memcpy(b->last_family, fam, sizeof(fam));
		}
	}
	if ((rc = novel(b, "key-ua", key, fam, e->t, b->o.key_events, b->o.key_span)) < 0)
		return rc;
	if (rc == 1)
		return alert_on(e, KEY_CLIENT);
	return 0;
}

static int working_hours(struct ys_behave *b, const struct seen *e, const char *arn)
{
	char who[512], hour[4];
	struct row *all;
	int h = (int)(e->t % 86400 / 3600), judged;
	uint32_t near = 1u << h | 1u << (h + 23) % 24 | 1u << (h + 1) % 24;

	principal_of(arn, who, sizeof(who));
	if (!(all = find(b, "hour", who, "", 1)))
		return YS_ENOMEM;
	judged = all->n >= b->o.hour_events && e->t - all->first >= b->o.hour_span &&
		 !(all->hours & near);
	if (!count(b, all, e->t))
		return YS_ENOMEM;
	if (!(all->hours & 1u << h)) { /* a new hour: its own row, for the state */
		hour[0] = 'h';
		hour[1] = (char)('0' + h / 10);
		hour[2] = (char)('0' + h % 10);
		hour[3] = 0;
		if (!count(b, find(b, "hour", who, hour, 1), e->t))
			return YS_ENOMEM;
		all->hours |= 1u << h;
	}
	return judged ? alert_on(e, UNUSUAL_HOUR) : 0;
}

int ys_behave_record(struct ys_behave *b, struct ys_jlazy *rec, const char *file, ys_alert_fn fn,
		     void *ctx)
{
	char type[32], arn[512], ipstr[64], key[64], ua[256], when[40], net[64];
	struct seen e = {rec, file, -1, fn, ctx};
	struct ys_jraw v, who;
	struct ys_addr ip;
	int has_ip, rc;

	/* calls that a service makes on someone's behalf say nothing of the caller */
	if (!ys_jlazy_top(rec, "userIdentity", 12, &who) ||
	    !ys_jlazy_member_str(rec, who, "type", type, sizeof(type)) ||
	    (strcmp(type, "IAMUser") && strcmp(type, "AssumedRole") && strcmp(type, "Root") &&
	     strcmp(type, "FederatedUser")) ||
	    !ys_jlazy_member_str(rec, who, "arn", arn, sizeof(arn)) ||
	    ys_jlazy_member(rec, who, "invokedBy", 9, &v) ||
	    !ys_jlazy_str(rec, "eventTime", when, sizeof(when)) ||
	    (e.t = ys_time_parse(when)) < 0)
		return 0;
	if (e.t > b->newest)
		b->newest = e.t;
	has_ip = ys_jlazy_str(rec, "sourceIPAddress", ipstr, sizeof(ipstr)) &&
		 ys_addr_parse(ipstr, &ip) == 0 && !ys_jlazy_get(rec, "vpcEndpointId", &v) &&
		 !(b->o.own && ys_cidrset_has(b->o.own, &ip));
	if (has_ip)
		ys_addr_network(&ip, net, sizeof(net));
	if (instance_session(rec, who, type, arn)) {
		/* an instance works around the clock: no working hours to learn */
		return has_ip ? ec2_credentials(b, &e, arn, &ip, net) : 0;
	}
	if (ys_jlazy_member_str(rec, who, "accessKeyId", key, sizeof(key)) &&
	    !strncmp(key, "AKIA", 4) &&
	    (rc = access_key(b, &e, key, has_ip ? net : NULL,
			     ys_jlazy_str(rec, "userAgent", ua, sizeof(ua)))))
		return rc;
	return working_hours(b, &e, arn);
}
