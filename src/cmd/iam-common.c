/* iam-common.c: what the snapshot questions of `yourside iam` share: reading the options and
 * the snapshot's IAM, and writing decisions' reasons as text and JSON */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/color.h"
#include "cmd.h"
#include "iam.h"
#include "progress.h"
#include "iam/explain.h"
#include "banned.h"

/* reads a question's options (nargs operands, the first a snapshot; need says what to give)
 * and the snapshot's IAM, its problems on stderr; -1 to go on, else the exit status */
int iam_begin(int argc, char **argv, const char *formats, int nargs, const char *need,
		 struct iam_opts *o, struct ys_snapshot **snap, struct ys_iam_model **m)
{
	struct ys_error err = {0};
	struct ys_progress *pr;
	size_t i;
	int rc;

	if ((rc = iam_parse(argc, argv, formats, o)))
		return rc < 0 ? YS_EXIT_CLEAN : rc;
	if (o->nargs != nargs) {
		iam_opts_release(o);
		return ys_die_usage("%s", need);
	}
	pr = ys_progress_start(); /* reading a large account's IAM is the long part */
	ys_meter_phase(ys_progress_meter(pr), "reading the account's IAM policies", NULL, 0, NULL);
	rc = ys_snapshot_open(o->args[0], snap, &err) ? 1 : ys_iam_model_load(*snap, m, &err) ? 2 : 0;
	ys_progress_stop(pr);
	if (rc == 1) {
		ys_warn("%s", err.msg);
		iam_opts_release(o);
		return YS_EXIT_USAGE;
	}
	if (rc == 2) {
		ys_warn("%s", err.msg);
		ys_snapshot_free(*snap);
		iam_opts_release(o);
		return YS_EXIT_USAGE;
	}
	for (i = 0; i < (*m)->lib.nproblems; i++)
		ys_warn("%s: %s", o->args[0], (*m)->lib.problems[i]);
	return -1;
}

int iam_end(int rc, struct strbuf *sb, struct iam_opts *o, struct ys_snapshot *snap,
	       struct ys_iam_model *m)
{
	strbuf_release(sb);
	ys_iam_model_free(m);
	ys_snapshot_free(snap);
	iam_opts_release(o);
	return rc;
}

const char *iam_tint_verdict(enum ys_verdict v, int on)
{
	return v == YS_ALLOW ? ys_tint_good(on) : ys_tint_bad(on);
}

void iam_because_text(const struct ys_decision *d, const char *indent, struct strbuf *sb)
{
	char label[512];
	size_t i;

	if (d->verdict == YS_IMPLICIT_DENY) {
		strbuf_addf(sb, "%s", indent);
		ys_explain_gap(d, sb);
		strbuf_addch(sb, '\n');
		return;
	}
	for (i = 0; i < d->nby; i++) {
		ys_because_label(&d->by[i], label, sizeof(label));
		strbuf_addf(sb, "%s%s: ", indent, label);
		ys_explain_stmt(&d->by[i].pol->st[d->by[i].stmt], sb);
		strbuf_addch(sb, '\n');
	}
	if (d->note)
		strbuf_addf(sb, "%s(%s)\n", indent, d->note);
}

void iam_because_json(struct jw *w, const struct ys_decision *d)
{
	char label[512];
	size_t i;

	jw_key(w, "by");
	jw_arr_begin(w);
	for (i = 0; i < d->nby; i++) {
		struct strbuf sb = STRBUF_INIT;

		ys_because_label(&d->by[i], label, sizeof(label));
		ys_explain_stmt(&d->by[i].pol->st[d->by[i].stmt], &sb);
		jw_obj_begin(w);
		jw_key(w, "statement");
		jw_str(w, label);
		jw_key(w, "says");
		jw_str(w, sb.buf ? sb.buf : "");
		jw_obj_end(w);
		strbuf_release(&sb);
	}
	jw_arr_end(w);
	if (d->verdict == YS_IMPLICIT_DENY) {
		struct strbuf sb = STRBUF_INIT;

		ys_explain_gap(d, &sb);
		jw_key(w, "gap");
		jw_str(w, ys_layer_name(d->gap));
		jw_key(w, "why");
		jw_str(w, sb.buf);
		strbuf_release(&sb);
	}
	if (d->note) {
		jw_key(w, "note");
		jw_str(w, d->note);
	}
}


/* a DOT string: the name in quotes, '"' and '\\' escaped */
void iam_dot_str(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addch(sb, '\\');
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}

