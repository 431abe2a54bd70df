/* auditdiff.c: comparing two sides (snapshot folders or history runs): files by meaning,
 * failures by check, resource and region */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "auditdiff.h"
#include "../base/isotime.h"
#include "../base/dir.h"
#include "../base/file.h"
#include "../base/grow.h"
#include "../json/jwrite.h"
#include "../snapshot/files.h"
#include "../snapshot/jdiff.h"
#include "../banned.h"

/* Snapshot files are API answers: anything past this is not one. */
#define MAX_FILE (512u << 20)

int ys_aside_add_file(struct ys_aside *s, const char *rel, const char *text, size_t len)
{
	char *r = strdup(rel), *t = malloc(len + 1);

	if (!r || !t || ys_grow(&s->files, &s->cap_files, s->nfiles, sizeof(*s->files), 64)) {
		free(r);
		free(t);
		return -1;
	}
	memcpy(t, text, len);
	t[len] = '\0';
	s->files[s->nfiles].rel = r;
	s->files[s->nfiles].text = t;
	s->files[s->nfiles++].len = len;
	return 0;
}

int ys_aside_add_finding(struct ys_aside *s, const struct ys_dfinding *f)
{
	struct ys_dfinding *d;

	if (ys_grow(&s->f, &s->cap_f, s->nf, sizeof(*s->f), 64))
		return -1;
	d = &s->f[s->nf];
	d->check = strdup(f->check);
	d->status = strdup(f->status);
	d->severity = strdup(f->severity);
	d->resource = strdup(f->resource);
	d->region = strdup(f->region);
	d->message = strdup(f->message);
	s->nf++;
	if (!d->check || !d->status || !d->severity || !d->resource || !d->region || !d->message)
		return -1;
	return 0;
}

void ys_aside_release(struct ys_aside *s)
{
	size_t i;

	for (i = 0; i < s->nfiles; i++) {
		free(s->files[i].rel);
		free(s->files[i].text);
	}
	for (i = 0; i < s->nf; i++) {
		free((char *)s->f[i].check);
		free((char *)s->f[i].status);
		free((char *)s->f[i].severity);
		free((char *)s->f[i].resource);
		free((char *)s->f[i].region);
		free((char *)s->f[i].message);
	}
	free(s->files);
	free(s->f);
	free(s->label);
	memset(s, 0, sizeof(*s));
}

int ys_aside_from_snapshot(struct ys_aside *s, const char *dir, const struct ys_audit_result *r,
			   struct ys_error *err)
{
	char **rels, *text;
	size_t n, i, len;
	int rc;

	memset(s, 0, sizeof(*s));
	if (!(s->label = strdup(dir)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	s->taken = r->now;
	if ((rc = ys_snapshot_files(dir, &rels, &n, err)))
		return rc;
	for (i = 0; i < n && !rc; i++) {
		size_t plen = strlen(dir) + strlen(rels[i]) + 2;
		char *path = malloc(plen);

		if (!path) {
			rc = ys_error_set(err, YS_ENOMEM, "out of memory");
			break;
		}
		snprintf(path, plen, "%s/%s", dir, rels[i]);
		/* an unreadable file was named by the audit already; it counts as absent here */
		if (!ys_read_file(path, MAX_FILE, &text, &len, err)) {
			if (ys_aside_add_file(s, rels[i], text, len))
				rc = ys_error_set(err, YS_ENOMEM, "out of memory");
			free(text);
		}
		free(path);
	}
	ys_dir_names_free(rels, n);
	for (i = 0; i < r->n && !rc; i++) {
		const struct ys_finding *f = &r->f[i];
		struct ys_dfinding d = {f->check->id,	   ys_fstatus_name(f->status),
					f->check->severity, f->resource,
					f->region,	   f->message};

		if (ys_aside_add_finding(s, &d))
			rc = ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	return rc;
}

/* Changes of one file, gathered by the jdiff callback. */
struct gather {
	struct ys_fchange *fc;
	size_t cap;
	int nomem;
};

static void gather_one(void *ctx, const char *path, const char *old, const char *new_)
{
	struct gather *g = ctx;
	struct ys_vchange *c;

	if (g->nomem || ys_grow(&g->fc->c, &g->cap, g->fc->n, sizeof(*c), 4)) {
		g->nomem = 1;
		return;
	}
	c = &g->fc->c[g->fc->n++];
	c->path = strdup(path);
	c->old = old ? strdup(old) : NULL;
	c->new_ = new_ ? strdup(new_) : NULL;
}

static int ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), k = strlen(end);

	return n >= k && !strcmp(s + n - k, end);
}

/* Fills fc with what changed between two texts of the file rel. */
static int compare_file(const char *rel, const char *a, size_t alen, const char *b, size_t blen,
			struct ys_fchange *fc)
{
	struct gather g = {fc, 0, 0};
	struct ys_jdoc *da = NULL, *db = NULL;
	struct ys_error err = {0};

	if (alen == blen && !memcmp(a, b, alen))
		return 0;
	if (ends_with(rel, ".csv")) {
		ys_csvdiff(a, alen, b, blen, gather_one, &g);
	} else if (!ys_json_parse(a, alen, &da, &err) && !ys_json_parse(b, blen, &db, &err)) {
		ys_jdiff(ys_jdoc_root(da), ys_jdoc_root(db), gather_one, &g);
	} else {
		gather_one(&g, "", "\"(not JSON on one side)\"", "\"(the text changed)\"");
	}
	ys_jdoc_free(da);
	ys_jdoc_free(db);
	return g.nomem ? -1 : 0;
}

static int add_fchange(struct ys_adiff *d, size_t *cap, const char *file, enum ys_fchange_kind k,
		       struct ys_fchange **out)
{
	if (ys_grow(&d->files, cap, d->nfiles, sizeof(*d->files), 16))
		return -1;
	*out = memset(&d->files[d->nfiles++], 0, sizeof(**out));
	(*out)->file = file;
	(*out)->kind = k;
	return 0;
}

static int diff_files(const struct ys_aside *a, const struct ys_aside *b, struct ys_adiff *d)
{
	size_t i = 0, j = 0, cap = 0;
	struct ys_fchange *fc;

	while (i < a->nfiles || j < b->nfiles) {
		const struct ys_afile *fa = i < a->nfiles ? &a->files[i] : NULL;
		const struct ys_afile *fb = j < b->nfiles ? &b->files[j] : NULL;
		int c = !fa ? 1 : !fb ? -1 : strcmp(fa->rel, fb->rel);

		if (c < 0) {
			i++;
			if (add_fchange(d, &cap, fa->rel, YS_FILE_REMOVED, &fc))
				return -1;
		} else if (c > 0) {
			j++;
			if (add_fchange(d, &cap, fb->rel, YS_FILE_ADDED, &fc))
				return -1;
		} else {
			struct ys_fchange tmp = {fa->rel, YS_FILE_CHANGED, NULL, 0};

			if (compare_file(fa->rel, fa->text, fa->len, fb->text, fb->len, &tmp))
				return -1;
			if (tmp.n) {
				if (add_fchange(d, &cap, fa->rel, YS_FILE_CHANGED, &fc)) {
					free(tmp.c);
					return -1;
				}
				*fc = tmp;
			}
			i++;
			j++;
		}
	}
	return 0;
}

/* Findings are matched on check, resource and region. */
static int cmp_key(const struct ys_dfinding *a, const struct ys_dfinding *b)
{
	int c;

	if ((c = strcmp(a->check, b->check)))
		return c;
	if ((c = strcmp(a->resource, b->resource)))
		return c;
	return strcmp(a->region, b->region);
}

static int cmp_ptr(const void *a, const void *b)
{
	return cmp_key(*(const struct ys_dfinding *const *)a, *(const struct ys_dfinding *const *)b);
}

static const struct ys_dfinding **sorted(const struct ys_aside *s)
{
	const struct ys_dfinding **p = calloc(s->nf + 1, sizeof(*p));
	size_t i;

	if (!p)
		return NULL;
	for (i = 0; i < s->nf; i++)
		p[i] = &s->f[i];
	qsort(p, s->nf, sizeof(*p), cmp_ptr);
	return p;
}

static int failed(const struct ys_dfinding *f)
{
	return f && !strcmp(f->status, "fail");
}

static int diff_findings(const struct ys_aside *a, const struct ys_aside *b, struct ys_adiff *d)
{
	const struct ys_dfinding **pa = sorted(a), **pb = sorted(b);
	size_t i = 0, j = 0, capa = 0, capr = 0;
	int rc = -1;

	if (!pa || !pb)
		goto out;
	while (i < a->nf || j < b->nf) {
		int c = i == a->nf ? 1 : j == b->nf ? -1 : cmp_key(pa[i], pb[j]);
		const struct ys_dfinding *was = c <= 0 ? pa[i] : NULL, *now = c >= 0 ? pb[j] : NULL;

		if (failed(now) && !failed(was)) {
			if (ys_grow(&d->appeared, &capa, d->nappeared, sizeof(*d->appeared), 16))
				goto out;
			d->appeared[d->nappeared++] = now;
		} else if (failed(was) && !failed(now)) {
			if (ys_grow(&d->resolved, &capr, d->nresolved, sizeof(*d->resolved), 16))
				goto out;
			d->resolved[d->nresolved].was = was;
			d->resolved[d->nresolved++].now = now;
		}
		i += c <= 0;
		j += c >= 0;
	}
	rc = 0;
out:
	free(pa);
	free(pb);
	return rc;
}

int ys_adiff_compute(const struct ys_aside *old, const struct ys_aside *new_, struct ys_adiff *d,
		     struct ys_error *err)
{
	memset(d, 0, sizeof(*d));
	if (diff_files(old, new_, d) || diff_findings(old, new_, d)) {
		ys_adiff_release(d);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	return 0;
}

void ys_adiff_release(struct ys_adiff *d)
{
	size_t i, j;

	for (i = 0; i < d->nfiles; i++) {
		for (j = 0; j < d->files[i].n; j++) {
			free(d->files[i].c[j].path);
			free(d->files[i].c[j].old);
			free(d->files[i].c[j].new_);
		}
		free(d->files[i].c);
	}
	free(d->files);
	free(d->appeared);
	free(d->resolved);
	memset(d, 0, sizeof(*d));
}

static const char *const kind_names[] = {"added", "removed", "changed"};

static void when(int64_t t, char out[32])
{
	if (t >= 0)
		ys_format_time(t, out);
	if (t < 0 || !out[0])
		snprintf(out, 32, "unknown");
}

/* A value for text: at most 160 bytes of it. */
static void value_text(struct strbuf *out, const char *v)
{
	size_t n;

	if (!v) {
		strbuf_addstr(out, "(none)");
		return;
	}
	n = strlen(v);
	if (n <= 160)
		strbuf_addstr(out, v);
	else
		strbuf_addf(out, "%.150s... (%zu bytes)", v, n);
}

static void finding_line(struct strbuf *out, const char *tag, const struct ys_dfinding *f)
{
	strbuf_addf(out, "%-9s %-8s %s\n          %s  %s\n          %s\n", tag, f->severity,
		    f->check, f->region, f->resource, f->message);
}

static void report_text(struct strbuf *out, const struct ys_adiff *d, const struct ys_aside *old,
			const struct ys_aside *new_)
{
	size_t i, j, count[3] = {0};
	char t1[32], t2[32];

	when(old->taken, t1);
	when(new_->taken, t2);
	strbuf_addf(out, "comparing %s (%s) with %s (%s)\n\n", old->label, t1, new_->label, t2);
	for (i = 0; i < d->nfiles; i++)
		count[d->files[i].kind]++;
	strbuf_addf(out, "configuration: %zu file%s changed, %zu added, %zu removed\n",
		    count[YS_FILE_CHANGED], count[YS_FILE_CHANGED] == 1 ? "" : "s",
		    count[YS_FILE_ADDED], count[YS_FILE_REMOVED]);
	for (i = 0; i < d->nfiles; i++) {
		const struct ys_fchange *fc = &d->files[i];

		strbuf_addf(out, "%-8s %s\n", kind_names[fc->kind], fc->file);
		for (j = 0; j < fc->n; j++) {
			strbuf_addf(out, "    %s: ", *fc->c[j].path ? fc->c[j].path : "(whole file)");
			if (!fc->c[j].old) {
				strbuf_addstr(out, "added ");
				value_text(out, fc->c[j].new_);
			} else if (!fc->c[j].new_) {
				strbuf_addstr(out, "removed ");
				value_text(out, fc->c[j].old);
			} else {
				value_text(out, fc->c[j].old);
				strbuf_addstr(out, " -> ");
				value_text(out, fc->c[j].new_);
			}
			strbuf_addch(out, '\n');
		}
	}
	strbuf_addf(out, "\nfindings: %zu new failure%s, %zu resolved\n", d->nappeared,
		    d->nappeared == 1 ? "" : "s", d->nresolved);
	for (i = 0; i < d->nappeared; i++)
		finding_line(out, "new", d->appeared[i]);
	for (i = 0; i < d->nresolved; i++) {
		const struct ys_resolved *r = &d->resolved[i];

		finding_line(out, "resolved", r->was);
		if (r->now)
			strbuf_addf(out, "          now %s: %s\n", r->now->status, r->now->message);
		else
			strbuf_addstr(out, "          now gone: the new side has no such finding\n");
	}
}

static void finding_json(struct jw *w, const struct ys_dfinding *f)
{
	jw_obj_begin(w);
	jw_key(w, "check");
	jw_str(w, f->check);
	jw_key(w, "status");
	jw_str(w, f->status);
	jw_key(w, "severity");
	jw_str(w, f->severity);
	jw_key(w, "resource");
	jw_str(w, f->resource);
	jw_key(w, "region");
	jw_str(w, f->region);
	jw_key(w, "message");
	jw_str(w, f->message);
	jw_obj_end(w);
}

static void side_json(struct jw *w, const char *key, const struct ys_aside *s)
{
	char t[32];

	when(s->taken, t);
	jw_key(w, key);
	jw_obj_begin(w);
	jw_key(w, "label");
	jw_str(w, s->label);
	jw_key(w, "taken");
	jw_str(w, t);
	jw_obj_end(w);
}

static void report_json(struct strbuf *out, const struct ys_adiff *d, const struct ys_aside *old,
			const struct ys_aside *new_)
{
	struct jw w;
	size_t i, j;

	jw_init(&w, out, 1);
	jw_obj_begin(&w);
	side_json(&w, "old", old);
	side_json(&w, "new", new_);
	jw_key(&w, "files");
	jw_arr_begin(&w);
	for (i = 0; i < d->nfiles; i++) {
		jw_obj_begin(&w);
		jw_key(&w, "file");
		jw_str(&w, d->files[i].file);
		jw_key(&w, "change");
		jw_str(&w, kind_names[d->files[i].kind]);
		jw_key(&w, "changes");
		jw_arr_begin(&w);
		for (j = 0; j < d->files[i].n; j++) {
			const struct ys_vchange *c = &d->files[i].c[j];

			jw_obj_begin(&w);
			jw_key(&w, "path");
			jw_str(&w, c->path);
			jw_key(&w, "old");
			jw_raw(&w, c->old ? c->old : "null");
			jw_key(&w, "new");
			jw_raw(&w, c->new_ ? c->new_ : "null");
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_key(&w, "appeared");
	jw_arr_begin(&w);
	for (i = 0; i < d->nappeared; i++)
		finding_json(&w, d->appeared[i]);
	jw_arr_end(&w);
	jw_key(&w, "resolved");
	jw_arr_begin(&w);
	for (i = 0; i < d->nresolved; i++) {
		jw_obj_begin(&w);
		jw_key(&w, "was");
		finding_json(&w, d->resolved[i].was);
		jw_key(&w, "now");
		if (d->resolved[i].now)
			finding_json(&w, d->resolved[i].now);
		else
			jw_null(&w);
		jw_obj_end(&w);
	}
	jw_arr_end(&w);
	jw_obj_end(&w);
	strbuf_addch(out, '\n');
}

void ys_adiff_report(struct strbuf *out, const struct ys_adiff *d, const struct ys_aside *old,
		     const struct ys_aside *new_, int json)
{
	if (json)
		report_json(out, d, old, new_);
	else
		report_text(out, d, old, new_);
}
