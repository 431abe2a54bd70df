/* dest.c: --notify's destinations read and checked, and named without their secrets */
#include <stdio.h>
#include <string.h>
#include "dest.h"
#include "../banned.h"

static int copy(char *dst, size_t n, const char *src, size_t len)
{
	if (len >= n)
		return -1;
	memcpy(dst, src, len);
	dst[len] = 0;
	return 0;
}

/* http(s)://host[:port]/… with a host made of the characters a host may hold */
static int http_url(const char *u)
{
	const char *h = !strncmp(u, "https://", 8) ? u + 8 : !strncmp(u, "http://", 7) ? u + 7 : NULL;
	size_t n;

	if (!h)
		return 0;
	n = strcspn(h, "/?#");
	return n > 0 && strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") >= n &&
	       !strpbrk(u, " \t\r\n\"<>\\^`{|}");
}

static const char *host_of(const char *u, char *out, size_t n)
{
	const char *h = strstr(u, "://");

	h = h ? h + 3 : u;
	if (strchr(h, '@') && strchr(h, '@') < h + strcspn(h, "/?"))
		h = strchr(h, '@') + 1; /* past user:password@ */
	snprintf(out, n, "%.*s", (int)strcspn(h, "/?#"), h);
	return out;
}

/* ?from=…&to=… of an smtp URL; the URL keeps the server alone. */
static int smtp(const char *text, struct ys_dest *d, struct ys_error *err)
{
	const char *q = strchr(text, '?'), *auth = strstr(text, "://") + 3, *at, *p;
	size_t server_end = q ? (size_t)(q - text) : strlen(text);

	d->kind = YS_DEST_EMAIL;
	at = memchr(auth, '@', (size_t)(text + server_end - auth));
	if (at) { /* user:password@host */
		const char *colon = memchr(auth, ':', (size_t)(at - auth));

		if (!colon || copy(d->user, sizeof(d->user), auth, (size_t)(colon - auth)) ||
		    copy(d->pass, sizeof(d->pass), colon + 1, (size_t)(at - colon - 1)))
			return ys_error_set(err, YS_EINVAL,
					    "--notify: an smtp login is user:password@host");
		snprintf(d->url, sizeof(d->url), "%.*s%.*s", (int)(auth - text), text,
			 (int)(text + server_end - at - 1), at + 1);
	} else if (copy(d->url, sizeof(d->url), text, server_end)) {
		return ys_error_set(err, YS_EINVAL, "--notify: the smtp address is too long");
	}
	while (strlen(d->url) > 8 && d->url[strlen(d->url) - 1] == '/')
		d->url[strlen(d->url) - 1] = 0;
	for (p = q ? q + 1 : ""; *p;) {
		size_t n = strcspn(p, "&");

		if (!strncmp(p, "from=", 5) && copy(d->from, sizeof(d->from), p + 5, n - 5))
			return ys_error_set(err, YS_EINVAL, "--notify: from= is too long");
		if (!strncmp(p, "to=", 3) && copy(d->to, sizeof(d->to), p + 3, n - 3))
			return ys_error_set(err, YS_EINVAL, "--notify: to= is too long");
		p += n + (p[n] == '&');
	}
	if (!strchr(d->from, '@') || !strchr(d->to, '@'))
		return ys_error_set(err, YS_EINVAL,
				    "--notify: email needs ?from=<address>&to=<address> after the server");
	{
		char host[256];

		if (!*host_of(d->url, host, sizeof(host)))
			return ys_error_set(err, YS_EINVAL, "--notify: no smtp server in the address");
	}
	return 0;
}

int ys_dest_parse(const char *text, struct ys_dest *d, struct ys_error *err)
{
	const char *u = text;

	memset(d, 0, sizeof(*d));
	if (copy(d->text, sizeof(d->text), text, strlen(text)))
		return ys_error_set(err, YS_EINVAL, "--notify: the destination is too long");
	if (!strncmp(text, "smtp://", 7) || !strncmp(text, "smtps://", 8))
		return smtp(text, d, err);
	if (!strncmp(text, "sns:", 4)) {
		const char *arn = text + 4, *p = arn;
		int colons = 0;

		for (; *p; p++)
			colons += *p == ':';
		if (strncmp(arn, "arn:aws", 7) || !strstr(arn, ":sns:") || colons != 5 ||
		    copy(d->topic, sizeof(d->topic), arn, strlen(arn)))
			return ys_error_set(err, YS_EINVAL,
					    "--notify: '%s' is not sns:arn:aws:sns:<region>:<account>:<topic>",
					    text);
		p = strstr(arn, ":sns:") + 5;
		if (copy(d->region, sizeof(d->region), p, strcspn(p, ":")) || !*d->region)
			return ys_error_set(err, YS_EINVAL, "--notify: no region in '%s'", text);
		d->kind = YS_DEST_SNS;
		return 0;
	}
	if (!strncmp(text, "slack:", 6)) {
		d->kind = YS_DEST_SLACK;
		u = text + 6;
	} else if (!strncmp(text, "webhook:", 8)) {
		d->kind = YS_DEST_WEBHOOK;
		u = text + 8;
	} else {
		d->kind = strstr(text, "://hooks.slack.com/") ? YS_DEST_SLACK : YS_DEST_WEBHOOK;
	}
	if (!http_url(u) || copy(d->url, sizeof(d->url), u, strlen(u))) {
		/* named by its scheme and host alone: a webhook's path is its secret */
		const char *h = strstr(u, "://");
		size_t shown = (size_t)((h ? h + 3 : u) - u) + strcspn(h ? h + 3 : u, "/?#");

		return ys_error_set(err, YS_EINVAL,
				    "--notify: '%.*s%s' is not a URL (slack:https://…, webhook:https://…, "
				    "sns:arn:…, smtp://…)",
				    (int)(shown > 60 ? 60 : shown), u, shown < strlen(u) ? "/…" : "");
	}
	return 0;
}

void ys_dest_label(const struct ys_dest *d, char *out, size_t n)
{
	char host[256];

	switch (d->kind) {
	case YS_DEST_SLACK:
		snprintf(out, n, "slack %s", host_of(d->url, host, sizeof(host)));
		break;
	case YS_DEST_WEBHOOK:
		snprintf(out, n, "webhook %s", host_of(d->url, host, sizeof(host)));
		break;
	case YS_DEST_SNS:
		snprintf(out, n, "sns %s", d->topic);
		break;
	case YS_DEST_EMAIL:
		snprintf(out, n, "email to %s through %s", d->to, host_of(d->url, host, sizeof(host)));
		break;
	}
}
