/* fuzz-org.c: an organization folder whose organization.json, Organizations calls and one
 * account's trail, GuardDuty and backup answers are arbitrary bytes (split at NULs): the folder
 * is read, every account audited, the organization's checks run (SCPs through the IAM
 * evaluator), and the summary, the map and the report written in every format */
#include <stdint.h>
#include <string.h>
#include "fuzz-files.h"
#include "base/strbuf.h"
#include "checks/orgsummary.h"
#include "checks/report.h"
#include "map/orgmap.h"
#include "org/org.h"
#include "report/report.h"

static const char *const files[] = {
	"organization.json",
	"organizations/list-accounts.json",
	"organizations/list-roots.json",
	"organizations/list-policies.json",
	"organizations/describe-policy/p-a.json",
	"organizations/list-targets-for-policy/p-a.json",
	"organizations/list-parents/222222222222.json",
	"organizations/list-parents/ou-a.json",
	"organizations/describe-organization.json",
	"222222222222/us-east-1/cloudtrail/describe-trails.json",
	"222222222222/us-east-1/guardduty/list-detectors.json",
	"222222222222/us-east-1/backup/list-backup-plans.json",
	"222222222222/us-east-1/backup/get-backup-plan/p1.json",
};

#define NFILES (sizeof(files) / sizeof(files[0]))

static const char *const dirs[] = {
	"organizations/describe-policy", "organizations/list-targets-for-policy", "organizations/list-parents",
	"222222222222/us-east-1/cloudtrail", "222222222222/us-east-1/guardduty",
	"222222222222/us-east-1/backup/get-backup-plan", NULL,
};

static void outputs(struct ys_org_run *r)
{
	struct ys_org_summary s;
	struct ys_org_map om;
	struct ys_error err = {0};
	struct ys_audit_report_opts ao = {0};
	struct ys_report_in in = {0};
	struct ys_report rep;
	struct strbuf sb = STRBUF_INIT;
	enum ys_audit_format f;

	if (ys_org_summary_build(r, &s))
		return;
	ys_org_summary_text(&sb, &s, 1);
	for (f = YS_AFMT_TEXT; f <= YS_AFMT_SARIF; f++) {
		ao.format = f;
		ys_audit_report(&sb, &r->all, &ao);
	}
	if (!ys_org_map_build(r, &om, &err)) {
		ys_org_map_text(&sb, &om);
		ys_org_map_json(&sb, &om);
		ys_org_map_html(&sb, &om);
		in.audit = &r->all;
		in.org = &s;
		in.orgmap = &om;
		in.account = r->management;
		if (!ys_report_build(&in, &rep, &err)) {
			ys_report_text(&sb, &rep);
			ys_report_json(&sb, &rep);
			ys_report_html(&sb, &rep);
			ys_report_release(&rep);
		}
		ys_org_map_release(&om);
	}
	ys_org_summary_release(&s);
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ys_error err = {0};
	struct ys_org *org;
	struct ys_org_run *r;
	struct ys_audit_opts ao = {-1, 1700000000, NULL, NULL, NULL, NULL, NULL};
	const uint8_t *p = data, *end = data + size;
	size_t i;

	if (!fuzz_root[0]) {
		if (fuzz_root_make("fuzz-org", dirs))
			return 0;
		fuzz_put("222222222222/account.json", "{\"Account\": \"222222222222\"}", 27);
	}
	for (i = 0; i < NFILES; i++) {
		const uint8_t *z = memchr(p, 0, (size_t)(end - p));
		size_t n = z ? (size_t)(z - p) : (size_t)(end - p);

		fuzz_put(files[i], p, n);
		p = z ? z + 1 : end;
	}
	if (ys_org_open(fuzz_root, &org, &err))
		return 0;
	if (!ys_org_audit(org, NULL, 0, &ao, &r, &err)) {
		outputs(r);
		ys_org_run_free(r);
	}
	return 0;
}
