/* config-leaks.c: the configuration-secret checks run for their finds, each AWS key id kept as a
 * leak (by its SHA-256, never in clear), with its secret when the same resource holds it too */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config-leaks.h"
#include "../base/codec.h"
#include "../base/hash.h"
#include "../checks/audit.h"
#include "../secrets/results.h"
#include "../secrets/rules.h"
#include "../secrets/scan.h"
#include "../banned.h"

/* the checks that look inside configuration */
static const char *const config_checks[] = {
	"lambda-env-secrets",	 "ecs-task-env-secrets",	"codebuild-env-secrets",
	"ec2-user-data-secrets", "ec2-launch-template-secrets", NULL,
};

struct found {
	char hash[65], redacted[40], account[16], file[512], subject[300];
	const struct ys_check *check;
};

struct gather {
	struct found *keys;
	size_t n, cap;
	/* resources that hold a secret access key: "<check>\n<subject>" */
	char **with;
	size_t nwith, capwith;
	int oom;
};

static int grow(void **v, size_t *cap, size_t n, size_t size)
{
	void *p;

	if (n < *cap)
		return 0;
	if (!(p = realloc(*v, (*cap ? *cap * 2 : 8) * size)))
		return -1;
	*v = p;
	*cap = *cap ? *cap * 2 : 8;
	return 0;
}

static void on_secret(void *ctx, const struct ys_check *check, const char *subject,
		      const char *where, const struct ys_secret_hit *hit)
{
	struct gather *g = ctx;
	uint8_t d[YS_SHA256_LEN];
	struct found *f;

	if (!strcmp(hit->rule->id, "aws-secret-access-key")) {
		char *key;

		if (grow((void **)&g->with, &g->capwith, g->nwith, sizeof(*g->with)) ||
		    !(key = malloc(strlen(check->id) + strlen(subject) + 2))) {
			g->oom = 1;
			return;
		}
		snprintf(key, strlen(check->id) + strlen(subject) + 2, "%s\n%s", check->id, subject);
		g->with[g->nwith++] = key;
		return;
	}
	if (strcmp(hit->rule->id, "aws-access-key-id"))
		return;
	if (grow((void **)&g->keys, &g->cap, g->n, sizeof(*g->keys))) {
		g->oom = 1;
		return;
	}
	f = &g->keys[g->n++];
	memset(f, 0, sizeof(*f));
	ys_sha256(hit->secret, hit->secret_len, d);
	ys_hex(d, YS_SHA256_LEN, f->hash);
	ys_secret_redact(hit->secret, hit->secret_len, f->redacted, sizeof(f->redacted));
	snprintf(f->account, sizeof(f->account), "%s", hit->account_id);
	snprintf(f->file, sizeof(f->file), "%s: %s, %s", check->id, subject, where);
	snprintf(f->subject, sizeof(f->subject), "%s", subject);
	f->check = check;
}

static int paired(const struct gather *g, const struct found *f)
{
	size_t i, n = strlen(f->check->id);

	for (i = 0; i < g->nwith; i++)
		if (!strncmp(g->with[i], f->check->id, n) && g->with[i][n] == '\n' &&
		    !strcmp(g->with[i] + n + 1, f->subject))
			return 1;
	return 0;
}

int ys_leaks_from_config(struct ys_leaks *l, struct ys_snapshot *snap, struct ys_error *err)
{
	struct gather g = {0};
	struct ys_audit_opts o = {-1, 0, config_checks, on_secret, &g, NULL, NULL};
	struct ys_audit_result *r = NULL;
	size_t i;
	int rc;

	if ((rc = ys_audit_run(snap, &o, &r, err)))
		goto out;
	ys_audit_result_free(r);
	if (g.oom) {
		rc = ys_error_set(err, YS_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < g.n && !rc; i++)
		if (ys_leaks_add(l, g.keys[i].hash, g.keys[i].redacted, g.keys[i].account,
				 paired(&g, &g.keys[i]), g.keys[i].file))
			rc = ys_error_set(err, YS_ENOMEM, "out of memory");
	if (!rc)
		rc = (int)g.n;
out:
	for (i = 0; i < g.nwith; i++)
		free(g.with[i]);
	free(g.with);
	free(g.keys);
	return rc;
}
