/* exposure.c: a resource policy asked, through ys_eval, what anyone, an unnamed AWS account and
 * each account it names may do to its resource */
#include <stdio.h>
#include <string.h>
#include "exposure.h"
#include "../iam/eval.h"
#include "../iam/principal.h"
#include "../banned.h"

/* What the outsiders' own accounts allow them: everything (they hold those accounts). */
static const char own_side[] =
	"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
	"\"Resource\":\"*\"}]}";

struct cand {
	char arn[384];
	char who[64];
};

/* The account an entry of a Principal names ("444455556666", "arn:aws:iam::444455556666:role/x"),
 * into out[16], or "" */
static void entry_account(const char *s, char out[16])
{
	struct ys_pinfo pi;

	out[0] = '\0';
	if (ys_is_account_id(s))
		snprintf(out, 16, "%s", s);
	else if (!ys_pinfo_parse(s, &pi) && ys_is_account_id(pi.account))
		snprintf(out, 16, "%s", pi.account);
}

static int named(const struct cand *c, size_t n, const char *who)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(c[i].who, who))
			return 1;
	return 0;
}

/* anyone, an account no statement names, then each account the statements name (the principal
 * as written when it is a user or role, so a statement naming only that role is met) */
static size_t candidates(const struct ys_cpolicy *cp, const char *account, struct cand *c,
			 size_t max)
{
	const char *spare[] = {"999999999999", "999999999998", "999999999997"};
	size_t n = 0, i, k;

	snprintf(c[n].arn, sizeof(c[n].arn), "*");
	snprintf(c[n++].who, sizeof(c[0].who), "anyone");
	for (k = 0; k < 3; k++) {
		char who[64];
		int taken = !strcmp(spare[k], account);

		snprintf(who, sizeof(who), "account %s", spare[k]);
		for (i = 0; i < cp->n && !taken; i++) {
			size_t j;

			for (j = 0; j < cp->st[i].naws && !taken; j++)
				taken = strstr(cp->st[i].aws[j], spare[k]) != NULL;
		}
		if (!taken) {
			snprintf(c[n].arn, sizeof(c[n].arn), "arn:aws:iam::%s:root", spare[k]);
			snprintf(c[n++].who, sizeof(c[0].who), "any AWS account");
			break;
		}
	}
	for (i = 0; i < cp->n; i++) {
		size_t j;

		for (j = 0; j < cp->st[i].naws && n < max; j++) {
			const char *s = cp->st[i].aws[j];
			char acct[16], who[64];
			struct ys_pinfo pi;

			entry_account(s, acct);
			if (!*acct || !strcmp(acct, account))
				continue;
			snprintf(who, sizeof(who), "account %s", acct);
			if (named(c, n, who))
				continue;
			if (!ys_pinfo_parse(s, &pi) &&
			    (pi.type == YS_PT_USER || pi.type == YS_PT_ROLE))
				snprintf(c[n].arn, sizeof(c[n].arn), "%s", s);
			else
				snprintf(c[n].arn, sizeof(c[n].arn), "arn:aws:iam::%s:root", acct);
			snprintf(c[n++].who, sizeof(c[0].who), "%s", who);
		}
	}
	return n;
}

int ys_exposure_eval(const struct ys_jval *doc, const char *resource, const char *account,
		     const char *const *actions, struct ys_exposure *e, struct ys_error *err)
{
	return ys_exposure_eval_ctx(doc, resource, account, actions, NULL, e, err);
}

int ys_exposure_eval_ctx(const struct ys_jval *doc, const char *resource, const char *account,
			 const char *const *actions, const struct ys_ctx *ctx,
			 struct ys_exposure *e, struct ys_error *err)
{
	struct ys_pset ps;
	struct ys_cpolicy *own;
	struct cand c[3 + YS_MAX_OUTSIDERS];
	size_t nc, i, k;

	memset(e, 0, sizeof(*e));
	ys_pset_init(&ps);
	ps.quiet_actions = 1;
	if (!(ps.resource = ys_pset_read(&ps, "resource policy", doc, 1, err))) {
		ys_pset_release(&ps);
		return err->code ? err->code : YS_EPARSE;
	}
	own = ys_pset_read(&ps, "their own account's policies",
			   &(struct ys_jval){YS_J_STRING, strlen(own_side), {.str = own_side}}, 0, err);
	if (!own) {
		ys_pset_release(&ps);
		return YS_ENOMEM;
	}
	ps.identity = &own;
	ps.nidentity = 1;
	nc = candidates(ps.resource, account, c, sizeof(c) / sizeof(c[0]));
	for (i = 0; i < nc && e->n < YS_MAX_OUTSIDERS; i++) {
		struct ys_outsider *o = &e->o[e->n];

		/* anyone allowed covers every account: say it once */
		if (i > 0 && e->anyone)
			break;
		o->nactions = 0;
		for (k = 0; actions[k]; k++) {
			struct ys_request req = {c[i].arn, actions[k], resource, account, {0}, NULL};

			if (ctx)
				req.ctx = *ctx;
			struct ys_decision d;

			if (ys_eval(&ps, &req, 0, &d) || d.verdict != YS_ALLOW)
				continue;
			if (!o->nactions++)
				snprintf(o->action, sizeof(o->action), "%s", actions[k]);
		}
		if (!o->nactions)
			continue;
		snprintf(o->who, sizeof(o->who), "%s", c[i].who);
		e->anyone |= !strcmp(c[i].who, "anyone") || !strcmp(c[i].who, "any AWS account");
		e->n++;
	}
	ps.identity = NULL;
	ps.nidentity = 0;
	ys_pset_release(&ps);
	return 0;
}

const char *ys_exposure_words(const struct ys_exposure *e, char *out, size_t n)
{
	size_t i, k = 0;

	out[0] = '\0';
	for (i = 0; i < e->n && k < n; i++) {
		const struct ys_outsider *o = &e->o[i];
		char more[32] = "";

		if (o->nactions > 1)
			snprintf(more, sizeof(more), " (and %d more)", o->nactions - 1);
		k += (size_t)snprintf(out + k, n - k, "%s%s can do %s%s", i ? "; " : "", o->who,
				      o->action, more);
	}
	return out;
}
