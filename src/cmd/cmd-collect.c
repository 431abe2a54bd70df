/* cmd-collect.c: `yourside collect`: an account's configuration, read from AWS's APIs into a
 * snapshot folder that `yourside audit` reads */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "aws/creds.h"
#include "collect/plan.h"
#include "json/jwrite.h"
#include "banned.h"

static const char usage[] =
	"usage: yourside collect --out <dir> [<options>]\n"
	"\n"
	"Reads an account's configuration from AWS's APIs (read-only calls: the SecurityAudit\n"
	"managed policy allows them all) into a snapshot folder, each file what the AWS CLI\n"
	"prints for the call, .error.json where AWS refused. Credentials come from the standard\n"
	"chain: environment, profile (keys, role_arn with source_profile or credential_source,\n"
	"web identity, credential_process), container, instance metadata (IMDSv2).\n"
	"\n"
	"  --out <dir>           the snapshot folder to write\n"
	"  --profile <name>      the AWS CLI profile to use\n"
	"  --regions <r1,r2>     these regions only (default: every region enabled)\n"
	"  --jobs <n>            calls in flight at once (default 32)\n"
	"  --max-attempts <n>    tries of a throttled call, with backoff and jitter (default 8)\n"
	"  --endpoint-url <url>  send every call there (a test server on loopback)\n"
	"  --progress            a status line on stderr (default when it is a terminal)\n"
	"\n"
	"Exit status: 0 collected (refused calls are recorded, not fatal), 2 usage error, no\n"
	"credentials, or the folder cannot be written.\n";

enum { OPT_OUT = 256, OPT_PROFILE, OPT_REGIONS, OPT_JOBS, OPT_ATTEMPTS, OPT_ENDPOINT,
       OPT_PROGRESS, OPT_HELP };

static const struct option longopts[] = {
	{"out", required_argument, NULL, OPT_OUT},
	{"profile", required_argument, NULL, OPT_PROFILE},
	{"regions", required_argument, NULL, OPT_REGIONS},
	{"jobs", required_argument, NULL, OPT_JOBS},
	{"max-attempts", required_argument, NULL, OPT_ATTEMPTS},
	{"endpoint-url", required_argument, NULL, OPT_ENDPOINT},
	{"progress", no_argument, NULL, OPT_PROGRESS},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

struct opts {
	const char *out, *profile, *endpoint;
	char *regions_arg;
	const char **regions;
	size_t nregions;
	int jobs, attempts, progress;
};

static int number(const char *arg, const char *opt, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(arg, &end, 10);

	if (*end || v < lo || v > hi)
		return ys_die_usage("%s takes a number from %d to %d, not '%s'", opt, lo, hi, arg);
	*out = (int)v;
	return 0;
}

static int split_regions(struct opts *o, const char *arg)
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

static int parse(int argc, char **argv, struct opts *o, int *done)
{
	int c;

	*done = 0;
	o->jobs = 32;
	o->attempts = 8;
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
	return YS_EXIT_CLEAN;
}

/* snapshot.json: when, by what, which regions. */
static void write_stamp(struct ys_engine *e, const struct ys_plan *plan, time_t started)
{
	struct strbuf sb = STRBUF_INIT;
	struct ys_error err = {0};
	const char *const *names;
	size_t n = ys_plan_regions(plan, &names), i;
	struct tm tm;
	char when[32];
	struct jw w;

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
	ys_engine_write(e, "snapshot.json", sb.buf, sb.len, &err);
	strbuf_release(&sb);
}

static int run(int argc, char **argv)
{
	struct opts o = {0};
	struct ys_error err = {0};
	struct ys_aws_creds creds;
	struct ys_creds_opts co = {NULL, NULL};
	struct ys_aws_shapes *shapes = NULL;
	struct ys_plan *plan = NULL;
	struct ys_engine *e = NULL;
	struct ys_engine_opts eo;
	const struct ys_engine_stats *st;
	char source[700];
	time_t started = time(NULL);
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
	memset(&eo, 0, sizeof(eo));
	eo.out = o.out;
	eo.endpoint = o.endpoint;
	eo.creds = &creds;
	eo.jobs = o.jobs;
	eo.max_attempts = o.attempts;
	eo.progress = o.progress;
	eo.done = ys_plan_done;
	if (ys_aws_shapes_load(&shapes, &err) ||
	    ys_plan_new(shapes, o.nregions ? o.regions : NULL, o.nregions, &plan, &err)) {
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	eo.ctx = plan;
	if (ys_engine_new(&eo, &e, &err) || ys_engine_write(e, "snapshot.json.part", "", 0, &err) ||
	    ys_plan_start(plan, e, &err) || ys_engine_run(e, &err)) {
		rc = ys_die_usage("%s", err.msg);
		goto out;
	}
	{
		char part[4096];

		snprintf(part, sizeof(part), "%s/snapshot.json.part", o.out);
		unlink(part);
	}
	write_stamp(e, plan, started);
	st = ys_engine_stats(e);
	ys_warn("wrote %s: %zu calls answered (%zu pages), %zu refused, %zu throttled and retried "
		"%zu times, %zu requests, %.1f MB",
		o.out, st->calls, st->pages, st->refused, st->throttled, st->retried, st->requests,
		(double)st->bytes / 1e6);
out:
	memset(&creds, 0, sizeof(creds));
	ys_engine_free(e);
	ys_plan_free(plan);
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
