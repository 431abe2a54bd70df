/* request.c: building and signing one AWS call in its service's protocol */
#include <stdio.h>
#include <string.h>
#include "request.h"
#include "http.h"
#include "../banned.h"

static const char *sstr(const struct ys_jval *o, const char *k)
{
	const char *s = ys_json_str(ys_json_get(o, k));

	return s ? s : "";
}

/* The input member named by its wire name (a route's label), or NULL. */
static const struct ys_jval *input_by_wire(const struct ys_aws_op *op, const char *wire, size_t n)
{
	size_t i;

	for (i = 0; op->in && op->in->type == YS_J_ARRAY && i < op->in->len; i++) {
		const char *w = sstr(&op->in->u.items[i], "wire");

		if (strlen(w) == n && !strncmp(w, wire, n))
			return &op->in->u.items[i];
	}
	return NULL;
}

static const struct ys_jval *input_by_name(const struct ys_aws_op *op, const char *name)
{
	size_t i;

	for (i = 0; op->in && op->in->type == YS_J_ARRAY && i < op->in->len; i++)
		if (!strcmp(sstr(&op->in->u.items[i], "name"), name))
			return &op->in->u.items[i];
	return NULL;
}

static const char *param(const struct ys_aws_param *p, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(p[i].name, name))
			return p[i].value;
	return NULL;
}

/* The REST route with its labels filled: path (raw) and query (encoded). */
static int route(const struct ys_aws_op *op, const struct ys_aws_param *p, size_t np,
		 struct strbuf *path, struct strbuf *query, struct ys_error *err)
{
	const char *u = op->uri, *q = strchr(u, '?');
	size_t i;

	while (*u && u != q) {
		const char *close;

		if (*u != '{') {
			strbuf_addch(path, *u++);
			continue;
		}
		if (!(close = strchr(u, '}')))
			return ys_error_set(err, YS_EINVAL, "%s: bad route", op->cli);
		{
			size_t n = (size_t)(close - u - 1);
			const struct ys_jval *in;
			const char *v;

			if (n && u[n] == '+')
				n--;
			in = input_by_wire(op, u + 1, n);
			if (!in || !(v = param(p, np, sstr(in, "name"))))
				return ys_error_set(err, YS_EINVAL, "%s: no value for {%.*s}", op->cli,
						    (int)n, u + 1);
			strbuf_addstr(path, v);
		}
		u = close + 1;
	}
	/* literal query keys of the route ("?acl", "?list-type=2") */
	for (u = q ? q + 1 : ""; *u;) {
		size_t n = strcspn(u, "&");

		strbuf_addf(query, "%s%.*s%s", query->len ? "&" : "", (int)n, u,
			    memchr(u, '=', n) ? "" : "=");
		u += n + (u[n] == '&');
	}
	for (i = 0; i < np; i++) {
		const struct ys_jval *in = input_by_name(op, p[i].name);

		if (!in || strcmp(sstr(in, "loc"), "querystring"))
			continue;
		strbuf_addf(query, "%s", query->len ? "&" : "");
		ys_sigv4_uri_encode(query, sstr(in, "wire"), strlen(sstr(in, "wire")), 0);
		strbuf_addch(query, '=');
		ys_sigv4_uri_encode(query, p[i].value, strlen(p[i].value), 0);
	}
	return 0;
}

static void form_body(const struct ys_aws_op *op, const struct ys_aws_param *p, size_t np,
		      struct strbuf *b)
{
	size_t i;

	strbuf_addf(b, "Action=%s&Version=%s", op->name, op->service->version);
	for (i = 0; i < np; i++) {
		const struct ys_jval *in = input_by_name(op, p[i].name);
		const char *item = in ? sstr(in, "item") : "";

		strbuf_addch(b, '&');
		if (*item) { /* a list of one: its first item's key */
			ys_sigv4_uri_encode(b, item, strlen(item), 0);
			strbuf_addstr(b, ".1");
		} else {
			ys_sigv4_uri_encode(b, p[i].name, strlen(p[i].name), 0);
		}
		strbuf_addch(b, '=');
		ys_sigv4_uri_encode(b, p[i].value, strlen(p[i].value), 0);
	}
}

/* The inputs that travel in the body (rest_only: those a REST route does not place) as JSON. */
static void json_body(const struct ys_aws_op *op, const struct ys_aws_param *p, size_t np,
		      int rest_only, struct strbuf *b)
{
	size_t i, n = 0;

	strbuf_addch(b, '{');
	for (i = 0; i < np; i++) {
		const struct ys_jval *in = input_by_name(op, p[i].name);
		const char *t = in ? sstr(in, "t") : "string";

		if (rest_only && (!in || *sstr(in, "loc")))
			continue;
		strbuf_addf(b, "%s\"%s\":", n++ ? "," : "", p[i].name);
		if (!strcmp(t, "integer") || !strcmp(t, "long") || !strcmp(t, "timestamp"))
			strbuf_addstr(b, p[i].value); /* a timestamp: Unix seconds */
		else if (!strcmp(t, "list"))
			strbuf_addf(b, "[\"%s\"]", p[i].value); /* a list of one */
		else
			strbuf_addf(b, "\"%s\"", p[i].value); /* ids, tokens: no quotes inside */
	}
	strbuf_addch(b, '}');
}

/* AWS's host for the call, into host[n]. */
static void aws_host(const struct ys_aws_op *op, const char *region, const char *account,
		     char *host, size_t n)
{
	const struct ys_aws_service *s = op->service;

	if (!strcmp(s->name, "iam"))
		snprintf(host, n, "iam.amazonaws.com");
	else if (!strcmp(s->name, "s3control"))
		snprintf(host, n, "%s.s3-control.%s.amazonaws.com", account ? account : "", region);
	else
		snprintf(host, n, "%s.%s.amazonaws.com", s->prefix, region);
}

static void add_header(struct ys_aws_request *r, const char *name, const char *value)
{
	if (r->nheaders < YS_AWS_MAX_HEADERS)
		r->headers[r->nheaders++] = (struct ys_http_header){name, value};
}

int ys_aws_request_build(const struct ys_aws_op *op, const char *region, const char *endpoint,
			 const char *account, const struct ys_aws_param *params, size_t nparams,
			 const struct ys_aws_creds *creds, int64_t now, struct ys_aws_request *r,
			 struct ys_error *err)
{
	const struct ys_aws_service *s = op->service;
	int s3 = !strcmp(s->signing, "s3");
	struct ys_sigv4_params sp = {!strcmp(s->name, "iam") ? "us-east-1" : region, s->signing,
				     now, !s3, s3, 0};
	struct ys_sigv4_request sr;
	struct ys_sigv4_out out;
	struct strbuf path = STRBUF_INIT, query = STRBUF_INIT;
	char base_path[512] = "";
	int rc = 0;

	memset(r, 0, sizeof(*r));
	strbuf_init(&r->url);
	strbuf_init(&r->body);
	strbuf_init(&r->authorization);
	r->method = s->protocol == YS_AWS_REST_JSON || s->protocol == YS_AWS_REST_XML ? op->method
										   : "POST";
	if (endpoint) {
		if (ys_url_split(endpoint, r->host, sizeof(r->host), base_path, sizeof(base_path)))
			return ys_error_set(err, YS_EINVAL, "bad endpoint '%s'", endpoint);
		if (!strcmp(base_path, "/"))
			*base_path = '\0';
	} else {
		aws_host(op, region, account, r->host, sizeof(r->host));
	}
	strbuf_addstr(&path, base_path);
	if (s->protocol == YS_AWS_REST_JSON || s->protocol == YS_AWS_REST_XML) {
		if ((rc = route(op, params, nparams, &path, &query, err)))
			goto out;
		/* REST-JSON's POST carries its other inputs as a JSON body, "{}" when none */
		if (s->protocol == YS_AWS_REST_JSON && !strcmp(op->method, "POST")) {
			json_body(op, params, nparams, 1, &r->body);
			snprintf(r->content_type, sizeof(r->content_type), "application/json");
		}
	} else {
		strbuf_addch(&path, '/');
		if (s->protocol == YS_AWS_JSON) {
			json_body(op, params, nparams, 0, &r->body);
			snprintf(r->target, sizeof(r->target), "%s.%s", s->target, op->name);
			snprintf(r->content_type, sizeof(r->content_type), "application/x-amz-json-%s",
				 *s->json_version ? s->json_version : "1.1");
		} else {
			form_body(op, params, nparams, &r->body);
			snprintf(r->content_type, sizeof(r->content_type),
				 "application/x-www-form-urlencoded; charset=utf-8");
		}
	}
	if (!path.len)
		strbuf_addch(&path, '/');
	strbuf_addf(&r->url, "%s://%s", endpoint && !strncmp(endpoint, "http://", 7) ? "http" : "https",
		    r->host);
	ys_sigv4_uri_encode(&r->url, path.buf, path.len, 1);
	if (query.len)
		strbuf_addf(&r->url, "?%s", query.buf);
	add_header(r, "Host", r->host);
	if (*r->content_type)
		add_header(r, "Content-Type", r->content_type);
	if (*r->target)
		add_header(r, "X-Amz-Target", r->target);
	/* Glacier refuses a request that does not name its API's version */
	if (!strcmp(s->name, "glacier"))
		add_header(r, "x-amz-glacier-version", s->version);
	memset(&sr, 0, sizeof(sr));
	sr.method = r->method;
	sr.path = path.buf;
	sr.query = query.len ? query.buf : NULL;
	sr.headers = r->headers;
	sr.nheaders = r->nheaders;
	sr.body = r->body.buf ? r->body.buf : "";
	sr.body_len = r->body.len;
	ys_sigv4_out_init(&out);
	if ((rc = ys_sigv4_sign(&sr, creds, &sp, &out, err))) {
		ys_sigv4_out_release(&out);
		goto out;
	}
	memcpy(r->amz_date, out.amz_date, sizeof(r->amz_date));
	memcpy(r->payload_hash, out.payload_hash, sizeof(r->payload_hash));
	strbuf_addstr(&r->authorization, strbuf_str(&out.authorization));
	ys_sigv4_out_release(&out);
	add_header(r, "X-Amz-Date", r->amz_date);
	if (s3)
		add_header(r, "x-amz-content-sha256", r->payload_hash);
	if (creds->session_token[0])
		add_header(r, "X-Amz-Security-Token", creds->session_token);
	add_header(r, "Authorization", strbuf_str(&r->authorization));
out:
	strbuf_release(&path);
	strbuf_release(&query);
	if (rc)
		ys_aws_request_release(r);
	return rc;
}

void ys_aws_request_release(struct ys_aws_request *r)
{
	strbuf_release(&r->url);
	strbuf_release(&r->body);
	strbuf_release(&r->authorization);
	r->nheaders = 0;
}
