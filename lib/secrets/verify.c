/* verify.c: asking each credential's provider whether it is live (--verify): once per distinct
 * secret, at each provider's pace, leaving a provider alone when it keeps answering 429 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../aws/http.h"
#include "../aws/sts.h"
#include "../base/grow.h"
#include "verify-call.h"
#include "../banned.h"

#define DEFAULT_TIMEOUT_MS 10000
#define DEFAULT_CONNECT_MS 5000
#define DEFAULT_MAX_429 3
#define DEFAULT_RETRY_AFTER_MAX 10
#define PAIR_LINES 20 /* a paired value is looked for this many lines either side */

static const struct {
	const char *name;
	double rate;
} providers[YS_VERIFY_NPROVIDERS] = {
	{"aws", 5},
#define YS_VERIFY_PROVIDER(tag, name, rate) {name, rate},
#define YS_VERIFY_CALL(...)
#include "verify-providers.def"
#undef YS_VERIFY_PROVIDER
#undef YS_VERIFY_CALL
};

const char *ys_verify_provider_name(int p)
{
	return p >= 0 && p < YS_VERIFY_NPROVIDERS ? providers[p].name : "?";
}

/* One answer kept for the run, by provider and the secret's (and its pair's) SHA-256. */
struct cached {
	char key[160];
	struct ys_verify_result res;
};

struct pace {
	double next;  /* monotonic seconds before which no request goes */
	int in_a_row; /* answers of 429 in a row */
	int gave_up;
};

struct run {
	const struct ys_verify_opts *o;
	struct ys_verify_summary *s;
	struct cached *cache;
	size_t ncache, capcache;
	struct pace pace[YS_VERIFY_NPROVIDERS];
};

static double monotonic(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pause_for(double seconds)
{
	struct timespec ts;

	if (seconds <= 0)
		return;
	ts.tv_sec = (time_t)seconds;
	ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0)
		;
}

/* Waits for the provider's next turn: at most its rate of requests a second. */
static void take_turn(struct run *run, int p)
{
	double now = monotonic(), scale = run->o->rate_scale > 0 ? run->o->rate_scale : 1;
	struct pace *pc = &run->pace[p];

	if (pc->next > now)
		pause_for(pc->next - now);
	pc->next = (pc->next > now ? pc->next : now) + 1.0 / (providers[p].rate * scale);
	run->s->t[p].requests++;
}

static const struct ys_verify_result *cached(const struct run *run, const char *key)
{
	size_t i;

	for (i = 0; i < run->ncache; i++)
		if (!strcmp(run->cache[i].key, key))
			return &run->cache[i].res;
	return NULL;
}

static int remember(struct run *run, const char *key, const struct ys_verify_result *res)
{
	if (ys_grow(&run->cache, &run->capcache, run->ncache, sizeof(*run->cache), 32))
		return YS_ENOMEM;
	snprintf(run->cache[run->ncache].key, sizeof(run->cache[0].key), "%s", key);
	run->cache[run->ncache++].res = *res;
	return 0;
}

static void mark(struct run *run, int p, struct ys_secret_finding *f,
		 const struct ys_verify_result *res)
{
	struct ys_verify_tally *t = &run->s->t[p];

	f->verified = res->verdict;
	free(f->verified_as);
	free(f->verified_detail);
	f->verified_as = res->as[0] ? strdup(res->as) : NULL;
	f->verified_detail = res->detail[0] ? strdup(res->detail) : NULL;
	if (res->verdict == YS_VERIFY_LIVE)
		t->live++;
	else if (res->verdict == YS_VERIFY_REVOKED)
		t->revoked++;
	else
		t->unknown++;
}

static void unknown(struct ys_verify_result *res, const char *detail)
{
	memset(res, 0, sizeof(*res));
	res->verdict = YS_VERIFY_UNKNOWN;
	res->retry_after = -1;
	ys_verify_clean(detail, strlen(detail), res->detail, sizeof(res->detail));
}

/* After a 429: whether to ask again (having waited), or not (res says why). */
static int again_after_429(struct run *run, int p, struct ys_verify_result *res)
{
	struct pace *pc = &run->pace[p];
	int max = run->o->max_429 > 0 ? run->o->max_429 : DEFAULT_MAX_429;
	long cap = run->o->retry_after_max > 0 ? run->o->retry_after_max : DEFAULT_RETRY_AFTER_MAX;
	long wait = res->retry_after >= 0 ? res->retry_after : 1;
	char why[128];

	if (++pc->in_a_row >= max) {
		pc->gave_up = 1;
		run->s->t[p].gave_up = 1;
		snprintf(why, sizeof(why), "HTTP 429 %d times in a row: %s left alone for this run",
			 pc->in_a_row, providers[p].name);
		unknown(res, why);
		return 0;
	}
	if (wait > cap) {
		snprintf(why, sizeof(why), "HTTP 429, asked to wait %ld s", wait);
		unknown(res, why);
		return 0;
	}
	pause_for((double)wait);
	return 1;
}

/* One base URL: asks until an answer that is not a 429 (or until giving up). */
static void ask_base(struct run *run, const struct ys_verify_call *c, const char *base,
		     int override, const struct ys_secret_finding *f, const char *pair,
		     struct ys_verify_result *res)
{
	int p = c->provider, timed_out;
	struct ys_error e = {0};

	for (;;) {
		if (run->pace[p].gave_up) {
			unknown(res, "not asked: the provider answered 429 too often in this run");
			return;
		}
		take_turn(run, p);
		ys_error_clear(&e);
		memset(res, 0, sizeof(*res));
		if (ys_verify_ask_once(c, base, override, f->secret, f->secret_len, pair, run->o,
				       res, &timed_out, &e)) {
			char why[160];

			snprintf(why, sizeof(why), "no answer in %ld s", run->o->timeout_ms / 1000);
			unknown(res, timed_out ? why : e.msg);
			return;
		}
		if (res->verdict != YS_VERIFY_RATE_LIMITED) {
			run->pace[p].in_a_row = 0;
			return;
		}
		if (!again_after_429(run, p, res))
			return;
	}
}

/* The base URLs: $YOURSIDE_VERIFY_URL_<NAME> when set (any scheme), else the row's. */
static const char *bases_of(const struct ys_verify_call *c, int *override)
{
	char var[64];
	const char *v;
	size_t i;

	snprintf(var, sizeof(var), "YOURSIDE_VERIFY_URL_%s", providers[c->provider].name);
	for (i = 0; var[i]; i++)
		var[i] = var[i] == '-' ? '_' : (char)toupper((unsigned char)var[i]);
	v = getenv(var);
	*override = v && *v;
	return *override ? v : c->base;
}

/* Each base in turn until one accepts the secret: live there; unknown if any could not say;
 * revoked only when every one rejected it. */
static void ask(struct run *run, const struct ys_verify_call *c, const struct ys_secret_finding *f,
		const char *pair, struct ys_verify_result *res)
{
	int override, any_unknown = 0, many;
	const char *list = bases_of(c, &override), *b = list;
	struct ys_verify_result first_unknown, one;
	char base[512];

	many = strpbrk(list, " ,") != NULL;
	memset(&first_unknown, 0, sizeof(first_unknown));
	memset(res, 0, sizeof(*res));
	res->verdict = YS_VERIFY_UNKNOWN;
	while (*b) {
		size_t n = strcspn(b, " ,");

		if (n && n < sizeof(base)) {
			memcpy(base, b, n);
			base[n] = '\0';
			ask_base(run, c, base, override, f, pair, &one);
			if (one.verdict == YS_VERIFY_LIVE) {
				char host[200], path[8];

				*res = one;
				if (many && !one.detail[0] &&
				    !ys_url_split(base, host, sizeof(host), path, sizeof(path)))
					snprintf(res->detail, sizeof(res->detail), "at %s", host);
				return;
			}
			if (one.verdict == YS_VERIFY_UNKNOWN && !any_unknown++)
				first_unknown = one;
			if (one.verdict == YS_VERIFY_REVOKED)
				*res = one;
			if (run->pace[c->provider].gave_up)
				break;
		}
		b += n;
		b += strspn(b, " ,");
	}
	if (any_unknown)
		*res = first_unknown;
}

static int same_place(const struct ys_secret_finding *a, const struct ys_secret_finding *b)
{
	return !strcmp(a->file, b->file) &&
	       (a->commit == b->commit ||
		(a->commit && b->commit && !strcmp(a->commit, b->commit)));
}

/* Part of a longer secret found on the same line (a detector that took a token's tail): its
 * provider would refuse the fragment, which says nothing of the whole. */
static int fragment(const struct ys_secret_results *r, const struct ys_secret_finding *f)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct ys_secret_finding *o = &r->f[i];

		if (o->line == f->line && o->secret_len > f->secret_len && same_place(o, f) &&
		    memmem(o->secret, o->secret_len, f->secret, f->secret_len))
			return 1;
	}
	return 0;
}

/* The value of the nearest finding of one of rules in the same file and commit. */
static const struct ys_secret_finding *pair_of(const struct ys_secret_results *r,
					       const struct ys_secret_finding *f, const char *rules)
{
	const struct ys_secret_finding *best = NULL;
	size_t i, bestd = (size_t)-1;

	for (i = 0; i < r->n; i++) {
		const struct ys_secret_finding *o = &r->f[i];
		size_t d = o->line > f->line ? o->line - f->line : f->line - o->line;
		const char *w = strstr(rules, o->rule->id);
		size_t idl = strlen(o->rule->id);

		if (!w || (w != rules && w[-1] != ' ') || (w[idl] && w[idl] != ' '))
			continue;
		if (!same_place(o, f))
			continue;
		if (d <= PAIR_LINES && d < bestd) {
			best = o;
			bestd = d;
		}
	}
	return best;
}

/* A value safe to send in a header, and a pair safe to put in a path. */
static int sendable(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return len > 0 && len <= 4096;
}

static int plain_id(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_')
			return 0;
	return len > 0 && len <= 64;
}

static int verify_one(struct run *run, const struct ys_secret_results *r,
		      struct ys_secret_finding *f)
{
	const struct ys_verify_call *c = ys_verify_call_for(f->rule->id, f->secret, f->secret_len);
	const struct ys_secret_finding *pf = NULL;
	const struct ys_verify_result *prev;
	struct ys_verify_result res;
	char key[160], why[160];

	if (!c || !c->method || fragment(r, f))
		return 0;
	if (*c->pair) {
		pf = pair_of(r, f, c->pair);
		if (!pf || !plain_id(pf->secret, pf->secret_len)) {
			snprintf(why, sizeof(why), "not asked: no %s near it", c->pair);
			unknown(&res, why);
			mark(run, c->provider, f, &res);
			return 0;
		}
	}
	snprintf(key, sizeof(key), "%s:%s:%s", providers[c->provider].name, f->sha256,
		 pf ? pf->sha256 : "");
	if ((prev = cached(run, key))) {
		mark(run, c->provider, f, prev);
		return 0;
	}
	if (!sendable(f->secret, f->secret_len))
		unknown(&res, "not asked: not a token that can be sent");
	else
		ask(run, c, f, pf ? pf->secret : NULL, &res);
	run->s->t[c->provider].secrets++;
	mark(run, c->provider, f, &res);
	return remember(run, key, &res);
}

/* STS's answers that reject the pair (the key id unknown or deleted, the secret not its own). */
static int sts_rejects(const char *code)
{
	return !strcmp(code, "InvalidClientTokenId") || !strcmp(code, "SignatureDoesNotMatch") ||
	       !strcmp(code, "ExpiredToken");
}

static void ask_sts(struct run *run, const struct ys_secret_finding *k,
		    const struct ys_secret_finding *s, struct ys_verify_result *res)
{
	struct ys_aws_creds creds;
	struct ys_caller_identity id;
	struct ys_error e = {0};
	char why[160];

	if (k->secret_len >= sizeof(creds.access_key_id) ||
	    s->secret_len >= sizeof(creds.secret_access_key)) {
		unknown(res, "not asked: not a key pair that can be signed with");
		return;
	}
	memset(&creds, 0, sizeof(creds));
	memcpy(creds.access_key_id, k->secret, k->secret_len);
	memcpy(creds.secret_access_key, s->secret, s->secret_len);
	take_turn(run, YS_VERIFY_AWS);
	if (ys_sts_get_caller_identity(run->o->sts_endpoint, &creds, run->o->now, &id, &e)) {
		unknown(res, e.msg);
	} else if (id.live) {
		memset(res, 0, sizeof(*res));
		res->verdict = YS_VERIFY_LIVE;
		ys_verify_clean(id.arn, strlen(id.arn), res->as, sizeof(res->as));
	} else if (sts_rejects(id.code)) {
		memset(res, 0, sizeof(*res));
		res->verdict = YS_VERIFY_REVOKED;
		ys_verify_clean(id.code, strlen(id.code), res->detail, sizeof(res->detail));
	} else {
		snprintf(why, sizeof(why), "STS answered %s",
			 id.code[0] ? id.code : "without a code");
		unknown(res, why);
	}
	memset(&creds, 0, sizeof(creds));
}

/* AWS key ids with their paired secrets: one GetCallerIdentity a pair, both findings marked. */
static int verify_aws(struct run *run, struct ys_secret_results *r, size_t i)
{
	struct ys_secret_finding *k = &r->f[i], *s;
	const struct ys_verify_result *prev;
	struct ys_verify_result res;
	char key[160];

	if (strcmp(k->rule->id, "aws-access-key-id") || !k->pair)
		return 0;
	s = &r->f[k->pair - 1];
	snprintf(key, sizeof(key), "aws:%s:%s", k->sha256, s->sha256);
	if ((prev = cached(run, key))) {
		mark(run, YS_VERIFY_AWS, k, prev);
		mark(run, YS_VERIFY_AWS, s, prev);
		return 0;
	}
	ask_sts(run, k, s, &res);
	run->s->t[YS_VERIFY_AWS].secrets++;
	mark(run, YS_VERIFY_AWS, k, &res);
	mark(run, YS_VERIFY_AWS, s, &res);
	return remember(run, key, &res);
}

int ys_verify_provider_of(const struct ys_secret_finding *f)
{
	const struct ys_verify_call *c;

	if (!strcmp(f->rule->id, "aws-access-key-id") ||
	    !strcmp(f->rule->id, "aws-secret-access-key"))
		return f->pair ? YS_VERIFY_AWS : -1;
	c = ys_verify_call_for(f->rule->id, f->secret, f->secret_len);
	return c && c->method ? c->provider : -1;
}

int ys_secrets_verify(struct ys_secret_results *r, const struct ys_verify_opts *o,
		      struct ys_verify_summary *s, struct ys_error *err)
{
	struct ys_verify_opts opts = *o;
	struct run run;
	size_t i;
	int rc = 0;

	if (opts.timeout_ms <= 0)
		opts.timeout_ms = DEFAULT_TIMEOUT_MS;
	if (opts.connect_timeout_ms <= 0)
		opts.connect_timeout_ms = DEFAULT_CONNECT_MS;
	memset(s, 0, sizeof(*s));
	memset(&run, 0, sizeof(run));
	run.o = &opts;
	run.s = s;
	for (i = 0; i < r->n && !rc; i++)
		rc = verify_aws(&run, r, i);
	for (i = 0; i < r->n && !rc; i++)
		rc = verify_one(&run, r, &r->f[i]);
	free(run.cache);
	if (rc)
		return ys_error_set(err, rc, "cannot verify: out of memory");
	return 0;
}
