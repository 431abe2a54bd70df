/* http.c: one HTTPS request through libcurl, bounded in time and size */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "http.h"
#include "../banned.h"

#define MAX_RESPONSE (16u << 20)

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct strbuf *sb = ctx;

	if (sb->len + size * n > MAX_RESPONSE || strbuf_add(sb, data, size * n))
		return 0;
	return size * n;
}

const char *ys_aws_endpoint_env(const char *service_var)
{
	const char *e = getenv(service_var);

	if (!e || !*e)
		e = getenv("AWS_ENDPOINT_URL");
	return e && *e ? e : NULL;
}

const char *ys_aws_region_env(void)
{
	const char *e = getenv("AWS_REGION");

	if (!e || !*e)
		e = getenv("AWS_DEFAULT_REGION");
	return e && *e ? e : "us-east-1";
}

int ys_url_split(const char *url, char *host, size_t hostlen, char *path, size_t pathlen)
{
	const char *p = strstr(url, "://"), *slash;
	size_t n;

	if (!p)
		return YS_EINVAL;
	p += 3;
	slash = strchr(p, '/');
	n = slash ? (size_t)(slash - p) : strlen(p);
	if (n == 0 || n >= hostlen)
		return YS_EINVAL;
	memcpy(host, p, n);
	host[n] = '\0';
	snprintf(path, pathlen, "%s", slash ? slash : "/");
	return 0;
}

struct capture_ctx {
	struct ys_http_capture *c;
	size_t n;
};

/* Keeps the first value of each wanted header; the status line and others pass by. */
static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	struct capture_ctx *cc = ctx;
	size_t len = size * n, i, name_len, vlen;
	const char *colon = memchr(data, ':', len), *v, *end = data + len;

	if (!colon)
		return len;
	name_len = (size_t)(colon - data);
	for (v = colon + 1; v < end && (*v == ' ' || *v == '\t'); v++)
		;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	for (i = 0; i < cc->n; i++) {
		struct ys_http_capture *c = &cc->c[i];

		if (c->value[0] || strlen(c->name) != name_len ||
		    strncasecmp(c->name, data, name_len))
			continue;
		vlen = (size_t)(end - v);
		if (vlen >= sizeof(c->value))
			vlen = sizeof(c->value) - 1;
		memcpy(c->value, v, vlen);
		c->value[vlen] = '\0';
	}
	return len;
}

static int has_header(const struct ys_http_header *h, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(h[i].name, name))
			return 1;
	return 0;
}

int ys_http_request(struct ys_http_request *req, struct ys_http_response *resp,
		    struct ys_error *err)
{
	CURL *c = curl_easy_init();
	struct curl_slist *list = NULL;
	struct strbuf line = STRBUF_INIT;
	struct capture_ctx cc = {req->capture, req->ncapture};
	char host[256], path[16];
	CURLcode rc;
	size_t i;

	req->timed_out = 0;
	for (i = 0; i < req->ncapture; i++)
		req->capture[i].value[0] = '\0';
	if (!c)
		return ys_error_set(err, YS_ENOMEM, "cannot start an HTTP client");
	if (ys_url_split(req->url, host, sizeof(host), path, sizeof(path)))
		snprintf(host, sizeof(host), "%s", "(bad url)");
	for (i = 0; i < req->nheaders; i++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s: %s", req->headers[i].name, req->headers[i].value);
		list = curl_slist_append(list, line.buf);
	}
	/* libcurl would add these on its own; signed requests must carry only what was signed */
	if (!has_header(req->headers, req->nheaders, "Accept"))
		list = curl_slist_append(list, "Accept:");
	list = curl_slist_append(list, "Expect:");
	if (line.buf)
		memset(line.buf, 0, line.len); /* it held a header, perhaps a credential */
	strbuf_release(&line);
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req->method);
	if (!strcmp(req->method, "HEAD"))
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
	if (req->body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &resp->body);
	if (req->ncapture) {
		curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(c, CURLOPT_HEADERDATA, &cc);
	}
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, req->timeout_ms);
	if (req->connect_timeout_ms > 0)
		curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, req->connect_timeout_ms);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, req->protocols ? req->protocols : "https");
	curl_easy_setopt(c, CURLOPT_USERAGENT,
			 req->user_agent ? req->user_agent : "yourside/" YS_VERSION);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
	curl_slist_free_all(list);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		req->timed_out = rc == CURLE_OPERATION_TIMEDOUT;
		return ys_error_set(err, YS_EIO, "cannot reach '%s': %s", host,
				    curl_easy_strerror(rc));
	}
	return 0;
}

int ys_http_send(const char *method, const char *url, const struct ys_http_header *headers,
		 size_t nheaders, const char *body, size_t body_len, long timeout_ms,
		 struct ys_http_response *resp, struct ys_error *err)
{
	struct ys_http_request req = {
		.method = method,
		.url = url,
		.headers = headers,
		.nheaders = nheaders,
		.body = body,
		.body_len = body_len,
		.timeout_ms = timeout_ms,
		.protocols = "https,http",
	};

	return ys_http_request(&req, resp, err);
}
