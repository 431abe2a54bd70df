/* verify-providers.c: --verify's calls (rows in verify-providers.def): building one request and
 * reading its answer as live, revoked or unknown, and who the credential belongs to */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "../aws/http.h"
#include "../base/strbuf.h"
#include "verify-call.h"
#include "../banned.h"

static void read_github(const struct ys_verify_call *, const struct ys_verify_answer *,
			struct ys_verify_result *);
static void read_gitlab(const struct ys_verify_call *, const struct ys_verify_answer *,
			struct ys_verify_result *);
static void read_slack(const struct ys_verify_call *, const struct ys_verify_answer *,
		       struct ys_verify_result *);
static void read_forbidden_is_live(const struct ys_verify_call *, const struct ys_verify_answer *,
				   struct ys_verify_result *);
static void read_openai(const struct ys_verify_call *, const struct ys_verify_answer *,
			struct ys_verify_result *);
static void read_mailgun(const struct ys_verify_call *, const struct ys_verify_answer *,
			 struct ys_verify_result *);
static void read_sentry(const struct ys_verify_call *, const struct ys_verify_answer *,
			struct ys_verify_result *);
static void read_cloudflare(const struct ys_verify_call *, const struct ys_verify_answer *,
			    struct ys_verify_result *);
static void read_twilio(const struct ys_verify_call *, const struct ys_verify_answer *,
			struct ys_verify_result *);

/* clang-format off */
const struct ys_verify_call ys_verify_calls[] = {
#define YS_VERIFY_PROVIDER(tag, name, rate)
#define YS_VERIFY_CALL(tag, rules, prefix, method, base, path, auth, headers, revoked, identity, \
		       detail, pair, read) \
	{YS_VERIFY_##tag, rules, prefix, method, base, path, auth, headers, revoked, identity, \
	 detail, pair, read},
#include "verify-providers.def"
#undef YS_VERIFY_PROVIDER
#undef YS_VERIFY_CALL
};
/* clang-format on */
const size_t ys_verify_ncalls = sizeof(ys_verify_calls) / sizeof(ys_verify_calls[0]);

/* Response headers worth keeping from any provider. */
static const char *const kept_headers[] = {"Retry-After", "X-OAuth-Scopes",
					   "GitHub-Authentication-Token-Expiration",
					   "openai-organization", "openai-project"};
#define NKEPT (sizeof(kept_headers) / sizeof(kept_headers[0]))

/* Whether word is one of the space-separated words of list. */
static int has_word(const char *list, const char *word, size_t wlen)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, " ");

		if (n == wlen && !memcmp(p, word, n))
			return 1;
		p += n;
		p += strspn(p, " ");
	}
	return 0;
}

const struct ys_verify_call *ys_verify_call_for(const char *rule_id, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < ys_verify_ncalls; i++) {
		const struct ys_verify_call *c = &ys_verify_calls[i];
		size_t pl = strlen(c->prefix);

		if (has_word(c->rules, rule_id, strlen(rule_id)) && len >= pl &&
		    !memcmp(s, c->prefix, pl))
			return c;
	}
	return NULL;
}

void ys_verify_clean(const char *s, size_t len, char *out, size_t n)
{
	size_t i, o = 0;

	if (n == 0)
		return;
	for (i = 0; i < len && o + 1 < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		/* C0 controls, DEL, and C1 controls as UTF-8 (C2 80..9F) would steer a terminal */
		if (ch == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			out[o++] = '?';
			i++;
		} else {
			out[o++] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
		}
	}
	out[o] = '\0';
}

/* The value at a dotted path; a component of digits indexes an array. */
static const struct ys_jval *jpath(const struct ys_jval *v, const char *path, size_t len)
{
	const char *p = path, *end = path + len;

	while (v && p < end) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		size_t n = dot ? (size_t)(dot - p) : (size_t)(end - p);
		char key[64];

		if (n == 0 || n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		if (v->type == YS_J_ARRAY && strspn(key, "0123456789") == n) {
			size_t idx = (size_t)strtoul(key, NULL, 10);

			v = idx < v->len ? &v->u.items[idx] : NULL;
		} else {
			v = v->type == YS_J_OBJECT ? ys_json_get(v, key) : NULL;
		}
		p += n + (dot ? 1 : 0);
	}
	return v;
}

/* A scalar as text; 0 when there is none to show. */
static int scalar(const struct ys_jval *v, struct strbuf *sb)
{
	char num[32];

	if (!v)
		return 0;
	switch (v->type) {
	case YS_J_STRING:
		if (v->len == 0)
			return 0;
		strbuf_add(sb, v->u.str, v->len);
		return 1;
	case YS_J_NUMBER:
		snprintf(num, sizeof(num), "%.15g", v->u.num);
		strbuf_addstr(sb, num);
		return 1;
	case YS_J_TRUE:
	case YS_J_FALSE:
		strbuf_addstr(sb, v->type == YS_J_TRUE ? "true" : "false");
		return 1;
	default:
		return 0;
	}
}

/* Fills out from the first '|'-separated template whose every {path} has a value. */
static void expand(const char *templates, const struct ys_jval *json, char *out, size_t n)
{
	const char *t = templates;
	struct strbuf sb = STRBUF_INIT;

	out[0] = '\0';
	while (*t && json) {
		size_t tlen = strcspn(t, "|");
		const char *p = t, *end = t + tlen;
		int ok = 1;

		strbuf_reset(&sb);
		while (ok && p < end) {
			const char *open = memchr(p, '{', (size_t)(end - p)), *close;

			if (!open) {
				strbuf_add(&sb, p, (size_t)(end - p));
				break;
			}
			strbuf_add(&sb, p, (size_t)(open - p));
			close = memchr(open, '}', (size_t)(end - open));
			if (!close)
				break;
			ok = scalar(jpath(json, open + 1, (size_t)(close - open - 1)), &sb);
			p = close + 1;
		}
		if (ok && sb.len) {
			ys_verify_clean(sb.buf, sb.len, out, n);
			break;
		}
		t = *end ? end + 1 : end;
	}
	strbuf_release(&sb);
}

static int status_in(const char *list, long status)
{
	char word[16];
	int n = snprintf(word, sizeof(word), "%ld", status);

	return n > 0 && has_word(list, word, (size_t)n);
}

static void set_detail(struct ys_verify_result *out, const char *fmt, const char *s)
{
	char clean[200];

	ys_verify_clean(s, strlen(s), clean, sizeof(clean));
	snprintf(out->detail, sizeof(out->detail), fmt, clean);
}

/* What the status says, with the row's templates; the row's reader may correct it. */
static void read_answer(const struct ys_verify_call *c, const struct ys_verify_answer *a,
			struct ys_verify_result *out)
{
	const char *ra = a->header(a, "Retry-After");

	out->as[0] = out->detail[0] = '\0';
	out->retry_after = -1;
	if (a->status == 429) {
		out->verdict = YS_VERIFY_RATE_LIMITED;
		if (*ra)
			out->retry_after =
			    strspn(ra, "0123456789") == strlen(ra) ? strtol(ra, NULL, 10) : 3600;
		snprintf(out->detail, sizeof(out->detail), "HTTP 429");
	} else if (a->status == 200) {
		out->verdict = YS_VERIFY_LIVE;
		expand(c->identity, a->json, out->as, sizeof(out->as));
		expand(c->detail, a->json, out->detail, sizeof(out->detail));
	} else if (status_in(c->revoked, a->status)) {
		out->verdict = YS_VERIFY_REVOKED;
		snprintf(out->detail, sizeof(out->detail), "HTTP %ld", a->status);
	} else {
		out->verdict = YS_VERIFY_UNKNOWN;
		snprintf(out->detail, sizeof(out->detail), "HTTP %ld", a->status);
	}
	if (c->read)
		c->read(c, a, out);
}

static const char *json_str(const struct ys_jval *root, const char *path)
{
	const struct ys_jval *v = root ? jpath(root, path, strlen(path)) : NULL;

	return v && v->type == YS_J_STRING ? v->u.str : NULL;
}

/* Classic tokens name their scopes in a header; fine-grained ones may say when they expire. */
static void read_github(const struct ys_verify_call *c, const struct ys_verify_answer *a,
			struct ys_verify_result *out)
{
	const char *scopes = a->header(a, "X-OAuth-Scopes");
	const char *expires = a->header(a, "GitHub-Authentication-Token-Expiration");

	if (out->verdict != YS_VERIFY_LIVE)
		return;
	if (*scopes)
		set_detail(out, "scopes: %s", scopes);
	else if (*expires)
		set_detail(out, "expires %s", expires);
}

static void join_strings(const struct ys_jval *arr, struct strbuf *sb)
{
	size_t i;

	for (i = 0; arr && arr->type == YS_J_ARRAY && i < arr->len; i++) {
		if (arr->u.items[i].type != YS_J_STRING)
			continue;
		if (sb->len)
			strbuf_addstr(sb, ", ");
		strbuf_add(sb, arr->u.items[i].u.str, arr->u.items[i].len);
	}
}

/* The token describes itself: its scopes, and whether GitLab still takes it. */
static void read_gitlab(const struct ys_verify_call *c, const struct ys_verify_answer *a,
			struct ys_verify_result *out)
{
	const struct ys_jval *revoked, *active;
	struct strbuf sb = STRBUF_INIT;

	if (out->verdict != YS_VERIFY_LIVE || !a->json)
		return;
	revoked = ys_json_get(a->json, "revoked");
	active = ys_json_get(a->json, "active");
	if ((revoked && revoked->type == YS_J_TRUE) || (active && active->type == YS_J_FALSE)) {
		out->verdict = YS_VERIFY_REVOKED;
		snprintf(out->detail, sizeof(out->detail), "%s",
			 revoked && revoked->type == YS_J_TRUE ? "revoked" : "inactive");
		return;
	}
	join_strings(ys_json_get(a->json, "scopes"), &sb);
	if (sb.len)
		set_detail(out, "scopes: %s", sb.buf);
	strbuf_release(&sb);
}

/* auth.test answers 200 both ways; ok and error say which. */
static void read_slack(const struct ys_verify_call *c, const struct ys_verify_answer *a,
		       struct ys_verify_result *out)
{
	static const char *const rejected[] = {"invalid_auth", "token_revoked", "token_expired",
					       "account_inactive"};
	const struct ys_jval *ok = a->json ? ys_json_get(a->json, "ok") : NULL;
	const char *error = json_str(a->json, "error"), *scopes = a->header(a, "X-OAuth-Scopes");
	size_t i;

	if (out->verdict != YS_VERIFY_LIVE)
		return;
	if (ok && ok->type == YS_J_TRUE) {
		if (*scopes)
			set_detail(out, "scopes: %s", scopes);
		return;
	}
	out->as[0] = '\0';
	out->verdict = YS_VERIFY_UNKNOWN;
	snprintf(out->detail, sizeof(out->detail), "no ok in the answer");
	if (!error)
		return;
	for (i = 0; i < sizeof(rejected) / sizeof(rejected[0]); i++)
		if (!strcmp(error, rejected[i]))
			out->verdict = YS_VERIFY_REVOKED;
	set_detail(out, "%s", error);
}

/* Stripe's restricted keys and Anthropic's keys without rights to a resource are refused it with
 * 403 permission_error: refused by what it may do, so accepted as who it is. */
static void read_forbidden_is_live(const struct ys_verify_call *c, const struct ys_verify_answer *a,
				   struct ys_verify_result *out)
{
	const char *type = json_str(a->json, "error.type");

	if (a->status == 403 && type && !strcmp(type, "permission_error")) {
		out->verdict = YS_VERIFY_LIVE;
		snprintf(out->detail, sizeof(out->detail), "restricted: permission_error");
	}
}

/* A key with no credit left is refused with 429 insufficient_quota: live all the same. */
static void read_openai(const struct ys_verify_call *c, const struct ys_verify_answer *a,
			struct ys_verify_result *out)
{
	const char *code = json_str(a->json, "error.code"), *type = json_str(a->json, "error.type");
	const char *org = a->header(a, "openai-organization"),
		   *project = a->header(a, "openai-project");

	if (a->status == 429 && ((code && !strcmp(code, "insufficient_quota")) ||
				 (type && !strcmp(type, "insufficient_quota")))) {
		out->verdict = YS_VERIFY_LIVE;
		snprintf(out->detail, sizeof(out->detail), "no quota left");
	}
	if (out->verdict == YS_VERIFY_LIVE && *org)
		ys_verify_clean(org, strlen(org), out->as, sizeof(out->as));
	if (out->verdict == YS_VERIFY_LIVE && *project && !out->detail[0])
		set_detail(out, "project %s", project);
}

static void read_mailgun(const struct ys_verify_call *c, const struct ys_verify_answer *a,
			 struct ys_verify_result *out)
{
	if (a->status == 401)
		snprintf(out->detail, sizeof(out->detail),
			 "refused: revoked, or a domain sending key, which no read can check");
}

/* Without a valid token the endpoint still answers, with auth null. */
static void read_sentry(const struct ys_verify_call *c, const struct ys_verify_answer *a,
			struct ys_verify_result *out)
{
	const struct ys_jval *auth = a->json ? ys_json_get(a->json, "auth") : NULL;
	struct strbuf sb = STRBUF_INIT;

	if (out->verdict != YS_VERIFY_LIVE)
		return;
	if (!auth || auth->type != YS_J_OBJECT) {
		out->verdict = YS_VERIFY_UNKNOWN;
		out->as[0] = '\0';
		snprintf(out->detail, sizeof(out->detail), "no credentials in the answer");
		return;
	}
	join_strings(ys_json_get(auth, "scopes"), &sb);
	if (sb.len)
		set_detail(out, "scopes: %s", sb.buf);
	strbuf_release(&sb);
}

/* The token's status: only active is live; disabled and expired are rejected. */
static void read_cloudflare(const struct ys_verify_call *c, const struct ys_verify_answer *a,
			    struct ys_verify_result *out)
{
	const char *status = json_str(a->json, "result.status");
	const char *expires = json_str(a->json, "result.expires_on");

	if (out->verdict == YS_VERIFY_LIVE) {
		if (status && (!strcmp(status, "disabled") || !strcmp(status, "expired"))) {
			out->verdict = YS_VERIFY_REVOKED;
			set_detail(out, "%s", status);
		} else if (!status || strcmp(status, "active")) {
			out->verdict = YS_VERIFY_UNKNOWN;
			out->as[0] = '\0';
			snprintf(out->detail, sizeof(out->detail),
				 "no active status in the answer");
		} else if (expires) {
			set_detail(out, "expires %s", expires);
		}
	} else if (a->status == 401 && !*c->revoked) {
		snprintf(out->detail, sizeof(out->detail),
			 "refused as a user token; an account's token needs its account id");
	}
}

/* A closed account answers with its status; 404 means the SID is not this token's. */
static void read_twilio(const struct ys_verify_call *c, const struct ys_verify_answer *a,
			struct ys_verify_result *out)
{
	const char *status = json_str(a->json, "status");

	if (out->verdict == YS_VERIFY_LIVE && status && !strcmp(status, "closed")) {
		out->verdict = YS_VERIFY_REVOKED;
		snprintf(out->detail, sizeof(out->detail), "account closed");
	} else if (out->verdict == YS_VERIFY_LIVE && status && strcmp(status, "active")) {
		set_detail(out, "account %s", status);
	} else if (a->status == 404) {
		snprintf(out->detail, sizeof(out->detail), "the account SID is not the token's");
	}
}

static void base64(const char *in, size_t len, struct strbuf *out)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i < len; i += 3) {
		size_t left = len - i;
		unsigned v = (unsigned)(unsigned char)in[i] << 16;

		if (left > 1)
			v |= (unsigned)(unsigned char)in[i + 1] << 8;
		if (left > 2)
			v |= (unsigned char)in[i + 2];
		strbuf_addch(out, tab[(v >> 18) & 63]);
		strbuf_addch(out, tab[(v >> 12) & 63]);
		strbuf_addch(out, left > 1 ? tab[(v >> 6) & 63] : '=');
		strbuf_addch(out, left > 2 ? tab[v & 63] : '=');
	}
}

/* The Authorization (or other) header that carries the secret. */
static void auth_header(const struct ys_verify_call *c, const char *secret, size_t len,
			const char *pair, struct strbuf *name, struct strbuf *value)
{
	struct strbuf plain = STRBUF_INIT;

	strbuf_addstr(name, "Authorization");
	if (!strcmp(c->auth, "bearer")) {
		strbuf_addstr(value, "Bearer ");
		strbuf_add(value, secret, len);
	} else if (!strncmp(c->auth, "basic-", 6)) {
		if (!strcmp(c->auth, "basic-api"))
			strbuf_addstr(&plain, "api:");
		else if (!strcmp(c->auth, "basic-pair"))
			strbuf_addf(&plain, "%s:", pair ? pair : "");
		strbuf_add(&plain, secret, len);
		if (!strcmp(c->auth, "basic-user"))
			strbuf_addch(&plain, ':');
		strbuf_addstr(value, "Basic ");
		base64(plain.buf, plain.len, value);
		memset(plain.buf, 0, plain.len);
	} else {
		strbuf_reset(name);
		strbuf_addstr(name, c->auth);
		strbuf_add(value, secret, len);
	}
	strbuf_release(&plain);
}

/* base with its trailing '/' dropped, then path with {pair} filled in. */
static void make_url(const struct ys_verify_call *c, const char *base, const char *pair,
		     struct strbuf *url)
{
	const char *p = c->path, *mark = strstr(p, "{pair}");
	size_t bl = strlen(base);

	while (bl > 0 && base[bl - 1] == '/')
		bl--;
	strbuf_add(url, base, bl);
	if (mark) {
		strbuf_add(url, p, (size_t)(mark - p));
		strbuf_addstr(url, pair ? pair : "");
		strbuf_addstr(url, mark + 6);
	} else {
		strbuf_addstr(url, p);
	}
}

struct kept {
	struct ys_http_capture cap[NKEPT];
};

static const char *kept_header(const struct ys_verify_answer *a, const char *name)
{
	const struct kept *k = a->ctx;
	size_t i;

	for (i = 0; i < NKEPT; i++)
		if (!strcasecmp(k->cap[i].name, name))
			return k->cap[i].value;
	return "";
}

int ys_verify_ask_once(const struct ys_verify_call *c, const char *base, int override,
		       const char *secret, size_t len, const char *pair,
		       const struct ys_verify_opts *o, struct ys_verify_result *out, int *timed_out,
		       struct ys_error *err)
{
	struct ys_http_header h[8];
	struct strbuf url = STRBUF_INIT, aname = STRBUF_INIT, avalue = STRBUF_INIT,
		      fixed = STRBUF_INIT;
	struct ys_http_response resp = {0, STRBUF_INIT};
	struct ys_jdoc *doc = NULL;
	struct ys_error jerr = {0};
	struct kept kept;
	struct ys_verify_answer a;
	struct ys_http_request req;
	size_t nh = 0, i;
	char *line;
	int rc;

	for (i = 0; i < NKEPT; i++)
		kept.cap[i].name = kept_headers[i];
	make_url(c, base, pair, &url);
	auth_header(c, secret, len, pair, &aname, &avalue);
	h[nh++] = (struct ys_http_header){aname.buf, avalue.buf};
	/* the fixed headers, split in a copy: "Name: value" lines */
	strbuf_addstr(&fixed, c->headers);
	for (line = fixed.buf; line && *line && nh < sizeof(h) / sizeof(h[0]);) {
		char *nl = strchr(line, '\n'), *colon = strchr(line, ':');

		if (nl)
			*nl = '\0';
		if (colon) {
			*colon = '\0';
			h[nh++] = (struct ys_http_header){line, colon + 1 + strspn(colon + 1, " ")};
		}
		line = nl ? nl + 1 : NULL;
	}
	memset(&req, 0, sizeof(req));
	req.method = c->method;
	req.url = url.buf;
	req.headers = h;
	req.nheaders = nh;
	req.body = strcmp(c->method, "POST") ? NULL : "";
	req.timeout_ms = o->timeout_ms;
	req.connect_timeout_ms = o->connect_timeout_ms;
	req.protocols = override ? "https,http" : "https";
	req.user_agent = "yourside/" YS_VERSION " (+verify)";
	req.capture = kept.cap;
	req.ncapture = NKEPT;
	rc = ys_http_request(&req, &resp, err);
	*timed_out = req.timed_out;
	memset(avalue.buf, 0, avalue.len);
	if (!rc) {
		if (resp.body.len && ys_json_parse(resp.body.buf, resp.body.len, &doc, &jerr))
			doc = NULL;
		a.status = resp.status;
		a.json = doc ? ys_jdoc_root(doc) : NULL;
		a.header = kept_header;
		a.ctx = &kept;
		read_answer(c, &a, out);
	}
	ys_jdoc_free(doc);
	strbuf_release(&resp.body);
	strbuf_release(&url);
	strbuf_release(&aname);
	strbuf_release(&avalue);
	strbuf_release(&fixed);
	return rc;
}
