/* checks-org-watch.c: whether someone watches every account: an organization trail that is
 * multi-region and logging (else, which accounts have no trail of their own), and GuardDuty
 * with a detector in every account and region the snapshots cover */
#include <stdio.h>
#include <string.h>
#include "orgaudit.h"
#include "trails.h"
#include "../banned.h"

/* The best organization trail seen: multi-region and logging beats the rest. */
struct orgtrail {
	char arn[300], name[200], why[300];
	int found, multi, logging; /* logging: 1, 0, -1 unknown */
};

static int rank(int multi, int logging)
{
	return multi * 4 + (logging == 1 ? 2 : logging < 0 ? 1 : 0);
}

static void consider(struct orgtrail *best, const struct ys_trail *t)
{
	int multi = ys_bool(t->v, "IsMultiRegionTrail") == 1;

	if (best->found && !strcmp(best->arn, t->arn)) {
		if (best->logging < 0 && t->logging >= 0)
			best->logging = t->logging; /* another account's snapshot has its status */
		return;
	}
	if (best->found && rank(best->multi, best->logging) >= rank(multi, t->logging))
		return;
	best->found = 1;
	best->multi = multi;
	best->logging = t->logging;
	snprintf(best->arn, sizeof(best->arn), "%s", t->arn);
	snprintf(best->name, sizeof(best->name), "%s", t->name);
	snprintf(best->why, sizeof(best->why), "%s", t->why);
}

void ys_check_org_trail_not_organization_wide(struct ys_audit *a)
{
	struct ys_org_run *r = a->org;
	struct ys_org_names none = {STRBUF_INIT, 0, 0, 0}, own = {STRBUF_INIT, 0, 0, 0}, unknown = {STRBUF_INIT, 0, 0, 0};
	struct orgtrail best = {{0}, {0}, {0}, 0, 0, -1};
	struct strbuf msg = STRBUF_INIT;
	char label[300], note[400];
	size_t i, j, read = 0;

	for (i = 0; i < r->n; i++) {
		const struct ys_org_member *m = &r->m[i];
		struct ys_audit sub;
		struct ys_trails t;
		const char *logs = NULL;

		ys_org_member_label(m, label, sizeof(label));
		if (!m->audited) {
			if (!m->suspended)
				ys_org_names_add(&unknown, "%s", ys_org_member_note(m, "not audited", note, sizeof(note)));
			continue;
		}
		ys_org_view(a, m, &sub);
		if (ys_trails_load(&sub, &t) < 0) {
			ys_org_names_add(&unknown, "%s", ys_org_member_note(m, "its snapshot holds no cloudtrail/describe-trails",
									 note, sizeof(note)));
			ys_org_view_end(&sub);
			continue;
		}
		read++;
		for (j = 0; j < t.n; j++) {
			if (ys_bool(t.t[j].v, "IsOrganizationTrail") == 1)
				consider(&best, &t.t[j]);
			else if (ys_bool(t.t[j].v, "IsMultiRegionTrail") == 1 && t.t[j].logging == 1 && !logs)
				logs = t.t[j].name;
		}
		if (logs) {
			char what[250];

			snprintf(what, sizeof(what), "trail %s", logs);
			ys_org_names_add(&own, "%s", ys_org_member_note(m, what, note, sizeof(note)));
		} else {
			ys_org_names_add(&none, "%s", label);
		}
		ys_trails_release(&t);
		ys_org_view_end(&sub);
	}
	a->about_account = r->management;
	if (best.found && best.multi && best.logging == 1) {
		ys_pass(a, r->arn, NULL, "organization trail %s (%s) is multi-region and logging: it records "
			"every account of the organization in every region", best.name, best.arn);
		goto out;
	}
	if (!read) {
		ys_emit(a, YS_F_SKIP, r->arn, NULL, "no audited snapshot holds cloudtrail/describe-trails: "
			"whether a trail records the organization is unknown%s%s",
			unknown.n ? ": " : "", ys_org_names_str(&unknown));
		goto out;
	}
	if (!best.found)
		strbuf_addstr(&msg, "no trail of the audited accounts is an organization trail");
	else
		strbuf_addf(&msg, "organization trail %s (%s) %s", best.name, best.arn,
			    !best.multi ? "records only its home region"
			    : best.logging == 0 ? "is not logging" : "may not be logging: its status is unknown");
	if (best.found && best.logging < 0 && *best.why)
		strbuf_addf(&msg, " (%s)", best.why);
	if (none.n)
		strbuf_addf(&msg, "; accounts with no multi-region trail of their own logging: %s", ys_org_names_str(&none));
	if (own.n)
		strbuf_addf(&msg, "; accounts logging only to a trail of their own, which their administrators "
			    "can stop: %s", ys_org_names_str(&own));
	if (unknown.n)
		strbuf_addf(&msg, "; not known for: %s", ys_org_names_str(&unknown));
	/* an organization trail whose status alone is unknown cannot be judged either way */
	ys_emit(a, best.found && best.multi && best.logging < 0 && !none.n && !own.n ? YS_F_SKIP : YS_F_FAIL,
		r->arn, NULL, "%s", msg.buf);
out:
	strbuf_release(&msg);
	ys_org_names_release(&none);
	ys_org_names_release(&own);
	ys_org_names_release(&unknown);
}

/* GuardDuty in one account and region: 1 on, 0 off (or suspended), -1 unknown (why). */
static int guardduty_in(struct ys_snapshot *snap, const char *region, char *why, size_t n)
{
	char rel[160];
	const struct ys_snap_file *f;
	const struct ys_jval *ids;
	size_t i;
	int unknown = 0;

	snprintf(rel, sizeof(rel), "%s/guardduty/list-detectors", region);
	f = ys_snapshot_get(snap, rel);
	if (f->status != YS_SNAP_OK) {
		snprintf(why, n, "%s", f->status == YS_SNAP_REFUSED ? "refused" : f->status == YS_SNAP_BAD ? "unreadable"
				       : "not in its snapshot");
		return -1;
	}
	ids = ys_json_get(f->root, "DetectorIds");
	snprintf(rel, sizeof(rel), "%s/guardduty/get-detector", region);
	for (i = 0; i < ys_count(ids); i++) {
		const char *id = ys_json_str(&ids->u.items[i]);
		const struct ys_snap_file *d;

		if (!id)
			continue;
		d = ys_snapshot_get_res(snap, rel, id);
		if (d->status != YS_SNAP_OK)
			unknown = 1;
		else if (!strcmp(ys_str(d->root, "Status"), "ENABLED"))
			return 1;
	}
	if (unknown) {
		snprintf(why, n, "its detector's get-detector is not in its snapshot");
		return -1;
	}
	return 0;
}

void ys_check_org_guardduty_not_organization_wide(struct ys_audit *a)
{
	struct ys_org_run *r = a->org;
	struct ys_org_names off = {STRBUF_INIT, 0, 0, 0}, unknown = {STRBUF_INIT, 0, 0, 0};
	struct strbuf msg = STRBUF_INIT;
	char note[1200], why[100];
	size_t i, j, watched = 0;

	a->about_account = r->management;
	if (!r->nregions) {
		ys_emit(a, YS_F_SKIP, r->arn, NULL, "no audited snapshot holds a region");
		return;
	}
	for (i = 0; i < r->n; i++) {
		const struct ys_org_member *m = &r->m[i];
		struct strbuf offs = STRBUF_INIT, unk = STRBUF_INIT;

		if (!m->audited) {
			if (!m->suspended)
				ys_org_names_add(&unknown, "%s", ys_org_member_note(m, "not audited", note, sizeof(note)));
			continue;
		}
		for (j = 0; j < r->nregions; j++) {
			int on = guardduty_in(m->snap, r->regions[j], why, sizeof(why));

			if (!on)
				strbuf_addf(&offs, "%s%s", offs.len ? ", " : "", r->regions[j]);
			else if (on < 0)
				strbuf_addf(&unk, "%s%s: %s", unk.len ? ", " : "", r->regions[j], why);
		}
		if (offs.len)
			ys_org_names_add(&off, "%s", ys_org_member_note(m, offs.buf, note, sizeof(note)));
		if (unk.len)
			ys_org_names_add(&unknown, "%s", ys_org_member_note(m, unk.buf, note, sizeof(note)));
		watched += !offs.len && !unk.len;
		strbuf_release(&offs);
		strbuf_release(&unk);
	}
	if (off.n)
		strbuf_addf(&msg, "GuardDuty is off or suspended in %s", ys_org_names_str(&off));
	if (unknown.n)
		strbuf_addf(&msg, "%swhether GuardDuty is on is not known for %s", msg.len ? "; " : "",
			    ys_org_names_str(&unknown));
	if (off.n)
		ys_fail(a, r->arn, NULL, "%s", msg.buf);
	else if (unknown.n)
		ys_emit(a, YS_F_SKIP, r->arn, NULL, "%s", msg.buf);
	else
		ys_pass(a, r->arn, NULL, "GuardDuty has a detector on in all %zu audited accounts, in every region "
			"the snapshots cover (%zu)", watched, r->nregions);
	strbuf_release(&msg);
	ys_org_names_release(&off);
	ys_org_names_release(&unknown);
}
