/* cmd-detect.c: `yourside detect`: attacks in CloudTrail files, with Sigma and built-in rules */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/dir.h"
#include "base/grow.h"
#include "base/severity.h"
#include "base/strbuf.h"
#include "cmd.h"
#include "sigma/corr.h"
#include "detect/engine.h"
#include "detect/ruleset.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_detect;

static const char usage[] =
	"usage: yourside detect [<options>] <path>...\n"
	"\n"
	"Runs detection rules over CloudTrail files: {\"Records\":[...]} as AWS delivers them\n"
	"(.json or .json.gz), JSON arrays of records, or JSON Lines; directories are walked for\n"
	"*.json, *.jsonl, *.ndjson and *.gz files, and '-' reads stdin. Each record that a rule\n"
	"matches is an alert.\n"
	"\n"
	"  --format <fmt>       text (default) or jsonl\n"
	"  --rules <dir>        also load the Sigma rules under <dir> (may be repeated)\n"
	"  --no-builtin         leave out yourside's own rules\n"
	"  --no-sigmahq         leave out the SigmaHQ rules that ship with yourside\n"
	"  --list-rules         print the rules that load, and those that do not and why\n"
	"  --fail-on <severity> exit 1 for an alert this severe or worse (default: never)\n"
	"  --reorder-window <t> how long (in event time: 30s, 15m, 1h) a match waits for earlier\n"
	"                       ones before correlations see it (default 15m; 0 for none)\n"
	"\n"
	"Exit status: 0, 1 with --fail-on, 2 usage error or nothing could be read.\n";

struct opts {
	int jsonl, builtin, sigmahq, list, fail_on;
	int64_t reorder;
	char **rules;
	size_t nrules, caprules;
};

struct run {
	const struct opts *o;
	struct ys_detector *det;
	struct strbuf out;
	int worst;
	size_t problems, alerts;
};

enum { OPT_FORMAT = 256, OPT_RULES, OPT_NOBUILTIN, OPT_NOSIGMAHQ, OPT_LIST, OPT_FAILON, OPT_HELP,
       OPT_REORDER };

static const struct option longopts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"rules", required_argument, NULL, OPT_RULES},
	{"no-builtin", no_argument, NULL, OPT_NOBUILTIN},
	{"no-sigmahq", no_argument, NULL, OPT_NOSIGMAHQ},
	{"list-rules", no_argument, NULL, OPT_LIST},
	{"fail-on", required_argument, NULL, OPT_FAILON},
	{"reorder-window", required_argument, NULL, OPT_REORDER},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

static int parse(int argc, char **argv, struct opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->builtin = o->sigmahq = 1;
	o->fail_on = 5;
	o->reorder = 15 * 60;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (strcmp(optarg, "text") && strcmp(optarg, "jsonl"))
				return ys_die_usage("unknown format '%s' (text, jsonl)", optarg);
			o->jsonl = !strcmp(optarg, "jsonl");
			break;
		case OPT_RULES:
			if (ys_grow(&o->rules, &o->caprules, o->nrules, sizeof(*o->rules), 4))
				return ys_die_usage("out of memory");
			o->rules[o->nrules++] = optarg;
			break;
		case OPT_NOBUILTIN:
			o->builtin = 0;
			break;
		case OPT_NOSIGMAHQ:
			o->sigmahq = 0;
			break;
		case OPT_LIST:
			o->list = 1;
			break;
		case OPT_FAILON:
			if ((o->fail_on = ys_parse_fail_on(optarg)) < 0)
				return YS_EXIT_USAGE;
			break;
		case OPT_REORDER:
			o->reorder = strcmp(optarg, "0") ? ys_sigma_timespan(optarg) : 0;
			if (o->reorder < 0)
				return ys_die_usage("--reorder-window takes a time like 30s, 15m or 1h, "
						    "not '%s'",
						    optarg);
			break;
		case 'h':
		case OPT_HELP:
			fputs(usage, stdout);
			return -1;
		default:
			return ys_die_usage("see 'yourside help detect'");
		}
	}
	return 0;
}

static int on_alert(void *ctx, const struct ys_alert *a)
{
	struct run *run = ctx;
	int rank = ys_severity_rank(a->severity);

	run->alerts++;
	strbuf_reset(&run->out);
	if (run->o->jsonl)
		ys_alert_jsonl(&run->out, a);
	else
		ys_alert_text(&run->out, a, 0);
	fwrite(run->out.buf, 1, run->out.len, stdout);
	if (rank > run->worst)
		run->worst = rank;
	return 0;
}

static void on_problem(void *ctx, const char *msg)
{
	struct run *run = ctx;

	run->problems++;
	ys_warn("%s", msg);
}

static void list_rules(const struct ys_ruleset *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		printf("%-8s %-8s %s (%s)%s\n", rs->source[i],
		       ys_sigma_severity(rs->r[i]->level), rs->r[i]->title, rs->r[i]->file,
		       rs->quiet && rs->quiet[i] ? ", for correlations only" : "");
	for (i = 0; i < rs->ncorr; i++)
		printf("%-8s %-8s %s (%s), a correlation\n", rs->corr_source[i],
		       ys_sigma_severity(rs->corr[i]->level), rs->corr[i]->title, rs->corr[i]->file);
	for (i = 0; i < rs->nproblems; i++)
		printf("%-8s %s\n", rs->problems[i].unsupported ? "unsupported" : "broken",
		       rs->problems[i].msg);
}

/* In a directory, the files a trail is made of; a file named on the command line is always read. */
static const char *const trail_files[] = {".json", ".jsonl", ".ndjson", ".gz", NULL};

/* Files and directories (walked in sorted order); returns how many files could be read. */
static size_t run_path(const char *path, struct run *run,
		       struct ys_detect_stats *st, int depth)
{
	struct stat sb;
	struct ys_error err = {0};
	size_t ok = 0;

	if (strcmp(path, "-") && stat(path, &sb) < 0) {
		ys_warn("cannot read '%s': %s", path, strerror(errno));
		run->problems++;
		return 0;
	}
	if (strcmp(path, "-") && S_ISDIR(sb.st_mode)) {
		char **names;
		size_t n, i;

		if (depth > 32 || ys_dir_names(path, &names, &n) < 0) {
			ys_warn("cannot read '%s': %s", path, depth > 32 ? "nested too deep" : strerror(errno));
			run->problems++;
			return 0;
		}
		for (i = 0; i < n; i++) {
			struct strbuf sub = STRBUF_INIT;
			struct stat cs;

			strbuf_addf(&sub, "%s/%s", path, names[i]);
			if (ys_name_ends(names[i], trail_files) ||
			    (stat(sub.buf, &cs) == 0 && S_ISDIR(cs.st_mode)))
				ok += run_path(sub.buf, run, st, depth + 1);
			strbuf_release(&sub);
		}
		ys_dir_names_free(names, n);
		return ok;
	}
	if (ys_detect_file(run->det, path, on_alert, on_problem, run, st, &err)) {
		ys_warn("%s", err.msg);
		run->problems++;
		return 0;
	}
	fflush(stdout);
	return 1;
}

static int run(int argc, char **argv)
{
	struct opts o;
	struct ys_ruleset rs;
	struct ys_detect_stats st;
	struct run r;
	struct ys_error err = {0};
	size_t i, ok = 0;
	int rc = parse(argc, argv, &o);

	if (rc)
		return rc < 0 ? YS_EXIT_CLEAN : rc;
	ys_ruleset_init(&rs);
	if (ys_ruleset_load_embedded(&rs, o.builtin, o.sigmahq))
		return ys_die_usage("out of memory loading rules");
	for (i = 0; i < o.nrules; i++)
		if (ys_ruleset_load_dir(&rs, o.rules[i], &err))
			return ys_die_usage("%s", err.msg);
	free(o.rules);
	if (ys_ruleset_compile(&rs, &err)) {
		ys_ruleset_release(&rs);
		return ys_die_usage("%s", err.msg);
	}
	if (o.list) {
		list_rules(&rs);
		ys_ruleset_release(&rs);
		return YS_EXIT_CLEAN;
	}
	for (i = 0; i < rs.nproblems; i++)
		ys_warn("rule %s: %s", rs.problems[i].unsupported ? "not loaded" : "broken",
			rs.problems[i].msg);
	if (optind >= argc) {
		ys_ruleset_release(&rs);
		return ys_die_usage("detect needs a file or directory; see 'yourside help detect'");
	}
	memset(&st, 0, sizeof(st));
	memset(&r, 0, sizeof(r));
	r.o = &o;
	r.worst = -1;
	strbuf_init(&r.out);
	if (ys_detector_new(&rs, o.reorder, &r.det)) {
		ys_ruleset_release(&rs);
		return ys_die_usage("out of memory");
	}
	for (i = (size_t)optind; i < (size_t)argc; i++)
		ok += run_path(argv[i], &r, &st, 0);
	/* incidents still open at the end of the input */
	ys_detector_flush(r.det, on_alert, &r);
	ys_detector_free(r.det);
	fflush(stdout);
	fprintf(stderr,
		"yourside: %zu rules, %zu correlations; %llu files, %llu records, %.1f MB; %zu alerts; "
		"%zu problems\n",
		rs.n, rs.ncorr, (unsigned long long)st.files, (unsigned long long)st.records,
		(double)st.bytes / 1e6, r.alerts, r.problems);
	strbuf_release(&r.out);
	ys_ruleset_release(&rs);
	if (ok == 0)
		return YS_EXIT_USAGE;
	return r.worst >= o.fail_on ? YS_EXIT_FINDINGS : YS_EXIT_CLEAN;
}

const struct ys_cmd ys_cmd_detect = {
	.name = "detect",
	.summary = "find attacks in CloudTrail logs",
	.usage = usage,
	.run = run,
};
