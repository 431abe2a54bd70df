/* http.h: one HTTPS request through libcurl, bounded in time and size */
#ifndef YS_AWS_HTTP_H
#define YS_AWS_HTTP_H

#include <stddef.h>
#include "../base/err.h"
#include "../base/strbuf.h"
#include "../sigv4/sigv4.h"

struct ys_http_response {
	long status;
	struct strbuf body;
};

/* Sends method to url with headers and body; fills resp (status and body). Transport errors
 * return YS_EIO with a message that names the host, never a header value. */
int ys_http_send(const char *method, const char *url, const struct ys_http_header *headers,
		 size_t nheaders, const char *body, size_t body_len, long timeout_ms,
		 struct ys_http_response *resp, struct ys_error *err);
/* A response header to keep: name is matched without regard to case; value holds the first
 * one received (cut to fit), "" when none came. */
struct ys_http_capture {
	const char *name;
	char value[256];
};

/* One request with more control than ys_http_send: a connect timeout, the protocols allowed
 * ("https" alone unless the caller was told otherwise), headers to keep from the answer. libcurl
 * verifies TLS peers and names and follows no redirect. A transport error returns YS_EIO naming
 * the host, never the URL's path or a header; timed_out tells a timeout from other failures. */
struct ys_http_request {
	const char *method;
	const char *url;
	const struct ys_http_header *headers;
	size_t nheaders;
	const char *body; /* NULL: none */
	size_t body_len;
	long timeout_ms, connect_timeout_ms;
	const char *protocols; /* "https" or "https,http" */
	const char *user_agent; /* NULL: yourside/<version> */
	struct ys_http_capture *capture;
	size_t ncapture;
	int timed_out; /* out */
};
int ys_http_request(struct ys_http_request *req, struct ys_http_response *resp,
		    struct ys_error *err);
/* The endpoint the AWS SDKs would use for a service: $<service_var> (AWS_ENDPOINT_URL_S3, …),
 * else $AWS_ENDPOINT_URL, else NULL (AWS's own). */
const char *ys_aws_endpoint_env(const char *service_var);
/* The region the AWS SDKs would use: $AWS_REGION, else $AWS_DEFAULT_REGION, else us-east-1. */
const char *ys_aws_region_env(void);
/* Splits url into host[:port] (for the Host header) and path; returns 0 or YS_EINVAL. */
int ys_url_split(const char *url, char *host, size_t hostlen, char *path, size_t pathlen);

#endif
