/* cmd-secrets.c: `yourside secrets`: leaked credentials in files, trees, stdin and git history */
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "base/color.h"
#include "base/severity.h"
#include "secrets/baseline.h"
#include "secrets/ignore.h"
#include "secrets/report.h"
#include "secrets/source.h"
#include "secrets/config.h"
#include "secrets/verify.h"
#include "progress.h"
#include "banned.h"

static const char usage[] =
	"usage: yourside secrets [<options>] [<path>...]\n"
	"       yourside secrets install-hook [--force] [<repo>]\n"
	"\n"
	"Scans files, directories, '-' (stdin) and git repositories for credentials.\n"
	"A git repository is scanned through its whole history (every ref) by default.\n"
	"\n"
	"  --format <fmt>        text (default), json, jsonl or sarif\n"
	"  --show-secrets        print secrets in clear (they are redacted otherwise)\n"
	"  --no-history          scan a repository's working tree, not its history\n"
	"  --staged              scan what is staged in a repository (pre-commit)\n"
	"  --since <rev>         history: only commits not reachable from <rev>\n"
	"  --range <a..b>        history: only the commits in a revision range\n"
	"  --ignore-file <file>  fingerprints or secret hashes to ignore (also .yoursideignore)\n"
	"  --baseline <report>   report only what an earlier JSON report (or gitleaks') lacks\n"
	"  --config <file>       a gitleaks configuration (.gitleaks.toml): its rules and\n"
	"                        allowlists instead of the built-in detectors ([extend]\n"
	"                        useDefault = true keeps them too)\n"
	"  --verify              ask each credential's own provider whether it is live (AWS,\n"
	"                        GitHub, GitLab, Slack, Stripe, OpenAI and 14 more); the call\n"
	"                        shows in the owner's logs; never without this flag\n"
	"  --threads <n>         scanning threads (default: every core)\n"
	"  --no-progress         never show progress, even on a terminal\n"
	"  --fail-on <severity>  exit 1 only for findings this severe or worse: info (default),\n"
	"                        low, medium, high, critical, or none\n"
	"  --matcher <name>      vectorscan (default) or pcre, the slow reference matcher\n"
	"\n"
	"Exit status: 0 nothing found (at --fail-on), 1 findings, 2 usage error or nothing could\n"
	"be scanned.\n";

struct opts {
	struct ys_report_opts report;
	struct ys_secrets_opts scan;
	const char *ignore_file;
	const char *config;
	const char *baseline;
	int verify;
	int fail_on; /* lowest severity rank that fails; 5 for none */
	int progress;
	const struct ys_mpm_ops *mpm;
};

enum { OPT_FORMAT = 256, OPT_SHOW, OPT_NOHIST, OPT_STAGED, OPT_SINCE, OPT_RANGE, OPT_IGNORE,
       OPT_THREADS, OPT_NOPROG, OPT_MATCHER, OPT_HELP, OPT_FORCE, OPT_BASELINE, OPT_VERIFY, OPT_FAILON,
       OPT_CONFIG };

static const struct option longopts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"show-secrets", no_argument, NULL, OPT_SHOW},
	{"no-history", no_argument, NULL, OPT_NOHIST},
	{"staged", no_argument, NULL, OPT_STAGED},
	{"since", required_argument, NULL, OPT_SINCE},
	{"range", required_argument, NULL, OPT_RANGE},
	{"ignore-file", required_argument, NULL, OPT_IGNORE},
	{"baseline", required_argument, NULL, OPT_BASELINE},
	{"verify", no_argument, NULL, OPT_VERIFY},
	{"config", required_argument, NULL, OPT_CONFIG},
	{"fail-on", required_argument, NULL, OPT_FAILON},
	{"threads", required_argument, NULL, OPT_THREADS},
	{"no-progress", no_argument, NULL, OPT_NOPROG},
	{"matcher", required_argument, NULL, OPT_MATCHER},
	{"help", no_argument, NULL, OPT_HELP},
	{"force", no_argument, NULL, OPT_FORCE},
	{NULL, 0, NULL, 0},
};

static int parse_threads(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 1 || v > 1024)
		return -1;
	*out = (int)v;
	return 0;
}

static int parse(int argc, char **argv, struct opts *o, int *force)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->scan.history = 1;
	o->scan.threads = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (o->scan.threads < 1)
		o->scan.threads = 1;
	o->progress = isatty(2);
	o->mpm = &ys_mpm_vectorscan;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (ys_report_format_parse(optarg, &o->report.format))
				return ys_die_usage("unknown format '%s' (text, json, jsonl, sarif)",
						    optarg);
			break;
		case OPT_SHOW:
			o->report.show_secrets = 1;
			break;
		case OPT_NOHIST:
			o->scan.history = 0;
			break;
		case OPT_STAGED:
			o->scan.staged = 1;
			break;
		case OPT_SINCE:
			o->scan.since = optarg;
			break;
		case OPT_RANGE:
			o->scan.range = optarg;
			break;
		case OPT_IGNORE:
			o->ignore_file = optarg;
			break;
		case OPT_FAILON:
			if ((o->fail_on = ys_parse_fail_on(optarg)) < 0)
				return YS_EXIT_USAGE;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_VERIFY:
			o->verify = 1;
			break;
		case OPT_BASELINE:
			o->baseline = optarg;
			break;
		case OPT_THREADS:
			if (parse_threads(optarg, &o->scan.threads))
				return ys_die_usage("--threads takes a number from 1 to 1024, not '%s'",
						    optarg);
			break;
		case OPT_NOPROG:
			o->progress = 0;
			break;
		case OPT_MATCHER:
			if (!strcmp(optarg, "pcre"))
				o->mpm = &ys_mpm_pcre;
			else if (strcmp(optarg, "vectorscan"))
				return ys_die_usage("unknown matcher '%s' (vectorscan, pcre)", optarg);
			break;
		case OPT_FORCE:
			*force = 1;
			break;
		case 'h':
		case OPT_HELP:
			fputs(usage, stdout);
			return -1;
		default:
			return ys_die_usage("see 'yourside help secrets'");
		}
	}
	if (o->scan.staged && (o->scan.since || o->scan.range))
		return ys_die_usage("--staged cannot go with --since or --range");
	if (o->scan.since && o->scan.range)
		return ys_die_usage("--since and --range cannot go together");
	o->report.color = ys_color_on(STDOUT_FILENO);
	return 0;
}

static int install_hook(int argc, char **argv, int force)
{
	char exe[PATH_MAX], written[PATH_MAX + 64];
	struct ys_error err = {0};
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	exe[n > 0 ? n : 0] = '\0';
	if (argc > 1)
		return ys_die_usage("install-hook takes one repository at the most");
	if (ys_install_hook(argc == 1 ? argv[0] : ".", exe[0] ? exe : "yourside", force, written,
			    sizeof(written), &err))
		return ys_die_usage("%s", err.msg);
	printf("installed %s\n", written);
	return YS_EXIT_CLEAN;
}

static void load_ignores(struct ys_ignore *ig, const struct opts *o, int npaths, char **paths)
{
	struct ys_error err = {0};
	char buf[PATH_MAX];
	struct stat st;
	int i;

	if (o->ignore_file && ys_ignore_load(ig, o->ignore_file, 0, &err))
		ys_warn("%s", err.msg);
	if (ys_ignore_load(ig, ".yoursideignore", 1, &err))
		ys_warn("%s", err.msg);
	for (i = 0; i < npaths; i++) {
		if (!strcmp(paths[i], ".") || stat(paths[i], &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		snprintf(buf, sizeof(buf), "%s/.yoursideignore", paths[i]);
		if (ys_ignore_load(ig, buf, 1, &err))
			ys_warn("%s", err.msg);
	}
}

static void summary(const struct ys_secret_results *r, size_t ignored, size_t known)
{
	size_t i;

	for (i = 0; i < r->nskips; i++)
		ys_warn("skipped '%s': %s", r->skips[i].path, r->skips[i].reason);
	fprintf(stderr, "yourside: scanned %llu files, %llu blobs in %llu commits, %.1f MB; "
			"%zu finding%s",
		(unsigned long long)r->files, (unsigned long long)r->blobs,
		(unsigned long long)r->commits, (double)r->bytes / 1e6, r->n, r->n == 1 ? "" : "s");
	if (ignored)
		fprintf(stderr, ", %zu ignored", ignored);
	if (known)
		fprintf(stderr, ", %zu in the baseline", known);
	if (r->binary)
		fprintf(stderr, ", %llu binary skipped", (unsigned long long)r->binary);
	if (r->nskips)
		fprintf(stderr, ", %zu skipped", r->nskips);
	fputc('\n', stderr);
}

/* One warning for each finding left unknown (file:line and provider, never the secret), then
 * one line: how many were asked about, and what each provider said. */
static void verify_summary(const struct ys_secret_results *r, const struct ys_verify_summary *s)
{
	size_t i, live = 0, revoked = 0, unknown = 0, secrets = 0, requests = 0;
	struct strbuf line = STRBUF_INIT;
	int p;

	for (i = 0; i < r->n; i++) {
		const struct ys_secret_finding *f = &r->f[i];

		if (f->verified == YS_VERIFY_UNKNOWN)
			ys_warn("cannot verify the %s in '%s:%zu' with %s: %s", f->rule->id, f->file,
				f->line, ys_verify_provider_name(ys_verify_provider_of(f)),
				f->verified_detail ? f->verified_detail : "no clear answer");
	}
	for (p = 0; p < YS_VERIFY_NPROVIDERS; p++) {
		const struct ys_verify_tally *t = &s->t[p];

		if (t->live + t->revoked + t->unknown == 0)
			continue;
		live += t->live;
		revoked += t->revoked;
		unknown += t->unknown;
		secrets += t->secrets;
		requests += t->requests;
		strbuf_addf(&line, "%s%s", line.len ? ", " : "", ys_verify_provider_name(p));
		if (t->live)
			strbuf_addf(&line, " %zu live", t->live);
		if (t->revoked)
			strbuf_addf(&line, " %zu revoked", t->revoked);
		if (t->unknown)
			strbuf_addf(&line, " %zu unknown", t->unknown);
		if (t->gave_up)
			strbuf_addstr(&line, " (gave up after repeated 429s)");
	}
	fprintf(stderr, "yourside: verified %zu finding%s (%zu distinct secret%s, %zu request%s): "
			"%zu live, %zu revoked, %zu unknown%s%s\n",
		live + revoked + unknown, live + revoked + unknown == 1 ? "" : "s", secrets,
		secrets == 1 ? "" : "s", requests, requests == 1 ? "" : "s", live, revoked, unknown,
		line.len ? "; " : "", strbuf_str(&line));
	strbuf_release(&line);
}

static void verify(struct ys_secret_results *r)
{
	struct ys_verify_opts vo = {.now = (int64_t)time(NULL)};
	struct ys_verify_summary s;
	struct ys_error err = {0};

	if (ys_secrets_verify(r, &vo, &s, &err))
		ys_warn("%s", err.msg);
	verify_summary(r, &s);
}

static int failing(const struct ys_secret_results *r, int fail_on)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (ys_severity_rank(r->f[i].rule->severity) >= fail_on)
			return 1;
	return 0;
}

static int scan(struct opts *o, int npaths, char **paths)
{
	static char *dot[] = {"."};
	struct ys_secret_ruleset *rs = NULL;
	struct ys_secret_results r;
	struct ys_error err = {0};
	struct ys_ignore ig = {0};
	struct ys_baseline base = {0};
	struct ys_progress *pr = NULL;
	struct strbuf out = STRBUF_INIT;
	int i, usable = 0, rc;
	size_t ignored, known = 0;

	if (npaths == 0) {
		npaths = 1;
		paths = dot;
	}
	if (o->baseline && ys_baseline_load(&base, o->baseline, &err)) {
		ys_baseline_release(&base);
		return ys_die_usage("%s", err.msg);
	}
	if (o->config) {
		struct ys_secret_config *cfg = NULL;

		if (ys_secret_config_load(o->config, &cfg, &err) ||
		    ys_secret_ruleset_new_config(&rs, o->mpm, cfg, &err)) {
			ys_baseline_release(&base);
			return ys_die_usage("%s", err.msg);
		}
	} else if (ys_secret_ruleset_new(&rs, o->mpm, &err)) {
		ys_baseline_release(&base);
		return ys_die_usage("%s", err.msg);
	}
	o->scan.rs = rs;
	o->report.rs = rs;
	ys_secret_results_init(&r);
	if (o->progress)
		r.meter = ys_progress_meter(pr = ys_progress_start());
	for (i = 0; i < npaths; i++) {
		ys_error_clear(&err);
		if (ys_secrets_scan_path(&o->scan, paths[i], &r, &err))
			ys_warn("%s", err.msg);
		else
			usable++;
	}
	ys_progress_stop(pr);
	ys_secret_results_finish(&r);
	load_ignores(&ig, o, npaths, paths);
	ignored = ys_ignore_apply(&ig, &r);
	if (o->baseline)
		known = ys_baseline_apply(&base, &r);
	if (o->verify)
		verify(&r);
	ys_secret_report(&out, &r, &o->report);
	fwrite(out.buf ? out.buf : "", 1, out.len, stdout);
	fflush(stdout);
	summary(&r, ignored, known);
	/* nothing could be scanned: no usable path, or only things that could not be read */
	if (usable == 0 || (r.files + r.blobs == 0 && r.nskips > 0))
		rc = YS_EXIT_USAGE;
	else
		rc = failing(&r, o->fail_on) ? YS_EXIT_FINDINGS : YS_EXIT_CLEAN;
	strbuf_release(&out);
	ys_ignore_release(&ig);
	ys_baseline_release(&base);
	ys_secret_results_release(&r);
	ys_secret_ruleset_free(rs);
	return rc;
}

static int run(int argc, char **argv)
{
	struct opts o;
	int force = 0, rc = parse(argc, argv, &o, &force);

	if (rc)
		return rc < 0 ? YS_EXIT_CLEAN : rc;
	if (optind < argc && !strcmp(argv[optind], "install-hook"))
		return install_hook(argc - optind - 1, argv + optind + 1, force);
	return scan(&o, argc - optind, argv + optind);
}

const struct ys_cmd ys_cmd_secrets = {
	.name = "secrets",
	.summary = "find leaked credentials in files and git history",
	.usage = usage,
	.run = run,
};
