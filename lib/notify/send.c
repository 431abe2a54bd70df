/* send.c: a message delivered: POSTed to a Slack or other webhook, or published to SNS with
 * SigV4 through the request builder collect uses */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../aws/http.h"
#include "../aws/request.h"
#include "../aws/shapes.h"
#include "message.h"
#include "send.h"
#include "../banned.h"

static int answered(const struct ys_dest *d, int rc, const struct ys_http_response *resp,
		    struct ys_error *err)
{
	char label[600], why[sizeof(err->msg)];

	if (!rc && resp->status >= 200 && resp->status < 300)
		return 0;
	ys_dest_label(d, label, sizeof(label));
	if (rc)
		memcpy(why, err->msg, sizeof(why));
	else
		snprintf(why, sizeof(why), "HTTP %ld", resp->status);
	return ys_error_set(err, YS_EIO, "%s did not take the alert: %s", label, why);
}

static int post(const struct ys_notify_ctx *c, const struct ys_dest *d, const char *body,
		size_t len, const char *alert_id, struct ys_error *err)
{
	struct ys_http_header h[4] = {{"Content-Type", "application/json"},
				      {"User-Agent", "yourside"}};
	struct ys_http_response resp = {0, STRBUF_INIT};
	size_t nh = 2;
	int rc;

	if (alert_id) { /* a receiver that keeps these can drop a message sent twice */
		h[nh++] = (struct ys_http_header){"X-Yourside-Alert-Id", alert_id};
		h[nh++] = (struct ys_http_header){"Idempotency-Key", alert_id};
	}
	rc = ys_http_send("POST", d->url, h, nh, body, len, c->timeout_ms, &resp, err);
	rc = answered(d, rc, &resp, err);
	strbuf_release(&resp.body);
	return rc;
}

static int publish(const struct ys_notify_ctx *c, const struct ys_dest *d,
		   const struct ys_jval *const *alerts, size_t n, struct ys_error *err)
{
	struct ys_aws_request req;
	struct ys_http_response resp = {0, STRBUF_INIT};
	struct strbuf subject = STRBUF_INIT, text = STRBUF_INIT;
	int rc;

	if (!c->creds || !c->publish)
		return ys_error_set(err, YS_EINVAL, "sns %s: no AWS credentials", d->topic);
	ys_notify_subject(alerts, n, &subject);
	if (subject.len > 99) { /* SNS takes a subject of under 100 characters, of one line */
		size_t cut = 96;

		while (cut > 0 && (subject.buf[cut] & 0xC0) == 0x80)
			cut--;
		strbuf_setlen(&subject, cut);
		strbuf_addstr(&subject, "...");
	}
	ys_notify_text(alerts, n, &text);
	{
		struct ys_aws_param p[3] = {{"TopicArn", d->topic}, {"Message", text.buf},
					    {"Subject", subject.buf}};

		rc = ys_aws_request_build(c->publish, d->region, c->sns_endpoint, NULL, p, 3, c->creds,
					  (int64_t)time(NULL), &req, err);
	}
	if (!rc) {
		rc = ys_http_send(req.method, req.url.buf, req.headers, req.nheaders, req.body.buf,
				  req.body.len, c->timeout_ms, &resp, err);
		rc = answered(d, rc, &resp, err);
		ys_aws_request_release(&req);
	}
	strbuf_release(&resp.body);
	strbuf_release(&subject);
	strbuf_release(&text);
	return rc;
}

struct reader {
	const char *p;
	size_t left;
};

static size_t read_mail(char *buf, size_t size, size_t n, void *ctx)
{
	struct reader *r = ctx;
	size_t k = size * n < r->left ? size * n : r->left;

	memcpy(buf, r->p, k);
	r->p += k;
	r->left -= k;
	return k;
}

/* The message as SMTP carries it: headers, a blank line, text with CRLF line ends (a line that
 * starts with a dot is doubled by libcurl). */
static void rfc5322(const struct ys_dest *d, const struct strbuf *subject, const struct strbuf *text,
		    struct strbuf *out)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	size_t i;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	strbuf_addf(out, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: %s\r\n", date, d->from, d->to,
		    subject->buf);
	strbuf_addstr(out, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
			   "Content-Transfer-Encoding: 8bit\r\n\r\n");
	for (i = 0; i < text->len; i++) {
		if (text->buf[i] == '\n')
			strbuf_addch(out, '\r');
		strbuf_addch(out, text->buf[i]);
	}
}

/* Email over SMTP: smtp:// must upgrade with STARTTLS (refused otherwise), smtps:// is TLS from
 * the start; the server's certificate is checked (SSL_CERT_FILE names another CA bundle). */
static int mail(const struct ys_notify_ctx *c, const struct ys_dest *d,
		const struct ys_jval *const *alerts, size_t n, struct ys_error *err)
{
	struct strbuf subject = STRBUF_INIT, text = STRBUF_INIT, msg = STRBUF_INIT;
	struct curl_slist *rcpt = NULL;
	const char *ca = getenv("SSL_CERT_FILE"), *p;
	struct reader r;
	char one[600], label[600];
	CURLcode cc;
	CURL *h;
	long code = 0;
	int rc = 0;

	if (!(h = curl_easy_init()))
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	ys_notify_subject(alerts, n, &subject);
	ys_notify_text(alerts, n, &text);
	rfc5322(d, &subject, &text, &msg);
	for (p = d->to; *p;) {
		size_t k = strcspn(p, ",");

		snprintf(one, sizeof(one), "<%.*s>", (int)k, p);
		rcpt = curl_slist_append(rcpt, one);
		p += k + (p[k] == ',');
	}
	snprintf(one, sizeof(one), "<%s>", d->from);
	r.p = msg.buf;
	r.left = msg.len;
	curl_easy_setopt(h, CURLOPT_URL, d->url);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, one);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, read_mail);
	curl_easy_setopt(h, CURLOPT_READDATA, &r);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, c->timeout_ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	if (ca && *ca)
		curl_easy_setopt(h, CURLOPT_CAINFO, ca);
	if (*d->user) {
		curl_easy_setopt(h, CURLOPT_USERNAME, d->user);
		curl_easy_setopt(h, CURLOPT_PASSWORD, d->pass);
	}
	cc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (cc != CURLE_OK) {
		ys_dest_label(d, label, sizeof(label));
		if (code)
			rc = ys_error_set(err, YS_EIO, "%s did not take the alert: %s: SMTP %ld",
					  label, curl_easy_strerror(cc), code);
		else
			rc = ys_error_set(err, YS_EIO, "%s did not take the alert: %s", label,
					  curl_easy_strerror(cc));
	}
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	strbuf_release(&subject);
	strbuf_release(&text);
	strbuf_release(&msg);
	return rc;
}

int ys_notify_send(const struct ys_notify_ctx *c, const struct ys_dest *d,
		   const struct ys_jval *const *alerts, const char *const *raw, size_t n,
		   struct ys_error *err)
{
	struct strbuf body = STRBUF_INIT;
	size_t i;
	int rc = 0;

	switch (d->kind) {
	case YS_DEST_SLACK:
		ys_notify_slack(alerts, n, &body);
		rc = post(c, d, body.buf, body.len, n == 1 ? ys_json_str(ys_json_get(alerts[0], "id")) : NULL,
			  err);
		break;
	case YS_DEST_WEBHOOK:
		for (i = 0; i < n && !rc; i++)
			rc = post(c, d, raw[i], strcspn(raw[i], "\n"),
				  ys_json_str(ys_json_get(alerts[i], "id")), err);
		break;
	case YS_DEST_SNS:
		rc = publish(c, d, alerts, n, err);
		break;
	case YS_DEST_EMAIL:
		rc = mail(c, d, alerts, n, err);
		break;
	}
	strbuf_release(&body);
	return rc;
}
