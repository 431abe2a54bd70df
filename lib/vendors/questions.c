/* questions.c: the questions to send each vendor, drawn from what it can reach here: where our
 * data goes, who at the vendor can use the access, whether its backups are out of one
 * credential's reach, MFA, how fast it tells of a breach, what happens at the end, and which
 * vendors it uses; and for a CI system, the questions for the team whose pipelines deploy */
#include <stdio.h>
#include <string.h>
#include "output.h"
#include "../iam/blast.h"
#include "../banned.h"

int ys_vendor_asked(const struct ys_vendor *g)
{
	return g->kind == YS_VK_VENDOR || g->kind == YS_VK_UNKNOWN || g->kind == YS_VK_CI ||
	       g->kind == YS_VK_IDP;
}

size_t ys_vendor_questions(const struct ys_vendors *v, const struct ys_vendor *g,
			   void (*fn)(void *ctx, const char *q), void *ctx)
{
	struct strbuf sb = STRBUF_INIT, w = STRBUF_INIT, wide = STRBUF_INIT;
	unsigned access = 0;
	int admin = 0, no_xid = 0, any_subject = 0;
	size_t i, n = 0;

	if (!ys_vendor_asked(g))
		return 0;
	ys_vendor_ways(&w, g, 6);
	for (i = 0; i < g->n; i++) {
		access |= g->w[i].access;
		admin |= g->w[i].admin;
		no_xid |= g->w[i].prin >= 0 && !(g->w[i].guards & (YS_VG_EXTERNAL_ID | YS_VG_MFA));
		if (g->w[i].scope == YS_VS_ANY || g->w[i].scope == YS_VS_OWNER) {
			any_subject = 1;
			strbuf_addf(&wide, "%s%s", wide.len ? ", " : "", g->w[i].name);
		}
	}
#define ASK(...)                                   \
	do {                                       \
		strbuf_reset(&sb);                 \
		strbuf_addf(&sb, __VA_ARGS__);     \
		fn(ctx, sb.buf);                   \
		n++;                               \
	} while (0)
	if (g->kind == YS_VK_CI || g->kind == YS_VK_IDP) {
		/* our own pipelines or sign-in: the questions are for the team that runs them */
		ASK("Which repositories, branches and environments deploy to account %s through %s, and "
		    "which of them need %s?", v->account, g->name, w.buf);
		ASK("Who can push to those branches or approve a deployment, and must a second person "
		    "review it (protected branches, required reviewers on the environment)?");
		if (any_subject)
			ASK("The trust of role%s %s lets in more than those repositories (any of %s's, or every one "
			    "of an owner): may we pin each role to the repository and branch that uses it?",
			    strchr(wide.buf, ',') ? "s" : "", wide.buf, g->name);
		if (admin)
			ASK("An administrator role is reachable this way: which permissions does the pipeline "
			    "actually use, so the role can hold only those?");
		ASK("Who administers %s itself (its organization, its identity provider settings), and do they "
		    "all sign in with MFA?", g->name);
		goto out;
	}
	if (g->kind == YS_VK_UNKNOWN)
		ASK("Account %s can reach %s in our AWS account %s: is it yours, and what is it for?", g->id,
		    w.buf, v->account);
	if (access & YS_BR_READ)
		ASK("Where do you keep what you read from our account (%s): which countries and providers, "
		    "and for how long?", w.buf);
	else
		ASK("What do you read or keep from our account through %s, where, and for how long?", w.buf);
	ASK("Who at %s can use this access, how is it granted to them, and how often is that list "
	    "reviewed?", g->kind == YS_VK_UNKNOWN ? "your company" : g->name);
	ASK("Where is the credential that acts in our account stored, and do your staff and systems that "
	    "hold it sign in with MFA or short-lived credentials only?");
	if (no_xid)
		ASK("Do you support an external ID for cross-account roles? Please send the one you generated "
		    "for our account so our trust policy can require it.");
	if (admin)
		ASK("Your access here can administer the whole account: which permissions do you actually use? "
		    "We would like to give you only those.");
	else if (access & (YS_BR_CHANGE | YS_BR_DESTROY))
		ASK("Your access here can change or delete data (%s): do you need that, or is read-only "
		    "enough?", w.buf);
	for (i = 0; i < g->n; i++)
		if (g->w[i].idle_days >= 90) {
			ASK("Role %s has not been used for %lld days: do you still need it?", g->w[i].name,
			    (long long)g->w[i].idle_days);
			break;
		}
	ASK("Are your own backups out of reach of any one credential or person (kept in another "
	    "account, locked against deletion), so one stolen login cannot erase them?");
	ASK("How fast will you tell us of a breach that touches our account or data, and who will we "
	    "hear from?");
	ASK("When we end our contract, what do you delete and when, and what must we remove on our side "
	    "(%s)?", w.buf);
	ASK("Which vendors do you use that could reach our account or our data (your sub-processors)?");
#undef ASK
out:
	strbuf_release(&sb);
	strbuf_release(&w);
	strbuf_release(&wide);
	return n;
}

struct md {
	struct strbuf *sb;
	size_t i;
};

static void md_line(void *ctx, const char *q)
{
	struct md *m = ctx;

	strbuf_addf(m->sb, "%zu. %s\n", ++m->i, q);
}

void ys_vendors_questions_md(struct strbuf *sb, const struct ys_vendors *v)
{
	size_t i, asked = 0;

	strbuf_addf(sb, "# Questions for the vendors of AWS account %s\n", v->account);
	for (i = 0; i < v->n; i++) {
		const struct ys_vendor *g = &v->v[i];
		struct md m = {sb, 0};

		if (!ys_vendor_asked(g))
			continue;
		asked++;
		if (g->kind == YS_VK_CI || g->kind == YS_VK_IDP)
			strbuf_addf(sb, "\n## %s (for the team that runs it)\n\n", g->name);
		else if (g->kind == YS_VK_UNKNOWN)
			strbuf_addf(sb, "\n## Account %s (whoever holds it)\n\n", g->id);
		else
			strbuf_addf(sb, "\n## %s (AWS account %s)\n\n", g->name, g->id);
		strbuf_addstr(sb, "What it can do here: ");
		ys_vendor_ways(sb, g, 6);
		if (g->n && g->w[0].reach)
			strbuf_addf(sb, "; at worst, %s %s %s", g->w[0].what, g->w[0].name,
				    g->w[0].admin ? "is an administrator: it can do anything in the account"
						  : g->w[0].reach);
		strbuf_addstr(sb, ".\n\n");
		ys_vendor_questions(v, g, md_line, &m);
	}
	if (!asked)
		strbuf_addstr(sb, "\nNo vendor, unknown account or outside sign-in can act in the account: nothing to ask.\n");
}
