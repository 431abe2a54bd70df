/* cmd-audit.c: `yourside audit`: what is missing on the customer's side of an AWS account, from
 * a snapshot of its configuration */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "base/isotime.h"
#include "base/severity.h"
#include "checks/report.h"
#include "banned.h"

static const char usage[] =
	"usage: yourside audit [<options>] <snapshot>\n"
	"       yourside audit --list-checks\n"
	"\n"
	"Checks an account snapshot (the folder `yourside collect` or\n"
	"scripts/snapshot-with-awscli.sh writes) against CIS AWS Foundations and the lessons of\n"
	"Code Spaces and Capital One. A check whose input the snapshot lacks says skip, one AWS\n"
	"refused says error and names the permission; neither ever says pass.\n"
	"\n"
	"  --format <fmt>        text (default), json, jsonl, csv or sarif\n"
	"  --compliance <ver>    list a CIS version's controls with pass, fail or manual and a\n"
	"                        verdict: cis-3.0 (default for the ids findings carry), cis-4.0.1,\n"
	"                        cis-5.0, cis-6.0, cis-7.0\n"
	"  --check <id>          run only this check (repeatable)\n"
	"  --all                 text: list passes too\n"
	"  --now <time>          measure ages (unused keys, root use) from this ISO 8601 time,\n"
	"                        not from when the snapshot was taken\n"
	"  --fail-on <severity>  exit 1 only for failures this severe or worse: info (default),\n"
	"                        low, medium, high, critical, or none\n"
	"  --list-checks         print every check: id, severity, CIS controls, title\n"
	"\n"
	"Exit status: 0 no failure (at --fail-on), 1 failures, 2 usage error or no snapshot.\n";

enum { OPT_FORMAT = 256, OPT_COMPLIANCE, OPT_CHECK, OPT_ALL, OPT_NOW, OPT_FAILON, OPT_LIST,
       OPT_HELP };

static const struct option longopts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"compliance", required_argument, NULL, OPT_COMPLIANCE},
	{"check", required_argument, NULL, OPT_CHECK},
	{"all", no_argument, NULL, OPT_ALL},
	{"now", required_argument, NULL, OPT_NOW},
	{"fail-on", required_argument, NULL, OPT_FAILON},
	{"list-checks", no_argument, NULL, OPT_LIST},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

struct opts {
	struct ys_audit_report_opts report;
	struct ys_audit_opts audit;
	const char *compliance;
	const char **only;
	size_t nonly;
	int fail_on;
	int list;
};

static int list_checks(const struct ys_cis *cis)
{
	char ids[256];
	size_t i;

	for (i = 0; i < ys_ncheck; i++) {
		ys_cis_ids_of(cis, &ys_checks[i], ids, sizeof(ids));
		printf("%-34s %-8s %-12s %s\n", ys_checks[i].id, ys_checks[i].severity,
		       *ids ? ids : "-", ys_checks[i].title);
	}
	return YS_EXIT_CLEAN;
}

static int parse(int argc, char **argv, struct opts *o, int *done)
{
	const char **only;
	int c;

	*done = 0;
	o->fail_on = 0;
	o->audit.now = -1;
	o->audit.clock = (int64_t)time(NULL);
	o->report.color = isatty(1);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (ys_audit_format_parse(optarg, &o->report.format))
				return ys_die_usage("--format takes text, json, jsonl, csv or sarif, not '%s'",
						    optarg);
			break;
		case OPT_COMPLIANCE:
			o->compliance = optarg;
			o->report.compliance = 1;
			break;
		case OPT_CHECK:
			if (!ys_check_find(optarg))
				return ys_die_usage("no check '%s' (yourside audit --list-checks lists them)",
						    optarg);
			only = realloc(o->only, (o->nonly + 2) * sizeof(*o->only));
			if (!only)
				return ys_die_usage("out of memory");
			o->only = only;
			o->only[o->nonly++] = optarg;
			o->only[o->nonly] = NULL;
			break;
		case OPT_ALL:
			o->report.all = 1;
			break;
		case OPT_NOW:
			if ((o->audit.now = ys_time_parse(optarg)) < 0)
				return ys_die_usage("--now takes an ISO 8601 time like 2026-01-31T12:00:00Z, "
						    "not '%s'", optarg);
			break;
		case OPT_FAILON:
			if ((o->fail_on = ys_parse_fail_on(optarg)) < 0)
				return YS_EXIT_USAGE;
			break;
		case OPT_LIST:
			o->list = 1;
			break;
		case 'h':
		case OPT_HELP:
			fputs(usage, stdout);
			*done = 1;
			return YS_EXIT_CLEAN;
		default:
			return YS_EXIT_USAGE;
		}
	}
	if (o->report.format != YS_AFMT_TEXT)
		o->report.color = 0;
	o->audit.only = o->only;
	return YS_EXIT_CLEAN;
}

/* Prints the snapshot's problems and the tally on stderr; the exit code. */
static int finish(struct ys_snapshot *snap, const struct ys_audit_result *r, const struct opts *o)
{
	const char *const *msgs;
	size_t i, n = ys_snapshot_problems(snap, &msgs), tally[4] = {0}, failing = 0;

	for (i = 0; i < n; i++)
		ys_warn("%s", msgs[i]);
	for (i = 0; i < r->n; i++) {
		tally[r->f[i].status]++;
		if (r->f[i].status == YS_F_FAIL &&
		    ys_severity_rank(r->f[i].check->severity) >= o->fail_on)
			failing++;
	}
	ys_warn("%zu checks; %zu fail, %zu error, %zu skip, %zu pass", o->nonly ? o->nonly : ys_ncheck,
		tally[YS_F_FAIL], tally[YS_F_ERROR], tally[YS_F_SKIP], tally[YS_F_PASS]);
	return failing ? YS_EXIT_FINDINGS : YS_EXIT_CLEAN;
}

static int run(int argc, char **argv)
{
	struct opts o = {0};
	struct ys_error err = {0};
	struct ys_snapshot *snap = NULL;
	struct ys_audit_result *r = NULL;
	struct ys_cis *cis = NULL;
	struct strbuf out = STRBUF_INIT;
	int done, rc = parse(argc, argv, &o, &done);

	if (rc || done)
		goto out;
	if (ys_cis_load(o.compliance ? o.compliance : "3.0", &cis, &err)) {
		rc = ys_die_usage("--compliance: %s", err.msg);
		goto out;
	}
	o.report.cis = cis;
	if (o.list) {
		rc = list_checks(cis);
		goto out;
	}
	if (optind != argc - 1) {
		rc = ys_die_usage(optind == argc ? "audit needs a snapshot folder"
						 : "audit takes one snapshot folder");
		goto out;
	}
	if (ys_snapshot_open(argv[optind], &snap, &err)) {
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	if (ys_audit_run(snap, &o.audit, &r, &err)) {
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	ys_audit_report(&out, r, &o.report);
	if (fwrite(out.buf ? out.buf : "", 1, out.len, stdout) != out.len || fflush(stdout)) {
		rc = ys_die_usage("cannot write the report to standard output");
		goto out;
	}
	rc = finish(snap, r, &o);
out:
	strbuf_release(&out);
	ys_audit_result_free(r);
	ys_snapshot_free(snap);
	ys_cis_free(cis);
	free(o.only);
	return rc;
}

const struct ys_cmd ys_cmd_audit = {
	.name = "audit",
	.summary = "check an account snapshot against CIS AWS Foundations and the breaches' lessons",
	.usage = usage,
	.run = run,
};
