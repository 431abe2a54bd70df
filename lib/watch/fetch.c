/* fetch.c: a window of GetObject requests in flight through one libcurl multi handle; bodies
 * written straight into memfds (no size cap but memory), finished objects held until those
 * asked before them are handed over; a throttled request waits its backoff while the others go on */
#define _GNU_SOURCE
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "../aws/call.h"
#include "../aws/request.h"
#include "../aws/decode.h"
#include "fetch.h"
#include "../banned.h"

struct slot {
	CURL *h;
	struct curl_slist *hdr;
	int fd;
	int attempt;
	int running, done;
	int64_t retry_at; /* waiting to be tried again at this monotonic time (ms), or 0 */
	long status;
	int64_t mtime; /* Last-Modified (ns), or -1 */
	CURLcode cc;
	int write_failed;
};

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct slot *s = ctx;
	size_t len = size * n, off = 0;

	while (off < len) {
		ssize_t w = write(s->fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			s->write_failed = 1;
			return 0;
		}
		off += (size_t)w;
	}
	return len;
}

static void release(struct slot *s)
{
	if (s->h)
		curl_easy_cleanup(s->h);
	curl_slist_free_all(s->hdr);
	s->h = NULL;
	s->hdr = NULL;
}

/* A signed GET of key into a new memfd, added to the multi handle. */
static int start(CURLM *m, const struct ys_fetch_opts *o, const char *key, struct slot *s,
		 struct ys_error *err)
{
	struct ys_aws_param params[2] = {{"Bucket", o->bucket}, {"Key", key}};
	struct ys_aws_request req;
	struct strbuf line = STRBUF_INIT;
	size_t i;
	int rc;

	if (s->fd > 0)
		close(s->fd);
	if ((s->fd = memfd_create("s3-object", MFD_CLOEXEC)) < 0)
		return ys_error_set(err, YS_EIO, "cannot hold objects in memory: %s", strerror(errno));
	if ((rc = ys_aws_request_build(o->get, o->region, o->endpoint, NULL, params, 2, o->creds,
				       (int64_t)time(NULL), &req, err)))
		return rc;
	if (!(s->h = curl_easy_init())) {
		ys_aws_request_release(&req);
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	}
	for (i = 0; i < req.nheaders; i++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s: %s", req.headers[i].name, req.headers[i].value);
		s->hdr = curl_slist_append(s->hdr, line.buf);
	}
	/* libcurl would add these on its own; a signed request carries only what was signed */
	s->hdr = curl_slist_append(s->hdr, "Accept:");
	s->hdr = curl_slist_append(s->hdr, "Expect:");
	strbuf_release(&line);
	curl_easy_setopt(s->h, CURLOPT_URL, req.url.buf);
	curl_easy_setopt(s->h, CURLOPT_HTTPHEADER, s->hdr);
	curl_easy_setopt(s->h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(s->h, CURLOPT_WRITEDATA, s);
	curl_easy_setopt(s->h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(s->h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->h, CURLOPT_PROTOCOLS_STR, "https,http");
	curl_easy_setopt(s->h, CURLOPT_PRIVATE, s);
	curl_easy_setopt(s->h, CURLOPT_FILETIME, 1L);
	ys_aws_request_release(&req);
	s->running = 1;
	s->done = 0;
	s->status = 0;
	s->mtime = -1;
	s->write_failed = 0;
	s->attempt++;
	if (curl_multi_add_handle(m, s->h) != CURLM_OK) {
		release(s);
		return ys_error_set(err, YS_ENOMEM, "cannot start a request");
	}
	return 0;
}

/* The code in an S3 error body held in fd, or "". */
static void error_code(const struct ys_aws_op *get, int fd, char *code, size_t n)
{
	char buf[4096], msg[8];
	ssize_t len = pread(fd, buf, sizeof(buf), 0);

	ys_aws_decode_error(get, buf, len > 0 ? (size_t)len : 0, NULL, code, n, msg, sizeof(msg));
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int transient(const struct slot *s)
{
	return s->cc != CURLE_OK ? s->cc != CURLE_WRITE_ERROR
				 : s->status == 500 || s->status == 503 || s->status == 429;
}

/* Hands over slot i (done): its fd or why it failed. */
static int hand_over(const struct ys_fetch_opts *o, const char *key, size_t i, struct slot *s,
		     ys_fetch_fn fn, void *ctx)
{
	struct ys_fetched f = {-1, 0, s->mtime, s->status};
	struct ys_error err = {0};
	char code[64];
	int rc;

	if (s->cc == CURLE_OK && !s->write_failed && s->status >= 200 && s->status < 300) {
		f.fd = s->fd;
		f.size = (int64_t)lseek(s->fd, 0, SEEK_END);
		lseek(s->fd, 0, SEEK_SET);
		rc = fn(ctx, i, &f, &err);
	} else {
		if (s->cc != CURLE_OK)
			ys_error_set(&err, YS_EIO, "s3:GetObject on arn:aws:s3:::%s/%s: %s", o->bucket,
				     key, s->write_failed ? "cannot hold it in memory" : curl_easy_strerror(s->cc));
		else {
			error_code(o->get, s->fd, code, sizeof(code));
			ys_error_set(&err, YS_EIO, "s3:GetObject on arn:aws:s3:::%s/%s: refused (HTTP %ld%s%s)",
				     o->bucket, key, s->status, *code ? ", " : "", code);
		}
		rc = fn(ctx, i, &f, &err);
	}
	close(s->fd);
	s->fd = -1;
	return rc;
}

/* Starts again the waiting requests whose backoff is over; returns the milliseconds until the
 * next one is due (INT64_MAX: none waits). One that cannot be started is done, failed. */
static int64_t retry_due(CURLM *m, const struct ys_fetch_opts *o, const char *const *keys,
			 struct slot *slots, size_t from, size_t to, int *active)
{
	int64_t now = now_ms(), wake = INT64_MAX;
	size_t i;

	for (i = from; i < to; i++) {
		struct slot *s = &slots[i];
		struct ys_error err = {0};

		if (!s->retry_at)
			continue;
		if (s->retry_at > now) {
			if (s->retry_at - now < wake)
				wake = s->retry_at - now;
			continue;
		}
		s->retry_at = 0;
		if (start(m, o, keys[i], s, &err)) {
			s->cc = CURLE_FAILED_INIT;
			s->done = 1;
			(*active)--;
		}
	}
	return wake;
}

int ys_fetch_all(const struct ys_fetch_opts *o, const char *const *keys, size_t n, ys_fetch_fn fn,
		 void *ctx)
{
	struct slot *slots = calloc(n + 1, sizeof(*slots));
	int jobs = o->jobs > 0 ? o->jobs : YS_FETCH_JOBS, active = 0, rc = 0;
	size_t next = 0, head = 0, i;
	CURLM *m = curl_multi_init();

	if (!slots || !m) {
		free(slots);
		if (m)
			curl_multi_cleanup(m);
		return YS_ENOMEM;
	}
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)jobs);
	for (i = 0; i < n; i++)
		slots[i].fd = -1, slots[i].mtime = -1;
	while (head < n && !rc) {
		CURLMsg *msg;
		int still, left;
		int64_t wake;

		/* the window: at most `jobs` in flight, and no further than that past the head */
		while (active < jobs && next < n && next < head + (size_t)jobs * 2) {
			struct ys_error err = {0};

			if (start(m, o, keys[next], &slots[next], &err)) {
				slots[next].cc = CURLE_FAILED_INIT;
				slots[next].done = 1;
			} else {
				active++;
			}
			next++;
		}
		curl_multi_perform(m, &still);
		while ((msg = curl_multi_info_read(m, &left))) {
			struct slot *s;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&s);
			s->cc = msg->data.result;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &s->status);
			{
				curl_off_t ft = -1;

				curl_easy_getinfo(msg->easy_handle, CURLINFO_FILETIME_T, &ft);
				s->mtime = ft >= 0 ? (int64_t)ft * 1000000000 : -1;
			}
			curl_multi_remove_handle(m, msg->easy_handle);
			release(s);
			s->running = 0;
			active--;
			if (transient(s) && s->attempt < YS_AWS_ATTEMPTS) {
				s->retry_at = now_ms() + ys_aws_backoff_ms(s->attempt);
				active++; /* its place in the window is kept while it waits */
				continue;
			}
			s->done = 1;
		}
		wake = retry_due(m, o, keys, slots, head, next, &active);
		while (head < n && slots[head].done && !rc)
			rc = hand_over(o, keys[head], head, &slots[head], fn, ctx), head++;
		if (head < n && !slots[head].done && active)
			curl_multi_poll(m, NULL, 0, wake < 100 ? (int)wake : 100, NULL);
	}
	for (i = 0; i < n; i++) { /* stopped early: what is still running is dropped */
		if (slots[i].h) {
			curl_multi_remove_handle(m, slots[i].h);
			release(&slots[i]);
		}
		if (slots[i].fd >= 0)
			close(slots[i].fd);
	}
	curl_multi_cleanup(m);
	free(slots);
	return rc;
}
