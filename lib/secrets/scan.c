/* scan.c: the secret scanner: triggers from the multi-pattern matcher, exact regexes only on the
 * window around each trigger, validators, decoding of base64 and percent-encoded values */
#define _GNU_SOURCE
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../base/codec.h"
#include "../base/strbuf.h"
#include "scan.h"
#include "../banned.h"

#define LINE_BACK 8192	     /* how far back a window looks for its line start */
#define LINE_FWD 8192	     /* how far forward for its line end */
#define BLOCK_MAX 16384	     /* a private key block at the most */
#define PAIR_SPAN 1024	     /* an unnamed AWS secret this close to a key id is paired with it */
#define CHUNK (4u << 20)     /* bytes read per chunk when streaming */
#define OVERLAP (64u << 10)  /* carried between chunks of one giant line */
#define BINARY_PROBE 8000    /* as git: a NUL in the first 8000 bytes means binary */
#define MAX_DEPTH 2	     /* the input, and text decoded from it */

struct ys_secret_ruleset {
	const struct ys_mpm_ops *mpm;
	void *db;
	pcre2_code *re[YS_RULE_COUNT];
	pcre2_code *pair_re;
	enum ys_rule_tag canon[YS_RULE_COUNT]; /* first tag with the same rule id */
	unsigned *trig_tag;		       /* matcher pattern id -> rule tag */
	char **generated;		       /* generated trigger expressions, to free */
	size_t ntrig, ngenerated;
};

#define TAG_BITS 12 /* a rule's number in a seen key, beside the offset */
_Static_assert(YS_RULE_COUNT <= (1 << TAG_BITS), "a rule tag must fit in a seen key");

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
	size_t win_end[YS_RULE_COUNT];
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
};

void ys_secret_ruleset_free(struct ys_secret_ruleset *rs)
{
	size_t i;

	if (!rs)
		return;
	if (rs->db)
		rs->mpm->db_free(rs->db);
	for (i = 0; i < YS_RULE_COUNT; i++)
		pcre2_code_free(rs->re[i]);
	pcre2_code_free(rs->pair_re);
	for (i = 0; i < rs->ngenerated; i++)
		free(rs->generated[i]);
	free(rs->generated);
	free(rs->trig_tag);
	free(rs);
}

static pcre2_code *compile_re(const char *expr, struct ys_error *err, const char *id)
{
	PCRE2_SIZE off;
	int ec;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)expr, PCRE2_ZERO_TERMINATED, 0, &ec, &off, NULL);

	if (!re) {
		PCRE2_UCHAR msg[128];

		pcre2_get_error_message(ec, msg, sizeof(msg));
		ys_error_set(err, YS_EPARSE, "rule '%s': cannot compile regex at %zu: %s", id,
			     (size_t)off, (char *)msg);
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* The triggers: each rule's own, and the base64 forms of ys_secret_b64_words. */
static int build_triggers(struct ys_secret_ruleset *rs, struct ys_mpm_pattern **out, size_t *n)
{
	size_t words = 0, cap, i, k = 0;
	struct ys_mpm_pattern *pats;

	while (ys_secret_b64_words[words])
		words++;
	cap = YS_RULE_COUNT + 3 * words;
	pats = calloc(cap, sizeof(*pats));
	rs->trig_tag = calloc(cap, sizeof(*rs->trig_tag));
	rs->generated = calloc(3 * words, sizeof(*rs->generated));
	if (!pats || !rs->trig_tag || !rs->generated) {
		free(pats);
		return YS_ENOMEM;
	}
	for (i = 0; i < YS_RULE_COUNT; i++) {
		if (!ys_secret_rules[i].trigger)
			continue;
		pats[k].expr = ys_secret_rules[i].trigger;
		pats[k].flags = ys_secret_rules[i].trigger_flags;
		rs->trig_tag[k++] = (unsigned)i;
	}
	for (i = 0; i < 3 * words; i++) {
		const char *w = ys_secret_b64_words[i / 3];
		char frag[64], *expr, *e;
		size_t j, len;

		if (strlen(w) > 28 || (len = ys_b64_fragment(w, (int)(i % 3), frag)) < 4)
			continue;
		if (!(expr = malloc(2 * len + 1)))
			return YS_ENOMEM;
		for (e = expr, j = 0; j < len; j++) {
			if (frag[j] == '+')
				*e++ = '\\';
			*e++ = frag[j];
		}
		*e = '\0';
		rs->generated[rs->ngenerated++] = expr;
		pats[k].expr = expr;
		pats[k].flags = 0;
		rs->trig_tag[k++] = YS_RULE_DECODE_B64_WORDS;
	}
	*out = pats;
	*n = k;
	rs->ntrig = k;
	return 0;
}

int ys_secret_ruleset_new(struct ys_secret_ruleset **out, const struct ys_mpm_ops *mpm,
			  struct ys_error *err)
{
	struct ys_mpm_pattern *pats = NULL;
	struct ys_secret_ruleset *rs = calloc(1, sizeof(*rs));
	size_t i, j, npats = 0;
	int rc;

	if (!rs)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	rs->mpm = mpm;
	for (i = 0; i < YS_RULE_COUNT; i++) {
		const struct ys_secret_rule *r = &ys_secret_rules[i];

		rs->re[i] = compile_re(r->regex, err, r->id);
		if (!rs->re[i]) {
			ys_secret_ruleset_free(rs);
			return YS_EPARSE;
		}
		rs->canon[i] = (enum ys_rule_tag)i;
		for (j = 0; j < i; j++) {
			if (!strcmp(ys_secret_rules[j].id, r->id)) {
				rs->canon[i] = (enum ys_rule_tag)j;
				break;
			}
		}
	}
	rs->pair_re = compile_re("(?<![A-Za-z0-9/+=])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", err,
				 "aws-secret-access-key");
	if (!rs->pair_re) {
		ys_secret_ruleset_free(rs);
		return YS_EPARSE;
	}
	if (build_triggers(rs, &pats, &npats)) {
		free(pats);
		ys_secret_ruleset_free(rs);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	rc = mpm->compile(pats, npats, &rs->db, err);
	free(pats);
	if (rc) {
		ys_secret_ruleset_free(rs);
		return rc;
	}
	*out = rs;
	return 0;
}

int ys_secret_scanner_new(const struct ys_secret_ruleset *rs, struct ys_secret_scanner **out)
{
	struct ys_secret_scanner *sc = calloc(1, sizeof(*sc));

	if (!sc)
		return YS_ENOMEM;
	sc->rs = rs;
	strbuf_init(&sc->dec);
	if (rs->mpm->scratch_new(rs->db, &sc->scratch) ||
	    !(sc->md = pcre2_match_data_create(8, NULL))) {
		ys_secret_scanner_free(sc);
		return YS_ENOMEM;
	}
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
	for (i = 0; i < MAX_DEPTH; i++) {
		free(sc->fr[i].c);
		free(sc->fr[i].hits);
	}
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

static int on_trigger(unsigned id, size_t end, void *ctx)
{
	struct ys_secret_scanner *sc = ctx;
	struct frame *f = &sc->fr[sc->depth];
	unsigned tag;

	if (id >= sc->rs->ntrig)
		return 0;
	tag = sc->rs->trig_tag[id];
	if (end <= f->win_end[tag])
		return 0;
	/* later triggers of this rule on the same line are covered by this window */
	f->win_end[tag] = line_end(f->buf, f->len, end);
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

static int is_generic(enum ys_rule_tag tag)
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

static void emit(struct ys_secret_scanner *sc, enum ys_rule_tag tag, size_t s, size_t e)
{
	const struct frame *f = &sc->fr[sc->depth];
	const struct ys_secret_rule *r = &ys_secret_rules[tag];
	struct ys_secret_hit h;
	enum ys_rule_tag canon = sc->rs->canon[tag];

	if (sc->stopped || e <= s)
		return;
	if (r->check && !r->check(f->buf + s, e - s))
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

static void run_block(struct ys_secret_scanner *sc, size_t s, size_t e)
{
	const struct frame *f = &sc->fr[sc->depth];
	size_t hi = f->len - e > BLOCK_MAX ? e + BLOCK_MAX : f->len;
	const char *end = memmem(f->buf + e, hi - e, "-----END", 8);
	size_t stop = hi;

	if (end) {
		const char *dash = memmem(end + 8, (size_t)(f->buf + hi - (end + 8)), "-----", 5);

		stop = dash ? (size_t)(dash - f->buf) + 5 : line_end(f->buf, f->len, (size_t)(end - f->buf));
	}
	emit(sc, YS_RULE_PRIVATE_KEY, s, stop);
}

static void run_candidate(struct ys_secret_scanner *sc, const struct cand *c)
{
	const struct frame *f = &sc->fr[sc->depth];
	const struct ys_secret_rule *r = &ys_secret_rules[c->tag];
	size_t end = c->end < f->len ? c->end : f->len;
	size_t ls = line_start(f->buf, end ? end - 1 : 0);
	size_t le = line_end(f->buf, f->len, end);
	size_t start = ls;

	while (start <= le && !sc->stopped) {
		PCRE2_SIZE *ov;
		int rc = pcre2_match(sc->rs->re[c->tag], (PCRE2_SPTR)f->buf + ls, le - ls, start - ls,
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
			emit(sc, (enum ys_rule_tag)c->tag, s, e);
			if (c->tag == YS_RULE_AWS_KEY_ID && !sc->stopped)
				pair_search(sc, s, e);
			break;
		case YS_KIND_BLOCK:
			run_block(sc, s, e);
			break;
		case YS_KIND_B64:
		case YS_KIND_PCT:
			scan_decoded(sc, r->kind, ls, s, e);
			f = &sc->fr[sc->depth];
			break;
		}
		start = next;
	}
}

static void scan_frame(struct ys_secret_scanner *sc, const char *buf, size_t len)
{
	struct frame *f = &sc->fr[sc->depth];
	size_t i;

	f->buf = buf;
	f->len = len;
	f->n = 0;
	memset(f->win_end, 0, sizeof(f->win_end));
	if (sc->rs->mpm->scan(sc->rs->db, sc->scratch, buf, len, on_trigger, sc) == YS_ESTOP)
		return;
	f->nhits = 0;
	for (i = 0; i < f->n && !sc->stopped; i++)
		run_candidate(sc, &f->c[i]);
	flush_hits(sc, f);
}

/* ---- inputs ---- */

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
}

static void scan_chunk(struct ys_secret_scanner *sc, const char *buf, size_t len)
{
	sc->cur_pos = 0;
	sc->cur_line = sc->first_line;
	sc->cur_ls = sc->first_col == 1 ? 0 : NO_LINE_START;
	sc->fr[0].buf = buf;
	sc->fr[0].len = len;
	scan_frame(sc, buf, len);
}

int ys_secret_scan_mem(struct ys_secret_scanner *sc, const char *buf, size_t len,
		       ys_secret_hit_fn fn, void *ctx)
{
	if (ys_looks_binary(buf, len))
		return YS_EUNSUP;
	begin_input(sc, fn, ctx);
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
