/* engine.c: AWS calls through one libcurl multi handle: queued, signed, sent many at a time over
 * reused connections, paged, retried when throttled (exponential backoff, full jitter), and
 * written to the snapshot as the AWS CLI prints them */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "engine.h"
#include "../aws/decode.h"
#include "../base/grow.h"
#include "../json/jread.h"
#include "../json/jwrite.h"
#include "../banned.h"

#define MAX_ANSWER (64u << 20)

struct job {
	struct ys_call call;
	struct job *next;
	int attempts;
	int64_t not_before; /* ms, monotonic */
	char token[4096];   /* the next page's */
	char **pages;	    /* decoded pages so far */
	size_t npages, cap_pages;
	/* the request in flight */
	CURL *easy;
	struct curl_slist *hdrs;
	struct ys_aws_request req;
	struct strbuf body;
	char error_type[128];
	int too_big;
};

#define MAX_SEEN 64

struct ys_engine {
	struct ys_engine_opts o;
	/* what the progress line counts: regions and services answered so far */
	char regions[MAX_SEEN][32];
	const char *services[MAX_SEEN]; /* the call table's names, which outlive the engine */
	size_t nregions, nservices;
	CURLM *multi;
	struct job *ready, *ready_tail, *delayed;
	size_t running, queued;
	struct ys_engine_stats stats;
	char account[16];
	uint64_t rng;
	int64_t last_progress;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static uint64_t next_random(struct ys_engine *e)
{
	/* xorshift64*: jitter needs spread, not secrecy */
	e->rng ^= e->rng >> 12;
	e->rng ^= e->rng << 25;
	e->rng ^= e->rng >> 27;
	return e->rng * 2685821657736338717ULL;
}

int ys_engine_new(const struct ys_engine_opts *o, struct ys_engine **out, struct ys_error *err)
{
	struct ys_engine *e = calloc(1, sizeof(*e));

	*out = NULL;
	if (!e)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	e->o = *o;
	if (e->o.jobs < 1)
		e->o.jobs = 1;
	if (e->o.max_attempts < 1)
		e->o.max_attempts = 8;
	e->rng = (uint64_t)now_ms() * 6364136223846793005ULL ^ (uint64_t)getpid();
	if (!e->rng)
		e->rng = 1;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (!(e->multi = curl_multi_init())) {
		free(e);
		return ys_error_set(err, YS_ENOMEM, "cannot start an HTTP client");
	}
	curl_multi_setopt(e->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)e->o.jobs);
	curl_multi_setopt(e->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)e->o.jobs);
	*out = e;
	return 0;
}

static void job_free(struct job *j)
{
	size_t i;

	for (i = 0; i < j->npages; i++)
		free(j->pages[i]);
	free(j->pages);
	strbuf_release(&j->body);
	ys_aws_request_release(&j->req);
	curl_slist_free_all(j->hdrs);
	curl_easy_cleanup(j->easy); /* a retried job keeps its handle between tries */
	free(j);
}

static void free_list(struct job *j)
{
	struct job *next;

	for (; j; j = next) {
		next = j->next;
		job_free(j);
	}
}

void ys_engine_free(struct ys_engine *e)
{
	if (!e)
		return;
	free_list(e->ready);
	free_list(e->delayed);
	curl_multi_cleanup(e->multi);
	free(e);
}

static void push_ready(struct ys_engine *e, struct job *j, int front)
{
	j->next = NULL;
	if (front) {
		j->next = e->ready;
		e->ready = j;
		if (!e->ready_tail)
			e->ready_tail = j;
	} else if (e->ready_tail) {
		e->ready_tail->next = j;
		e->ready_tail = j;
	} else {
		e->ready = e->ready_tail = j;
	}
}

int ys_engine_add(struct ys_engine *e, const struct ys_aws_op *op, const char *region,
		  const struct ys_aws_param *params, size_t nparams, const char *rel, void *ctx)
{
	return ys_engine_add_after(e, 0, op, region, params, nparams, rel, ctx);
}

int ys_engine_add_after(struct ys_engine *e, int64_t ms, const struct ys_aws_op *op,
			const char *region, const struct ys_aws_param *params, size_t nparams,
			const char *rel, void *ctx)
{
	struct job *j = calloc(1, sizeof(*j));
	size_t i;

	if (!j || nparams > YS_CALL_MAX_PARAMS) {
		free(j);
		return YS_ENOMEM;
	}
	j->call.op = op;
	snprintf(j->call.region, sizeof(j->call.region), "%s", region);
	for (i = 0; i < nparams; i++) {
		snprintf(j->call.values[i], sizeof(j->call.values[i]), "%s", params[i].value);
		j->call.params[i].name = params[i].name;
		j->call.params[i].value = j->call.values[i];
	}
	j->call.nparams = nparams;
	snprintf(j->call.rel, sizeof(j->call.rel), "%s", rel);
	j->call.ctx = ctx;
	strbuf_init(&j->body);
	if (ms > 0) {
		j->not_before = now_ms() + ms;
		j->next = e->delayed;
		e->delayed = j;
	} else {
		push_ready(e, j, 0);
	}
	e->queued++;
	return 0;
}

void ys_engine_set_account(struct ys_engine *e, const char *account)
{
	snprintf(e->account, sizeof(e->account), "%s", account);
}

const char *ys_engine_account(const struct ys_engine *e)
{
	return e->account;
}

const struct ys_engine_stats *ys_engine_stats(const struct ys_engine *e)
{
	return &e->stats;
}

/* mkdir -p of path's folder */
static int make_parents(char *path)
{
	char *p;

	for (p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0755) && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

int ys_engine_write(struct ys_engine *e, const char *rel, const char *text, size_t len,
		    struct ys_error *err)
{
	return ys_collect_write(e->o.out, rel, text, len, err);
}

int ys_collect_write(const char *dir, const char *rel, const char *text, size_t len,
		     struct ys_error *err)
{
	struct strbuf path = STRBUF_INIT, tmp = STRBUF_INIT;
	int fd, rc = 0;

	strbuf_addf(&path, "%s/%s", dir, rel);
	strbuf_addf(&tmp, "%s.part", path.buf);
	if (make_parents(path.buf) ||
	    (fd = open(tmp.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		rc = ys_error_set(err, YS_EIO, "cannot write '%s': %s", path.buf, strerror(errno));
	} else {
		size_t off = 0;

		while (off < len) {
			ssize_t n = write(fd, text + off, len - off);

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			off += (size_t)n;
		}
		if (close(fd) || off < len || rename(tmp.buf, path.buf))
			rc = ys_error_set(err, YS_EIO, "cannot write '%s': %s", path.buf,
					  strerror(errno));
	}
	strbuf_release(&path);
	strbuf_release(&tmp);
	return rc;
}

static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct job *j = ctx;

	if (j->body.len + size * n > MAX_ANSWER || strbuf_add(&j->body, data, size * n)) {
		j->too_big = 1;
		return 0;
	}
	return size * n;
}

static size_t on_header(char *data, size_t size, size_t n, void *ctx)
{
	struct job *j = ctx;
	size_t len = size * n;
	static const char name[] = "x-amzn-errortype:";

	if (len > sizeof(name) && !strncasecmp(data, name, sizeof(name) - 1)) {
		const char *v = data + sizeof(name) - 1;
		size_t k;

		while (*v == ' ')
			v++;
		k = strcspn(v, "\r\n");
		snprintf(j->error_type, sizeof(j->error_type), "%.*s", (int)k, v);
	}
	return len;
}

/* Signs and hands the job's request to curl. */
static int start(struct ys_engine *e, struct job *j, struct ys_error *err)
{
	struct ys_aws_param params[YS_CALL_MAX_PARAMS + 1];
	size_t np = j->call.nparams, i;
	const struct ys_jval *pag = j->call.op->paginator;
	const char *in_token = ys_json_str(ys_json_get(pag, "input_token"));
	struct strbuf line = STRBUF_INIT;
	int rc;

	memcpy(params, j->call.params, np * sizeof(*params));
	if (*j->token && in_token)
		params[np++] = (struct ys_aws_param){in_token, j->token};
	ys_aws_request_release(&j->req);
	curl_slist_free_all(j->hdrs);
	j->hdrs = NULL;
	strbuf_reset(&j->body);
	j->error_type[0] = '\0';
	j->too_big = 0;
	if ((rc = ys_aws_request_build(j->call.op, j->call.region, e->o.endpoint,
				       *e->account ? e->account : NULL, params, np, e->o.creds,
				       (int64_t)time(NULL), &j->req, err)))
		return rc;
	for (i = 0; i < j->req.nheaders; i++) {
		strbuf_reset(&line);
		strbuf_addf(&line, "%s: %s", j->req.headers[i].name, j->req.headers[i].value);
		j->hdrs = curl_slist_append(j->hdrs, line.buf);
	}
	strbuf_release(&line);
	/* curl's own headers would not be signed */
	j->hdrs = curl_slist_append(j->hdrs, "Accept:");
	j->hdrs = curl_slist_append(j->hdrs, "Expect:");
	if (!j->easy && !(j->easy = curl_easy_init()))
		return ys_error_set(err, YS_ENOMEM, "cannot start an HTTP request");
	curl_easy_reset(j->easy);
	curl_easy_setopt(j->easy, CURLOPT_URL, j->req.url.buf);
	curl_easy_setopt(j->easy, CURLOPT_CUSTOMREQUEST, j->req.method);
	curl_easy_setopt(j->easy, CURLOPT_HTTPHEADER, j->hdrs);
	if (j->req.body.len || !strcmp(j->req.method, "POST")) {
		curl_easy_setopt(j->easy, CURLOPT_POSTFIELDS, j->req.body.buf ? j->req.body.buf : "");
		curl_easy_setopt(j->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)j->req.body.len);
	}
	curl_easy_setopt(j->easy, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(j->easy, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(j->easy, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(j->easy, CURLOPT_HEADERDATA, j);
	curl_easy_setopt(j->easy, CURLOPT_PRIVATE, j);
	curl_easy_setopt(j->easy, CURLOPT_TIMEOUT_MS, 60000L);
	curl_easy_setopt(j->easy, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
	curl_easy_setopt(j->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(j->easy, CURLOPT_PROTOCOLS_STR, "https,http");
	curl_easy_setopt(j->easy, CURLOPT_USERAGENT, "yourside/" YS_VERSION);
	if (curl_multi_add_handle(e->multi, j->easy) != CURLM_OK)
		return ys_error_set(err, YS_EIO, "cannot start an HTTP request");
	e->running++;
	e->stats.requests++;
	return 0;
}

static int retryable(long status, const char *code)
{
	static const char *const codes[] = {
		"Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
		"TooManyRequestsException", "ProvisionedThroughputExceededException",
		"TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
		"LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
		"EC2ThrottledException", "RequestTimeout", "RequestTimeoutException", "InternalError",
		"InternalFailure", "ServiceUnavailable", "ReportInProgress",
	};
	size_t i;

	if (status == 429 || (status >= 500 && status <= 504))
		return 1;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (!strcmp(code, codes[i]))
			return 1;
	return 0;
}

static int throttle_code(const char *code)
{
	return strstr(code, "Throttl") || strstr(code, "TooManyRequests") ||
	       strstr(code, "LimitExceeded") || !strcmp(code, "SlowDown");
}

/* Puts the job back, to run after a random part of an exponentially growing wait. */
static void back_off(struct ys_engine *e, struct job *j)
{
	int64_t cap = 100LL << (j->attempts < 8 ? j->attempts : 8);

	if (cap > 20000)
		cap = 20000;
	j->not_before = now_ms() + (int64_t)(next_random(e) % (uint64_t)(cap + 1));
	j->next = e->delayed;
	e->delayed = j;
	e->stats.retried++;
}

/* Joins the pages' result lists into the first page's answer, tokens dropped (as the CLI's
 * automatic paging prints it). */
static int merge(const struct job *j, struct strbuf *out, struct ys_error *err)
{
	const struct ys_jval *pag = j->call.op->paginator, *rk = ys_json_get(pag, "result_key");
	const char *otok = ys_json_str(ys_json_get(pag, "output_token"));
	const char *more = ys_json_str(ys_json_get(pag, "more_results"));
	struct ys_jdoc **docs = calloc(j->npages, sizeof(*docs));
	const struct ys_jval *first;
	struct jw w;
	size_t i, k, p;
	int rc = 0;

	if (!docs)
		return ys_error_set(err, YS_ENOMEM, "out of memory");
	for (i = 0; i < j->npages && !rc; i++)
		rc = ys_json_parse(j->pages[i], strlen(j->pages[i]), &docs[i], err);
	if (rc)
		goto out;
	first = ys_jdoc_root(docs[0]);
	jw_init(&w, out, 1);
	jw_set_indent(&w, 4);
	jw_obj_begin(&w);
	for (k = 0; first->type == YS_J_OBJECT && k < first->len; k++) {
		const char *key = first->u.members[k].key;
		int is_result = 0;

		if ((otok && !strcmp(key, otok)) || (more && !strcmp(key, more)))
			continue;
		if (rk && rk->type == YS_J_STRING)
			is_result = !strcmp(rk->u.str, key);
		for (i = 0; rk && rk->type == YS_J_ARRAY && i < rk->len; i++)
			is_result |= rk->u.items[i].type == YS_J_STRING && !strcmp(rk->u.items[i].u.str, key);
		jw_key(&w, key);
		if (!is_result) {
			jw_value(&w, &first->u.members[k].val);
			continue;
		}
		jw_arr_begin(&w);
		for (p = 0; p < j->npages; p++) {
			const struct ys_jval *list = ys_json_get(ys_jdoc_root(docs[p]), key);

			for (i = 0; list && list->type == YS_J_ARRAY && i < list->len; i++)
				jw_value(&w, &list->u.items[i]);
		}
		jw_arr_end(&w);
	}
	jw_obj_end(&w);
	strbuf_addch(out, '\n');
out:
	for (i = 0; i < j->npages; i++)
		ys_jdoc_free(docs[i]);
	free(docs);
	return rc;
}

/* The next page's token from a decoded page, into tok; 0 when this was the last page. */
static int next_token(const struct job *j, const char *page, char *tok, size_t n)
{
	const struct ys_jval *pag = j->call.op->paginator;
	const char *otok = ys_json_str(ys_json_get(pag, "output_token"));
	const char *more = ys_json_str(ys_json_get(pag, "more_results"));
	struct ys_jdoc *d;
	struct ys_error err = {0};
	const struct ys_jval *mv;
	const char *t;
	int go = 0;

	*tok = '\0';
	if (!otok || ys_json_parse(page, strlen(page), &d, &err))
		return 0;
	t = ys_json_str(ys_json_get(ys_jdoc_root(d), otok));
	mv = more ? ys_json_get(ys_jdoc_root(d), more) : NULL;
	if (t && *t && strlen(t) < n && strcmp(t, j->token) &&
	    (!more || (mv && mv->type == YS_J_TRUE))) {
		snprintf(tok, n, "%s", t);
		go = 1;
	}
	ys_jdoc_free(d);
	return go;
}

static void refusal_file(struct ys_engine *e, struct job *j, const char *code, const char *msg)
{
	struct strbuf text = STRBUF_INIT, rel = STRBUF_INIT;
	struct ys_error err = {0};
	struct jw w;

	jw_init(&w, &text, 1);
	jw_set_indent(&w, 4);
	jw_obj_begin(&w);
	jw_key(&w, "Code");
	jw_str(&w, code);
	jw_key(&w, "Message");
	jw_str(&w, msg);
	jw_obj_end(&w);
	strbuf_addch(&text, '\n');
	strbuf_addf(&rel, "%s.error.json", j->call.rel);
	ys_engine_write(e, rel.buf, text.buf, text.len, &err);
	strbuf_release(&text);
	strbuf_release(&rel);
	e->stats.refused++;
	if (e->o.done)
		e->o.done(e, &j->call, NULL, 0, code, e->o.ctx);
}

/* Counts the call's region and service among those answered. */
static void seen(struct ys_engine *e, const struct ys_call *c)
{
	size_t i;

	for (i = 0; i < e->nregions && strcmp(e->regions[i], c->region); i++)
		;
	if (i == e->nregions && i < MAX_SEEN)
		snprintf(e->regions[e->nregions++], sizeof(e->regions[0]), "%s", c->region);
	for (i = 0; i < e->nservices && strcmp(e->services[i], c->op->service->name); i++)
		;
	if (i == e->nservices && i < MAX_SEEN)
		e->services[e->nservices++] = c->op->service->name;
}

static void finish(struct ys_engine *e, struct job *j)
{
	struct strbuf out = STRBUF_INIT, rel = STRBUF_INIT;
	struct ys_error err = {0};

	if (j->npages == 1) {
		strbuf_addstr(&out, j->pages[0]);
	} else if (merge(j, &out, &err)) {
		refusal_file(e, j, "YoursideMergeFailed", err.msg);
		strbuf_release(&out);
		return;
	}
	strbuf_addf(&rel, "%s.json", j->call.rel);
	if (ys_engine_write(e, rel.buf, out.buf, out.len, &err))
		e->stats.failed++;
	e->stats.calls++;
	seen(e, &j->call);
	if (e->o.done)
		e->o.done(e, &j->call, out.buf, out.len, NULL, e->o.ctx);
	strbuf_release(&out);
	strbuf_release(&rel);
}

/* A finished request: the next page, a retry, the file, or the refusal. Returns 1 when the job
 * lives on (queued again), 0 when it is done. */
static int handle(struct ys_engine *e, struct job *j, CURLcode res)
{
	long status = 0;
	char code[128] = "", msg[1024] = "";
	struct strbuf page = STRBUF_INIT;
	struct ys_error err = {0};

	j->attempts++;
	e->stats.bytes += j->body.len;
	if (res == CURLE_OK)
		curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
	if (res != CURLE_OK || j->too_big) {
		snprintf(code, sizeof(code), "%s", j->too_big ? "AnswerTooLarge" : "RequestFailed");
		snprintf(msg, sizeof(msg), "%s", j->too_big ? "the answer is larger than 64 MB"
							    : curl_easy_strerror(res));
		if (!j->too_big && j->attempts < e->o.max_attempts) {
			back_off(e, j);
			return 1;
		}
	} else if (status >= 200 && status < 300) {
		char tok[sizeof(j->token)];

		if (ys_aws_decode(j->call.op, j->body.buf ? j->body.buf : "", j->body.len, &page,
				  &err)) {
			snprintf(code, sizeof(code), "YoursideUnreadableAnswer");
			snprintf(msg, sizeof(msg), "%s", err.msg);
		} else if (!ys_grow(&j->pages, &j->cap_pages, j->npages, sizeof(char *), 4)) {
			j->pages[j->npages++] = strbuf_detach(&page, NULL);
			e->stats.pages++;
			j->attempts = 0;
			if (next_token(j, j->pages[j->npages - 1], tok, sizeof(tok))) {
				snprintf(j->token, sizeof(j->token), "%s", tok);
				push_ready(e, j, 1);
				return 1;
			}
			finish(e, j);
			return 0;
		}
	} else {
		ys_aws_decode_error(j->call.op, j->body.buf ? j->body.buf : "", j->body.len,
				    j->error_type, code, sizeof(code), msg, sizeof(msg));
		if (!*code)
			snprintf(code, sizeof(code), "Http%ld", status);
		if (throttle_code(code) || status == 429)
			e->stats.throttled++;
		if (retryable(status, code) && j->attempts < e->o.max_attempts) {
			back_off(e, j);
			strbuf_release(&page);
			return 1;
		}
	}
	strbuf_release(&page);
	refusal_file(e, j, code, msg);
	return 0;
}

static void progress(struct ys_engine *e, int force)
{
	int64_t t = now_ms();

	if ((!e->o.progress && !e->o.tick) || (!force && t - e->last_progress < 200))
		return;
	e->last_progress = t;
	if (e->o.tick) {
		e->o.tick(&e->stats, e->running, e->queued - e->running, force, e->o.tick_ctx);
		return;
	}
	fprintf(stderr, "\rcollect: %zu regions, %zu services; %zu calls done, %zu refused, "
			"%zu in flight, %zu queued, %zu throttled%s",
		e->nregions, e->nservices, e->stats.calls, e->stats.refused, e->running,
		e->queued - e->running, e->stats.throttled, force ? "\n" : "   ");
}

int ys_engine_run(struct ys_engine *e, struct ys_error *err)
{
	int still;
	CURLMsg *m;

	for (;;) {
		int64_t t = now_ms(), wait = 200;
		struct job **pp, *j;

		/* retries whose time has come */
		for (pp = &e->delayed; (j = *pp);) {
			if (j->not_before <= t) {
				*pp = j->next;
				push_ready(e, j, 0);
			} else {
				if (j->not_before - t < wait)
					wait = j->not_before - t;
				pp = &j->next;
			}
		}
		while (e->ready && e->running < (size_t)e->o.jobs) {
			j = e->ready;
			if (!(e->ready = j->next))
				e->ready_tail = NULL;
			if (start(e, j, err)) {
				refusal_file(e, j, "YoursideRequestNotBuilt", err->msg);
				e->queued--;
				job_free(j);
			}
		}
		if (!e->running && !e->ready && !e->delayed)
			break;
		curl_multi_perform(e->multi, &still);
		while ((m = curl_multi_info_read(e->multi, &still))) {
			if (m->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&j);
			curl_multi_remove_handle(e->multi, m->easy_handle);
			e->running--;
			if (!handle(e, j, m->data.result)) {
				e->queued--;
				job_free(j);
			}
		}
		progress(e, 0);
		if (e->running)
			curl_multi_poll(e->multi, NULL, 0, (int)(wait > 0 ? wait : 1), NULL);
		else if (!e->ready && e->delayed)
			usleep((useconds_t)(wait > 0 ? wait : 1) * 1000);
	}
	progress(e, 1);
	return 0;
}
