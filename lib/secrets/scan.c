/* scan.c: the secret scanner: triggers from the multi-pattern matcher, exact regexes only on the
 * window around each trigger, validators, decoding of base64 and percent-encoded values */
#define _GNU_SOURCE
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "../base/codec.h"
#include "../base/strbuf.h"
#include "scan-int.h"
#include "../banned.h"

#define LINE_BACK 8192	     /* how far back a window looks for its line start */
#define LINE_FWD 8192	     /* how far forward for its line end */
#define BLOCK_MAX 16384	     /* a private key block at the most */
#define PAIR_SPAN 1024	     /* an unnamed AWS secret this close to a key id is paired with it */
#define CHUNK (4u << 20)     /* bytes read per chunk when streaming */
#define OVERLAP (64u << 10)  /* carried between chunks of one giant line */
#define BINARY_PROBE 8000    /* as git: a NUL in the first 8000 bytes means binary */
#define MAX_DEPTH 2	     /* the input, and text decoded from it */
#define MATCH_LIMIT 1000000  /* a configuration's regex gives up after this many steps */

struct cand {
	unsigned tag;
	size_t end;
};

/* One level of scanning: the input (0) or a value decoded from it (1). */
struct frame {
	const char *buf;
	size_t len;
	struct cand *c;
	size_t n, cap;
	size_t *win_end; /* per rule: triggers before this are covered by a window already */
	size_t skip_before; /* decoded frames: positions before this are the original key text */
	struct ys_secret_hit *hits; /* held until the frame ends, so generic rules can yield */
	size_t nhits, hcap;
};

struct outer {
	uint64_t offset;
	size_t line, column;
	const char *kind;
	const char *raw;
	size_t rawlen;
	int allowed;
};

/* A set of reported (offset, rule) keys: chunks of a giant line overlap, and pairing can reach
 * a secret its own trigger also finds. */
struct seen {
	uint64_t *k;
	size_t n, cap;
};

static void seen_reset(struct seen *s)
{
	if (s->cap > 4096) {
		free(s->k);
		s->k = NULL;
		s->cap = 0;
	} else if (s->k) {
		memset(s->k, 0, s->cap * sizeof(*s->k));
	}
	s->n = 0;
}

/* Returns 1 when key is new (and adds it), 0 when seen before. */
static int seen_add(struct seen *s, uint64_t key)
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64, j;
		uint64_t *k = calloc(cap, sizeof(*k));

		if (!k)
			return 1;
		for (j = 0; j < s->cap; j++) {
			if (!s->k[j])
				continue;
			for (i = (size_t)(s->k[j] * 0x9e3779b97f4a7c15ULL) & (cap - 1); k[i];
			     i = (i + 1) & (cap - 1))
				;
			k[i] = s->k[j];
		}
		free(s->k);
		s->k = k;
		s->cap = cap;
	}
	for (i = (size_t)(key * 0x9e3779b97f4a7c15ULL) & (s->cap - 1); s->k[i];
	     i = (i + 1) & (s->cap - 1))
		if (s->k[i] == key)
			return 0;
	s->k[i] = key;
	s->n++;
	return 1;
}

struct ys_secret_scanner {
	const struct ys_secret_ruleset *rs;
	void *scratch;
	pcre2_match_data *md;
	struct frame fr[MAX_DEPTH];
	int depth;
	struct strbuf dec;
	char *io;
	/* the input being scanned */
	ys_secret_hit_fn fn;
	void *ctx;
	int stopped;
	uint64_t base;	   /* input offset of buf[0] */
	size_t first_line; /* line number of buf[0] */
	size_t first_col;  /* column of buf[0] */
	size_t cur_pos, cur_line;
	size_t cur_ls; /* start of cur_pos's line; NO_LINE_START when before this chunk */
	struct seen seen; /* (offset, rule) pairs reported from this input */
	struct outer out;
	/* where the input comes from (a configuration's paths and allowlists) */
	const char *path, *commit;
	unsigned char *al_hits;	 /* per allowlist: 1 its commit is listed, 2 its path matches */
	unsigned char *rule_off; /* per rule: 1 when its path does not match */
	int skip_input;		 /* a global allowlist lets the whole input go */
	pcre2_match_context *mctx;
};

int ys_secret_scanner_new(const struct ys_secret_ruleset *rs, struct ys_secret_scanner **out)
{
	struct ys_secret_scanner *sc = calloc(1, sizeof(*sc));
	int i, ok;

	if (!sc)
		return YS_ENOMEM;
	sc->rs = rs;
	strbuf_init(&sc->dec);
	ok = !rs->mpm->scratch_new(rs->db, &sc->scratch) &&
	     (sc->md = pcre2_match_data_create(32, NULL)) &&
	     (sc->mctx = pcre2_match_context_create(NULL));
	for (i = 0; ok && i < MAX_DEPTH; i++)
		ok = (sc->fr[i].win_end = calloc(rs->nrules, sizeof(size_t))) != NULL;
	if (ok && rs->cfg)
		ok = (sc->al_hits = calloc(rs->cfg->nallowlists + 1, 1)) &&
		     (sc->rule_off = calloc(rs->nrules, 1));
	if (!ok) {
		ys_secret_scanner_free(sc);
		return YS_ENOMEM;
	}
	pcre2_set_match_limit(sc->mctx, MATCH_LIMIT);
	*out = sc;
	return 0;
}

void ys_secret_scanner_free(struct ys_secret_scanner *sc)
{
	int i;

	if (!sc)
		return;
	if (sc->scratch)
		sc->rs->mpm->scratch_free(sc->scratch);
	pcre2_match_data_free(sc->md);
	pcre2_match_context_free(sc->mctx);
	for (i = 0; i < MAX_DEPTH; i++) {
		free(sc->fr[i].c);
		free(sc->fr[i].hits);
		free(sc->fr[i].win_end);
	}
	free(sc->al_hits);
	free(sc->rule_off);
	strbuf_release(&sc->dec);
	free(sc->seen.k);
	free(sc->io);
	free(sc);
}

int ys_looks_binary(const char *buf, size_t len)
{
	return memchr(buf, '\0', len < BINARY_PROBE ? len : BINARY_PROBE) != NULL;
}

/* ---- locations ---- */

#define NO_LINE_START ((size_t)-1)

/* Counts newlines in [p, p+n); *last is set past the last one found. */
static size_t count_nl(const char *p, size_t n, const char **last)
{
	const char *end = p + n;
	size_t c = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		c++;
		p++;
		if (last)
			*last = p;
	}
	return c;
}

/* Line numbers move forward with the findings, so counting is done once per chunk. */
static size_t line_of(struct ys_secret_scanner *sc, size_t pos)
{
	const char *b = sc->fr[0].buf, *last = NULL;

	if (pos >= sc->cur_pos) {
		sc->cur_line += count_nl(b + sc->cur_pos, pos - sc->cur_pos, &last);
		if (last)
			sc->cur_ls = (size_t)(last - b);
		sc->cur_pos = pos;
		return sc->cur_line;
	}
	return sc->cur_line - count_nl(b + pos, sc->cur_pos - pos, NULL);
}

/* Call after line_of(pos). */
static size_t column_of(struct ys_secret_scanner *sc, size_t pos)
{
	const char *nl;

	if (pos == sc->cur_pos)
		return sc->cur_ls == NO_LINE_START ? sc->first_col + pos : pos - sc->cur_ls + 1;
	nl = memrchr(sc->fr[0].buf, '\n', pos);
	if (nl)
		return pos - (size_t)(nl - sc->fr[0].buf);
	return sc->first_col + pos;
}

static size_t line_start(const char *b, size_t pos)
{
	size_t lo = pos > LINE_BACK ? pos - LINE_BACK : 0;
	const char *nl = memrchr(b + lo, '\n', pos - lo);

	return nl ? (size_t)(nl - b) + 1 : lo;
}

static size_t line_end(const char *b, size_t len, size_t pos)
{
	size_t hi = len - pos > LINE_FWD ? pos + LINE_FWD : len;
	const char *nl = memchr(b + pos, '\n', hi - pos);

	return nl ? (size_t)(nl - b) : hi;
}

static int line_allows(const char *b, size_t len, size_t pos)
{
	size_t ls = line_start(b, pos), le = line_end(b, len, pos);

	return memmem(b + ls, le - ls, "yourside:allow", 14) ||
	       memmem(b + ls, le - ls, "gitleaks:allow", 14);
}

/* ---- triggers ---- */

static int add_candidate(struct ys_secret_scanner *sc, unsigned tag, size_t end)
{
	struct frame *f = &sc->fr[sc->depth];

	if (end <= f->win_end[tag])
		return 0;
	/* later triggers of this rule on the same line are covered by this window; a
	 * configuration's rule runs once over the whole text */
	f->win_end[tag] = sc->rs->rules[tag].r.kind == YS_KIND_FRAG ? f->len
								     : line_end(f->buf, f->len, end);
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		struct cand *c = realloc(f->c, cap * sizeof(*c));

		if (!c)
			return 1;
		f->c = c;
		f->cap = cap;
	}
	f->c[f->n].tag = tag;
	f->c[f->n].end = end;
	f->n++;
	return 0;
}

static int on_trigger(unsigned id, size_t end, void *ctx)
{
	struct ys_secret_scanner *sc = ctx;

	return id < sc->rs->ntrig ? add_candidate(sc, sc->rs->trig_tag[id], end) : 0;
}

/* ---- findings ---- */

static void hold(struct ys_secret_scanner *sc, const struct ys_secret_hit *h)
{
	struct frame *f = &sc->fr[sc->depth];

	if (f->nhits == f->hcap) {
		size_t cap = f->hcap ? f->hcap * 2 : 16;
		struct ys_secret_hit *n = realloc(f->hits, cap * sizeof(*n));

		if (!n) {
			sc->stopped = 1;
			return;
		}
		f->hits = n;
		f->hcap = cap;
	}
	f->hits[f->nhits++] = *h;
}

static int is_generic(unsigned tag)
{
	return tag == YS_RULE_GENERIC_QUOTED || tag == YS_RULE_GENERIC_ENV;
}

/* A generic finding yields to a specific rule's finding of the same text. */
static int shadowed(const struct frame *f, size_t k)
{
	const struct ys_secret_hit *h = &f->hits[k];
	size_t i, lo = k > 64 ? k - 64 : 0, hi = f->nhits - k > 64 ? k + 64 : f->nhits;

	if (!is_generic(h->tag))
		return 0;
	/* the specific finding of the same text comes from a trigger nearby */
	for (i = lo; i < hi; i++) {
		const struct ys_secret_hit *o = &f->hits[i];

		if (!is_generic(o->tag) && o->secret < h->secret + h->secret_len &&
		    h->secret < o->secret + o->secret_len)
			return 1;
	}
	return 0;
}

static void flush_hits(struct ys_secret_scanner *sc, struct frame *f)
{
	size_t i;

	for (i = 0; i < f->nhits && !sc->stopped; i++) {
		if (shadowed(f, i))
			continue;
		if (sc->fn(sc->ctx, &f->hits[i]))
			sc->stopped = 1;
	}
	f->nhits = 0;
}

/* A global allowlist applies to every rule, or to those it names. */
static int applies(const struct ys_secret_allowlist *a, const char *id)
{
	size_t i;

	if (!a->ntarget_rules)
		return 1;
	for (i = 0; i < a->ntarget_rules; i++)
		if (!strcmp(a->target_rules[i], id))
			return 1;
	return 0;
}

/* What a configuration says of a finding: its rule's path, its entropy, the allowlists. The
 * match is [ms, me); its line(s) are the allowlists' "line". */
static int config_drops(struct ys_secret_scanner *sc, unsigned tag, size_t s, size_t e,
			size_t ms, size_t me)
{
	const struct ys_secret_config *cfg = sc->rs->cfg;
	const struct ys_secret_rule *r = &sc->rs->rules[tag].r;
	const struct ys_secret_rule_ext *x = r->ext;
	const struct frame *f = &sc->fr[sc->depth];
	const char *b = f->buf;
	size_t ls = line_start(b, ms), le = line_end(b, f->len, me > ms ? me - 1 : me), i;

	if (sc->rule_off[tag])
		return 1;
	if (x && x->entropy > 0 && ys_entropy(b + s, e - s) <= x->entropy)
		return 1;
	for (i = 0; i < cfg->nallow; i++)
		if (applies(cfg->allow[i], r->id) &&
		    ys_secret_allowlisted(cfg->allow[i], sc->al_hits, b + s, e - s, b + ms, me - ms,
					  b + ls, le - ls, sc->md))
			return 1;
	for (i = 0; x && i < x->nallow; i++)
		if (ys_secret_allowlisted(x->allow[i], sc->al_hits, b + s, e - s, b + ms, me - ms,
					  b + ls, le - ls, sc->md))
			return 1;
	return 0;
}

/* The secret [s, e) of a match [ms, me) of rule tag. */
static void emit_span(struct ys_secret_scanner *sc, unsigned tag, size_t s, size_t e, size_t ms,
		      size_t me)
{
	const struct frame *f = &sc->fr[sc->depth];
	const struct ys_secret_rule *r = &sc->rs->rules[tag].r;
	struct ys_secret_hit h;
	unsigned canon = sc->rs->rules[tag].canon;

	if (sc->stopped || e <= s)
		return;
	if (r->check && !r->check(f->buf + s, e - s))
		return;
	if (sc->rs->cfg && config_drops(sc, tag, s, e, ms, me))
		return;
	memset(&h, 0, sizeof(h));
	h.rule = r;
	h.tag = tag;
	h.secret = f->buf + s;
	h.secret_len = e - s;
	if (sc->depth == 0) {
		uint64_t abs = sc->base + s;

		if (line_allows(f->buf, f->len, s) || !seen_add(&sc->seen, ((abs << TAG_BITS) | canon) + 1))
			return;
		h.offset = abs;
		h.line = line_of(sc, s);
		h.column = column_of(sc, s);
	} else {
		if (s < f->skip_before || sc->out.allowed)
			return;
		/* already found in clear in the encoded text */
		if (memmem(sc->out.raw, sc->out.rawlen, h.secret, h.secret_len))
			return;
		h.offset = sc->out.offset;
		h.line = sc->out.line;
		h.column = sc->out.column;
		h.decoded = sc->out.kind;
	}
	if (tag == YS_RULE_AWS_KEY_ID)
		ys_aws_account_from_key_id(h.secret, h.secret_len, h.account_id);
	hold(sc, &h);
}

static void emit(struct ys_secret_scanner *sc, unsigned tag, size_t s, size_t e)
{
	emit_span(sc, tag, s, e, s, e);
}

/* A 40-character random token near a key id is its secret, named or not. */
static void pair_search(struct ys_secret_scanner *sc, size_t ks, size_t ke)
{
	const struct frame *f = &sc->fr[sc->depth];
	size_t lo = ks > PAIR_SPAN ? ks - PAIR_SPAN : 0;
	size_t hi = f->len - ke > PAIR_SPAN ? ke + PAIR_SPAN : f->len;
	size_t start = lo;

	while (start < hi && !sc->stopped) {
		PCRE2_SIZE *ov;

		if (pcre2_match(sc->rs->pair_re, (PCRE2_SPTR)f->buf, hi, start, 0, sc->md, NULL) < 2)
			break;
		ov = pcre2_get_ovector_pointer(sc->md);
		if (ov[3] <= ks || ov[2] >= ke)
			emit(sc, YS_RULE_AWS_SECRET_NAMED, ov[2], ov[3]);
		start = ov[1] > start ? ov[1] : start + 1;
	}
}

static void scan_frame(struct ys_secret_scanner *sc, const char *buf, size_t len);

static int printable_text(const uint8_t *p, size_t n)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++)
		if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\r' && p[i] != '\t') || p[i] >= 0x7f)
			bad++;
	return n > 0 && bad * 20 <= n;
}

/* Decodes the value at [s,e) and scans "<text before it on its line><decoded>". */
static void scan_decoded(struct ys_secret_scanner *sc, enum ys_rule_kind kind, size_t ls, size_t s,
			 size_t e)
{
	const char *b = sc->fr[0].buf;
	size_t prefix = s - ls, n;

	if (sc->depth != 0)
		return;
	/* a provider's token that is base64 of text (JSON, "tok:...") is its rule's finding */
	for (n = 0; n < sc->fr[0].nhits; n++) {
		const struct ys_secret_hit *h = &sc->fr[0].hits[n];

		if (!is_generic(h->tag) && h->secret < b + e && b + s < h->secret + h->secret_len)
			return;
	}
	strbuf_reset(&sc->dec);
	if (strbuf_grow(&sc->dec, prefix + (e - s) + 4))
		return;
	memcpy(sc->dec.buf, b + ls, prefix);
	if (kind == YS_KIND_B64) {
		long d = ys_base64_decode(b + s, e - s, (uint8_t *)sc->dec.buf + prefix);

		if (d < 16 || !printable_text((uint8_t *)sc->dec.buf + prefix, (size_t)d))
			return;
		n = (size_t)d;
	} else {
		n = ys_percent_decode(b + s, e - s, sc->dec.buf + prefix, 0);
		if (n == e - s)
			return;
	}
	sc->dec.len = prefix + n;
	sc->out.offset = sc->base + s;
	sc->out.line = line_of(sc, s);
	sc->out.column = column_of(sc, s);
	sc->out.kind = kind == YS_KIND_B64 ? "base64" : "percent";
	sc->out.raw = b + s;
	sc->out.rawlen = e - s;
	sc->out.allowed = line_allows(b, sc->fr[0].len, s);
	sc->depth = 1;
	sc->fr[1].skip_before = prefix;
	scan_frame(sc, sc->dec.buf, sc->dec.len);
	sc->depth = 0;
}

static void run_block(struct ys_secret_scanner *sc, unsigned tag, size_t s, size_t e)
{
	const struct frame *f = &sc->fr[sc->depth];
	size_t hi = f->len - e > BLOCK_MAX ? e + BLOCK_MAX : f->len;
	const char *end = memmem(f->buf + e, hi - e, "-----END", 8);
	size_t stop = hi;

	/* a PuTTY key ends with its Private-MAC line */
	if (e - s >= 5 && !memcmp(f->buf + s, "PuTTY", 5) &&
	    (end = memmem(f->buf + e, hi - e, "Private-MAC: ", 13))) {
		stop = line_end(f->buf, f->len, (size_t)(end - f->buf));
	} else if (end) {
		const char *dash = memmem(end + 8, (size_t)(f->buf + hi - (end + 8)), "-----", 5);

		stop = dash ? (size_t)(dash - f->buf) + 5 : line_end(f->buf, f->len, (size_t)(end - f->buf));
	}
	emit(sc, tag, s, stop);
}

/* The group that is the secret: the rule's secretGroup, else the first that matched something,
 * else (no groups) the whole match; -1 when the chosen group did not take part. */
static int secret_group(const PCRE2_SIZE *ov, int rc, int want)
{
	int k;

	if (want > 0)
		return want < rc && ov[2 * want] != PCRE2_UNSET ? want : -1;
	for (k = 1; k < rc; k++)
		if (ov[2 * k] != PCRE2_UNSET && ov[2 * k + 1] > ov[2 * k])
			return k;
	return rc > 1 ? -1 : 0;
}

/* A configuration's rule over the whole text, as gitleaks runs it over a file. */
static void run_frag(struct ys_secret_scanner *sc, unsigned tag)
{
	const struct frame *f = &sc->fr[sc->depth];
	const struct rs_rule *x = &sc->rs->rules[tag];
	int want = x->r.ext ? x->r.ext->group : 0;
	size_t start = 0;

	while (start <= f->len && !sc->stopped) {
		int rc = pcre2_match(x->re, (PCRE2_SPTR)f->buf, f->len, start, 0, sc->md, sc->mctx);
		PCRE2_SIZE *ov;
		size_t ms, me, next;
		int g;

		if (rc < 0) /* no match, or the match limit: both end the search */
			break;
		ov = pcre2_get_ovector_pointer(sc->md);
		if (rc == 0)
			rc = (int)pcre2_get_ovector_count(sc->md);
		ms = ov[0];
		me = ov[1];
		next = me > ms ? me : ms + 1;
		g = secret_group(ov, rc, want);
		/* gitleaks trims newlines off a match */
		while (ms < me && (f->buf[ms] == '\n' || f->buf[ms] == '\r'))
			ms++;
		while (me > ms && (f->buf[me - 1] == '\n' || f->buf[me - 1] == '\r'))
			me--;
		if (g > 0)
			emit_span(sc, tag, ov[2 * g], ov[2 * g + 1], ms, me);
		else if (g == 0)
			emit_span(sc, tag, ms, me, ms, me);
		start = next;
	}
}

static void run_candidate(struct ys_secret_scanner *sc, const struct cand *c)
{
	const struct frame *f = &sc->fr[sc->depth];
	const struct ys_secret_rule *r = &sc->rs->rules[c->tag].r;
	size_t end = c->end < f->len ? c->end : f->len;
	size_t ls = line_start(f->buf, end ? end - 1 : 0);
	size_t le = line_end(f->buf, f->len, end);
	size_t start = ls;

	if (r->kind == YS_KIND_FRAG) {
		run_frag(sc, c->tag);
		return;
	}
	while (start <= le && !sc->stopped) {
		PCRE2_SIZE *ov;
		int rc = pcre2_match(sc->rs->rules[c->tag].re, (PCRE2_SPTR)f->buf + ls, le - ls, start - ls,
				     0, sc->md, NULL);
		size_t s, e, next;

		if (rc < 2)
			break;
		ov = pcre2_get_ovector_pointer(sc->md);
		s = ls + ov[2];
		e = ls + ov[3];
		/* the next search starts after this match; read it now, as pairing and decoding
		 * below reuse the match data */
		next = ls + (ov[1] > ov[0] ? ov[1] : ov[0] + 1);
		switch (r->kind) {
		case YS_KIND_LINE:
			emit_span(sc, c->tag, s, e, ls + ov[0], ls + ov[1]);
			if (c->tag == YS_RULE_AWS_KEY_ID && !sc->stopped)
				pair_search(sc, s, e);
			break;
		case YS_KIND_BLOCK:
			run_block(sc, c->tag, s, e);
			break;
		case YS_KIND_B64:
		case YS_KIND_PCT:
			scan_decoded(sc, r->kind, ls, s, e);
			f = &sc->fr[sc->depth];
			break;
		case YS_KIND_FRAG:
			break;
		}
		start = next;
	}
}

static void scan_frame(struct ys_secret_scanner *sc, const char *buf, size_t len)
{
	struct frame *f = &sc->fr[sc->depth];
	size_t i;
	int pass;

	f->buf = buf;
	f->len = len;
	f->n = 0;
	memset(f->win_end, 0, sc->rs->nrules * sizeof(*f->win_end));
	for (i = 0; i < sc->rs->nalways; i++)
		add_candidate(sc, sc->rs->always[i], len);
	if (sc->rs->mpm->scan(sc->rs->db, sc->scratch, buf, len, on_trigger, sc) == YS_ESTOP)
		return;
	f->nhits = 0;
	/* decoders last, so they know what the detectors found in clear */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < f->n && !sc->stopped; i++) {
			enum ys_rule_kind k = sc->rs->rules[f->c[i].tag].r.kind;

			if ((k == YS_KIND_B64 || k == YS_KIND_PCT) == pass)
				run_candidate(sc, &f->c[i]);
		}
	}
	flush_hits(sc, f);
}

/* ---- inputs ---- */

static int path_matches(struct ys_secret_scanner *sc, const pcre2_code *re)
{
	return sc->path &&
	       pcre2_match(re, (PCRE2_SPTR)sc->path, strlen(sc->path), 0, 0, sc->md, NULL) >= 0;
}

/* Which of an allowlist's commit and path checks hit this input. */
static void mark(struct ys_secret_scanner *sc, const struct ys_secret_allowlist *a)
{
	unsigned char h = 0;
	size_t i;

	for (i = 0; sc->commit && i < a->ncommits && !(h & 1); i++)
		if (!strcasecmp(a->commits[i], sc->commit))
			h |= 1;
	for (i = 0; i < a->npaths && !(h & 2); i++)
		if (path_matches(sc, a->paths[i]))
			h |= 2;
	sc->al_hits[a->index] = h;
}

/* A global allowlist that lets every finding of this input go, whatever it holds. */
static int skips_input(const struct ys_secret_allowlist *a, unsigned char h)
{
	if (a->ntarget_rules)
		return 0;
	if (!a->all)
		return h != 0;
	return !a->nregexes && !a->nstopwords && (!a->ncommits || (h & 1)) &&
	       (!a->npaths || (h & 2));
}

void ys_secret_scanner_context(struct ys_secret_scanner *sc, const char *path, const char *commit)
{
	const struct ys_secret_ruleset *rs = sc->rs;
	const struct ys_secret_config *cfg = rs->cfg;
	size_t i, k;

	sc->path = path;
	sc->commit = commit;
	sc->skip_input = 0;
	if (!cfg || !rs->has_paths)
		return;
	for (i = 0; i < cfg->nallow; i++) {
		mark(sc, cfg->allow[i]);
		sc->skip_input |= skips_input(cfg->allow[i], sc->al_hits[cfg->allow[i]->index]);
	}
	for (i = 0; i < rs->nrules; i++) {
		const struct ys_secret_rule_ext *x = rs->rules[i].r.ext;

		if (!x || rs->rules[i].off)
			continue;
		sc->rule_off[i] = x->path && !path_matches(sc, x->path);
		for (k = 0; k < x->nallow; k++)
			mark(sc, x->allow[k]);
	}
}

/* A configuration's rules of paths alone: the path is the finding. */
static void path_findings(struct ys_secret_scanner *sc)
{
	const struct ys_secret_ruleset *rs = sc->rs;
	size_t i;

	for (i = YS_RULE_COUNT; i < rs->nrules && sc->path && !sc->skip_input && !sc->stopped; i++) {
		struct ys_secret_hit h;

		if (rs->rules[i].off || !rs->rules[i].r.ext->path_only || sc->rule_off[i])
			continue;
		memset(&h, 0, sizeof(h));
		h.rule = &rs->rules[i].r;
		h.tag = (unsigned)i;
		h.secret = sc->path;
		h.secret_len = strlen(sc->path);
		h.line = h.column = 1;
		if (sc->fn(sc->ctx, &h))
			sc->stopped = 1;
	}
}

static void begin_input(struct ys_secret_scanner *sc, ys_secret_hit_fn fn, void *ctx)
{
	sc->fn = fn;
	sc->ctx = ctx;
	sc->stopped = 0;
	sc->base = 0;
	sc->first_line = 1;
	sc->first_col = 1;
	sc->depth = 0;
	seen_reset(&sc->seen);
	if (sc->rs->cfg)
		path_findings(sc);
}

static void scan_chunk(struct ys_secret_scanner *sc, const char *buf, size_t len)
{
	sc->cur_pos = 0;
	sc->cur_line = sc->first_line;
	sc->cur_ls = sc->first_col == 1 ? 0 : NO_LINE_START;
	sc->fr[0].buf = buf;
	sc->fr[0].len = len;
	if (!sc->skip_input && !sc->stopped)
		scan_frame(sc, buf, len);
}

int ys_secret_scan_mem(struct ys_secret_scanner *sc, const char *buf, size_t len,
		       ys_secret_hit_fn fn, void *ctx)
{
	begin_input(sc, fn, ctx);
	if (ys_looks_binary(buf, len))
		return YS_EUNSUP;
	scan_chunk(sc, buf, len);
	return sc->stopped ? YS_ESTOP : 0;
}

/* Where to cut a full buffer: after its last newline, but before an unfinished private key. */
static size_t cut_point(const char *b, size_t len)
{
	const char *nl = memrchr(b, '\n', len);
	size_t cut, lo;
	const char *begin;

	if (!nl)
		return 0;
	cut = (size_t)(nl - b) + 1;
	lo = cut > BLOCK_MAX ? cut - BLOCK_MAX : 0;
	begin = memmem(b + lo, cut - lo, "-----BEGIN", 10);
	if (begin && !memmem(begin, (size_t)(b + cut - begin), "-----END", 8)) {
		size_t ls = line_start(b, (size_t)(begin - b));

		if (ls > 0)
			cut = ls;
	}
	return cut;
}

/* Reads up to want bytes; sets *eof when the input ended (a short read of a regular file
 * ends it without asking again). */
static ssize_t read_full(int fd, char *buf, size_t want, int regular, int *eof)
{
	size_t got = 0;

	*eof = 0;
	while (got < want) {
		ssize_t n = read(fd, buf + got, want - got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			*eof = 1;
			break;
		}
		got += (size_t)n;
		if (regular && got < want) {
			*eof = 1;
			break;
		}
	}
	return (ssize_t)got;
}

static int scan_stream(struct ys_secret_scanner *sc, int fd, int regular, ys_secret_hit_fn fn,
		       void *ctx, uint64_t *bytes, struct ys_error *err)
{
	size_t have = 0;
	int first = 1;

	if (!sc->io && !(sc->io = malloc(CHUNK)))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	begin_input(sc, fn, ctx);
	if (bytes)
		*bytes = 0;
	for (;;) {
		int eof;
		ssize_t n = read_full(fd, sc->io + have, CHUNK - have, regular, &eof);
		size_t total, cut, next_line;

		if (n < 0)
			return ys_error_set(err, YS_EIO, "%s", strerror(errno));
		if (bytes)
			*bytes += (uint64_t)n;
		total = have + (size_t)n;
		eof |= total < CHUNK;
		if (first && ys_looks_binary(sc->io, total))
			return YS_EUNSUP;
		first = 0;
		if (eof) {
			scan_chunk(sc, sc->io, total);
			break;
		}
		cut = cut_point(sc->io, total);
		if (cut == 0) {
			/* one line fills the buffer: scan it whole, carry an overlap */
			scan_chunk(sc, sc->io, total);
			cut = total - OVERLAP;
			next_line = line_of(sc, cut);
			sc->first_col = column_of(sc, cut);
			have = OVERLAP;
		} else {
			scan_chunk(sc, sc->io, cut);
			if (sc->stopped)
				break;
			next_line = line_of(sc, cut);
			sc->first_col = 1;
			have = total - cut;
		}
		if (sc->stopped)
			break;
		memmove(sc->io, sc->io + cut, have);
		sc->base += cut;
		sc->first_line = next_line;
	}
	return sc->stopped ? YS_ESTOP : 0;
}

int ys_secret_scan_fd(struct ys_secret_scanner *sc, int fd, ys_secret_hit_fn fn, void *ctx,
		      uint64_t *bytes, struct ys_error *err)
{
	return scan_stream(sc, fd, 0, fn, ctx, bytes, err);
}

int ys_secret_scan_file(struct ys_secret_scanner *sc, int fd, ys_secret_hit_fn fn, void *ctx,
			uint64_t *bytes, struct ys_error *err)
{
	return scan_stream(sc, fd, 1, fn, ctx, bytes, err);
}
