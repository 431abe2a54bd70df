/* sigv4.h: AWS Signature Version 4 (header signing), as AWS's test suites define it */
#ifndef YS_SIGV4_H
#define YS_SIGV4_H

#include <stddef.h>
#include <stdint.h>
#include "../base/err.h"
#include "../base/strbuf.h"

struct ys_http_header {
	const char *name;
	const char *value;
};

struct ys_sigv4_request {
	const char *method;
	const char *path;  /* as sent, not yet percent-encoded: "/", "/a b/c" */
	const char *query; /* after '?', already encoded as on the wire; NULL or "" for none */
	const struct ys_http_header *headers; /* must hold Host */
	size_t nheaders;
	const void *body;
	size_t body_len;
};

struct ys_aws_creds {
	char access_key_id[129];
	char secret_access_key[129];
	char session_token[4097]; /* "" when none */
};

struct ys_sigv4_params {
	const char *region;
	const char *service;
	int64_t when;	       /* seconds since the epoch */
	int normalize_path;    /* every service but S3 */
	int sign_body;	       /* add x-amz-content-sha256 (S3) */
	int omit_session_token; /* add the token after signing (a few services) */
};

/* What signing adds to the request, and the intermediate texts for tests. */
struct ys_sigv4_out {
	char amz_date[17];	/* x-amz-date */
	char payload_hash[65];	/* x-amz-content-sha256 when sign_body */
	char signature[65];
	struct strbuf canonical;
	struct strbuf string_to_sign;
	struct strbuf authorization; /* the Authorization header's value */
};

void ys_sigv4_out_init(struct ys_sigv4_out *o);
void ys_sigv4_out_release(struct ys_sigv4_out *o);
int ys_sigv4_sign(const struct ys_sigv4_request *req, const struct ys_aws_creds *creds,
		  const struct ys_sigv4_params *p, struct ys_sigv4_out *out, struct ys_error *err);
/* Percent-encodes s as SigV4 wants (unreserved characters kept; '/' kept when keep_slash). */
void ys_sigv4_uri_encode(struct strbuf *sb, const char *s, size_t len, int keep_slash);

#endif
