/* trail-fetch.c: CloudTrail's public keys for digests, asked of ListPublicKeys (every page) */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "aws/creds.h"
#include "aws/decode.h"
#include "aws/http.h"
#include "aws/request.h"
#include "aws/shapes.h"
#include "trail-keys.h"
#include "banned.h"

/* CloudTrail began in November 2013: no digest is older */
#define CLOUDTRAIL_BEGAN 1383264000

static int one_page(const struct ys_aws_op *op, const struct trail_fetch *f,
		    const struct ys_aws_param *p, size_t np, const struct ys_aws_creds *creds,
		    struct ys_pubkeys *keys, char *next, size_t nnext, struct ys_error *err)
{
	struct ys_aws_request req;
	struct ys_http_response resp = {0, STRBUF_INIT};
	struct strbuf out = STRBUF_INIT;
	const char *region = f->region ? f->region : "us-east-1";
	char code[128], msg[256];
	int rc;

	if ((rc = ys_aws_request_build(op, region, f->endpoint, NULL, p, np, creds, (int64_t)time(NULL),
				       &req, err)))
		return rc;
	rc = ys_http_send(req.method, req.url.buf, req.headers, req.nheaders, req.body.buf,
			  req.body.len, 30000, &resp, err);
	ys_aws_request_release(&req);
	if (rc)
		goto out;
	if (resp.status != 200) {
		ys_aws_decode_error(op, resp.body.buf ? resp.body.buf : "", resp.body.len, NULL, code,
				    sizeof(code), msg, sizeof(msg));
		rc = ys_error_set(err, YS_EIO, "ListPublicKeys in %s: %s%s%s", region,
				  *code ? code : "HTTP error", *msg ? ": " : "", msg);
		goto out;
	}
	if ((rc = ys_aws_decode(op, resp.body.buf ? resp.body.buf : "", resp.body.len, &out, err)))
		goto out;
	if ((rc = ys_pubkeys_add_json(keys, out.buf, out.len, "ListPublicKeys", err)))
		goto out;
	{
		struct ys_jdoc *doc;
		const char *tok;

		next[0] = '\0';
		if (!ys_json_parse(out.buf, out.len, &doc, err)) {
			tok = ys_json_str(ys_json_get(ys_jdoc_root(doc), "NextToken"));
			if (tok && strlen(tok) < nnext)
				memcpy(next, tok, strlen(tok) + 1);
			ys_jdoc_free(doc);
		}
	}
out:
	strbuf_release(&out);
	strbuf_release(&resp.body);
	return rc;
}

int trail_fetch_keys(const struct trail_fetch *f, int64_t since, int64_t until,
		     struct ys_pubkeys *keys, struct ys_error *err)
{
	struct ys_creds_opts co = {NULL, NULL};
	struct ys_aws_creds creds;
	struct ys_aws_shapes *shapes;
	const struct ys_aws_op *op;
	struct ys_aws_param p[3];
	char source[700], start[24], end[24], next[2048] = "";
	size_t np, pages = 0;
	int rc;

	if ((rc = ys_aws_shapes_load(&shapes, err)))
		return rc;
	op = ys_aws_op_find(shapes, "cloudtrail/list-public-keys");
	if (!op || (rc = ys_creds_resolve(&co, &creds, source, sizeof(source), err))) {
		ys_aws_shapes_free(shapes);
		return op ? rc : ys_error_set(err, YS_EINVAL, "ListPublicKeys is not in the shapes table");
	}
	snprintf(start, sizeof(start), "%lld", (long long)(since >= 0 ? since : CLOUDTRAIL_BEGAN));
	snprintf(end, sizeof(end), "%lld", (long long)(until >= 0 ? until + 3600 : (int64_t)time(NULL)));
	do {
		np = 0;
		p[np++] = (struct ys_aws_param){"StartTime", start};
		p[np++] = (struct ys_aws_param){"EndTime", end};
		if (next[0])
			p[np++] = (struct ys_aws_param){"NextToken", next};
		rc = one_page(op, f, p, np, &creds, keys, next, sizeof(next), err);
	} while (!rc && next[0] && ++pages < 100);
	ys_aws_shapes_free(shapes);
	return rc;
}
