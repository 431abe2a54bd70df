/* checks-iam-policies.c: CIS's IAM policy controls: rights through groups only, no "*:*"
 * policy attached, a support role, no expired server certificates */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../base/isotime.h"
#include "../base/strbuf.h"
#include "../banned.h"

void ys_check_user_policies_via_groups(struct ys_audit *a)
{
	const struct ys_account *acct = ys_need_account(a);
	size_t i, j;

	for (i = 0; acct && i < acct->nusers; i++) {
		const struct ys_principal *u = &acct->users[i];
		struct strbuf sb = STRBUF_INIT;

		for (j = 0; j < u->ninl; j++)
			strbuf_addf(&sb, "%sinline %s", sb.len ? ", " : "", u->inl[j].name);
		for (j = 0; j < u->nattached; j++) {
			const char *slash = strrchr(u->attached[j], '/');

			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", slash ? slash + 1 : u->attached[j]);
		}
		ys_about(a, u->name);
		if (sb.len)
			ys_fail(a, u->arn, NULL, "user %s holds policies of its own, not through a "
						 "group: %s", u->name, sb.buf);
		else
			ys_pass(a, u->arn, NULL, "user %s gets its rights through groups only", u->name);
		ys_about(a, NULL);
		strbuf_release(&sb);
	}
}

/* Whether a document has an unconditional Allow of Action "*" on Resource "*". */
static int full_admin(const struct ys_policy *p)
{
	size_t i, j;

	for (i = 0; i < p->n; i++) {
		const struct ys_pstmt *s = &p->st[i];

		if (!s->allow || s->not_action || s->condition || !ys_pstmt_all_resources(s))
			continue;
		for (j = 0; j < s->nactions; j++)
			if (!strcmp(s->actions[j], "*"))
				return 1;
	}
	return 0;
}

/* Who attaches the policy (by ARN, so policies the snapshot does not describe count too): how
 * many, and the first's name. */
static size_t attached_to(const struct ys_account *acct, const char *arn, const char **first)
{
	const struct ys_principal *lists[] = {acct->users, acct->groups, acct->roles};
	size_t ns[] = {acct->nusers, acct->ngroups, acct->nroles}, k, i, j, n = 0;

	for (k = 0; k < 3; k++)
		for (i = 0; i < ns[k]; i++)
			for (j = 0; j < lists[k][i].nattached; j++)
				if (!strcmp(lists[k][i].attached[j], arn)) {
					if (!n++)
						*first = lists[k][i].arn;
				}
	return n;
}

void ys_check_admin_policy_attached(struct ys_audit *a)
{
	const struct ys_account *acct = ys_need_account(a);
	const struct ys_principal *lists[3];
	size_t ns[3], i, j, k, n;
	const char *first = "";

	if (!acct)
		return;
	for (i = 0; i < acct->npol; i++) {
		const struct ys_mpolicy *mp = &acct->pol[i];

		n = mp->refs;
		first = mp->refs ? mp->first_ref : "";
		if (!mp->ok || (!n && mp->attachments <= 0))
			continue;
		if (!n)
			n = (size_t)mp->attachments;
		ys_about(a, mp->name);
		if (full_admin(&mp->doc))
			ys_fail(a, mp->arn, NULL, "policy %s allows every action on every resource and "
						  "is attached %zu time%s%s%s%s", mp->name, n,
				n == 1 ? "" : "s", *first ? " (" : "", first, !*first ? "" : n > 1 ? ", ...)" : ")");
		else
			ys_pass(a, mp->arn, NULL, "policy %s is not \"*\" on \"*\"", mp->name);
		ys_about(a, NULL);
		first = "";
	}
	lists[0] = acct->users, lists[1] = acct->groups, lists[2] = acct->roles;
	ns[0] = acct->nusers, ns[1] = acct->ngroups, ns[2] = acct->nroles;
	for (k = 0; k < 3; k++)
		for (i = 0; i < ns[k]; i++)
			for (j = 0; j < lists[k][i].ninl; j++)
				if (lists[k][i].inl[j].ok && full_admin(&lists[k][i].inl[j].doc)) {
					ys_about(a, lists[k][i].name);
					ys_fail(a, lists[k][i].arn, NULL, "inline policy %s of %s %s "
						"allows every action on every resource",
						lists[k][i].inl[j].name, ys_account_kind(lists[k][i].kind),
						lists[k][i].name);
					ys_about(a, NULL);
				}
}

void ys_check_support_role(struct ys_audit *a)
{
	static const char arn[] = "arn:aws:iam::aws:policy/AWSSupportAccess";
	const struct ys_account *acct = ys_need_account(a);
	const char *first = "";
	size_t n;

	if (!acct)
		return;
	n = attached_to(acct, arn, &first);
	if (n)
		ys_pass(a, first, NULL, "%s may open AWS Support cases (AWSSupportAccess)", first);
	else
		ys_fail(a, NULL, NULL, "nobody holds AWSSupportAccess: in an incident, only an admin "
				       "can reach AWS Support");
}

void ys_check_server_certs(struct ys_audit *a)
{
	const struct ys_jval *root = ys_need(a, "global/iam/list-server-certificates", NULL);
	const struct ys_jval *list = ys_json_get(root, "ServerCertificateMetadataList");
	size_t i;
	char day[16];

	for (i = 0; i < ys_count(list); i++) {
		const struct ys_jval *c = ys_item(list, i);
		const char *name = ys_str(c, "ServerCertificateName");
		int64_t exp;

		exp = ys_time_parse(ys_str(c, "Expiration"));
		ys_about(a, name);
		if (exp >= 0 && exp < a->now)
			ys_fail(a, ys_str(c, "Arn"), NULL, "server certificate %s expired on %s", name,
				ys_day(exp, day));
		else
			ys_pass(a, ys_str(c, "Arn"), NULL, "server certificate %s has not expired",
				name);
		ys_about(a, NULL);
	}
	if (root && !ys_count(list))
		ys_pass(a, NULL, NULL, "IAM stores no server certificate");
}
