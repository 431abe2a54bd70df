/* cmd-audit.c: `yourside audit`: what is missing on the customer's side of an AWS account, from
 * a snapshot of its configuration */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "base/color.h"
#include "progress.h"
#include "base/isotime.h"
#include "base/severity.h"
#include "checks/auditdiff.h"
#include "checks/orgsummary.h"
#include "checks/report.h"
#include "org/org.h"
#include "base/sign.h"
#include "store/history.h"
#include "store/sql.h"
#include "store/ledger.h"
#include "banned.h"

static const char usage[] =
	"usage: yourside audit [<options>] <snapshot>\n"
	"       yourside audit [<options>] <organization> | <snapshot> <snapshot>...\n"
	"       yourside audit --diff [<options>] <old-snapshot> <new-snapshot>\n"
	"       yourside audit --diff --state <file> [<options>] <snapshot>\n"
	"       yourside audit --list-checks\n"
	"\n"
	"Checks an account snapshot (the folder `yourside collect` or\n"
	"scripts/snapshot-with-awscli.sh writes) against CIS AWS Foundations, AWS Foundational\n"
	"Security Best Practices and the lessons of Code Spaces and Capital One. A check whose\n"
	"input the snapshot lacks says skip, one AWS refused says error and names the permission;\n"
	"neither ever says pass. An organization folder (`collect --organization`, recognized by its\n"
	"organization.json), or several snapshot folders, are audited as one: every account, then\n"
	"the organization's checks (SCPs, trail, GuardDuty, backups); findings then carry their\n"
	"account, and text starts with the organization, each account worst first and the\n"
	"controls failing in the most accounts.\n"
	"\n"
	"  --format <fmt>        text (default), json, jsonl, csv or sarif\n"
	"  --compliance <ver>    list a standard's controls with pass, fail or manual and a\n"
	"                        verdict: cis-3.0 (default for the ids findings carry), cis-4.0.1,\n"
	"                        cis-5.0, cis-6.0, cis-7.0, or fsbp (AWS Foundational Security\n"
	"                        Best Practices)\n"
	"  --check <id>          run only this check (repeatable)\n"
	"  --all                 text: list passes too\n"
	"  --verbose             text: every resource under each check (the first five by\n"
	"                        default, then how many more)\n"
	"  --now <time>          measure ages (unused keys, root use) from this ISO 8601 time,\n"
	"                        not from when the snapshot was taken\n"
	"  --fail-on <severity>  exit 1 only for failures this severe or worse: info (default),\n"
	"                        low, medium, high, critical, or none\n"
	"  --list-checks         print every check: id, severity, CIS controls, title\n"
	"  --diff                what changed between two snapshots (volatile fields ignored) and\n"
	"                        which failures appeared or went away; text or --format json\n"
	"  --state <file>        keep each run (files and findings) in this SQLite file, or in a\n"
	"                        PostgreSQL database (postgresql://...); with --diff and one\n"
	"                        snapshot, compare it with the account's last run\n"
	"  --sign-key <key.pem>  with --state: also append each failure to the state's signed,\n"
	"                        hash-chained log (yourside log verify checks it)\n"
	"\n"
	"Exit status: 0 no failure (at --fail-on), 1 failures (with --diff: new ones; an account\n"
	"of the organization that could not be audited is one), 2 usage error or no snapshot.\n";

enum { OPT_FORMAT = 256, OPT_COMPLIANCE, OPT_CHECK, OPT_ALL, OPT_VERBOSE, OPT_NOW, OPT_FAILON, OPT_LIST,
       OPT_DIFF, OPT_STATE, OPT_SIGNKEY, OPT_HELP };

static const struct option longopts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"compliance", required_argument, NULL, OPT_COMPLIANCE},
	{"check", required_argument, NULL, OPT_CHECK},
	{"all", no_argument, NULL, OPT_ALL},
	{"verbose", no_argument, NULL, OPT_VERBOSE},
	{"now", required_argument, NULL, OPT_NOW},
	{"fail-on", required_argument, NULL, OPT_FAILON},
	{"list-checks", no_argument, NULL, OPT_LIST},
	{"diff", no_argument, NULL, OPT_DIFF},
	{"state", required_argument, NULL, OPT_STATE},
	{"sign-key", required_argument, NULL, OPT_SIGNKEY},
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
	int diff;
	const char *state;
	const char *sign_key;
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
	o->report.color = ys_color_on(STDOUT_FILENO);
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
		case OPT_VERBOSE:
			o->report.verbose = 1;
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
		case OPT_DIFF:
			o->diff = 1;
			break;
		case OPT_STATE:
			o->state = optarg;
			break;
		case OPT_SIGNKEY:
			o->sign_key = optarg;
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
	if (o->sign_key && (!o->state || o->diff))
		return ys_die_usage("--sign-key needs --state <file> (and no --diff): the signed log lives there");
	return YS_EXIT_CLEAN;
}

static void print_problems(struct ys_snapshot *snap)
{
	const char *const *msgs;
	size_t i, n = ys_snapshot_problems(snap, &msgs);

	for (i = 0; i < n; i++)
		ys_warn("%s", msgs[i]);
}

/* Prints the snapshot's problems and the tally on stderr; the exit code. */
static int finish(struct ys_snapshot *snap, const struct ys_audit_result *r, const struct opts *o)
{
	size_t i, tally[4] = {0}, failing = 0;
	char t[32];

	print_problems(snap);
	for (i = 0; i < r->n; i++) {
		tally[r->f[i].status]++;
		if (r->f[i].status == YS_F_FAIL &&
		    ys_severity_rank(r->f[i].check->severity) >= o->fail_on)
			failing++;
	}
	ys_format_time(r->now, t);
	ys_warn("%zu checks; %zu fail, %zu error, %zu skip, %zu pass; ages measured from %s, %s",
		o->nonly ? o->nonly : ys_check_count(0), tally[YS_F_FAIL], tally[YS_F_ERROR], tally[YS_F_SKIP],
		tally[YS_F_PASS], t, ys_now_from_words(r->now_from));
	if (r->now_from == YS_NOW_CLOCK)
		ys_warn("an old snapshot is judged as if it were taken today: give it a snapshot.json "
			"(collect and scripts/snapshot-with-awscli.sh write one) or pass --now");
	return failing ? YS_EXIT_FINDINGS : YS_EXIT_CLEAN;
}

/* One snapshot audited: its folder, snapshot and result. */
struct audited {
	const char *dir;
	struct ys_snapshot *snap;
	struct ys_audit_result *r;
};

static int audit_one(struct audited *a, const char *dir, const struct opts *o)
{
	struct ys_error err = {0};

	struct ys_audit_opts ao = o->audit;
	struct ys_org *org = ao.org ? NULL : ys_org_around(dir);
	int rc = 0;

	a->dir = dir;
	ao.org = ao.org ? ao.org : org; /* a snapshot in an organization's folder names its accounts */
	ys_meter_phase(ao.meter, "reading the snapshot", NULL, 0, NULL);
	if (ys_snapshot_open(dir, &a->snap, &err) || ys_audit_run(a->snap, &ao, &a->r, &err))
		rc = ys_die_usage("%s", err.msg);
	ys_org_free(org);
	return rc;
}

static void audited_free(struct audited *a)
{
	ys_audit_result_free(a->r);
	ys_snapshot_free(a->snap);
}

static int write_out(const struct strbuf *out)
{
	if (fwrite(out->buf ? out->buf : "", 1, out->len, stdout) != out->len || fflush(stdout) ||
	    ferror(stdout))
		return ys_die_usage("cannot write the report to standard output");
	return 0;
}

/* Keeps the side as the account's newest run; says so on stderr. */
static int record(struct ys_history *h, const struct ys_aside *side, const char *account,
		  const struct opts *o)
{
	struct ys_error err = {0};
	int64_t run;

	if (ys_history_record(h, side, account, (int64_t)time(NULL), &run, &err))
		return ys_die_usage("%s", err.msg);
	ys_warn("recorded as run %lld of account %s in %s", (long long)run, account,
		ys_sql_name(ys_history_sql(h)));
	return 0;
}

/* The account's last run in the history, as a side; 1 when there is none. */
static int last_run(struct ys_history *h, const char *account, const struct opts *o,
		    struct ys_aside *side)
{
	struct ys_error err = {0};
	char where[512], label[700];
	int64_t run, taken;

	memset(side, 0, sizeof(*side));
	if (ys_history_last(h, account, &run, &taken, where, sizeof(where), &err))
		return ys_die_usage("%s", err.msg);
	if (!run)
		return 1;
	snprintf(label, sizeof(label), "run %lld of %s (%s)", (long long)run,
		 ys_sql_name(ys_history_sql(h)), where);
	if (!(side->label = strdup(label)))
		return ys_die_usage("out of memory");
	side->taken = taken;
	if (ys_history_side(h, run, side, &err))
		return ys_die_usage("%s", err.msg);
	return 0;
}

static int diff_exit(const struct ys_adiff *d, const struct opts *o)
{
	size_t i;

	for (i = 0; i < d->nappeared; i++)
		if (ys_severity_rank(d->appeared[i]->severity) >= o->fail_on)
			return YS_EXIT_FINDINGS;
	return YS_EXIT_CLEAN;
}

static int open_history(const struct opts *o, struct ys_history **h);

/* --diff: OLD NEW, or (with --state) one snapshot against the account's last run. */
static int run_diff(int nargs, char **args, struct opts *o)
{
	struct audited old = {0}, cur = {0};
	struct ys_aside sold = {0}, snew = {0};
	struct ys_adiff d = {0};
	struct ys_history *h = NULL;
	struct ys_error err = {0};
	struct strbuf out = STRBUF_INIT;
	int rc;

	if (o->report.format != YS_AFMT_TEXT && o->report.format != YS_AFMT_JSON)
		return ys_die_usage("--diff prints text or json");
	if (nargs != 2 && !(nargs == 1 && o->state))
		return ys_die_usage("--diff compares two snapshot folders (or, with --state, one with "
				    "the account's last run)");
	if (ys_org_is(args[0]) || ys_org_is(args[nargs - 1]))
		return ys_die_usage("--diff compares snapshots of one account, not organization folders");
	if ((rc = open_history(o, &h)) || (rc = audit_one(&cur, args[nargs - 1], o)) ||
	    (nargs == 2 && (rc = audit_one(&old, args[0], o))))
		goto out;
	if (old.snap)
		print_problems(old.snap);
	print_problems(cur.snap);
	if (ys_aside_from_snapshot(&snew, cur.dir, cur.r, &err) ||
	    (old.r && ys_aside_from_snapshot(&sold, old.dir, old.r, &err))) {
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	if (!old.r && (rc = last_run(h, cur.r->account, o, &sold))) {
		if (rc == 1) {
			ys_warn("no earlier run of account %s in %s to compare with", cur.r->account,
				o->state);
			rc = record(h, &snew, cur.r->account, o);
		}
		goto out;
	}
	if (ys_adiff_compute(&sold, &snew, &d, &err)) {
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	ys_adiff_report(&out, &d, &sold, &snew, o->report.format == YS_AFMT_JSON);
	if ((rc = write_out(&out)))
		goto out;
	if (h && (rc = record(h, &snew, cur.r->account, o)))
		goto out;
	rc = diff_exit(&d, o);
out:
	strbuf_release(&out);
	ys_adiff_release(&d);
	ys_aside_release(&sold);
	ys_aside_release(&snew);
	ys_history_close(h);
	audited_free(&old);
	audited_free(&cur);
	return rc;
}

/* --state without --diff: the run is kept, and stderr says what changed since the last one. */
static int keep_run(struct ys_history *h, const struct audited *a, const struct opts *o)
{
	struct ys_aside sold = {0}, snew = {0};
	struct ys_adiff d = {0};
	struct ys_error err = {0};
	int rc;

	if (ys_aside_from_snapshot(&snew, a->dir, a->r, &err)) {
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	rc = last_run(h, a->r->account, o, &sold);
	if (rc == 0 && !ys_adiff_compute(&sold, &snew, &d, &err))
		ys_warn("since %s: %zu new failure%s, %zu resolved, %zu file%s changed "
			"(yourside audit --diff --state %s shows them)", sold.label, d.nappeared,
			d.nappeared == 1 ? "" : "s", d.nresolved, d.nfiles, d.nfiles == 1 ? "" : "s",
			o->state);
	if (rc <= 1)
		rc = record(h, &snew, a->r->account, o);
out:
	ys_adiff_release(&d);
	ys_aside_release(&sold);
	ys_aside_release(&snew);
	return rc;
}

/* --sign-key: the run's failures, as JSON Lines, appended to the signed log in the state */
static int load_sign_key(const struct opts *o, struct ys_signkey **k)
{
	struct ys_error err = {0};

	if (ys_signkey_load(o->sign_key, k, &err))
		return ys_die_usage("--sign-key: %s", err.msg);
	if (!ys_signkey_can_sign(*k))
		return ys_die_usage("--sign-key: '%s' is a public key: signing needs the private one", o->sign_key);
	return 0;
}

static int sign_failures(struct ys_history *h, const struct audited *a, const struct opts *o,
			 const struct ys_signkey *k)
{
	struct ys_audit_report_opts ro = o->report;
	struct ys_error err = {0};
	struct ys_ledger *l = NULL;
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	size_t i, n = 0;
	int rc;

	ro.format = YS_AFMT_JSONL;
	ys_audit_report(&sb, a->r, &ro);
	rc = ys_ledger_attach(ys_history_sql(h), ys_sql_name(ys_history_sql(h)), &l, &err) ||
	     ys_history_begin(h, &err);
	for (i = 0, p = sb.buf; !rc && p && i < a->r->n; i++) {
		size_t len = strcspn(p, "\n");

		if (a->r->f[i].status == YS_F_FAIL) {
			rc = ys_ledger_append(l, k, (int64_t)time(NULL), "finding", p, len, &err);
			n++;
		}
		p += len + (p[len] == '\n');
	}
	if (!rc)
		rc = ys_history_commit(h, &err);
	else
		ys_history_rollback(h);
	if (rc)
		rc = ys_die_usage("--sign-key: %s", err.msg);
	else
		ys_warn("%zu failure%s signed into the log in %s", n, n == 1 ? "" : "s",
			ys_sql_name(ys_history_sql(h)));
	ys_ledger_close(l);
	strbuf_release(&sb);
	return rc;
}

/* The history, opened before any work so a bad file stops the run at once. */
static int open_history(const struct opts *o, struct ys_history **h)
{
	struct ys_error err = {0};

	*h = NULL;
	if (o->state && ys_history_open(o->state, h, &err))
		return ys_die_usage("%s", err.msg);
	return 0;
}

/* Prints what could not be read and the tally of an organization's run on stderr; the exit code. */
static int finish_org(const struct ys_org_run *r, const struct ys_org_summary *sum, const struct opts *o)
{
	size_t i, tally[4] = {0}, failing = 0;
	char t[32], label[300], counts[200];
	int clock = 0;

	for (i = 0; i < r->nproblems; i++)
		ys_warn("%s", r->problems[i]);
	for (i = 0; i < r->all.n; i++) {
		tally[r->all.f[i].status]++;
		if (r->all.f[i].status == YS_F_FAIL &&
		    ys_severity_rank(r->all.f[i].check->severity) >= o->fail_on)
			failing++;
	}
	for (i = 0; i < r->n; i++) {
		if (!r->m[i].audited)
			continue;
		ys_format_time(r->m[i].r->now, t);
		ys_warn("account %s: ages measured from %s, %s", ys_org_member_label(&r->m[i], label, sizeof(label)),
			t, ys_now_from_words(r->m[i].r->now_from));
		clock |= r->m[i].r->now_from == YS_NOW_CLOCK;
	}
	ys_warn("%s; %zu checks; %zu fail, %zu error, %zu skip, %zu pass", ys_org_summary_counts(sum, counts, sizeof(counts)),
		o->nonly ? o->nonly : ys_ncheck, tally[YS_F_FAIL], tally[YS_F_ERROR], tally[YS_F_SKIP],
		tally[YS_F_PASS]);
	if (clock)
		ys_warn("an old snapshot is judged as if it were taken today: give it a snapshot.json "
			"(collect and scripts/snapshot-with-awscli.sh write one) or pass --now");
	return failing ? YS_EXIT_FINDINGS : YS_EXIT_CLEAN;
}

/* An organization folder (one argument holding organization.json) or several snapshot folders,
 * audited as one. */
static int run_org(int nargs, char **args, struct opts *o, struct ys_history *h,
		   const struct ys_signkey *sk)
{
	struct ys_error err = {0};
	struct ys_org *org = NULL;
	struct ys_org_run *r = NULL;
	struct ys_org_summary sum = {0};
	struct strbuf out = STRBUF_INIT;
	size_t i;
	int rc, frc;

	struct ys_progress *pr = ys_progress_start();

	o->audit.meter = ys_progress_meter(pr);
	if (nargs == 1 && ys_org_open(args[0], &org, &err))
		rc = 1;
	else
		rc = ys_org_audit(org, nargs == 1 ? NULL : (const char *const *)args,
				  nargs == 1 ? 0 : (size_t)nargs, &o->audit, &r, &err);
	ys_progress_stop(pr);
	o->audit.meter = NULL;
	if (rc)
		return ys_die_usage("%s", err.msg);
	if (ys_org_summary_build(r, &sum)) {
		rc = ys_die_usage("out of memory");
		goto out;
	}
	if (!r->n) {
		for (i = 0; i < r->nproblems; i++)
			ys_warn("%s", r->problems[i]);
		rc = ys_die_usage("no account to audit in '%s'", args[0]);
		goto out;
	}
	o->report.stream = stdout;
	if (o->report.format == YS_AFMT_TEXT) {
		/* the organization's findings are told above: below, each account's */
		struct ys_audit_result accounts = r->all;
		size_t k = 0;

		if (r->all.n && !(accounts.f = malloc(r->all.n * sizeof(*accounts.f)))) {
			rc = ys_die_usage("out of memory");
			goto out;
		}
		for (i = 0; i < r->all.n; i++)
			if (!r->all.f[i].check->org)
				accounts.f[k++] = r->all.f[i];
		accounts.n = k;
		ys_org_summary_text(&out, &sum, o->report.all);
		strbuf_addstr(&out, "\nEach account's findings, worst first:\n");
		ys_audit_report(&out, &accounts, &o->report);
		free(accounts.f);
	} else {
		ys_audit_report(&out, &r->all, &o->report);
	}
	if ((rc = write_out(&out)))
		goto out;
	frc = finish_org(r, &sum, o);
	for (i = 0; h && !rc && i < r->n; i++) {
		struct audited a = {r->m[i].dir, r->m[i].snap, r->m[i].r};

		if (!r->m[i].audited)
			continue;
		rc = keep_run(h, &a, o);
		if (!rc && o->sign_key)
			rc = sign_failures(h, &a, o, sk);
	}
	if (!rc)
		rc = frc;
out:
	strbuf_release(&out);
	ys_org_summary_release(&sum);
	ys_org_run_free(r);
	return rc;
}

static int run(int argc, char **argv)
{
	struct opts o = {0};
	struct ys_error err = {0};
	struct audited a = {0};
	struct ys_history *h = NULL;
	struct ys_cis *cis = NULL, *fsbp = NULL;
	struct strbuf out = STRBUF_INIT;
	struct ys_signkey *sk = NULL;
	struct ys_progress *pr;
	int done, rc = parse(argc, argv, &o, &done), frc;

	if (rc || done)
		goto out;
	/* findings carry CIS ids (3.0's, or the version asked for); FSBP is listed beside them */
	if (o.compliance && !strncmp(o.compliance, "fsbp", 4) &&
	    ys_cis_load(o.compliance, &fsbp, &err)) {
		rc = ys_die_usage("--compliance: %s", err.msg);
		goto out;
	}
	if (ys_cis_load(o.compliance && !fsbp ? o.compliance : "3.0", &cis, &err)) {
		rc = ys_die_usage("--compliance: %s", err.msg);
		goto out;
	}
	o.report.cis = cis;
	o.report.standard = fsbp;
	if (o.list) {
		rc = list_checks(cis);
		goto out;
	}
	if (o.diff) {
		rc = run_diff(argc - optind, argv + optind, &o);
		goto out;
	}
	if (optind == argc) {
		rc = ys_die_usage("audit needs a snapshot folder (or an organization folder)");
		goto out;
	}
	if ((rc = open_history(&o, &h)) || (o.sign_key && (rc = load_sign_key(&o, &sk))))
		goto out;
	if (argc - optind > 1 && (rc = ys_several_folders("audit", argc - optind, argv + optind)))
		goto out;
	if (argc - optind > 1 || ys_org_is(argv[optind])) {
		rc = run_org(argc - optind, argv + optind, &o, h, sk);
		goto out;
	}
	for (size_t k = 0; k < o.nonly; k++)
		if (ys_check_find(o.only[k])->org)
			ys_warn("%s is an organization's check: it runs over an organization folder or several "
				"snapshot folders, not over one account", o.only[k]);
	o.audit.meter = ys_progress_meter(pr = ys_progress_start());
	rc = audit_one(&a, argv[optind], &o);
	ys_progress_stop(pr);
	o.audit.meter = NULL;
	if (rc)
		goto out;
	o.report.stream = stdout;
	ys_audit_report(&out, a.r, &o.report);
	if ((rc = write_out(&out)))
		goto out;
	frc = finish(a.snap, a.r, &o);
	rc = h ? keep_run(h, &a, &o) : 0;
	if (!rc && h && o.sign_key)
		rc = sign_failures(h, &a, &o, sk);
	if (!rc)
		rc = frc;
out:
	strbuf_release(&out);
	audited_free(&a);
	ys_history_close(h);
	ys_signkey_free(sk);
	ys_cis_free(cis);
	ys_cis_free(fsbp);
	free(o.only);
	return rc;
}

const struct ys_cmd ys_cmd_audit = {
	.name = "audit",
	.summary = "check an account snapshot against CIS AWS Foundations, FSBP and the breaches' lessons",
	.usage = usage,
	.run = run,
};
