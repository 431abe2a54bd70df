/* cmd-report.c: `yourside report`: audit, map, secrets, alerts and incidents in one report */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include "base/strbuf.h"
#include "checks/orgsummary.h"
#include "cmd.h"
#include "base/color.h"
#include "progress.h"
#include "json/jread.h"
#include "map/orgmap.h"
#include "org/org.h"
#include "report/report.h"
#include "snapshot/snapshot.h"
#include "vendors/chain.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_report;

enum { OPT_SNAPSHOT = 256, OPT_SECRETS, OPT_ALERTS, OPT_TRAIL, OPT_COMPLIANCE, OPT_FORMAT, OPT_OUTPUT,
       OPT_NOW, OPT_FAILON, OPT_HELP };

static const struct option longopts[] = {
	{"snapshot", required_argument, NULL, OPT_SNAPSHOT},
	{"secrets", required_argument, NULL, OPT_SECRETS},
	{"alerts", required_argument, NULL, OPT_ALERTS},
	{"trail", required_argument, NULL, OPT_TRAIL},
	{"compliance", required_argument, NULL, OPT_COMPLIANCE},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, OPT_OUTPUT},
	{"now", required_argument, NULL, OPT_NOW},
	{"fail-on", required_argument, NULL, OPT_FAILON},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

#define MAX_SNAPSHOTS 4096

struct opts {
	const char *snapshot, *secrets, *alerts, *trail, *compliance, *format, *output;
	char *snapshots[MAX_SNAPSHOTS]; /* every --snapshot, in order */
	int nsnapshots;
	int64_t now;
	int now_given; /* --now: ages too are measured from it, not from the snapshot's time */
	int fail_on;
};

/* the lines of a JSON Lines file; lines that are not JSON are named and left out */
struct lines {
	char **v;
	size_t n;
	size_t bad;
};

static int read_lines(const char *path, struct lines *l)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL;
	size_t cap = 0, no = 0;
	ssize_t n;

	if (!f)
		return ys_die_usage("cannot read '%s': %s", path, strerror(errno));
	while ((n = getline(&line, &cap, f)) >= 0) {
		struct ys_jdoc *doc;
		struct ys_error e = {0};
		char **v;

		no++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n)
			continue;
		if (ys_json_parse(line, (size_t)n, &doc, &e) || ys_jdoc_root(doc)->type != YS_J_OBJECT) {
			ys_warn("%s:%zu: not a finding: %s", path, no, e.msg[0] ? e.msg : "not an object");
			if (!e.msg[0])
				ys_jdoc_free(doc);
			l->bad++;
			continue;
		}
		ys_jdoc_free(doc);
		if (!(v = realloc(l->v, (l->n + 1) * sizeof(*v))) || !(v[l->n] = strdup(line))) {
			if (v)
				l->v = v;
			break;
		}
		l->v = v;
		l->n++;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return 0;
}

static void free_lines(struct lines *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	ys_warn("%s", msg);
}

static int parse(int argc, char **argv, struct opts *o, int *done)
{
	int c;

	*done = 0;
	o->now = (int64_t)time(NULL);
	o->compliance = "cis-3.0";
	o->format = "text";
	o->fail_on = 5;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_SNAPSHOT:
			if (o->nsnapshots == MAX_SNAPSHOTS)
				return ys_die_usage("at most %d --snapshot folders", MAX_SNAPSHOTS);
			o->snapshot = o->snapshots[o->nsnapshots++] = optarg;
			break;
		case OPT_SECRETS: o->secrets = optarg; break;
		case OPT_ALERTS: o->alerts = optarg; break;
		case OPT_TRAIL: o->trail = optarg; break;
		case OPT_COMPLIANCE: o->compliance = optarg; break;
		case OPT_OUTPUT: o->output = optarg; break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") && strcmp(optarg, "json") && strcmp(optarg, "html"))
				return ys_die_usage("--format takes text, json or html, not '%s'", optarg);
			o->format = optarg;
			break;
		case OPT_NOW:
			if (ys_parse_time_arg("--now", optarg, &o->now))
				return YS_EXIT_USAGE;
			o->now_given = 1;
			break;
		case OPT_FAILON:
			if ((o->fail_on = ys_parse_fail_on(optarg)) < 0)
				return YS_EXIT_USAGE;
			break;
		case 'h':
		case OPT_HELP:
			fputs(ys_cmd_report.usage, stdout);
			*done = 1;
			return 0;
		default:
			return YS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return ys_die_usage("report takes options only: --snapshot, --secrets, --alerts, --trail");
	if (!o->snapshot && !o->secrets && !o->alerts)
		return ys_die_usage("report needs something to report: --snapshot, --secrets or --alerts");
	if (o->trail && !o->secrets)
		return ys_die_usage("--trail is read for the incidents of leaked keys: give --secrets too");
	if (o->nsnapshots > 1)
		return ys_several_folders("report --snapshot", o->nsnapshots, o->snapshots);
	return 0;
}

struct parts {
	struct ys_snapshot *snap;
	struct ys_audit_result *audit;
	struct ys_org_run *org; /* several accounts, or an organization folder */
	struct ys_org_summary sum;
	struct ys_org_map orgmap;
	int have_orgmap;
	struct ys_cis *cis;
	struct ys_map map;
	int have_map;
	struct ys_leaks leaks;
	struct ys_usage use;
	struct ys_incidents in;
	int have_in;
	struct lines secrets, alerts;
	struct ys_saas_list saas;
};

/* Several accounts, or an organization folder: every account audited, the organization's
 * parts, and its line a row per account. */
static int gather_org(const struct opts *o, const struct ys_audit_opts *ao, struct parts *p)
{
	struct ys_error err = {0};
	struct ys_org *org = NULL;
	size_t i;

	if (o->nsnapshots == 1 && ys_org_open(o->snapshot, &org, &err))
		return ys_die_usage("--snapshot: %s", err.msg);
	if (ys_org_audit(org, o->nsnapshots == 1 ? NULL : (const char *const *)o->snapshots,
			 o->nsnapshots == 1 ? 0 : (size_t)o->nsnapshots, ao, &p->org, &err))
		return ys_die_usage("--snapshot: %s", err.msg);
	for (i = 0; i < p->org->nproblems; i++)
		ys_warn("%s", p->org->problems[i]);
	if (!p->org->n)
		return ys_die_usage("--snapshot: no account to report in '%s'", o->snapshot);
	if (ys_org_summary_build(p->org, &p->sum))
		return ys_die_usage("out of memory");
	if (ys_org_map_build(p->org, &p->orgmap, &err))
		return ys_die_usage("%s", err.msg);
	p->have_orgmap = 1;
	return 0;
}

static int gather(const struct opts *o, struct parts *p, struct ys_meter *meter)
{
	struct ys_error err = {0};
	struct ys_audit_opts ao = {o->now_given ? o->now : -1, o->now, NULL, NULL, NULL, NULL, meter};
	int rc;

	if (ys_cis_load(o->compliance, &p->cis, &err))
		return ys_die_usage("--compliance: %s", err.msg);
	if (o->nsnapshots > 1 || (o->snapshot && ys_org_is(o->snapshot))) {
		if ((rc = gather_org(o, &ao, p)))
			return rc;
	} else if (o->snapshot) {
		struct ys_org *around = ys_org_around(o->snapshot); /* names the organization's accounts */

		ao.org = around;
		rc = ys_snapshot_open(o->snapshot, &p->snap, &err) || ys_audit_run(p->snap, &ao, &p->audit, &err);
		ys_org_free(around);
		if (rc)
			return ys_die_usage("--snapshot: %s", err.msg);
		if (ys_map_build(p->snap, p->audit, &p->map, &err))
			return ys_die_usage("%s", err.msg);
		p->have_map = 1;
	}
	if (o->secrets) {
		if (read_lines(o->secrets, &p->secrets) || ys_leaks_read(&p->leaks, o->secrets, warn, NULL, &err))
			return err.msg[0] ? ys_die_usage("--secrets: %s", err.msg) : YS_EXIT_USAGE;
		p->leaks.bad = 0; /* read_lines named them */
		p->use.meter = meter;
		if (o->trail && ys_usage_scan(&p->use, o->trail, p->snap ? ys_snapshot_account(p->snap) : NULL,
					      warn, NULL, &err))
			return ys_die_usage("--trail: %s", err.msg);
		if (ys_incidents_build(&p->leaks, p->snap, o->trail ? &p->use : NULL, o->now, &p->in, &err))
			return ys_die_usage("%s", err.msg);
		p->have_in = 1;
	}
	if (o->alerts && read_lines(o->alerts, &p->alerts))
		return YS_EXIT_USAGE;
	if (ys_saas_from_lines((const char *const *)p->secrets.v, p->secrets.n, &p->saas))
		return ys_die_usage("out of memory");
	return 0;
}

static void release(struct parts *p)
{
	if (p->have_in)
		ys_incidents_release(&p->in);
	ys_usage_release(&p->use);
	ys_leaks_release(&p->leaks);
	if (p->have_map)
		ys_map_release(&p->map);
	if (p->have_orgmap)
		ys_org_map_release(&p->orgmap);
	ys_org_summary_release(&p->sum);
	ys_org_run_free(p->org);
	ys_audit_result_free(p->audit);
	ys_cis_free(p->cis);
	ys_snapshot_free(p->snap);
	free_lines(&p->secrets);
	free_lines(&p->alerts);
	ys_saas_release(&p->saas);
}

static int run(int argc, char **argv)
{
	struct opts o = {0};
	struct parts p;
	struct ys_report_in in = {0};
	struct ys_report r;
	struct ys_error err = {0};
	struct strbuf sb = STRBUF_INIT;
	struct ys_progress *pr;
	FILE *f;
	int done, rc, i;

	if ((rc = parse(argc, argv, &o, &done)) || done)
		return rc;
	memset(&p, 0, sizeof(p));
	pr = ys_progress_start();
	rc = gather(&o, &p, ys_progress_meter(pr));
	ys_progress_stop(pr);
	p.use.meter = NULL;
	if (rc) {
		release(&p);
		return rc;
	}
	in.audit = p.org ? &p.org->all : p.audit;
	in.cis = p.cis;
	in.org = p.org ? &p.sum : NULL;
	in.orgmap = p.have_orgmap ? &p.orgmap : NULL;
	in.map = p.have_map ? &p.map : NULL;
	in.incidents = p.have_in ? &p.in : NULL;
	in.secrets = (const char *const *)p.secrets.v;
	in.nsecrets = p.secrets.n;
	in.alerts = (const char *const *)p.alerts.v;
	in.nalerts = p.alerts.n;
	in.account = p.snap ? ys_snapshot_account(p.snap) : p.org ? p.org->management : NULL;
	in.now = o.now;
	in.vendors = p.audit ? p.audit->vendors : NULL; /* what the audit's checks worked out */
	in.saas = p.saas.n ? &p.saas : NULL;
	if (ys_report_build(&in, &r, &err)) {
		release(&p);
		return ys_die_usage("%s", err.msg);
	}
	if (!strcmp(o.format, "json"))
		ys_report_json(&sb, &r);
	else if (!strcmp(o.format, "html"))
		ys_report_html(&sb, &r);
	else {
		r.color = !o.output && ys_color_on(STDOUT_FILENO);
		ys_report_text(&sb, &r);
	}
	if (!(f = o.output ? fopen(o.output, "w") : stdout)) {
		rc = ys_die_usage("cannot write '%s': %s", o.output, strerror(errno));
	} else {
		fwrite(sb.buf, 1, sb.len, f);
		if (o.output && fclose(f))
			rc = ys_die_usage("cannot write '%s'", o.output);
	}
	for (i = 4; !rc && i >= 0 && i >= o.fail_on; i--)
		if (r.by_rank[i])
			rc = YS_EXIT_FINDINGS;
	if (!rc && (p.secrets.bad || p.alerts.bad))
		rc = YS_EXIT_USAGE;
	strbuf_release(&sb);
	ys_report_release(&r);
	release(&p);
	return rc;
}

const struct ys_cmd ys_cmd_report = {
	.name = "report",
	.summary = "one report of an account: the verdict, the top risks, then every finding with its fix",
	.usage =
	"usage: yourside report [--snapshot <dir>] [--secrets <file>] [--alerts <file>] [--trail <path>]\n"
	"                       [<options>]\n"
	"\n"
	"One report of everything yourside found: a summary a manager can read in a minute (the\n"
	"verdict against the chosen standard, the top risks in plain words), the incidents, the\n"
	"shared-responsibility line, then every finding — audit, leaked secrets, CloudTrail alerts,\n"
	"incidents — sorted by risk, each with its remediation.\n"
	"\n"
	"  --snapshot <dir>      the account snapshot: audited, and its line drawn; an organization\n"
	"                        folder (`collect --organization`), or --snapshot given again for\n"
	"                        each account: one report of them all, the organization's\n"
	"                        findings first, then each account worst first and the controls\n"
	"                        failing in the most accounts\n"
	"  --secrets <file>      `yourside secrets --format jsonl` output: each leak, and with\n"
	"                        --snapshot and --trail its incident\n"
	"  --alerts <file>       `yourside detect --format jsonl` output\n"
	"  --trail <path>        CloudTrail files: whether leaked keys were used (with --secrets)\n"
	"  --compliance <ver>    the standard of the verdict: cis-3.0 (default), cis-4.0.1, cis-5.0,\n"
	"                        cis-6.0, cis-7.0\n"
	"  --format <fmt>        text (default), json, or html (one page, nothing fetched)\n"
	"  --output <file>       write there instead of stdout\n"
	"  --now <time>          date the report (and measure ages) with this time (ISO 8601)\n"
	"  --fail-on <severity>  exit 1 for a finding this severe or worse (default: never)\n"
	"\n"
	"Exit status: 0, 1 with --fail-on, 2 usage error or an input line that is not a finding.\n",
	.run = run,
};
