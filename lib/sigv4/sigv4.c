/* sigv4.c: AWS Signature Version 4: canonical request, string to sign, signing key, signature */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../base/codec.h"
#include "../base/hash.h"
#include "sigv4.h"
#include "../banned.h"

void ys_sigv4_out_init(struct ys_sigv4_out *o)
{
	memset(o, 0, sizeof(*o));
	strbuf_init(&o->canonical);
	strbuf_init(&o->string_to_sign);
	strbuf_init(&o->authorization);
}

void ys_sigv4_out_release(struct ys_sigv4_out *o)
{
	strbuf_release(&o->canonical);
	strbuf_release(&o->string_to_sign);
	strbuf_release(&o->authorization);
}

static int unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

void ys_sigv4_uri_encode(struct strbuf *sb, const char *s, size_t len, int keep_slash)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (unreserved(c) || (keep_slash && c == '/'))
			strbuf_addch(sb, c);
		else
			strbuf_addf(sb, "%%%02X", c);
	}
}

/* Removes ".", ".." and empty segments. */
static void normalize_path(struct strbuf *out, const char *path)
{
	const char *p = path;
	size_t len = strlen(path);
	size_t *starts = calloc(len + 1, sizeof(*starts)), depth = 0;
	int trailing = len > 0 && path[len - 1] == '/';

	strbuf_reset(out);
	while (*p) {
		const char *e;
		size_t n;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		e = strchr(p, '/');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n == 1 && p[0] == '.') {
			/* nothing */
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (depth > 0)
				out->len = starts[--depth];
		} else if (starts) {
			starts[depth++] = out->len;
			strbuf_addch(out, '/');
			strbuf_add(out, p, n);
		}
		p += n;
	}
	/* as botocore: a trailing slash stays; an empty path is "/" */
	if (out->len == 0 || trailing)
		strbuf_addch(out, '/');
	if (out->buf)
		out->buf[out->len] = '\0';
	free(starts);
}

/* Decodes %XX, then encodes again: the canonical form whatever the sender chose. */
static void reencode(struct strbuf *sb, const char *s, size_t len)
{
	struct strbuf raw = STRBUF_INIT;
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && ys_hexval(s[i + 1]) >= 0 && ys_hexval(s[i + 2]) >= 0) {
			strbuf_addch(&raw, ys_hexval(s[i + 1]) * 16 + ys_hexval(s[i + 2]));
			i += 2;
		} else {
			strbuf_addch(&raw, s[i]);
		}
	}
	ys_sigv4_uri_encode(sb, strbuf_str(&raw), raw.len, 0);
	strbuf_release(&raw);
}

struct qpair {
	char *key, *value; /* canonically encoded */
};

static int cmp_qpair(const void *a, const void *b)
{
	const struct qpair *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->value, y->value);
}

/* Parameters sorted by encoded name, then by encoded value. */
static void canonical_query(struct strbuf *sb, const char *q)
{
	struct qpair *pairs = NULL;
	size_t n = 0, i;
	const char *p = q;

	while (p && *p) {
		const char *amp = strchr(p, '&');
		size_t len = amp ? (size_t)(amp - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		struct qpair *np;

		if (len > 0 && (np = realloc(pairs, (n + 1) * sizeof(*pairs)))) {
			struct strbuf k = STRBUF_INIT, v = STRBUF_INIT;

			pairs = np;
			reencode(&k, p, eq ? (size_t)(eq - p) : len);
			if (eq)
				reencode(&v, eq + 1, len - (size_t)(eq + 1 - p));
			pairs[n].key = strbuf_detach(&k, NULL);
			pairs[n].value = strbuf_detach(&v, NULL);
			n++;
		}
		p += len + (amp ? 1 : 0);
	}
	if (n)
		qsort(pairs, n, sizeof(*pairs), cmp_qpair);
	for (i = 0; i < n; i++) {
		strbuf_addf(sb, "%s%s=%s", i ? "&" : "", pairs[i].key, pairs[i].value);
		free(pairs[i].key);
		free(pairs[i].value);
	}
	free(pairs);
}

struct hdr {
	char *name; /* lower-case */
	struct strbuf value;
};

static int cmp_hdr(const void *a, const void *b)
{
	return strcmp(((const struct hdr *)a)->name, ((const struct hdr *)b)->name);
}

/* Trims, and folds runs of white space (and folded lines) into one space. */
static void add_trimmed(struct strbuf *sb, const char *v)
{
	int space = 0, any = 0;

	for (; *v; v++) {
		if (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r') {
			space = any;
			continue;
		}
		if (space)
			strbuf_addch(sb, ' ');
		space = 0;
		any = 1;
		strbuf_addch(sb, *v);
	}
}

static size_t collect_headers(struct hdr *h, size_t n, const char *name, const char *value)
{
	size_t i, k;
	char *lower = strdup(name);

	if (!lower)
		return n;
	for (k = 0; lower[k]; k++)
		if (lower[k] >= 'A' && lower[k] <= 'Z')
			lower[k] = (char)(lower[k] - 'A' + 'a');
	for (i = 0; i < n; i++) {
		if (!strcmp(h[i].name, lower)) {
			free(lower);
			strbuf_addch(&h[i].value, ',');
			add_trimmed(&h[i].value, value);
			return n;
		}
	}
	h[n].name = lower;
	strbuf_init(&h[n].value);
	add_trimmed(&h[n].value, value);
	return n + 1;
}

static void format_dates(int64_t when, char amz[17], char day[9])
{
	time_t t = (time_t)when;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(amz, 17, "%Y%m%dT%H%M%SZ", &tm);
	strftime(day, 9, "%Y%m%d", &tm);
}

static int has_header(const struct ys_sigv4_request *req, const char *name)
{
	size_t i;

	for (i = 0; i < req->nheaders; i++)
		if (!strcasecmp(req->headers[i].name, name))
			return 1;
	return 0;
}

int ys_sigv4_sign(const struct ys_sigv4_request *req, const struct ys_aws_creds *creds,
		  const struct ys_sigv4_params *p, struct ys_sigv4_out *out, struct ys_error *err)
{
	struct hdr *h = calloc(req->nheaders + 3, sizeof(*h));
	struct strbuf path = STRBUF_INIT, signed_headers = STRBUF_INIT;
	uint8_t key[YS_SHA256_LEN], sig[YS_SHA256_LEN];
	char day[9], hash[YS_SHA256_HEX], secret[140];
	size_t n = 0, i;

	if (!h)
		return ys_error_set(err, YS_ENOMEM, "out of memory signing a request");
	if (!has_header(req, "host")) {
		free(h);
		return ys_error_set(err, YS_EINVAL, "cannot sign a request without a host header");
	}
	format_dates(p->when, out->amz_date, day);
	ys_sha256_hex(req->body ? req->body : "", req->body ? req->body_len : 0, out->payload_hash);
	for (i = 0; i < req->nheaders; i++)
		n = collect_headers(h, n, req->headers[i].name, req->headers[i].value);
	if (!has_header(req, "x-amz-date"))
		n = collect_headers(h, n, "x-amz-date", out->amz_date);
	if (p->sign_body && !has_header(req, "x-amz-content-sha256"))
		n = collect_headers(h, n, "x-amz-content-sha256", out->payload_hash);
	if (creds->session_token[0] && !p->omit_session_token &&
	    !has_header(req, "x-amz-security-token"))
		n = collect_headers(h, n, "x-amz-security-token", creds->session_token);
	qsort(h, n, sizeof(*h), cmp_hdr);

	strbuf_reset(&out->canonical);
	strbuf_addf(&out->canonical, "%s\n", req->method);
	if (p->normalize_path) {
		normalize_path(&path, req->path);
		ys_sigv4_uri_encode(&out->canonical, strbuf_str(&path), path.len, 1);
	} else {
		ys_sigv4_uri_encode(&out->canonical, req->path, strlen(req->path), 1);
	}
	strbuf_addch(&out->canonical, '\n');
	canonical_query(&out->canonical, req->query);
	strbuf_addch(&out->canonical, '\n');
	for (i = 0; i < n; i++) {
		strbuf_addf(&out->canonical, "%s:%s\n", h[i].name, strbuf_str(&h[i].value));
		strbuf_addf(&signed_headers, "%s%s", i ? ";" : "", h[i].name);
	}
	strbuf_addf(&out->canonical, "\n%s\n%s", strbuf_str(&signed_headers), out->payload_hash);

	ys_sha256_hex(out->canonical.buf, out->canonical.len, hash);
	strbuf_reset(&out->string_to_sign);
	strbuf_addf(&out->string_to_sign, "AWS4-HMAC-SHA256\n%s\n%s/%s/%s/aws4_request\n%s",
		    out->amz_date, day, p->region, p->service, hash);

	snprintf(secret, sizeof(secret), "AWS4%s", creds->secret_access_key);
	ys_hmac_sha256(secret, strlen(secret), day, strlen(day), key);
	ys_hmac_sha256(key, sizeof(key), p->region, strlen(p->region), key);
	ys_hmac_sha256(key, sizeof(key), p->service, strlen(p->service), key);
	ys_hmac_sha256(key, sizeof(key), "aws4_request", 12, key);
	ys_hmac_sha256(key, sizeof(key), out->string_to_sign.buf, out->string_to_sign.len, sig);
	ys_hex(sig, sizeof(sig), out->signature);
	memset(secret, 0, sizeof(secret));
	memset(key, 0, sizeof(key));

	strbuf_reset(&out->authorization);
	strbuf_addf(&out->authorization,
		    "AWS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aws4_request, SignedHeaders=%s, "
		    "Signature=%s",
		    creds->access_key_id, day, p->region, p->service, strbuf_str(&signed_headers),
		    out->signature);
	for (i = 0; i < n; i++) {
		free(h[i].name);
		strbuf_release(&h[i].value);
	}
	free(h);
	strbuf_release(&path);
	strbuf_release(&signed_headers);
	return 0;
}
