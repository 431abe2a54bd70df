/* cmd-iam.c: `yourside iam`: exact IAM policy evaluation and the questions it answers (can,
 * who-can on a snapshot; simulate on policy test files): the usage, the shared options, and
 * the table of questions */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "iam.h"
#include "base/color.h"
#include "base/grow.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_iam;

static const char usage[] =
	"usage: yourside iam can [<options>] <snapshot> <principal> <action> <resource>\n"
	"       yourside iam who-can [<options>] <snapshot> <action> <resource>\n"
	"       yourside iam escalations [<options>] <snapshot>\n"
	"       yourside iam blast-radius [<options>] <snapshot> <principal>\n"
	"       yourside iam code-spaces [<options>] <snapshot>\n"
	"       yourside iam guardrail [<options>] <snapshot>\n"
	"       yourside iam unused --trail <dir> [<options>] <snapshot> <principal>\n"
	"       yourside iam simulate [<options>] <file>...\n"
	"\n"
	"Decides IAM requests exactly as AWS documents it: explicit deny first, SCPs and RCPs,\n"
	"resource-based policies (same account and cross-account), identity policies,\n"
	"permissions boundaries and session policies, every condition operator and policy\n"
	"variables; each decision names the statements that made it.\n"
	"\n"
	"can decides one request of a snapshot's user or role (a name, an ARN, or an access key\n"
	"id) with its groups' policies, its boundary and the resource's policy (bucket, key, role\n"
	"trust). who-can lists every user and role that can make a request, those that reach it\n"
	"by assuming roles (with the chain), and the outsiders a resource or trust policy lets in.\n"
	"escalations draws who can become whom (access keys, passwords, trust policies, roles\n"
	"passed to services) and who can make itself an administrator, with each one's shortest\n"
	"path there. blast-radius tells what one principal (or access key) can read, change,\n"
	"destroy and re-permission in each data store, after escalation, and what it holds in\n"
	"each service. code-spaces finds each data store (bucket, database, file system) that one\n"
	"principal can destroy together with every backup of it, directly, by becoming another\n"
	"or by making itself an administrator. guardrail writes an SCP (or, with --boundary, a\n"
	"permissions boundary) for the account that denies destruction without MFA and keeps\n"
	"backups and the trail from all but a break-glass role, and lists whom it would stop.\n"
	"unused sets what a principal holds against what its CloudTrail records show it used,\n"
	"and writes a policy of the used actions (on the resources they touched) to replace its\n"
	"own.\n"
	"simulate reads policy test files (sets of policies, requests, and optionally the\n"
	"decision each request should get: docs/cmd/iam.md) and prints each decision.\n"
	"\n"
	"  --context <key>=<value>  a context key of the request (repeatable; a key given again\n"
	"                           holds a list), e.g. aws:MultiFactorAuthPresent=true\n"
	"  --format <fmt>           text (default); json (all but simulate); dot (who-can,\n"
	"                           escalations: a Graphviz graph); policy (guardrail: the\n"
	"                           document alone); jsonl (simulate)\n"
	"  --quiet                  simulate: print only requests not decided as expected\n"
	"  --all                    blast-radius: every service it holds actions in (the ten\n"
	"                           where it can do most harm by default)\n"
	"  --boundary               guardrail: a permissions boundary rather than an SCP\n"
	"  --break-glass <role>     guardrail: the role left free to manage backups and the\n"
	"                           trail (default break-glass)\n"
	"  --trail <dir>            unused: the CloudTrail files (a folder, walked, or a file)\n"
	"  --since <time>, --until <time>  unused: only records in this window (ISO 8601)\n"
	"\n"
	"Exit status: can: 0 allowed, 1 denied; code-spaces: 1 when a store is at risk;\n"
	"simulate: 0 every request as expected, 1 some not; the others: 0; all: 2 usage\n"
	"error, or a snapshot, file or policy that cannot be read.\n";

enum { OPT_FORMAT = 256, OPT_QUIET, OPT_CONTEXT, OPT_BOUNDARY, OPT_BREAKGLASS, OPT_TRAIL, OPT_SINCE,
       OPT_UNTIL, OPT_ALL, OPT_HELP };

static const struct option longopts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"quiet", no_argument, NULL, OPT_QUIET},
	{"all", no_argument, NULL, OPT_ALL},
	{"context", required_argument, NULL, OPT_CONTEXT},
	{"boundary", no_argument, NULL, OPT_BOUNDARY},
	{"break-glass", required_argument, NULL, OPT_BREAKGLASS},
	{"trail", required_argument, NULL, OPT_TRAIL},
	{"since", required_argument, NULL, OPT_SINCE},
	{"until", required_argument, NULL, OPT_UNTIL},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

/* "key=value": a new key, or one more value of a key given before */
static int add_context(struct iam_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t i;

	if (!eq || eq == arg)
		return ys_die_usage("--context '%s': not key=value", arg);
	for (i = 0; i < o->nctx; i++)
		if (strlen(o->ctx[i].key) == (size_t)(eq - arg) && !strncmp(o->ctx[i].key, arg, (size_t)(eq - arg))) {
			const char **v = realloc((void *)o->ctx[i].vals, (o->ctx[i].n + 1) * sizeof(char *));

			if (!v)
				return ys_die_usage("out of memory");
			v[o->ctx[i].n++] = eq + 1;
			o->ctx[i].vals = v;
			o->ctx[i].multi = 1;
			return 0;
		}
	if (ys_grow(&o->ctx, &o->capctx, o->nctx, sizeof(*o->ctx), 8))
		return ys_die_usage("out of memory");
	{
		const char **v = malloc(sizeof(char *));
		char *key = strndup(arg, (size_t)(eq - arg));

		if (!v || !key) {
			free(v);
			free(key);
			return ys_die_usage("out of memory");
		}
		v[0] = eq + 1;
		o->ctx[o->nctx++] = (struct ys_ckey){key, v, 1, 0};
	}
	return 0;
}

void iam_opts_release(struct iam_opts *o)
{
	size_t i;

	for (i = 0; i < o->nctx; i++) {
		free((void *)o->ctx[i].key);
		free((void *)o->ctx[i].vals);
	}
	free(o->ctx);
	memset(o, 0, sizeof(*o));
}

int iam_parse(int argc, char **argv, const char *formats, struct iam_opts *o)
{
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			if (strcmp(optarg, "text") && (!strstr(formats, optarg) || strchr(optarg, ',')))
				return ys_die_usage("unknown format '%s' (%s)", optarg, formats);
			o->json = !strcmp(optarg, "json");
			o->jsonl = !strcmp(optarg, "jsonl");
			o->dot = !strcmp(optarg, "dot");
			o->policy = !strcmp(optarg, "policy");
			break;
		case OPT_QUIET:
			o->quiet = 1;
			break;
		case OPT_ALL:
			o->all = 1;
			break;
		case OPT_BOUNDARY:
			o->boundary = 1;
			break;
		case OPT_BREAKGLASS:
			o->breakglass = optarg;
			break;
		case OPT_TRAIL:
			o->trail = optarg;
			break;
		case OPT_SINCE:
			o->since = optarg;
			break;
		case OPT_UNTIL:
			o->until = optarg;
			break;
		case OPT_CONTEXT:
			if (add_context(o, optarg))
				return YS_EXIT_USAGE;
			break;
		case 'h':
		case OPT_HELP:
			fputs(usage, stdout);
			return -1;
		default:
			return YS_EXIT_USAGE;
		}
	}
	o->args = (const char **)argv + optind;
	o->nargs = argc - optind;
	o->color = !o->json && !o->jsonl && !o->dot && !o->policy && ys_color_on(fileno(stdout));
	return 0;
}

static int run(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} questions[] = {{"blast-radius", iam_blast_radius},
			 {"can", iam_can},
			 {"code-spaces", iam_code_spaces},
			 {"escalations", iam_escalations},
			 {"guardrail", iam_guardrail},
			 {"simulate", iam_simulate},
			 {"unused", iam_unused},
			 {"who-can", iam_who_can}};
	size_t i;

	if (argc < 2)
		return ys_die_usage("iam: which question? (can, who-can, escalations, blast-radius, code-spaces, guardrail, unused, simulate; see yourside help iam)");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(usage, stdout);
		return YS_EXIT_CLEAN;
	}
	for (i = 0; i < sizeof(questions) / sizeof(questions[0]); i++)
		if (!strcmp(argv[1], questions[i].name))
			return questions[i].fn(argc - 1, argv + 1);
	return ys_die_usage("iam: unknown question '%s' (can, who-can, escalations, blast-radius, code-spaces, guardrail, unused, simulate)", argv[1]);
}

const struct ys_cmd ys_cmd_iam = {
	.name = "iam",
	.summary = "who can do what: exact IAM decisions, who-can, and policy tests",
	.usage = usage,
	.run = run,
};
