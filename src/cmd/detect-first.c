/* detect-first.c: after a detect run, the first thing to do in words: whose calls raised the
 * high and critical alerts, from where, and what to do about them now */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "detect-first.h"
#include "base/grow.h"
#include "json/jread.h"
#include "banned.h"

struct who {
	char *principal, *ip; /* principal: NULL when the records name none; ip: the first address
			       * its urgent alerts came from */
	size_t n;	      /* its high and critical alerts */
};

struct first {
	struct ys_sink s;
	struct who *v;
	size_t n, cap;
	size_t urgent, all;
};

static int add(struct ys_sink *s, const char *id, const char *json, size_t len, int rank, int64_t now,
	       struct ys_error *err)
{
	struct first *f = (struct first *)s;
	struct ys_jdoc *doc;
	struct ys_error e = {0};
	const char *p, *ip;
	size_t i;

	(void)id, (void)now, (void)err;
	f->all++;
	if (rank < 3 || ys_json_parse(json, len, &doc, &e))
		return 0;
	f->urgent++;
	p = ys_json_str(ys_json_get(ys_jdoc_root(doc), "principal"));
	ip = ys_json_str(ys_json_get(ys_jdoc_root(doc), "source_ip"));
	p = p && *p ? p : NULL; /* NULL: the records name no principal */
	for (i = 0; i < f->n && (p && f->v[i].principal ? strcmp(f->v[i].principal, p) : !!p != !!f->v[i].principal); i++)
		;
	if (i == f->n) {
		if (ys_grow(&f->v, &f->cap, f->n, sizeof(*f->v), 4) ||
		    (!(f->v[i].principal = p ? strdup(p) : NULL) && p)) {
			ys_jdoc_free(doc);
			return 0; /* the words after the run are a help, never a reason to stop it */
		}
		f->v[i].ip = ip && *ip ? strdup(ip) : NULL;
		f->v[i].n = 0;
		f->n++;
	}
	f->v[i].n++;
	ys_jdoc_free(doc);
	return 0;
}

static void flush(struct ys_sink *s, int64_t now, int all)
{
	(void)s, (void)now, (void)all;
}

static void release(struct ys_sink *s)
{
	struct first *f = (struct first *)s;
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].principal);
		free(f->v[i].ip);
	}
	free(f->v);
	free(f);
}

static const struct ys_sink_ops ops = {"first", add, flush, release};

struct ys_sink *detect_first_new(void)
{
	struct first *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->s.ops = &ops;
	return &f->s;
}

void detect_first_words(const struct ys_sink *s, struct strbuf *out)
{
	const struct first *f = (const struct first *)s;
	const struct who *top = NULL;
	size_t i;

	if (!f->all)
		return;
	if (!f->urgent) {
		strbuf_addf(out, "first: no alert is high or critical; read the %zu above when you can, and ask "
				 "whoever made each call whether they meant it",
			    f->all);
		return;
	}
	for (i = 0; i < f->n; i++)
		if (!top || f->v[i].n > top->n)
			top = &f->v[i];
	if (f->urgent == 1)
		strbuf_addstr(out, "first: the one high or critical alert is a call of ");
	else if (top->n == f->urgent)
		strbuf_addf(out, "first: all %zu high or critical alerts are calls of ", f->urgent);
	else
		strbuf_addf(out, "first: %zu of the %zu high or critical alerts are calls of ", top->n, f->urgent);
	strbuf_addstr(out, top->principal ? top->principal : "a principal the records do not name");
	if (top->ip)
		strbuf_addf(out, " (from %s)", top->ip);
	if (f->n > 1)
		strbuf_addf(out, ", the rest of %zu other%s", f->n - 1, f->n == 2 ? "" : "s");
	if (!top->principal)
		strbuf_addstr(out, ": find who made them in the events' userIdentity, and if nobody on your "
				   "team did, deactivate their access keys and revoke their sessions now");
	else
		strbuf_addstr(out, ": if nobody on your team made them, deactivate its access keys and "
				   "revoke its sessions now, then read its alerts above, worst first");
}
