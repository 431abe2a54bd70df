/* checks-org-backup.c: whether each account's AWS Backup plans copy to a vault in another
 * account, so that the account's takeover does not take its backups with it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "orgaudit.h"
#include "../banned.h"

/* One account's plans: how many, how many copy elsewhere (and where), what could not be read. */
struct plans {
	size_t n, away, regions_read, regions_unknown;
	struct strbuf to; /* the accounts copied to */
};

static void plans_of(struct ys_snapshot *snap, const char *account, const char *region, struct plans *p)
{
	char rel[160], acct[16];
	const struct ys_snap_file *f;
	const struct ys_jval *list, *rules;
	size_t i, j, k;

	snprintf(rel, sizeof(rel), "%s/backup/list-backup-plans", region);
	f = ys_snapshot_get(snap, rel);
	if (f->status != YS_SNAP_OK) {
		p->regions_unknown++;
		return;
	}
	p->regions_read++;
	list = ys_json_get(f->root, "BackupPlansList");
	snprintf(rel, sizeof(rel), "%s/backup/get-backup-plan", region);
	for (i = 0; i < ys_count(list); i++) {
		const char *id = ys_str(ys_item(list, i), "BackupPlanId");
		int away = 0;

		if (!*id)
			continue;
		p->n++;
		f = ys_snapshot_get_res(snap, rel, id);
		if (f->status != YS_SNAP_OK)
			continue;
		rules = ys_json_get(ys_json_get(f->root, "BackupPlan"), "Rules");
		for (j = 0; j < ys_count(rules); j++) {
			const struct ys_jval *ca = ys_json_get(ys_item(rules, j), "CopyActions");

			for (k = 0; k < ys_count(ca); k++) {
				const char *dest = ys_str(ys_item(ca, k), "DestinationBackupVaultArn");

				if (!*ys_arn_account(dest, acct) || !strcmp(acct, account))
					continue;
				away = 1;
				if (!strstr(strbuf_str(&p->to), acct))
					strbuf_addf(&p->to, "%s%s", p->to.len ? ", " : "", acct);
			}
		}
		p->away += away;
	}
}

void ys_check_org_backups_not_cross_account(struct ys_audit *a)
{
	struct ys_org_run *r = a->org;
	struct ys_org_names same = {STRBUF_INIT, 0, 0, 0}, noplan = {STRBUF_INIT, 0, 0, 0};
	struct ys_org_names away = {STRBUF_INIT, 0, 0, 0}, unknown = {STRBUF_INIT, 0, 0, 0};
	struct strbuf dests = STRBUF_INIT, msg = STRBUF_INIT;
	struct plans *p = calloc(r->n ? r->n : 1, sizeof(*p));
	char label[300], note[600], what[300];
	size_t i, j;

	a->about_account = r->management;
	if (!p)
		return;
	for (i = 0; i < r->n; i++)
		for (j = 0; r->m[i].audited && j < r->nregions; j++) {
			plans_of(r->m[i].snap, r->m[i].id, r->regions[j], &p[i]);
			if (p[i].to.len && !strstr(strbuf_str(&dests), p[i].to.buf))
				strbuf_addf(&dests, "%s%s", dests.len ? ", " : "", p[i].to.buf);
		}
	for (i = 0; i < r->n; i++) {
		const struct ys_org_member *m = &r->m[i];

		ys_org_member_label(m, label, sizeof(label));
		if (!m->audited) {
			if (!m->suspended)
				ys_org_names_add(&unknown, "%s", ys_org_member_note(m, "not audited", note, sizeof(note)));
		} else if (!p[i].regions_read) {
			ys_org_names_add(&unknown, "%s", ys_org_member_note(m, "its snapshot holds no "
									 "backup/list-backup-plans", note, sizeof(note)));
		} else if (p[i].away) {
			snprintf(what, sizeof(what), "to %s", p[i].to.buf);
			ys_org_names_add(&away, "%s", ys_org_member_note(m, what, note, sizeof(note)));
		} else if (p[i].n) {
			snprintf(what, sizeof(what), "%zu plan%s", p[i].n, p[i].n == 1 ? "" : "s");
			ys_org_names_add(&same, "%s", ys_org_member_note(m, what, note, sizeof(note)));
		} else if (!m->management && !strstr(strbuf_str(&dests), m->id)) {
			/* the management account runs no workload, and a backup account holds the others' */
			ys_org_names_add(&noplan, "%s", label);
		}
	}
	if (same.n)
		strbuf_addf(&msg, "backup plans that copy nowhere outside their own account: %s", ys_org_names_str(&same));
	if (noplan.n)
		strbuf_addf(&msg, "%sno backup plan at all: %s", msg.len ? "; " : "", ys_org_names_str(&noplan));
	if (msg.len)
		strbuf_addstr(&msg, ": one stolen administrator of such an account deletes its data and backups together");
	if (unknown.n)
		strbuf_addf(&msg, "%snot known for: %s", msg.len ? "; " : "", ys_org_names_str(&unknown));
	if (same.n || noplan.n)
		ys_fail(a, r->arn, NULL, "%s", msg.buf);
	else if (unknown.n)
		ys_emit(a, YS_F_SKIP, r->arn, NULL, "%s", msg.buf);
	else if (away.n)
		ys_pass(a, r->arn, NULL, "every audited account with backup plans copies to another account: %s",
			ys_org_names_str(&away));
	else
		ys_pass(a, r->arn, NULL, "no audited account has data to back up: none has a backup plan");
	for (i = 0; i < r->n; i++)
		strbuf_release(&p[i].to);
	free(p);
	strbuf_release(&dests);
	strbuf_release(&msg);
	ys_org_names_release(&same);
	ys_org_names_release(&noplan);
	ys_org_names_release(&away);
	ys_org_names_release(&unknown);
}
