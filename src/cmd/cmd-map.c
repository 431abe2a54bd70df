/* cmd-map.c: `yourside map`: the shared-responsibility map of one account's snapshot */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "base/color.h"
#include "base/strbuf.h"
#include "checks/audit.h"
#include "cmd.h"
#include "progress.h"
#include "map/map.h"
#include "map/orgmap.h"
#include "org/org.h"
#include "snapshot/snapshot.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_map;

enum { OPT_FORMAT = 256, OPT_OUTPUT, OPT_NOW, OPT_HELP };

static const struct option longopts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, OPT_OUTPUT},
	{"now", required_argument, NULL, OPT_NOW},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

enum fmt { FMT_TEXT, FMT_JSON, FMT_HTML };

struct opts {
	enum fmt fmt;
	const char *output;
	int64_t now;
};

static int parse(int argc, char **argv, struct opts *o, int *done)
{
	int c;

	*done = 0;
	o->now = -1;
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
			else
				return ys_die_usage("--format takes text, json or html, not '%s'", optarg);
			break;
		case OPT_OUTPUT:
			o->output = optarg;
			break;
		case OPT_NOW:
			if (ys_parse_time_arg("--now", optarg, &o->now))
				return YS_EXIT_USAGE;
			break;
		case 'h':
		case OPT_HELP:
			fputs(ys_cmd_map.usage, stdout);
			*done = 1;
			return 0;
		default:
			return YS_EXIT_USAGE;
		}
	}
	if (optind == argc)
		return ys_die_usage("map takes a snapshot folder (or an organization folder)");
	return 0;
}

/* An organization folder, or several snapshot folders: a row per account. */
static int run_org(int nargs, char **args, const struct opts *o)
{
	struct ys_audit_opts ao = {0};
	struct ys_error err = {0};
	struct ys_org *org = NULL;
	struct ys_org_run *r = NULL;
	struct ys_org_map om;
	struct ys_progress *pr;
	struct strbuf sb = STRBUF_INIT;
	size_t i, lost = 0;
	int rc;

	ao.now = o->now;
	ao.clock = (int64_t)time(NULL);
	if (nargs == 1 && ys_org_open(args[0], &org, &err))
		return ys_die_usage("%s", err.msg);
	ao.meter = ys_progress_meter(pr = ys_progress_start());
	rc = ys_org_audit(org, nargs == 1 ? NULL : (const char *const *)args, nargs == 1 ? 0 : (size_t)nargs, &ao,
			  &r, &err);
	ys_progress_stop(pr);
	if (rc)
		return ys_die_usage("%s", err.msg);
	for (i = 0; i < r->nproblems; i++)
		ys_warn("%s", r->problems[i]);
	if (!r->n) {
		ys_org_run_free(r);
		return ys_die_usage("no account to draw in '%s'", args[0]);
	}
	if (ys_org_map_build(r, &om, &err)) {
		ys_org_run_free(r);
		return ys_die_usage("%s", err.msg);
	}
	for (i = 0; i < r->n; i++)
		lost += !r->m[i].audited && !r->m[i].suspended;
	if (o->fmt == FMT_JSON)
		ys_org_map_json(&sb, &om);
	else if (o->fmt == FMT_HTML)
		ys_org_map_html(&sb, &om);
	else
		ys_org_map_text(&sb, &om);
	rc = ys_write_output(o->output, &sb);
	/* an account nobody could read is never drawn as in place */
	if (!rc && (om.count[YS_CELL_MISSING] || om.count[YS_CELL_PARTLY] || lost))
		rc = YS_EXIT_FINDINGS;
	strbuf_release(&sb);
	ys_org_map_release(&om);
	ys_org_run_free(r);
	return rc;
}

static int run(int argc, char **argv)
{
	struct opts o = {0};
	struct ys_audit_opts ao = {0};
	struct ys_error err = {0};
	struct ys_snapshot *snap;
	struct ys_audit_result *res;
	struct ys_map m;
	struct ys_org *around;
	struct ys_progress *pr;
	struct strbuf sb = STRBUF_INIT;
	const char *const *problems;
	size_t i, np;
	int done, rc;

	if ((rc = parse(argc, argv, &o, &done)) || done)
		return rc;
	if (argc - optind > 1 && (rc = ys_several_folders("map", argc - optind, argv + optind)))
		return rc;
	if (argc - optind > 1 || ys_org_is(argv[optind]))
		return run_org(argc - optind, argv + optind, &o);
	if (ys_snapshot_open(argv[optind], &snap, &err))
		return ys_die_usage("%s", err.msg);
	ao.now = o.now;
	ao.clock = (int64_t)time(NULL);
	ao.org = around = ys_org_around(argv[optind]); /* names the organization's accounts */
	ao.meter = ys_progress_meter(pr = ys_progress_start());
	rc = ys_audit_run(snap, &ao, &res, &err);
	ys_progress_stop(pr);
	ys_org_free(around);
	if (rc) {
		ys_snapshot_free(snap);
		return ys_die_usage("%s", err.msg);
	}
	np = ys_snapshot_problems(snap, &problems);
	for (i = 0; i < np; i++)
		ys_warn("%s", problems[i]);
	if (ys_map_build(snap, res, &m, &err)) {
		ys_audit_result_free(res);
		ys_snapshot_free(snap);
		return ys_die_usage("%s", err.msg);
	}
	if (!m.account)
		ys_warn("%s: no account.json: the account is unknown", argv[optind]);
	m.vendors = res->vendors; /* what the audit's checks worked out */
	if (m.count[YS_CELL_UNSEEN] && !m.count[YS_CELL_IN_PLACE] && !m.count[YS_CELL_PARTLY] &&
	    !m.count[YS_CELL_MISSING])
		ys_warn("%s: no check could see any layer of yours: the snapshot holds nothing they read",
			argv[optind]);
	if (o.fmt == FMT_JSON)
		ys_map_json(&sb, &m);
	else if (o.fmt == FMT_HTML)
		ys_map_html(&sb, &m);
	else
		ys_map_text(&sb, &m, !o.output && ys_color_on(fileno(stdout)));
	rc = ys_write_output(o.output, &sb);
	if (!rc && (m.count[YS_CELL_MISSING] || m.count[YS_CELL_PARTLY]))
		rc = YS_EXIT_FINDINGS;
	strbuf_release(&sb);
	ys_map_release(&m);
	ys_audit_result_free(res);
	ys_snapshot_free(snap);
	return rc;
}

const struct ys_cmd ys_cmd_map = {
	.name = "map",
	.summary = "draw the line: who does what for each service the account uses, and whether you do it",
	.usage =
	"usage: yourside map [<options>] <snapshot>\n"
	"       yourside map [<options>] <organization> | <snapshot> <snapshot>...\n"
	"\n"
	"Draws the shared-responsibility line for the account in <snapshot>: for each service it\n"
	"uses and each layer (facilities to data), whether AWS, you, or both are responsible under\n"
	"AWS's model, and for each layer of yours whether the controls are in place, as the audit's\n"
	"checks see them; then the same account with every recommended control in place. For an\n"
	"organization folder (or several snapshots), one row per account: each layer condensed over\n"
	"the services that account uses, and the accounts that could not be audited named.\n"
	"\n"
	"  --format <fmt>   text (default), json, or html: one page with Figure 1 (now) and\n"
	"                   Figure 2 (every control in place) drawn in SVG, nothing loaded from\n"
	"                   anywhere\n"
	"  --output <file>  write there instead of stdout\n"
	"  --now <time>     measure ages (key rotation, unused credentials) from this time\n"
	"\n"
	"Exit status: 0 every layer of yours that a check sees is in place, 1 a layer of yours is\n"
	"missing controls (or an account could not be audited), 2 usage error or a snapshot that\n"
	"cannot be read.\n",
	.run = run,
};
