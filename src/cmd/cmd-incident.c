/* cmd-incident.c: `yourside incident`: leaked keys (secrets) joined to their users (snapshot),
 * their reach (iam) and their use (trail) as incidents with the steps to contain them */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "base/color.h"
#include "base/strbuf.h"
#include "cmd.h"
#include "progress.h"
#include "incident/config-leaks.h"
#include "incident/incident.h"
#include "snapshot/snapshot.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_incident;

enum { OPT_SECRETS = 256, OPT_SNAPSHOT, OPT_TRAIL, OPT_FORMAT, OPT_FAILON, OPT_NOW, OPT_HELP };

static const struct option longopts[] = {
	{"secrets", required_argument, NULL, OPT_SECRETS},
	{"snapshot", required_argument, NULL, OPT_SNAPSHOT},
	{"trail", required_argument, NULL, OPT_TRAIL},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"fail-on", required_argument, NULL, OPT_FAILON},
	{"now", required_argument, NULL, OPT_NOW},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

struct opts {
	const char *secrets[8];
	size_t nsecrets;
	const char *snapshot, *trail;
	int json, fail_on;
	int64_t now;
};

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	ys_warn("%s", msg);
}

static int parse(int argc, char **argv, struct opts *o, int *done)
{
	int c;

	*done = 0;
	o->fail_on = 1;
	o->now = (int64_t)time(NULL);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_SECRETS:
			if (o->nsecrets == sizeof(o->secrets) / sizeof(*o->secrets))
				return ys_die_usage("at most 8 --secrets files");
			o->secrets[o->nsecrets++] = optarg;
			break;
		case OPT_SNAPSHOT:
			o->snapshot = optarg;
			break;
		case OPT_TRAIL:
			o->trail = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return ys_die_usage("--format takes text or json, not '%s'", optarg);
			o->json = !strcmp(optarg, "json");
			break;
		case OPT_FAILON:
			if ((o->fail_on = ys_parse_fail_on(optarg)) < 0)
				return YS_EXIT_USAGE;
			if (!o->fail_on)
				o->fail_on = 1; /* every incident is low or worse */
			break;
		case OPT_NOW:
			if (ys_parse_time_arg("--now", optarg, &o->now))
				return YS_EXIT_USAGE;
			break;
		case 'h':
		case OPT_HELP:
			fputs(ys_cmd_incident.usage, stdout);
			*done = 1;
			return 0;
		default:
			return YS_EXIT_USAGE;
		}
	}
	if (optind != argc)
		return ys_die_usage("incident takes options only: --secrets, --snapshot, --trail");
	if (!o->nsecrets && !o->snapshot)
		return ys_die_usage("incident needs --secrets <file> (what `yourside secrets --format "
				    "jsonl` found) or --snapshot <dir> (whose configuration holds keys)");
	return 0;
}

static int run(int argc, char **argv)
{
	struct opts o = {0};
	struct ys_error err = {0};
	struct ys_leaks leaks = {0};
	struct ys_usage use = {0};
	struct ys_snapshot *snap = NULL;
	struct ys_incidents in;
	struct strbuf sb = STRBUF_INIT;
	struct ys_progress *pr;
	size_t i;
	int done, rc, worst = 0;

	if ((rc = parse(argc, argv, &o, &done)) || done)
		return rc;
	for (i = 0; i < o.nsecrets; i++)
		if (ys_leaks_read(&leaks, o.secrets[i], warn, NULL, &err)) {
			ys_leaks_release(&leaks);
			return ys_die_usage("--secrets: %s", err.msg);
		}
	if (o.snapshot && ys_snapshot_open(o.snapshot, &snap, &err)) {
		ys_leaks_release(&leaks);
		return ys_die_usage("--snapshot: %s", err.msg);
	}
	/* keys pasted into the account's own configuration are leaks too */
	if (snap && ys_leaks_from_config(&leaks, snap, &err) < 0)
		rc = ys_die_usage("--snapshot: %s", err.msg);
	use.meter = ys_progress_meter(pr = o.trail ? ys_progress_start() : NULL);
	if (!rc && o.trail && ys_usage_scan(&use, o.trail, snap ? ys_snapshot_account(snap) : NULL, warn, NULL, &err))
		rc = ys_die_usage("--trail: %s", err.msg);
	ys_progress_stop(pr);
	use.meter = NULL;
	if (!rc && o.trail && !use.files)
		rc = ys_die_usage("--trail: no CloudTrail file could be read under '%s'", o.trail);
	if (!rc && ys_incidents_build(&leaks, snap, o.trail ? &use : NULL, o.now, &in, &err))
		rc = ys_die_usage("%s", err.msg);
	if (!rc) {
		if (o.json)
			ys_incidents_json(&sb, &in);
		else
			ys_incidents_text_color(&sb, &in, ys_color_on(fileno(stdout)));
		fwrite(sb.buf, 1, sb.len, stdout);
		for (i = 0; i < in.n; i++)
			if (ys_severity_of_incident(&in.v[i]) > worst)
				worst = ys_severity_of_incident(&in.v[i]);
		rc = worst && worst >= o.fail_on ? YS_EXIT_FINDINGS : YS_EXIT_CLEAN;
		if (leaks.bad)
			rc = YS_EXIT_USAGE;
		ys_incidents_release(&in);
	}
	strbuf_release(&sb);
	ys_usage_release(&use);
	ys_snapshot_free(snap);
	ys_leaks_release(&leaks);
	return rc;
}

const struct ys_cmd ys_cmd_incident = {
	.name = "incident",
	.summary = "one story per leaked key: its user, its reach, its use in CloudTrail, and what to do",
	.usage =
	"usage: yourside incident [--secrets <findings.jsonl>] [--snapshot <dir>] [--trail <path>] [<options>]\n"
	"\n"
	"Joins the three planes: each AWS access key a secrets scan found is resolved to its IAM\n"
	"user and the key's state (the snapshot's list-access-keys, matched by the SHA-256 of the\n"
	"id), its blast radius is worked out (iam), and the trail says whether it was used, from\n"
	"where, doing what and since when, including through temporary keys it made. Each becomes\n"
	"one incident with a severity and the ordered steps to contain it. Keys pasted into the\n"
	"account's own configuration (Lambda, ECS and CodeBuild environment variables, EC2 user\n"
	"data, launch templates) are found in the snapshot and joined the same way.\n"
	"\n"
	"  --secrets <file>      `yourside secrets --format jsonl` output ('-': stdin; repeatable)\n"
	"  --snapshot <dir>      the account snapshot (collect or scripts/snapshot-with-awscli.sh)\n"
	"  --trail <path>        CloudTrail files or a folder of them\n"
	"  --format <fmt>        text (default) or json\n"
	"  --fail-on <severity>  exit 1 for an incident this severe or worse: low (default),\n"
	"                        medium, high, critical, or none\n"
	"  --now <time>          date the session-revoking policy with this time (ISO 8601)\n"
	"\n"
	"Exit status: 0 no incident at --fail-on or worse, 1 one, 2 usage error or a findings line\n"
	"that could not be read.\n",
	.run = run,
};
