/* http.c: one HTTPS request through libcurl, bounded in time and size */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int ys_http_send(const char *method, const char *url, const struct ys_http_header *headers,
		 size_t nheaders, const char *body, size_t body_len, long timeout_ms,
		 struct ys_http_response *resp, struct ys_error *err)
{
	CURL *c = curl_easy_init();
	struct curl_slist *list = NULL;
	struct strbuf line = STRBUF_INIT;
	char host[256], path[16];
	CURLcode rc;
	size_t i;

	if (!c)
		return ys_error_set(err, YS_ENOMEM, "cannot start an HTTP client");
	if (ys_url_split(url, host, sizeof(host), path, sizeof(path)))
		snprintf(host, sizeof(host), "%s", "(bad url)");
	for (i = 0; i < nheaders; i++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s: %s", headers[i].name, headers[i].value);
		list = curl_slist_append(list, line.buf);
	}
	/* libcurl would add these on its own; signed requests must carry only what was signed */
	list = curl_slist_append(list, "Accept:");
	list = curl_slist_append(list, "Expect:");
	strbuf_release(&line);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, list);
	if (body) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
	}
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &resp->body);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "yourside/" YS_VERSION);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
	curl_slist_free_all(list);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK)
		return ys_error_set(err, YS_EIO, "cannot reach '%s': %s", host,
				    curl_easy_strerror(rc));
	return 0;
}
