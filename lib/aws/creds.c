/* creds.c: walking the AWS credential chain (environment, profiles and their roles, web identity,
 * credential_process, container, instance metadata) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "creds.h"
#include "decode.h"
#include "http.h"
#include "request.h"
#include "../base/file.h"
#include "../base/grow.h"
#include "../json/jread.h"
#include "../banned.h"

#define MAX_DEPTH 5
#define PROCESS_MAX (64u << 10)

/* ---- the shared files (INI) */
struct kv {
	const char *section, *key, *value;
};

struct ini {
	char *text;
	struct kv *kv;
	size_t n, cap;
};

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static void ini_load(const char *path, struct ini *ini)
{
	struct ys_error err = {0};
	const char *section = "";
	size_t len;
	char *line, *next;

	memset(ini, 0, sizeof(*ini));
	if (!path || ys_read_file(path, 1u << 20, &ini->text, &len, &err))
		return;
	for (line = ini->text; line && *line; line = next) {
		char *eq, *l;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == ' ' || *line == '\t') /* a nested setting (s3 = ...) */
			continue;
		l = trim(line);
		if (*l == '#' || *l == ';' || !*l)
			continue;
		if (*l == '[') {
			char *close = strchr(l, ']');

			if (close) {
				*close = '\0';
				section = trim(l + 1);
			}
			continue;
		}
		if (!(eq = strchr(l, '=')) ||
		    ys_grow(&ini->kv, &ini->cap, ini->n, sizeof(*ini->kv), 16))
			continue;
		*eq = '\0';
		ini->kv[ini->n].section = section;
		ini->kv[ini->n].key = trim(l);
		ini->kv[ini->n++].value = trim(eq + 1);
	}
}

static void ini_free(struct ini *ini)
{
	free(ini->text);
	free(ini->kv);
}

static const char *ini_get(const struct ini *ini, const char *section, const char *key)
{
	size_t i;

	for (i = ini->n; i-- > 0;)
		if (!strcmp(ini->kv[i].section, section) && !strcasecmp(ini->kv[i].key, key))
			return *ini->kv[i].value ? ini->kv[i].value : NULL;
	return NULL;
}

struct chain {
	const struct ys_creds_opts *o;
	struct ini cred, conf;
	struct ys_aws_shapes *shapes;
	char *source;
	size_t n;
};

/* A profile's setting in the config file ([profile x], or [default]). */
static const char *conf_get(const struct chain *c, const char *profile, const char *key)
{
	char section[300];

	if (!strcmp(profile, "default")) {
		const char *v = ini_get(&c->conf, "default", key);

		if (v)
			return v;
	}
	snprintf(section, sizeof(section), "profile %s", profile);
	return ini_get(&c->conf, section, key);
}

static int put(struct ys_aws_creds *cr, const char *id, const char *secret, const char *token)
{
	if (!id || !secret || strlen(id) >= sizeof(cr->access_key_id) ||
	    strlen(secret) >= sizeof(cr->secret_access_key) ||
	    (token && strlen(token) >= sizeof(cr->session_token)))
		return -1;
	snprintf(cr->access_key_id, sizeof(cr->access_key_id), "%s", id);
	snprintf(cr->secret_access_key, sizeof(cr->secret_access_key), "%s", secret);
	snprintf(cr->session_token, sizeof(cr->session_token), "%s", token ? token : "");
	return 0;
}

static int from_env(struct ys_aws_creds *cr)
{
	return put(cr, getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"),
		   getenv("AWS_SESSION_TOKEN"));
}

/* {"AccessKeyId","SecretAccessKey","SessionToken"|"Token"} from a JSON answer (process,
 * container, IMDS) or STS's Credentials. */
static int from_json(struct ys_aws_creds *cr, const char *text, size_t len)
{
	struct ys_jdoc *d;
	struct ys_error err = {0};
	const struct ys_jval *r, *in;
	const char *tok;
	int rc;

	if (ys_json_parse(text, len, &d, &err))
		return -1;
	r = ys_jdoc_root(d);
	if ((in = ys_json_get(r, "Credentials")) && in->type == YS_J_OBJECT)
		r = in;
	tok = ys_json_str(ys_json_get(r, "SessionToken"));
	if (!tok)
		tok = ys_json_str(ys_json_get(r, "Token"));
	rc = put(cr, ys_json_str(ys_json_get(r, "AccessKeyId")),
		 ys_json_str(ys_json_get(r, "SecretAccessKey")), tok);
	ys_jdoc_free(d);
	return rc;
}

static const char *sts_endpoint(const struct chain *c)
{
	const char *e = c->o->sts_endpoint;

	return e && *e ? e : ys_aws_endpoint_env("AWS_ENDPOINT_URL_STS");
}

/* Sends a built request and decodes STS's answer into creds. A refusal is YS_EREFUSED, in AWS's
 * words; a failure to ask, or an answer without credentials, YS_EIO. */
static int sts_call(const struct ys_aws_op *op, const char *url,
		    const struct ys_http_header *h, size_t nh, const char *body, size_t blen,
		    struct ys_aws_creds *cr, const char *what, struct ys_error *err)
{
	struct ys_http_response resp = {0, STRBUF_INIT};
	struct strbuf json = STRBUF_INIT;
	char code[128], msg[512];
	int rc;

	if ((rc = ys_http_send("POST", url, h, nh, body, blen, 15000, &resp, err))) {
		char why[sizeof(err->msg)];

		snprintf(why, sizeof(why), "%s", err->msg);
		rc = ys_error_set(err, YS_EIO, "%s: %s", what, why);
		goto out;
	}
	if (resp.status != 200) {
		ys_aws_decode_error(op, resp.body.buf ? resp.body.buf : "", resp.body.len, NULL, code,
				    sizeof(code), msg, sizeof(msg));
		rc = *code && resp.status < 500 ? YS_EREFUSED : YS_EIO;
		if (!strncmp(code, "AccessDenied", 12))
			ys_error_set(err, rc, "%s: access denied%s%s%s", what, *msg ? " (" : "", msg,
				     *msg ? ")" : "");
		else
			ys_error_set(err, rc, "%s: STS refused (%s)%s%s", what,
				     *code ? code : "no code", *msg ? ": " : "", msg);
		goto out;
	}
	if (ys_aws_decode(op, resp.body.buf ? resp.body.buf : "", resp.body.len, &json, err) ||
	    from_json(cr, json.buf, json.len))
		rc = ys_error_set(err, YS_EIO, "%s: STS's answer holds no credentials", what);
out:
	strbuf_release(&resp.body);
	if (json.buf)
		memset(json.buf, 0, json.len);
	strbuf_release(&json);
	return rc;
}

int ys_creds_assume_role(const struct ys_aws_shapes *shapes, const struct ys_aws_creds *base,
			 const struct ys_assume *a, struct ys_aws_creds *out, struct ys_error *err)
{
	const struct ys_aws_op *op = ys_aws_op_find(shapes, "sts/assume-role");
	const char *ep = a->endpoint && *a->endpoint ? a->endpoint
						     : ys_aws_endpoint_env("AWS_ENDPOINT_URL_STS");
	struct ys_aws_param p[4];
	struct ys_aws_request r;
	size_t np = 0;
	char what[700];
	int rc;

	memset(out, 0, sizeof(*out));
	snprintf(what, sizeof(what), "cannot assume %s", a->what ? a->what : a->role_arn);
	if (!op)
		return ys_error_set(err, YS_EINVAL, "%s: not in this build", what);
	p[np++] = (struct ys_aws_param){"RoleArn", a->role_arn};
	p[np++] = (struct ys_aws_param){"RoleSessionName",
					a->session_name ? a->session_name : "yourside-collect"};
	if (a->duration)
		p[np++] = (struct ys_aws_param){"DurationSeconds", a->duration};
	if (a->external_id)
		p[np++] = (struct ys_aws_param){"ExternalId", a->external_id};
	if ((rc = ys_aws_request_build(op, "us-east-1", ep, NULL, p, np, base, (int64_t)time(NULL),
				       &r, err)))
		return rc;
	rc = sts_call(op, r.url.buf, r.headers, r.nheaders, r.body.buf, r.body.len, out, what, err);
	ys_aws_request_release(&r);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}

/* A profile's role_arn, with the profile's external_id, role_session_name and duration_seconds. */
static int assume_role(struct chain *c, const struct ys_aws_creds *base, const char *role,
		       const char *profile, struct ys_aws_creds *cr, struct ys_error *err)
{
	char what[600];
	struct ys_assume a = {role, conf_get(c, profile, "role_session_name"),
			      conf_get(c, profile, "external_id"),
			      conf_get(c, profile, "duration_seconds"), c->o->sts_endpoint, what};

	if (conf_get(c, profile, "mfa_serial"))
		return ys_error_set(err, YS_EINVAL, "profile %s asks for an MFA code (mfa_serial): "
						    "run `aws sts get-session-token` and export its "
						    "credentials instead", profile);
	snprintf(what, sizeof(what), "%s for profile %s", role, profile);
	return ys_creds_assume_role(c->shapes, base, &a, cr, err);
}

/* AssumeRoleWithWebIdentity is not signed: the token is the proof. */
static int web_identity(struct chain *c, const char *role, const char *file, const char *name,
			struct ys_aws_creds *cr, struct ys_error *err)
{
	const struct ys_aws_op *op = ys_aws_op_find(c->shapes, "sts/assume-role-with-web-identity");
	const char *ep = sts_endpoint(c);
	struct strbuf body = STRBUF_INIT, url = STRBUF_INIT;
	struct ys_http_header h[2];
	char host[300], path[300], *token;
	size_t len;
	int rc;

	if (ys_read_file(file, 64u << 10, &token, &len, err))
		return ys_error_set(err, YS_EIO, "the web identity token file '%s' cannot be read",
				    file);
	while (len && (token[len - 1] == '\n' || token[len - 1] == '\r'))
		token[--len] = '\0';
	strbuf_addstr(&url, ep ? ep : "https://sts.amazonaws.com/");
	if (ys_url_split(url.buf, host, sizeof(host), path, sizeof(path))) {
		free(token);
		strbuf_release(&url);
		return ys_error_set(err, YS_EINVAL, "bad STS endpoint '%s'", url.buf);
	}
	strbuf_addstr(&body, "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=");
	ys_sigv4_uri_encode(&body, role, strlen(role), 0);
	strbuf_addstr(&body, "&RoleSessionName=");
	ys_sigv4_uri_encode(&body, name, strlen(name), 0);
	strbuf_addstr(&body, "&WebIdentityToken=");
	ys_sigv4_uri_encode(&body, token, len, 0);
	h[0] = (struct ys_http_header){"Host", host};
	h[1] = (struct ys_http_header){"Content-Type", "application/x-www-form-urlencoded"};
	rc = op ? sts_call(op, url.buf, h, 2, body.buf, body.len, cr, "web identity", err)
		: ys_error_set(err, YS_EINVAL, "web identity: not in this build");
	free(token);
	strbuf_release(&body);
	strbuf_release(&url);
	return rc;
}

/* credential_process: its standard output is JSON; its error output and status name failures,
 * its output never (it holds the secret). */
static int process(const char *cmd, const char *profile, struct ys_aws_creds *cr,
		   struct ys_error *err)
{
	int fds[2], status;
	pid_t pid;
	struct strbuf out = STRBUF_INIT;
	char buf[4096];
	ssize_t n;
	int rc = 0;

	if (pipe(fds))
		return ys_error_set(err, YS_EIO, "credential_process of profile %s: %s", profile,
				    strerror(errno));
	if ((pid = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
		return ys_error_set(err, YS_EIO, "credential_process of profile %s: %s", profile,
				    strerror(errno));
	}
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && (out.len + (size_t)n > PROCESS_MAX || strbuf_add(&out, buf, (size_t)n)))
			break;
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		rc = ys_error_set(err, YS_EIO, "credential_process of profile %s failed (status %d)",
				  profile, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	else if (from_json(cr, out.buf ? out.buf : "", out.len))
		rc = ys_error_set(err, YS_EIO, "credential_process of profile %s printed no "
					       "AccessKeyId and SecretAccessKey", profile);
	if (out.buf)
		memset(out.buf, 0, out.len);
	strbuf_release(&out);
	return rc;
}

/* GET url (with an optional header) into body; 0 on HTTP 200. */
static int fetch(const char *method, const char *url, const char *hname, const char *hvalue,
		 long timeout, struct strbuf *body, struct ys_error *err)
{
	struct ys_http_response resp = {0, STRBUF_INIT};
	struct ys_http_header h[1];
	int rc;

	if (hname)
		h[0] = (struct ys_http_header){hname, hvalue};
	rc = ys_http_send(method, url, h, hname ? 1 : 0, NULL, 0, timeout, &resp, err);
	if (!rc && resp.status != 200)
		rc = ys_error_set(err, YS_EIO, "HTTP %ld", resp.status);
	if (!rc)
		*body = resp.body;
	else
		strbuf_release(&resp.body);
	return rc;
}

static int container(struct ys_aws_creds *cr, struct ys_error *err)
{
	const char *rel = getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
	const char *full = getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
	const char *auth = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN");
	const char *auth_file = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
	struct strbuf url = STRBUF_INIT, body = STRBUF_INIT;
	char *file_token = NULL;
	size_t len;
	int rc;

	if (rel && *rel)
		strbuf_addf(&url, "http://169.254.170.2%s", rel);
	else if (full && *full)
		strbuf_addstr(&url, full);
	else
		return YS_ENOTFOUND;
	if (auth_file && *auth_file && !ys_read_file(auth_file, 16384, &file_token, &len, err)) {
		while (len && (file_token[len - 1] == '\n' || file_token[len - 1] == '\r'))
			file_token[--len] = '\0';
		auth = file_token;
	}
	rc = fetch("GET", url.buf, auth && *auth ? "Authorization" : NULL, auth, 5000, &body, err);
	if (!rc && from_json(cr, body.buf ? body.buf : "", body.len))
		rc = ys_error_set(err, YS_EIO, "the container's credentials endpoint answered "
					       "without credentials");
	else if (rc)
		rc = ys_error_set(err, YS_EIO, "the container's credentials endpoint failed");
	free(file_token);
	strbuf_release(&url);
	strbuf_release(&body);
	return rc;
}

/* IMDSv2: a session token first (PUT), then the role's name and its credentials. */
static int instance(struct ys_aws_creds *cr, char *role, size_t rn, struct ys_error *err)
{
	const char *base = getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT");
	const char *off = getenv("AWS_EC2_METADATA_DISABLED");
	struct strbuf url = STRBUF_INIT, tok = STRBUF_INIT, name = STRBUF_INIT, body = STRBUF_INIT;
	struct ys_http_response resp = {0, STRBUF_INIT};
	struct ys_http_header h[1] = {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}};
	int rc;

	if (off && !strcasecmp(off, "true"))
		return YS_ENOTFOUND;
	if (!base || !*base)
		base = "http://169.254.169.254";
	strbuf_addf(&url, "%s/latest/api/token", base);
	rc = ys_http_send("PUT", url.buf, h, 1, "", 0, 1000, &resp, err);
	if (rc || resp.status != 200) {
		strbuf_release(&resp.body);
		strbuf_release(&url);
		return YS_ENOTFOUND; /* not on EC2 (or IMDS off) */
	}
	tok = resp.body;
	strbuf_reset(&url);
	strbuf_addf(&url, "%s/latest/meta-data/iam/security-credentials/", base);
	rc = fetch("GET", url.buf, "X-aws-ec2-metadata-token", tok.buf ? tok.buf : "", 2000, &name,
		   err);
	if (!rc && name.len) {
		strbuf_setlen(&name, strcspn(name.buf, "\r\n"));
		snprintf(role, rn, "%s", name.buf);
		strbuf_reset(&url);
		strbuf_addf(&url, "%s/latest/meta-data/iam/security-credentials/%s", base, name.buf);
		rc = fetch("GET", url.buf, "X-aws-ec2-metadata-token", tok.buf, 2000, &body, err);
		if (!rc && from_json(cr, body.buf ? body.buf : "", body.len))
			rc = -1;
	}
	if (rc || !name.len)
		rc = ys_error_set(err, YS_EIO, "the instance metadata service gave no role "
					       "credentials");
	strbuf_release(&url);
	strbuf_release(&tok);
	strbuf_release(&name);
	strbuf_release(&body);
	return rc;
}

static void say(struct chain *c, const char *fmt, const char *a, const char *b)
{
	snprintf(c->source, c->n, fmt, a, b);
}

static int from_profile(struct chain *c, const char *profile, int depth, struct ys_aws_creds *cr,
			struct ys_error *err);

/* A profile's role: credentials from its source, then AssumeRole. */
static int role_of(struct chain *c, const char *profile, const char *role, int depth,
		   struct ys_aws_creds *cr, struct ys_error *err)
{
	const char *src = conf_get(c, profile, "source_profile");
	const char *cs = conf_get(c, profile, "credential_source");
	struct ys_aws_creds base;
	char role_name[200];
	int rc;

	memset(&base, 0, sizeof(base));
	if (src)
		rc = from_profile(c, src, depth + 1, &base, err);
	else if (cs && !strcmp(cs, "Environment"))
		rc = from_env(&base) ? ys_error_set(err, YS_EINVAL, "profile %s takes its keys from "
						   "the environment, which has none", profile) : 0;
	else if (cs && !strcmp(cs, "EcsContainer"))
		rc = container(&base, err);
	else if (cs && !strcmp(cs, "Ec2InstanceMetadata"))
		rc = instance(&base, role_name, sizeof(role_name), err);
	else
		rc = ys_error_set(err, YS_EINVAL, "profile %s has role_arn but neither source_profile "
						  "nor credential_source", profile);
	if (!rc)
		rc = assume_role(c, &base, role, profile, cr, err);
	memset(&base, 0, sizeof(base));
	if (!rc)
		say(c, "role %s (profile %s)", role, profile);
	return rc;
}

static int from_profile(struct chain *c, const char *profile, int depth, struct ys_aws_creds *cr,
			struct ys_error *err)
{
	const char *role = conf_get(c, profile, "role_arn");
	const char *wif = conf_get(c, profile, "web_identity_token_file");
	const char *proc = conf_get(c, profile, "credential_process");

	if (depth > MAX_DEPTH)
		return ys_error_set(err, YS_EINVAL, "profile %s: source_profile chain longer than %d "
						    "(a loop?)", profile, MAX_DEPTH);
	if (role && wif) {
		const char *name = conf_get(c, profile, "role_session_name");
		int rc = web_identity(c, role, wif, name ? name : "yourside-collect", cr, err);

		if (!rc)
			say(c, "role %s by web identity (profile %s)", role, profile);
		return rc;
	}
	if (role && depth == 0)
		return role_of(c, profile, role, depth, cr, err);
	if (role && (conf_get(c, profile, "source_profile") || conf_get(c, profile, "credential_source")))
		return role_of(c, profile, role, depth, cr, err);
	if (!put(cr, ini_get(&c->cred, profile, "aws_access_key_id"),
		 ini_get(&c->cred, profile, "aws_secret_access_key"),
		 ini_get(&c->cred, profile, "aws_session_token"))) {
		say(c, "profile %s%s", profile, " (credentials file)");
		return 0;
	}
	if (proc) {
		int rc = process(proc, profile, cr, err);

		if (!rc)
			say(c, "profile %s%s", profile, " (credential_process)");
		return rc;
	}
	if (!put(cr, conf_get(c, profile, "aws_access_key_id"),
		 conf_get(c, profile, "aws_secret_access_key"),
		 conf_get(c, profile, "aws_session_token"))) {
		say(c, "profile %s%s", profile, " (config file)");
		return 0;
	}
	return YS_ENOTFOUND;
}

static char *shared_path(const char *env, const char *name)
{
	const char *v = getenv(env), *home = getenv("HOME");
	struct strbuf sb = STRBUF_INIT;

	if (v && *v)
		strbuf_addstr(&sb, v);
	else if (home)
		strbuf_addf(&sb, "%s/.aws/%s", home, name);
	return strbuf_detach(&sb, NULL);
}

int ys_creds_resolve(const struct ys_creds_opts *o, struct ys_aws_creds *cr, char *source,
		     size_t n, struct ys_error *err)
{
	struct chain c;
	const char *profile = o->profile;
	const char *wif = getenv("AWS_WEB_IDENTITY_TOKEN_FILE"), *role = getenv("AWS_ROLE_ARN");
	char *cpath = shared_path("AWS_SHARED_CREDENTIALS_FILE", "credentials");
	char *fpath = shared_path("AWS_CONFIG_FILE", "config");
	char imds_role[200] = "";
	int rc;

	memset(cr, 0, sizeof(*cr));
	memset(&c, 0, sizeof(c));
	c.o = o;
	c.source = source;
	c.n = n;
	*source = '\0';
	/* an explicit profile wins over the environment's keys, as in the AWS CLI */
	if (!profile && !from_env(cr)) {
		say(&c, "%s%s", "the environment", "");
		rc = 0;
		goto out;
	}
	if (!profile)
		profile = getenv("AWS_PROFILE") && *getenv("AWS_PROFILE") ? getenv("AWS_PROFILE")
									  : "default";
	ini_load(cpath, &c.cred);
	ini_load(fpath, &c.conf);
	if ((rc = ys_aws_shapes_load(&c.shapes, err)))
		goto out;
	rc = from_profile(&c, profile, 0, cr, err);
	if (rc != YS_ENOTFOUND)
		goto out;
	if (o->profile) {
		rc = ys_error_set(err, YS_ENOTFOUND, "profile %s has no credentials (in %s or %s)",
				  profile, cpath ? cpath : "~/.aws/credentials",
				  fpath ? fpath : "~/.aws/config");
		goto out;
	}
	if (wif && *wif && role && *role) {
		const char *name = getenv("AWS_ROLE_SESSION_NAME");

		rc = web_identity(&c, role, wif, name && *name ? name : "yourside-collect", cr, err);
		if (!rc)
			say(&c, "role %s by web identity%s", role, " (environment)");
		goto out;
	}
	if ((rc = container(cr, err)) != YS_ENOTFOUND) {
		if (!rc)
			say(&c, "%s%s", "the container's credentials endpoint", "");
		goto out;
	}
	if ((rc = instance(cr, imds_role, sizeof(imds_role), err)) != YS_ENOTFOUND) {
		if (!rc)
			say(&c, "the instance's role %s%s", imds_role, " (IMDSv2)");
		goto out;
	}
	rc = ys_error_set(err, YS_ENOTFOUND, "no AWS credentials: none in the environment, profile "
					     "%s, a container or instance role", profile);
out:
	ini_free(&c.cred);
	ini_free(&c.conf);
	ys_aws_shapes_free(c.shapes);
	free(cpath);
	free(fpath);
	if (rc)
		memset(cr, 0, sizeof(*cr));
	return rc;
}
