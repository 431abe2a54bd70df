/* cmd-verify-trail.c: `yourside verify-trail`: CloudTrail log file integrity over a copy of the
 * trail's bucket, as `aws cloudtrail validate-logs` checks it, and what no digest covers */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/file.h"
#include "cmd.h"
#include "progress.h"
#include "trail-keys.h"
#include "trail/verify.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_verify_trail;

enum { OPT_KEYS = 256, OPT_BUCKET, OPT_ACCOUNT, OPT_SINCE, OPT_UNTIL, OPT_FORMAT, OPT_VERBOSE,
       OPT_FETCH, OPT_REGION, OPT_ENDPOINT, OPT_HELP };

static const struct option longopts[] = {
	{"keys", required_argument, NULL, OPT_KEYS},
	{"fetch-keys", no_argument, NULL, OPT_FETCH},
	{"region", required_argument, NULL, OPT_REGION},
	{"endpoint-url", required_argument, NULL, OPT_ENDPOINT},
	{"bucket", required_argument, NULL, OPT_BUCKET},
	{"account", required_argument, NULL, OPT_ACCOUNT},
	{"since", required_argument, NULL, OPT_SINCE},
	{"until", required_argument, NULL, OPT_UNTIL},
	{"format", required_argument, NULL, OPT_FORMAT},
	{"verbose", no_argument, NULL, OPT_VERBOSE},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

struct opts {
	struct ys_vopts v;
	const char *keyfiles[16];
	size_t nkeyfiles;
	struct trail_fetch fetch;
	int json, verbose;
};

static int parse(int argc, char **argv, struct opts *o, int *done)
{
	int c;

	*done = 0;
	o->v.since = o->v.until = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_KEYS:
			if (o->nkeyfiles == sizeof(o->keyfiles) / sizeof(*o->keyfiles))
				return ys_die_usage("at most 16 --keys files");
			o->keyfiles[o->nkeyfiles++] = optarg;
			break;
		case OPT_FETCH:
			o->fetch.on = 1;
			break;
		case OPT_REGION:
			o->fetch.region = optarg;
			break;
		case OPT_ENDPOINT:
			o->fetch.endpoint = optarg;
			break;
		case OPT_BUCKET:
			o->v.bucket = optarg;
			break;
		case OPT_ACCOUNT:
			o->v.account = optarg;
			break;
		case OPT_SINCE:
			if (ys_parse_time_arg("--since", optarg, &o->v.since))
				return YS_EXIT_USAGE;
			break;
		case OPT_UNTIL:
			if (ys_parse_time_arg("--until", optarg, &o->v.until))
				return YS_EXIT_USAGE;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return ys_die_usage("--format takes text or json, not '%s'", optarg);
			o->json = !strcmp(optarg, "json");
			break;
		case 'v':
		case OPT_VERBOSE:
			o->verbose = 1;
			break;
		case 'h':
		case OPT_HELP:
			fputs(ys_cmd_verify_trail.usage, stdout);
			*done = 1;
			return 0;
		default:
			return YS_EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return ys_die_usage("verify-trail takes one folder: a copy of the trail's bucket");
	o->v.root = argv[optind];
	if (!o->nkeyfiles && !o->fetch.on)
		return ys_die_usage("verify-trail needs CloudTrail's public keys: --keys <file> (what "
				    "`aws cloudtrail list-public-keys` prints) or --fetch-keys");
	if (o->v.since >= 0 && o->v.until >= 0 && o->v.since > o->v.until)
		return ys_die_usage("--since is after --until");
	return 0;
}

static int load_keys(struct opts *o, struct ys_pubkeys *keys)
{
	struct ys_error err = {0};
	size_t i, len;
	char *text;

	for (i = 0; i < o->nkeyfiles; i++) {
		if (ys_read_file(o->keyfiles[i], 16 << 20, &text, &len, &err))
			return ys_die_usage("--keys: %s", err.msg);
		if (ys_pubkeys_add_json(keys, text, len, o->keyfiles[i], &err)) {
			free(text);
			return ys_die_usage("--keys: %s", err.msg);
		}
		free(text);
	}
	if (o->fetch.on && trail_fetch_keys(&o->fetch, o->v.since, o->v.until, keys, &err))
		return ys_die_usage("--fetch-keys: %s", err.msg);
	if (!keys->n)
		return ys_die_usage("no public keys were given: no digest can be checked");
	return 0;
}

static int run(int argc, char **argv)
{
	struct opts o = {0};
	struct ys_pubkeys keys = {0};
	struct ys_vresult r;
	struct ys_error err = {0};
	struct ys_progress *pr;
	int done, rc;

	if ((rc = parse(argc, argv, &o, &done)) || done)
		return rc;
	if ((rc = load_keys(&o, &keys))) {
		ys_pubkeys_release(&keys);
		return rc;
	}
	o.v.meter = ys_progress_meter(pr = ys_progress_start());
	rc = ys_trail_verify(&o.v, &keys, &r, &err);
	ys_progress_stop(pr);
	o.v.meter = NULL;
	ys_pubkeys_release(&keys);
	if (rc)
		return ys_die_usage("%s", err.msg);
	if (!r.nstreams) {
		rc = ys_die_usage("no CloudTrail digest files under %s%s: nothing was verified (%zu log "
				  "files found; is log file validation on?)", o.v.root,
				  o.v.since >= 0 || o.v.until >= 0 || o.v.account ? " for what was asked" : "",
				  r.logs);
	} else {
		rc = o.json ? trail_report_json(&r, o.v.root) : trail_report_text(&r, o.v.root, o.verbose);
	}
	ys_vresult_release(&r);
	return rc;
}

const struct ys_cmd ys_cmd_verify_trail = {
	.name = "verify-trail",
	.summary = "prove a CloudTrail bucket's log files were not changed, deleted or added",
	.usage =
	"usage: yourside verify-trail [<options>] --keys <file> <dir>\n"
	"   or: yourside verify-trail [<options>] --fetch-keys [--region <r>] <dir>\n"
	"\n"
	"Checks the log files in <dir>, a copy of a trail's bucket (aws s3 sync), as `aws cloudtrail\n"
	"validate-logs` does: each digest file's place, SHA256withRSA signature and link to the one\n"
	"before it, each log file's SHA-256 against its digest. Also lists log files that no digest\n"
	"signs, digests no later one links to, and the hours a trail wrote no digest. A digest's\n"
	"signature is read from <key>.head.json beside it (what `aws s3api head-object` prints);\n"
	"scripts/trail-with-awscli.sh copies a bucket that way.\n"
	"\n"
	"  --keys <file>         CloudTrail's public keys: what `aws cloudtrail list-public-keys\n"
	"                        --start-time ...` prints (may be repeated, one per region)\n"
	"  --fetch-keys          ask CloudTrail's ListPublicKeys for them (credentials as collect)\n"
	"  --region <r>          the trail's home region for --fetch-keys (default: us-east-1)\n"
	"  --endpoint-url <url>  send --fetch-keys there instead of AWS (tests)\n"
	"  --bucket <name>       the bucket <dir> is a copy of (default: the one its newest\n"
	"                        digest names)\n"
	"  --account <id>        only this account's files\n"
	"  --since <time>        only digests from this time on (ISO 8601)\n"
	"  --until <time>        only digests to this time (and the hour after)\n"
	"  --format <fmt>        text (default) or json\n"
	"  -v, --verbose         also list the files that are valid\n"
	"\n"
	"Exit status: 0 every file checked is as CloudTrail wrote it, 1 something was changed,\n"
	"deleted, moved, unsigned or could not be checked, 2 usage error or no digest files.\n",
	.run = run,
};
