/* cmd-detect.c: `yourside detect`: attacks in CloudTrail files, with Sigma and built-in rules */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <getopt.h>
#include <malloc.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "base/cidr.h"
#include "base/color.h"
#include "base/file.h"
#include "base/grow.h"
#include "base/severity.h"
#include "base/strbuf.h"
#include "cmd.h"
#include "detect-first.h"
#include "progress.h"
#include "sigma/corr.h"
#include "detect/engine.h"
#include "watch/run.h"
#include "watch/source.h"
#include "watch/walk.h"
#include "watch/status.h"
#include "detect/ruleset.h"
#include "detect/ranges.h"
#include "base/isotime.h"
#include "aws/creds.h"
#include "notify/dest.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_detect;

static const char usage[] =
	"usage: yourside detect [<options>] <path>...\n"
	"   or: yourside detect --follow <dir> [<options>] [<path>...]\n"
	"   or: yourside detect --follow s3://<bucket>[/<prefix>] [<options>]\n"
	"   or: yourside detect --sqs <queue URL> [<options>]\n"
	"   or: yourside detect --status --state <file>\n"
	"\n"
	"Runs detection rules over CloudTrail records in any shape a pipeline delivers them,\n"
	"recognised by content, plain or gzip: {\"Records\":[...]} documents (one, concatenated,\n"
	"or a line each), JSON arrays, JSON Lines, EventBridge events and CloudWatch Logs\n"
	"subscription payloads. Directories are walked for *.json, *.jsonl, *.ndjson and *.gz\n"
	"files and for files without a suffix that hold gzip or JSON; '-' reads stdin. Each\n"
	"record that a rule matches is an alert; correlations make one alert of many events;\n"
	"behaviour detectors learn each key's networks and clients and each principal's hours.\n"
	"\n"
	"  --format <fmt>       text (default) or jsonl\n"
	"  --output <file>      append alerts to <file> instead of stdout (with state: exactly once)\n"
	"  --rules <dir>        also load the Sigma rules under <dir> (may be repeated)\n"
	"  --no-builtin         leave out yourside's own rules\n"
	"  --no-sigmahq         leave out the SigmaHQ rules that ship with yourside\n"
	"  --noisy              also run the shipped rules that match most of any trail\n"
	"  --no-behaviour       leave out the behaviour detectors\n"
	"  --threads <n>        read, inflate and match files on <n> threads (default: every\n"
	"                       core); one judges them in order, so alerts are the same\n"
	"  --aws-ranges <file>  AWS's ip-ranges.json, newer than the copy built in (see\n"
	"                       --list-rules; scripts/update-aws-ranges.sh fetches it)\n"
	"  --own-ranges <cidrs> the account's own networks (comma-separated), never suspicious\n"
	"  --list-rules         print the rules that load, and those that do not and why\n"
	"  --fail-on <severity> exit 1 for an alert this severe or worse (default: never)\n"
	"  --reorder-window <t> how long (in event time: 30s, 15m, 1h) a match waits for earlier\n"
	"                       ones before correlations see it (default 15m; 0 for none)\n"
	"  --state <file>       keep files read, open windows, alerts raised and baselines in this\n"
	"                       SQLite file, or in a PostgreSQL database (postgresql://...): a\n"
	"                       later run (or one after kill -9) goes on from there\n"
	"  --follow <dir>       read <dir>, then watch it for new files until interrupted; state\n"
	"                       defaults to $XDG_STATE_HOME/yourside/detect.db\n"
	"  --follow s3://<bucket>[/<prefix>]\n"
	"                       poll the trail's bucket where it lives (ListObjectsV2, GetObject;\n"
	"                       credentials as the AWS SDKs find them; AWS_ENDPOINT_URL_S3 or\n"
	"                       AWS_ENDPOINT_URL for another endpoint; AWS_REGION the bucket's)\n"
	"  --sqs <queue URL>    read the files the bucket's notices on this SQS queue name (S3's\n"
	"                       event notifications, or CloudTrail's own through SNS); a message\n"
	"                       is deleted once its files' alerts are committed\n"
	"  --since <time>       with s3://, read regions never read before from this time on\n"
	"                       (ISO 8601; default: a day before now)\n"
	"  --interval <t>       with s3://, the wait between polls (30s, 5m; default 1m); with\n"
	"                       --sqs, how long a receive waits for news (20s at most)\n"
	"  --once               with s3://, poll once and stop; with --sqs, read what waits\n"
	"  --worker <name>      one of several workers sharing the --state (PostgreSQL, or a\n"
	"                       SQLite file on one machine): each takes its share of the\n"
	"                       trail's accounts, leased to it, and judges each account alone\n"
	"  --lease <t>          with --worker, how long an account stays leased to a worker\n"
	"                       that stopped renewing it (default: three --intervals)\n"
	"  --notify <dest>      tell a person: slack:<webhook URL>, webhook:<https URL>,\n"
	"                       sns:<topic ARN>, smtp://[user:pass@]host[:port]/?from=<a>&to=<b>\n"
	"                       (repeatable); with state each alert is told exactly once\n"
	"  --digest <t>         low and info alerts are told in one message per <t> (default 1h;\n"
	"                       0: each at once); medium and worse are told at once\n"
	"  --config <file>      read options from <file>, one a line as `name value` (the long\n"
	"                       options without their dashes; # begins a comment); the\n"
	"                       command line adds to it and overrides it\n"
	"  --status             with --state, say what a watch has read (each region's newest\n"
	"                       file and how far behind it is) and what waits to be told\n"
	"  --no-state           keep nothing, even with --follow\n"
	"  --sign-key <key.pem> also append each alert to the state's signed, hash-chained log\n"
	"                       (yourside log keygen makes the key; yourside log verify checks)\n"
	"  --now <time>         with state, the time it is (ISO 8601): incidents quiet since\n"
	"                       then end, and the signed log dates entries by it (default: the\n"
	"                       clock)\n"
	"\n"
	"Exit status: 0, 1 with --fail-on, 2 usage error, nothing could be read or alerts could\n"
	"not be written.\n";

struct opts {
	int jsonl, builtin, sigmahq, behaviour, list, fail_on, no_state, noisy;
	int64_t reorder, now, since, interval, digest;
	const char **notify;
	size_t nnotify, capnotify;
	int once, status, threads;
	const char *output, *state, *follow, *sqs, *aws_ranges, *sign_key;
	struct ys_lease lease; /* --worker and --lease */
	const char **rules;
	size_t nrules, caprules;
	const char *config; /* --config's file, and its text (the values point into it) */
	char *config_text;
	struct ys_cidrset own;
};

enum { OPT_FORMAT = 256, OPT_RULES, OPT_NOBUILTIN, OPT_NOSIGMAHQ, OPT_LIST, OPT_FAILON, OPT_HELP,
       OPT_REORDER, OPT_OUTPUT, OPT_NOBEHAVIOUR, OPT_AWSRANGES, OPT_OWNRANGES, OPT_STATE,
       OPT_FOLLOW, OPT_NOSTATE, OPT_NOISY, OPT_SIGNKEY, OPT_NOW, OPT_SINCE, OPT_INTERVAL,
       OPT_ONCE, OPT_NOTIFY, OPT_DIGEST, OPT_STATUS, OPT_SQS, OPT_CONFIG, OPT_THREADS, OPT_WORKER,
       OPT_LEASE };

static const struct option longopts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"output", required_argument, NULL, OPT_OUTPUT},
	{"rules", required_argument, NULL, OPT_RULES},
	{"no-builtin", no_argument, NULL, OPT_NOBUILTIN},
	{"no-sigmahq", no_argument, NULL, OPT_NOSIGMAHQ},
	{"noisy", no_argument, NULL, OPT_NOISY},
	{"no-behaviour", no_argument, NULL, OPT_NOBEHAVIOUR},
	{"threads", required_argument, NULL, OPT_THREADS},
	{"worker", required_argument, NULL, OPT_WORKER},
	{"lease", required_argument, NULL, OPT_LEASE},
	{"aws-ranges", required_argument, NULL, OPT_AWSRANGES},
	{"own-ranges", required_argument, NULL, OPT_OWNRANGES},
	{"list-rules", no_argument, NULL, OPT_LIST},
	{"fail-on", required_argument, NULL, OPT_FAILON},
	{"reorder-window", required_argument, NULL, OPT_REORDER},
	{"state", required_argument, NULL, OPT_STATE},
	{"follow", required_argument, NULL, OPT_FOLLOW},
	{"sqs", required_argument, NULL, OPT_SQS},
	{"no-state", no_argument, NULL, OPT_NOSTATE},
	{"sign-key", required_argument, NULL, OPT_SIGNKEY},
	{"now", required_argument, NULL, OPT_NOW},
	{"since", required_argument, NULL, OPT_SINCE},
	{"interval", required_argument, NULL, OPT_INTERVAL},
	{"once", no_argument, NULL, OPT_ONCE},
	{"notify", required_argument, NULL, OPT_NOTIFY},
	{"digest", required_argument, NULL, OPT_DIGEST},
	{"status", no_argument, NULL, OPT_STATUS},
	{"config", required_argument, NULL, OPT_CONFIG},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

static int own_ranges(struct opts *o, const char *arg)
{
	char *copy = strdup(arg), *tok, *save = NULL;
	int rc = 0;

	if (!copy)
		return ys_die_usage("out of memory");
	for (tok = strtok_r(copy, ", ", &save); tok && !rc; tok = strtok_r(NULL, ", ", &save))
		if (ys_cidrset_add(&o->own, tok))
			rc = ys_die_usage("--own-ranges: '%s' is not a network like 192.0.2.0/24", tok);
	free(copy);
	return rc;
}

/* One option's value into o (from the command line or --config): 0, or an exit code after
 * saying what is wrong. */
static int set(struct opts *o, int c, const char *arg)
{
	switch (c) {
	case OPT_FORMAT:
		if (strcmp(arg, "text") && strcmp(arg, "jsonl"))
			return ys_die_usage("unknown format '%s' (text, jsonl)", arg);
		o->jsonl = !strcmp(arg, "jsonl");
		break;
	case OPT_OUTPUT:
		o->output = arg;
		break;
	case OPT_THREADS: {
		char *end;
		long n = strtol(arg, &end, 10);

		if (end == arg || *end || n < 1 || n > 256)
			return ys_die_usage("--threads takes a number from 1 to 256, not '%s'", arg);
		o->threads = (int)n;
		break;
	}
	case OPT_RULES:
		if (ys_grow(&o->rules, &o->caprules, o->nrules, sizeof(*o->rules), 4))
			return ys_die_usage("out of memory");
		o->rules[o->nrules++] = arg;
		break;
	case OPT_NOBUILTIN:
		o->builtin = 0;
		break;
	case OPT_NOSIGMAHQ:
		o->sigmahq = 0;
		break;
	case OPT_NOISY:
		o->noisy = 1;
		break;
	case OPT_NOBEHAVIOUR:
		o->behaviour = 0;
		break;
	case OPT_AWSRANGES:
		o->aws_ranges = arg;
		break;
	case OPT_OWNRANGES:
		if (own_ranges(o, arg))
			return YS_EXIT_USAGE;
		break;
	case OPT_LIST:
		o->list = 1;
		break;
	case OPT_FAILON:
		if ((o->fail_on = ys_parse_fail_on(arg)) < 0)
			return YS_EXIT_USAGE;
		break;
	case OPT_REORDER:
		o->reorder = strcmp(arg, "0") ? ys_sigma_timespan(arg) : 0;
		if (o->reorder < 0)
			return ys_die_usage("--reorder-window takes a time like 30s, 15m or 1h, "
					    "not '%s'",
					    arg);
		break;
	case OPT_STATE:
		o->state = arg;
		break;
	case OPT_FOLLOW:
		o->follow = arg;
		break;
	case OPT_SQS:
		o->sqs = arg;
		break;
	case OPT_NOSTATE:
		o->no_state = 1;
		break;
	case OPT_SIGNKEY:
		o->sign_key = arg;
		break;
	case OPT_NOW:
		if (ys_parse_time_arg("--now", arg, &o->now))
			return YS_EXIT_USAGE;
		break;
	case OPT_SINCE:
		if (ys_parse_time_arg("--since", arg, &o->since))
			return YS_EXIT_USAGE;
		break;
	case OPT_INTERVAL:
		if ((o->interval = ys_sigma_timespan(arg)) <= 0)
			return ys_die_usage("--interval takes a time like 30s or 5m, not '%s'",
					    arg);
		break;
	case OPT_ONCE:
		o->once = 1;
		break;
	case OPT_WORKER:
		if (!*arg || strlen(arg) > 100 || strspn(arg, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:@") != strlen(arg))
			return ys_die_usage("--worker takes a name of letters, digits and .-_:@ (at most "
					    "100), not '%s'", arg);
		o->lease.worker = arg;
		break;
	case OPT_LEASE:
		if ((o->lease.ttl = ys_sigma_timespan(arg)) <= 0)
			return ys_die_usage("--lease takes a time like 30s or 5m, not '%s'", arg);
		break;
	case OPT_STATUS:
		o->status = 1;
		break;
	case OPT_NOTIFY:
		if (ys_grow(&o->notify, &o->capnotify, o->nnotify, sizeof(*o->notify), 4))
			return ys_die_usage("out of memory");
		o->notify[o->nnotify++] = arg;
		break;
	case OPT_DIGEST:
		o->digest = strcmp(arg, "0") ? ys_sigma_timespan(arg) : 0;
		if (o->digest < 0)
			return ys_die_usage("--digest takes a time like 30m or 1h, not '%s'", arg);
		break;
	case OPT_CONFIG:
		break; /* read before the others */
	default:
		return ys_die_usage("see 'yourside help detect'");
	}
	return 0;
}

/* The settings a service keeps in one file: each line a long option without its dashes and
 * its value ("notify slack:https://…", "once"); a webhook's secret in it must not be readable
 * by others. 0, or YS_EXIT_USAGE after naming the file, the line and what is wrong. */
static int read_config(struct opts *o, const char *file)
{
	struct ys_error err = {0};
	struct stat sb;
	char *p, *line, *save = NULL;
	size_t len, n = 0;
	int rc = 0, secrets = 0;

	if (o->config)
		return ys_die_usage("--config is given twice ('%s', '%s')", o->config, file);
	o->config = file;
	if (ys_read_file(file, 1 << 20, &o->config_text, &len, &err))
		return ys_die_usage("--config: %s", err.msg);
	if (memchr(o->config_text, 0, len))
		return ys_die_usage("--config '%s': not a text file", file);
	for (line = strtok_r(o->config_text, "\n", &save); line && !rc;
	     line = strtok_r(NULL, "\n", &save)) {
		const struct option *opt;
		char *name, *value, *end;

		n++;
		if ((p = strchr(line, '#')) && (p == line || p[-1] == ' ' || p[-1] == '\t'))
			*p = 0;
		for (name = line; *name == ' ' || *name == '\t'; name++)
			;
		for (end = name + strlen(name); end > name && strchr(" \t\r", end[-1]); end--)
			end[-1] = 0;
		if (!*name)
			continue;
		for (value = name; *value && !strchr(" \t=", *value); value++)
			;
		if (*value)
			*value++ = 0;
		while (*value == ' ' || *value == '\t' || *value == '=')
			value++;
		for (opt = longopts; opt->name && strcmp(opt->name, name); opt++)
			;
		if (!opt->name || opt->val == OPT_CONFIG || opt->val == OPT_HELP ||
		    opt->val == OPT_STATUS || opt->val == OPT_LIST)
			return ys_die_usage("%s:%zu: '%s' is not a setting (the settings are detect's "
					    "long options without their dashes)", file, n, name);
		if (opt->has_arg == required_argument && !*value)
			return ys_die_usage("%s:%zu: '%s' needs a value", file, n, name);
		if (opt->has_arg == no_argument && *value)
			return ys_die_usage("%s:%zu: '%s' takes no value", file, n, name);
		secrets |= opt->val == OPT_NOTIFY;
		rc = set(o, opt->val, value);
	}
	if (!rc && secrets && stat(file, &sb) == 0 && (sb.st_mode & 077))
		ys_warn("--config '%s' holds --notify destinations (webhook URLs and passwords are "
			"secrets) and others can read it: chmod 600 it", file);
	return rc;
}

/* The cores this process may run on (taskset, cgroups' cpusets), at least one. */
static int cores(void)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof(set), &set) == 0 && (n = CPU_COUNT(&set)) > 0)
		return n;
	n = (int)sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? n : 1;
}

static void defaults(struct opts *o)
{
	memset(o, 0, sizeof(*o));
	o->builtin = o->sigmahq = o->behaviour = 1;
	o->fail_on = 5;
	o->reorder = 15 * 60;
	o->now = -1;
	o->since = -1;
	o->interval = 60;
	o->digest = 3600;
}

static int parse(int argc, char **argv, struct opts *o)
{
	int c, rc, i;

	defaults(o);
	/* --config first: the command line then adds to it and overrides it */
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		const char *file = !strcmp(argv[i], "--config") && i + 1 < argc ? argv[i + 1]
				   : !strncmp(argv[i], "--config=", 9)	  ? argv[i] + 9
									  : NULL;

		if (file && (rc = read_config(o, file)))
			return rc;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h' || c == OPT_HELP) {
			fputs(usage, stdout);
			return -1;
		}
		if ((rc = set(o, c, optarg)))
			return rc;
	}
	ys_cidrset_seal(&o->own);
	if (o->state && o->no_state)
		return ys_die_usage("--state and --no-state do not go together");
	if (o->sqs && o->follow)
		return ys_die_usage("--sqs and --follow name two sources: give one");
	if (o->sign_key && (o->no_state || (!o->state && !o->follow && !o->sqs)))
		return ys_die_usage("--sign-key needs --state <file>: the signed log lives there");
	if (o->lease.worker && (!o->state || (!o->sqs && (!o->follow || strncmp(o->follow, "s3:", 3)))))
		return ys_die_usage("--worker needs --state (where the workers meet) and --follow "
				    "s3://… or --sqs (the trail they share)");
	if (o->lease.ttl && !o->lease.worker)
		return ys_die_usage("--lease goes with --worker");
	if (o->lease.worker && !o->lease.ttl)
		o->lease.ttl = 3 * o->interval;
	if (o->lease.worker && o->lease.ttl <= o->interval)
		return ys_die_usage("--lease (%llds) must be longer than --interval (%llds): a worker "
				    "renews its leases at least once a poll",
				    (long long)o->lease.ttl, (long long)o->interval);
	return 0;
}

/* The correlations written as rules, not the groups yourside makes. */
static size_t written_corrs(const struct ys_ruleset *rs)
{
	size_t i, n = 0;

	for (i = 0; i < rs->ncorr; i++)
		n += !rs->corr[i]->group;
	return n;
}

/* Are rule i's alerts grouped per principal and hour? */
static int grouped(const struct ys_ruleset *rs, size_t i)
{
	size_t k;

	for (k = 0; k < rs->nrule_corrs[i]; k++)
		if (rs->corr[rs->rule_corrs[i][k]]->group)
			return 1;
	return 0;
}

static void list_rules(const struct ys_ruleset *rs, const struct ys_aws_ranges *aws)
{
	char what[600];
	size_t i;

	for (i = 0; i < rs->n; i++)
		printf("%-8s %-8s %s (%s)%s\n", rs->source[i],
		       ys_sigma_severity(rs->r[i]->level), rs->r[i]->title, rs->r[i]->file,
		       grouped(rs, i)			 ? ", grouped: one alert per principal and hour"
		       : rs->quiet && rs->quiet[i] ? ", for correlations only"
						 : "");
	for (i = 0; i < rs->ncorr; i++)
		if (!rs->corr[i]->group)
			printf("%-8s %-8s %s (%s), a correlation\n", rs->corr_source[i],
			       ys_sigma_severity(rs->corr[i]->level), rs->corr[i]->title,
			       rs->corr[i]->file);
	for (i = 0; ys_behave_detectors[i].rule; i++)
		printf("%-8s %-8s %s (%s)\n", "behaviour", ys_behave_detectors[i].severity,
		       ys_behave_detectors[i].title, ys_behave_detectors[i].rule);
	ys_aws_ranges_describe(aws, what, sizeof(what));
	printf("%-8s AWS's address ranges of %s: %zu networks\n", "data", what, aws->set.n);
	for (i = 0; i < rs->nheld; i++)
		printf("%-8s %s\n", "noisy", rs->held[i]);
	for (i = 0; i < rs->nproblems; i++)
		printf("%-8s %s\n", rs->problems[i].unsupported ? "unsupported" : "broken",
		       rs->problems[i].msg);
}

static struct ys_watch_flags flags;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		flags.reload = 1;
	else
		flags.stop = 1;
}

/* $XDG_STATE_HOME/yourside/detect.db, or ~/.local/state/yourside/detect.db; folders made. */
static int default_state(struct strbuf *sb)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *p;

	if (xdg && *xdg == '/')
		strbuf_addf(sb, "%s/yourside/detect.db", xdg);
	else if (home && *home)
		strbuf_addf(sb, "%s/.local/state/yourside/detect.db", home);
	else
		return ys_die_usage("a watch needs --state <file>: no HOME or XDG_STATE_HOME");
	for (p = strchr(sb->buf + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = 0;
		if (mkdir(sb->buf, 0700) < 0 && errno != EEXIST) {
			int e = errno;

			*p = '/';
			return ys_die_usage("cannot make the state folder for '%s': %s", sb->buf,
					    strerror(e));
		}
		*p = '/';
	}
	return 0;
}

static int load_rules(const struct opts *o, struct ys_ruleset *rs)
{
	struct ys_error err = {0};
	size_t i;

	ys_ruleset_init(rs);
	if (ys_ruleset_load_embedded(rs, o->builtin, o->sigmahq, o->noisy))
		return ys_die_usage("out of memory loading rules");
	for (i = 0; i < o->nrules; i++)
		if (ys_ruleset_load_dir(rs, o->rules[i], &err))
			return ys_die_usage("%s", err.msg);
	if (ys_ruleset_compile(rs, &err))
		return ys_die_usage("%s", err.msg);
	return 0;
}

/* The signed log in the state's file, and the key that signs its entries. */
static int open_ledger(const struct opts *o, struct ys_run *r, const char *shown)
{
	struct ys_error err = {0};
	struct ys_signkey *key;
	struct ys_sink *sink;

	if (ys_signkey_load(o->sign_key, &key, &err))
		return ys_die_usage("--sign-key: %s", err.msg);
	if (!ys_signkey_can_sign(key)) {
		ys_signkey_free(key);
		return ys_die_usage("--sign-key: '%s' is a public key: signing needs the private one",
				    o->sign_key);
	}
	if (ys_sink_ledger_new(ys_state_sql(r->state), ys_sql_name(ys_state_sql(r->state)), key, &sink,
			       &err))
		return ys_die_usage("%s", err.msg);
	if (ys_run_add_sink(r, sink)) {
		sink->ops->free(sink);
		return ys_die_usage("out of memory");
	}
	return 0;
}

/* AWS's address ranges: --aws-ranges, else the copy built in. */
static int load_ranges(const struct opts *o, struct ys_aws_ranges *aws)
{
	struct ys_error err = {0};

	if (o->aws_ranges ? ys_aws_ranges_load(aws, o->aws_ranges, &err)
			  : ys_aws_ranges_builtin(aws, &err))
		return ys_die_usage("%s%s", o->aws_ranges ? "--aws-ranges: " : "", err.msg);
	return 0;
}

/* Addresses AWS added after the ranges were published look like the internet: said when the
 * trail is well past them. */
static void ranges_age(const struct ys_aws_ranges *aws, const struct ys_run *r)
{
	int64_t newest = ys_run_newest(r);
	char what[600], when[32];

	if (aws->created < 0 || newest < 0 || newest - aws->created <= 90 * 86400)
		return;
	ys_aws_ranges_describe(aws, what, sizeof(what));
	ys_format_time(newest, when);
	ys_warn("AWS's address ranges are from %s, %lld days before the newest record (%.10s): "
		"addresses AWS added since would look outside AWS; scripts/update-aws-ranges.sh "
		"fetches the current list for --aws-ranges",
		what, (long long)((newest - aws->created) / 86400), when);
}

/* --notify's destinations, the credentials SNS needs, and the queue (in the state when there
 * is one). */
static int open_notify(const struct opts *o, struct ys_run *r)
{
	struct ys_error err = {0};
	struct ys_aws_creds creds;
	struct ys_dest *dests = calloc(o->nnotify, sizeof(*dests));
	struct ys_sink *sink;
	size_t i;
	int sns = 0, rc;

	if (!dests)
		return ys_die_usage("out of memory");
	for (i = 0; i < o->nnotify; i++) {
		if (ys_dest_parse(o->notify[i], &dests[i], &err)) {
			free(dests);
			return ys_die_usage("%s", err.msg);
		}
		sns |= dests[i].kind == YS_DEST_SNS;
	}
	if (sns) {
		struct ys_creds_opts co = {NULL, NULL};
		char source[256];

		if (ys_creds_resolve(&co, &creds, source, sizeof(source), &err)) {
			free(dests);
			return ys_die_usage("--notify sns: %s", err.msg);
		}
	}
	rc = ys_sink_notify_new(r->state ? ys_state_sql(r->state) : NULL, dests, o->nnotify,
				o->digest, sns ? &creds : NULL, &sink, &err);
	memset(&creds, 0, sizeof(creds));
	if (rc)
		return ys_die_usage("%s", err.msg);
	if (ys_run_add_sink(r, sink)) {
		sink->ops->free(sink);
		return ys_die_usage("out of memory");
	}
	return 0;
}

/* The detector, the behaviour detectors, the output and the state for one run. */
static int open_run(struct opts *o, const struct ys_ruleset *rs, struct ys_aws_ranges *aws,
		    struct ys_run *r)
{
	struct ys_detect_io io = {ys_run_alert, ys_run_problem, NULL, NULL};
	struct ys_error err = {0};
	struct strbuf path = STRBUF_INIT;
	struct stat sb;
	int rc = 0;

	memset(r, 0, sizeof(*r));
	r->jsonl = o->jsonl;
	r->threads = o->threads ? o->threads : cores();
	/* each reading thread allocates and frees a file's buffers in its own malloc arena, which
	 * would hand the memory back after every file and fault it in again for the next: kept */
	if (r->threads > 1) {
		mallopt(M_TRIM_THRESHOLD, 256 << 20);
		mallopt(M_MMAP_THRESHOLD, 32 << 20);
	}
	r->worst = -1;
	r->now = o->now;
	r->out_fd = STDOUT_FILENO;
	strbuf_init(&r->body);
	strbuf_init(&r->pending);
	strbuf_init(&r->signing);
	if (o->behaviour && load_ranges(o, aws))
		return YS_EXIT_USAGE;
	if (o->behaviour) {
		ys_behave_defaults(&r->bopts);
		r->bopts.aws = &aws->set;
		r->bopts.own = &o->own;
		r->behave_opts = &r->bopts;
	}
	r->rs = rs;
	r->reorder = o->reorder;
	if (o->output) {
		if ((r->out_fd = open(o->output, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) < 0)
			return ys_die_usage("cannot write '%s': %s", o->output, strerror(errno));
		if (fstat(r->out_fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
			r->out_seekable = 1;
			r->out_off = (int64_t)lseek(r->out_fd, 0, SEEK_END);
		}
	}
	r->color = !o->jsonl && !o->output && ys_color_on(STDOUT_FILENO);
	if (!o->state && (o->follow || o->sqs) && !o->no_state && (rc = default_state(&path)))
		return rc;
	if (o->state || path.len) {
		if (ys_state_open(o->state ? o->state : path.buf, &r->state, &err)) {
			strbuf_release(&path);
			return ys_die_usage("%s", err.msg);
		}
		io.on_corr_record = ys_run_corr_record;
		if (o->sign_key && (rc = open_ledger(o, r, o->state ? o->state : path.buf))) {
			strbuf_release(&path);
			return rc;
		}
	}
	strbuf_release(&path);
	if (o->nnotify && (rc = open_notify(o, r)))
		return rc;
	io.ctx = r;
	r->io = io;
	if (o->lease.worker) /* its accounts come with its leases */
		r->lease = &o->lease;
	else if (ys_run_resume(r, &err))
		return ys_die_usage("%s", err.msg);
	return 0;
}

/* What SIGHUP reloads: the rules and AWS's ranges, from the same places as at the start. */
struct live {
	const struct opts *o;
	struct ys_ruleset *rs;
	struct ys_aws_ranges *aws;
};

static void reload(void *ctx, struct ys_run *r)
{
	struct live *l = ctx;
	struct ys_ruleset *rs = calloc(1, sizeof(*rs));
	struct ys_aws_ranges *aws = calloc(1, sizeof(*aws));
	struct ys_error err = {0};
	size_t i;

	if (!rs || !aws || load_rules(l->o, rs) || (r->behave_opts && load_ranges(l->o, aws)) ||
	    ys_run_reload(r, rs, l->o->reorder, &err)) {
		ys_warn("reload: %s; the rules and ranges in use stay", err.msg[0] ? err.msg : "failed");
		if (rs)
			ys_ruleset_release(rs);
		if (aws)
			ys_aws_ranges_release(aws);
		free(rs);
		free(aws);
		return;
	}
	for (i = 0; i < rs->nproblems; i++)
		ys_warn("rule %s: %s", rs->problems[i].unsupported ? "not loaded" : "broken",
			rs->problems[i].msg);
	ys_ruleset_release(l->rs);
	free(l->rs);
	l->rs = rs;
	if (r->behave_opts) {
		ys_run_set_aws(r, &aws->set);
		ys_aws_ranges_release(l->aws);
		free(l->aws);
		l->aws = aws;
	} else {
		free(aws);
	}
	ys_warn("reloaded: %zu rules, %zu correlations; AWS's ranges: %zu networks", rs->n,
		written_corrs(rs), l->aws->set.n);
}

/* On a terminal, after each poll: where the watch is, in one line that the next overwrites. */
static void status_line(void *ctx, const struct ys_source *s, struct ys_run *r)
{
	const struct opts *o = ((const struct live *)ctx)->o;
	int64_t newest = ys_run_newest(r), now = ys_run_now(r);
	char when[32] = "", behind[48] = "";

	if (newest >= 0) {
		int64_t lag = now > newest ? now - newest : 0;

		ys_format_time(newest, when);
		snprintf(behind, sizeof(behind), lag < 120 ? " (%lld s behind)"
					      : lag < 7200 ? " (%lld min behind)" : " (%lld h behind)",
			 (long long)(lag < 120 ? lag : lag < 7200 ? lag / 60 : lag / 3600));
	}
	fprintf(stderr, "\r\033[Kwatching %s: %llu files read, %zu alerts", s->what,
		(unsigned long long)r->st.files, r->alerts);
	if (o->nnotify)
		fprintf(stderr, ", %zu messages told", ys_run_sink_done(r, "notify"));
	if (r->problems)
		fprintf(stderr, ", %zu problems", r->problems);
	if (*when)
		fprintf(stderr, "; newest record %.16s%s", when, behind);
	fflush(stderr);
}

/* --follow or --sqs: the source watched until a signal stops it (or after one poll with
 * --once). Returns 0, 1 when the one poll could not read the source, or YS_EXIT_USAGE when the
 * source cannot be watched at all. */
static int watch(struct live *l, struct ys_run *r)
{
	const struct opts *o = l->o;
	struct ys_source_opts so = {o->follow, o->sqs,
				    o->since >= 0 ? o->since : (int64_t)time(NULL) - 86400,
				    o->once ? 0 : o->interval < 20 ? o->interval : 20};
	struct ys_watch_opts wo = {o->interval * 1000, o->once, &flags, reload,
				   isatty(STDERR_FILENO) && !o->once ? status_line : NULL, l};
	struct ys_error err = {0};
	struct ys_source *src;
	struct sigaction sa;
	int rc;

	if (ys_source_open(&so, r, &src, &err))
		return ys_die_usage("%s", err.msg);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	rc = ys_watch(src, r, &wo);
	if (wo.on_poll)
		fputs("\r\033[K", stderr);
	ys_source_free(src);
	return rc;
}

static void release_opts(struct opts *o)
{
	free(o->rules);
	free(o->notify);
	free(o->config_text);
	ys_cidrset_release(&o->own);
}

static int run(int argc, char **argv)
{
	struct ys_error err = {0};
	struct opts o;
	struct live l = {&o, NULL, NULL};
	struct ys_run r;
	struct ys_sink *first = NULL; /* the run's: freed with it */
	struct ys_progress *pr = NULL;
	size_t i, ok = 0;
	int rc = parse(argc, argv, &o);

	if (rc) {
		release_opts(&o);
		return rc < 0 ? YS_EXIT_CLEAN : rc;
	}
	if (o.status) {
		if (!o.state)
			rc = ys_die_usage("--status needs --state <file>");
		else if (ys_watch_status(o.state, o.now >= 0 ? o.now : (int64_t)time(NULL), &err))
			rc = ys_die_usage("%s", err.msg);
		release_opts(&o);
		return rc;
	}
	if (!(l.rs = calloc(1, sizeof(*l.rs))) || !(l.aws = calloc(1, sizeof(*l.aws)))) {
		free(l.rs);
		release_opts(&o);
		return ys_die_usage("out of memory");
	}
	if ((rc = load_rules(&o, l.rs)) == 0 && o.list && (rc = load_ranges(&o, l.aws)) == 0)
		list_rules(l.rs, l.aws);
	if (rc || o.list)
		goto out_rules;
	for (i = 0; i < l.rs->nproblems; i++)
		ys_warn("rule %s: %s", l.rs->problems[i].unsupported ? "not loaded" : "broken",
			l.rs->problems[i].msg);
	if (optind >= argc && !o.follow && !o.sqs) {
		rc = ys_die_usage("detect needs a file or directory; see 'yourside help detect'");
		goto out_rules;
	}
	if ((rc = open_run(&o, l.rs, l.aws, &r)))
		goto out_run;
	if ((first = detect_first_new()) && ys_run_add_sink(&r, first)) {
		first->ops->free(first);
		first = NULL;
	}
	if (!o.follow && !o.sqs) /* a watch has its own line */
		r.meter = ys_progress_meter(pr = ys_progress_start());
	ok = ys_run_paths(&r, argv + optind, (size_t)(argc - optind), 1);
	if (o.follow || o.sqs) {
		if ((rc = watch(&l, &r)) > 1)
			goto out_run;
		ok += rc == 0;
		rc = 0;
	}
	/* incidents still open at the end of the input (with state: those that time ended) */
	ys_run_finish(&r, (!o.follow && !o.sqs) || o.once);
	ys_run_close(&r);
	ys_progress_stop(pr);
	r.meter = NULL;
	ranges_age(l.aws, &r);
	fprintf(stderr,
		"yourside: %zu rules, %zu correlations; %llu files, %llu records, %.1f MB; %zu alerts; "
		"%zu problems",
		l.rs->n, written_corrs(l.rs), (unsigned long long)r.st.files,
		(unsigned long long)r.st.records, (double)r.st.bytes / 1e6, r.alerts, r.problems);
	if (r.files_skipped)
		fprintf(stderr, "; %zu files already read", r.files_skipped);
	if (o.nnotify)
		fprintf(stderr, "; %zu messages told", ys_run_sink_done(&r, "notify"));
	fputc('\n', stderr);
	if (first) {
		struct strbuf words = STRBUF_INIT;

		detect_first_words(first, &words);
		if (words.len)
			fprintf(stderr, "yourside: %s\n", words.buf);
		strbuf_release(&words);
	}
	rc = ok == 0 || r.write_failed ? YS_EXIT_USAGE
	     : r.worst >= o.fail_on	   ? YS_EXIT_FINDINGS
					   : YS_EXIT_CLEAN;
out_run:
	ys_run_release(&r);
out_rules:
	ys_ruleset_release(l.rs);
	ys_aws_ranges_release(l.aws);
	free(l.rs);
	free(l.aws);
	release_opts(&o);
	return rc;
}

const struct ys_cmd ys_cmd_detect;

const struct ys_cmd ys_cmd_detect = {
	.name = "detect",
	.summary = "find attacks in CloudTrail logs",
	.usage = usage,
	.run = run,
};
