/* checks-apigateway.c: API Gateway stages log, trace, sit behind WAF, prove themselves to their
 * backend and encrypt their cache (REST); routes ask for authorization and stages keep access
 * logs (HTTP and WebSocket, apigatewayv2) */
#include <stdio.h>
#include <string.h>
#include "check-api.h"
#include "../banned.h"

/* One stage of an API, as the stage checks see it. */
struct stage {
	const char *region;
	const char *api;   /* the API's name */
	const char *kind;  /* "REST API", "HTTP API", "WebSocket API" */
	const char *name;  /* the stage's */
	const struct ys_jval *st;
	char arn[256];
	char subject[192]; /* "<api id> --stage-name <stage>", what the remediations' <name> becomes */
};

typedef void (*stage_fn)(struct ys_audit *a, const struct stage *s);

/* "<id> --stage-name <stage>", the stage quoted for the shell when it needs it ($default) */
static void stage_subject(char *out, size_t n, const char *id, const char *stage)
{
	size_t plain = strspn(stage, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				     "0123456789_-");

	snprintf(out, n, plain == strlen(stage) ? "%s --stage-name %s" : "%s --stage-name '%s'", id,
		 stage);
}

/* Calls fn with each stage of an API whose stages the snapshot holds at rel/<id>; list is the
 * member ("item" for REST, "Items" for v2). */
static void each_stage(struct ys_audit *a, const char *region, const char *rel, const char *list,
		       const char *id, const char *api, const char *kind, const char *path,
		       stage_fn fn)
{
	const struct ys_jval *root, *stages;
	struct stage s = {region, api, kind, NULL, NULL, "", ""};
	size_t i;

	if (!(root = ys_need_x(a, rel, id, region, NULL, NULL)))
		return;
	stages = ys_json_get(root, list);
	for (i = 0; i < ys_count(stages); i++) {
		if (!(s.st = ys_item(stages, i)))
			continue;
		s.name = ys_str(s.st, *list == 'i' ? "stageName" : "StageName");
		snprintf(s.arn, sizeof(s.arn), "arn:aws:apigateway:%s::/%s/%s/stages/%s", region,
			 path, id, s.name);
		stage_subject(s.subject, sizeof(s.subject), id, s.name);
		ys_about(a, s.subject);
		fn(a, &s);
		ys_about(a, NULL);
	}
}

struct rest_walk {
	stage_fn fn;
};

static void rest_api_one(struct ys_audit *a, const char *region, const struct ys_jval *api,
			 void *ctx)
{
	const struct rest_walk *w = ctx;
	char rel[128];

	snprintf(rel, sizeof(rel), "%s/apigateway/get-stages", region);
	each_stage(a, region, rel, "item", ys_str(api, "id"), ys_str(api, "name"), "REST API",
		   "restapis", w->fn);
}

/* Each stage of every REST API. */
static void each_rest_stage(struct ys_audit *a, stage_fn fn)
{
	struct rest_walk w = {fn};

	ys_each_item(a, "apigateway/get-rest-apis", "items", rest_api_one, &w);
}

struct v2_walk {
	stage_fn fn;
	const char *protocol; /* "HTTP", "WEBSOCKET", or NULL for both */
};

static void v2_api_one(struct ys_audit *a, const char *region, const struct ys_jval *api, void *ctx)
{
	const struct v2_walk *w = ctx;
	const char *proto = ys_str(api, "ProtocolType");
	char rel[128];

	if (w->protocol && strcmp(proto, w->protocol))
		return;
	snprintf(rel, sizeof(rel), "%s/apigatewayv2/get-stages", region);
	each_stage(a, region, rel, "Items", ys_str(api, "ApiId"), ys_str(api, "Name"),
		   !strcmp(proto, "WEBSOCKET") ? "WebSocket API" : "HTTP API", "apis", w->fn);
}

/* Each stage of every HTTP or WebSocket API (protocol NULL), or of one protocol. */
static void each_v2_stage(struct ys_audit *a, const char *protocol, stage_fn fn)
{
	struct v2_walk w = {fn, protocol};

	ys_each_item(a, "apigatewayv2/get-apis", "Items", v2_api_one, &w);
}

static int logs(const char *level)
{
	return !strcmp(level, "ERROR") || !strcmp(level, "INFO");
}

/* APIGateway.1: REST stages by their stage-wide method settings, and any method that turns
 * logging off */
static void rest_logging_one(struct ys_audit *a, const struct stage *s)
{
	const struct ys_jval *ms = ys_json_get(s->st, "methodSettings");
	const char *level = ys_str(ys_json_get(ms, "*/*"), "loggingLevel");
	size_t i;

	if (!logs(level)) {
		ys_fail(a, s->arn, s->region,
			"stage %s of %s %s writes no execution log (logging level %s): a failed or "
			"abused call leaves no trace",
			s->name, s->kind, s->api, *level ? level : "OFF");
		return;
	}
	for (i = 0; ms && ms->type == YS_J_OBJECT && i < ms->len; i++) {
		const struct ys_jmember *m = &ms->u.members[i];

		if (!strcmp(m->key, "*/*") || logs(ys_str(&m->val, "loggingLevel")))
			continue;
		ys_fail(a, s->arn, s->region,
			"stage %s of %s %s logs at %s level, but turns logging off for %s", s->name,
			s->kind, s->api, level, m->key);
		return;
	}
	ys_pass(a, s->arn, s->region, "stage %s of %s %s logs its executions at %s level", s->name,
		s->kind, s->api, level);
}

static void ws_logging_one(struct ys_audit *a, const struct stage *s)
{
	const char *level = ys_str(ys_json_get(s->st, "DefaultRouteSettings"), "LoggingLevel");

	if (logs(level))
		ys_pass(a, s->arn, s->region, "stage %s of %s %s logs its executions at %s level",
			s->name, s->kind, s->api, level);
	else
		ys_fail(a, s->arn, s->region,
			"stage %s of %s %s writes no execution log (logging level %s): a failed or "
			"abused call leaves no trace",
			s->name, s->kind, s->api, *level ? level : "OFF");
}

void ys_check_apigw_exec_logging(struct ys_audit *a)
{
	each_rest_stage(a, rest_logging_one);
	each_v2_stage(a, "WEBSOCKET", ws_logging_one);
}

/* APIGateway.2 */
static void client_cert_one(struct ys_audit *a, const struct stage *s)
{
	const char *cert = ys_str(s->st, "clientCertificateId");

	if (*cert)
		ys_pass(a, s->arn, s->region,
			"stage %s of %s %s shows its backend client certificate %s", s->name, s->kind,
			s->api, cert);
	else
		ys_fail(a, s->arn, s->region,
			"stage %s of %s %s calls its backend without a client certificate: the "
			"backend cannot tell API Gateway's calls from anyone else's",
			s->name, s->kind, s->api);
}

void ys_check_apigw_client_cert(struct ys_audit *a)
{
	each_rest_stage(a, client_cert_one);
}

/* APIGateway.3 */
static void tracing_one(struct ys_audit *a, const struct stage *s)
{
	if (ys_bool(s->st, "tracingEnabled") == 1)
		ys_pass(a, s->arn, s->region, "stage %s of %s %s traces its calls with X-Ray",
			s->name, s->kind, s->api);
	else
		ys_fail(a, s->arn, s->region,
			"stage %s of %s %s does not trace its calls with X-Ray: a slow or failing "
			"call cannot be followed to the backend",
			s->name, s->kind, s->api);
}

void ys_check_apigw_tracing(struct ys_audit *a)
{
	each_rest_stage(a, tracing_one);
}

/* APIGateway.4 */
static void waf_one(struct ys_audit *a, const struct stage *s)
{
	const char *acl = ys_str(s->st, "webAclArn");

	if (*acl)
		ys_pass(a, s->arn, s->region, "stage %s of %s %s is behind the WAF web ACL %s",
			s->name, s->kind, s->api, acl);
	else
		ys_fail(a, s->arn, s->region,
			"stage %s of %s %s has no WAF web ACL: injection attempts, bots and floods "
			"reach the backend unfiltered",
			s->name, s->kind, s->api);
}

void ys_check_apigw_waf(struct ys_audit *a)
{
	each_rest_stage(a, waf_one);
}

/* APIGateway.5: the stage's cache, when on, encrypts what the stage-wide settings and every
 * caching method keep (encryption is off unless set) */
static void cache_one(struct ys_audit *a, const struct stage *s)
{
	const struct ys_jval *ms = ys_json_get(s->st, "methodSettings");
	size_t i;

	if (ys_bool(s->st, "cacheClusterEnabled") != 1) {
		ys_pass(a, s->arn, s->region, "stage %s of %s %s keeps no cache", s->name, s->kind,
			s->api);
		return;
	}
	if (ys_bool(ys_json_get(ms, "*/*"), "cacheDataEncrypted") != 1) {
		ys_fail(a, s->arn, s->region,
			"stage %s of %s %s caches responses unencrypted at rest", s->name, s->kind,
			s->api);
		return;
	}
	for (i = 0; ms && ms->type == YS_J_OBJECT && i < ms->len; i++) {
		const struct ys_jval *m = &ms->u.members[i].val;

		if (ys_bool(m, "cachingEnabled") == 1 && ys_bool(m, "cacheDataEncrypted") != 1) {
			ys_fail(a, s->arn, s->region,
				"stage %s of %s %s caches %s's responses unencrypted at rest", s->name,
				s->kind, s->api, ms->u.members[i].key);
			return;
		}
	}
	ys_pass(a, s->arn, s->region, "stage %s of %s %s encrypts its cache at rest", s->name,
		s->kind, s->api);
}

void ys_check_apigw_cache_encrypted(struct ys_audit *a)
{
	each_rest_stage(a, cache_one);
}

/* APIGateway.9 */
static void access_log_one(struct ys_audit *a, const struct stage *s)
{
	const char *dest = ys_str(ys_json_get(s->st, "AccessLogSettings"), "DestinationArn");

	if (*dest)
		ys_pass(a, s->arn, s->region, "stage %s of %s %s writes access logs to %s", s->name,
			s->kind, s->api, dest);
	else
		ys_fail(a, s->arn, s->region,
			"stage %s of %s %s keeps no access log: who called which route, from where, "
			"is not recorded",
			s->name, s->kind, s->api);
}

void ys_check_apigw_access_logging(struct ys_audit *a)
{
	each_v2_stage(a, NULL, access_log_one);
}

/* APIGateway.8: every HTTP API route, and a WebSocket API's $connect (its only route that can
 * ask for authorization), names an authorization type */
static void routes_of(struct ys_audit *a, const char *region, const struct ys_jval *api, void *ctx)
{
	const char *id = ys_str(api, "ApiId"), *name = ys_str(api, "Name");
	int ws = !strcmp(ys_str(api, "ProtocolType"), "WEBSOCKET");
	const struct ys_jval *root, *routes;
	char rel[128], arn[256], subject[160];
	size_t i;

	(void)ctx;
	snprintf(rel, sizeof(rel), "%s/apigatewayv2/get-routes", region);
	if (!(root = ys_need_x(a, rel, id, region, NULL, NULL)))
		return;
	routes = ys_json_get(root, "Items");
	for (i = 0; i < ys_count(routes); i++) {
		const struct ys_jval *r = ys_item(routes, i);
		const char *key = ys_str(r, "RouteKey"), *rid = ys_str(r, "RouteId");
		const char *auth = ys_str(r, "AuthorizationType");

		if (!r || (ws && strcmp(key, "$connect")))
			continue;
		snprintf(arn, sizeof(arn), "arn:aws:apigateway:%s::/apis/%s/routes/%s", region, id,
			 rid);
		snprintf(subject, sizeof(subject), "%s --route-id %s", id, rid);
		ys_about(a, subject);
		if (!*auth || !strcmp(auth, "NONE"))
			ys_fail(a, arn, region,
				"route %s of %s %s lets anyone call it: it asks for no authorization",
				key, ws ? "WebSocket API" : "HTTP API", name);
		else
			ys_pass(a, arn, region, "route %s of %s %s asks for %s authorization", key,
				ws ? "WebSocket API" : "HTTP API", name, auth);
		ys_about(a, NULL);
	}
}

void ys_check_apigw_route_auth(struct ys_audit *a)
{
	ys_each_item(a, "apigatewayv2/get-apis", "Items", routes_of, NULL);
}
