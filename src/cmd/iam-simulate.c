/* iam-simulate.c: `yourside iam simulate`: decides the requests of policy test files and checks
 * each against the decision it expects */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "iam.h"
#include "base/color.h"
#include "base/file.h"
#include "base/strbuf.h"
#include "iam/simfile.h"
#include "json/jwrite.h"
#include "banned.h"

struct sim {
	int jsonl, quiet, color;
	size_t total, wrong, undecided;
	struct strbuf out;
};

static void why_text(const struct ys_decision *d, struct strbuf *sb)
{
	char label[512];
	size_t i;

	if (d->verdict == YS_IMPLICIT_DENY) {
		strbuf_addf(sb, "no allow in %s", ys_layer_name(d->gap));
		if (d->gap_level)
			strbuf_addf(sb, " level %s", d->gap_level->name);
	}
	for (i = 0; i < d->nby; i++) {
		ys_because_label(&d->by[i], label, sizeof(label));
		strbuf_addf(sb, "%s%s", i ? ", " : "", label);
		if (d->by[i].pol->st[d->by[i].stmt].sid)
			strbuf_addf(sb, " (%s)", d->by[i].pol->st[d->by[i].stmt].sid);
	}
	if (d->note)
		strbuf_addf(sb, ": %s", d->note);
}

static void print_json(struct sim *s, const char *file, size_t iset, size_t ireq,
		       const struct ys_simreq *r, const struct ys_decision *d, const char *wrong)
{
	char label[512];
	struct jw w;
	size_t i;

	jw_init(&w, &s->out, 0);
	jw_obj_begin(&w);
	jw_key(&w, "file");
	jw_str(&w, file);
	jw_key(&w, "set");
	jw_int(&w, (long long)iset + 1);
	jw_key(&w, "request");
	jw_int(&w, (long long)ireq + 1);
	if (r->name) {
		jw_key(&w, "name");
		jw_str(&w, r->name);
	}
	jw_key(&w, "principal");
	jw_str(&w, r->req.principal);
	jw_key(&w, "action");
	jw_str(&w, r->req.action);
	jw_key(&w, "resource");
	jw_str(&w, r->req.resource);
	jw_key(&w, "decision");
	jw_str(&w, d ? ys_verdict_name(d->verdict) : "undecided");
	if (d) {
		jw_key(&w, "by");
		jw_arr_begin(&w);
		for (i = 0; i < d->nby; i++) {
			ys_because_label(&d->by[i], label, sizeof(label));
			jw_str(&w, label);
		}
		jw_arr_end(&w);
		if (d->verdict == YS_IMPLICIT_DENY) {
			jw_key(&w, "gap");
			jw_str(&w, ys_layer_name(d->gap));
			if (d->gap_level) {
				jw_key(&w, "gap_level");
				jw_str(&w, d->gap_level->name);
			}
		}
		if (d->note) {
			jw_key(&w, "note");
			jw_str(&w, d->note);
		}
	}
	if (r->expect) {
		jw_key(&w, "expected");
		jw_str(&w, r->expect);
	}
	jw_key(&w, "ok");
	jw_bool(&w, !wrong);
	if (wrong) {
		jw_key(&w, "problem");
		jw_str(&w, wrong);
	}
	jw_obj_end(&w);
	strbuf_addch(&s->out, '\n');
}

static void print_one(struct sim *s, const char *file, size_t iset, size_t ireq,
		      const struct ys_simreq *r, const struct ys_decision *d, const char *wrong)
{
	if (s->quiet && !wrong)
		return;
	if (s->jsonl) {
		print_json(s, file, iset, ireq, r, d, wrong);
	} else {
		strbuf_addf(&s->out, "%s: set %zu request %zu", file, iset + 1, ireq + 1);
		if (r->name)
			strbuf_addf(&s->out, " (%s)", r->name);
		strbuf_addf(&s->out, ": %s%s%s", d ? iam_tint_verdict(d->verdict, s->color) : "",
			    d ? ys_verdict_name(d->verdict) : "undecided", d ? ys_tint_reset(s->color) : "");
		if (d && (d->nby || d->verdict == YS_IMPLICIT_DENY)) {
			strbuf_addstr(&s->out, d->verdict == YS_IMPLICIT_DENY ? ": " : " by ");
			why_text(d, &s->out);
		}
		if (wrong)
			strbuf_addf(&s->out, "\n  %snot as expected%s: %s", ys_tint_bad(s->color),
				    ys_tint_reset(s->color), wrong);
		strbuf_addch(&s->out, '\n');
	}
	fwrite(s->out.buf, 1, s->out.len, stdout);
	strbuf_reset(&s->out);
}

static int simulate_file(struct sim *s, const char *path)
{
	struct ys_simfile f;
	struct ys_error err;
	char *text;
	size_t len, i, j, k;
	int rc = 0;

	ys_error_clear(&err);
	if (ys_read_file(path, (size_t)64 << 20, &text, &len, &err)) {
		ys_warn("%s", err.msg);
		return -1;
	}
	if (ys_simfile_load(text, len, &f, &err)) {
		ys_warn("%s: %s", path, err.msg);
		free(text);
		return -1;
	}
	free(text);
	for (i = 0; i < f.nsets; i++) {
		const struct ys_simset *set = &f.sets[i];

		for (k = 0; k < set->ps.nproblems; k++)
			ys_warn("%s: set %zu: %s", path, i + 1, set->ps.problems[k]);
		if (set->broken) {
			ys_warn("%s: set %zu: %s; its requests are not decided", path, i + 1, set->broken);
			s->undecided += set->nreq ? set->nreq : 1;
			rc = -1;
			continue;
		}
		for (j = 0; j < set->nreq; j++) {
			const struct ys_simreq *r = &set->req[j];
			struct ys_decision d;
			char wrong[600];

			s->total++;
			if (ys_eval(&set->ps, &r->req, 1, &d)) {
				ys_warn("%s: set %zu request %zu: '%s' is not a principal yourside reads (an "
					"IAM or STS ARN, an account id, a service, or \"*\"); not decided",
					path, i + 1, j + 1, r->req.principal);
				s->undecided++;
				rc = -1;
				continue;
			}
			if (!ys_simreq_check(r, &d, wrong, sizeof(wrong)))
				s->wrong++;
			print_one(s, path, i, j, r, &d, wrong[0] ? wrong : NULL);
		}
	}
	ys_simfile_release(&f);
	return rc;
}

int iam_simulate(int argc, char **argv)
{
	struct iam_opts o;
	struct sim s;
	int rc, bad = 0, i;

	if ((rc = iam_parse(argc, argv, "text,jsonl", &o)))
		return rc < 0 ? YS_EXIT_CLEAN : rc;
	if (o.nctx) {
		iam_opts_release(&o);
		return ys_die_usage("iam simulate: --context belongs in the files' requests");
	}
	if (!o.nargs) {
		iam_opts_release(&o);
		return ys_die_usage("iam simulate: no policy test file given");
	}
	memset(&s, 0, sizeof(s));
	s.jsonl = o.jsonl;
	s.quiet = o.quiet;
	s.color = o.color;
	strbuf_init(&s.out);
	for (i = 0; i < o.nargs; i++)
		bad |= simulate_file(&s, o.args[i]) != 0;
	strbuf_release(&s.out);
	iam_opts_release(&o);
	if (!s.jsonl && (s.quiet || s.wrong))
		printf("%zu requests, %zu not as expected%s\n", s.total, s.wrong,
		       s.undecided ? ", some not decided" : "");
	if (bad)
		return YS_EXIT_USAGE;
	return s.wrong ? YS_EXIT_FINDINGS : YS_EXIT_CLEAN;
}
