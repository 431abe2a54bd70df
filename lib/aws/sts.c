/* sts.c: GetCallerIdentity over the query protocol, signed with SigV4 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../base/strbuf.h"
#include "http.h"
#include "sts.h"
#include "../banned.h"

static const char body[] = "Action=GetCallerIdentity&Version=2011-06-15";

const char *ys_sts_endpoint(void)
{
	const char *e = ys_aws_endpoint_env("AWS_ENDPOINT_URL_STS");

	return e ? e : YS_STS_DEFAULT_ENDPOINT;
}

/* Copies the text of the first <tag>...</tag> in xml, or "". */
static void xml_text(const char *xml, const char *tag, char *out, size_t n)
{
	char open[64], close[64];
	const char *s, *e;

	snprintf(open, sizeof(open), "<%s>", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	out[0] = '\0';
	if (!(s = strstr(xml, open)))
		return;
	s += strlen(open);
	if (!(e = strstr(s, close)) || (size_t)(e - s) >= n)
		return;
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
}

int ys_sts_get_caller_identity(const char *endpoint, const struct ys_aws_creds *creds,
			       int64_t now, struct ys_caller_identity *id, struct ys_error *err)
{
	struct ys_http_header h[6];
	struct ys_sigv4_request req;
	struct ys_http_request hr;
	struct ys_sigv4_params p = {"us-east-1", "sts", now, 1, 0, 0};
	struct ys_sigv4_out out;
	struct ys_http_response resp = {0, STRBUF_INIT};
	char host[256], path[1024];
	size_t nh = 0;
	int rc;

	memset(id, 0, sizeof(*id));
	if (!endpoint)
		endpoint = ys_sts_endpoint();
	if (ys_url_split(endpoint, host, sizeof(host), path, sizeof(path)))
		return ys_error_set(err, YS_EINVAL, "bad STS endpoint '%s'", endpoint);
	h[nh++] = (struct ys_http_header){"Host", host};
	h[nh++] = (struct ys_http_header){"Content-Type",
					  "application/x-www-form-urlencoded; charset=utf-8"};
	memset(&req, 0, sizeof(req));
	req.method = "POST";
	req.path = path;
	req.headers = h;
	req.nheaders = nh;
	req.body = body;
	req.body_len = sizeof(body) - 1;
	ys_sigv4_out_init(&out);
	if ((rc = ys_sigv4_sign(&req, creds, &p, &out, err)))
		goto done;
	h[nh++] = (struct ys_http_header){"X-Amz-Date", out.amz_date};
	if (creds->session_token[0])
		h[nh++] = (struct ys_http_header){"X-Amz-Security-Token", creds->session_token};
	h[nh++] = (struct ys_http_header){"Authorization", strbuf_str(&out.authorization)};
	memset(&hr, 0, sizeof(hr));
	hr.method = "POST";
	hr.url = endpoint;
	hr.headers = h;
	hr.nheaders = nh;
	hr.body = body;
	hr.body_len = sizeof(body) - 1;
	hr.timeout_ms = 10000; /* --verify's bounds: 5 s to connect, 10 s in all */
	hr.connect_timeout_ms = 5000;
	/* AWS's own endpoint over https only; one the environment names may be plain http */
	hr.protocols = strcmp(endpoint, YS_STS_DEFAULT_ENDPOINT) ? "https,http" : "https";
	rc = ys_http_request(&hr, &resp, err);
	if (rc)
		goto done;
	if (resp.status == 200) {
		id->live = 1;
		xml_text(strbuf_str(&resp.body), "Arn", id->arn, sizeof(id->arn));
		xml_text(strbuf_str(&resp.body), "Account", id->account, sizeof(id->account));
	} else if (resp.status == 403 || resp.status == 400) {
		xml_text(strbuf_str(&resp.body), "Code", id->code, sizeof(id->code));
		if (!strcmp(id->code, "Throttling") || !strcmp(id->code, "RequestExpired"))
			rc = ys_error_set(err, YS_EIO, "STS answered %s", id->code);
	} else {
		rc = ys_error_set(err, YS_EIO, "STS answered HTTP %ld", resp.status);
	}
done:
	ys_sigv4_out_release(&out);
	strbuf_release(&resp.body);
	return rc;
}
