/* cmd-log.c: `yourside log`: the signed, hash-chained log of alerts and findings: a key made,
 * entries appended, the chain and signatures verified, entries shown, the head as a receipt */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "base/isotime.h"
#include "base/sign.h"
#include "base/strbuf.h"
#include "cmd.h"
#include "json/jread.h"
#include "store/ledger.h"
#include "banned.h"

extern const struct ys_cmd ys_cmd_log;

enum { OPT_STATE = 256, OPT_KEY, OPT_KIND, OPT_RECEIPT, OPT_FROM, OPT_NOW, OPT_HELP };

static const struct option longopts[] = {
	{"state", required_argument, NULL, OPT_STATE},
	{"key", required_argument, NULL, OPT_KEY},
	{"kind", required_argument, NULL, OPT_KIND},
	{"receipt", required_argument, NULL, OPT_RECEIPT},
	{"from", required_argument, NULL, OPT_FROM},
	{"now", required_argument, NULL, OPT_NOW},
	{"help", no_argument, NULL, OPT_HELP},
	{NULL, 0, NULL, 0},
};

struct opts {
	const char *state, *key, *kind, *receipt;
	uint64_t from;
	int64_t now;
};

static int parse(int argc, char **argv, struct opts *o, int *done)
{
	int c;

	*done = 0;
	o->kind = "alert";
	o->from = 1;
	o->now = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_STATE:
			o->state = optarg;
			break;
		case OPT_KEY:
			o->key = optarg;
			break;
		case OPT_KIND:
			if (!*optarg || strlen(optarg) > 40 || strpbrk(optarg, "\n\t "))
				return ys_die_usage("--kind takes one short word, like alert or finding");
			o->kind = optarg;
			break;
		case OPT_RECEIPT:
			o->receipt = optarg;
			break;
		case OPT_FROM:
			o->from = strtoull(optarg, NULL, 10);
			break;
		case OPT_NOW:
			if (ys_parse_time_arg("--now", optarg, &o->now))
				return YS_EXIT_USAGE;
			break;
		case 'h':
		case OPT_HELP:
			fputs(ys_cmd_log.usage, stdout);
			*done = 1;
			return 0;
		default:
			return YS_EXIT_USAGE;
		}
	}
	return 0;
}

static int keygen(int argc, char **argv)
{
	struct ys_error err = {0};
	struct strbuf pub = STRBUF_INIT;
	size_t n;
	int rc;

	if (argc != 2)
		return ys_die_usage("log keygen takes one file: where the private key goes");
	n = strlen(argv[1]);
	strbuf_add(&pub, argv[1], n > 4 && !strcmp(argv[1] + n - 4, ".pem") ? n - 4 : n);
	strbuf_addstr(&pub, ".pub.pem");
	rc = ys_signkey_generate(argv[1], pub.buf, &err);
	if (rc)
		rc = ys_die_usage("log keygen: %s", err.msg);
	else
		printf("private key: %s (keep it where the log is not: whoever holds it can sign)\n"
		       "public key:  %s (verify with it)\n", argv[1], pub.buf);
	strbuf_release(&pub);
	return rc;
}

static int open_key(const char *path, int must_sign, struct ys_signkey **k)
{
	struct ys_error err = {0};

	if (!path)
		return ys_die_usage("--key <file> is needed: %s", must_sign ? "the private key that signs"
									  : "the public (or private) key");
	if (ys_signkey_load(path, k, &err))
		return ys_die_usage("%s", err.msg);
	if (must_sign && !ys_signkey_can_sign(*k)) {
		ys_signkey_free(*k);
		return ys_die_usage("key '%s' is a public key: appending needs the private one", path);
	}
	return 0;
}

/* every line of one file (or stdin) as an entry; a line that is not JSON is named and skipped */
static int append_file(struct ys_ledger *l, const struct ys_signkey *k, const struct opts *o,
		       const char *path, size_t *added, size_t *bad)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	struct ys_error err = {0};
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;
	int rc = 0;

	if (!f) {
		ys_warn("cannot read '%s'", path);
		(*bad)++;
		return 0;
	}
	while (!rc && (n = getline(&line, &cap, f)) >= 0) {
		struct ys_jdoc *doc;

		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n)
			continue;
		if (ys_json_parse(line, (size_t)n, &doc, &err)) {
			ys_warn("%s:%zu: not JSON, not appended: %s", path, lineno, err.msg);
			(*bad)++;
			continue;
		}
		ys_jdoc_free(doc);
		if (!(rc = ys_ledger_append(l, k, o->now >= 0 ? o->now : (int64_t)time(NULL), o->kind, line,
					    (size_t)n, &err)))
			(*added)++;
		else
			ys_warn("%s", err.msg);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}

static int append(int argc, char **argv, const struct opts *o)
{
	struct ys_error err = {0};
	struct ys_signkey *k;
	struct ys_ledger *l;
	size_t added = 0, bad = 0;
	int i, rc;

	if (optind >= argc)
		return ys_die_usage("log append takes JSON Lines files (or - for stdin)");
	if ((rc = open_key(o->key, 1, &k)))
		return rc;
	if (ys_ledger_open(o->state, 1, &l, &err)) {
		ys_signkey_free(k);
		return ys_die_usage("%s", err.msg);
	}
	rc = ys_ledger_begin(l, &err);
	for (i = optind; i < argc && !rc; i++)
		rc = append_file(l, k, o, argv[i], &added, &bad);
	if (!rc)
		rc = ys_ledger_commit(l, &err);
	else
		ys_ledger_rollback(l);
	if (rc)
		ys_warn("nothing was appended: %s", err.msg);
	else
		printf("appended %zu entr%s to %s%s\n", added, added == 1 ? "y" : "ies", ys_ledger_name(l),
		       bad ? " (some lines were not, named above)" : "");
	ys_ledger_close(l);
	ys_signkey_free(k);
	return rc || bad ? YS_EXIT_USAGE : YS_EXIT_CLEAN;
}

static int verify(const struct opts *o)
{
	struct ys_error err = {0};
	struct ys_ledger_check c;
	struct ys_signkey *k;
	struct ys_ledger *l;
	char id[YS_KEY_ID_HEX];
	size_t i;
	int rc;

	if ((rc = open_key(o->key, 0, &k)))
		return rc;
	if (ys_ledger_open(o->state, 0, &l, &err) || ys_ledger_verify(l, k, o->receipt, &c, &err)) {
		ys_ledger_close(l);
		ys_signkey_free(k);
		return ys_die_usage("%s", err.msg);
	}
	ys_signkey_id(k, id);
	printf("log %s: %" PRIu64 " entr%s, checked against key %s\n", ys_ledger_name(l), c.entries,
	       c.entries == 1 ? "y" : "ies", id);
	for (i = 0; i < c.nproblems && i < YS_LEDGER_MAX_PROBLEMS; i++)
		printf("problem: %s\n", c.problems[i]);
	if (c.nproblems > YS_LEDGER_MAX_PROBLEMS)
		printf("problem: and %zu more\n", c.nproblems - YS_LEDGER_MAX_PROBLEMS);
	if (c.head_seq)
		printf("head: %" PRIu64 ":%s\n", c.head_seq, c.head_hash);
	if (c.nproblems)
		printf("verdict: the log was changed: %zu problem%s\n", c.nproblems, c.nproblems == 1 ? "" : "s");
	else if (o->receipt)
		printf("verdict: intact: no entry was removed, changed, inserted or reordered, and the "
		       "receipt's entry is still there\n");
	else
		printf("verdict: intact: no entry was removed, changed, inserted or reordered (keep the "
		       "head as a receipt elsewhere: it also proves nothing is cut from the end)\n");
	ys_ledger_close(l);
	ys_signkey_free(k);
	return c.nproblems ? YS_EXIT_FINDINGS : YS_EXIT_CLEAN;
}

static int show_one(void *ctx, const struct ys_ledger_entry *e)
{
	char t[32];

	(void)ctx;
	ys_format_time(e->time, t);
	printf("%" PRIu64 "\t%s\t%s\t%.12s\t%.*s\n", e->seq, t, e->kind, e->hash, (int)e->len, e->body);
	return 0;
}

static int last_one(void *ctx, const struct ys_ledger_entry *e)
{
	struct strbuf *sb = ctx;

	strbuf_reset(sb);
	strbuf_addf(sb, "%" PRIu64 ":%s", e->seq, e->hash);
	return 0;
}

static int read_out(const struct opts *o, int head)
{
	struct ys_error err = {0};
	struct strbuf sb = STRBUF_INIT;
	struct ys_ledger *l;
	int rc;

	if (ys_ledger_open(o->state, 0, &l, &err))
		return ys_die_usage("%s", err.msg);
	rc = head ? ys_ledger_each(l, 1, last_one, &sb, &err) : ys_ledger_each(l, o->from, show_one, NULL, &err);
	ys_ledger_close(l);
	if (rc)
		return ys_die_usage("%s", err.msg);
	if (head)
		printf("%s\n", sb.len ? sb.buf : "(empty)");
	strbuf_release(&sb);
	return YS_EXIT_CLEAN;
}

static int run(int argc, char **argv)
{
	struct opts o = {0};
	const char *sub = argc > 1 ? argv[1] : "";
	int done, rc;

	if (!strcmp(sub, "keygen"))
		return keygen(argc - 1, argv + 1);
	if (strcmp(sub, "append") && strcmp(sub, "verify") && strcmp(sub, "show") && strcmp(sub, "head")) {
		if (!strcmp(sub, "-h") || !strcmp(sub, "--help")) {
			fputs(ys_cmd_log.usage, stdout);
			return YS_EXIT_CLEAN;
		}
		return ys_die_usage("log: keygen, append, verify, show or head, not '%s'", sub);
	}
	if ((rc = parse(argc - 1, argv + 1, &o, &done)) || done)
		return rc;
	if (!o.state)
		return ys_die_usage("log %s needs --state <file>: the state that holds the log", sub);
	if (!strcmp(sub, "append"))
		return append(argc - 1, argv + 1, &o);
	if (optind != argc - 1)
		return ys_die_usage("log %s takes no files", sub);
	if (!strcmp(sub, "verify"))
		return verify(&o);
	return read_out(&o, !strcmp(sub, "head"));
}

const struct ys_cmd ys_cmd_log = {
	.name = "log",
	.summary = "a signed, hash-chained log of alerts and findings that cannot be quietly edited",
	.usage =
	"usage: yourside log keygen <key.pem>\n"
	"   or: yourside log append --state <file> --key <key.pem> [--kind <k>] <file.jsonl|->...\n"
	"   or: yourside log verify --state <file> --key <key.pub.pem> [--receipt <seq>:<hash>]\n"
	"   or: yourside log show --state <file> [--from <seq>]\n"
	"   or: yourside log head --state <file>\n"
	"\n"
	"Keeps alerts and findings in an append-only log inside a state (detect's --state or any\n"
	"other: a SQLite file, or a PostgreSQL database given as postgresql://...): each entry holds\n"
	"the SHA-256 of the one before it and an Ed25519 signature by a key the user keeps apart.\n"
	"`detect --state <file> --sign-key <key.pem>` appends every alert as it is raised,\n"
	"`audit --state <file> --sign-key <key.pem>` every failure; `log append` appends JSON\n"
	"Lines (secret findings, alerts from elsewhere).\n"
	"`log verify` proves no entry was removed, changed, inserted or reordered; with the receipt\n"
	"of an earlier `log head`, also that nothing was cut from the end.\n"
	"\n"
	"  keygen <key.pem>      make a key pair: <key.pem> (private, mode 0600) and <key>.pub.pem\n"
	"  --state <file>        the SQLite file or postgresql:// database that holds the log\n"
	"                        (made by append)\n"
	"  --key <file>          append: the private key; verify: the public key\n"
	"  --kind <k>            append: what the lines are (default: alert; finding, ...)\n"
	"  --now <time>          append: record this time, not the clock's (ISO 8601)\n"
	"  --receipt <seq>:<hash>  verify: an earlier head, which must still be in the log\n"
	"  --from <seq>          show: from this entry on\n"
	"\n"
	"Exit status: 0 intact (or done), 1 verify found the log changed, 2 usage error, a line that\n"
	"is not JSON, or a file or key that cannot be read.\n",
	.run = run,
};
