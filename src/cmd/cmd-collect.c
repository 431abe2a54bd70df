/* cmd-collect.c: `yourside collect`: an account's configuration, read from AWS's APIs into a
 * snapshot folder that `yourside audit` reads */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "collect.h"
#include "progress.h"
#include "aws/creds.h"
#include "collect/plan.h"
#include "json/jwrite.h"
#include "banned.h"

static const char usage[] =
	"usage: yourside collect --out <dir> [<options>]\n"
	"       yourside collect --organization --out <dir> [<options>]\n"
	"\n"
	"Reads an account's configuration from AWS's APIs (read-only calls: the SecurityAudit\n"
	"managed policy allows them all) into a snapshot folder, each file what the AWS CLI\n"
	"prints for the call, .error.json where AWS refused. Credentials come from the standard\n"
	"chain: environment, profile (keys, role_arn with source_profile or credential_source,\n"
	"web identity, credential_process), container, instance metadata (IMDSv2).\n"
	"\n"
	"With --organization, run from the management account or a delegated administrator, it\n"
	"lists the organization's accounts and collects each through a role assumed in it (its\n"
	"own account with its own credentials), several at once, into <dir>/<account id>/; the\n"
	"organization's answers go in <dir>/organizations/, each account's fate in\n"
	"<dir>/organization.json.\n"
	"\n"
	"  --out <dir>             the snapshot folder to write\n"
	"  --profile <name>        the AWS CLI profile to use\n"
	"  --regions <r1,r2>       these regions only (default: every region enabled)\n"
	"  --jobs <n>              calls in flight at once (default 32; for each account)\n"
	"  --max-attempts <n>      tries of a throttled call, with backoff and jitter (default 8)\n"
	"  --endpoint-url <url>    send every call there (a test server on loopback)\n"
	"  --progress              a status line on stderr (default when it is a terminal)\n"
	"  --organization          every account of the organization, a folder each\n"
	"  --role-name <name>      the role assumed in each account (default\n"
	"                          OrganizationAccountAccessRole)\n"
	"  --external-id <id>      the external id the role's trust policy asks for\n"
	"  --accounts-at-once <n>  accounts collected at the same time (default 4)\n"
	"\n"
	"Exit status: 0 collected (refused calls are recorded, not fatal), 1 an active account\n"
	"of the organization could not be collected (named on stderr and in organization.json),\n"
	"2 usage error, no credentials, no organization's accounts to list, or the folder cannot\n"
	"be written.\n";

enum { OPT_OUT = 256, OPT_PROFILE, OPT_REGIONS, OPT_JOBS, OPT_ATTEMPTS, OPT_ENDPOINT,
       OPT_PROGRESS, OPT_ORG, OPT_ROLE, OPT_EXTERNAL_ID, OPT_AT_ONCE, OPT_HELP };

static const struct option longopts[] = {
	{"out", required_argument, NULL, OPT_OUT},
	{"profile", required_argument, NULL, OPT_PROFILE},
	{"regions", required_argument, NULL, OPT_REGIONS},
	{"jobs", required_argument, NULL, OPT_JOBS},
	{"max-attempts", required_argument, NULL, OPT_ATTEMPTS},
	{"endpoint-url", required_argument, NULL, OPT_ENDPOINT},
	{"progress", no_argument, NULL, OPT_PROGRESS},
	{"organization", no_argument, NULL, OPT_ORG},
	{"role-name", required_argument, NULL, OPT_ROLE},
	{"external-id", required_argument, NULL, OPT_EXTERNAL_ID},
	{"accounts-at-once", required_argument, NULL, OPT_AT_ONCE},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

static int number(const char *arg, const char *opt, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (!*arg || *end || v < lo || v > hi)
		return ys_die_usage("%s takes a number from %d to %d, not '%s'", opt, lo, hi, arg);
	*out = (int)v;
	return 0;
}

/* Whether s is 1 to max characters, each a letter, a digit or one of extra. */
static int made_of(const char *s, size_t min, size_t max, const char *extra)
{
	size_t n = strlen(s), i;

	if (n < min || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr(extra, s[i]))
			return 0;
	return 1;
}

static int split_regions(struct ys_collect_opts *o, const char *arg)
{
	char *p;

	free(o->regions_arg);
	free(o->regions);
	o->nregions = 0;
	if (!(o->regions_arg = strdup(arg)) ||
	    !(o->regions = calloc(strlen(arg) / 2 + 2, sizeof(*o->regions))))
		return ys_die_usage("out of memory");
	for (p = o->regions_arg; p && *p;) {
		char *comma = strchr(p, ',');

		if (comma)
			*comma = '\0';
		if (*p)
			o->regions[o->nregions++] = p;
		p = comma ? comma + 1 : NULL;
	}
	return o->nregions ? 0 : ys_die_usage("--regions takes region names, like eu-west-1");
}

/* The options only --organization takes, and their values' shapes (IAM's own rules). */
static int check_org(const struct ys_collect_opts *o, int at_once_given)
{
	if (!o->organization && (o->role_name || o->external_id || at_once_given))
		return ys_die_usage("--role-name, --external-id and --accounts-at-once go with "
				    "--organization");
	/* a role's name, after an optional path: letters, digits and +=,.@_- (and / between) */
	if (o->role_name && (!made_of(o->role_name, 1, 512, "+=,.@_-/") || *o->role_name == '/' ||
			     o->role_name[strlen(o->role_name) - 1] == '/' ||
			     strlen(strrchr(o->role_name, '/') ? strrchr(o->role_name, '/') + 1
							       : o->role_name) > 64))
		return ys_die_usage("--role-name takes a role's name, like "
				    "OrganizationAccountAccessRole, not '%s'", o->role_name);
	if (o->external_id && !made_of(o->external_id, 2, 1224, "+=,.@:/_-"))
		return ys_die_usage("--external-id takes 2 to 1224 letters, digits or +=,.@:/_-");
	return 0;
}

static int parse(int argc, char **argv, struct ys_collect_opts *o, int *done)
{
	int c, at_once_given = 0;

	*done = 0;
	o->jobs = 32;
	o->attempts = 8;
	o->accounts_at_once = 4;
	o->progress = isatty(2);
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_OUT:
			o->out = optarg;
			break;
		case OPT_PROFILE:
			o->profile = optarg;
			break;
		case OPT_REGIONS:
			if (split_regions(o, optarg))
				return YS_EXIT_USAGE;
			break;
		case OPT_JOBS:
			if (number(optarg, "--jobs", 1, 512, &o->jobs))
				return YS_EXIT_USAGE;
			break;
		case OPT_ATTEMPTS:
			if (number(optarg, "--max-attempts", 1, 20, &o->attempts))
				return YS_EXIT_USAGE;
			break;
		case OPT_ENDPOINT:
			o->endpoint = optarg;
			break;
		case OPT_PROGRESS:
			o->progress = 1;
			break;
		case OPT_ORG:
			o->organization = 1;
			break;
		case OPT_ROLE:
			o->role_name = optarg;
			break;
		case OPT_EXTERNAL_ID:
			o->external_id = optarg;
			break;
		case OPT_AT_ONCE:
			if (number(optarg, "--accounts-at-once", 1, 64, &o->accounts_at_once))
				return YS_EXIT_USAGE;
			at_once_given = 1;
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
	if (optind != argc)
		return ys_die_usage("collect takes no arguments, only options (--out <dir>)");
	if (!o->out || !*o->out)
		return ys_die_usage("collect needs --out <dir>, the snapshot folder to write");
	if (check_org(o, at_once_given))
		return YS_EXIT_USAGE;
	if (o->organization && !o->role_name)
		o->role_name = "OrganizationAccountAccessRole";
	return YS_EXIT_CLEAN;
}

/* snapshot.json: when, by what, which regions. */
static int write_stamp(struct ys_engine *e, const struct ys_plan *plan, time_t started,
		       struct ys_error *err)
{
	struct strbuf sb = STRBUF_INIT;
	const char *const *names;
	size_t n = ys_plan_regions(plan, &names), i;
	struct tm tm;
	char when[32];
	struct jw w;
	int rc;

	gmtime_r(&started, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	jw_init(&w, &sb, 1);
	jw_set_indent(&w, 4);
	jw_obj_begin(&w);
	jw_key(&w, "time");
	jw_str(&w, when);
	jw_key(&w, "by");
	jw_str(&w, "yourside collect " YS_VERSION);
	jw_key(&w, "regions");
	jw_arr_begin(&w);
	for (i = 0; i < n; i++)
		jw_str(&w, names[i]);
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addch(&sb, '\n');
	rc = ys_engine_write(e, "snapshot.json", sb.buf, sb.len, err);
	strbuf_release(&sb);
	return rc;
}

int ys_collect_account(const struct ys_collect_opts *o, const struct ys_aws_shapes *shapes,
		       const struct ys_collect_target *t, struct ys_engine_stats *stats,
		       struct ys_error *err)
{
	struct ys_plan *plan = NULL;
	struct ys_engine *e = NULL;
	struct ys_engine_opts eo;
	struct strbuf part = STRBUF_INIT;
	time_t started = time(NULL);
	int rc;

	memset(stats, 0, sizeof(*stats));
	memset(&eo, 0, sizeof(eo));
	eo.out = t->out;
	eo.endpoint = o->endpoint;
	eo.creds = t->creds;
	eo.jobs = o->jobs;
	eo.max_attempts = o->attempts;
	eo.progress = o->progress;
	eo.done = ys_plan_done;
	eo.tick = t->tick;
	eo.tick_ctx = t->tick_ctx;
	if ((rc = ys_plan_new(shapes, o->nregions ? o->regions : NULL, o->nregions, &plan, err)))
		goto out;
	eo.ctx = plan;
	if ((rc = ys_engine_new(&eo, &e, err)) ||
	    (rc = ys_engine_write(e, "snapshot.json.part", "", 0, err)) ||
	    (rc = ys_plan_start(plan, e, err)) || (rc = ys_engine_run(e, err)))
		goto out;
	strbuf_addf(&part, "%s/snapshot.json.part", t->out);
	unlink(part.buf);
	rc = write_stamp(e, plan, started, err);
	*stats = *ys_engine_stats(e);
out:
	strbuf_release(&part);
	ys_engine_free(e);
	ys_plan_free(plan);
	return rc;
}

void ys_collect_summary(const struct ys_engine_stats *st, char *buf, size_t n)
{
	snprintf(buf, n, "%zu calls answered (%zu pages), %zu refused, %zu throttled and retried "
			 "%zu times, %zu requests, %.1f MB",
		 st->calls, st->pages, st->refused, st->throttled, st->retried, st->requests,
		 (double)st->bytes / 1e6);
}

/* The engine's counts into the progress line: calls answered or refused, of those known so far
 * (a listing's pages and each resource's calls join as answers come). */
static void tick(const struct ys_engine_stats *st, size_t in_flight, size_t queued, int last,
		 void *ctx)
{
	size_t done = st->calls + st->refused;

	ys_meter_set(ctx, done, done + in_flight + queued, st->bytes, st->refused);
}

static int run(int argc, char **argv)
{
	struct ys_collect_opts o = {0};
	struct ys_error err = {0};
	struct ys_aws_creds creds;
	struct ys_creds_opts co = {NULL, NULL};
	struct ys_aws_shapes *shapes = NULL;
	struct ys_engine_stats st;
	char source[700], line[300];
	int done, rc = parse(argc, argv, &o, &done);

	memset(&creds, 0, sizeof(creds));
	if (rc || done)
		goto out;
	co.profile = o.profile;
	co.sts_endpoint = o.endpoint;
	if (ys_creds_resolve(&co, &creds, source, sizeof(source), &err)) {
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	ys_warn("credentials from %s", source);
	if (ys_aws_shapes_load(&shapes, &err)) {
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	if (o.organization) {
		rc = ys_collect_org(&o, shapes, &creds);
	} else {
		/* on a terminal, the line every command draws; --progress into a file, the
		 * engine's own */
		struct ys_progress *pr = o.progress ? ys_progress_start() : NULL;
		struct ys_collect_target t = {o.out, &creds, pr ? tick : NULL, ys_progress_meter(pr)};

		ys_meter_phase(t.tick_ctx, "collecting", "calls", 0, "refused");
		rc = ys_collect_account(&o, shapes, &t, &st, &err);
		ys_progress_stop(pr);
		if (rc) {
			rc = ys_die_usage("%s", err.msg);
			goto out;
		}
		ys_collect_summary(&st, line, sizeof(line));
		ys_warn("wrote %s: %s", o.out, line);
	}
out:
	memset(&creds, 0, sizeof(creds));
	ys_aws_shapes_free(shapes);
	free(o.regions);
	free(o.regions_arg);
	return rc;
}

const struct ys_cmd ys_cmd_collect = {
	.name = "collect",
	.summary = "read an account's configuration from AWS into a snapshot folder",
	.usage = usage,
	.run = run,
};
