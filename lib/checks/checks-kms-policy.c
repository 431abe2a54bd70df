/* checks-kms-policy.c: who may use customer-managed KMS keys (their key policies asked through
 * lib/iam's evaluator; IAM policies that decrypt with every key) and keys about to be deleted */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "exposure.h"
#include "../base/isotime.h"
#include "../base/strbuf.h"
#include "../banned.h"

static const char *const kms_actions[] = {
	"kms:Decrypt",	    "kms:Encrypt",	"kms:GenerateDataKey", "kms:ReEncryptFrom",
	"kms:CreateGrant",  "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey",
	"kms:Sign",	    NULL,
};

typedef void (*key_fn)(struct ys_audit *a, const char *region, const char *arn,
		       const struct ys_jval *meta);

/* " (acme app secrets)" or "" into out[n] */
static const char *described(const struct ys_jval *meta, char *out, size_t n)
{
	const char *d = ys_str(meta, "Description");

	snprintf(out, n, "%s%s%s", *d ? " (" : "", d, *d ? ")" : "");
	return out;
}

/* Calls fn with each customer-managed key's KeyMetadata (AWS-managed keys' policies are AWS's). */
static void key_one(struct ys_audit *a, const char *region, const struct ys_jval *k, void *ctx)
{
	key_fn fn = *(key_fn *)ctx;
	const char *id = ys_str(k, "KeyId"), *arn = ys_str(k, "KeyArn");
	const struct ys_jval *d, *m;
	char rel[128];

	if (!*id)
		return;
	ys_about(a, id);
	snprintf(rel, sizeof(rel), "%s/kms/describe-key", region);
	if ((d = ys_need_x(a, rel, id, region, NULL, NULL))) {
		m = ys_json_get(d, "KeyMetadata");
		if (!strcmp(ys_str(m, "KeyManager"), "CUSTOMER"))
			fn(a, region, *arn ? arn : ys_str(m, "Arn"), m);
	}
	ys_about(a, NULL);
}

static void each_customer_key(struct ys_audit *a, key_fn fn)
{
	ys_each_item(a, "kms/list-keys", "Keys", key_one, &fn);
}

/* KMS.5: the key policy lets nobody outside the account use or manage the key. */
static void key_public(struct ys_audit *a, const char *region, const char *arn,
		       const struct ys_jval *m)
{
	const char *id = ys_str(m, "KeyId");
	const struct ys_jval *d;
	struct ys_exposure e;
	struct ys_error err = {0};
	char rel[128], words[600], msg[700], desc[300];

	snprintf(rel, sizeof(rel), "%s/kms/get-key-policy", region);
	if (!(d = ys_need_x(a, rel, id, region, NULL, NULL)))
		return;
	described(m, desc, sizeof(desc));
	if (ys_exposure_eval(ys_json_get(d, "Policy"), arn, a->account, kms_actions, &e, &err)) {
		ys_emit(a, YS_F_ERROR, arn, region, "%s",
			ys_bad_file(a, rel, id, err.msg, msg, sizeof(msg)));
		return;
	}
	ys_exposure_words(&e, words, sizeof(words));
	if (!e.n)
		ys_pass(a, arn, region, "the policy of key %s%s lets nobody outside the account use "
					"it", id, desc);
	else if (e.anyone)
		ys_fail(a, arn, region, "key %s%s is public: %s", id, desc, words);
	else
		ys_fail(a, arn, region, "key %s%s is shared outside the account: %s", id, desc,
			words);
}

void ys_check_kms_key_public(struct ys_audit *a)
{
	each_customer_key(a, key_public);
}

/* KMS.3: no customer-managed key is waiting to be deleted. */
static void key_deletion(struct ys_audit *a, const char *region, const char *arn,
			 const struct ys_jval *m)
{
	const char *id = ys_str(m, "KeyId"), *state = ys_str(m, "KeyState");
	int64_t when = ys_time_parse(ys_str(m, "DeletionDate"));
	char desc[300], day[16], in[32];
	int64_t days;

	described(m, desc, sizeof(desc));
	if (strcmp(state, "PendingDeletion") && strcmp(state, "PendingReplicaDeletion")) {
		ys_pass(a, arn, region, "key %s%s is not scheduled for deletion (%s)", id, desc,
			*state ? state : "no state");
		return;
	}
	if (when < 0) {
		ys_fail(a, arn, region, "key %s%s is scheduled for deletion: whatever it encrypted "
					"becomes unreadable for good unless the deletion is cancelled",
			id, desc);
		return;
	}
	if (when <= a->now) {
		ys_fail(a, arn, region, "key %s%s was due for deletion on %s: whatever it encrypted "
					"is about to become unreadable for good",
			id, desc, ys_day(when, day));
		return;
	}
	days = (when - a->now) / DAY;
	if (days)
		snprintf(in, sizeof(in), "in %lld day%s", (long long)days, days == 1 ? "" : "s");
	else
		snprintf(in, sizeof(in), "in less than a day");
	ys_fail(a, arn, region, "key %s%s will be deleted on %s (%s): whatever it encrypted "
				"becomes unreadable for good unless the deletion is cancelled before then",
		id, desc, ys_day(when, day), in);
}

void ys_check_kms_pending_deletion(struct ys_audit *a)
{
	each_customer_key(a, key_deletion);
}

/* KMS.1, KMS.2: IAM policies that allow decrypting with every key. */
static const char *const decrypt_actions[] = {"kms:Decrypt", "kms:ReEncryptFrom", NULL};

/* Whether a statement names every key of the account: "*", a NotResource, or a pattern that
 * takes any key of any region (arn:aws:kms:*:*:key/...). */
static int every_key(const struct ys_pstmt *s, const char *account)
{
	char k1[128], k2[128];
	size_t i;

	if (ys_pstmt_all_resources(s))
		return 1;
	snprintf(k1, sizeof(k1), "arn:aws:kms:eu-west-1:%s:key/1234abcd-0000-4000-8000-000000000001",
		 account);
	snprintf(k2, sizeof(k2), "arn:aws:kms:us-east-1:%s:key/mrk-0f0e0d0c0b0a09080706050403020100",
		 account);
	for (i = 0; i < s->nresources; i++)
		if (ys_iam_match(s->resources[i], k1) && ys_iam_match(s->resources[i], k2))
			return 1;
	return 0;
}

/* The decryption actions doc allows on every key (an Allow not undone by an unconditional Deny
 * of the same document), as "kms:Decrypt and kms:ReEncryptFrom" into out[n]; 0 when none. */
static int decrypt_all(const struct ys_policy *doc, const char *account, int *cond, char *out,
		       size_t n)
{
	size_t i, k, len = 0;
	int found = 0;

	out[0] = '\0';
	*cond = 0;
	for (k = 0; decrypt_actions[k]; k++) {
		int allow = 0, allow_cond = 1, deny = 0;

		for (i = 0; i < doc->n; i++) {
			const struct ys_pstmt *s = &doc->st[i];

			if (!ys_pstmt_action(s, decrypt_actions[k]) || !every_key(s, account))
				continue;
			if (!s->allow) {
				deny |= !s->condition;
			} else {
				allow = 1;
				allow_cond &= s->condition != NULL;
			}
		}
		if (!allow || deny)
			continue;
		*cond |= allow_cond;
		if (len < n)
			len += (size_t)snprintf(out + len, n - len, "%s%s", found ? " and " : "",
						decrypt_actions[k]);
		found++;
	}
	return found;
}

/* The principals that attach a managed policy: "2 principals: role/app, ..." into sb. */
static void attached_words(const struct ys_account *acct, const char *arn, struct strbuf *sb)
{
	const struct ys_principal *lists[] = {acct->users, acct->groups, acct->roles};
	size_t ns[] = {acct->nusers, acct->ngroups, acct->nroles}, k, i, j, n = 0;

	for (k = 0; k < 3; k++)
		for (i = 0; i < ns[k]; i++)
			for (j = 0; j < lists[k][i].nattached; j++)
				if (!strcmp(lists[k][i].attached[j], arn)) {
					if (n < 3)
						strbuf_addf(sb, "%s%s %s", n ? ", " : "",
							    ys_account_kind(lists[k][i].kind),
							    lists[k][i].name);
					else if (n == 3)
						strbuf_addstr(sb, ", ...");
					n++;
				}
	if (!n)
		strbuf_addstr(sb, "attached to nobody yet");
}

void ys_check_kms_decrypt_policy(struct ys_audit *a)
{
	const struct ys_account *acct = ys_need_account(a);
	size_t i, seen = 0;

	for (i = 0; acct && i < acct->npol; i++) {
		const struct ys_mpolicy *mp = &acct->pol[i];
		struct strbuf who = STRBUF_INIT;
		char acts[64];
		int cond;

		if (mp->aws_managed || !mp->ok)
			continue;
		seen++;
		ys_about(a, mp->name);
		if (decrypt_all(&mp->doc, a->account, &cond, acts, sizeof(acts))) {
			attached_words(acct, mp->arn, &who);
			ys_fail(a, mp->arn, NULL, "policy %s allows %s with every KMS key (%s%s): "
						  "whoever holds it reads whatever any key protects",
				mp->name, acts, cond ? "under a condition; " : "", who.buf);
		} else {
			ys_pass(a, mp->arn, NULL, "policy %s does not allow kms:Decrypt or "
						  "kms:ReEncryptFrom with every key", mp->name);
		}
		ys_about(a, NULL);
		strbuf_release(&who);
	}
	if (acct && !seen)
		ys_pass(a, NULL, NULL, "the account has no customer-managed IAM policy");
}

/* The inline policies of p that decrypt with every key: "deploy (kms:Decrypt)" into sb. */
static void inline_decrypt(const struct ys_principal *p, const char *account, struct strbuf *sb)
{
	size_t j;

	for (j = 0; j < p->ninl; j++) {
		char acts[64];
		int cond;

		if (p->inl[j].ok &&
		    decrypt_all(&p->inl[j].doc, account, &cond, acts, sizeof(acts)))
			strbuf_addf(sb, "%s%s (%s%s)", sb->len ? ", " : "", p->inl[j].name, acts,
				    cond ? ", under a condition" : "");
	}
}

void ys_check_kms_decrypt_inline(struct ys_audit *a)
{
	const struct ys_account *acct = ys_need_account(a);
	const struct ys_principal *lists[3];
	size_t ns[3], k, i;

	if (!acct)
		return;
	lists[0] = acct->users, lists[1] = acct->groups, lists[2] = acct->roles;
	ns[0] = acct->nusers, ns[1] = acct->ngroups, ns[2] = acct->nroles;
	for (k = 0; k < 3; k++)
		for (i = 0; i < ns[k]; i++) {
			const struct ys_principal *p = &lists[k][i];
			const char *kind = ys_account_kind(p->kind);
			struct strbuf sb = STRBUF_INIT;

			if (!p->ninl)
				continue;
			ys_about(a, p->name);
			inline_decrypt(p, a->account, &sb);
			if (sb.len)
				ys_fail(a, p->arn, NULL, "an inline policy of %s %s allows decrypting "
							 "with every KMS key: %s", kind, p->name, sb.buf);
			else
				ys_pass(a, p->arn, NULL, "no inline policy of %s %s decrypts with "
							 "every KMS key", kind, p->name);
			ys_about(a, NULL);
			strbuf_release(&sb);
		}
}
