/* config-secrets.c: configuration's variables and scripts read by lib/secrets, each credential
 * told by kind and place, redacted, with the start of its SHA-256 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "config-secrets.h"
#include "../base/codec.h"
#include "../base/hash.h"
#include "../secrets/results.h"
#include "../banned.h"

/* More than any user data AWS accepts (16 KB before base64) could inflate to, within reason */
#define MAX_USER_DATA (4u << 20)

struct ys_cfg_scan {
	struct ys_secret_ruleset *rs;
	struct ys_secret_scanner *sc;
	int broken;
	ys_cfg_hit_fn fn;
	void *ctx;
	/* the scan at hand */
	const char *const *names; /* line i+1's variable name, or NULL: text */
	const size_t *nlen;
	size_t nnames;
	const char *where;
	struct strbuf *out;
	int hits;
};

struct ys_cfg_scan *ys_cfg_scan_new(ys_cfg_hit_fn fn, void *ctx)
{
	struct ys_cfg_scan *s = calloc(1, sizeof(*s));

	if (s) {
		s->fn = fn;
		s->ctx = ctx;
	}
	return s;
}

void ys_cfg_scan_free(struct ys_cfg_scan *s)
{
	if (!s)
		return;
	ys_secret_scanner_free(s->sc);
	ys_secret_ruleset_free(s->rs);
	free(s);
}

static int start(struct ys_cfg_scan *s)
{
	if (!s->rs && !s->broken &&
	    (ys_secret_ruleset_new(&s->rs, &ys_mpm_vectorscan, NULL) ||
	     ys_secret_scanner_new(s->rs, &s->sc)))
		s->broken = 1;
	return s->broken ? -1 : 0;
}

static int on_hit(void *ctx, const struct ys_secret_hit *h)
{
	struct ys_cfg_scan *s = ctx;
	uint8_t d[YS_SHA256_LEN];
	char shown[64], hex[17], where[160];

	if (!strcmp(h->rule->severity, "info") || !h->line)
		return 0;
	if (s->names) {
		if (h->line > s->nnames)
			return 0;
		snprintf(where, sizeof(where), "%.*s", (int)s->nlen[h->line - 1],
			 s->names[h->line - 1]);
	} else {
		snprintf(where, sizeof(where), "%s line %zu", s->where, h->line);
	}
	ys_secret_redact(h->secret, h->secret_len, shown, sizeof(shown));
	ys_sha256(h->secret, h->secret_len, d);
	ys_hex(d, 8, hex); /* its start: enough to match it against a secrets scan */
	strbuf_addf(s->out, "%s%s in %s (%s, sha256 %s…)", s->out->len ? "; " : "", h->rule->title,
		    where, shown, hex);
	s->hits++;
	if (s->fn)
		s->fn(s->ctx, where, h);
	return 0;
}

int ys_cfg_scan_vars(struct ys_cfg_scan *s, const struct ys_jval *vars, const char *namek,
		     const char *valuek, struct strbuf *out)
{
	struct strbuf text = STRBUF_INIT;
	const char **names;
	size_t *nlen, i, n = vars ? vars->len : 0;

	if (start(s))
		return -1;
	if (!vars || (vars->type != YS_J_OBJECT && vars->type != YS_J_ARRAY) || !n)
		return 0;
	names = calloc(n, sizeof(*names));
	nlen = calloc(n, sizeof(*nlen));
	if (!names || !nlen) {
		free(names);
		free(nlen);
		return -1;
	}
	/* one line a variable, as a .env file: NAME=VALUE, so that a name like DB_PASSWORD counts
	 * as it does in code; a line break inside a value would shift the lines */
	for (i = 0; i < n; i++) {
		const struct ys_jval *v;
		size_t k;

		if (vars->type == YS_J_OBJECT) {
			names[i] = vars->u.members[i].key;
			nlen[i] = vars->u.members[i].klen;
			v = &vars->u.members[i].val;
		} else {
			const struct ys_jval *it = &vars->u.items[i];
			const char *nm = ys_json_str(ys_json_get(it, namek));

			names[i] = nm ? nm : "";
			nlen[i] = strlen(names[i]);
			v = ys_json_get(it, valuek);
		}
		strbuf_addf(&text, "%.*s=", (int)nlen[i], names[i]);
		for (k = 0; v && v->type == YS_J_STRING && k < v->len; k++)
			strbuf_addch(&text, v->u.str[k] == '\n' || v->u.str[k] == '\r' ? ' ' : v->u.str[k]);
		strbuf_addch(&text, '\n');
	}
	s->names = names;
	s->nlen = nlen;
	s->nnames = n;
	s->out = out;
	s->hits = 0;
	ys_secret_scan_mem(s->sc, text.buf ? text.buf : "", text.len, on_hit, s);
	s->names = NULL;
	free(names);
	free(nlen);
	strbuf_release(&text);
	return s->hits;
}

int ys_cfg_scan_text(struct ys_cfg_scan *s, const char *text, size_t len, const char *where,
		     struct strbuf *out)
{
	if (start(s))
		return -1;
	s->names = NULL;
	s->where = where;
	s->out = out;
	s->hits = 0;
	ys_secret_scan_mem(s->sc, text, len, on_hit, s);
	return s->hits;
}

static int gunzip(const uint8_t *in, size_t len, struct strbuf *out)
{
	z_stream z;
	char buf[16384];
	int rc;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return -1;
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	do {
		z.next_out = (Bytef *)buf;
		z.avail_out = sizeof(buf);
		rc = inflate(&z, Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END)
			break;
		strbuf_add(out, buf, sizeof(buf) - z.avail_out);
	} while (rc != Z_STREAM_END && out->len < MAX_USER_DATA);
	inflateEnd(&z);
	return rc == Z_STREAM_END ? 0 : -1;
}

int ys_cfg_user_data(const char *b64, struct strbuf *out)
{
	size_t n = strlen(b64);
	uint8_t *raw = malloc(n + 4);
	long len;
	int rc = 0;

	if (!raw)
		return -1;
	len = ys_base64_decode(b64, n, raw);
	if (len < 0)
		rc = -1;
	else if (len >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)
		rc = gunzip(raw, (size_t)len, out);
	else
		strbuf_add(out, (const char *)raw, (size_t)len);
	if (rc)
		strbuf_reset(out);
	free(raw);
	return rc;
}
