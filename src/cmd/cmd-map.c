/* cmd-map.c: `yourside map`: the shared-responsibility map of one account's snapshot */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "base/strbuf.h"
#include "checks/audit.h"
#include "cmd.h"
#include "map/map.h"
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
	if (optind != argc - 1)
		return ys_die_usage("map takes one snapshot folder");
	return 0;
}

static int emit(const struct opts *o, const struct strbuf *sb)
{
	FILE *f = o->output ? fopen(o->output, "w") : stdout;

	if (!f)
		return ys_die_usage("cannot write '%s'", o->output);
	fwrite(sb->buf, 1, sb->len, f);
	if (o->output && fclose(f))
		return ys_die_usage("cannot write '%s'", o->output);
	return 0;
}

static int run(int argc, char **argv)
{
	struct opts o = {0};
	struct ys_audit_opts ao = {0};
	struct ys_error err = {0};
	struct ys_snapshot *snap;
	struct ys_audit_result *res;
	struct ys_map m;
	struct strbuf sb = STRBUF_INIT;
	const char *const *problems;
	size_t i, np;
	int done, rc;

	if ((rc = parse(argc, argv, &o, &done)) || done)
		return rc;
	if (ys_snapshot_open(argv[optind], &snap, &err))
		return ys_die_usage("%s", err.msg);
	ao.now = o.now;
	ao.clock = (int64_t)time(NULL);
	if (ys_audit_run(snap, &ao, &res, &err)) {
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
	if (m.count[YS_CELL_UNSEEN] && !m.count[YS_CELL_IN_PLACE] && !m.count[YS_CELL_PARTLY] &&
	    !m.count[YS_CELL_MISSING])
		ys_warn("%s: no check could see any layer of yours: the snapshot holds nothing they read",
			argv[optind]);
	if (o.fmt == FMT_JSON)
		ys_map_json(&sb, &m);
	else if (o.fmt == FMT_HTML)
		ys_map_html(&sb, &m);
	else
		ys_map_text(&sb, &m);
	rc = emit(&o, &sb);
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
	"\n"
	"Draws the shared-responsibility line for the account in <snapshot>: for each service it\n"
	"uses and each layer (facilities to data), whether AWS, you, or both are responsible under\n"
	"AWS's model, and for each layer of yours whether the controls are in place, as the audit's\n"
	"checks see them; then the same account with every recommended control in place.\n"
	"\n"
	"  --format <fmt>   text (default), json, or html: one page with Figure 1 (now) and\n"
	"                   Figure 2 (every control in place) drawn in SVG, nothing loaded from\n"
	"                   anywhere\n"
	"  --output <file>  write there instead of stdout\n"
	"  --now <time>     measure ages (key rotation, unused credentials) from this time\n"
	"\n"
	"Exit status: 0 every layer of yours that a check sees is in place, 1 a layer of yours is\n"
	"missing controls, 2 usage error or a snapshot that cannot be read.\n",
	.run = run,
};
