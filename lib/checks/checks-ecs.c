/* checks-ecs.c: ECS task definitions (network and process namespaces, users, privileges, root
 * filesystems, logs, credentials in the environment), services and task sets (public IPs,
 * Fargate platform) and clusters (Container Insights) */
#include <stdio.h>
#include <string.h>
#include "checks-containers.h"
#include "config-secrets.h"
#include "../base/strbuf.h"
#include "../banned.h"

typedef void (*td_fn)(struct ys_audit *, const char *region, const char *arn,
		      const struct ys_jval *td, void *ctx);

struct td_walk {
	td_fn fn;
	void *ctx;
};

static void td_region(struct ys_audit *a, const char *region, const struct ys_jval *root, void *ctx)
{
	const struct ys_jval *arns = ys_json_get(root, "taskDefinitionArns");
	struct td_walk *w = ctx;
	char rel[96];
	size_t i;

	snprintf(rel, sizeof(rel), "%s/ecs/describe-task-definition", region);
	for (i = 0; arns && arns->type == YS_J_ARRAY && i < arns->len; i++) {
		const char *arn = ys_json_str(&arns->u.items[i]);
		const struct ys_jval *d;

		if (!arn || !*arn)
			continue;
		ys_about(a, ys_cx_arn_tail(arn));
		if ((d = ys_need_x(a, rel, arn, region, NULL, NULL)))
			w->fn(a, region, arn, ys_json_get(d, "taskDefinition"), w->ctx);
		ys_about(a, NULL);
	}
}

/* Calls fn with each active task definition of every region, its family:revision as subject */
static void each_task_definition(struct ys_audit *a, td_fn fn, void *ctx)
{
	struct td_walk w = {fn, ctx};

	ys_each_region(a, "ecs/list-task-definitions", td_region, &w);
}

/* Appends the names of td's containers for which pred holds to sb ("web, worker"); returns how
 * many */
static int containers_where(const struct ys_jval *td, int (*pred)(const struct ys_jval *),
			    struct strbuf *sb)
{
	const struct ys_jval *cs = ys_json_get(td, "containerDefinitions"), *c;
	size_t i;
	int n = 0;

	for (i = 0; (c = ys_item(cs, i)); i++)
		if (pred(c)) {
			strbuf_addstr(sb, n++ ? ", " : "");
			strbuf_addstr(sb, *ys_str(c, "name") ? ys_str(c, "name") : "(unnamed)");
		}
	return n;
}

/* Judges each task definition by the containers pred picks: fail_fmt and pass_fmt take the
 * task definition's name, then (fail) the containers' names */
static void td_judge(struct ys_audit *a, const char *region, const char *arn,
		     const struct ys_jval *td, int (*pred)(const struct ys_jval *),
		     const char *fail_fmt, const char *pass_fmt)
{
	struct strbuf sb = STRBUF_INIT;
	const char *name = ys_cx_arn_tail(arn);

	if (containers_where(td, pred, &sb))
		ys_fail(a, arn, region, fail_fmt, name, sb.buf);
	else
		ys_pass(a, arn, region, pass_fmt, name);
	strbuf_release(&sb);
}

/* root: no user (the image's, root by default), "root", uid 0, with or without a group */
static int runs_as_root(const struct ys_jval *c)
{
	const char *u = ys_str(c, "user");
	size_t n = strcspn(u, ":");

	return !*u || (n == 4 && !strncmp(u, "root", 4)) || (n == 1 && u[0] == '0');
}

static int root_unprivileged(const struct ys_jval *c)
{
	return ys_bool(c, "privileged") != 1 && runs_as_root(c);
}

static int root_privileged(const struct ys_jval *c)
{
	return ys_bool(c, "privileged") == 1 && runs_as_root(c);
}

static void host_user_one(struct ys_audit *a, const char *region, const char *arn,
			  const struct ys_jval *td, void *ctx)
{
	const char *mode = ys_str(td, "networkMode"), *name = ys_cx_arn_tail(arn);
	struct strbuf sb = STRBUF_INIT;

	(void)ctx;
	if (strcmp(mode, "host"))
		ys_pass(a, arn, region,
			"task definition %s does not share the host's network (mode "
			"%s)",
			name, *mode ? mode : "bridge");
	else if (containers_where(td, root_unprivileged, &sb))
		ys_fail(a, arn, region,
			"task definition %s shares the host's network and runs "
			"containers as root: %s",
			name, sb.buf);
	else if (containers_where(td, root_privileged, &sb))
		ys_pass(a, arn, region,
			"task definition %s shares the host's network; its containers "
			"running as root are privileged, which ecs-task-privileged flags: %s",
			name, sb.buf);
	else
		ys_pass(a, arn, region,
			"task definition %s shares the host's network, but each "
			"container runs as a named non-root user",
			name);
	strbuf_release(&sb);
}

void ys_check_ecs_host_user(struct ys_audit *a)
{
	each_task_definition(a, host_user_one, NULL);
}

static void pid_one(struct ys_audit *a, const char *region, const char *arn,
		    const struct ys_jval *td, void *ctx)
{
	(void)ctx;
	if (!strcmp(ys_str(td, "pidMode"), "host"))
		ys_fail(a, arn, region,
			"task definition %s shares the host's process namespace: its "
			"containers see, and may signal, every process on the host",
			ys_cx_arn_tail(arn));
	else
		ys_pass(a, arn, region, "task definition %s keeps its processes to itself",
			ys_cx_arn_tail(arn));
}

void ys_check_ecs_pid_host(struct ys_audit *a)
{
	each_task_definition(a, pid_one, NULL);
}

static int privileged(const struct ys_jval *c)
{
	return ys_bool(c, "privileged") == 1;
}

static void privileged_one(struct ys_audit *a, const char *region, const char *arn,
			   const struct ys_jval *td, void *ctx)
{
	(void)ctx;
	td_judge(a, region, arn, td, privileged,
		 "task definition %s runs privileged containers, root on the host: %s",
		 "task definition %s runs no privileged container");
}

void ys_check_ecs_privileged(struct ys_audit *a)
{
	each_task_definition(a, privileged_one, NULL);
}

static int writable_root(const struct ys_jval *c)
{
	return ys_bool(c, "readonlyRootFilesystem") != 1;
}

static void readonly_one(struct ys_audit *a, const char *region, const char *arn,
			 const struct ys_jval *td, void *ctx)
{
	(void)ctx;
	td_judge(a, region, arn, td, writable_root,
		 "task definition %s lets these containers write to their root filesystem, where "
		 "an intruder can drop tools: %s",
		 "task definition %s's containers all have read-only root filesystems");
}

void ys_check_ecs_readonly_root(struct ys_audit *a)
{
	each_task_definition(a, readonly_one, NULL);
}

static int no_logs(const struct ys_jval *c)
{
	return !*ys_str(ys_json_get(c, "logConfiguration"), "logDriver");
}

static void logging_one(struct ys_audit *a, const char *region, const char *arn,
			const struct ys_jval *td, void *ctx)
{
	(void)ctx;
	td_judge(a, region, arn, td, no_logs,
		 "task definition %s sends these containers' logs nowhere: %s",
		 "task definition %s gives each container a log driver");
}

void ys_check_ecs_logging(struct ys_audit *a)
{
	each_task_definition(a, logging_one, NULL);
}

static void env_one(struct ys_audit *a, const char *region, const char *arn,
		    const struct ys_jval *td, void *ctx)
{
	const struct ys_jval *cs = ys_json_get(td, "containerDefinitions"), *c;
	struct ys_cfg_scan *sc = ctx;
	struct strbuf found = STRBUF_INIT;
	size_t i, vars = 0;
	int hits = 0, h;

	for (i = 0; (c = ys_item(cs, i)) && hits >= 0; i++) {
		const struct ys_jval *env = ys_json_get(c, "environment");
		struct strbuf one = STRBUF_INIT;

		vars += ys_count(env);
		if (!ys_count(env))
			continue;
		h = ys_cfg_scan_vars(sc, env, "name", "value", &one);
		if (h > 0)
			strbuf_addf(&found, "%scontainer %s: %s", hits ? "; " : "",
				    ys_str(c, "name"), one.buf);
		hits = h < 0 ? -1 : hits + h;
		strbuf_release(&one);
	}
	if (hits == 0 && !vars)
		ys_pass(a, arn, region, "task definition %s has no environment variables",
			ys_cx_arn_tail(arn));
	else if (hits < 0)
		ys_emit(a, YS_F_ERROR, arn, region,
			"task definition %s: the secrets engine could not "
			"start",
			ys_cx_arn_tail(arn));
	else if (hits)
		ys_fail(a, arn, region,
			"task definition %s keeps %s in its containers' environment, "
			"readable by whoever can describe it: %s",
			ys_cx_arn_tail(arn), hits == 1 ? "a credential" : "credentials", found.buf);
	else
		ys_pass(a, arn, region,
			"task definition %s's %zu environment variable%s hold%s no "
			"credential",
			ys_cx_arn_tail(arn), vars, vars == 1 ? "" : "s", vars == 1 ? "s" : "");
	strbuf_release(&found);
}

void ys_check_ecs_env_secrets(struct ys_audit *a)
{
	struct ys_cfg_scan *sc = ys_cfg_scan_for(a);

	if (!sc)
		return;
	each_task_definition(a, env_one, sc);
}

/* Each string of the array member list of root */
static const char *str_at(const struct ys_jval *root, const char *list, size_t i)
{
	const struct ys_jval *l = ys_json_get(root, list);

	return l && l->type == YS_J_ARRAY && i < l->len ? ys_json_str(&l->u.items[i]) : NULL;
}

static size_t str_count(const struct ys_jval *root, const char *list)
{
	const struct ys_jval *l = ys_json_get(root, list);

	return l && l->type == YS_J_ARRAY ? l->len : 0;
}

typedef void (*svc_fn)(struct ys_audit *, const char *region, const char *cluster,
		       const struct ys_jval *svc, void *ctx);

/* The services of one cluster, each with "SERVICE --cluster CLUSTER" as subject */
static void cluster_services(struct ys_audit *a, const char *region, const char *cluster, svc_fn fn,
			     void *ctx)
{
	const struct ys_jval *ls, *d;
	char rel[96], subject[600];
	size_t i;

	snprintf(rel, sizeof(rel), "%s/ecs/list-services", region);
	if (!(ls = ys_need_x(a, rel, cluster, region, NULL, NULL)))
		return;
	snprintf(rel, sizeof(rel), "%s/ecs/describe-services", region);
	for (i = 0; i < str_count(ls, "serviceArns"); i++) {
		const char *arn = str_at(ls, "serviceArns", i);

		if (!arn || !*arn)
			continue;
		snprintf(subject, sizeof(subject), "%s --cluster %s", ys_cx_arn_tail(arn),
			 ys_cx_arn_tail(cluster));
		ys_about(a, subject);
		if ((d = ys_need_x(a, rel, arn, region, NULL, NULL)) &&
		    ys_item(ys_json_get(d, "services"), 0))
			fn(a, region, cluster, ys_item(ys_json_get(d, "services"), 0), ctx);
		ys_about(a, NULL);
	}
}

struct svc_walk {
	svc_fn fn;
	void *ctx;
};

static void svc_region(struct ys_audit *a, const char *region, const struct ys_jval *root,
		       void *ctx)
{
	struct svc_walk *w = ctx;
	size_t i;

	for (i = 0; i < str_count(root, "clusterArns"); i++)
		if (str_at(root, "clusterArns", i) && *str_at(root, "clusterArns", i))
			cluster_services(a, region, str_at(root, "clusterArns", i), w->fn, w->ctx);
}

static void each_service(struct ys_audit *a, svc_fn fn, void *ctx)
{
	struct svc_walk w = {fn, ctx};

	ys_each_region(a, "ecs/list-clusters", svc_region, &w);
}

static int public_ip(const struct ys_jval *holder)
{
	const struct ys_jval *n =
	    ys_json_get(ys_json_get(holder, "networkConfiguration"), "awsvpcConfiguration");

	return !strcmp(ys_str(n, "assignPublicIp"), "ENABLED");
}

static void public_ip_one(struct ys_audit *a, const char *region, const char *cluster,
			  const struct ys_jval *s, void *ctx)
{
	const char *name = ys_str(s, "serviceName"), *arn = ys_str(s, "serviceArn");

	(void)ctx;
	if (!strcmp(ys_str(ys_json_get(s, "deploymentController"), "type"), "EXTERNAL") &&
	    !ys_json_get(s, "networkConfiguration"))
		ys_pass(a, arn, region,
			"service %s of cluster %s leaves networking to its task sets, "
			"which ecs-taskset-public-ip judges",
			name, ys_cx_arn_tail(cluster));
	else if (public_ip(s))
		ys_fail(a, arn, region,
			"service %s of cluster %s gives each task a public IP "
			"address: its tasks are reachable from the internet as far as their "
			"security groups allow",
			name, ys_cx_arn_tail(cluster));
	else
		ys_pass(a, arn, region,
			"service %s of cluster %s gives its tasks no public IP "
			"address",
			name, ys_cx_arn_tail(cluster));
}

void ys_check_ecs_service_public_ip(struct ys_audit *a)
{
	each_service(a, public_ip_one, NULL);
}

static void taskset_one(struct ys_audit *a, const char *region, const char *cluster,
			const struct ys_jval *s, void *ctx)
{
	const struct ys_jval *sets = ys_json_get(s, "taskSets"), *t;
	size_t i;

	(void)ctx;
	for (i = 0; (t = ys_item(sets, i)); i++) {
		const char *arn = ys_str(t, "taskSetArn"), *id = ys_str(t, "id");

		if (public_ip(t))
			ys_fail(a, arn, region,
				"task set %s of service %s (cluster %s) gives each "
				"task a public IP address",
				id, ys_str(s, "serviceName"), ys_cx_arn_tail(cluster));
		else
			ys_pass(a, arn, region,
				"task set %s of service %s (cluster %s) gives its "
				"tasks no public IP address",
				id, ys_str(s, "serviceName"), ys_cx_arn_tail(cluster));
	}
}

void ys_check_ecs_taskset_public_ip(struct ys_audit *a)
{
	each_service(a, taskset_one, NULL);
}

static int on_fargate(const struct ys_jval *s)
{
	const struct ys_jval *cps = ys_json_get(s, "capacityProviderStrategy"), *p;
	size_t i;

	if (!strcmp(ys_str(s, "launchType"), "FARGATE"))
		return 1;
	for (i = 0; (p = ys_item(cps, i)); i++)
		if (!strncmp(ys_str(p, "capacityProvider"), "FARGATE", 7))
			return 1;
	return 0;
}

/* The latest Fargate platform versions, Linux and Windows, from the Amazon ECS Developer
 * Guide's "Fargate platform versions" pages (as of December 2026): Security Hub's defaults */
#define FARGATE_LINUX_LATEST "1.4.0"
#define FARGATE_WINDOWS_LATEST "1.0.0"

static void platform_one(struct ys_audit *a, const char *region, const char *cluster,
			 const struct ys_jval *s, void *ctx)
{
	const char *name = ys_str(s, "serviceName"), *arn = ys_str(s, "serviceArn");
	const char *v = ys_str(s, "platformVersion");
	const char *latest = strstr(ys_str(s, "platformFamily"), "WINDOWS") ? FARGATE_WINDOWS_LATEST
									    : FARGATE_LINUX_LATEST;

	(void)ctx;
	(void)cluster;
	if (!on_fargate(s))
		return; /* tasks on EC2 instances have no platform version */
	if (!*v || !strcmp(v, "LATEST") || !strcmp(v, latest))
		ys_pass(a, arn, region,
			"Fargate service %s runs on the latest platform version (%s)", name,
			*v ? v : "LATEST");
	else
		ys_fail(a, arn, region,
			"Fargate service %s is pinned to platform version %s, not "
			"the latest (%s): it misses the platform's security fixes",
			name, v, latest);
}

void ys_check_ecs_fargate_platform(struct ys_audit *a)
{
	each_service(a, platform_one, NULL);
}

static void insights_cluster(struct ys_audit *a, const char *region, const char *arn)
{
	const struct ys_jval *d, *c, *set;
	const char *name = ys_cx_arn_tail(arn), *val = "";
	char rel[96];
	size_t i;

	snprintf(rel, sizeof(rel), "%s/ecs/describe-clusters", region);
	if (!(d = ys_need_x(a, rel, arn, region, NULL, NULL)) ||
	    !(c = ys_item(ys_json_get(d, "clusters"), 0)))
		return;
	for (i = 0; (set = ys_item(ys_json_get(c, "settings"), i)); i++)
		if (!strcmp(ys_str(set, "name"), "containerInsights"))
			val = ys_str(set, "value");
	if (!strcmp(val, "enabled") || !strcmp(val, "enhanced"))
		ys_pass(a, arn, region, "cluster %s collects Container Insights metrics (%s)", name,
			val);
	else
		ys_fail(a, arn, region,
			"cluster %s has Container Insights off: a task failing, "
			"restarting or suddenly busy goes unseen",
			name);
}

static void insights_region(struct ys_audit *a, const char *region, const struct ys_jval *root,
			    void *ctx)
{
	size_t i;

	(void)ctx;
	for (i = 0; i < str_count(root, "clusterArns"); i++) {
		const char *arn = str_at(root, "clusterArns", i);

		if (!arn || !*arn)
			continue;
		ys_about(a, ys_cx_arn_tail(arn));
		insights_cluster(a, region, arn);
		ys_about(a, NULL);
	}
}

void ys_check_ecs_container_insights(struct ys_audit *a)
{
	ys_each_region(a, "ecs/list-clusters", insights_region, NULL);
}
