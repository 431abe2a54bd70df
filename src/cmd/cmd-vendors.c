/* cmd-vendors.c: `yourside vendors`: who outside the account can act in it, what each can
 * reach, the guard each way in has or lacks, and what to ask each vendor */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/color.h"
#include "base/strbuf.h"
#include "cmd.h"
#include "progress.h"
#include "org/org.h"
#include "snapshot/snapshot.h"
#include "vendors/output.h"
#include "vendors/vendors.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_vendors;

enum { OPT_FORMAT = 256, OPT_OUTPUT, OPT_NOW, OPT_KNOWN, OPT_ORG, OPT_FAILON, OPT_HELP };

static const struct option longopts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, OPT_OUTPUT},
	{"now", required_argument, NULL, OPT_NOW},
	{"known", required_argument, NULL, OPT_KNOWN},
	{"organization", required_argument, NULL, OPT_ORG},
	{"fail-on", required_argument, NULL, OPT_FAILON},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

enum fmt { FMT_TEXT, FMT_JSON, FMT_HTML, FMT_QUESTIONS };

#define MAX_KNOWN 16

struct opts {
	enum fmt fmt;
	const char *output, *org;
	const char *known[MAX_KNOWN];
	size_t nknown;
	int64_t now;
	int fail_on;
};

static int parse(int argc, char **argv, struct opts *o, int *done)
{
	int c;

	*done = 0;
	o->fail_on = 3;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (!strcmp(optarg, "text"))
				o->fmt = FMT_TEXT;
			else if (!strcmp(optarg, "json"))
				o->fmt = FMT_JSON;
			else if (!strcmp(optarg, "html"))
				o->fmt = FMT_HTML;
			else if (!strcmp(optarg, "questions"))
				o->fmt = FMT_QUESTIONS;
			else
				return ys_die_usage("--format takes text, json, html or questions, not '%s'", optarg);
			break;
		case OPT_OUTPUT:
			o->output = optarg;
			break;
		case OPT_NOW:
			if (ys_parse_time_arg("--now", optarg, &o->now))
				return YS_EXIT_USAGE;
			break;
		case OPT_KNOWN:
			if (o->nknown == MAX_KNOWN)
				return ys_die_usage("--known is given more than %d times", MAX_KNOWN);
			o->known[o->nknown++] = optarg;
			break;
		case OPT_ORG:
			o->org = optarg;
			break;
		case OPT_FAILON:
			if ((o->fail_on = ys_parse_fail_on(optarg)) < 0)
				return YS_EXIT_USAGE;
			break;
		case 'h':
		case OPT_HELP:
			fputs(ys_cmd_vendors.usage, stdout);
			*done = 1;
			return 0;
		default:
			return YS_EXIT_USAGE;
		}
	}
	if (argc - optind != 1)
		return ys_die_usage("vendors takes one snapshot folder");
	return 0;
}

/* the organization: --organization, or the folder the snapshot sits in when it is one */
static int open_org(const struct opts *o, const char *snapdir, struct ys_org **org)
{
	struct ys_error err = {0};

	*org = NULL;
	if (o->org) {
		if (ys_org_open(o->org, org, &err))
			return ys_die_usage("%s", err.msg);
		return 0;
	}
	*org = ys_org_around(snapdir);
	return 0;
}

static int run(int argc, char **argv)
{
	struct opts o = {0};
	struct ys_error err = {0};
	struct ys_known known;
	struct ys_org *org = NULL;
	struct ys_snapshot *snap = NULL;
	struct ys_vendors v;
	struct ys_vendors_opts vo = {0};
	struct ys_progress *pr;
	struct strbuf sb = STRBUF_INIT;
	const char *const *problems;
	size_t i, np;
	int done, rc;

	if ((rc = parse(argc, argv, &o, &done)) || done)
		return rc;
	if (ys_known_builtin(&known, &err))
		return ys_die_usage("%s", err.msg);
	for (i = 0; i < o.nknown; i++)
		if (ys_known_add_file(&known, o.known[i], &err)) {
			ys_known_release(&known);
			return ys_die_usage("%s", err.msg);
		}
	if ((rc = open_org(&o, argv[optind], &org)))
		goto out;
	pr = ys_progress_start();
	ys_meter_phase(ys_progress_meter(pr), "finding who outside the account can act in it", NULL, 0,
		       NULL);
	if (ys_snapshot_open(argv[optind], &snap, &err)) {
		ys_progress_stop(pr);
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	vo.known = &known;
	vo.org = org;
	vo.now = o.now;
	vo.idle_days = 90;
	rc = ys_vendors_find(snap, NULL, &vo, &v, &err);
	ys_progress_stop(pr);
	if (rc) {
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	np = ys_snapshot_problems(snap, &problems);
	for (i = 0; i < np; i++)
		ys_warn("%s", problems[i]);
	for (i = 0; i < v.nproblems; i++)
		ys_warn("%s", v.problems[i]);
	if (o.fmt == FMT_JSON)
		ys_vendors_json(&sb, &v);
	else if (o.fmt == FMT_HTML)
		ys_vendors_html(&sb, &v);
	else if (o.fmt == FMT_QUESTIONS)
		ys_vendors_questions_md(&sb, &v);
	else
		ys_vendors_text(&sb, &v, !o.output && ys_color_on(fileno(stdout)));
	rc = ys_write_output(o.output, &sb);
	for (i = 0; !rc && i < v.n; i++)
		if (v.v[i].severity >= o.fail_on)
			rc = YS_EXIT_FINDINGS;
	strbuf_release(&sb);
	ys_vendors_release(&v);
out:
	ys_snapshot_free(snap);
	ys_org_free(org);
	ys_known_release(&known);
	return rc;
}

const struct ys_cmd ys_cmd_vendors = {
	.name = "vendors",
	.summary = "the vendor chain: who outside the account can act in it, what each reaches, what to ask",
	.usage =
	"usage: yourside vendors [<options>] <snapshot>\n"
	"\n"
	"Names every principal outside the account in <snapshot> that can act in it: accounts its\n"
	"roles trust and its resources' policies let in (a vendor the list of vendors' published\n"
	"account ids names, an account of its organization, or an unknown account), anyone, CI\n"
	"systems and identity providers through OIDC or SAML, and AWS services. For each: what it\n"
	"can do, decided as IAM decides (administrator or not, which data stores and backups it can\n"
	"read, change or destroy), the guard each way in has or lacks (ExternalId, an OIDC subject,\n"
	"aws:SourceAccount or aws:SourceArn, MFA), how long a trusted role has gone unused, and the\n"
	"first thing to do. Worst first. And for each vendor, unknown account and outside sign-in,\n"
	"the questions to send it, drawn from what it can reach here.\n"
	"\n"
	"  --format <fmt>        text (default), json, html (one page: the outsiders and the\n"
	"                        questions for each), or questions (Markdown, to send)\n"
	"  --output <file>       write there instead of stdout\n"
	"  --known <file>        also name the accounts of this list (the same YAML as the built-in\n"
	"                        list: - name: Acme\\n  accounts: ['123456789012']); may be repeated\n"
	"  --organization <dir>  name the accounts of this organization folder (collect\n"
	"                        --organization); by default, the folder the snapshot is in, if it is\n"
	"                        one\n"
	"  --now <time>          count days unused to this time (default: the snapshot's)\n"
	"  --fail-on <severity>  exit 1 for an outsider this severe or worse: high (default)\n"
	"\n"
	"Exit status: 0 no outsider at --fail-on, 1 one or more, 2 usage error or a snapshot that\n"
	"cannot be read.\n",
	.run = run,
};
