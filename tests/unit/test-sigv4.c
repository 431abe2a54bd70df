/* test-sigv4.c: SigV4 signing against AWS's test suites (aws-c-auth v4 and botocore's copy) */
#define _GNU_SOURCE
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <cmocka.h>
#include "base/file.h"
#include "json/jread.h"
#include "sigv4/sigv4.h"

#define SUITE YS_SHARED_DATA "/sigv4-test-suite"

static char *slurp(const char *dir, const char *name)
{
	char path[2048], *buf = NULL, *w, *r;
	size_t len;
	struct ys_error err = {0};

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (ys_read_file(path, 1 << 20, &buf, &len, &err))
		return NULL;
	/* the suites hold some files with CRLF: compare without CR, as botocore does */
	for (r = w = buf; *r; r++)
		if (*r != '\r')
			*w++ = *r;
	*w = '\0';
	return buf;
}

struct parsed {
	char *text;
	char method[16];
	char *path, *query;
	struct ys_http_header h[32];
	size_t nh;
	char *body;
	char *folded[32]; /* values joined from folded lines, freed by the caller */
	size_t nfolded;
};

/* Parses the suites' raw HTTP requests: folded header lines continue the header before. */
static int parse_request(char *text, struct parsed *r)
{
	char *line = text, *nl, *sp, *last;
	int first = 1;

	memset(r, 0, sizeof(*r));
	r->text = text;
	while (line && *line) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (first) {
			sp = strchr(line, ' ');
			last = strrchr(line, ' ');
			if (!sp || sp == last)
				return -1;
			*sp = '\0';
			*last = '\0';
			snprintf(r->method, sizeof(r->method), "%s", line);
			r->path = sp + 1;
			if ((r->query = strchr(r->path, '?')))
				*r->query++ = '\0';
			first = 0;
		} else if (*line == '\0') {
			r->body = nl ? nl + 1 : NULL;
			break;
		} else if ((*line == ' ' || *line == '\t') && r->nh > 0) {
			char *v = malloc(strlen(r->h[r->nh - 1].value) + strlen(line) + 2);

			snprintf(v, strlen(r->h[r->nh - 1].value) + strlen(line) + 2, "%s %s",
				 r->h[r->nh - 1].value, line);
			r->h[r->nh - 1].value = v;
			if (r->nfolded < 32)
				r->folded[r->nfolded++] = v;
		} else {
			char *colon = strchr(line, ':');

			if (!colon || r->nh == 32)
				return -1;
			*colon = '\0';
			r->h[r->nh].name = line;
			r->h[r->nh].value = colon + 1;
			r->nh++;
		}
		line = nl ? nl + 1 : NULL;
	}
	return 0;
}

static int64_t parse_iso(const char *s)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (!strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return -1;
	return (int64_t)timegm(&tm);
}

static int failures, cases;

static void check(const char *what, const char *dir, const char *want, const char *got)
{
	size_t wl;

	if (!want)
		return;
	wl = strlen(want);
	while (wl && want[wl - 1] == '\n')
		wl--;
	if (strlen(got) != wl || memcmp(want, got, wl)) {
		failures++;
		print_message("%s: %s differs\n--- want\n%.*s\n--- got\n%s\n", dir, what, (int)wl,
			      want, got);
	}
}

static void run_case(const char *dir, const char *reqtext, const struct ys_aws_creds *creds,
		     const struct ys_sigv4_params *p, const char *creq, const char *sts,
		     const char *sig, const char *authz)
{
	char *text = strdup(reqtext);
	struct parsed r;
	struct ys_sigv4_request req;
	struct ys_sigv4_out out;
	struct ys_error err = {0};

	cases++;
	if (parse_request(text, &r)) {
		failures++;
		print_message("%s: cannot parse request\n", dir);
		free(text);
		return;
	}
	req.method = r.method;
	req.path = r.path;
	req.query = r.query;
	req.headers = r.h;
	req.nheaders = r.nh;
	req.body = r.body;
	req.body_len = r.body ? strlen(r.body) : 0;
	ys_sigv4_out_init(&out);
	if (ys_sigv4_sign(&req, creds, p, &out, &err)) {
		failures++;
		print_message("%s: %s\n", dir, err.msg);
	} else {
		check("canonical request", dir, creq, strbuf_str(&out.canonical));
		check("string to sign", dir, sts, strbuf_str(&out.string_to_sign));
		check("signature", dir, sig, out.signature);
		check("authorization", dir, authz, strbuf_str(&out.authorization));
	}
	ys_sigv4_out_release(&out);
	while (r.nfolded > 0)
		free(r.folded[--r.nfolded]);
	free(text);
}

static int jbool(const struct ys_jval *o, const char *k)
{
	const struct ys_jval *v = ys_json_get(o, k);

	return v && v->type == YS_J_TRUE;
}

static void aws_c_auth_v4(void **state)
{
	DIR *d = opendir(SUITE "/aws-c-auth-signing-test-suite/v4");
	struct dirent *e;
	int before = cases;

	(void)state;
	assert_non_null(d);
	failures = 0;
	while ((e = readdir(d))) {
		char dir[1024];
		char *ctx, *req, *creq, *sts, *sig;
		struct ys_jdoc *doc;
		struct ys_error err = {0};
		struct ys_aws_creds creds;
		struct ys_sigv4_params p;
		const struct ys_jval *root, *c;

		if (e->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof(dir), "%s/%s", SUITE "/aws-c-auth-signing-test-suite/v4", e->d_name);
		ctx = slurp(dir, "context.json");
		req = slurp(dir, "request.txt");
		if (!ctx || !req) {
			free(ctx);
			free(req);
			continue;
		}
		assert_int_equal(ys_json_parse(ctx, strlen(ctx), &doc, &err), 0);
		root = ys_jdoc_root(doc);
		c = ys_json_get(root, "credentials");
		memset(&creds, 0, sizeof(creds));
		snprintf(creds.access_key_id, sizeof(creds.access_key_id), "%s",
			 ys_json_str(ys_json_get(c, "access_key_id")));
		snprintf(creds.secret_access_key, sizeof(creds.secret_access_key), "%s",
			 ys_json_str(ys_json_get(c, "secret_access_key")));
		if (ys_json_str(ys_json_get(c, "token")))
			snprintf(creds.session_token, sizeof(creds.session_token), "%s",
				 ys_json_str(ys_json_get(c, "token")));
		memset(&p, 0, sizeof(p));
		p.region = ys_json_str(ys_json_get(root, "region"));
		p.service = ys_json_str(ys_json_get(root, "service"));
		p.when = parse_iso(ys_json_str(ys_json_get(root, "timestamp")));
		p.normalize_path = jbool(root, "normalize");
		p.sign_body = jbool(root, "sign_body");
		p.omit_session_token = jbool(root, "omit_session_token");
		creq = slurp(dir, "header-canonical-request.txt");
		sts = slurp(dir, "header-string-to-sign.txt");
		sig = slurp(dir, "header-signature.txt");
		run_case(dir, req, &creds, &p, creq, sts, sig, NULL);
		free(creq);
		free(sts);
		free(sig);
		ys_jdoc_free(doc);
		free(ctx);
		free(req);
	}
	closedir(d);
	assert_true(cases - before >= 38);
	assert_int_equal(failures, 0);
}

static void botocore_dir(const char *dir, const char *name)
{
	char file[512], *req, *creq, *sts, *authz, *tok;
	struct ys_aws_creds creds;
	struct ys_sigv4_params p = {"us-east-1", "service", 1440938160, 1, 0, 0};

	snprintf(file, sizeof(file), "%s.req", name);
	if (!(req = slurp(dir, file)))
		return;
	snprintf(file, sizeof(file), "%s.creq", name);
	creq = slurp(dir, file);
	snprintf(file, sizeof(file), "%s.sts", name);
	sts = slurp(dir, file);
	snprintf(file, sizeof(file), "%s.authz", name);
	authz = slurp(dir, file);
	memset(&creds, 0, sizeof(creds));
	snprintf(creds.access_key_id, sizeof(creds.access_key_id), "AKIDEXAMPLE");
	snprintf(creds.secret_access_key, sizeof(creds.secret_access_key),
		 "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
	/* the suite's session token is the one its canonical request shows */
	if (creq && (tok = strstr(creq, "x-amz-security-token:"))) {
		size_t n = strcspn(tok + 21, "\n");

		snprintf(creds.session_token, sizeof(creds.session_token), "%.*s", (int)n, tok + 21);
	}
	run_case(dir, req, &creds, &p, creq, sts, NULL, authz);
	free(req);
	free(creq);
	free(sts);
	free(authz);
}

static void botocore_walk(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char sub[1024];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name);
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
			botocore_dir(sub, e->d_name);
			botocore_walk(sub);
		}
	}
	closedir(d);
}

static void botocore_suite(void **state)
{
	int before = cases;

	(void)state;
	failures = 0;
	botocore_walk(SUITE "/botocore-aws4_testsuite");
	assert_true(cases - before >= 30);
	assert_int_equal(failures, 0);
}

static void encoding(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	ys_sigv4_uri_encode(&sb, "a b/c~d+e=", 10, 1);
	assert_string_equal(sb.buf, "a%20b/c~d%2Be%3D");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(encoding),
		cmocka_unit_test(aws_c_auth_v4),
		cmocka_unit_test(botocore_suite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
